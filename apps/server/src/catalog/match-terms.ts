/**
 * The lower-case words of a text (letters and digits, any script), for whole-word matching.
 *
 * @example
 * ```ts
 * words('Summarise THIS text, please!'); // ['summarise', 'this', 'text', 'please']
 * ```
 */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * The terms (keywords or skills, one word or several) that occur in `text` as whole words,
 * case-insensitively, in the order given and without duplicates. `ai` does not match
 * "maintain"; `machine learning` matches "Machine-learning models".
 *
 * @example
 * ```ts
 * matchingTerms('Translate this NLP text', ['nlp', 'ai', 'text']); // ['nlp', 'text']
 * ```
 */
export function matchingTerms(text: string, terms: readonly string[]): string[] {
  const haystack = ` ${words(text).join(' ')} `;
  const found: string[] = [];
  for (const term of terms) {
    const needle = words(term).join(' ');
    if (needle && haystack.includes(` ${needle} `) && !found.includes(term)) found.push(term);
  }
  return found;
}

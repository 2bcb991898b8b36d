/**
 * Tool call arguments as an object (what Anthropic's `tool_use.input` needs), from JSON text.
 * Empty text is `{}`. Text that is not a JSON object yields `undefined`, so the caller can warn
 * and decide.
 */
export function parseToolArguments(text: string): Record<string, unknown> | undefined {
  if (text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Tool call arguments as JSON text (what OpenAI needs), from Anthropic's `input`. Never empty. */
export function stringifyToolArguments(input: unknown): string {
  if (input === undefined || input === null) return '{}';
  return JSON.stringify(input);
}

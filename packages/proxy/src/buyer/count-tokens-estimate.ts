/** Characters per token of the local estimate: the usual rule of thumb for English and code. */
const CHARS_PER_TOKEN = 4;

/**
 * A local estimate of an Anthropic Messages request's input tokens, for
 * `/v1/messages/count_tokens` when the pinned service cannot count them itself: the characters of
 * the prompt text (system, message text, tool results, tool definitions as JSON) divided by 4,
 * rounded up. An estimate only, and never billed; images count nothing.
 *
 * @example
 * ```ts
 * estimateInputTokens({ messages: [{ role: 'user', content: 'Hello, world' }] }); // 3
 * ```
 */
export function estimateInputTokens(body: Record<string, unknown>): number {
  let chars = textLength(body.system);
  if (Array.isArray(body.messages)) {
    for (const message of body.messages) chars += textLength((message as { content?: unknown })?.content);
  }
  if (Array.isArray(body.tools)) chars += JSON.stringify(body.tools).length;
  return Math.ceil(chars / CHARS_PER_TOKEN);
}

/** The length of the text in a content value: a string, or blocks with `text`, `thinking`, `input` or nested `content`. */
function textLength(content: unknown): number {
  if (typeof content === 'string') return content.length;
  if (!Array.isArray(content)) return 0;
  let total = 0;
  for (const block of content) {
    if (typeof block !== 'object' || block === null) continue;
    const b = block as Record<string, unknown>;
    total += textLength(b.text) + textLength(b.thinking) + textLength(b.content);
    if (b.input !== undefined) total += JSON.stringify(b.input).length;
  }
  return total;
}

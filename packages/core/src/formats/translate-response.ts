import { codecFor, createContext } from './codecs.js';
import { outputBody, readInput, type TranslateInput, type TranslateResult } from './translate-result.js';

/**
 * Translates a whole (non-streaming) response body from the upstream's format into the
 * client's. Same-format translation returns the body untouched. A body that does not match its
 * format is an `invalid_response` error value (status 502: the upstream misbehaved). The result
 * also carries the source's token usage as the IR counts it (`usage`), for metering.
 *
 * @example
 * ```ts
 * const result = translateResponse({ from: 'anthropic-messages', to: 'openai-chat', body: message });
 * if (result.ok) console.log(result.body.choices);
 * ```
 */
export function translateResponse(input: TranslateInput<string>): TranslateResult<string>;
export function translateResponse(input: TranslateInput): TranslateResult;
export function translateResponse(input: TranslateInput): TranslateResult<unknown> {
  const read = readInput(input, 'invalid_response');
  if (!read.ok) return { ok: false, error: read.error, warnings: [] };
  const ctx = createContext(input.options);
  const parsed = codecFor(input.from).parseResponse(read.body, ctx);
  if (!parsed.ok) return { ok: false, error: parsed.error, warnings: ctx.warnings };
  const usage = parsed.value.usage;
  if (input.from === input.to) return { ok: true, body: input.body, warnings: [], usage };
  const body = codecFor(input.to).renderResponse(parsed.value, ctx);
  return { ok: true, body: outputBody(input.body, body), warnings: ctx.warnings, usage };
}

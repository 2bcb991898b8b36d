import { TranslationError } from '../errors/translation-error.js';
import { codecFor, createContext } from './codecs.js';
import type { IrRequest } from './ir.js';
import { outputBody, readInput, type TranslateInput, type TranslateResult } from './translate-result.js';

/** Responses fields that point at server-side state no other format can reach. */
const RESPONSES_STATE_FIELDS = ['previous_response_id', 'conversation'] as const;

/**
 * Translates a request body from one API format to another, with a warning for everything the
 * target cannot carry. Same-format translation returns the body it was given, untouched (after
 * checking it against the format's schema). Bad input is a value, not an exception.
 *
 * @example
 * ```ts
 * const result = translateRequest({
 *   from: 'openai-chat',
 *   to: 'anthropic-messages',
 *   body: { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] },
 * });
 * if (result.ok) console.log(result.body); // { model: 'gpt-4o', max_tokens: 8192, messages: [...] }
 * else console.log(result.error.status, result.error.message);
 * ```
 */
export function translateRequest(input: TranslateInput<string>): TranslateResult<string>;
export function translateRequest(input: TranslateInput): TranslateResult;
export function translateRequest(input: TranslateInput): TranslateResult<unknown> {
  const read = readInput(input, 'invalid_request');
  if (!read.ok) return { ok: false, error: read.error, warnings: [] };
  const ctx = createContext(input.options);
  const parsed = codecFor(input.from).parseRequest(read.body, ctx);
  if (input.from === input.to) {
    // What only another format cannot carry (a Responses `item_reference`) passes through.
    const passes = parsed.ok || parsed.error.code === 'unsupported_parameter';
    return passes
      ? { ok: true, body: input.body, warnings: [] }
      : { ok: false, error: parsed.error, warnings: ctx.warnings };
  }
  if (!parsed.ok) return { ok: false, error: parsed.error, warnings: ctx.warnings };

  const stateError = refuseServerState(parsed.value, input.to);
  if (stateError) return { ok: false, error: stateError, warnings: ctx.warnings };
  const rendered = codecFor(input.to).renderRequest(parsed.value, ctx);
  if (!rendered.ok) return { ok: false, error: rendered.error, warnings: ctx.warnings };
  return { ok: true, body: outputBody(input.body, rendered.value), warnings: ctx.warnings };
}

/**
 * A Responses request that continues stored server-side state cannot be sent to another format:
 * the history it refers to would silently vanish.
 */
function refuseServerState(ir: IrRequest, to: string): TranslationError | undefined {
  if (ir.extras.format !== 'openai-responses' || to === 'openai-responses') return undefined;
  const field = RESPONSES_STATE_FIELDS.find((f) => ir.extras.fields[f] != null);
  if (!field) return undefined;
  return new TranslationError(
    'unsupported_parameter',
    `${field}: stored conversation state is only available on an OpenAI Responses upstream; send the full history in "input" instead`,
    { param: field },
  );
}

import type { ApiFormat } from './api-format.js';
import { codecFor } from './codecs.js';
import { renderError } from './render-error.js';

/** Arguments of {@link translateErrorBody}. */
export interface TranslateErrorInput {
  /** The upstream's format. */
  from: ApiFormat;
  /** The client's format. */
  to: ApiFormat;
  /** HTTP status the upstream answered with. */
  status: number;
  /** The upstream's body: its text (JSON or not) or an already parsed value. */
  body: string | unknown;
}

/** Longest message taken from an unrecognised body. */
const MAX_MESSAGE_CHARS = 500;

/**
 * An upstream's error answer as an error body in the client's format, so the client's SDK
 * classifies it (`RateLimitError`, `BadRequestError`…) and shows the upstream's message.
 *
 * - A recognisable error of `from`, same format: the parsed body object, unchanged (extra
 *   fields such as Anthropic's `request_id` included).
 * - A recognisable error of `from`, other format: its type, code, message and param rendered
 *   in `to`'s shape.
 * - Anything else (HTML, plain text, empty, JSON of another shape): a generic error for the
 *   status with code `upstream_error`, whose message is the body's text trimmed and cut to 500
 *   characters (a JSON object's `detail` or `message` string when it has one), or
 *   `Upstream answered HTTP <status>` when there is no text.
 *
 * @example
 * ```ts
 * translateErrorBody({
 *   from: 'openai-chat',
 *   to: 'anthropic-messages',
 *   status: 429,
 *   body: '{"error":{"message":"Slow down","type":"requests","code":"rate_limit_exceeded"}}',
 * });
 * // { type: 'error', error: { type: 'rate_limit_error', message: 'Slow down', details: { error_code: 'rate_limit_exceeded' } } }
 * translateErrorBody({ from: 'openai-chat', to: 'openai-chat', status: 502, body: '<html>Bad Gateway</html>' });
 * // { error: { message: '<html>Bad Gateway</html>', type: 'server_error', param: null, code: 'upstream_error' } }
 * ```
 */
export function translateErrorBody(input: TranslateErrorInput): Record<string, unknown> {
  const value = typeof input.body === 'string' ? parseJson(input.body) : input.body;
  const error = codecFor(input.from).parseErrorBody(value, input.status);
  if (error !== undefined) {
    if (input.from === input.to) return value as Record<string, unknown>;
    return codecFor(input.to).renderErrorBody(error);
  }
  const text = cut(messageOf(value).trim());
  return renderError({
    format: input.to,
    status: input.status,
    code: 'upstream_error',
    message: text === '' ? `Upstream answered HTTP ${input.status}` : text,
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The text to show for a body that is not an error of the upstream's format. */
function messageOf(body: unknown): string {
  if (typeof body === 'string') return body;
  if (body === undefined || body === null) return '';
  if (typeof body === 'object') {
    // The marketplace's `{"detail": "..."}` and other services' `{"message": "..."}`.
    for (const key of ['detail', 'message'] as const) {
      const field: unknown = (body as Record<string, unknown>)[key];
      if (typeof field === 'string' && field.trim() !== '') return field;
    }
  }
  return JSON.stringify(body) ?? '';
}

/** At most {@link MAX_MESSAGE_CHARS} characters, never splitting a surrogate pair. */
function cut(text: string): string {
  if (text.length <= MAX_MESSAGE_CHARS) return text;
  return Array.from(text).slice(0, MAX_MESSAGE_CHARS).join('');
}

import type { IrError } from '../ir.js';
import { anthropicErrorBodySchema } from './anthropic-schema.js';

/** Anthropic error types and the HTTP status each one is answered with. */
const STATUS_BY_TYPE: Readonly<Record<string, number>> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  conflict_error: 409,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

const TYPE_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

/**
 * The Anthropic error type of an HTTP status (other 4xx → `invalid_request_error`, other 5xx →
 * `api_error`).
 *
 * @example
 * ```ts
 * anthropicErrorTypeForStatus(529); // 'overloaded_error'
 * ```
 */
export function anthropicErrorTypeForStatus(status: number): string {
  return TYPE_BY_STATUS[status] ?? (status >= 400 && status < 500 ? 'invalid_request_error' : 'api_error');
}

/**
 * The HTTP status of an Anthropic error type (500 when unknown), for errors that arrive
 * without one (a stream's `error` event).
 *
 * @example
 * ```ts
 * statusForAnthropicErrorType('rate_limit_error'); // 429
 * ```
 */
export function statusForAnthropicErrorType(type: string): number {
  return Object.hasOwn(STATUS_BY_TYPE, type) ? (STATUS_BY_TYPE[type] as number) : 500;
}

/**
 * The `{"type":"error","error":{"type","message"}}` payload of an IR error, used both as an
 * HTTP error body and as a stream's `error` event. The IR type is kept when it is one of
 * Anthropic's (SDKs classify errors by it); otherwise it follows the status.
 *
 * @example
 * ```ts
 * renderAnthropicErrorBody({ status: 429, type: 'rate_limit_exceeded', message: 'Slow down.' });
 * // { type: 'error', error: { type: 'rate_limit_error', message: 'Slow down.' } }
 * ```
 */
export function renderAnthropicErrorBody(error: IrError): Record<string, unknown> {
  const type = Object.hasOwn(STATUS_BY_TYPE, error.type)
    ? error.type
    : anthropicErrorTypeForStatus(error.status);
  return { type: 'error', error: { type, message: error.message } };
}

/**
 * Reads an Anthropic error body; `undefined` when `body` is not one. The IR `code` is the
 * error's `details.error_code` when present, else its type.
 *
 * @example
 * ```ts
 * parseAnthropicErrorBody({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }, 529);
 * // { status: 529, type: 'overloaded_error', code: 'overloaded_error', message: 'Overloaded' }
 * ```
 */
export function parseAnthropicErrorBody(body: unknown, status: number): IrError | undefined {
  const parsed = anthropicErrorBodySchema.safeParse(body);
  if (!parsed.success) return undefined;
  const { error } = parsed.data;
  return {
    status,
    type: error.type,
    code: error.details?.error_code ?? error.type,
    message: error.message ?? '',
  };
}

import { statusForIrErrorType } from '../error-types.js';
import type { IrError } from '../ir.js';
import { ChatErrorObject, type ChatErrorObjectBody } from './chat-schema.js';

/** IR (Anthropic-vocabulary) error types, kept as they are when a Chat error already uses one. */
const IR_TYPES = new Set([
  'invalid_request_error',
  'authentication_error',
  'permission_error',
  'not_found_error',
  'rate_limit_error',
  'api_error',
  'overloaded_error',
  'timeout_error',
]);

/** Statuses whose meaning is more precise than whatever `type` an OpenAI error body says. */
const STATUS_TYPES: Record<number, string> = {
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  429: 'rate_limit_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

/**
 * The OpenAI error `type` for an HTTP status.
 *
 * @example
 * ```ts
 * chatErrorType(429); // 'rate_limit_error'
 * ```
 */
export function chatErrorType(status: number): string {
  if (status === 400 || status === 422) return 'invalid_request_error';
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 429) return 'rate_limit_error';
  if (status >= 400 && status < 500) return 'invalid_request_error';
  return 'server_error';
}

/**
 * The `error` object of a Chat error body or in-stream error chunk:
 * `{ message, type, param, code }` (`param` and `code` are `null` when unknown).
 *
 * @example
 * ```ts
 * renderChatErrorObject({ status: 429, type: 'rate_limit_error', message: 'Slow down' });
 * // { message: 'Slow down', type: 'rate_limit_error', param: null, code: 'rate_limit_exceeded' }
 * ```
 */
export function renderChatErrorObject(error: IrError): Record<string, unknown> {
  return {
    message: error.message,
    type: chatErrorType(error.status),
    param: error.param ?? null,
    code: error.code ?? (error.status === 429 ? 'rate_limit_exceeded' : null),
  };
}

/**
 * The error body in OpenAI's shape.
 *
 * @example
 * ```ts
 * renderChatErrorBody({ status: 400, type: 'invalid_request_error', message: 'Bad.' });
 * // { error: { message: 'Bad.', type: 'invalid_request_error', param: null, code: null } }
 * ```
 */
export function renderChatErrorBody(error: IrError): Record<string, unknown> {
  return { error: renderChatErrorObject(error) };
}

/**
 * The data of an in-stream error chunk: the error object plus its HTTP `status`, which the
 * stream cannot otherwise say (it was answered 200 before the error). OpenAI's SDK ignores the
 * extra field; Tollway's parser reads it back.
 *
 * @example
 * ```ts
 * renderChatStreamError({ status: 502, type: 'api_error', code: 'stream_truncated', message: 'Cut off.' });
 * // { error: { message: 'Cut off.', type: 'server_error', param: null, code: 'stream_truncated', status: 502 } }
 * ```
 */
export function renderChatStreamError(error: IrError): Record<string, unknown> {
  return { error: { ...renderChatErrorObject(error), status: error.status } };
}

/**
 * The IR error of a Chat `error` object. `status` is the HTTP status when there is one (an error
 * body); for an in-stream error it comes from the object's own `status` (which Tollway renders),
 * a numeric `code` (as LiteLLM sends), the type, else 500.
 *
 * @example
 * ```ts
 * chatErrorToIr({ message: 'Boom', type: 'server_error', code: null });
 * // { status: 500, type: 'api_error', message: 'Boom' }
 * ```
 */
export function chatErrorToIr(error: ChatErrorObjectBody, status?: number): IrError {
  const code = error.code ?? undefined;
  const numeric =
    error.status ?? (typeof code === 'number' ? code : /^\d{3}$/.test(code ?? '') ? Number(code) : undefined);
  const type = irErrorType(error.type ?? '', code === undefined ? '' : String(code), status ?? numeric);
  const ir: IrError = {
    status: status ?? numeric ?? statusForIrErrorType(type),
    type,
    message: error.message ?? 'unknown error',
  };
  if (code !== undefined) ir.code = String(code);
  if (error.param != null) ir.param = error.param;
  return ir;
}

function irErrorType(type: string, code: string, status: number | undefined): string {
  const byStatus = status === undefined ? undefined : STATUS_TYPES[status];
  if (byStatus) return byStatus;
  if (IR_TYPES.has(type)) return type;
  if (type.includes('rate_limit') || code === 'rate_limit_exceeded' || type === 'insufficient_quota') {
    return 'rate_limit_error';
  }
  if (type === 'server_error' || status === undefined || status >= 500) return 'api_error';
  return 'invalid_request_error';
}

/**
 * Reads an OpenAI error body (`{"error": {...}}`, or `{"error": "text"}` as some compatible
 * servers send); undefined when the body is not one.
 *
 * @example
 * ```ts
 * parseChatErrorBody({ error: { message: 'Slow down', type: 'requests', code: 'rate_limit_exceeded' } }, 429);
 * // { status: 429, type: 'rate_limit_error', code: 'rate_limit_exceeded', message: 'Slow down' }
 * ```
 */
export function parseChatErrorBody(body: unknown, status: number): IrError | undefined {
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
  const error: unknown = body.error;
  if (typeof error === 'string') return chatErrorToIr({ message: error }, status);
  const parsed = ChatErrorObject.safeParse(error);
  return parsed.success ? chatErrorToIr(parsed.data, status) : undefined;
}

import type { ApiFormat } from './api-format.js';
import { codecFor } from './codecs.js';
import type { IrError } from './ir.js';

/** Arguments of {@link renderError}. */
export interface RenderErrorInput {
  format: ApiFormat;
  /** HTTP status the error is answered with. */
  status: number;
  /** Stable machine code (`no_peer_pinned`, `upstream_timeout`). */
  code: string;
  message: string;
  /** The request field at fault, when there is one. */
  param?: string;
}

/**
 * The error body in a format's own shape, so that each client's SDK classifies it correctly:
 * Anthropic `{"type":"error","error":{"type","message"}}` (the error type follows the status:
 * 429 → `rate_limit_error`, 529 → `overloaded_error`), OpenAI `{"error":{"message","type","param","code"}}`.
 *
 * @example
 * ```ts
 * renderError({ format: 'openai-chat', status: 400, code: 'no_peer_pinned', message: 'No peer pinned.' });
 * // { error: { message: 'No peer pinned.', type: 'invalid_request_error', param: null, code: 'no_peer_pinned' } }
 * ```
 */
export function renderError(input: RenderErrorInput): Record<string, unknown> {
  const error: IrError = {
    status: input.status,
    type: errorTypeForStatus(input.status),
    code: input.code,
    message: input.message,
  };
  if (input.param !== undefined) error.param = input.param;
  return codecFor(input.format).renderErrorBody(error);
}

/** Anthropic's error type vocabulary (the IR's), by HTTP status. */
export function errorTypeForStatus(status: number): string {
  switch (status) {
    case 400:
    case 422:
      return 'invalid_request_error';
    case 401:
      return 'authentication_error';
    case 402:
      return 'billing_error';
    case 403:
      return 'permission_error';
    case 404:
      return 'not_found_error';
    case 413:
      return 'request_too_large';
    case 429:
      return 'rate_limit_error';
    case 504:
      return 'timeout_error';
    case 529:
      return 'overloaded_error';
    default:
      return status >= 400 && status < 500 ? 'invalid_request_error' : 'api_error';
  }
}

import type { ApiFormat } from './api-format.js';
import { codecFor } from './codecs.js';
import { irErrorTypeForStatus } from './error-types.js';
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
    type: irErrorTypeForStatus(input.status),
    code: input.code,
    message: input.message,
  };
  if (input.param !== undefined) error.param = input.param;
  return codecFor(input.format).renderErrorBody(error);
}

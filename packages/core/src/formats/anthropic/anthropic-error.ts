import { irErrorTypeForStatus, isIrErrorType } from '../error-types.js';
import type { IrError } from '../ir.js';
import { anthropicErrorBodySchema } from './anthropic-schema.js';

/**
 * The `{"type":"error","error":{"type","message"}}` payload of an IR error, used both as an
 * HTTP error body and as a stream's `error` event. The IR type is kept when it is one of
 * Anthropic's (SDKs classify errors by it); otherwise it follows the status. A code that says
 * more than the type (`no_peer_pinned`) goes where Anthropic puts machine codes,
 * `error.details.error_code`.
 *
 * @example
 * ```ts
 * renderAnthropicErrorBody({ status: 429, type: 'rate_limit_exceeded', message: 'Slow down.' });
 * // { type: 'error', error: { type: 'rate_limit_error', message: 'Slow down.' } }
 * ```
 */
export function renderAnthropicErrorBody(error: IrError): Record<string, unknown> {
  const type = isIrErrorType(error.type) ? error.type : irErrorTypeForStatus(error.status);
  const body: Record<string, unknown> = { type, message: error.message };
  if (error.code !== undefined && error.code !== type) body.details = { error_code: error.code };
  return { type: 'error', error: body };
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

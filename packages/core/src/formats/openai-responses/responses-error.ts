/**
 * Errors in the Responses format: the HTTP error body (`{"error":{message,type,param,code}}`,
 * as for Chat Completions) and the error codes of failed responses and `error` stream events.
 */
import type { IrError } from '../ir.js';
import { responsesErrorBodySchema } from './responses-schema.js';

/** OpenAI's error `type` for an HTTP status. */
export function openaiErrorType(status: number): string {
  switch (status) {
    case 401:
      return 'authentication_error';
    case 403:
      return 'permission_error';
    case 404:
      return 'not_found_error';
    case 429:
      return 'rate_limit_error';
    default:
      return status >= 500 ? 'server_error' : 'invalid_request_error';
  }
}

/** The IR (Anthropic-vocabulary) error type for an HTTP status. */
export function irErrorType(status: number): string {
  switch (status) {
    case 401:
      return 'authentication_error';
    case 403:
      return 'permission_error';
    case 404:
      return 'not_found_error';
    case 408:
    case 504:
      return 'timeout_error';
    case 429:
      return 'rate_limit_error';
    case 503:
    case 529:
      return 'overloaded_error';
    default:
      return status >= 400 && status < 500 ? 'invalid_request_error' : 'api_error';
  }
}

/** The HTTP status a failed response's or `error` event's `code` corresponds to. */
export function statusForResponsesCode(code: string | null | undefined): number {
  if (!code) return 500;
  if (code === 'rate_limit_exceeded' || code === 'insufficient_quota') return 429;
  if (code === 'server_error' || code === 'vector_store_timeout') return 500;
  if (code === 'stream_truncated' || code === 'upstream_stream_failed') return 502;
  if (code.startsWith('invalid_') || code.startsWith('image_') || code.endsWith('_mismatch')) return 400;
  if (
    ['bio_policy', 'unsupported_image_media_type', 'empty_image_file', 'failed_to_download_image'].includes(
      code,
    )
  ) {
    return 400;
  }
  return 500;
}

/** The `code` of a failed response for an IR error: its own code, else one derived from its type. */
export function responsesCodeFor(error: IrError): string {
  if (error.code) return error.code;
  if (error.type === 'rate_limit_error') return 'rate_limit_exceeded';
  if (error.type === 'invalid_request_error') return 'invalid_prompt';
  return 'server_error';
}

/**
 * The error body of the Responses API for an IR error.
 *
 * @example
 * ```ts
 * renderResponsesErrorBody({ status: 400, type: 'invalid_request_error', message: 'bad', param: 'input' });
 * // { error: { message: 'bad', type: 'invalid_request_error', param: 'input', code: null } }
 * ```
 */
export function renderResponsesErrorBody(error: IrError): Record<string, unknown> {
  return {
    error: {
      message: error.message,
      type: openaiErrorType(error.status),
      param: error.param ?? null,
      code: error.code ?? null,
    },
  };
}

/**
 * Reads an OpenAI error body answered with HTTP `status`; undefined when `body` is not one.
 *
 * @example
 * ```ts
 * parseResponsesErrorBody({ error: { message: 'Slow down', type: 'rate_limit_error', param: null, code: 'rate_limit_exceeded' } }, 429);
 * // { status: 429, type: 'rate_limit_error', code: 'rate_limit_exceeded', message: 'Slow down' }
 * ```
 */
export function parseResponsesErrorBody(body: unknown, status: number): IrError | undefined {
  const parsed = responsesErrorBodySchema.safeParse(body);
  if (!parsed.success) return undefined;
  const { error } = parsed.data;
  const ir: IrError = { status, type: irErrorType(status), message: error.message };
  if (error.code !== undefined && error.code !== null) ir.code = String(error.code);
  if (error.param) ir.param = error.param;
  return ir;
}

// The IR's error vocabulary is Anthropic's, the richest of the three; every codec maps to it.

/** IR error types (Anthropic's vocabulary) and the HTTP status each one stands for. */
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
 * The IR (Anthropic) error type of an HTTP status (other 4xx → `invalid_request_error`, other 5xx →
 * `api_error`).
 *
 * @example
 * ```ts
 * irErrorTypeForStatus(529); // 'overloaded_error'
 * ```
 */
export function irErrorTypeForStatus(status: number): string {
  return TYPE_BY_STATUS[status] ?? (status >= 400 && status < 500 ? 'invalid_request_error' : 'api_error');
}

/**
 * The HTTP status of an IR (Anthropic) error type (500 when unknown), for errors that arrive
 * without one (a stream's `error` event).
 *
 * @example
 * ```ts
 * statusForIrErrorType('rate_limit_error'); // 429
 * ```
 */
export function statusForIrErrorType(type: string): number {
  return Object.hasOwn(STATUS_BY_TYPE, type) ? (STATUS_BY_TYPE[type] as number) : 500;
}

/**
 * Whether `type` is one of the IR's (Anthropic's) error types.
 *
 * @example
 * ```ts
 * isIrErrorType('overloaded_error'); // true
 * isIrErrorType('server_error'); // false
 * ```
 */
export function isIrErrorType(type: string): boolean {
  return Object.hasOwn(STATUS_BY_TYPE, type);
}

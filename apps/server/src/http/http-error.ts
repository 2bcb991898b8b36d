import { TollwayError } from '@tollway/core';

/**
 * An error the marketplace answers with its own status and `{"detail": "..."}` body. Throw it
 * from a route handler; the global error handler renders it.
 *
 * @example
 * ```ts
 * throw new HttpError(404, 'Service not found');
 * throw new HttpError(429, 'Rate limit exceeded. Try again later.', { headers: { 'Retry-After': '12' } });
 * ```
 */
export class HttpError extends TollwayError {
  override readonly name = 'HttpError';
  readonly status: number;
  readonly headers: Record<string, string>;
  /** Extra top-level fields of the error body beside `detail` (for example validation `errors`). */
  readonly extra: Record<string, unknown>;

  constructor(
    status: number,
    detail: string,
    options: {
      code?: string;
      headers?: Record<string, string>;
      extra?: Record<string, unknown>;
      cause?: unknown;
    } = {},
  ) {
    super(options.code ?? codeForStatus(status), detail, { cause: options.cause });
    this.status = status;
    this.headers = options.headers ?? {};
    this.extra = options.extra ?? {};
  }
}

function codeForStatus(status: number): string {
  const codes: Record<number, string> = {
    400: 'bad_request',
    401: 'unauthorized',
    403: 'forbidden',
    404: 'not_found',
    409: 'conflict',
    413: 'payload_too_large',
    422: 'validation_error',
    429: 'rate_limited',
    502: 'bad_gateway',
    504: 'gateway_timeout',
  };
  return codes[status] ?? 'http_error';
}

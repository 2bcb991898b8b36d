import { TollwayError } from '@tollway/core';

/** Stable codes of refused outbound calls. */
export type SsrfErrorCode = 'invalid_url' | 'internal_address' | 'too_many_redirects';

/**
 * An outbound URL or address the marketplace refuses to call.
 *
 * @example
 * ```ts
 * new SsrfError('internal_address', '10.0.0.5 is an internal address');
 * ```
 */
export class SsrfError extends TollwayError {
  override readonly name = 'SsrfError';
  override readonly code: SsrfErrorCode;

  constructor(code: SsrfErrorCode, message: string) {
    super(code, message);
    this.code = code;
  }
}

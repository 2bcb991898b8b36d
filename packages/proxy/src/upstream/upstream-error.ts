import { TollwayError } from '@tollway/core';

/** Codes of {@link UpstreamError}. */
export type UpstreamErrorCode = 'upstream_unreachable' | 'upstream_timeout';

/**
 * The upstream model server could not be reached (502) or did not answer in time (504).
 *
 * @example
 * ```ts
 * const err = new UpstreamError('upstream_timeout', 'The upstream did not answer within 120 s.');
 * err.status; // 504
 * ```
 */
export class UpstreamError extends TollwayError {
  override readonly name = 'UpstreamError';
  declare readonly code: UpstreamErrorCode;
  readonly status: 502 | 504;

  constructor(code: UpstreamErrorCode, message: string, options: { details?: string; cause?: unknown } = {}) {
    super(code, message, options);
    this.status = code === 'upstream_timeout' ? 504 : 502;
  }
}

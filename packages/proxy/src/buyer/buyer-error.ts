import { TollwayError, type TollwayErrorOptions } from '@tollway/core';

/** Stable codes of the buyer proxy's own errors (pinning and translation errors keep theirs). */
export type BuyerErrorCode =
  | 'peer_not_found'
  | 'model_not_offered'
  | 'model_required'
  | 'peer_unreachable'
  | 'peer_timeout'
  | 'tls_fingerprint_mismatch'
  | 'invalid_json'
  | 'invalid_response'
  | 'not_found'
  | 'method_not_allowed'
  | 'shutting_down';

const STATUS: Record<BuyerErrorCode, number> = {
  peer_not_found: 404,
  model_not_offered: 404,
  model_required: 400,
  peer_unreachable: 502,
  peer_timeout: 504,
  tls_fingerprint_mismatch: 502,
  invalid_json: 400,
  invalid_response: 502,
  not_found: 404,
  method_not_allowed: 405,
  shutting_down: 503,
};

/**
 * A request the buyer proxy cannot serve. `status` is the HTTP status it is answered with;
 * the body is rendered in the caller's own format.
 *
 * @example
 * ```ts
 * const err = new BuyerError('model_required', 'The request has no "model".', { param: 'model' });
 * err.status; // 400
 * ```
 */
export class BuyerError extends TollwayError {
  override readonly name = 'BuyerError';
  override readonly code: BuyerErrorCode;
  readonly status: number;
  readonly param: string | undefined;

  constructor(code: BuyerErrorCode, message: string, options: TollwayErrorOptions & { param?: string } = {}) {
    super(code, message, options);
    this.code = code;
    this.status = STATUS[code];
    this.param = options.param;
  }
}

import { TollwayError } from '@tollway/core';

/** Stable codes of signing failures (a caller's mistake, not a peer's). */
export type SigningErrorCode = 'invalid_metadata' | 'peer_id_mismatch' | 'invalid_request_to_sign';

/**
 * Something this node was asked to sign or check cannot be signed or checked as given: metadata
 * that does not match its schema, metadata for another peer, or a malformed request to sign. What a *peer* sends
 * wrong is returned as a value by the verify functions, never thrown.
 *
 * @example
 * ```ts
 * const err = new SigningError('peer_id_mismatch', 'metadata.peerId is not this identity');
 * err.code; // 'peer_id_mismatch'
 * ```
 */
export class SigningError extends TollwayError {
  override readonly name = 'SigningError';
  override readonly code: SigningErrorCode;

  constructor(code: SigningErrorCode, message: string, options: { details?: string; cause?: unknown } = {}) {
    super(code, message, options);
    this.code = code;
  }
}

import { TollwayError } from '@tollway/core';

/** Stable codes of identity failures. */
export type IdentityErrorCode = 'invalid_identity_key' | 'identity_key_unavailable';

/**
 * An identity key that cannot be used: malformed hex, a value outside the secp256k1 range, or a
 * key file that cannot be read or written. The message names where the key came from and what is
 * wrong with it, never the key itself.
 *
 * @example
 * ```ts
 * const err = new IdentityError('invalid_identity_key', 'TOLLWAY_IDENTITY_HEX is not 64 hex characters');
 * err.code; // 'invalid_identity_key'
 * ```
 */
export class IdentityError extends TollwayError {
  override readonly name = 'IdentityError';
  override readonly code: IdentityErrorCode;

  constructor(code: IdentityErrorCode, message: string, options: { details?: string; cause?: unknown } = {}) {
    super(code, message, options);
    this.code = code;
  }
}

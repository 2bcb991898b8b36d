import { TollwayError } from '@tollway/core';

/** Stable codes of failed calls to a payment provider (PayPal, NOWPayments). */
export type PaymentProviderErrorCode =
  /** The provider could not be reached or did not answer in time. */
  | 'provider_unreachable'
  /** The provider refused the credentials (HTTP 401/403). */
  | 'provider_auth_failed'
  /** The provider answered with an error status; `status` and `providerCode` say which. */
  | 'provider_rejected'
  /** The provider answered 2xx with a body that is not what its API documents. */
  | 'provider_invalid_response';

/**
 * A call to a payment provider's HTTP API failed. `status` is the provider's HTTP status (when it
 * answered) and `providerCode` its own error name (`ORDER_NOT_APPROVED`, `INVALID_API_KEY`, …).
 * Messages never contain credentials.
 *
 * @example
 * ```ts
 * const err = new PaymentProviderError('provider_rejected', 'PayPal refused the capture', { status: 422, providerCode: 'ORDER_NOT_APPROVED' });
 * err.code; // 'provider_rejected'
 * ```
 */
export class PaymentProviderError extends TollwayError {
  override readonly name = 'PaymentProviderError';
  override readonly code: PaymentProviderErrorCode;
  readonly status: number | undefined;
  readonly providerCode: string | undefined;

  constructor(
    code: PaymentProviderErrorCode,
    message: string,
    options: { status?: number; providerCode?: string; details?: string; cause?: unknown } = {},
  ) {
    super(code, message, options);
    this.code = code;
    this.status = options.status;
    this.providerCode = options.providerCode;
  }
}

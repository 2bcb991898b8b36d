import {
  createNowPaymentsClient,
  createPayPalClient,
  NOWPAYMENTS_LIVE_BASE_URL,
  type NowPaymentsClient,
  PAYPAL_LIVE_BASE_URL,
  type PayPalClient,
} from '@tollway/payments';

/** The deposit providers this server is configured for; either may be missing. */
export interface PaymentProviders {
  paypal?: PayPalClient;
  nowpayments?: {
    client: NowPaymentsClient;
    /** Keys the HMAC-SHA512 signatures of IPN callbacks. */
    ipnSecret: string;
    /** The coin buyers pay deposits in (default `usdcbase`). */
    payCurrency: string;
    /** Where NOWPayments should send IPN callbacks (`<public url>/api/v1/ipn/nowpayments`), if known. */
    ipnCallbackUrl?: string;
  };
}

/**
 * The deposit providers from environment variables: PayPal with `PAYPAL_CLIENT_ID` and
 * `PAYPAL_CLIENT_SECRET` (`PAYPAL_BASE_URL`, default the sandbox unless `PAYPAL_MODE=live`);
 * NOWPayments with `NOWPAYMENTS_API_KEY` and `NOWPAYMENTS_IPN_SECRET` (`NOWPAYMENTS_BASE_URL`,
 * `NOWPAYMENTS_PAY_CURRENCY`); IPN callbacks go to `TOLLWAY_PUBLIC_URL` when it is set.
 *
 * @example
 * ```ts
 * const providers = paymentProvidersFromEnv({ PAYPAL_CLIENT_ID: 'id', PAYPAL_CLIENT_SECRET: 'secret' });
 * providers.paypal !== undefined; // true
 * ```
 */
export function paymentProvidersFromEnv(env: Record<string, string | undefined>): PaymentProviders {
  const providers: PaymentProviders = {};
  if (env.PAYPAL_CLIENT_ID && env.PAYPAL_CLIENT_SECRET) {
    providers.paypal = createPayPalClient({
      baseUrl:
        env.PAYPAL_BASE_URL ??
        (env.PAYPAL_MODE === 'live' ? PAYPAL_LIVE_BASE_URL : 'https://api-m.sandbox.paypal.com'),
      clientId: env.PAYPAL_CLIENT_ID,
      clientSecret: env.PAYPAL_CLIENT_SECRET,
    });
  }
  if (env.NOWPAYMENTS_API_KEY && env.NOWPAYMENTS_IPN_SECRET) {
    const publicUrl = env.TOLLWAY_PUBLIC_URL?.replace(/\/+$/, '');
    providers.nowpayments = {
      client: createNowPaymentsClient({
        baseUrl: env.NOWPAYMENTS_BASE_URL ?? NOWPAYMENTS_LIVE_BASE_URL,
        apiKey: env.NOWPAYMENTS_API_KEY,
      }),
      ipnSecret: env.NOWPAYMENTS_IPN_SECRET,
      payCurrency: env.NOWPAYMENTS_PAY_CURRENCY ?? 'usdcbase',
      ...(publicUrl ? { ipnCallbackUrl: `${publicUrl}/api/v1/ipn/nowpayments` } : {}),
    };
  }
  return providers;
}

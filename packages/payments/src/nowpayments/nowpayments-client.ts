import { type FetchLike, joinUrl, providerRequest } from '../provider-http/provider-request.js';
import { type NowPayment, nowPaymentSchema, nowPaymentsErrorCode } from './nowpayments-schema.js';

/** NOWPayments' API base URL; the sandbox is `https://api-sandbox.nowpayments.io`. */
export const NOWPAYMENTS_LIVE_BASE_URL = 'https://api.nowpayments.io';

/** How to reach NOWPayments. */
export interface NowPaymentsClientOptions {
  /** `https://api.nowpayments.io`, the sandbox, or a test server. */
  baseUrl: string;
  /** Sent as `x-api-key`. */
  apiKey: string;
  fetch?: FetchLike;
  /** Per call (default 15 s). */
  timeoutMs?: number;
}

/** A payment to create. */
export interface CreateNowPaymentInput {
  /** The price as a decimal string in `priceCurrency` (`"25.00"`). */
  priceAmount: string;
  /** Default `usd`. */
  priceCurrency?: string;
  /** The coin the payer sends (`usdcbase`, `usdttrc20`, `btc`, …). */
  payCurrency: string;
  /** Your id for the purchase; comes back in every IPN callback. */
  orderId: string;
  orderDescription?: string;
  /** Where NOWPayments sends IPN callbacks for this payment. */
  ipnCallbackUrl?: string;
}

/** The NOWPayments calls the marketplace needs. */
export interface NowPaymentsClient {
  /** `POST /v1/payment`: returns the address and amount the payer must send. */
  createPayment(input: CreateNowPaymentInput): Promise<NowPayment>;
  /** `GET /v1/payment/{payment_id}`: the payment's current status. */
  getPayment(paymentId: string): Promise<NowPayment>;
}

/**
 * A NOWPayments API client (API key in `x-api-key`). Failures throw `PaymentProviderError`.
 * `price_amount` goes on the wire as a JSON number, as the API requires; it is made from the
 * decimal string, never computed in floating point.
 *
 * @example
 * ```ts
 * const now = createNowPaymentsClient({ baseUrl: 'https://api-sandbox.nowpayments.io', apiKey });
 * const payment = await now.createPayment({ priceAmount: '25.00', payCurrency: 'usdcbase', orderId: 'dep_1' });
 * payment.pay_address; // where the payer sends payment.pay_amount of payment.pay_currency
 * ```
 */
export function createNowPaymentsClient(options: NowPaymentsClientOptions): NowPaymentsClient {
  const base = {
    provider: 'NOWPayments',
    schema: nowPaymentSchema,
    fetch: options.fetch ?? fetch,
    timeoutMs: options.timeoutMs ?? 15_000,
    errorCode: nowPaymentsErrorCode,
  };
  const headers = { 'x-api-key': options.apiKey, accept: 'application/json' };
  return {
    createPayment: (input) =>
      providerRequest({
        ...base,
        url: joinUrl(options.baseUrl, '/v1/payment'),
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({
          price_amount: Number(input.priceAmount),
          price_currency: input.priceCurrency ?? 'usd',
          pay_currency: input.payCurrency,
          order_id: input.orderId,
          ...(input.orderDescription ? { order_description: input.orderDescription } : {}),
          ...(input.ipnCallbackUrl ? { ipn_callback_url: input.ipnCallbackUrl } : {}),
        }),
      }),
    getPayment: (paymentId) =>
      providerRequest({
        ...base,
        url: joinUrl(options.baseUrl, `/v1/payment/${encodeURIComponent(paymentId)}`),
        method: 'GET',
        headers,
      }),
  };
}

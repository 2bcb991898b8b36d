import { PaymentProviderError } from '../errors/payment-provider-error.js';
import { type FetchLike, joinUrl, providerRequest } from '../provider-http/provider-request.js';
import { type PayPalOrder, payPalErrorCode, payPalOrderSchema, payPalTokenSchema } from './paypal-schema.js';

/** PayPal's live REST base URL; the sandbox is `https://api-m.sandbox.paypal.com`. */
export const PAYPAL_LIVE_BASE_URL = 'https://api-m.paypal.com';

/** How to reach PayPal. */
export interface PayPalClientOptions {
  /** `https://api-m.paypal.com`, the sandbox, or a test server. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  fetch?: FetchLike;
  /** Per call (default 15 s). */
  timeoutMs?: number;
  /** The clock for the token's expiry (default `Date.now`). */
  now?: () => number;
}

/** An order to create: one purchase unit of `amount` US dollars. */
export interface CreatePayPalOrderInput {
  /** US dollars with at most 2 decimals (`"10.00"`). */
  amount: string;
  /** Your id for the purchase (`purchase_units[0].reference_id` and `custom_id`). */
  referenceId: string;
  /** Sent as `PayPal-Request-Id`, so a retried create returns the same order. */
  requestId: string;
  description?: string;
}

/** The PayPal Orders v2 calls the marketplace needs. */
export interface PayPalClient {
  /** `POST /v2/checkout/orders` with intent `CAPTURE`; the payer approves at {@link payPalApproveUrl}. */
  createOrder(input: CreatePayPalOrderInput): Promise<PayPalOrder>;
  /** `POST /v2/checkout/orders/{id}/capture` once the payer approved. */
  captureOrder(orderId: string, requestId: string): Promise<PayPalOrder>;
  /** `GET /v2/checkout/orders/{id}`. */
  getOrder(orderId: string): Promise<PayPalOrder>;
}

/**
 * A PayPal Orders v2 client authenticated with OAuth2 client credentials (the access token is
 * cached until a minute before it expires). Failures throw `PaymentProviderError`.
 *
 * @example
 * ```ts
 * const paypal = createPayPalClient({ baseUrl: 'https://api-m.sandbox.paypal.com', clientId, clientSecret });
 * const order = await paypal.createOrder({ amount: '10.00', referenceId: 'dep_1', requestId: 'dep_1' });
 * payPalApproveUrl(order); // send the payer here, then:
 * await paypal.captureOrder(order.id, 'dep_1-capture');
 * ```
 */
export function createPayPalClient(options: PayPalClientOptions): PayPalClient {
  const fetchImpl = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const now = options.now ?? Date.now;
  let token: { value: string; expiresAt: number } | undefined;

  const call = async (method: 'GET' | 'POST', path: string, body?: unknown, requestId?: string) => {
    const accessToken = await getToken();
    return providerRequest({
      provider: 'PayPal',
      url: joinUrl(options.baseUrl, path),
      method,
      headers: {
        authorization: `Bearer ${accessToken}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(requestId ? { 'paypal-request-id': requestId } : {}),
        prefer: 'return=representation',
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      schema: payPalOrderSchema,
      fetch: fetchImpl,
      timeoutMs,
      errorCode: payPalErrorCode,
    });
  };

  async function getToken(): Promise<string> {
    if (token && token.expiresAt > now()) return token.value;
    const basic = Buffer.from(`${options.clientId}:${options.clientSecret}`).toString('base64');
    const answer = await providerRequest({
      provider: 'PayPal',
      url: joinUrl(options.baseUrl, '/v1/oauth2/token'),
      method: 'POST',
      headers: {
        authorization: `Basic ${basic}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: 'grant_type=client_credentials',
      schema: payPalTokenSchema,
      fetch: fetchImpl,
      timeoutMs,
      errorCode: payPalErrorCode,
    });
    token = { value: answer.access_token, expiresAt: now() + Math.max(0, answer.expires_in - 60) * 1000 };
    return token.value;
  }

  return {
    createOrder: async (input) => {
      if (!/^\d+(\.\d{1,2})?$/.test(input.amount)) {
        throw new PaymentProviderError(
          'provider_rejected',
          `PayPal amounts have at most 2 decimals, not "${input.amount}"`,
        );
      }
      return call(
        'POST',
        '/v2/checkout/orders',
        {
          intent: 'CAPTURE',
          purchase_units: [
            {
              reference_id: input.referenceId,
              custom_id: input.referenceId,
              ...(input.description ? { description: input.description } : {}),
              amount: { currency_code: 'USD', value: input.amount },
            },
          ],
        },
        input.requestId,
      );
    },
    captureOrder: (orderId, requestId) =>
      call('POST', `/v2/checkout/orders/${encodeURIComponent(orderId)}/capture`, {}, requestId),
    getOrder: (orderId) => call('GET', `/v2/checkout/orders/${encodeURIComponent(orderId)}`),
  };
}

/**
 * The URL where the payer approves an order (its `approve` or `payer-action` link).
 *
 * @example
 * ```ts
 * payPalApproveUrl(order); // 'https://www.paypal.com/checkoutnow?token=5O190127TN364715T'
 * ```
 */
export function payPalApproveUrl(order: PayPalOrder): string | undefined {
  return order.links?.find((l) => l.rel === 'approve' || l.rel === 'payer-action')?.href;
}

/**
 * Whether an order's money was captured: the order is `COMPLETED` and its first capture too
 * (PayPal documents that a completed order may still hold a declined or pending capture).
 *
 * @example
 * ```ts
 * isPayPalOrderCaptured(await paypal.captureOrder(id, requestId)); // true
 * ```
 */
export function isPayPalOrderCaptured(order: PayPalOrder): boolean {
  const capture = order.purchase_units?.[0]?.payments?.captures?.[0];
  return order.status === 'COMPLETED' && capture?.status === 'COMPLETED';
}

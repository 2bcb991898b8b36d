import { randomBytes } from 'node:crypto';
import { signNowPaymentsIpn } from '@tollway/payments';
import { type FakeApiRequest, type JsonServer, startJsonServer } from './json-server.js';

/** A fake of the NOWPayments API: payments and signed IPN callbacks, in NOWPayments' wire format. */
export interface FakeNowPayments extends JsonServer {
  apiKey: string;
  ipnSecret: string;
  payments: Map<string, Record<string, unknown>>;
  /**
   * Moves a payment to `status` and sends its signed IPN callback to `callbackUrl` (or the
   * payment's `ipn_callback_url`); returns the callback's HTTP status and body.
   */
  settle(paymentId: string, status: string, callbackUrl?: string): Promise<{ status: number; body: unknown }>;
}

/**
 * Starts a fake NOWPayments on 127.0.0.1: `POST /v1/payment` and `GET /v1/payment/{id}`
 * (API key in `x-api-key`), and IPN callbacks signed with HMAC-SHA512 of the sorted JSON in
 * `x-nowpayments-sig`.
 *
 * @example
 * ```ts
 * const now = await startFakeNowPayments();
 * await now.settle(paymentId, 'finished', `${server.url}/api/v1/ipn/nowpayments`);
 * ```
 */
export async function startFakeNowPayments(): Promise<FakeNowPayments> {
  const apiKey = `NP-${randomBytes(8).toString('hex').toUpperCase()}`;
  const ipnSecret = randomBytes(16).toString('hex');
  const payments = new Map<string, Record<string, unknown>>();

  const route = (req: FakeApiRequest): [number, unknown] => {
    if (req.headers['x-api-key'] !== apiKey) {
      return [403, { status: false, statusCode: 403, code: 'INVALID_API_KEY', message: 'Invalid api key' }];
    }
    if (req.method === 'POST' && req.path === '/v1/payment') {
      const body = JSON.parse(req.body) as Record<string, unknown>;
      if (typeof body.price_amount !== 'number' || typeof body.pay_currency !== 'string') {
        return [
          400,
          {
            status: false,
            statusCode: 400,
            code: 'INVALID_REQUEST_PARAMS',
            message: 'price_amount and pay_currency are required',
          },
        ];
      }
      const paymentId = String(5_000_000_000 + payments.size);
      const payment = {
        payment_id: paymentId,
        payment_status: 'waiting',
        pay_address: `0x${randomBytes(20).toString('hex')}`,
        price_amount: body.price_amount,
        price_currency: body.price_currency ?? 'usd',
        pay_amount: body.price_amount,
        amount_received: 0,
        pay_currency: body.pay_currency,
        order_id: body.order_id ?? null,
        order_description: body.order_description ?? null,
        ipn_callback_url: body.ipn_callback_url ?? null,
        created_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
        purchase_id: String(6_000_000_000 + payments.size),
        network: 'base',
      };
      payments.set(paymentId, payment);
      return [201, payment];
    }
    const match = /^\/v1\/payment\/(\d+)$/.exec(req.path);
    const payment = match ? payments.get(match[1]!) : undefined;
    if (req.method === 'GET' && payment) return [200, statusBody(payment)];
    return [404, { status: false, statusCode: 404, code: 'NOT_FOUND', message: 'Payment not found' }];
  };

  const server = await startJsonServer(route);
  return {
    ...server,
    apiKey,
    ipnSecret,
    payments,
    settle: async (paymentId, status, callbackUrl) => {
      const payment = payments.get(paymentId);
      if (!payment) throw new Error(`no payment ${paymentId}`);
      payment.payment_status = status;
      payment.actually_paid = status === 'finished' ? payment.pay_amount : 0;
      payment.updated_at = new Date().toISOString();
      const ipn = statusBody(payment);
      const res = await fetch(callbackUrl ?? String(payment.ipn_callback_url), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-nowpayments-sig': signNowPaymentsIpn(ipn, ipnSecret),
        },
        body: JSON.stringify(ipn),
      });
      return { status: res.status, body: await res.json() };
    },
  };
}

/** A payment as `GET /v1/payment/{id}` and IPN callbacks show it (numeric payment id). */
function statusBody(payment: Record<string, unknown>): Record<string, unknown> {
  return {
    payment_id: Number(payment.payment_id),
    invoice_id: null,
    payment_status: payment.payment_status,
    pay_address: payment.pay_address,
    price_amount: payment.price_amount,
    price_currency: payment.price_currency,
    pay_amount: payment.pay_amount,
    actually_paid: payment.actually_paid ?? 0,
    pay_currency: payment.pay_currency,
    order_id: payment.order_id,
    order_description: payment.order_description,
    purchase_id: payment.purchase_id,
    outcome_amount: payment.pay_amount,
    outcome_currency: payment.pay_currency,
    created_at: payment.created_at,
    updated_at: payment.updated_at,
    fee: { currency: payment.pay_currency, depositFee: 0, withdrawalFee: 0, serviceFee: 0 },
  };
}

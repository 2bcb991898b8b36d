import { z } from 'zod';

/** NOWPayments' payment statuses, in the order a payment usually moves through them. */
export const NOWPAYMENTS_STATUSES = [
  'waiting',
  'confirming',
  'confirmed',
  'sending',
  'partially_paid',
  'finished',
  'failed',
  'refunded',
  'expired',
] as const;

/** One of {@link NOWPAYMENTS_STATUSES}. */
export type NowPaymentsStatus = (typeof NOWPAYMENTS_STATUSES)[number];

const id = z.union([z.string().min(1), z.number().int()]).transform(String);

/**
 * A NOWPayments payment (`POST /v1/payment`, `GET /v1/payment/{id}`) and the body of its IPN
 * callbacks: the fields this package reads; others are ignored. `payment_id` is read as text.
 */
export const nowPaymentSchema = z.object({
  payment_id: id,
  payment_status: z.enum(NOWPAYMENTS_STATUSES),
  pay_address: z.string().nullish(),
  price_amount: z.number().nonnegative(),
  price_currency: z.string(),
  pay_amount: z.number().nonnegative().nullish(),
  actually_paid: z.number().nonnegative().nullish(),
  pay_currency: z.string().nullish(),
  order_id: z.string().nullish(),
  order_description: z.string().nullish(),
});

/** A NOWPayments payment, as parsed. */
export type NowPayment = z.output<typeof nowPaymentSchema>;

/** NOWPayments' error name from an error body (`{"statusCode":401,"code":"INVALID_API_KEY","message":"…"}`). */
export function nowPaymentsErrorCode(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { code } = body as { code?: unknown };
  return typeof code === 'string' ? code : undefined;
}

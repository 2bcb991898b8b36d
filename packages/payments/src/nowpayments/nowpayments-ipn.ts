import { createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from '../metadata/canonical-json.js';
import { type NowPayment, nowPaymentSchema } from './nowpayments-schema.js';

/** The header NOWPayments signs IPN callbacks in. */
export const NOWPAYMENTS_SIGNATURE_HEADER = 'x-nowpayments-sig';

/**
 * The signature NOWPayments puts in `x-nowpayments-sig`: hex HMAC-SHA512, keyed with the IPN
 * secret, of the callback's JSON with its keys sorted (recursively) and no whitespace.
 *
 * @example
 * ```ts
 * signNowPaymentsIpn({ payment_id: 5, payment_status: 'finished' }, ipnSecret); // '8f1c…' (128 hex)
 * ```
 */
export function signNowPaymentsIpn(body: unknown, ipnSecret: string): string {
  return createHmac('sha512', ipnSecret).update(canonicalJson(body)).digest('hex');
}

/** The outcome of {@link verifyNowPaymentsIpn}. */
export type NowPaymentsIpnVerification =
  | { ok: true; payment: NowPayment; body: Record<string, unknown> }
  | { ok: false; reason: 'missing_signature' | 'invalid_json' | 'bad_signature' | 'invalid_body' };

/**
 * Checks an IPN callback: the raw body must be JSON whose sorted form carries `signature`
 * (compared in constant time) and must describe a payment. Expected failures are values.
 *
 * @example
 * ```ts
 * const result = verifyNowPaymentsIpn({ rawBody, signature: req.headers['x-nowpayments-sig'], ipnSecret });
 * if (result.ok && result.payment.payment_status === 'finished') credit(result.payment.order_id);
 * ```
 */
export function verifyNowPaymentsIpn(input: {
  rawBody: string;
  signature: string | null | undefined;
  ipnSecret: string;
}): NowPaymentsIpnVerification {
  if (!input.signature) return { ok: false, reason: 'missing_signature' };
  let body: unknown;
  try {
    body = JSON.parse(input.rawBody);
  } catch {
    return { ok: false, reason: 'invalid_json' };
  }
  const expected = Buffer.from(signNowPaymentsIpn(body, input.ipnSecret), 'hex');
  const given = Buffer.from(input.signature.trim().toLowerCase(), 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'bad_signature' };
  }
  const parsed = nowPaymentSchema.safeParse(body);
  if (!parsed.success) return { ok: false, reason: 'invalid_body' };
  return { ok: true, payment: parsed.data, body: body as Record<string, unknown> };
}

import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signNowPaymentsIpn, verifyNowPaymentsIpn } from './nowpayments-ipn.js';

const secret = 'ipn-secret-for-tests';
const ipn = {
  payment_id: 5077125051,
  payment_status: 'finished',
  pay_address: '0xd1cDE08A07cD25adEbEd35c3867a59228C09B606',
  price_amount: 25,
  price_currency: 'usd',
  pay_amount: 25.1,
  actually_paid: 25.1,
  pay_currency: 'usdcbase',
  order_id: 'dep_123',
  order_description: 'Balance deposit',
  fee: { currency: 'usdcbase', depositFee: 0, withdrawalFee: 0, serviceFee: 0 },
};

describe('NOWPayments IPN signatures', () => {
  it('is HMAC-SHA512 of the JSON with keys sorted recursively and no spaces, as NOWPayments documents', () => {
    const sorted =
      '{"actually_paid":25.1,"fee":{"currency":"usdcbase","depositFee":0,"serviceFee":0,"withdrawalFee":0},' +
      '"order_description":"Balance deposit","order_id":"dep_123","pay_address":"0xd1cDE08A07cD25adEbEd35c3867a59228C09B606",' +
      '"pay_amount":25.1,"pay_currency":"usdcbase","payment_id":5077125051,"payment_status":"finished",' +
      '"price_amount":25,"price_currency":"usd"}';
    expect(signNowPaymentsIpn(ipn, secret)).toBe(createHmac('sha512', secret).update(sorted).digest('hex'));
  });

  it('accepts the signed body whatever its key order and whitespace, and reads the payment', () => {
    const signature = signNowPaymentsIpn(ipn, secret);
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(ipn).reverse()), null, 2);
    const result = verifyNowPaymentsIpn({
      rawBody: reordered,
      signature: signature.toUpperCase(),
      ipnSecret: secret,
    });
    expect(result).toMatchObject({
      ok: true,
      payment: { payment_id: '5077125051', payment_status: 'finished', order_id: 'dep_123' },
    });
  });

  it('refuses a missing or wrong signature, a changed body, another secret and bodies that are not payments', () => {
    const signature = signNowPaymentsIpn(ipn, secret);
    const rawBody = JSON.stringify(ipn);
    expect(verifyNowPaymentsIpn({ rawBody, signature: undefined, ipnSecret: secret })).toEqual({
      ok: false,
      reason: 'missing_signature',
    });
    expect(verifyNowPaymentsIpn({ rawBody, signature: 'abc', ipnSecret: secret })).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(verifyNowPaymentsIpn({ rawBody, signature, ipnSecret: 'other' })).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    const changed = JSON.stringify({ ...ipn, price_amount: 2500 });
    expect(verifyNowPaymentsIpn({ rawBody: changed, signature, ipnSecret: secret })).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(verifyNowPaymentsIpn({ rawBody: '{nope', signature, ipnSecret: secret })).toEqual({
      ok: false,
      reason: 'invalid_json',
    });
    const odd = { hello: 'world' };
    expect(
      verifyNowPaymentsIpn({
        rawBody: JSON.stringify(odd),
        signature: signNowPaymentsIpn(odd, secret),
        ipnSecret: secret,
      }),
    ).toEqual({
      ok: false,
      reason: 'invalid_body',
    });
  });

  it('verifies what it signs and nothing that differs (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        const signature = signNowPaymentsIpn(a, secret);
        const sameSignature = signNowPaymentsIpn(JSON.parse(JSON.stringify(a)), secret) === signature;
        const differs = JSON.stringify(a) !== JSON.stringify(b);
        return (
          sameSignature && (!differs || signNowPaymentsIpn(b, secret) !== signature || sortedEqual(a, b))
        );
      }),
    );
  });
});

function sortedEqual(a: unknown, b: unknown): boolean {
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .sort(([x], [y]) => (x < y ? -1 : 1))
              .map(([k, x]) => [k, sort(x)]),
          )
        : v;
  return JSON.stringify(sort(a)) === JSON.stringify(sort(b));
}

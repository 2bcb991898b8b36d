import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook } from './sign-webhook.js';
import { verifyWebhook } from './verify-webhook.js';
import { webhookBody } from './webhook-body.js';

// The test vector published with the Standard Webhooks specification.
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  webhookId: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestampSeconds: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};

const NOW = 1_773_914_401;
const SECRET = 'whsec_my_webhook_secret';
const BODY = webhookBody({
  event: 'service.called',
  payload: { usage_id: 'u1', amount_usd: '0.05', status_code: 200, latency_ms: 150 },
  timestamp: '2026-03-19T10:00:01+00:00',
  webhookId: 'wh-1',
});

function signed(overrides: Partial<Parameters<typeof signWebhook>[0]> = {}) {
  return signWebhook({ secret: SECRET, body: BODY, webhookId: 'wh-1', timestampSeconds: NOW, ...overrides });
}

describe('webhookBody', () => {
  it('is the reference body, fields in its order', () => {
    expect(webhookBody({ event: 'e', payload: undefined, timestamp: 't', webhookId: 'w' })).toBe(
      '{"event":"e","payload":null,"timestamp":"t","webhook_id":"w"}',
    );
    expect(JSON.parse(BODY)).toEqual({
      event: 'service.called',
      payload: { usage_id: 'u1', amount_usd: '0.05', status_code: 200, latency_ms: 150 },
      timestamp: '2026-03-19T10:00:01+00:00',
      webhook_id: 'wh-1',
    });
  });
});

describe('signWebhook', () => {
  it('reproduces the Standard Webhooks test vector', () => {
    expect(signWebhook(VECTOR)['webhook-signature']).toBe(VECTOR.signature);
  });

  it('signs X-ACF-Signature as the reference receiver checks it: hex HMAC of the body under the whole secret', () => {
    const expected = createHmac('sha256', SECRET).update(BODY).digest('hex');
    expect(signed()['X-ACF-Signature']).toBe(expected);
  });

  it('uses the UTF-8 bytes of a secret without the whsec_ prefix for the standard signature', () => {
    const key = 'plain secret ✓';
    const expected = createHmac('sha256', Buffer.from(key, 'utf8'))
      .update(`wh-1.${NOW}.${BODY}`)
      .digest('base64');
    expect(signed({ secret: key })['webhook-signature']).toBe(`v1,${expected}`);
  });

  it('refuses an empty secret and a timestamp that is not whole seconds', () => {
    expect(() => signed({ secret: '' })).toThrow(expect.objectContaining({ code: 'invalid_webhook_secret' }));
    expect(() => signed({ secret: 'whsec_' })).toThrow(
      expect.objectContaining({ code: 'invalid_webhook_secret' }),
    );
    expect(() => signed({ timestampSeconds: 1.5 })).toThrow(
      expect.objectContaining({ code: 'invalid_webhook_timestamp' }),
    );
  });
});

describe('verifyWebhook', () => {
  it('accepts the Standard Webhooks test vector, among other signatures', () => {
    const headers = {
      'webhook-id': VECTOR.webhookId,
      'webhook-timestamp': String(VECTOR.timestampSeconds),
      'webhook-signature': `v1,bm9wZQ== v2,whatever ${VECTOR.signature}`,
    };
    expect(
      verifyWebhook({
        secret: VECTOR.secret,
        body: VECTOR.body,
        headers,
        nowSeconds: VECTOR.timestampSeconds + 10,
      }),
    ).toEqual({ ok: true, scheme: 'standard-webhooks' });
  });

  it('prefers the standard headers, matching names in any case', () => {
    const headers = Object.fromEntries(Object.entries(signed()).map(([k, v]) => [k.toUpperCase(), v]));
    expect(verifyWebhook({ secret: SECRET, body: BODY, headers, nowSeconds: NOW })).toEqual({
      ok: true,
      scheme: 'standard-webhooks',
    });
  });

  it.each([
    [-301, 'stale_timestamp'],
    [-300, true],
    [300, true],
    [301, 'stale_timestamp'],
  ] as const)('with the clock %i s away from the timestamp: %s', (offset, outcome) => {
    const result = verifyWebhook({ secret: SECRET, body: BODY, headers: signed(), nowSeconds: NOW + offset });
    expect(outcome === true ? result.ok : !result.ok && result.code).toBe(outcome);
  });

  it('honours a custom tolerance', () => {
    const result = verifyWebhook({
      secret: SECRET,
      body: BODY,
      headers: signed(),
      nowSeconds: NOW + 61,
      toleranceSeconds: 60,
    });
    expect(result).toMatchObject({ ok: false, code: 'stale_timestamp' });
  });

  it('does not fall back to X-ACF-Signature when the standard signature fails', () => {
    const headers = { ...signed(), 'webhook-id': 'wh-other' };
    expect(verifyWebhook({ secret: SECRET, body: BODY, headers, nowSeconds: NOW })).toMatchObject({
      ok: false,
      code: 'bad_signature',
    });
  });

  it('refuses a replayed delivery with a re-dated timestamp', () => {
    const headers = { ...signed(), 'webhook-timestamp': String(NOW + 1000) };
    expect(verifyWebhook({ secret: SECRET, body: BODY, headers, nowSeconds: NOW + 1000 })).toMatchObject({
      ok: false,
      code: 'bad_signature',
    });
  });

  it('checks X-ACF-Signature alone when the standard headers are absent (no replay protection)', () => {
    const acf = signed()['X-ACF-Signature'];
    const verify = (headers: Record<string, string>) =>
      verifyWebhook({ secret: SECRET, body: BODY, headers, nowSeconds: NOW + 10 ** 6 });
    expect(verify({ 'x-acf-signature': acf.toUpperCase() })).toEqual({ ok: true, scheme: 'acf' });
    expect(verify({ 'X-ACF-Signature': acf.replace(/^./, (c) => (c === '0' ? '1' : '0')) })).toMatchObject({
      ok: false,
      code: 'bad_signature',
    });
    expect(verify({ 'X-ACF-Signature': 'not hex' })).toMatchObject({ ok: false, code: 'bad_signature' });
  });

  it.each([
    ['no signature header at all', {}],
    ['webhook-signature without its id', { 'webhook-signature': 'v1,abc', 'webhook-timestamp': String(NOW) }],
    ['webhook-signature without its timestamp', { 'webhook-signature': 'v1,abc', 'webhook-id': 'wh-1' }],
  ])('says missing_signature for %s', (_, headers) => {
    expect(verifyWebhook({ secret: SECRET, body: BODY, headers, nowSeconds: NOW })).toMatchObject({
      ok: false,
      code: 'missing_signature',
    });
  });

  it('says bad_signature for a timestamp that is not seconds, and for a wrong secret', () => {
    const headers = { ...signed(), 'webhook-timestamp': '2026-03-19T10:00:01Z' };
    expect(verifyWebhook({ secret: SECRET, body: BODY, headers, nowSeconds: NOW })).toMatchObject({
      code: 'bad_signature',
    });
    expect(
      verifyWebhook({ secret: `${SECRET}x`, body: BODY, headers: signed(), nowSeconds: NOW }),
    ).toMatchObject({ code: 'bad_signature' });
  });
});

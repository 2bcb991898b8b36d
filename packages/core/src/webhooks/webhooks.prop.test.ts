import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signWebhook } from './sign-webhook.js';
import { verifyWebhook } from './verify-webhook.js';

const secret = fc.oneof(
  fc.string({ minLength: 1, maxLength: 40 }).filter((s) => !s.startsWith('whsec_')),
  fc.uint8Array({ minLength: 1, maxLength: 32 }).map((b) => `whsec_${Buffer.from(b).toString('base64')}`),
);
const body = fc.string({ unit: 'binary', maxLength: 200 });
const webhookId = fc.stringMatching(/^[A-Za-z0-9_-]{1,30}$/);
const timestampSeconds = fc.integer({ min: 0, max: 4_000_000_000 });

/** The body with one UTF-8 byte changed, read back as text (invalid bytes become U+FFFD). */
const mutate = (text: string, index: number, delta: number): string => {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length === 0) return 'x';
  const i = index % bytes.length;
  bytes[i] = (bytes[i]! + delta) % 256;
  return bytes.toString('utf8');
};

describe('webhook signatures', () => {
  it('verify under both schemes for any secret and body', () => {
    fc.assert(
      fc.property(secret, body, webhookId, timestampSeconds, (s, b, id, ts) => {
        const headers = signWebhook({ secret: s, body: b, webhookId: id, timestampSeconds: ts });
        expect(verifyWebhook({ secret: s, body: b, headers, nowSeconds: ts })).toEqual({
          ok: true,
          scheme: 'standard-webhooks',
        });
        const acf = { 'X-ACF-Signature': headers['X-ACF-Signature'] };
        expect(verifyWebhook({ secret: s, body: b, headers: acf, nowSeconds: ts })).toEqual({
          ok: true,
          scheme: 'acf',
        });
      }),
    );
  });

  it('fail under both schemes when any byte of the body changes', () => {
    fc.assert(
      fc.property(
        secret,
        body,
        webhookId,
        timestampSeconds,
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (s, b, id, ts, index, delta) => {
          const changed = mutate(b, index, delta);
          fc.pre(changed !== b);
          const headers = signWebhook({ secret: s, body: b, webhookId: id, timestampSeconds: ts });
          const acf = { 'X-ACF-Signature': headers['X-ACF-Signature'] };
          for (const h of [headers, acf]) {
            expect(verifyWebhook({ secret: s, body: changed, headers: h, nowSeconds: ts })).toMatchObject({
              ok: false,
              code: 'bad_signature',
            });
          }
        },
      ),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { identityFromHex } from '../identity/identity.js';
import { ReplayGuard } from './replay-guard.js';
import { REQUEST_SIGNATURE_HEADERS as H } from './request-message.js';
import { newNonce, type RequestToSign, signRequest } from './sign-request.js';
import { type VerifyRequestInput, verifyRequest } from './verify-request.js';

const buyer = identityFromHex('66'.repeat(32));
const seller = identityFromHex('77'.repeat(32));
const otherSeller = identityFromHex('88'.repeat(32));
const NOW = 1_767_225_600_000;
const NONCE = '0123456789abcdef0123456789abcdef';

const request: RequestToSign = {
  method: 'post',
  path: '/v1/chat/completions?stream=true',
  body: '{"model":"m","messages":[{"role":"user","content":"héllo"}]}',
  sellerPeerId: `0x${seller.peerId.toUpperCase()}`,
  now: NOW,
  nonce: NONCE,
};

async function received(overrides: Partial<VerifyRequestInput> = {}): Promise<VerifyRequestInput> {
  return {
    method: 'POST',
    path: request.path,
    body: new TextEncoder().encode(request.body as string),
    headers: await signRequest(buyer, request),
    sellerPeerId: seller.peerId,
    now: NOW,
    replayGuard: new ReplayGuard(),
    ...overrides,
  };
}

describe('signRequest and verifyRequest', () => {
  it('signs with the four headers, and the seller learns who the buyer is', async () => {
    const headers = await signRequest(buyer, request);
    expect(Object.keys(headers).sort()).toEqual(Object.values(H).sort());
    expect(headers[H.buyer]).toBe(buyer.peerId);
    expect(headers[H.timestamp]).toBe(String(NOW));
    expect(headers[H.nonce]).toBe(NONCE);
    expect(await verifyRequest(await received())).toEqual({ ok: true, buyerPeerId: buyer.peerId });
  });

  it('reads header names in any case and single-element arrays, as Node may give them', async () => {
    const input = await received();
    const headers = Object.fromEntries(
      Object.entries(input.headers).map(([k, v]) => [k.toUpperCase(), [v as string]]),
    );
    expect((await verifyRequest({ ...input, headers })).ok).toBe(true);
  });

  it.each<[string, Partial<VerifyRequestInput>]>([
    ['method', { method: 'PUT' }],
    ['path', { path: '/v1/chat/completions?stream=false' }],
    ['body', { body: request.body.toString().replace('héllo', 'hello') }],
    ['seller', { sellerPeerId: otherSeller.peerId }],
  ])('refuses a request whose %s differs from what was signed', async (_, change) => {
    const result = await verifyRequest(await received(change));
    expect(result).toMatchObject({ ok: false, code: 'invalid_request_signature' });
  });

  it.each([
    ['timestamp', H.timestamp, String(NOW + 1)],
    ['nonce', H.nonce, 'f'.repeat(32)],
    ['buyer', H.buyer, seller.peerId],
  ])('refuses a request whose %s header was changed', async (_, name, value) => {
    const input = await received();
    const result = await verifyRequest({ ...input, headers: { ...input.headers, [name]: value } });
    expect(result).toMatchObject({ ok: false, code: 'invalid_request_signature' });
  });

  it('refuses any change to the signed bytes of the body', async () => {
    const input = await received();
    const body = input.body as Uint8Array;
    await fc.assert(
      fc.asyncProperty(fc.nat(body.length - 1), fc.integer({ min: 1, max: 255 }), async (at, flip) => {
        const tampered = body.slice();
        tampered[at]! ^= flip;
        const result = await verifyRequest({ ...input, body: tampered, replayGuard: new ReplayGuard() });
        expect(result).toMatchObject({ ok: false, code: 'invalid_request_signature' });
      }),
      { numRuns: 25 },
    );
  });

  it('refuses a replay, but not the same nonce from another buyer', async () => {
    const guard = new ReplayGuard();
    const input = await received({ replayGuard: guard });
    expect((await verifyRequest(input)).ok).toBe(true);
    expect(await verifyRequest({ ...input, now: NOW + 1000 })).toMatchObject({
      ok: false,
      code: 'replayed_request',
      message: expect.stringContaining('new nonce'),
    });
    const other = identityFromHex('99'.repeat(32));
    const theirs = await signRequest(other, request);
    expect(await verifyRequest({ ...input, headers: theirs })).toEqual({
      ok: true,
      buyerPeerId: other.peerId,
    });
  });

  it('does not let a forged request use up the buyer nonce', async () => {
    const guard = new ReplayGuard();
    const input = await received({ replayGuard: guard });
    const forged = { ...input.headers, [H.signature]: `0x${'11'.repeat(65)}` };
    expect((await verifyRequest({ ...input, headers: forged })).ok).toBe(false);
    expect(guard.size).toBe(0);
    expect((await verifyRequest(input)).ok).toBe(true);
  });

  it('refuses a replay of a request dated ahead, for as long as its timestamp is acceptable', async () => {
    const guard = new ReplayGuard({ windowMs: 1000 });
    const ahead = await signRequest(buyer, { ...request, now: NOW + 60_000 });
    const input = await received({ headers: ahead, replayGuard: guard, maxSkewMs: 60_000 });
    expect((await verifyRequest(input)).ok).toBe(true);
    // After the guard's own window, but while the timestamp is still within the skew.
    expect(await verifyRequest({ ...input, now: NOW + 119_000 })).toMatchObject({ code: 'replayed_request' });
    expect(await verifyRequest({ ...input, now: NOW + 120_001 })).toMatchObject({ code: 'stale_request' });
  });

  it('refuses a timestamp outside the skew either way, asking to check the clock', async () => {
    const input = await received();
    expect((await verifyRequest({ ...input, now: NOW + 300_000 })).ok).toBe(true);
    for (const now of [NOW + 300_001, NOW - 300_001]) {
      expect(await verifyRequest({ ...input, now, replayGuard: new ReplayGuard() })).toMatchObject({
        ok: false,
        code: 'stale_request',
        message: expect.stringContaining("check the buyer's clock"),
      });
    }
    expect(await verifyRequest({ ...input, now: NOW + 1001, maxSkewMs: 1000 })).toMatchObject({
      code: 'stale_request',
    });
  });

  it('names the missing headers', async () => {
    const input = await received();
    expect(await verifyRequest({ ...input, headers: {} })).toMatchObject({
      ok: false,
      code: 'missing_request_signature',
      message: expect.stringContaining(Object.values(H).join(', ')),
    });
    const { [H.nonce]: _, ...withoutNonce } = input.headers;
    const result = await verifyRequest({ ...input, headers: { ...withoutNonce, [H.signature]: ' ' } });
    expect(result).toMatchObject({
      code: 'missing_request_signature',
      message: expect.stringContaining(`missing ${H.nonce}, ${H.signature})`),
    });
  });

  it.each([
    [H.buyer, 'someone'],
    [H.timestamp, '12.5'],
    [H.nonce, NONCE.toUpperCase()],
    [H.signature, '0x1234'],
  ])('refuses a malformed %s header, naming it', async (name, value) => {
    const input = await received();
    expect(await verifyRequest({ ...input, headers: { ...input.headers, [name]: value } })).toMatchObject({
      code: 'invalid_request_signature',
      message: expect.stringContaining(name),
    });
  });

  it('refuses a header sent twice', async () => {
    const input = await received();
    const headers = { ...input.headers, [H.nonce]: [NONCE, NONCE] };
    expect(await verifyRequest({ ...input, headers })).toMatchObject({
      code: 'invalid_request_signature',
      message: expect.stringContaining('sent 2 times'),
    });
  });

  it('throws for a request it cannot sign, and for a seller peer id that is not one', async () => {
    for (const bad of [
      { nonce: 'abc' },
      { sellerPeerId: 'seller' },
      { now: 1.5 },
      { path: '/v1\nx' },
      { method: '' },
    ]) {
      await expect(signRequest(buyer, { ...request, ...bad })).rejects.toMatchObject({
        code: 'invalid_request_to_sign',
      });
    }
    await expect(verifyRequest(await received({ sellerPeerId: 'me' }))).rejects.toMatchObject({
      code: 'invalid_request_to_sign',
    });
  });
});

describe('newNonce', () => {
  it('gives 32 lower-case hex characters, different each time', () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(nonce).toMatch(/^[0-9a-f]{32}$/);
  });
});

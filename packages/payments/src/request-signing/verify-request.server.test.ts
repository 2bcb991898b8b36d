import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityFromHex } from '../identity/identity.js';
import { ReplayGuard } from './replay-guard.js';
import { newNonce, signRequest } from './sign-request.js';
import { type RequestVerification, verifyRequest } from './verify-request.js';

const buyer = identityFromHex('aa'.repeat(32));
const seller = identityFromHex('bb'.repeat(32));
const MAX_BODY = 1 << 20;

async function readBody(request: IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

let server: Server;
let base: string;
const guard = new ReplayGuard();

beforeAll(async () => {
  server = createServer((request, response) => {
    readBody(request)
      .then((body) =>
        verifyRequest({
          method: request.method ?? '',
          path: request.url ?? '',
          body,
          headers: request.headers,
          sellerPeerId: seller.peerId,
          now: Date.now(),
          replayGuard: guard,
        }),
      )
      .then((result) => {
        response.writeHead(result.ok ? 200 : 401, { 'content-type': 'application/json' });
        response.end(JSON.stringify(result));
      })
      .catch(() => {
        response.writeHead(413).end();
      });
  });
  server.requestTimeout = 10_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function send(
  path: string,
  body: string,
  headers: Record<string, string>,
): Promise<RequestVerification> {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    body,
    headers: { ...headers, 'content-type': 'application/json' },
    signal: AbortSignal.timeout(10_000),
  });
  return (await response.json()) as RequestVerification;
}

describe('signed requests over real HTTP', () => {
  it('verifies what Node receives from fetch, and refuses the same request replayed', async () => {
    const path = '/v1/messages?beta=true&x=%20y';
    const body = JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'grüße ✓' }] });
    const headers = await signRequest(buyer, {
      method: 'POST',
      path,
      body,
      sellerPeerId: seller.peerId,
      now: Date.now(),
      nonce: newNonce(),
    });
    expect(await send(path, body, headers)).toEqual({ ok: true, buyerPeerId: buyer.peerId });
    expect(await send(path, body, headers)).toMatchObject({ ok: false, code: 'replayed_request' });
  });

  it('refuses a request without signature headers', async () => {
    expect(await send('/v1/messages', '{}', {})).toMatchObject({
      ok: false,
      code: 'missing_request_signature',
    });
  });
});

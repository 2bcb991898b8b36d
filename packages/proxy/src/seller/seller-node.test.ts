import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  identityFromHex,
  newNonce,
  type SignedPeerMetadata,
  signRequest,
  verifyPeerMetadata,
} from '@tollway/payments';
import { type Dispatcher, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogFields, Logger } from '../log/logger.js';
import { createPinnedDispatcher, createRecordingDispatcher } from '../tls/pinned-dispatcher.js';
import { createSelfSignedCertificate } from '../tls/seller-certificate.js';
import { createSellerNode, type SellerNode } from './seller-node.js';
import type { SellerServiceConfig } from './seller-options.js';
import { closeServer, listenOnLoopback } from './test-support/loopback.js';

const seller = identityFromHex(`0x${'11'.repeat(32)}`);
const buyer = identityFromHex(`0x${'22'.repeat(32)}`);
const pricing = { inputUsdPerMillion: '1', outputUsdPerMillion: '2' };

/** What the fake upstream received. */
interface Seen {
  url: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

const seen: Seen[] = [];
/** Releases of held streams, in arrival order: the upstream sends one event, then waits. */
const holds: Array<() => void> = [];

const STREAMS: Record<string, { type: string; events: string[] }> = {
  '/v1/chat/completions': {
    type: 'text/event-stream',
    events: ['data: {"choices":[{"delta":{"content":"Hi"}}]}\n\n', 'data: [DONE]\n\n'],
  },
  '/v1/responses': {
    type: 'text/event-stream',
    events: [
      'event: response.output_text.delta\ndata: {"type":"response.output_text.delta","delta":"Hi"}\n\n',
      'event: response.completed\ndata: {"type":"response.completed"}\n\n',
    ],
  },
  '/v1/messages': {
    type: 'text/event-stream; charset=utf-8',
    events: [
      'event: message_start\ndata: {"type":"message_start"}\n\n',
      'event: message_stop\ndata: {"type":"message_stop"}\n\n',
    ],
  },
};

let upstream: Server;
let upstreamUrl: string;
let deadUrl: string;
let node: SellerNode;
let dispatcher: Dispatcher;
let dataDir: string;
const logs: Array<{ message: string; fields: LogFields | undefined }> = [];
const logger: Logger = {
  info: (message, fields) => logs.push({ message, fields }),
  warn: (message, fields) => logs.push({ message, fields }),
  error: (message, fields) => logs.push({ message, fields }),
};

function waitFor<T>(read: () => T | undefined): Promise<T> {
  const deadline = Date.now() + 5_000;
  return new Promise((resolve, reject) => {
    const poll = () => {
      const value = read();
      if (value !== undefined) resolve(value);
      else if (Date.now() > deadline) reject(new Error('timed out waiting'));
      else setTimeout(poll, 5);
    };
    poll();
  });
}

const services: SellerServiceConfig[] = [];

beforeAll(async () => {
  upstream = createServer(async (req, res) => {
    let text = '';
    for await (const chunk of req) text += chunk;
    const body = JSON.parse(text) as Record<string, unknown>;
    seen.push({ url: req.url ?? '', headers: req.headers, body });
    if (body.model === 'never-answers') return;
    if (req.url === '/v1/messages/count_tokens') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end('{"input_tokens":42}');
    }
    const stream = STREAMS[req.url ?? ''];
    if (!stream) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': stream.type, 'x-upstream-secret': 'internal' });
    res.write(stream.events[0]);
    await new Promise<void>((resolve) => holds.push(resolve));
    if (body.model === 'dies') res.destroy();
    else res.end(stream.events[1]);
  });
  upstreamUrl = await listenOnLoopback(upstream);
  const dead = createServer();
  deadUrl = await listenOnLoopback(dead);
  await closeServer(dead);

  services.push(
    {
      name: 'chat',
      upstreamModel: 'gpt-up',
      format: 'openai-chat',
      categories: ['chat'],
      pricing,
      upstream: { kind: 'http', baseUrl: `${upstreamUrl}/v1`, apiKey: 'sk-seller-openai' },
    },
    {
      name: 'resp',
      upstreamModel: 'resp-up',
      format: 'openai-responses',
      categories: [],
      pricing,
      upstream: { kind: 'http', baseUrl: `${upstreamUrl}/v1`, apiKey: 'sk-seller-openai' },
    },
    {
      name: 'claude',
      upstreamModel: 'claude-up',
      format: 'anthropic-messages',
      categories: ['code'],
      pricing,
      upstream: { kind: 'http', baseUrl: upstreamUrl, apiKey: 'sk-seller-ant' },
    },
    {
      name: 'test',
      upstreamModel: 'test',
      format: 'openai-chat',
      categories: ['test'],
      pricing,
      upstream: { kind: 'test-model' },
    },
    {
      name: 'down',
      upstreamModel: 'down',
      format: 'openai-chat',
      categories: [],
      pricing,
      upstream: { kind: 'http', baseUrl: deadUrl },
    },
    {
      name: 'slow',
      upstreamModel: 'never-answers',
      format: 'openai-chat',
      categories: [],
      pricing,
      upstream: { kind: 'http', baseUrl: upstreamUrl },
    },
    {
      name: 'dies',
      upstreamModel: 'dies',
      format: 'anthropic-messages',
      categories: [],
      pricing,
      upstream: { kind: 'http', baseUrl: upstreamUrl },
    },
    {
      name: 'paid',
      upstreamModel: 'gpt-up',
      format: 'openai-chat',
      categories: [],
      pricing,
      upstream: { kind: 'http', baseUrl: upstreamUrl },
    },
  );
  dataDir = await mkdtemp(join(tmpdir(), 'tollway-seller-'));
  node = createSellerNode({
    identity: seller,
    dataDir,
    services,
    logger,
    bodyLimitBytes: 64 * 1024,
    timeouts: { headersMs: 300 },
    paymentGate: {
      authorize: async ({ service, buyerPeerId }) =>
        service.name === 'paid'
          ? { ok: false, status: 402, code: 'insufficient_deposit', message: `${buyerPeerId} has no deposit` }
          : { ok: true },
    },
  });
  await node.listen();
  dispatcher = createPinnedDispatcher(node.tlsFingerprint256 ?? '');
});

afterAll(async () => {
  for (const release of holds) release();
  await node.close();
  await dispatcher.close();
  await closeServer(upstream);
  await rm(dataDir, { recursive: true, force: true });
});

/** An answer body as the tests read it: OpenAI's error shape, or anything else. */
type ErrorAnswer = Record<string, unknown> & { error: { code?: string; message?: string; type?: string } };

interface CallOptions {
  headers?: Record<string, string>;
  /** Sign this body instead of the one sent. */
  signedBody?: string;
  now?: number;
  sign?: boolean;
}

async function signedHeaders(path: string, body: string, options: CallOptions = {}) {
  if (options.sign === false) return {};
  return signRequest(buyer, {
    method: 'POST',
    path,
    body: options.signedBody ?? body,
    sellerPeerId: node.peerId,
    now: options.now ?? Date.now(),
    nonce: newNonce(),
  });
}

async function call(path: string, payload: unknown, options: CallOptions = {}) {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const headers = {
    'content-type': 'application/json',
    ...(await signedHeaders(path, body, options)),
    ...options.headers,
  };
  return request(`${node.url}${path}`, { method: 'POST', body, headers, dispatcher });
}

async function json(path: string, payload: unknown, options: CallOptions = {}) {
  const res = await call(path, payload, options);
  return {
    status: res.statusCode,
    headers: res.headers,
    body: (await res.body.json()) as ErrorAnswer,
  };
}

const chatBody = (model: string) => ({ model, stream: true, messages: [{ role: 'user', content: 'hi' }] });

describe('metadata and health', () => {
  it('serves metadata signed by the seller, with the fingerprint of the certificate it serves', async () => {
    const { dispatcher: recording, seenFingerprint } = createRecordingDispatcher();
    try {
      const res = await request(`${node.url}/metadata`, { dispatcher: recording });
      expect(res.headers['x-request-id']).toBeTruthy();
      const signed = (await res.body.json()) as SignedPeerMetadata;
      const verified = await verifyPeerMetadata(signed, { now: Date.now(), expectedPeerId: seller.peerId });
      expect(verified.ok).toBe(true);
      expect(signed.metadata.tlsFingerprint256).toBe(node.tlsFingerprint256);
      expect(seenFingerprint()).toBe(node.tlsFingerprint256);
      expect(signed.metadata.publicUrl).toBe(node.url);
      expect(signed.metadata.services.map((s) => [s.name, s.format, s.countTokens])).toContainEqual([
        'claude',
        'anthropic-messages',
        true,
      ]);
      expect(signed.metadata.services.find((s) => s.name === 'chat')?.countTokens).toBe(false);
      const text = JSON.stringify(signed);
      expect(text).not.toContain('sk-seller');
      expect(text).not.toContain(upstreamUrl);
    } finally {
      await recording.close();
    }
  });

  it('exposes Prometheus metrics counting answered requests by route, service and status', async () => {
    const refused = await json('/v1/chat/completions', chatBody('nope'));
    expect(refused.status).toBe(404);
    const res = await request(`${node.url}/metrics`, { dispatcher });
    expect(res.headers['content-type']).toContain('text/plain');
    const text = await res.body.text();
    expect(text).toMatch(
      /^tollway_seller_requests_total\{route="\/v1\/chat\/completions",service="",status="404",completed="true"\} [1-9]/m,
    );
    expect(text).toMatch(/^tollway_seller_in_flight_requests 1$/m);
  });

  it('answers health without a signature', async () => {
    const res = await request(`${node.url}/health`, { dispatcher });
    expect(await res.body.json()).toEqual({ status: 'ok', peerId: seller.peerId });
  });

  it('serves the signed metadata over plain HTTP on its HTTPS port, and refuses model calls there', async () => {
    const plainUrl = node.url.replace('https://', 'http://');
    const meta = await request(`${plainUrl}/metadata`);
    const signed = (await meta.body.json()) as SignedPeerMetadata;
    expect((await verifyPeerMetadata(signed, { now: Date.now(), expectedPeerId: seller.peerId })).ok).toBe(
      true,
    );
    expect(signed.metadata.publicUrl).toBe(node.url);

    const call = await request(`${plainUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(chatBody('chat')),
    });
    expect(call.statusCode).toBe(400);
    const refusal = (await call.body.json()) as ErrorAnswer;
    expect(JSON.stringify(refusal)).toContain('https_required');
    expect(JSON.stringify(refusal)).toContain(node.url);

    // HTTPS on the same port still works afterwards, on a fresh connection.
    const health = await request(`${node.url}/health`, { dispatcher });
    expect(health.statusCode).toBe(200);
    await health.body.dump();
  });
});

describe('request signatures', () => {
  it('refuses an unsigned request in the format of the path', async () => {
    const res = await json('/v1/messages', { model: 'claude', max_tokens: 5, messages: [] }, { sign: false });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
    expect(JSON.stringify(res.body)).toContain('missing_request_signature');
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('refuses a body that is not the one signed', async () => {
    const res = await json('/v1/chat/completions', chatBody('chat'), {
      signedBody: JSON.stringify(chatBody('test')),
    });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('invalid_request_signature');
  });

  it('refuses a stale request', async () => {
    const res = await json('/v1/chat/completions', chatBody('test'), { now: Date.now() - 10 * 60_000 });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('stale_request');
  });

  it('refuses a replayed request', async () => {
    const body = JSON.stringify({ ...chatBody('test'), stream: false });
    const headers = {
      'content-type': 'application/json',
      ...(await signedHeaders('/v1/chat/completions', body)),
    };
    const send = () =>
      request(`${node.url}/v1/chat/completions`, { method: 'POST', body, headers, dispatcher });
    const first = await send();
    expect(first.statusCode).toBe(200);
    await first.body.dump();
    const second = await send();
    expect(second.statusCode).toBe(409);
    expect(((await second.body.json()) as ErrorAnswer).error.code).toBe('replayed_request');
  });
});

describe('routing', () => {
  it('names the services it offers when the model is unknown', async () => {
    const res = await json('/v1/chat/completions', chatBody('gpt-5'));
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('model_not_offered');
    expect(res.body.error.message).toContain('"chat"');
    expect(res.body.error.message).toContain('"claude"');
  });

  it('refuses a body on the path of another format', async () => {
    const res = await json('/v1/messages', { model: 'chat', max_tokens: 5, messages: [] });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('format_mismatch');
  });

  it('renders the payment gate refusal', async () => {
    const res = await json('/v1/chat/completions', chatBody('paid'));
    expect(res.status).toBe(402);
    expect(res.body.error).toMatchObject({
      code: 'insufficient_deposit',
      message: `${buyer.peerId} has no deposit`,
    });
  });

  it('refuses a body over the limit with 413', async () => {
    const res = await json('/v1/chat/completions', { ...chatBody('chat'), pad: 'x'.repeat(100 * 1024) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('body_too_large');
  });
});

describe('streaming pass-through', () => {
  it.each([
    ['/v1/chat/completions', 'chat', 'gpt-up', chatBody('chat')],
    ['/v1/responses', 'resp', 'resp-up', { model: 'resp', input: 'hi', stream: true }],
    ['/v1/messages', 'claude', 'claude-up', { model: 'claude', max_tokens: 5, stream: true, messages: [] }],
  ])(
    '%s streams chunk by chunk with the upstream model and the seller key',
    async (path, _name, upstreamModel, body) => {
      const before = seen.length;
      const res = await call(path, body, {
        headers: {
          authorization: 'Bearer buyer-secret',
          'x-api-key': 'buyer-key',
          cookie: 'c=1',
          'anthropic-beta': 'b1',
        },
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe(STREAMS[path]?.type);
      expect(res.headers['x-request-id']).toBeTruthy();
      expect(res.headers['x-upstream-secret']).toBeUndefined();
      const chunks = res.body[Symbol.asyncIterator]();
      // The first event arrives while the upstream still holds the rest: nothing is buffered.
      const first = await chunks.next();
      expect(String(first.value)).toBe(STREAMS[path]?.events[0]);
      holds.shift()?.();
      let rest = '';
      for (let step = await chunks.next(); !step.done; step = await chunks.next()) rest += step.value;
      expect(rest).toBe(STREAMS[path]?.events[1]);

      const got = seen[before];
      expect(got?.url).toBe(path);
      expect(got?.body.model).toBe(upstreamModel);
      const headers = got?.headers ?? {};
      expect(headers.cookie).toBeUndefined();
      expect(Object.keys(headers).filter((h) => h.startsWith('x-tollway'))).toEqual([]);
      expect(headers['anthropic-beta']).toBe('b1');
      if (path === '/v1/messages') {
        expect(headers['x-api-key']).toBe('sk-seller-ant');
        expect(headers.authorization).toBeUndefined();
        expect(headers['anthropic-version']).toBe('2023-06-01');
      } else {
        expect(headers.authorization).toBe('Bearer sk-seller-openai');
        expect(headers['x-api-key']).toBeUndefined();
      }
    },
  );

  it('destroys the response when the upstream dies mid-stream', async () => {
    const res = await call('/v1/messages', { model: 'dies', max_tokens: 5, stream: true, messages: [] });
    expect(res.statusCode).toBe(200);
    const chunks = res.body[Symbol.asyncIterator]();
    expect(String((await chunks.next()).value)).toBe(STREAMS['/v1/messages']?.events[0]);
    holds.shift()?.();
    await expect(chunks.next()).rejects.toThrow();
  });

  it('answers from the test model', async () => {
    const res = await call('/v1/chat/completions', {
      ...chatBody('test'),
      stream_options: { include_usage: true },
    });
    expect(res.headers['content-type']).toBe('text/event-stream');
    const text = await res.body.text();
    expect(text).toContain('"content":"Hello "');
    expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
  });
});

describe('count_tokens', () => {
  it('forwards for an Anthropic upstream', async () => {
    const res = await json('/v1/messages/count_tokens', {
      model: 'claude',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(res.body).toEqual({ input_tokens: 42 });
    expect(seen.at(-1)?.url).toBe('/v1/messages/count_tokens');
  });

  it('estimates for the test model', async () => {
    const res = await json('/v1/messages/count_tokens', {
      model: 'test',
      messages: [{ role: 'user', content: 'x'.repeat(40) }],
    });
    expect(res.body).toEqual({ input_tokens: 10 });
  });

  it('is not supported by other upstreams', async () => {
    const res = await json('/v1/messages/count_tokens', { model: 'chat', messages: [] });
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).toContain('not_supported');
  });
});

describe('upstream failures', () => {
  it('an upstream that is down is 502 upstream_unreachable', async () => {
    const res = await json('/v1/chat/completions', chatBody('down'));
    expect(res.status).toBe(502);
    expect(res.body.error.code).toBe('upstream_unreachable');
    expect(res.body.error.message).not.toContain('sk-');
  });

  it('an upstream that does not answer in time is 504 upstream_timeout', async () => {
    const res = await json('/v1/chat/completions', chatBody('slow'));
    expect(res.status).toBe(504);
    expect(res.body.error.code).toBe('upstream_timeout');
  });
});

describe('TLS pinning', () => {
  it('a wrong fingerprint fails before any request reaches the seller', async () => {
    const other = await createSelfSignedCertificate(['127.0.0.1']);
    const wrong = createPinnedDispatcher(other.fingerprint256);
    const logged = logs.length;
    try {
      const body = JSON.stringify(chatBody('test'));
      const headers = await signedHeaders('/v1/chat/completions', body);
      await expect(
        request(`${node.url}/v1/chat/completions`, { method: 'POST', body, headers, dispatcher: wrong }),
      ).rejects.toMatchObject({ code: 'tls_fingerprint_mismatch' });
      // A request that does arrive is logged; the refused one never was.
      await (await request(`${node.url}/health`, { dispatcher })).body.dump();
      const lines = await waitFor(() => {
        const found = logs.slice(logged).filter((l) => l.message === 'request');
        return found.length > 0 ? found : undefined;
      });
      expect(lines.map((l) => l.fields?.path)).toEqual(['/health']);
    } finally {
      await wrong.close();
    }
  });

  it('logs one line per request without bodies or keys', () => {
    const lines = logs.filter((l) => l.message === 'request');
    expect(lines.length).toBeGreaterThan(10);
    const text = JSON.stringify(logs);
    expect(text).not.toContain('sk-seller');
    expect(text).not.toContain('buyer-secret');
    expect(text).not.toContain('"hi"');
    expect(lines.find((l) => l.fields?.service === 'claude')?.fields).toMatchObject({
      method: 'POST',
      buyer: buyer.peerId,
      status: 200,
    });
  });
});

describe('close', () => {
  async function startPlainNode(shutdownGraceMs: number) {
    const dir = await mkdtemp(join(tmpdir(), 'tollway-seller-close-'));
    const plain = createSellerNode({
      identity: seller,
      dataDir: dir,
      services,
      tls: 'insecure-http',
      shutdownGraceMs,
    });
    await plain.listen();
    const body = JSON.stringify(chatBody('chat'));
    const headers = await signRequest(buyer, {
      method: 'POST',
      path: '/v1/chat/completions',
      body,
      sellerPeerId: plain.peerId,
      now: Date.now(),
      nonce: newNonce(),
    });
    const holdsBefore = holds.length;
    const res = await request(`${plain.url}/v1/chat/completions`, { method: 'POST', body, headers });
    await waitFor(() => (holds.length > holdsBefore ? true : undefined));
    const cleanup = () => rm(dir, { recursive: true, force: true });
    return { plain, reading: res.body.text(), release: holds.pop() ?? (() => {}), cleanup };
  }

  it('serves plain HTTP only when asked, without a fingerprint', async () => {
    const { plain, reading, release, cleanup } = await startPlainNode(5_000);
    expect(plain.url.startsWith('http://')).toBe(true);
    expect(plain.tlsFingerprint256).toBeNull();
    expect((await plain.signedMetadata()).metadata.tlsFingerprint256).toBeNull();
    release();
    await reading;
    await plain.close();
    await cleanup();
  });

  it('lets an in-flight stream finish within the grace period', async () => {
    const { plain, reading, release, cleanup } = await startPlainNode(5_000);
    const closing = plain.close();
    release();
    expect(await reading).toBe(STREAMS['/v1/chat/completions']?.events.join(''));
    await closing;
    await cleanup();
  });

  it('cuts a stream still running after the grace period', async () => {
    const { plain, reading, release, cleanup } = await startPlainNode(100);
    try {
      await plain.close();
      await expect(reading).rejects.toThrow();
    } finally {
      release();
      await cleanup();
    }
  });
});

// Helpers for tests that run buyer proxies against sellers on loopback: a real seller node
// selling the built-in test model in each format, a scripted fake seller that records what it
// receives, and a buyer proxy in a fresh data dir. Reused by the end-to-end tests.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import type { ApiFormat } from '@tollway/core';
import {
  type Identity,
  identityFromHex,
  type PeerMetadata,
  ReplayGuard,
  signPeerMetadata,
  verifyRequest,
} from '@tollway/payments';
import OpenAI from 'openai';
import { createSellerNode, type SellerNode } from '../seller/seller-node.js';
import type { SellerServiceConfig } from '../seller/seller-options.js';
import { closeServer, listenOnLoopback } from '../seller/test-support/loopback.js';
import { BuyerStateStore } from '../state/buyer-state.js';
import { type BuyerProxy, type BuyerProxyOptions, createBuyerProxy } from './buyer-proxy.js';

/**
 * A fixed test identity: `n` from 1 to 255 gives the key `0x` + `n` as a byte repeated 32 times.
 *
 * @example
 * ```ts
 * const seller = testIdentity(0x11);
 * ```
 */
export function testIdentity(n: number): Identity {
  return identityFromHex(`0x${n.toString(16).padStart(2, '0').repeat(32)}`);
}

/** The test-model service names of {@link startTestSeller}, one per format. */
export const TEST_SERVICES: Readonly<Record<ApiFormat, string>> = {
  'anthropic-messages': 'test-messages',
  'openai-chat': 'test-chat',
  'openai-responses': 'test-responses',
};

/** Prices of every test service: 1 USD per million input tokens, 2 per million output. */
export const TEST_PRICING = { inputUsdPerMillion: '1', outputUsdPerMillion: '2' } as const;

/** A running test seller. */
export interface TestSeller {
  node: SellerNode;
  identity: Identity;
  peerId: string;
  url: string;
  close(): Promise<void>;
}

/**
 * A real seller node on loopback HTTPS (self-signed, fingerprint-pinned) selling the built-in
 * test model under one service per format ({@link TEST_SERVICES}).
 *
 * @example
 * ```ts
 * const seller = await startTestSeller();
 * const buyer = await startTestBuyer({ bootstrap: [seller.url] });
 * ```
 */
export async function startTestSeller(
  options: { identity?: Identity; services?: SellerServiceConfig[] } = {},
): Promise<TestSeller> {
  const identity = options.identity ?? testIdentity(0x11);
  const dataDir = await mkdtemp(join(tmpdir(), 'tollway-seller-'));
  const services =
    options.services ??
    (Object.entries(TEST_SERVICES) as [ApiFormat, string][]).map(([format, name]) => ({
      name,
      upstreamModel: name,
      format,
      categories: ['chat'],
      pricing: { ...TEST_PRICING },
      upstream: { kind: 'test-model' as const },
    }));
  const node = createSellerNode({ identity, dataDir, services, shutdownGraceMs: 100 });
  await node.listen();
  return {
    node,
    identity,
    peerId: identity.peerId,
    url: node.url,
    async close() {
      await node.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** One request a {@link FakeSeller} received. */
export interface FakeSellerRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
  /** The buyer whose signature verified, or the refusal code. */
  buyerPeerId: string | undefined;
  refusal: string | undefined;
}

/** Answers a fake seller's (signed, verified) model call. */
export type FakeSellerHandler = (request: FakeSellerRequest, res: ServerResponse) => void | Promise<void>;

/** A running {@link startFakeSeller}. */
export interface FakeSeller {
  identity: Identity;
  peerId: string;
  url: string;
  /** Every model call received, in order. */
  requests: FakeSellerRequest[];
  /** Replaces the handler. */
  handle(handler: FakeSellerHandler): void;
  close(): Promise<void>;
}

/**
 * A scripted seller on loopback plain HTTP: serves signed metadata announcing `services`,
 * verifies each request's signature (refusing bad ones with 401 as the real seller does),
 * records it and lets `handler` answer. For behaviour a real seller cannot be made to show:
 * slow first bytes, deaths mid-stream, header inspection.
 *
 * @example
 * ```ts
 * const fake = await startFakeSeller({ services: [{ name: 'm', format: 'openai-chat' }] });
 * fake.handle((req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
 * ```
 */
export async function startFakeSeller(options: {
  services: Array<{ name: string; format: ApiFormat; countTokens?: boolean }>;
  identity?: Identity;
  handler?: FakeSellerHandler;
}): Promise<FakeSeller> {
  const identity = options.identity ?? testIdentity(0x33);
  const replayGuard = new ReplayGuard();
  const requests: FakeSellerRequest[] = [];
  let handler: FakeSellerHandler =
    options.handler ??
    ((_, res) => {
      res.writeHead(500).end();
    });
  let url = '';
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    if (req.method === 'GET' && req.url === '/metadata') {
      const metadata: PeerMetadata = {
        protocol: 'tollway/1',
        peerId: identity.peerId,
        displayName: 'fake seller',
        publicUrl: url,
        tlsFingerprint256: null,
        services: options.services.map((s) => ({
          name: s.name,
          format: s.format,
          categories: ['chat'],
          pricing: { ...TEST_PRICING },
          countTokens: s.countTokens ?? false,
        })),
        software: 'tollway-test',
        timestamp: Date.now(),
      };
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify(await signPeerMetadata(identity, metadata)));
      return;
    }
    const verified = await verifyRequest({
      method: req.method ?? 'POST',
      path: req.url ?? '/',
      body: raw,
      headers: req.headers,
      sellerPeerId: identity.peerId,
      now: Date.now(),
      replayGuard,
    });
    const request: FakeSellerRequest = {
      path: req.url ?? '/',
      headers: req.headers,
      body: raw.length > 0 ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>) : {},
      buyerPeerId: verified.ok ? verified.buyerPeerId : undefined,
      refusal: verified.ok ? undefined : verified.code,
    };
    requests.push(request);
    if (!verified.ok) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          error: { message: verified.message, type: 'authentication_error', code: verified.code },
        }),
      );
      return;
    }
    await handler(request, res);
  });
  url = await listenOnLoopback(server);
  return {
    identity,
    peerId: identity.peerId,
    url,
    requests,
    handle(next) {
      handler = next;
    },
    close: () => closeServer(server),
  };
}

/** A running test buyer proxy. */
export interface TestBuyer {
  proxy: BuyerProxy;
  url: string;
  dataDir: string;
  store: BuyerStateStore;
  identity: Identity;
  /** An OpenAI SDK client on the proxy (`maxRetries: 0`). */
  openai(headers?: Record<string, string>): OpenAI;
  /** An Anthropic SDK client on the proxy (`maxRetries: 0`). */
  anthropic(headers?: Record<string, string>): Anthropic;
  close(): Promise<void>;
}

/**
 * A buyer proxy on a free loopback port, in a fresh data dir (removed by `close()`).
 *
 * @example
 * ```ts
 * const buyer = await startTestBuyer({ bootstrap: [seller.url], pinPeer: seller.peerId });
 * const answer = await buyer.openai().chat.completions.create({ model: 'test-chat', messages });
 * await buyer.close();
 * ```
 */
export async function startTestBuyer(options: Partial<BuyerProxyOptions> = {}): Promise<TestBuyer> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'tollway-buyer-')));
  const identity = options.identity ?? testIdentity(0x22);
  const proxy = createBuyerProxy({ port: 0, ...options, dataDir, identity });
  const { url } = await proxy.listen();
  return {
    proxy,
    url,
    dataDir,
    store: new BuyerStateStore(dataDir),
    identity,
    openai: (headers) =>
      new OpenAI({
        baseURL: `${url}/v1`,
        apiKey: 'sk-client-secret',
        maxRetries: 0,
        defaultHeaders: headers ?? {},
      }),
    anthropic: (headers) =>
      new Anthropic({
        baseURL: url,
        apiKey: 'sk-ant-client-secret',
        maxRetries: 0,
        defaultHeaders: headers ?? {},
      }),
    async close() {
      await proxy.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Polls `read` until it returns something other than `undefined`, or fails after `deadlineMs`.
 *
 * @example
 * ```ts
 * await waitFor(() => (seen.length > 0 ? seen[0] : undefined));
 * ```
 */
export async function waitFor<T>(
  read: () => T | undefined | Promise<T | undefined>,
  deadlineMs = 5000,
): Promise<T> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('timed out waiting for a condition');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

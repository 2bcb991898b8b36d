import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import {
  type AddressInfo,
  createServer as createNetServer,
  type Server as NetServer,
  type Socket,
} from 'node:net';
import { type ApiFormat, formatForPath } from '@tollway/core';
import { ReplayGuard, type SignedPeerMetadata, verifyRequest } from '@tollway/payments';
import { BodyTooLargeError, readBody } from '../http/read-body.js';
import { silentLogger } from '../log/logger.js';
import { createSellerMetrics } from '../metrics/seller-metrics.js';
import { fingerprintOf, loadOrCreateSellerCertificate } from '../tls/seller-certificate.js';
import { createMetadataSigner, describeSeller } from './metadata-signer.js';
import { findService, runModelCall } from './model-call.js';
import type { PaymentGate, SellerNodeOptions } from './seller-options.js';
import { type SellerRefusal, sendRefusal } from './seller-refusal.js';

/** A running (or ready to run) seller node; see {@link createSellerNode}. */
export interface SellerNode {
  /** Starts listening (and creates or loads the TLS certificate). */
  listen(): Promise<void>;
  /** Stops accepting, lets in-flight streams finish for the grace period, then cuts them. */
  close(): Promise<void>;
  /** Where the node listens (`https://127.0.0.1:PORT`); available after `listen()`. */
  readonly url: string;
  readonly peerId: string;
  /** The fingerprint of the TLS certificate; null over plain HTTP. Available after `listen()`. */
  readonly tlsFingerprint256: string | null;
  /** The metadata as `/metadata` serves it, signed at most a minute ago. */
  signedMetadata(): Promise<SignedPeerMetadata>;
}

/** What the request log line reports beyond the request itself. */
interface RequestInfo {
  requestId: string;
  service?: string;
  buyer?: string;
}

const DEFAULT_BODY_LIMIT = 64 * 1024 * 1024;
const FREE: PaymentGate = { authorize: async () => ({ ok: true }) };

/** The model-call paths and whether each is a count_tokens call. */
function routeOf(path: string): { format: ApiFormat; countTokens: boolean } | undefined {
  const bare = path.split(/[?#]/, 1)[0] ?? '';
  if (bare === '/v1/messages/count_tokens') return { format: 'anthropic-messages', countTokens: true };
  const format = formatForPath(bare);
  return format && bare.startsWith('/v1/') && bare.split('/').length <= 4
    ? { format, countTokens: false }
    : undefined;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

/**
 * A seller node: sells upstream models to buyers over HTTPS (self-signed certificate pinned by
 * the fingerprint in its signed metadata). `GET /metadata` and `GET /health` are open; the
 * model paths (`/v1/chat/completions`, `/v1/responses`, `/v1/messages`,
 * `/v1/messages/count_tokens`) need the buyer's request signature, a body in the service's own
 * format naming the service in `model`, and the payment gate's approval. Answers stream back
 * unchanged; the seller's own errors are rendered in the path's format.
 *
 * @example
 * ```ts
 * const seller = createSellerNode({
 *   identity: identityFromHex(process.env.TOLLWAY_IDENTITY_HEX!),
 *   dataDir: '.tollway',
 *   services: [{
 *     name: 'test', upstreamModel: 'test', format: 'openai-chat', categories: ['chat'],
 *     pricing: { inputUsdPerMillion: '0.10', outputUsdPerMillion: '0.20' },
 *     upstream: { kind: 'test-model' },
 *   }],
 * });
 * await seller.listen();
 * console.log(seller.url, seller.tlsFingerprint256);
 * ```
 */
export function createSellerNode(options: SellerNodeOptions): SellerNode {
  const host = options.host ?? '127.0.0.1';
  const now = options.now ?? Date.now;
  const logger = options.logger ?? silentLogger;
  const gate = options.paymentGate ?? FREE;
  const bodyLimit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT;
  const graceMs = options.shutdownGraceMs ?? 5_000;
  const peerId = options.identity.peerId;
  const replayGuard = new ReplayGuard();
  const inFlight = new Set<ServerResponse>();
  const metrics = createSellerMetrics();

  let server: Server | undefined;
  /** Over TLS: the socket that accepts connections and hands each to `server` or `plain`. */
  let listener: NetServer | undefined;
  /** Over TLS: answers `GET /metadata` and `GET /health` to plain-HTTP callers on the same port. */
  let plain: Server | undefined;
  let closing: Server | undefined;
  /** Connections that have not sent their first byte yet (closed as idle on shutdown). */
  const undecided = new Set<Socket>();
  let url = '';
  let fingerprint: string | null = null;
  let signer: (() => Promise<SignedPeerMetadata>) | undefined;

  async function handle(req: IncomingMessage, res: ServerResponse, info: RequestInfo): Promise<void> {
    const path = req.url ?? '/';
    const bare = path.split(/[?#]/, 1)[0];
    if (req.method === 'GET' && bare === '/health') {
      sendJson(res, 200, { status: 'ok', peerId });
      return;
    }
    if (req.method === 'GET' && bare === '/metadata') {
      sendJson(res, 200, await signedMetadata());
      return;
    }
    if (req.method === 'GET' && bare === '/metrics') {
      const text = await metrics.registry.metrics();
      res.writeHead(200, {
        'content-type': metrics.registry.contentType,
        'content-length': Buffer.byteLength(text),
      });
      res.end(text);
      return;
    }
    const route = routeOf(path);
    if (!route || req.method !== 'POST') {
      sendRefusal(res, route?.format, {
        status: route ? 405 : 404,
        code: route ? 'method_not_allowed' : 'not_found',
        message: route ? `${path} only answers POST.` : `No route for ${req.method} ${bare}.`,
      });
      return;
    }
    const refuse = (refusal: SellerRefusal) => sendRefusal(res, route.format, refusal);

    let raw: Buffer;
    try {
      raw = await readBody(req, bodyLimit);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      res.setHeader('connection', 'close');
      refuse({ status: 413, code: error.code, message: error.shortMessage });
      return;
    }

    const verified = await verifyRequest({
      method: req.method,
      path,
      body: raw,
      headers: req.headers,
      sellerPeerId: peerId,
      now: now(),
      replayGuard,
    });
    if (!verified.ok) {
      refuse({
        status: verified.code === 'replayed_request' ? 409 : 401,
        code: verified.code,
        message: verified.message,
      });
      return;
    }
    const buyer = verified.buyerPeerId;
    info.buyer = buyer;

    const body = parseObject(raw);
    if (!body) {
      refuse({ status: 400, code: 'invalid_request', message: 'The body must be a JSON object.' });
      return;
    }
    const found = findService(options.services, body.model, route.format, route.countTokens);
    if (!found.ok) {
      refuse(found.refusal);
      return;
    }
    const service = found.service;
    info.service = service.name;

    const authorized = await gate.authorize({ buyerPeerId: buyer, service, body });
    if (!authorized.ok) {
      refuse({ status: authorized.status, code: authorized.code, message: authorized.message });
      return;
    }

    const failure = await runModelCall({
      service,
      format: route.format,
      path: path.split(/[?#]/, 1)[0] ?? path,
      countTokens: route.countTokens,
      body,
      req,
      res,
      timeouts: options.timeouts,
    });
    if (failure) {
      logger.warn('upstream failed', {
        requestId: info.requestId,
        service: service.name,
        code: failure.code,
      });
      refuse(failure);
    }
  }

  /**
   * Plain HTTP on the HTTPS port: the open, signed documents are served (a signature, not the
   * transport, is what a buyer trusts in them), so `--bootstrap http://host:port` finds the
   * seller too; model routes are refused with the URL to use.
   */
  function onPlainRequest(req: IncomingMessage, res: ServerResponse): void {
    const bare = (req.url ?? '/').split(/[?#]/, 1)[0];
    if (req.method === 'GET' && (bare === '/metadata' || bare === '/health' || bare === '/metrics')) {
      onRequest(req, res);
      return;
    }
    sendRefusal(res, routeOf(req.url ?? '/')?.format, {
      status: 400,
      code: 'https_required',
      message: `This seller speaks HTTPS: use ${url}. Its certificate is pinned through its signed /metadata.`,
    });
  }

  /** Routes each new connection by its first byte: a TLS handshake (0x16) or plain HTTP. */
  function sniff(socket: Socket): void {
    undecided.add(socket);
    socket.once('close', () => undecided.delete(socket));
    socket.once('data', (first: Buffer) => {
      undecided.delete(socket);
      socket.pause();
      socket.unshift(first);
      (first[0] === 0x16 ? server : plain)?.emit('connection', socket);
      process.nextTick(() => socket.resume());
    });
    socket.once('error', () => socket.destroy());
  }

  function onRequest(req: IncomingMessage, res: ServerResponse): void {
    const started = performance.now();
    const requestId = randomUUID();
    const info: RequestInfo = { requestId };
    res.setHeader('x-request-id', requestId);
    inFlight.add(res);
    metrics.inFlight.inc();
    res.once('close', () => {
      inFlight.delete(res);
      metrics.inFlight.dec();
      metrics.observe({
        route: (req.url ?? '').split(/[?#]/, 1)[0] ?? '',
        service: info.service ?? '',
        status: res.statusCode,
        completed: res.writableFinished,
        seconds: (performance.now() - started) / 1000,
      });
      // While closing, a connection whose last answer just ended must not idle out the grace period.
      if (closing) closing.closeIdleConnections();
      logger.info('request', {
        requestId,
        method: req.method,
        path: (req.url ?? '').split(/[?#]/, 1)[0],
        service: info.service,
        buyer: info.buyer,
        status: res.statusCode,
        completed: res.writableFinished,
        ms: Math.round(performance.now() - started),
      });
    });
    handle(req, res, info).catch((error: unknown) => {
      logger.error('request failed', {
        requestId,
        error: error instanceof Error ? error.message : String(error),
      });
      sendRefusal(res, routeOf(req.url ?? '')?.format, {
        status: 500,
        code: 'internal_error',
        message: 'The seller failed to handle this request.',
      });
    });
  }

  function signedMetadata(): Promise<SignedPeerMetadata> {
    if (!signer)
      return Promise.reject(new Error('The seller node is not listening yet; call listen() first.'));
    return signer();
  }

  return {
    get url() {
      return url;
    },
    peerId,
    get tlsFingerprint256() {
      return fingerprint;
    },
    signedMetadata,

    async listen() {
      const tls = options.tls ?? 'self-signed';
      if (tls === 'insecure-http') {
        if (!isLoopback(host)) {
          logger.warn('serving plain HTTP on a non-loopback interface: buyers cannot pin this seller', {
            host,
          });
        }
        server = createHttpServer(onRequest);
      } else {
        const hosts = [...new Set([host, 'localhost', '127.0.0.1', ...publicHost(options.publicUrl)])];
        const cert =
          tls === 'self-signed' ? await loadOrCreateSellerCertificate(options.dataDir, { hosts }) : tls;
        fingerprint = fingerprintOf(cert.certPem);
        server = createHttpsServer({ cert: cert.certPem, key: cert.keyPem }, onRequest);
        plain = createHttpServer(onPlainRequest);
        plain.headersTimeout = 30_000;
        plain.requestTimeout = 30_000;
        // Node's own HTTP servers turn Nagle off on their sockets; this listener must do the same.
        listener = createNetServer({ noDelay: true }, sniff);
      }
      server.headersTimeout = 30_000;
      server.requestTimeout = 300_000;
      const accepting = listener ?? server;
      accepting.listen(options.port ?? 0, host);
      await once(accepting, 'listening');
      const port = (accepting.address() as AddressInfo).port;
      const scheme = fingerprint ? 'https' : 'http';
      url = `${scheme}://${urlHost(host)}:${port}`;
      const publicUrl = (options.publicUrl ?? url).replace(/\/+$/, '');
      signer = createMetadataSigner(
        options.identity,
        describeSeller({
          peerId,
          displayName: options.displayName ?? `Tollway seller ${peerId.slice(0, 8)}`,
          publicUrl,
          tlsFingerprint256: fingerprint,
          services: options.services,
        }),
        now,
      );
      logger.info('seller listening', { url, publicUrl, peerId, tlsFingerprint256: fingerprint });
    },

    async close() {
      const running = server;
      if (!running) return;
      server = undefined;
      closing = running;
      const accepting = listener;
      const plainRunning = plain;
      listener = undefined;
      plain = undefined;
      // Over TLS the net listener is what listens; its close() waits for every socket it accepted.
      const closed = new Promise<void>((resolve) => (accepting ?? running).close(() => resolve()));
      plainRunning?.closeAllConnections();
      for (const socket of undecided) socket.destroy();
      running.closeIdleConnections();
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, graceMs);
      });
      await Promise.race([closed, grace]);
      clearTimeout(timer);
      for (const res of inFlight) res.destroy();
      running.closeAllConnections();
      await closed;
    },
  };
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function parseObject(raw: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(raw.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** A bind address as a URL host: a wildcard becomes loopback, IPv6 gets brackets. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

function publicHost(publicUrl: string | undefined): string[] {
  if (!publicUrl || !URL.canParse(publicUrl)) return [];
  return [new URL(publicUrl).hostname.replace(/^\[|\]$/g, '')];
}

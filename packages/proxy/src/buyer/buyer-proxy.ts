import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ApiFormat, formatForPath, normalizePeerId, PinError, TollwayError } from '@tollway/core';
import type { Identity } from '@tollway/payments';
import { type Logger, silentLogger } from '../log/logger.js';
import { createBuyerMetrics } from '../metrics/buyer-metrics.js';
import { type BuyerState, BuyerStateStore } from '../state/buyer-state.js';
import type { BuyerContext, SessionPins } from './buyer-context.js';
import { BuyerError } from './buyer-error.js';
import { type ClientError, ClientResponse } from './client-response.js';
import { handleCountTokens } from './count-tokens-route.js';
import { type CallOutcome, handleModelCall } from './model-call.js';
import { handleModels } from './models-route.js';
import { freePaymentStep, type PaymentStep } from './payment-step.js';
import { PeerCatalog } from './peer-catalog.js';
import { PeerRefresher } from './peer-refresher.js';
import type { PeerTimeouts } from './send-to-peer.js';

/** Options of {@link createBuyerProxy}. */
export interface BuyerProxyOptions {
  /** Holds `buyer.state.json` (pins, discovered peers); one data dir per running proxy. */
  dataDir: string;
  /** The buyer's identity: signs every request to a seller. */
  identity: Identity;
  /** Default `127.0.0.1`. */
  host?: string;
  /** Default 8377; 0 picks a free port. */
  port?: number;
  /** Seller and registry URLs to discover peers from. */
  bootstrap?: string[];
  /** Sets the session pin at start (`--peer`). */
  pinPeer?: string;
  /** Accept plain-HTTP peers that are not on loopback. Default false. */
  allowInsecureHttp?: boolean;
  /** Largest request body. Default 64 MiB. */
  bodyLimitBytes?: number;
  timeouts?: PeerTimeouts;
  /** A stream whose first event takes longer than this is committed and kept alive with comments. Default 2000 ms. */
  keepAliveAfterMs?: number;
  /** Background discovery interval. Default 5 minutes. */
  refreshIntervalMs?: number;
  /** Deadline of each discovery fetch. Default 4000 ms. */
  discoveryTimeoutMs?: number;
  /** How long `close()` lets in-flight requests finish. Default 5000 ms. */
  closeGraceMs?: number;
  logger?: Logger;
  /** Payments; free by default. */
  paymentStep?: PaymentStep;
  now?: () => number;
}

/** A running (or ready to run) buyer proxy. */
export interface BuyerProxy {
  /** Starts listening, marks the state file `connected` and runs a first discovery round. */
  listen(): Promise<{ url: string }>;
  /** Stops accepting, lets in-flight requests finish (up to `closeGraceMs`), marks the state `stopped`. */
  close(): Promise<void>;
  /** `http://host:port` once listening. */
  readonly url: string;
}

const DEFAULT_TIMEOUTS: Required<PeerTimeouts> = { connectMs: 10_000, firstByteMs: 300_000, idleMs: 300_000 };
/** How long a peer's `lastReachedAt` may lag in the state file. */
const REACHED_WRITE_GAP_MS = 60_000;

/**
 * The buyer proxy: the local endpoint AI tools point at. It speaks Anthropic Messages
 * (`/v1/messages`), OpenAI Chat Completions (`/v1/chat/completions`) and OpenAI Responses
 * (`/v1/responses`), routes each call to the pinned seller (header `x-antseed-pin-peer`, model
 * prefix `<peerId>@<model>`, or the session pin of `buyer.state.json`, which it follows live),
 * translates to the service's format, signs the request and streams the answer back. Also
 * `GET /v1/models`, `POST /v1/messages/count_tokens` and `GET /health`.
 *
 * @example
 * ```ts
 * const proxy = createBuyerProxy({ dataDir, identity, bootstrap: ['https://seller.example:8443'] });
 * const { url } = await proxy.listen(); // http://127.0.0.1:8377
 * // new OpenAI({ baseURL: `${url}/v1`, apiKey: 'unused' })
 * await proxy.close();
 * ```
 */
export function createBuyerProxy(options: BuyerProxyOptions): BuyerProxy {
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? Date.now;
  const host = options.host ?? '127.0.0.1';
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const store = new BuyerStateStore(options.dataDir);
  const catalog = new PeerCatalog({
    allowInsecureHttp: options.allowInsecureHttp ?? false,
    logger,
    now,
    connectTimeoutMs: timeouts.connectMs,
  });
  let session: SessionPins = { pinnedPeerId: null, pinnedService: null };
  const applyState = async (state: BuyerState) => {
    session = { pinnedPeerId: state.pinnedPeerId ?? null, pinnedService: state.pinnedService ?? null };
    await catalog.load(state.discoveredPeers ?? []);
  };
  const refresher = new PeerRefresher({
    store,
    bootstrap: options.bootstrap ?? [],
    intervalMs: options.refreshIntervalMs ?? 5 * 60_000,
    allowInsecureHttp: options.allowInsecureHttp ?? false,
    timeoutMs: options.discoveryTimeoutMs ?? 4000,
    logger,
    now,
    onMerged: applyState,
  });
  const reachedWrites = new Map<string, number>();
  const ctx: BuyerContext = {
    identity: options.identity,
    catalog,
    session: () => session,
    refreshPeers: () => refresher.refreshOnDemand(),
    peerReached: (peerId) => {
      const at = now();
      if (at - (reachedWrites.get(peerId) ?? 0) < REACHED_WRITE_GAP_MS) return;
      reachedWrites.set(peerId, at);
      store
        .update((s) => ({
          ...s,
          discoveredPeers: s.discoveredPeers?.map((p) =>
            p.peerId === peerId ? { ...p, lastReachedAt: at } : p,
          ),
        }))
        .catch((error) => logger.warn('could not record a reached peer', { peerId, error: String(error) }));
    },
    paymentStep: options.paymentStep ?? freePaymentStep,
    logger,
    metrics: createBuyerMetrics(),
    now,
    bodyLimitBytes: options.bodyLimitBytes ?? 64 * 1024 * 1024,
    timeouts,
    keepAliveAfterMs: options.keepAliveAfterMs ?? 2000,
  };

  const inflight = new Set<{ controller: AbortController; done: Promise<void> }>();
  let closing = false;
  const server: Server = createServer((req, res) => {
    const controller = new AbortController();
    const entry = { controller, done: Promise.resolve() };
    entry.done = serve(ctx, req, res, controller.signal, () => closing).finally(() => inflight.delete(entry));
    inflight.add(entry);
    res.on('close', () => {
      if (!res.writableFinished) controller.abort(new Error('the client went away'));
    });
  });
  server.requestTimeout = 10 * 60_000;
  let url = '';
  let unwatch: (() => void) | undefined;

  return {
    get url() {
      return url;
    },
    async listen() {
      let state = await store.read();
      if (options.pinPeer !== undefined) {
        const pinned = normalizePeerId(options.pinPeer);
        if (!pinned) {
          throw new PinError(
            'invalid_peer_id',
            `--peer "${options.pinPeer}" is not a peer id (40 hex characters)`,
            'peer',
          );
        }
        state = await store.update((s) => ({ ...s, pinnedPeerId: pinned }));
      }
      await applyState(state);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port ?? 8377, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      const { port } = server.address() as AddressInfo;
      try {
        await store.update((s) => ({ ...s, state: 'connected', pid: process.pid, port }));
      } catch (error) {
        // A start that fails must not leave a listening server behind (it would keep the process alive).
        await new Promise((resolve) => server.close(resolve));
        throw error;
      }
      url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
      unwatch = store.watch(
        (next) =>
          void applyState(next).catch((error) =>
            logger.error('reloading the state failed', { error: String(error) }),
          ),
        (error) => logger.error(`cannot read ${store.path}`, { error: String(error) }),
      );
      logger.info('buyer proxy listening', {
        url,
        dataDir: options.dataDir,
        statePath: store.path,
        peerId: options.identity.peerId,
      });
      await refresher.refresh();
      refresher.start();
      return { url };
    },
    async close() {
      if (closing) return;
      closing = true;
      refresher.stop();
      unwatch?.();
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const finished = Promise.all([...inflight].map((e) => e.done));
      const grace = options.closeGraceMs ?? 5000;
      let timer: NodeJS.Timeout | undefined;
      const late = await Promise.race([
        finished.then(() => false),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(true), grace);
        }),
      ]);
      clearTimeout(timer);
      if (late) {
        for (const entry of inflight)
          entry.controller.abort(new BuyerError('shutting_down', 'The buyer proxy is shutting down.'));
        await finished;
      }
      server.closeAllConnections();
      await stopped;
      await catalog.close();
      if (url) await store.update((s) => ({ ...s, state: 'stopped' })).catch(() => {});
    },
  };
}

/** Model-call paths and the format each speaks. */
const MODEL_PATHS = new Set(['/v1/messages', '/v1/chat/completions', '/v1/responses']);

async function serve(
  ctx: BuyerContext,
  req: IncomingMessage,
  res: ServerResponse,
  signal: AbortSignal,
  closing: () => boolean,
): Promise<void> {
  const startedAt = Date.now();
  const path = (req.url ?? '/').split('?', 1)[0]!.replace(/\/+$/, '') || '/';
  const method = req.method ?? 'GET';
  const format = responseFormat(req, path);
  const out = new ClientResponse(res, `req_${randomUUID().replace(/-/g, '')}`, format, startedAt);
  const outcome: CallOutcome = {};
  ctx.metrics.inFlight.inc();
  try {
    if (closing()) throw new BuyerError('shutting_down', 'The buyer proxy is shutting down.');
    if (MODEL_PATHS.has(path)) {
      requirePost(method, path);
      await handleModelCall(ctx, req, out, signal, outcome);
    } else if (path === '/v1/messages/count_tokens') {
      requirePost(method, path);
      await handleCountTokens(ctx, req, out, signal);
    } else if (path === '/v1/models' && method === 'GET') {
      await handleModels(ctx, req, out);
    } else if (path === '/metrics' && method === 'GET') {
      out.text(200, await ctx.metrics.registry.metrics(), ctx.metrics.registry.contentType);
    } else if (path === '/health' && method === 'GET') {
      out.json(200, {
        status: 'ok',
        peerId: ctx.identity.peerId,
        pinnedPeerId: ctx.session().pinnedPeerId,
        peers: ctx.catalog.all().length,
      });
    } else {
      throw new BuyerError(
        'not_found',
        `No route for ${method} ${path}. The buyer proxy serves /v1/messages, /v1/chat/completions, /v1/responses, /v1/models, /v1/messages/count_tokens, /health and /metrics.`,
      );
    }
  } catch (error) {
    const clientError = toClientError(error, signal);
    outcome.code = clientError.code;
    if (clientError.status >= 500 && !(error instanceof TollwayError)) {
      ctx.logger.error('request failed', { requestId: out.requestId, error: String(error) });
    }
    await out.error(clientError).catch(() => {});
  } finally {
    out.end();
    ctx.metrics.inFlight.dec();
    ctx.metrics.observe({
      route: path,
      clientFormat: format,
      upstreamFormat: outcome.serviceFormat ?? '',
      peerId: outcome.peerId ?? '',
      status: out.status ?? 0,
      code: outcome.code ?? '',
      seconds: (Date.now() - startedAt) / 1000,
      firstByteSeconds: out.firstByteAt === undefined ? undefined : (out.firstByteAt - startedAt) / 1000,
      usage: outcome.usage,
      costBaseUnits: outcome.costBaseUnits,
    });
    ctx.logger.info('request', {
      requestId: out.requestId,
      method,
      path,
      status: out.status,
      format,
      ...outcome,
      usage: undefined,
      inputTokens: outcome.usage?.inputTokens,
      outputTokens: outcome.usage?.outputTokens,
      costBaseUnits: outcome.costBaseUnits?.toString(),
      ms: Date.now() - startedAt,
    });
  }
}

/** The format errors are rendered in: the path's, else Anthropic's when the client sent `anthropic-version`, else OpenAI's. */
function responseFormat(req: IncomingMessage, path: string): ApiFormat {
  if (path === '/v1/messages/count_tokens') return 'anthropic-messages';
  return formatForPath(path) ?? (req.headers['anthropic-version'] ? 'anthropic-messages' : 'openai-chat');
}

function requirePost(method: string, path: string): void {
  if (method !== 'POST') throw new BuyerError('method_not_allowed', `${path} takes POST, not ${method}.`);
}

/** Any failure as the error the client sees: typed errors keep their status and code. */
function toClientError(error: unknown, signal: AbortSignal): ClientError {
  if (signal.aborted && signal.reason instanceof BuyerError) error = signal.reason;
  if (error instanceof TollwayError && 'status' in error && typeof error.status === 'number') {
    const param = 'param' in error && typeof error.param === 'string' ? error.param : undefined;
    const details = error.details && !error.shortMessage.includes(error.details) ? ` ${error.details}` : '';
    return { status: error.status, code: error.code, message: `${error.shortMessage}${details}`, param };
  }
  return { status: 500, code: 'internal_error', message: 'The buyer proxy failed to handle this request.' };
}

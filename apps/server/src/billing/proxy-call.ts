import { randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../db/db.js';
import { HttpError } from '../http/http-error.js';
import type { Logger } from '../http/logger.js';
import type { SafeFetch } from '../net/safe-fetch.js';
import { SsrfError } from '../net/ssrf-error.js';
import type { EnqueueWebhookEventInput } from '../webhooks/enqueue-event.js';
import { releaseExpiredReservations, reserveBalance, resolveReservation } from './balance-store.js';
import { claimFreeCall, releaseFreeCall } from './free-tier.js';
import {
  abandonIdempotentCall,
  beginIdempotentCall,
  completeIdempotentCall,
  IDEMPOTENCY_TTL_MS,
  requestFingerprint,
  type StoredOutcome,
} from './idempotency.js';
import { passThrough } from './pass-through.js';
import {
  billingHeaders,
  formatUsdAmount,
  forwardedRequestHeaders,
  providerResponseHeaders,
} from './proxy-headers.js';
import { type ServiceForCall, serviceForCall } from './service-for-call.js';
import { insertUsageRecord } from './usage-records.js';

/** What the proxy reaches the world through. */
export interface ProxyDeps {
  db: Db;
  /** The SSRF-guarded fetch. */
  fetch: SafeFetch;
  now: () => number;
  logger: Logger;
  /** Puts a webhook event in the outbox inside the call's transaction. */
  enqueueWebhookEvent: (db: Queryable, input: EnqueueWebhookEventInput) => Promise<void>;
}

/** One buyer call to `ANY /api/v1/proxy/{service_id}/{path}`. */
export interface ProxyCallInput {
  serviceId: string;
  /** The path after the service id, still percent-encoded, with its leading `/` (or empty). */
  path: string;
  /** The query string with its `?` (or empty). */
  search: string;
  method: string;
  headers: Headers;
  body: Uint8Array;
  buyerKeyId: string;
  buyerId: string;
}

/** Largest provider body kept for an idempotent replay; larger answers replay without a body. */
const REPLAY_BODY_BYTES = 1024 * 1024;
/** A provider that has not started answering in 5 minutes is a timeout, whatever the service says. */
const MAX_TIMEOUT_MS = 300_000;
/** Whole-call cap for streams that keep going after their answer began. */
const MAX_STREAM_MS = 30 * 60_000;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** How the call is paid, decided before the provider is called. */
type Payment =
  | { kind: 'free' }
  | { kind: 'reserved'; reservationId: string; amount: bigint }
  | { kind: 'zero_price' };

/**
 * The payment proxy: looks the service up, takes a free call or reserves the price on the
 * buyer's balance, forwards the request (SSRF-guarded, credentials stripped), streams the
 * provider's answer back with the billing headers, and settles: commit when the provider
 * answered below 500, release (a full refund) on a 5xx, a timeout or an unreachable provider.
 * The usage record, the settlement and the `service.called` webhook are one transaction.
 *
 * How each payment method pays: `prepaid`, `paypal` and `nowpayments` services draw on the
 * buyer's prepaid balance (funded by PayPal orders, NOWPayments payments or an admin credit);
 * `x402` is answered with 402 until x402 is enabled on this server.
 *
 * Idempotency: with `Idempotency-Key` (or `X-Request-ID`), a repeat of a call that reached the
 * provider (status below 500) gets the original status, billing headers and, for answers up to
 * 1 MiB that are not event streams, body, plus `X-Idempotent: true`, without calling or charging
 * again; a duplicate that arrives while the first is still running gets 409. Calls that were
 * refused or failed (402, 5xx, timeout) keep no outcome, so retrying them runs them again.
 *
 * @example
 * ```ts
 * const res = await proxyCall(deps, { serviceId, path: '/analyze', search: '', method: 'POST', headers, body, buyerKeyId, buyerId });
 * res.headers.get('X-ACF-Amount'); // '0.05'
 * ```
 */
export async function proxyCall(deps: ProxyDeps, call: ProxyCallInput): Promise<Response> {
  const service = await serviceForCall(deps.db, call.serviceId);
  if (!service || service.status === 'removed') throw new HttpError(404, 'Service not found');
  if (service.status !== 'active') throw new HttpError(404, 'Service is not active');
  const target = targetUrl(service.endpoint, call.path, call.search);

  const idempotencyKey = call.headers.get('idempotency-key') ?? call.headers.get('x-request-id');
  if (idempotencyKey !== null) {
    if (!IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new HttpError(400, 'Idempotency-Key must be 1 to 255 visible ASCII characters');
    }
    const start = await beginIdempotentCall(deps.db, {
      ownerId: call.buyerId,
      key: idempotencyKey,
      fingerprint: requestFingerprint(call.method, service.id, call.path + call.search, call.body),
      now: new Date(deps.now()),
      inProgressUntil: new Date(deps.now() + MAX_STREAM_MS),
    });
    if (start.kind === 'replay') return replay(start.outcome);
    if (start.kind === 'in_progress') {
      throw new HttpError(409, 'A request with this Idempotency-Key is still in progress; retry later', {
        headers: { 'Retry-After': '1' },
      });
    }
    if (start.kind === 'mismatch') {
      throw new HttpError(400, 'This Idempotency-Key was already used for a different request');
    }
  }
  const forget = () =>
    idempotencyKey ? abandonIdempotentCall(deps.db, call.buyerId, idempotencyKey) : undefined;

  let payment: Payment;
  try {
    payment = await pay(deps, service, call.buyerId);
  } catch (error) {
    await forget();
    throw error;
  }
  return forward(deps, service, call, target, payment, idempotencyKey, forget);
}

async function pay(deps: ProxyDeps, service: ServiceForCall, buyerId: string): Promise<Payment> {
  if (await claimFreeCall(deps.db, { serviceId: service.id, buyerId }, service.freeTierCalls))
    return { kind: 'free' };
  if (service.price === 0n) return { kind: 'zero_price' };
  if (service.paymentMethod === 'x402') {
    throw new HttpError(
      402,
      'x402 payments are not enabled on this server: this service cannot be paid for here yet',
    );
  }
  const hold = {
    ownerId: buyerId,
    amount: service.price,
    serviceId: service.id,
    expiresAt: new Date(deps.now() + MAX_STREAM_MS),
  };
  let reserved = await reserveBalance(deps.db, hold);
  if (!reserved.ok && (await releaseExpiredReservations(deps.db, new Date(deps.now()), buyerId)) > 0) {
    reserved = await reserveBalance(deps.db, hold);
  }
  if (!reserved.ok) {
    throw new HttpError(
      402,
      `Insufficient balance: this call costs ${formatUsdAmount(service.price)} USDC. Add funds with POST /api/v1/deposits (PayPal or NOWPayments) and check GET /api/v1/balance.`,
    );
  }
  return { kind: 'reserved', reservationId: reserved.reservationId, amount: service.price };
}

async function forward(
  deps: ProxyDeps,
  service: ServiceForCall,
  call: ProxyCallInput,
  target: string,
  payment: Payment,
  idempotencyKey: string | null,
  forget: () => Promise<void> | undefined,
): Promise<Response> {
  const usageId = randomUUID();
  const headTimeout = new AbortController();
  const timeoutMs = Math.min(service.timeoutMs, MAX_TIMEOUT_MS);
  const timer = setTimeout(() => headTimeout.abort(), timeoutMs);
  const started = performance.now();
  let upstream: Awaited<ReturnType<SafeFetch>> | undefined;
  let failure: HttpError | undefined;
  try {
    const hasBody = call.body.byteLength > 0 && call.method !== 'GET' && call.method !== 'HEAD';
    upstream = await deps.fetch(
      target,
      {
        method: call.method,
        headers: Object.fromEntries(forwardedRequestHeaders(call.headers)),
        ...(hasBody ? { body: call.body } : {}),
        signal: headTimeout.signal,
      },
      { timeoutMs: MAX_STREAM_MS },
    );
  } catch (error) {
    failure = callFailure(error, headTimeout.signal.aborted, timeoutMs);
  } finally {
    clearTimeout(timer);
  }
  const latencyMs = performance.now() - started;
  const statusCode = upstream?.status ?? failure!.status;
  const failed = statusCode >= 500;
  const amount = !failed && payment.kind === 'reserved' ? payment.amount : 0n;
  const freeTier = payment.kind === 'free' && !failed;
  try {
    await settle(deps, service, call, {
      usageId,
      statusCode,
      failed,
      amount,
      freeTier,
      latencyMs,
      payment,
      idempotencyKey,
    });
  } catch (error) {
    // Nothing was recorded: give the provider's connection back and let the hold expire.
    await upstream?.body?.cancel().catch(() => {});
    await forget();
    throw error;
  }

  const billing = billingHeaders({ usageId, amount, freeTier, latencyMs });
  if (!upstream) {
    await forget();
    throw new HttpError(failure!.status, failure!.shortMessage, { headers: billing });
  }
  const headers = providerResponseHeaders(upstream.headers as unknown as Headers);
  for (const [name, value] of Object.entries(billing)) headers.set(name, value);
  if (failed || !idempotencyKey) {
    if (failed) await forget();
    return new Response(upstream.body as ReadableStream<Uint8Array> | null, {
      status: upstream.status,
      headers,
    });
  }
  const streamed = (headers.get('content-type') ?? '').includes('text/event-stream');
  const kept: Record<string, string> = { ...billing };
  const contentType = headers.get('content-type');
  if (contentType) kept['content-type'] = contentType;
  const body = passThrough(upstream.body as ReadableStream<Uint8Array> | null, {
    captureBytes: streamed ? 0 : REPLAY_BODY_BYTES,
    onEnd: (end) => {
      const outcome: StoredOutcome = { status: upstream.status, headers: kept, body: end.body };
      completeIdempotentCall(
        deps.db,
        call.buyerId,
        idempotencyKey,
        outcome,
        new Date(deps.now() + IDEMPOTENCY_TTL_MS),
      ).catch((error) => deps.logger.warn('storing an idempotent outcome failed', { error: String(error) }));
    },
  });
  return new Response(body, { status: upstream.status, headers });
}

async function settle(
  deps: ProxyDeps,
  service: ServiceForCall,
  call: ProxyCallInput,
  o: {
    usageId: string;
    statusCode: number;
    failed: boolean;
    amount: bigint;
    freeTier: boolean;
    latencyMs: number;
    payment: Payment;
    idempotencyKey: string | null;
  },
): Promise<void> {
  const at = deps.now();
  await deps.db.transaction(async (tx) => {
    await insertUsageRecord(tx, {
      id: o.usageId,
      buyerKeyId: call.buyerKeyId,
      buyerId: call.buyerId,
      serviceId: service.id,
      providerId: service.providerId,
      amount: o.amount,
      latencyMs: o.latencyMs,
      statusCode: o.statusCode,
      freeTier: o.freeTier,
      paymentMethod: service.paymentMethod,
      paymentTx: o.payment.kind === 'reserved' ? o.payment.reservationId : null,
      requestId: o.idempotencyKey,
      createdAt: new Date(at),
    });
    if (o.payment.kind === 'reserved') {
      await resolveReservation(tx, o.payment.reservationId, o.failed ? 'release' : 'commit', o.usageId);
    }
    if (o.payment.kind === 'free' && o.failed)
      await releaseFreeCall(tx, { serviceId: service.id, buyerId: call.buyerId });
    await deps.enqueueWebhookEvent(tx, {
      event: 'service.called',
      payload: {
        usage_id: o.usageId,
        service_id: service.id,
        buyer_id: call.buyerId,
        provider_id: service.providerId,
        amount_usd: Number(formatUsdAmount(o.amount)),
        amount: formatUsdAmount(o.amount),
        payment_method: service.paymentMethod,
        free_tier: o.freeTier,
        status_code: o.statusCode,
        latency_ms: Math.round(o.latencyMs),
      },
      audience: [service.providerId, call.buyerId],
      now: at,
    });
  });
}

function replay(outcome: StoredOutcome): Response {
  const headers = new Headers(outcome.headers);
  headers.set('X-Idempotent', 'true');
  return new Response(outcome.body, { status: outcome.status, headers });
}

/** The provider URL: the service endpoint, the buyer's path under it, the query string. */
function targetUrl(endpoint: string, path: string, search: string): string {
  const segments = path.split('/').map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
  if (segments.some((s) => s === '.' || s === '..' || s.includes('/') || s.includes('\\'))) {
    throw new HttpError(400, 'The path may not contain "." or ".." segments or encoded slashes');
  }
  return `${endpoint.replace(/\/+$/, '')}${path}${search}`;
}

function callFailure(error: unknown, timedOut: boolean, timeoutMs: number): HttpError {
  if (timedOut) return new HttpError(504, `Provider timeout: no answer within ${timeoutMs} ms`);
  if (error instanceof SsrfError) {
    return new HttpError(
      502,
      `Provider unreachable: the service endpoint is refused (${error.shortMessage})`,
    );
  }
  return new HttpError(502, 'Provider unreachable');
}

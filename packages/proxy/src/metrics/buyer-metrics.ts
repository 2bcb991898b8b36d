import type { IrUsage } from '@tollway/core';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** One finished request, as the buyer proxy saw it. */
export interface BuyerRequestObservation {
  /** `/v1/messages`, `/v1/models`, … (unknown paths are counted as `other`). */
  route: string;
  clientFormat: string;
  /** The seller's service format; empty when the request never reached a peer. */
  upstreamFormat: string;
  peerId: string;
  status: number;
  /** The error code the request ended with, or empty. */
  code: string;
  seconds: number;
  /** Until the first answer byte that was not a keep-alive comment. */
  firstByteSeconds: number | undefined;
  usage: IrUsage | undefined;
  costBaseUnits: bigint | undefined;
}

const ROUTES = new Set([
  '/v1/messages',
  '/v1/chat/completions',
  '/v1/responses',
  '/v1/models',
  '/v1/messages/count_tokens',
  '/health',
  '/metrics',
]);
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

/**
 * The buyer proxy's Prometheus metrics, in a registry of its own (two proxies in one process do
 * not mix): requests by route, format pair, peer and status; latency and time to first byte;
 * in-flight requests; tokens and metered spend by peer. Served at `GET /metrics`.
 *
 * @example
 * ```ts
 * const metrics = createBuyerMetrics();
 * metrics.observe({ route: '/v1/messages', clientFormat: 'anthropic-messages', upstreamFormat: 'openai-chat', peerId: '6f9b…', status: 200, code: '', seconds: 1.2, firstByteSeconds: 0.3, usage, costBaseUnits: 1200n });
 * const text = await metrics.registry.metrics();
 * ```
 */
export function createBuyerMetrics() {
  const registry = new Registry();
  const pair = ['route', 'client_format', 'upstream_format'] as const;
  const requests = new Counter({
    name: 'tollway_buyer_requests_total',
    help: 'Requests answered, by route, client and upstream format, peer, status and error code.',
    labelNames: [...pair, 'peer', 'status', 'code'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'tollway_buyer_request_duration_seconds',
    help: 'Time from the request to the end of its answer.',
    labelNames: [...pair, 'status'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const firstByte = new Histogram({
    name: 'tollway_buyer_time_to_first_byte_seconds',
    help: 'Time from the request to the first byte of its answer (keep-alive comments excluded).',
    labelNames: pair,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const inFlight = new Gauge({
    name: 'tollway_buyer_in_flight_requests',
    help: 'Requests being answered now (streams included).',
    registers: [registry],
  });
  const tokens = new Counter({
    name: 'tollway_buyer_tokens_total',
    help: 'Tokens reported by answers, by peer and kind (cached input is part of input).',
    labelNames: ['peer', 'kind'],
    registers: [registry],
  });
  const spend = new Counter({
    name: 'tollway_buyer_spend_usdc_base_units_total',
    help: "Metered cost of answers at the peers' announced prices, in USDC base units (1e-6 USDC).",
    labelNames: ['peer'],
    registers: [registry],
  });

  return {
    registry,
    inFlight,
    observe(o: BuyerRequestObservation): void {
      const labels = {
        route: ROUTES.has(o.route) ? o.route : 'other',
        client_format: o.clientFormat,
        upstream_format: o.upstreamFormat,
      };
      requests.inc({ ...labels, peer: o.peerId, status: String(o.status), code: o.code });
      duration.observe({ ...labels, status: String(o.status) }, o.seconds);
      if (o.firstByteSeconds !== undefined) firstByte.observe(labels, o.firstByteSeconds);
      if (o.usage && o.peerId) {
        tokens.inc({ peer: o.peerId, kind: 'input' }, o.usage.inputTokens);
        tokens.inc({ peer: o.peerId, kind: 'output' }, o.usage.outputTokens);
        if (o.usage.cachedInputTokens)
          tokens.inc({ peer: o.peerId, kind: 'cached_input' }, o.usage.cachedInputTokens);
      }
      // Counters are floats in Prometheus; spend is exported for dashboards, never read back as money.
      if (o.costBaseUnits !== undefined && o.peerId) spend.inc({ peer: o.peerId }, Number(o.costBaseUnits));
    },
  };
}

/** The metrics of one buyer proxy; see {@link createBuyerMetrics}. */
export type BuyerMetrics = ReturnType<typeof createBuyerMetrics>;

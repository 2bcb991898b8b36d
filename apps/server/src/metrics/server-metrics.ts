import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Db } from '../db/db.js';

/**
 * The marketplace's Prometheus metrics, in a registry of its own: HTTP requests by method,
 * route pattern and status with their duration, plus gauges read from the database at each
 * scrape (so every instance sharing a database reports the same backlog): webhook deliveries
 * waiting and failed, and active services.
 *
 * @example
 * ```ts
 * const metrics = createServerMetrics(db);
 * metrics.observeHttp('GET', '/api/v1/services/:service_id', 200, 0.004);
 * const text = await metrics.registry.metrics();
 * ```
 */
export function createServerMetrics(db: Db) {
  const registry = new Registry();
  const requests = new Counter({
    name: 'tollway_marketplace_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'tollway_marketplace_request_duration_seconds',
    help: 'Time to answer an HTTP request (to the start of a streamed answer).',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  new Gauge({
    name: 'tollway_marketplace_webhook_deliveries',
    help: 'Webhook deliveries in the outbox, by state (pending includes those waiting for a retry).',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      const row = await db.one<{ pending: number; failed: number }>(
        `SELECT count(*) FILTER (WHERE delivered_at IS NULL AND failed_at IS NULL)::int AS pending,
                count(*) FILTER (WHERE failed_at IS NOT NULL)::int AS failed
           FROM webhook_outbox`,
      );
      this.set({ state: 'pending' }, row?.pending ?? 0);
      this.set({ state: 'failed' }, row?.failed ?? 0);
    },
  });
  new Gauge({
    name: 'tollway_marketplace_active_services',
    help: 'Services with status active.',
    registers: [registry],
    async collect() {
      const row = await db.one<{ n: number }>(
        `SELECT count(*)::int AS n FROM services WHERE status = 'active'`,
      );
      this.set(row?.n ?? 0);
    },
  });
  return {
    registry,
    observeHttp(method: string, route: string, status: number, seconds: number): void {
      const labels = { method, route, status: String(status) };
      requests.inc(labels);
      duration.observe(labels, seconds);
    },
  };
}

/** The metrics of one app; see {@link createServerMetrics}. */
export type ServerMetrics = ReturnType<typeof createServerMetrics>;

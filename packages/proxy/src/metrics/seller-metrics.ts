import { Counter, Gauge, Histogram, Registry } from 'prom-client';

const ROUTES = new Set([
  '/v1/messages',
  '/v1/chat/completions',
  '/v1/responses',
  '/v1/messages/count_tokens',
  '/metadata',
  '/health',
  '/metrics',
]);

/**
 * The seller node's Prometheus metrics, in a registry of its own: requests by route, service
 * and status (with whether the answer was delivered whole), their duration, and the requests in
 * flight. Served at `GET /metrics` (over HTTPS, and on plain HTTP at the same port).
 *
 * @example
 * ```ts
 * const metrics = createSellerMetrics();
 * metrics.observe({ route: '/v1/chat/completions', service: 'gpt-4o', status: 200, completed: true, seconds: 0.8 });
 * ```
 */
export function createSellerMetrics() {
  const registry = new Registry();
  const requests = new Counter({
    name: 'tollway_seller_requests_total',
    help: 'Requests answered, by route, service, status and whether the answer was delivered whole.',
    labelNames: ['route', 'service', 'status', 'completed'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'tollway_seller_request_duration_seconds',
    help: 'Time from the request to the end of its answer.',
    labelNames: ['route', 'service', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
    registers: [registry],
  });
  const inFlight = new Gauge({
    name: 'tollway_seller_in_flight_requests',
    help: 'Requests being answered now (streams included).',
    registers: [registry],
  });
  return {
    registry,
    inFlight,
    observe(o: {
      route: string;
      service: string;
      status: number;
      completed: boolean;
      seconds: number;
    }): void {
      const route = ROUTES.has(o.route) ? o.route : 'other';
      requests.inc({ route, service: o.service, status: String(o.status), completed: String(o.completed) });
      duration.observe({ route, service: o.service, status: String(o.status) }, o.seconds);
    },
  };
}

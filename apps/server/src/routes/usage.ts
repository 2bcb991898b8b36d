import { z } from 'zod';
import type { AppDeps } from '../app-deps.js';
import { formatUsdAmount } from '../billing/proxy-headers.js';
import { buyerUsage } from '../billing/usage-records.js';
import type { RouteRegistry } from '../http/route-registry.js';

const UsageResponse = z.object({
  buyer_id: z.string(),
  total_calls: z.number().int(),
  total_spent_usd: z.string().describe('Charged in total, USD (= USDC), e.g. "2.10"'),
  avg_latency_ms: z.number(),
});

/**
 * `GET /api/v1/usage/me`: the caller's calls through the proxy (all of them, failed ones
 * included), what they were charged in total (refunded calls count 0) and their mean latency.
 *
 * @example
 * ```ts
 * registerUsageRoutes(registry, deps);
 * ```
 */
export function registerUsageRoutes(registry: RouteRegistry, deps: AppDeps): void {
  registry.add({
    method: 'GET',
    path: '/api/v1/usage/me',
    summary: 'Usage statistics of the authenticated buyer',
    tag: 'Payment Proxy',
    auth: 'key',
    response: UsageResponse,
    handler: async ({ c, key }) => {
      const usage = await buyerUsage(deps.db, key.ownerId);
      return c.json({
        buyer_id: key.ownerId,
        total_calls: usage.totalCalls,
        total_spent_usd: formatUsdAmount(usage.totalSpent),
        avg_latency_ms: usage.avgLatencyMs,
      });
    },
  });
}

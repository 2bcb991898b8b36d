import { z } from 'zod';
import type { AppDeps } from '../app-deps.js';
import { type ProxyDeps, proxyCall } from '../billing/proxy-call.js';
import type { RouteMethod, RouteRegistry } from '../http/route-registry.js';
import { enqueueWebhookEvent } from '../webhooks/enqueue-event.js';

const PROXY_METHODS: readonly RouteMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const PREFIX = '/api/v1/proxy/';

/** Request bodies the proxy forwards (providers' APIs take larger bodies than the marketplace's own). */
export const PROXY_BODY_LIMIT_BYTES = 10 * 1024 * 1024;

const ProxyParams = z.object({ service_id: z.string().min(1).max(200), path: z.string().optional() });

/**
 * `ANY /api/v1/proxy/{service_id}/{path}` (and the service's root without a path): the payment
 * proxy; see `proxyCall` for the flow, the refunds and idempotency. Requires a buyer or
 * provider key; answers the provider's response with the billing headers, 402 when the call
 * cannot be paid, 404 for unknown or inactive services, 502/504 when the provider fails.
 *
 * @example
 * ```ts
 * registerProxyRoutes(registry, deps);
 * ```
 */
export function registerProxyRoutes(registry: RouteRegistry, deps: AppDeps): void {
  createProxyRoutes({ enqueueWebhookEvent })(registry, deps);
}

/**
 * The proxy routes with a chosen webhook enqueuer (tests pass a recording one).
 *
 * @example
 * ```ts
 * createTestServer({ routeGroups: [createProxyRoutes({ enqueueWebhookEvent: async () => {} })] });
 * ```
 */
export function createProxyRoutes(options: Pick<ProxyDeps, 'enqueueWebhookEvent'>) {
  return (registry: RouteRegistry, deps: AppDeps): void => {
    const proxyDeps: ProxyDeps = { ...deps, enqueueWebhookEvent: options.enqueueWebhookEvent };
    for (const path of ['/api/v1/proxy/:service_id', '/api/v1/proxy/:service_id/:path{.+}']) {
      registry.add({
        method: PROXY_METHODS,
        path,
        summary: 'Call a service through the payment proxy (free tier, prepaid balance, billing headers)',
        tag: 'Payment Proxy',
        auth: 'buyer',
        params: ProxyParams,
        bodyLimitBytes: PROXY_BODY_LIMIT_BYTES,
        handler: async ({ c, params, key }) => {
          const url = new URL(c.req.url);
          const rest = url.pathname.slice(PREFIX.length);
          const slash = rest.indexOf('/');
          return proxyCall(proxyDeps, {
            serviceId: params.service_id,
            path: slash === -1 ? '' : rest.slice(slash),
            search: url.search,
            method: c.req.method,
            headers: c.req.raw.headers,
            body: new Uint8Array(await c.req.arrayBuffer()),
            buyerKeyId: key.keyId,
            buyerId: key.ownerId,
          });
        },
      });
    }
  };
}

import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { routePath } from 'hono/route';
import { z } from 'zod';
import type { AppDeps } from './app-deps.js';
import type { AppEnv } from './http/app-env.js';
import { clientIp } from './http/client-ip.js';
import { HttpError } from './http/http-error.js';
import { mountRoutes, RouteRegistry, rateLimited } from './http/route-registry.js';
import { createServerMetrics } from './metrics/server-metrics.js';
import { type RegisterRoutes, ROUTE_GROUPS } from './routes/index.js';

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/**
 * The marketplace as a Hono app: every route group declared in one registry, mounted behind
 * request ids, the per-address rate limit and one error handler that answers `{"detail": …}`.
 * `groups` defaults to every group of the marketplace.
 *
 * @example
 * ```ts
 * const { app, registry } = createApp(deps);
 * serve({ fetch: app.fetch, port: 8000 });
 * registry.routes.map((r) => `${r.methods} ${r.path} ${r.auth}`);
 * ```
 */
export function createApp(
  deps: AppDeps,
  groups: readonly RegisterRoutes[] = ROUTE_GROUPS,
): { app: Hono<AppEnv>; registry: RouteRegistry } {
  const app = new Hono<AppEnv>();
  const registry = new RouteRegistry();
  for (const register of groups) register(registry, deps);
  const metrics = createServerMetrics(deps.db);
  registry.add({
    method: 'GET',
    path: '/metrics',
    summary: 'Prometheus metrics (requests by route and status, latency, webhook backlog)',
    tag: 'System',
    auth: 'admin',
    response: z.string(),
    handler: async () =>
      new Response(await metrics.registry.metrics(), {
        headers: { 'content-type': metrics.registry.contentType },
      }),
  });

  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    const route = routePath(c, -1);
    metrics.observeHttp(
      c.req.method,
      route === '*' || route === '/*' ? 'unmatched' : route,
      c.res.status,
      (performance.now() - started) / 1000,
    );
  });

  app.use(async (c, next) => {
    const sent = c.req.header('x-request-id');
    const requestId = sent && REQUEST_ID.test(sent) ? sent : randomUUID();
    c.set('requestId', requestId);
    await next();
    try {
      c.res.headers.set('X-Request-ID', requestId);
    } catch {
      // A response with immutable headers (an upstream fetch response): copy it.
      c.res = new Response(c.res.body, c.res);
      c.res.headers.set('X-Request-ID', requestId);
    }
  });

  app.use(async (c, next) => {
    const ip = clientIp(c, deps.config.trustProxy);
    c.set('clientIp', ip);
    const decision = await deps.rateLimiter.takeIp(ip);
    if (!decision.allowed) throw rateLimited(decision.retryAfterSeconds);
    await next();
  });

  mountRoutes(app, registry, deps);

  app.notFound((c) => c.json({ detail: 'Not Found' }, 404));
  app.onError((error, c) => {
    if (error instanceof HttpError) {
      for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
      return c.json({ detail: error.shortMessage, ...error.extra }, error.status as 400);
    }
    deps.logger.error('unhandled error', {
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    return c.json({ detail: 'Internal server error' }, 500);
  });

  return { app, registry };
}

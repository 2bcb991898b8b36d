import { z } from 'zod';
import type { AppDeps } from '../app-deps.js';
import { renderDocsPage } from '../http/docs-page.js';
import { buildOpenApi } from '../http/openapi.js';
import type { RouteRegistry } from '../http/route-registry.js';

/** The name `GET /` and the docs show. */
export const SERVICE_NAME = 'Tollway marketplace (Agent Commerce API)';

/**
 * `GET /health`, `GET /`, `GET /openapi.json` and `GET /docs`.
 *
 * @example
 * ```ts
 * registerSystemRoutes(registry, deps);
 * ```
 */
export function registerSystemRoutes(registry: RouteRegistry, deps: AppDeps): void {
  registry.add({
    method: 'GET',
    path: '/health',
    summary: 'Health check',
    tag: 'System',
    auth: 'none',
    response: z.object({ status: z.literal('ok'), timestamp: z.string() }),
    handler: async ({ c }) => {
      await deps.db.query('SELECT 1');
      return c.json({ status: 'ok' as const, timestamp: new Date(deps.now()).toISOString() });
    },
  });

  registry.add({
    method: 'GET',
    path: '/',
    summary: 'Service info',
    tag: 'System',
    auth: 'none',
    response: z.object({ service: z.string(), version: z.string(), docs: z.literal('/docs') }),
    handler: ({ c }) =>
      c.json({ service: SERVICE_NAME, version: deps.config.version, docs: '/docs' as const }),
  });

  registry.add({
    method: 'GET',
    path: '/openapi.json',
    summary: 'The OpenAPI 3.1 description of every route',
    tag: 'System',
    auth: 'none',
    handler: ({ c }) => c.json(buildOpenApi(registry, { title: SERVICE_NAME, version: deps.config.version })),
  });

  registry.add({
    method: 'GET',
    path: '/docs',
    summary: 'This API reference as a web page',
    tag: 'System',
    auth: 'none',
    handler: ({ c }) => c.html(renderDocsPage(registry, SERVICE_NAME, deps.config.version)),
  });
}

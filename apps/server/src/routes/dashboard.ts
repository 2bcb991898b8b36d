import { z } from 'zod';
import {
  dailyUsage,
  paymentsSummary,
  platformStats,
  providerRanking,
  servicesHealth,
} from '../analytics/admin-reports.js';
import type { AppDeps } from '../app-deps.js';
import { type ApiKey, parseBearer, verifyKey } from '../auth/api-key.js';
import { DASHBOARD_CSP, renderDashboardErrorPage, renderDashboardPage } from '../dashboard/dashboard-page.js';
import type { AppContext } from '../http/app-env.js';
import { type RouteRegistry, rateLimited } from '../http/route-registry.js';

/** Headers of every dashboard answer: never cached, never sent on as a referrer, nothing external. */
export const DASHBOARD_HEADERS: Readonly<Record<string, string>> = {
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy': DASHBOARD_CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
};

/**
 * `GET /admin/dashboard?key={key_id}:{secret}`: the admin dashboard as an HTML page. The admin
 * key comes from the `key` query parameter (as the reference documents, for browsers) or the
 * `Authorization` header. A missing or invalid key gets a small HTML 401 page, a key of another
 * role a 403 page; the key itself never appears in a page or a log line.
 *
 * @example
 * ```ts
 * registerDashboardRoutes(registry, deps);
 * ```
 */
export function registerDashboardRoutes(registry: RouteRegistry, deps: AppDeps): void {
  registry.add({
    method: 'GET',
    path: '/admin/dashboard',
    summary: 'Admin dashboard (HTML); admin key as ?key={key_id}:{secret} or Authorization header',
    tag: 'Dashboard',
    auth: 'none',
    query: z.object({
      key: z
        .string()
        .optional()
        .describe('Admin API key as key_id:secret (or send the Authorization header)'),
    }),
    handler: async ({ c, key: headerKey, query }) => {
      const result = await dashboardKey(deps, headerKey, c.req.header('authorization'), query.key);
      if (!result.ok) return page(c, result.status, renderDashboardErrorPage(result.status, result.message));
      const now = new Date(deps.now());
      const [stats, daily, payments, ranking, health] = await Promise.all([
        platformStats(deps.db),
        dailyUsage(deps.db, now, 7),
        paymentsSummary(deps.db),
        providerRanking(deps.db, now, { limit: 10, days: null }),
        servicesHealth(deps.db),
      ]);
      return page(
        c,
        200,
        renderDashboardPage({
          generatedAt: now,
          stats,
          daily: daily.data,
          payments: payments.methods,
          providers: ranking.providers,
          health: health.services,
        }),
      );
    },
  });
}

function page(c: AppContext, status: 200 | 401 | 403, html: string): Response {
  for (const [name, value] of Object.entries(DASHBOARD_HEADERS)) c.header(name, value);
  if (status === 401) c.header('WWW-Authenticate', 'Bearer');
  return c.html(html, status);
}

type KeyCheck = { ok: true; key: ApiKey } | { ok: false; status: 401 | 403; message: string };

/** The admin key from the header (already verified by the registry) or from `?key=`. */
async function dashboardKey(
  deps: AppDeps,
  headerKey: ApiKey | null,
  authorization: string | undefined,
  queryKey: string | undefined,
): Promise<KeyCheck> {
  let key = headerKey;
  if (!key && queryKey !== undefined) {
    const credentials = parseBearer(`Bearer ${queryKey}`);
    const verified = credentials
      ? await verifyKey(deps.db, credentials.keyId, credentials.secret, new Date(deps.now()))
      : undefined;
    if (verified?.ok) {
      key = verified.key;
      // The registry rate-limits header keys; a query key is limited the same way here.
      const decision = await deps.rateLimiter.takeKey(key.keyId, key.rateLimit);
      if (!decision.allowed) throw rateLimited(decision.retryAfterSeconds);
    }
  }
  if (!key) {
    const sent = authorization !== undefined || queryKey !== undefined;
    return {
      ok: false,
      status: 401,
      message: sent
        ? 'That API key is not valid (or has been revoked).'
        : 'This dashboard needs an admin API key.',
    };
  }
  if (key.role !== 'admin')
    return { ok: false, status: 403, message: 'This dashboard needs an admin API key.' };
  return { ok: true, key };
}

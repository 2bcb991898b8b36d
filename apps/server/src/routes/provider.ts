import { z } from 'zod';
import {
  findService,
  providerDashboard,
  providerEarnings,
  providerOnboarding,
  providerServices,
  serviceAnalytics,
} from '../analytics/provider-reports.js';
import type { AppDeps } from '../app-deps.js';
import type { ApiKey } from '../auth/api-key.js';
import { HttpError } from '../http/http-error.js';
import { queryInt } from '../http/query-params.js';
import type { RouteRegistry } from '../http/route-registry.js';
import { checkUrl } from '../net/check-url.js';
import { SsrfError } from '../net/ssrf-error.js';

const TAG = 'Provider Portal';
const usd = () => z.number().describe('USD amount as the reference shows it (750.5); exact to the base unit');
const isoTime = () => z.string().describe('ISO 8601 time, UTC');

const DashboardResponse = z.object({
  provider_id: z.string(),
  total_services: z.number().int(),
  total_calls: z.number().int(),
  total_revenue: usd(),
  total_settled: usd(),
  pending_settlement: usd(),
  total_paid_out: usd(),
});

const ServicesResponse = z.object({
  services: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      description: z.string(),
      endpoint: z.string(),
      price_per_call: z.string(),
      status: z.string(),
      category: z.string(),
      total_calls: z.number().int(),
      total_revenue: usd(),
      avg_latency_ms: z.number(),
      success_rate: z.number(),
      created_at: isoTime(),
    }),
  ),
});

const AnalyticsResponse = z.object({
  service_id: z.string(),
  service_name: z.string(),
  total_calls: z.number().int(),
  total_revenue: usd(),
  avg_latency_ms: z.number(),
  success_rate: z.number(),
  unique_buyers: z.number().int(),
  first_call: isoTime().nullable(),
  last_call: isoTime().nullable(),
  daily: z.array(z.object({ date: z.string(), calls: z.number().int(), revenue: usd() })),
});

const EarningsResponse = z.object({
  total_earned: usd(),
  total_settled: usd(),
  pending_settlement: usd(),
  total_paid_out: usd(),
  settlements: z.array(
    z.object({
      id: z.string(),
      total_amount: usd(),
      platform_fee: usd(),
      net_amount: usd(),
      call_count: z.number().int(),
      status: z.string(),
      period_start: isoTime(),
      period_end: isoTime(),
      payment_tx: z.string().nullable(),
      paid_at: isoTime().nullable(),
    }),
  ),
});

const KeysResponse = z.object({
  keys: z.array(
    z.object({
      key_id: z.string(),
      role: z.string(),
      rate_limit: z.number().int(),
      wallet_address: z.string().nullable(),
      created_at: isoTime(),
      expires_at: isoTime().nullable(),
    }),
  ),
});

const TestResponse = z.object({
  service_id: z.string(),
  endpoint: z.string(),
  reachable: z.boolean(),
  latency_ms: z.number().int(),
  status_code: z.number().int(),
  error: z.string(),
});

const OnboardingStep = z.object({ completed: z.boolean(), label: z.string() });
const OnboardingResponse = z.object({
  provider_id: z.string(),
  steps: z.object({
    create_api_key: OnboardingStep,
    register_service: OnboardingStep,
    activate_service: OnboardingStep,
    first_traffic: OnboardingStep,
    first_settlement: OnboardingStep,
  }),
  completed_steps: z.number().int(),
  total_steps: z.number().int(),
  completion_pct: z.number(),
});

const ServiceParams = z.object({ service_id: z.string().min(1).max(200) });

/** How long the endpoint test waits for an answer, as the reference (10 s). */
export const ENDPOINT_TEST_TIMEOUT_MS = 10_000;

/**
 * The provider portal: `GET /api/v1/provider/dashboard`, `…/services`,
 * `…/services/{service_id}/analytics`, `…/earnings`, `…/keys`, `DELETE …/keys/{key_id}`,
 * `POST …/services/{service_id}/test` and `…/onboarding`. Every route needs a provider (or
 * admin) key and shows only the caller's own data: the provider is the key's `owner_id`.
 *
 * @example
 * ```ts
 * registerProviderRoutes(registry, deps);
 * ```
 */
export function registerProviderRoutes(registry: RouteRegistry, deps: AppDeps): void {
  registry.add({
    method: 'GET',
    path: '/api/v1/provider/dashboard',
    summary: 'Provider overview: services, calls, revenue, settled and pending amounts',
    tag: TAG,
    auth: 'provider',
    response: DashboardResponse,
    handler: async ({ c, key }) => c.json(await providerDashboard(deps.db, key.ownerId)),
  });

  registry.add({
    method: 'GET',
    path: '/api/v1/provider/services',
    summary: "The provider's own services with usage statistics",
    tag: TAG,
    auth: 'provider',
    response: ServicesResponse,
    handler: async ({ c, key }) => c.json(await providerServices(deps.db, key.ownerId)),
  });

  registry.add({
    method: 'GET',
    path: '/api/v1/provider/services/:service_id/analytics',
    summary: 'Analytics of one of your services, with a daily series (owner only)',
    tag: TAG,
    auth: 'provider',
    params: ServiceParams,
    query: z.object({ days: queryInt(30, 1, 365).describe('Days in the daily series (1–365)') }),
    response: AnalyticsResponse,
    handler: async ({ c, key, params, query }) => {
      const service = await ownService(deps, key, params.service_id);
      return c.json(await serviceAnalytics(deps.db, service, new Date(deps.now()), query.days));
    },
  });

  registry.add({
    method: 'GET',
    path: '/api/v1/provider/earnings',
    summary: 'Earnings summary with settlement history',
    tag: TAG,
    auth: 'provider',
    response: EarningsResponse,
    handler: async ({ c, key }) => c.json(await providerEarnings(deps.db, key.ownerId)),
  });

  registry.add({
    method: 'GET',
    path: '/api/v1/provider/keys',
    summary: 'Your API keys that are not revoked (secrets are never returned)',
    tag: TAG,
    auth: 'provider',
    response: KeysResponse,
    handler: async ({ c, key }) => {
      const rows = await deps.db.many<{
        key_id: string;
        role: string;
        rate_limit: number;
        wallet_address: string | null;
        created_at: Date;
        expires_at: Date | null;
      }>(
        `SELECT key_id, role, rate_limit, wallet_address, created_at, expires_at
           FROM api_keys WHERE owner_id = $1 AND revoked_at IS NULL ORDER BY created_at, key_id`,
        [key.ownerId],
      );
      return c.json({
        keys: rows.map((r) => ({
          key_id: r.key_id,
          role: r.role,
          rate_limit: r.rate_limit,
          wallet_address: r.wallet_address,
          created_at: r.created_at.toISOString(),
          expires_at: r.expires_at?.toISOString() ?? null,
        })),
      });
    },
  });

  registry.add({
    method: 'DELETE',
    path: '/api/v1/provider/keys/:key_id',
    summary: 'Revoke one of your API keys (owner only)',
    tag: TAG,
    auth: 'provider',
    params: z.object({ key_id: z.string().min(1).max(128) }),
    response: z.object({ status: z.literal('revoked'), key_id: z.string() }),
    handler: async ({ c, key, params }) => {
      const row = await deps.db.one<{ owner_id: string; revoked_at: Date | null }>(
        'SELECT owner_id, revoked_at FROM api_keys WHERE key_id = $1',
        [params.key_id],
      );
      if (!row || row.revoked_at) throw new HttpError(404, 'Key not found');
      if (row.owner_id !== key.ownerId) throw new HttpError(403, 'Not your key');
      await deps.db.query(
        'UPDATE api_keys SET revoked_at = $3 WHERE key_id = $1 AND owner_id = $2 AND revoked_at IS NULL',
        [params.key_id, key.ownerId, new Date(deps.now())],
      );
      return c.json({ status: 'revoked' as const, key_id: params.key_id });
    },
  });

  registry.add({
    method: 'POST',
    path: '/api/v1/provider/services/:service_id/test',
    summary: "Test your service endpoint's connectivity (owner only; internal addresses refused)",
    tag: TAG,
    auth: 'provider',
    params: ServiceParams,
    response: TestResponse,
    handler: async ({ c, key, params }) => {
      const service = await ownService(deps, key, params.service_id);
      const checked = checkUrl(service.endpoint, deps.config.allowInternalHosts);
      if (!checked.ok) throw endpointRefused(checked.reason);
      const result = await probeEndpoint(deps, checked.url);
      return c.json({ service_id: service.id, endpoint: service.endpoint, ...result });
    },
  });

  registry.add({
    method: 'GET',
    path: '/api/v1/provider/onboarding',
    summary: 'Your progress through the five onboarding steps',
    tag: TAG,
    auth: 'provider',
    response: OnboardingResponse,
    handler: async ({ c, key }) =>
      c.json(await providerOnboarding(deps.db, key.ownerId, new Date(deps.now()))),
  });
}

async function ownService(deps: AppDeps, key: ApiKey, serviceId: string) {
  const service = await findService(deps.db, serviceId);
  if (!service) throw new HttpError(404, 'Service not found');
  if (service.provider_id !== key.ownerId) throw new HttpError(403, 'Not your service');
  return service;
}

function endpointRefused(reason: string): HttpError {
  return new HttpError(400, `Endpoint must be a public address: ${reason}`, { code: 'endpoint_not_allowed' });
}

/** One GET of the endpoint: reachable when it answers below 500, as the reference counts it. */
async function probeEndpoint(
  deps: AppDeps,
  url: URL,
): Promise<{ reachable: boolean; latency_ms: number; status_code: number; error: string }> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const res = await deps.fetch(url, { method: 'GET' }, { timeoutMs: ENDPOINT_TEST_TIMEOUT_MS });
    const latency = elapsed();
    await res.body?.cancel().catch(() => {});
    return {
      reachable: res.status < 500,
      latency_ms: latency,
      status_code: res.status,
      error: res.status < 500 ? '' : `Endpoint answered ${res.status}`,
    };
  } catch (error) {
    const ssrf = findCause(error, (e): e is SsrfError => e instanceof SsrfError);
    if (ssrf) throw endpointRefused(ssrf.message);
    const timedOut = findCause(
      error,
      (e): e is Error => e instanceof Error && /timeout|aborted/i.test(e.name),
    );
    if (timedOut) {
      return {
        reachable: false,
        latency_ms: ENDPOINT_TEST_TIMEOUT_MS,
        status_code: 0,
        error: 'Connection timed out',
      };
    }
    return {
      reachable: false,
      latency_ms: elapsed(),
      status_code: 0,
      error: 'Connection refused or unreachable',
    };
  }
}

function findCause<T>(error: unknown, match: (e: unknown) => e is T): T | undefined {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (match(e)) return e;
  }
  return undefined;
}

import { compareForLeaderboard, reputationScore } from '@tollway/core';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.js';
import { HttpError } from '../http/http-error.js';
import { queryBool, queryInt } from '../http/query-params.js';
import type { RouteRegistry } from '../http/route-registry.js';
import { reputationPeriod } from '../reputation/reputation-period.js';
import {
  type ReputationRow,
  storedReputation,
  storeReputation,
  toReputationRow,
} from '../reputation/reputation-store.js';
import { usageReputation } from '../reputation/usage-reputation.js';

const CONFIDENCE_TEXT =
  'How far the scores can be trusted, 0–1: n / (n + 20) for n calls. The leaderboard ranks by the overall score shrunk toward 5 by this, so an agent with 3 perfect calls does not outrank one with 3,000 good ones.';

const Scores = z.object({
  overall_score: z.number(),
  latency_score: z.number(),
  reliability_score: z.number(),
  response_quality: z.number(),
  call_count: z.number().int(),
  confidence: z.number().describe(CONFIDENCE_TEXT),
});

const AgentReputationResponse = z.object({
  agent_id: z.string(),
  service_id: z.literal(''),
  ...Scores.shape,
  period: z.string(),
});

const ServiceReputationResponse = z.object({
  service_id: z.string(),
  period: z.string(),
  records: z.array(z.object({ agent_id: z.string(), ...Scores.shape })),
});

const LeaderboardResponse = z.object({
  leaderboard: z.array(
    z.object({
      agent_id: z.string(),
      display_name: z.string(),
      reputation_score: z.number(),
      verified: z.boolean(),
      confidence: z.number().describe(CONFIDENCE_TEXT),
    }),
  ),
  count: z.number().int(),
});

const PeriodQuery = z.object({
  period: reputationPeriod.default('all-time').describe('"all-time" or "YYYY-MM" (UTC)'),
  compute: queryBool()
    .default(false)
    .describe(
      'If true, recompute from live usage data, store it and send reputation.updated when it changed',
    ),
});

function scores(row: ReputationRow): z.infer<typeof Scores> {
  return {
    overall_score: row.overall_score,
    latency_score: row.latency_score,
    reliability_score: row.reliability_score,
    response_quality: row.response_quality,
    call_count: row.call_count,
    confidence: row.confidence,
  };
}

/**
 * `GET /api/v1/agents/{agent_id}/reputation`, `GET /api/v1/services/{service_id}/reputation`
 * and `GET /api/v1/reputation/leaderboard`: reputation computed from real usage rows with core
 * `reputationScore` (the reference's weights), never from ratings. An agent's calls are the
 * usage rows attributed to it (`usage_records.agent_id`).
 *
 * Each answer also carries `confidence`, `n / (n + 20)` for `n` calls. The leaderboard is
 * ordered by core `compareForLeaderboard`, whose ranking score is the overall score shrunk
 * toward the neutral 5 by that confidence: an agent with 3 perfect calls ranks below one with
 * 3,000 good calls although its `reputation_score` is higher.
 *
 * Without `compute=true`, the stored record is answered when there is one, otherwise the
 * figures are computed from usage on the fly without storing them.
 *
 * @example
 * ```ts
 * registerReputationRoutes(registry, deps);
 * ```
 */
export function registerReputationRoutes(registry: RouteRegistry, deps: AppDeps): void {
  registry.add({
    method: 'GET',
    path: '/api/v1/agents/:agent_id/reputation',
    summary: 'Reputation of an agent, computed from its real usage',
    tag: 'Reputation',
    auth: 'none',
    params: z.object({ agent_id: z.string().min(1).max(200) }),
    query: PeriodQuery,
    response: AgentReputationResponse,
    handler: async ({ c, params, query }) => {
      const agent = await deps.db.one('SELECT 1 FROM agents WHERE agent_id = $1', [params.agent_id]);
      if (!agent) throw new HttpError(404, 'Agent not found');
      const filter = { agentId: params.agent_id, serviceId: '', period: query.period };
      let [row] = query.compute ? [] : await storedReputation(deps.db, filter);
      if (!row) {
        const computed = await usageReputation(deps.db, { agentId: params.agent_id, period: query.period });
        const live = computed.length > 0 ? computed : [{ agentId: params.agent_id, score: emptyScore() }];
        [row] = query.compute
          ? await storeReputation(deps.db, {
              serviceId: '',
              period: query.period,
              computed: live,
              now: deps.now(),
            })
          : live.map((r) => toReputationRow(r.agentId, '', query.period, r.score));
      }
      return c.json({
        agent_id: params.agent_id,
        service_id: '' as const,
        ...scores(row!),
        period: query.period,
      });
    },
  });

  registry.add({
    method: 'GET',
    path: '/api/v1/services/:service_id/reputation',
    summary: "Reputation records of a service's calls, one per agent",
    tag: 'Reputation',
    auth: 'none',
    params: z.object({ service_id: z.string().min(1).max(200) }),
    query: PeriodQuery,
    response: ServiceReputationResponse,
    handler: async ({ c, params, query }) => {
      const service = await deps.db.one<{ provider_id: string }>(
        'SELECT provider_id FROM services WHERE id = $1',
        [params.service_id],
      );
      if (!service) throw new HttpError(404, 'Service not found');
      const filter = { serviceId: params.service_id, period: query.period };
      let rows = query.compute ? [] : await storedReputation(deps.db, filter);
      if (rows.length === 0) {
        const computed = await usageReputation(deps.db, filter);
        rows = query.compute
          ? await storeReputation(deps.db, {
              ...filter,
              computed,
              extraAudience: [service.provider_id],
              now: deps.now(),
            })
          : computed.map((r) => toReputationRow(r.agentId, params.service_id, query.period, r.score));
      }
      return c.json({
        service_id: params.service_id,
        period: query.period,
        records: rows.map((row) => ({ agent_id: row.agent_id, ...scores(row) })),
      });
    },
  });

  registry.add({
    method: 'GET',
    path: '/api/v1/reputation/leaderboard',
    summary: 'Top agents by reputation, ranked with confidence (few calls rank toward the middle)',
    tag: 'Reputation',
    auth: 'none',
    query: z.object({ limit: queryInt(20, 1, 100).describe('Max results (1–100)') }),
    response: LeaderboardResponse,
    handler: async ({ c, query }) => {
      const [computed, agents] = await Promise.all([
        usageReputation(deps.db, { period: 'all-time', agentsOnly: true }),
        deps.db.many<{ agent_id: string; display_name: string; verified: boolean }>(
          `SELECT agent_id, display_name, verified FROM agents
           WHERE status = 'active' AND agent_id IN (SELECT DISTINCT agent_id FROM usage_records WHERE agent_id IS NOT NULL)`,
        ),
      ]);
      const byId = new Map(agents.map((a) => [a.agent_id, a]));
      const ranked = computed
        .filter((r) => byId.has(r.agentId))
        .sort((a, b) => compareForLeaderboard(a.score, b.score) || a.agentId.localeCompare(b.agentId))
        .slice(0, query.limit);
      const leaderboard = ranked.map(({ agentId, score }) => {
        const agent = byId.get(agentId)!;
        return {
          agent_id: agentId,
          display_name: agent.display_name,
          reputation_score: score.overall,
          verified: agent.verified,
          confidence: score.confidence,
        };
      });
      return c.json({ leaderboard, count: leaderboard.length });
    },
  });
}

function emptyScore() {
  return reputationScore({ totalCalls: 0, successfulCalls: 0, serverErrorCalls: 0, avgLatencyMs: null });
}

import { type ReputationScore, reputationScore } from '@tollway/core';
import type { Queryable, SqlParam } from '../db/db.js';
import { periodRange } from './reputation-period.js';

/** Which usage rows to score. */
export interface UsageFilter {
  /** Only calls attributed to this agent (`usage_records.agent_id`). */
  agentId?: string;
  /** Only calls attributed to one of these agents. */
  agentIds?: readonly string[];
  /** Only calls of this service. */
  serviceId?: string;
  /** `all-time` or `YYYY-MM` (UTC). */
  period: string;
  /** Leave out calls attributed to no agent (the leaderboard ranks agents). */
  agentsOnly?: boolean;
}

/** One agent's reputation over the filtered calls; `agentId` is `''` for calls of no agent. */
export interface AgentReputation {
  agentId: string;
  score: ReputationScore;
}

interface AggregateRow {
  agent_id: string;
  total: number;
  successful: number;
  server_errors: number;
  avg_latency: number | null;
}

/**
 * Reputation per agent from the usage table, with core `reputationScore`: one SQL aggregate
 * (calls; successes = status 1–399; server errors = status ≥ 500 or 0, never answered; mean
 * latency) grouped by the agent the calls are attributed to.
 *
 * @example
 * ```ts
 * const [mine] = await usageReputation(db, { agentId: 'agent-1', period: '2026-03' });
 * mine?.score.overall; // 8.72
 * ```
 */
export async function usageReputation(db: Queryable, filter: UsageFilter): Promise<AgentReputation[]> {
  const where: string[] = [];
  const params: SqlParam[] = [];
  const add = (condition: (n: string) => string, value: SqlParam) => {
    params.push(value);
    where.push(condition(`$${params.length}`));
  };
  if (filter.agentId !== undefined) add((n) => `agent_id = ${n}`, filter.agentId);
  if (filter.agentIds !== undefined) add((n) => `agent_id = ANY(${n}::text[])`, filter.agentIds);
  if (filter.serviceId !== undefined) add((n) => `service_id = ${n}`, filter.serviceId);
  const range = periodRange(filter.period);
  if (range) {
    add((n) => `created_at >= ${n}`, range.start);
    add((n) => `created_at < ${n}`, range.end);
  }
  if (filter.agentsOnly) where.push('agent_id IS NOT NULL');
  const rows = await db.many<AggregateRow>(
    `SELECT COALESCE(agent_id, '') AS agent_id,
            count(*)::int AS total,
            (count(*) FILTER (WHERE status_code > 0 AND status_code < 400))::int AS successful,
            (count(*) FILTER (WHERE status_code >= 500 OR status_code = 0))::int AS server_errors,
            avg(latency_ms)::float8 AS avg_latency
     FROM usage_records
     ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
     GROUP BY 1
     ORDER BY 1`,
    params,
  );
  return rows.map((row) => ({
    agentId: row.agent_id,
    score: reputationScore({
      totalCalls: row.total,
      successfulCalls: row.successful,
      serverErrorCalls: row.server_errors,
      avgLatencyMs: row.avg_latency,
    }),
  }));
}

import { randomUUID } from 'node:crypto';
import type { ReputationScore } from '@tollway/core';
import type { Db, Queryable } from '../db/db.js';
import { enqueueWebhookEvent } from '../webhooks/enqueue-event.js';
import type { AgentReputation } from './usage-reputation.js';

/** A reputation record as stored in `reputation_records`. */
export interface ReputationRow {
  agent_id: string;
  service_id: string;
  period: string;
  overall_score: number;
  latency_score: number;
  reliability_score: number;
  response_quality: number;
  call_count: number;
  confidence: number;
  ranking_score: number;
}

/** The record for a computed score. */
export function toReputationRow(
  agentId: string,
  serviceId: string,
  period: string,
  score: ReputationScore,
): ReputationRow {
  return {
    agent_id: agentId,
    service_id: serviceId,
    period,
    overall_score: score.overall,
    latency_score: score.latency,
    reliability_score: score.reliability,
    response_quality: score.quality,
    call_count: score.totalCalls,
    confidence: score.confidence,
    ranking_score: score.rankingScore,
  };
}

const COLUMNS =
  'agent_id, service_id, period, overall_score, latency_score, reliability_score, response_quality, call_count, confidence, ranking_score';

/**
 * Stored records of one period: of one agent across services (`serviceId` `''`), or of every
 * agent on one service.
 *
 * @example
 * ```ts
 * await storedReputation(db, { agentId: 'agent-1', serviceId: '', period: 'all-time' });
 * ```
 */
export function storedReputation(
  db: Queryable,
  filter: { agentId?: string; serviceId: string; period: string },
): Promise<ReputationRow[]> {
  return filter.agentId === undefined
    ? db.many<ReputationRow>(
        `SELECT ${COLUMNS} FROM reputation_records WHERE service_id = $1 AND period = $2 ORDER BY agent_id`,
        [filter.serviceId, filter.period],
      )
    : db.many<ReputationRow>(
        `SELECT ${COLUMNS} FROM reputation_records WHERE agent_id = $1 AND service_id = $2 AND period = $3`,
        [filter.agentId, filter.serviceId, filter.period],
      );
}

/**
 * Stores freshly computed reputation (one record per agent, for `serviceId` or `''` for an
 * agent across services) and, in the same transaction, queues `reputation.updated` for every
 * record whose overall score changed (or is new): to the agent's owner and to `extraAudience`
 * (a service's provider). An agent's all-time overall score is also copied to
 * `agents.reputation_score`.
 *
 * @example
 * ```ts
 * const rows = await storeReputation(db, { serviceId: '', period: 'all-time', computed, now: Date.now() });
 * ```
 */
export function storeReputation(
  db: Db,
  input: {
    serviceId: string;
    period: string;
    computed: AgentReputation[];
    extraAudience?: string[];
    now: number;
  },
): Promise<ReputationRow[]> {
  return db.transaction(async (tx) => {
    const stored: ReputationRow[] = [];
    for (const { agentId, score } of input.computed) {
      const row = toReputationRow(agentId, input.serviceId, input.period, score);
      const previous = await tx.one<{ overall_score: number }>(
        `SELECT overall_score FROM reputation_records
         WHERE agent_id = $1 AND service_id = $2 AND period = $3 FOR UPDATE`,
        [agentId, input.serviceId, input.period],
      );
      await tx.query(
        `INSERT INTO reputation_records (id, ${COLUMNS}, computed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (agent_id, service_id, period) DO UPDATE SET
           overall_score = EXCLUDED.overall_score, latency_score = EXCLUDED.latency_score,
           reliability_score = EXCLUDED.reliability_score, response_quality = EXCLUDED.response_quality,
           call_count = EXCLUDED.call_count, confidence = EXCLUDED.confidence,
           ranking_score = EXCLUDED.ranking_score, computed_at = EXCLUDED.computed_at`,
        [
          `rep-${randomUUID()}`,
          row.agent_id,
          row.service_id,
          row.period,
          row.overall_score,
          row.latency_score,
          row.reliability_score,
          row.response_quality,
          row.call_count,
          row.confidence,
          row.ranking_score,
          new Date(input.now),
        ],
      );
      const agent = await tx.one<{ owner_id: string }>('SELECT owner_id FROM agents WHERE agent_id = $1', [
        agentId,
      ]);
      if (agent && input.serviceId === '' && input.period === 'all-time') {
        await tx.query('UPDATE agents SET reputation_score = $2, updated_at = $3 WHERE agent_id = $1', [
          agentId,
          row.overall_score,
          new Date(input.now),
        ]);
      }
      if (previous?.overall_score !== row.overall_score) {
        await enqueueWebhookEvent(tx, {
          event: 'reputation.updated',
          payload: {
            agent_id: agentId,
            service_id: input.serviceId,
            period: input.period,
            previous_score: previous?.overall_score ?? null,
            overall_score: row.overall_score,
            call_count: row.call_count,
            confidence: row.confidence,
          },
          audience: [...(agent ? [agent.owner_id] : []), ...(input.extraAudience ?? [])],
          now: input.now,
        });
      }
      stored.push(row);
    }
    return stored;
  });
}

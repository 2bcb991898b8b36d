import { randomUUID } from 'node:crypto';
import { webhookBody } from '@tollway/core';
import type { Queryable, SqlParam } from '../db/db.js';
import { isoTime } from './iso-time.js';
import type { WebhookEvent } from './webhook-events.js';

/** Arguments of {@link enqueueWebhookEvent}. */
export interface EnqueueWebhookEventInput {
  event: WebhookEvent;
  /**
   * The event's data, sent as the body's `payload`. It must survive `JSON.stringify`: render
   * amounts with `formatUsdc` first (a bigint throws a `TypeError`).
   */
  payload: Record<string, unknown>;
  /** Owner ids whose active subscriptions to `event` receive it (duplicates are ignored). */
  audience: string[];
  /** When the event happened, ms since the epoch (default `Date.now()`): the body's `timestamp`
   * and the moment the first delivery attempt is due. */
  now?: number;
}

interface SubscriptionRow {
  id: string;
}

/**
 * Puts one delivery of `event` into the durable outbox for every active subscription of the
 * `audience` owners to that event. The delivery worker sends them (signed, retried) from there,
 * even after a restart. Pass a transaction as `db` to make the deliveries part of it: they are
 * then sent only if it commits.
 *
 * Each row's body is final here (`webhookBody`: `{event, payload, timestamp, webhook_id}` with
 * the subscription's id), so retries send the same bytes.
 *
 * @example
 * ```ts
 * await db.transaction(async (tx) => {
 *   await tx.query('UPDATE settlements SET status = $1 WHERE id = $2', ['completed', id]);
 *   await enqueueWebhookEvent(tx, {
 *     event: 'settlement.completed',
 *     payload: { settlement_id: id, net_amount: '9.45' },
 *     audience: [providerId],
 *   });
 * });
 * ```
 */
export async function enqueueWebhookEvent(db: Queryable, input: EnqueueWebhookEventInput): Promise<void> {
  const audience = [...new Set(input.audience)];
  if (audience.length === 0) return;
  const subscriptions = await db.many<SubscriptionRow>(
    `SELECT id FROM webhooks
     WHERE owner_id = ANY($1::text[]) AND active AND $2 = ANY(events)
     ORDER BY created_at, id`,
    [audience, input.event],
  );
  if (subscriptions.length === 0) return;
  const at = new Date(input.now ?? Date.now());
  const timestamp = isoTime(at);
  const params: SqlParam[] = [input.event, at];
  const rows = subscriptions.map((subscription) => {
    const body = webhookBody({
      event: input.event,
      payload: input.payload,
      timestamp,
      webhookId: subscription.id,
    });
    params.push(`msg_${randomUUID().replaceAll('-', '')}`, subscription.id, body);
    const n = params.length;
    return `($${n - 2}, $${n - 1}, $1, $${n}, $2)`;
  });
  await db.query(
    `INSERT INTO webhook_outbox (id, webhook_id, event, body, next_attempt_at) VALUES ${rows.join(', ')}`,
    params,
  );
}

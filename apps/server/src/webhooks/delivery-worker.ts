import { signWebhook } from '@tollway/core';
import type { Db } from '../db/db.js';
import type { Logger } from '../http/logger.js';
import type { SafeFetch } from '../net/safe-fetch.js';
import { SERVER_VERSION } from '../version.js';
import { DEFAULT_WEBHOOK_BACKOFF_MS, retryDelayMs } from './retry-delay.js';

/** Tuning of the delivery worker; every field has a default. */
export interface WebhookDeliverySettings {
  /** First retry delay, doubled after each failure (default 1000: the documented 1 s, 2 s, 4 s). */
  backoffBaseMs?: number;
  /** How often the outbox is polled when it has nothing due (default 1000 ms). */
  pollIntervalMs?: number;
  /** Deliveries claimed and sent at once (default 10). */
  batchSize?: number;
  /** Timeout of one delivery attempt (default 10 s). */
  timeoutMs?: number;
  /**
   * How long a claimed delivery stays reserved for its instance (default 60 s). An instance that
   * dies mid-delivery leaves the row to be tried again by any instance once this has passed.
   */
  leaseMs?: number;
}

/** What the worker needs from the server. */
export interface WebhookWorkerDeps {
  db: Db;
  /** The SSRF-guarded fetch. */
  fetch: SafeFetch;
  now: () => number;
  logger: Logger;
}

/** Delivers the webhook outbox. */
export interface WebhookWorker {
  /** Claims the deliveries due now, sends them and records the outcomes; resolves to how many it claimed. */
  runOnce(): Promise<number>;
  /** Polls the outbox until {@link WebhookWorker.stop}. */
  start(): void;
  /**
   * Stops polling and aborts deliveries in flight; their rows are handed back untouched, so
   * the next instance (or the next start) sends them again.
   */
  stop(): Promise<void>;
}

interface ClaimedRow {
  id: string;
  event: string;
  body: string;
  attempts: number;
  max_attempts: number;
  url: string;
  secret: string;
}

type Outcome = { ok: true; status: number } | { ok: false; status: number | null; error: string };

/**
 * The worker that sends the webhook outbox. Each round claims due rows with
 * `FOR UPDATE SKIP LOCKED` and a lease (`locked_until`), so several server instances on one
 * database never send one row at the same time; posts each body with the `X-ACF-Signature`,
 * `X-ACF-Event` and Standard Webhooks headers through the SSRF-guarded fetch with a timeout; and
 * marks it delivered (2xx), due again after the backoff, or failed after its last attempt.
 * Everything lives in the database, so undelivered rows survive a restart.
 *
 * @example
 * ```ts
 * const worker = createWebhookWorker(deps, { backoffBaseMs: 1000 });
 * worker.start();
 * // …
 * await worker.stop();
 * ```
 */
export function createWebhookWorker(
  deps: WebhookWorkerDeps,
  settings: WebhookDeliverySettings = {},
): WebhookWorker {
  const backoffBaseMs = settings.backoffBaseMs ?? DEFAULT_WEBHOOK_BACKOFF_MS;
  const pollIntervalMs = settings.pollIntervalMs ?? 1000;
  const batchSize = settings.batchSize ?? 10;
  const timeoutMs = settings.timeoutMs ?? 10_000;
  const leaseMs = Math.max(settings.leaseMs ?? 60_000, timeoutMs + 5_000);
  const stopping = new AbortController();
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;

  async function claim(): Promise<ClaimedRow[]> {
    const now = deps.now();
    return deps.db.many<ClaimedRow>(
      `UPDATE webhook_outbox o
       SET locked_until = $2, attempts = o.attempts + 1
       FROM webhooks w
       WHERE w.id = o.webhook_id AND o.id IN (
         SELECT id FROM webhook_outbox
         WHERE delivered_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $1
           AND (locked_until IS NULL OR locked_until <= $1)
         ORDER BY next_attempt_at, created_at
         LIMIT $3
         FOR UPDATE SKIP LOCKED)
       RETURNING o.id, o.event, o.body, o.attempts, o.max_attempts, w.url, w.secret`,
      [new Date(now), new Date(now + leaseMs), batchSize],
    );
  }

  async function send(row: ClaimedRow): Promise<Outcome> {
    const signature = signWebhook({
      secret: row.secret,
      body: row.body,
      webhookId: row.id,
      timestampSeconds: Math.floor(deps.now() / 1000),
    });
    try {
      const response = await deps.fetch(
        row.url,
        {
          method: 'POST',
          body: row.body,
          headers: {
            'content-type': 'application/json',
            'user-agent': `tollway-marketplace/${SERVER_VERSION}`,
            'X-ACF-Event': row.event,
            ...signature,
          },
          signal: stopping.signal,
        },
        { timeoutMs },
      );
      await response.body?.cancel().catch(() => {});
      return response.status >= 200 && response.status < 300
        ? { ok: true, status: response.status }
        : { ok: false, status: response.status, error: `HTTP ${response.status}` };
    } catch (error) {
      return { ok: false, status: null, error: describe(error) };
    }
  }

  async function record(row: ClaimedRow, outcome: Outcome): Promise<void> {
    const now = deps.now();
    if (stopping.signal.aborted && !outcome.ok) {
      // Cut short by shutdown, not refused by the receiver: hand the row back as it was.
      await deps.db.query(
        `UPDATE webhook_outbox SET locked_until = NULL, attempts = attempts - 1
         WHERE id = $1 AND delivered_at IS NULL`,
        [row.id],
      );
      return;
    }
    if (outcome.ok) {
      await deps.db.query(
        `UPDATE webhook_outbox SET delivered_at = $2, locked_until = NULL, last_status_code = $3, last_error = NULL
         WHERE id = $1`,
        [row.id, new Date(now), outcome.status],
      );
      return;
    }
    const last = row.attempts >= row.max_attempts;
    await deps.db.query(
      `UPDATE webhook_outbox
       SET locked_until = NULL, last_status_code = $2, last_error = $3,
           failed_at = CASE WHEN $4 THEN $5::timestamptz ELSE NULL END,
           next_attempt_at = CASE WHEN $4 THEN next_attempt_at ELSE $6::timestamptz END
       WHERE id = $1`,
      [
        row.id,
        outcome.status,
        outcome.error.slice(0, 500),
        last,
        new Date(now),
        new Date(now + retryDelayMs(row.attempts, backoffBaseMs)),
      ],
    );
    deps.logger.warn(last ? 'webhook delivery failed for good' : 'webhook delivery failed; will retry', {
      deliveryId: row.id,
      event: row.event,
      attempt: row.attempts,
      status: outcome.status,
      error: outcome.error,
    });
  }

  async function runOnce(): Promise<number> {
    const rows = await claim();
    await Promise.all(rows.map(async (row) => record(row, await send(row))));
    return rows.length;
  }

  async function poll(): Promise<void> {
    while (!stopping.signal.aborted) {
      let claimed = 0;
      try {
        claimed = await runOnce();
      } catch (error) {
        if (!stopping.signal.aborted)
          deps.logger.error('webhook delivery round failed', { error: describe(error) });
      }
      if (claimed < batchSize && !stopping.signal.aborted) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, pollIntervalMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  }

  return {
    runOnce,
    start() {
      loop ??= poll();
    },
    async stop() {
      stopping.abort();
      wake?.();
      await loop;
    },
  };
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${'code' in error && typeof error.code === 'string' ? `${error.code}: ` : ''}${error.message}${cause}`;
}

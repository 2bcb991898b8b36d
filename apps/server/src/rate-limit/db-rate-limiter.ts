import type { Db } from '../db/db.js';
import type { RateDecision } from './rate-limiter.js';

/** One step of a pure rate-limit algorithm: the stored state (none at first) in, a decision and the new state out. */
export type RateStep<S> = (
  state: S | undefined,
  nowMs: number,
) => { allowed: boolean; state: S; retryAfterSeconds: number };

/**
 * Applies `step` to the bucket's state stored in `rate_limit_buckets`, under a row lock so that
 * several server instances on one database share the bucket without lost updates.
 *
 * @example
 * ```ts
 * const decision = await takeFromBucket(db, 'ip:203.0.113.9', step, Date.now(), 120_000);
 * ```
 */
export async function takeFromBucket<S>(
  db: Db,
  bucket: string,
  step: RateStep<S>,
  nowMs: number,
  keepMs: number,
): Promise<RateDecision> {
  return db.transaction(async (tx) => {
    const expiresAt = new Date(nowMs + keepMs);
    // One statement creates the bucket if needed, locks its row for this transaction (an
    // upsert that touches the row takes the lock a SELECT … FOR UPDATE would) and returns the
    // stored state.
    const row = await tx.one<{ state: S | null }>(
      `INSERT INTO rate_limit_buckets (bucket, state, expires_at) VALUES ($1, 'null'::jsonb, $2)
       ON CONFLICT (bucket) DO UPDATE SET bucket = EXCLUDED.bucket
       RETURNING state`,
      [bucket, expiresAt],
    );
    const result = step(row?.state ?? undefined, nowMs);
    await tx.query('UPDATE rate_limit_buckets SET state = $2, expires_at = $3 WHERE bucket = $1', [
      bucket,
      result.state as object,
      expiresAt,
    ]);
    return result.allowed
      ? { allowed: true }
      : { allowed: false, retryAfterSeconds: result.retryAfterSeconds };
  });
}

/**
 * Deletes buckets past their expiry.
 *
 * @example
 * ```ts
 * await pruneBuckets(db, Date.now());
 * ```
 */
export async function pruneBuckets(db: Db, nowMs: number): Promise<void> {
  await db.query('DELETE FROM rate_limit_buckets WHERE expires_at < $1', [new Date(nowMs)]);
}

import type { Queryable } from '../db/db.js';

/** Which free-tier counter: one per buyer per service. */
export interface FreeTierSlot {
  serviceId: string;
  buyerId: string;
}

/**
 * Takes one of the buyer's free calls to a service, if any is left: one conditional upsert, so
 * any number of concurrent calls take exactly `freeTierCalls` slots between them (the row lock
 * of the upsert orders them on Postgres; PGlite runs them one at a time). Returns whether the
 * call is free. A failed call gives its slot back with {@link releaseFreeCall}.
 *
 * @example
 * ```ts
 * if (await claimFreeCall(db, { serviceId, buyerId }, service.freeTierCalls)) charge = 0n;
 * ```
 */
export async function claimFreeCall(
  db: Queryable,
  slot: FreeTierSlot,
  freeTierCalls: number,
): Promise<boolean> {
  if (freeTierCalls <= 0) return false;
  const claimed = await db.query(
    `INSERT INTO free_tier_counters (service_id, buyer_id, used) VALUES ($1, $2, 1)
     ON CONFLICT (service_id, buyer_id) DO UPDATE
       SET used = free_tier_counters.used + 1, updated_at = now()
       WHERE free_tier_counters.used < $3
     RETURNING used`,
    [slot.serviceId, slot.buyerId, freeTierCalls],
  );
  return claimed.rowCount === 1;
}

/**
 * Gives back a free call taken by {@link claimFreeCall} whose provider call failed (5xx,
 * timeout, unreachable), so a broken provider does not use up a buyer's free tier.
 *
 * @example
 * ```ts
 * await releaseFreeCall(db, { serviceId, buyerId });
 * ```
 */
export async function releaseFreeCall(db: Queryable, slot: FreeTierSlot): Promise<void> {
  await db.query(
    `UPDATE free_tier_counters SET used = used - 1, updated_at = now()
     WHERE service_id = $1 AND buyer_id = $2 AND used > 0`,
    [slot.serviceId, slot.buyerId],
  );
}

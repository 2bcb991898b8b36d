import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db/db.js';

/** A buyer's prepaid balance in USDC base units. */
export interface Balance {
  ownerId: string;
  /** What calls may still reserve. */
  available: bigint;
  /** Held by calls in flight: committed when they succeed, released when they fail. */
  reserved: bigint;
}

/** What {@link reserveBalance} returns. */
export type Reservation = { ok: true; reservationId: string } | { ok: false; reason: 'insufficient_balance' };

/**
 * Moves `amount` from the buyer's available balance to reserved, in one conditional statement
 * (`… WHERE available_units >= amount`), and records the hold. Concurrent reservations can
 * never take the balance below zero: each either succeeds whole or returns
 * `insufficient_balance`. A hold that is never resolved (the server died mid-call) is given
 * back by {@link releaseExpiredReservations} after `expiresAt`.
 *
 * @example
 * ```ts
 * const hold = await reserveBalance(db, { ownerId: 'agent-1', amount: 50_000n, serviceId, expiresAt });
 * if (!hold.ok) throw new HttpError(402, 'Insufficient balance');
 * ```
 */
export async function reserveBalance(
  db: Queryable,
  input: { ownerId: string; amount: bigint; serviceId: string | null; expiresAt: Date },
): Promise<Reservation> {
  const reservationId = `res_${randomUUID().replaceAll('-', '')}`;
  const held = await db.query(
    `WITH debited AS (
       UPDATE balances
          SET available_units = available_units - $2::bigint,
              reserved_units = reserved_units + $2::bigint,
              updated_at = now()
        WHERE owner_id = $1 AND available_units >= $2::bigint
       RETURNING owner_id)
     INSERT INTO balance_reservations (id, owner_id, service_id, amount_units, expires_at)
     SELECT $3, owner_id, $4, $2::bigint, $5 FROM debited
     RETURNING id`,
    [input.ownerId, input.amount, reservationId, input.serviceId, input.expiresAt],
  );
  return held.rowCount === 1 ? { ok: true, reservationId } : { ok: false, reason: 'insufficient_balance' };
}

/**
 * Settles a hold: `commit` spends the reserved money (the call succeeded), `release` returns it
 * to the available balance (the call failed). Each is one statement and happens at most once per
 * hold; returns whether this call resolved it.
 *
 * @example
 * ```ts
 * await resolveReservation(db, hold.reservationId, providerFailed ? 'release' : 'commit', usageId);
 * ```
 */
export async function resolveReservation(
  db: Queryable,
  reservationId: string,
  outcome: 'commit' | 'release',
  usageId: string | null = null,
): Promise<boolean> {
  const back = outcome === 'release' ? 'r.amount_units' : '0';
  const resolved = await db.query(
    `WITH r AS (
       UPDATE balance_reservations
          SET status = $2, usage_id = COALESCE($3, usage_id), resolved_at = now()
        WHERE id = $1 AND status = 'held'
       RETURNING owner_id, amount_units)
     UPDATE balances b
        SET reserved_units = b.reserved_units - r.amount_units,
            available_units = b.available_units + ${back},
            updated_at = now()
       FROM r WHERE b.owner_id = r.owner_id
     RETURNING b.owner_id`,
    [reservationId, outcome === 'commit' ? 'committed' : 'released', usageId],
  );
  return resolved.rowCount === 1;
}

/**
 * Releases holds whose call never finished (past `expires_at`), optionally for one owner only.
 * Returns how many were released.
 *
 * @example
 * ```ts
 * await releaseExpiredReservations(db, new Date(), 'agent-1');
 * ```
 */
export async function releaseExpiredReservations(
  db: Queryable,
  now: Date,
  ownerId?: string,
): Promise<number> {
  const expired = await db.many<{ id: string }>(
    `SELECT id FROM balance_reservations
      WHERE status = 'held' AND expires_at < $1 AND ($2::text IS NULL OR owner_id = $2)
      LIMIT 100`,
    [now, ownerId ?? null],
  );
  let released = 0;
  for (const { id } of expired) if (await resolveReservation(db, id, 'release')) released++;
  return released;
}

/**
 * Adds `amount` to a buyer's available balance (creating the balance row on first credit) and
 * returns the new balance.
 *
 * @example
 * ```ts
 * await creditBalance(db, 'agent-1', 10_000_000n); // { ownerId: 'agent-1', available: 10_000_000n, reserved: 0n }
 * ```
 */
export async function creditBalance(db: Queryable, ownerId: string, amount: bigint): Promise<Balance> {
  const row = await db.one<BalanceRow>(
    `INSERT INTO balances (owner_id, available_units) VALUES ($1, $2::bigint)
     ON CONFLICT (owner_id) DO UPDATE
       SET available_units = balances.available_units + $2::bigint, updated_at = now()
     RETURNING owner_id, available_units, reserved_units`,
    [ownerId, amount],
  );
  return toBalance(row!);
}

/**
 * A buyer's balance; zero when it has never been credited.
 *
 * @example
 * ```ts
 * (await getBalance(db, 'agent-1')).available; // 9_950_000n
 * ```
 */
export async function getBalance(db: Queryable, ownerId: string): Promise<Balance> {
  const row = await db.one<BalanceRow>(
    'SELECT owner_id, available_units, reserved_units FROM balances WHERE owner_id = $1',
    [ownerId],
  );
  return row ? toBalance(row) : { ownerId, available: 0n, reserved: 0n };
}

interface BalanceRow {
  owner_id: string;
  available_units: bigint;
  reserved_units: bigint;
}

function toBalance(row: BalanceRow): Balance {
  return { ownerId: row.owner_id, available: row.available_units, reserved: row.reserved_units };
}

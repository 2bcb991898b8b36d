import type { Queryable } from '../db/db.js';
import type { EnqueueWebhookEventInput } from '../webhooks/enqueue-event.js';
import { creditBalance } from './balance-store.js';
import { formatUsdAmount } from './proxy-headers.js';

/** A deposit as stored. */
export interface Deposit {
  id: string;
  ownerId: string;
  /** USDC base units (1 USD = 1 USDC). */
  amount: bigint;
  paymentMethod: 'paypal' | 'nowpayments';
  /** The PayPal order id or NOWPayments payment id. */
  externalId: string | null;
  status: 'pending' | 'confirmed' | 'failed';
  /** What the payer needs: `approve_url`, or `pay_address`, `pay_amount`, `pay_currency`. */
  details: Record<string, unknown>;
  createdAt: Date;
  confirmedAt: Date | null;
}

/**
 * Stores a new pending deposit.
 *
 * @example
 * ```ts
 * await insertDeposit(db, { id, ownerId, amount: 10_000_000n, paymentMethod: 'paypal', externalId: order.id, details: { approve_url } });
 * ```
 */
export async function insertDeposit(
  db: Queryable,
  d: Pick<Deposit, 'id' | 'ownerId' | 'amount' | 'paymentMethod' | 'externalId' | 'details'>,
): Promise<Deposit> {
  const row = await db.one<DepositRow>(
    `INSERT INTO deposits (id, owner_id, amount_units, payment_method, external_id, details)
     VALUES ($1, $2, $3::bigint, $4, $5, $6) RETURNING *`,
    [d.id, d.ownerId, d.amount, d.paymentMethod, d.externalId, d.details],
  );
  return toDeposit(row!);
}

/**
 * A deposit by id.
 *
 * @example
 * ```ts
 * const deposit = await getDeposit(db, 'dep_…');
 * ```
 */
export async function getDeposit(db: Queryable, id: string): Promise<Deposit | undefined> {
  const row = await db.one<DepositRow>('SELECT * FROM deposits WHERE id = $1', [id]);
  return row ? toDeposit(row) : undefined;
}

/**
 * Confirms a pending deposit and credits its amount to the owner's balance, at most once
 * (a conditional update on `status = 'pending'`), with a `payment.completed` event for the
 * owner, all in one transaction. Returns whether this call confirmed it.
 *
 * @example
 * ```ts
 * await confirmDeposit(db, deposit.id, enqueueWebhookEvent); // true the first time, false after
 * ```
 */
export async function confirmDeposit(
  db: { transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> },
  id: string,
  enqueue: (db: Queryable, input: EnqueueWebhookEventInput) => Promise<void>,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const row = await tx.one<DepositRow>(
      `UPDATE deposits SET status = 'confirmed', confirmed_at = now()
        WHERE id = $1 AND status = 'pending' RETURNING *`,
      [id],
    );
    if (!row) return false;
    const deposit = toDeposit(row);
    const balance = await creditBalance(tx, deposit.ownerId, deposit.amount);
    await enqueue(tx, {
      event: 'payment.completed',
      payload: {
        deposit_id: deposit.id,
        buyer_id: deposit.ownerId,
        amount: formatUsdAmount(deposit.amount),
        currency: 'USDC',
        payment_method: deposit.paymentMethod,
        external_id: deposit.externalId,
        balance: formatUsdAmount(balance.available),
      },
      audience: [deposit.ownerId],
    });
    return true;
  });
}

/**
 * Marks a pending deposit failed (the payment expired, failed or was refunded).
 *
 * @example
 * ```ts
 * await failDeposit(db, deposit.id);
 * ```
 */
export async function failDeposit(db: Queryable, id: string): Promise<void> {
  await db.query(`UPDATE deposits SET status = 'failed' WHERE id = $1 AND status = 'pending'`, [id]);
}

interface DepositRow {
  id: string;
  owner_id: string;
  amount_units: bigint;
  payment_method: Deposit['paymentMethod'];
  external_id: string | null;
  status: Deposit['status'];
  details: Record<string, unknown>;
  created_at: Date;
  confirmed_at: Date | null;
}

function toDeposit(row: DepositRow): Deposit {
  return {
    id: row.id,
    ownerId: row.owner_id,
    amount: row.amount_units,
    paymentMethod: row.payment_method,
    externalId: row.external_id,
    status: row.status,
    details: row.details,
    createdAt: row.created_at,
    confirmedAt: row.confirmed_at,
  };
}

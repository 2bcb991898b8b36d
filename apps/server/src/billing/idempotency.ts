import { createHash } from 'node:crypto';
import type { Queryable } from '../db/db.js';

/** A stored outcome of a call, replayed for a repeated `Idempotency-Key`. */
export interface StoredOutcome {
  status: number;
  /** The billing headers and the provider's content type. */
  headers: Record<string, string>;
  /** The body, when it was small and not a stream; otherwise `null` (replayed empty). */
  body: Uint8Array | null;
}

/** What {@link beginIdempotentCall} found. */
export type IdempotencyStart =
  /** No earlier call with this key: this one proceeds (and must end with complete or abandon). */
  | { kind: 'proceed' }
  /** An earlier call finished: answer its outcome. */
  | { kind: 'replay'; outcome: StoredOutcome }
  /** An earlier call with this key is still running. */
  | { kind: 'in_progress' }
  /** The key was used for a different request (method, path or body). */
  | { kind: 'mismatch' };

/** How long an outcome is kept (a day, as common idempotency-key practice). */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * A fingerprint of what a request asks for (method, service, path with query, body), so a key
 * reused for another request is refused rather than answered with the wrong outcome.
 *
 * @example
 * ```ts
 * requestFingerprint('POST', 'svc-1', '/analyze?x=1', new Uint8Array()); // 'e3b0…'
 * ```
 */
export function requestFingerprint(
  method: string,
  serviceId: string,
  path: string,
  body: Uint8Array,
): string {
  return createHash('sha256').update(`${method}\n${serviceId}\n${path}\n`).update(body).digest('hex');
}

/**
 * Claims an idempotency key for a buyer, atomically: the first call inserts an `in_progress`
 * record and proceeds; a concurrent duplicate gets `in_progress`; a later one gets the stored
 * outcome. A record whose call never finished is taken over after `inProgressUntil`.
 *
 * @example
 * ```ts
 * const start = await beginIdempotentCall(db, { ownerId, key, fingerprint, now, inProgressUntil });
 * if (start.kind === 'replay') return replay(start.outcome);
 * ```
 */
export async function beginIdempotentCall(
  db: Queryable,
  input: { ownerId: string; key: string; fingerprint: string; now: Date; inProgressUntil: Date },
): Promise<IdempotencyStart> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const inserted = await db.query(
      `INSERT INTO idempotency_records (owner_id, idempotency_key, request_hash, expires_at)
       VALUES ($1, $2, $3, $4) ON CONFLICT (owner_id, idempotency_key) DO NOTHING`,
      [input.ownerId, input.key, input.fingerprint, input.inProgressUntil],
    );
    if (inserted.rowCount === 1) return { kind: 'proceed' };
    const row = await db.one<IdempotencyRow>(
      `SELECT request_hash, state, status_code, response_headers,
              encode(response_body, 'base64') AS response_body, expires_at
         FROM idempotency_records WHERE owner_id = $1 AND idempotency_key = $2`,
      [input.ownerId, input.key],
    );
    if (!row) continue;
    if (row.expires_at.getTime() <= input.now.getTime()) {
      // Expired (or a call that never finished): remove exactly that record and claim again.
      await db.query(
        `DELETE FROM idempotency_records
          WHERE owner_id = $1 AND idempotency_key = $2 AND expires_at <= $3`,
        [input.ownerId, input.key, input.now],
      );
      continue;
    }
    if (row.request_hash !== input.fingerprint) return { kind: 'mismatch' };
    if (row.state === 'in_progress') return { kind: 'in_progress' };
    return {
      kind: 'replay',
      outcome: {
        status: row.status_code ?? 200,
        headers: row.response_headers ?? {},
        body: row.response_body === null ? null : new Uint8Array(Buffer.from(row.response_body, 'base64')),
      },
    };
  }
  return { kind: 'in_progress' };
}

/**
 * Stores the outcome of a call that claimed `key`, kept until `expiresAt`.
 *
 * @example
 * ```ts
 * await completeIdempotentCall(db, ownerId, key, { status: 200, headers, body }, expiresAt);
 * ```
 */
export async function completeIdempotentCall(
  db: Queryable,
  ownerId: string,
  key: string,
  outcome: StoredOutcome,
  expiresAt: Date,
): Promise<void> {
  await db.query(
    `UPDATE idempotency_records
        SET state = 'completed', status_code = $3, response_headers = $4, response_body = decode($5, 'base64'), expires_at = $6
      WHERE owner_id = $1 AND idempotency_key = $2`,
    [
      ownerId,
      key,
      outcome.status,
      outcome.headers,
      outcome.body ? Buffer.from(outcome.body).toString('base64') : null,
      expiresAt,
    ],
  );
}

/**
 * Forgets a claim whose call did not reach the provider or was not charged (refused, provider
 * unreachable, timed out), so that a retry with the same key runs again.
 *
 * @example
 * ```ts
 * await abandonIdempotentCall(db, ownerId, key);
 * ```
 */
export async function abandonIdempotentCall(db: Queryable, ownerId: string, key: string): Promise<void> {
  await db.query(
    `DELETE FROM idempotency_records WHERE owner_id = $1 AND idempotency_key = $2 AND state = 'in_progress'`,
    [ownerId, key],
  );
}

interface IdempotencyRow {
  request_hash: string;
  state: 'in_progress' | 'completed';
  status_code: number | null;
  response_headers: Record<string, string> | null;
  /** Base64 (bytes pass through the drivers as text). */
  response_body: string | null;
  expires_at: Date;
}

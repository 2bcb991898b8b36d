import type { Db, Queryable } from '../db/db.js';
import { HttpError } from '../http/http-error.js';

const OWNED = {
  service: {
    table: 'services',
    id: 'id',
    owner: 'provider_id',
    missing: 'Service not found',
    notYours: 'Not your service',
  },
  agent: {
    table: 'agents',
    id: 'agent_id',
    owner: 'owner_id',
    missing: 'Agent not found',
    notYours: 'Not your agent',
  },
  team: { table: 'teams', id: 'id', owner: 'owner_id', missing: 'Team not found', notYours: 'Not your team' },
} as const;

/** The kinds of things that have an owner in the catalog. */
export type OwnedKind = keyof typeof OWNED;

/**
 * Locks one catalog row (`FOR UPDATE`, inside the caller's transaction) and checks that
 * `ownerId` owns it: 404 when it does not exist, 403 ("Not your service") when it is someone
 * else's. Returns the row's `status`.
 *
 * @example
 * ```ts
 * await deps.db.transaction(async (tx) => {
 *   await lockOwned(tx, 'service', params.service_id, key.ownerId);
 *   await tx.query('UPDATE services SET name = $2 WHERE id = $1', [params.service_id, 'New']);
 * });
 * ```
 */
export async function lockOwned(
  tx: Queryable,
  kind: OwnedKind,
  id: string,
  ownerId: string,
): Promise<string> {
  const spec = OWNED[kind];
  const row = await tx.one<{ owner: string; status: string }>(
    `SELECT ${spec.owner} AS owner, status FROM ${spec.table} WHERE ${spec.id} = $1 FOR UPDATE`,
    [id],
  );
  if (!row) throw new HttpError(404, spec.missing);
  if (row.owner !== ownerId) throw new HttpError(403, spec.notYours);
  return row.status;
}

/**
 * Soft-deletes one catalog row the caller owns: sets its `status` (and `updated_at`) after the
 * same checks as {@link lockOwned}.
 *
 * @example
 * ```ts
 * await setOwnedStatus(deps.db, 'agent', params.agent_id, key.ownerId, 'deactivated', new Date());
 * ```
 */
export async function setOwnedStatus(
  db: Db,
  kind: OwnedKind,
  id: string,
  ownerId: string,
  status: string,
  at: Date,
): Promise<void> {
  const spec = OWNED[kind];
  await db.transaction(async (tx) => {
    await lockOwned(tx, kind, id, ownerId);
    await tx.query(
      `UPDATE ${spec.table} SET status = $2, updated_at = $3 WHERE ${spec.id} = $1 AND status <> $2`,
      [id, status, at],
    );
  });
}

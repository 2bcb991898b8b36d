import type { SqlParam } from '../db/db.js';

/**
 * The `SET` list of an `UPDATE` from the fields that are given (undefined ones are left out),
 * with `$n` parameters; `values` ends with the given fields' values, in order. Column names come
 * from the caller's schema, never from request keys it did not declare.
 *
 * @example
 * ```ts
 * const { sets, values } = assignments({ name: body.name, updated_at: now });
 * await tx.query(`UPDATE teams SET ${sets} WHERE id = $${values.length + 1}`, [...values, id]);
 * ```
 */
export function assignments(fields: Record<string, SqlParam | undefined>): {
  sets: string;
  values: SqlParam[];
} {
  const values: SqlParam[] = [];
  const sets: string[] = [];
  for (const [column, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    values.push(value);
    sets.push(`${column} = $${values.length}`);
  }
  return { sets: sets.join(', '), values };
}

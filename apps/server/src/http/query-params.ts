import { z } from 'zod';

/**
 * An integer query parameter with a default and bounds (query values arrive as text).
 *
 * @example
 * ```ts
 * const query = z.object({ limit: queryInt(50, 1, 100), offset: queryInt(0, 0) });
 * ```
 */
export function queryInt(defaultValue: number, min: number, max = Number.MAX_SAFE_INTEGER) {
  return z.coerce.number().int().min(min).max(max).default(defaultValue);
}

/**
 * A boolean query parameter: `true`/`false`/`1`/`0` (unlike `z.coerce.boolean`, which reads
 * `"false"` as true).
 *
 * @example
 * ```ts
 * const query = z.object({ has_free_tier: queryBool().optional() });
 * ```
 */
export function queryBool() {
  return z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
}

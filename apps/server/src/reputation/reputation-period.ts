import { z } from 'zod';

/**
 * A reputation period: `all-time` or one calendar month in UTC, `YYYY-MM`.
 *
 * @example
 * ```ts
 * const query = z.object({ period: reputationPeriod.default('all-time') });
 * ```
 */
export const reputationPeriod = z
  .string()
  .regex(/^(all-time|\d{4}-(0[1-9]|1[0-2]))$/, 'must be "all-time" or a month as "YYYY-MM"');

/**
 * The half-open time range `[start, end)` of a period, or `null` for `all-time`.
 *
 * @example
 * ```ts
 * periodRange('2026-12'); // { start: 2026-12-01T00:00:00Z, end: 2027-01-01T00:00:00Z }
 * periodRange('all-time'); // null
 * ```
 */
export function periodRange(period: string): { start: Date; end: Date } | null {
  if (period === 'all-time') return null;
  const [year, month] = period.split('-').map(Number) as [number, number];
  return { start: new Date(Date.UTC(year, month - 1, 1)), end: new Date(Date.UTC(year, month, 1)) };
}

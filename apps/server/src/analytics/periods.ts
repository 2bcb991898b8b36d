/** How a trend is bucketed. */
export const GRANULARITIES = ['daily', 'weekly', 'monthly'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/** One bucket of a series: UTC start (inclusive), end (exclusive) and its label. */
export interface Period {
  /** `YYYY-MM-DD` of the first day, as SQL's `to_char(date_trunc(…), 'YYYY-MM-DD')` gives it. */
  key: string;
  start: Date;
  end: Date;
  /** `2026-03-19` (daily), `2026-W12` (ISO week, weekly), `2026-03` (monthly). */
  label: string;
}

/** The Postgres `date_trunc` field for a granularity (weeks start on Monday, as ISO weeks do). */
export const SQL_TRUNC: Record<Granularity, 'day' | 'week' | 'month'> = {
  daily: 'day',
  weekly: 'week',
  monthly: 'month',
};

const DAY_MS = 86_400_000;

/**
 * The start (UTC midnight) of the period holding `instant`.
 *
 * @example
 * ```ts
 * periodStart(new Date('2026-03-19T15:00:00Z'), 'weekly'); // 2026-03-16T00:00:00Z (Monday)
 * ```
 */
export function periodStart(instant: Date, granularity: Granularity): Date {
  const day = Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate());
  if (granularity === 'daily') return new Date(day);
  if (granularity === 'monthly')
    return new Date(Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), 1));
  const sinceMonday = (new Date(day).getUTCDay() + 6) % 7;
  return new Date(day - sinceMonday * DAY_MS);
}

/**
 * The label of the period that starts at `start` (see {@link Period.label}).
 *
 * @example
 * ```ts
 * periodLabel(new Date('2026-03-16T00:00:00Z'), 'weekly'); // '2026-W12'
 * ```
 */
export function periodLabel(start: Date, granularity: Granularity): string {
  const iso = start.toISOString();
  if (granularity === 'daily') return iso.slice(0, 10);
  if (granularity === 'monthly') return iso.slice(0, 7);
  // The ISO week belongs to the year of its Thursday; week 1 holds the year's first Thursday.
  const thursday = new Date(periodStart(start, 'weekly').getTime() + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/**
 * The last `count` periods up to and including the one holding `now`, oldest first.
 *
 * @example
 * ```ts
 * recentPeriods(new Date('2026-03-19T12:00:00Z'), 'daily', 7).map((p) => p.label);
 * // ['2026-03-13', …, '2026-03-19']
 * ```
 */
export function recentPeriods(now: Date, granularity: Granularity, count: number): Period[] {
  const periods: Period[] = [];
  let end = nextStart(periodStart(now, granularity), granularity);
  for (let i = 0; i < count; i++) {
    const start = previousStart(end, granularity);
    periods.push({
      key: start.toISOString().slice(0, 10),
      start,
      end,
      label: periodLabel(start, granularity),
    });
    end = start;
  }
  return periods.reverse();
}

function nextStart(start: Date, granularity: Granularity): Date {
  if (granularity === 'monthly')
    return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  return new Date(start.getTime() + (granularity === 'weekly' ? 7 : 1) * DAY_MS);
}

function previousStart(end: Date, granularity: Granularity): Date {
  if (granularity === 'monthly') return new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 1, 1));
  return new Date(end.getTime() - (granularity === 'weekly' ? 7 : 1) * DAY_MS);
}

/**
 * One entry per period, oldest first: the row SQL returned for the period's key, or `empty`
 * where nothing happened, each shaped by `shape`.
 *
 * @example
 * ```ts
 * fillPeriods(periods, rows, (row, period) => ({ date: period.label, calls: row?.calls ?? 0 }));
 * ```
 */
export function fillPeriods<R extends { period: string }, T>(
  periods: readonly Period[],
  rows: readonly R[],
  shape: (row: R | undefined, period: Period) => T,
): T[] {
  const byKey = new Map(rows.map((row) => [row.period, row]));
  return periods.map((period) => shape(byKey.get(period.key), period));
}

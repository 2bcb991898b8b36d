/** One step of the Growth Program: from `fromMonth` (1-based month since registration) on. */
export interface CommissionTier {
  fromMonth: number;
  /** Platform commission in basis points (500 = 5 %). */
  bps: number;
  label: string;
}

/**
 * The Growth Program of the marketplace reference: no commission in a provider's first month,
 * 5 % in months 2–3, the standard 10 % from month 4.
 */
export const GROWTH_TIERS: readonly CommissionTier[] = [
  { fromMonth: 1, bps: 0, label: 'Month 1 (Free)' },
  { fromMonth: 2, bps: 500, label: 'Months 2-3 (Growth)' },
  { fromMonth: 4, bps: 1000, label: 'Standard' },
];

/** The rate for providers that have not registered a service yet. */
export const STANDARD_COMMISSION_BPS = 1000;

/** A provider's place in the Growth Program at one moment. */
export type GrowthCommission =
  | { registered: false; bps: number; label: string }
  | {
      registered: true;
      bps: number;
      label: string;
      registeredAt: Date;
      /** 1-based: month 1 runs from the registration day to the same day of the next month. */
      monthNumber: number;
      /** When the next, higher tier starts; `null` on the last tier. */
      nextTierAt: Date | null;
      nextTierBps: number | null;
    };

/**
 * Where a provider registered at `registeredAt` (its first service, or `null` for none) stands
 * at `now`. Months are calendar months counted from the registration day; a day that the target
 * month lacks (the 31st) falls on that month's last day.
 *
 * @example
 * ```ts
 * growthCommission(new Date('2026-03-01T00:00:00Z'), new Date('2026-03-19T00:00:00Z'));
 * // { registered: true, bps: 0, label: 'Month 1 (Free)', monthNumber: 1, nextTierAt: 2026-04-01, nextTierBps: 500, … }
 * ```
 */
export function growthCommission(registeredAt: Date | null, now: Date): GrowthCommission {
  if (!registeredAt) return { registered: false, bps: STANDARD_COMMISSION_BPS, label: 'Standard' };
  let monthNumber = 1;
  while (monthNumber < 10_000 && addMonths(registeredAt, monthNumber).getTime() <= now.getTime())
    monthNumber++;
  const tierIndex = GROWTH_TIERS.findLastIndex((t) => t.fromMonth <= monthNumber);
  const tier = GROWTH_TIERS[Math.max(0, tierIndex)]!;
  const next = GROWTH_TIERS[tierIndex + 1];
  return {
    registered: true,
    bps: tier.bps,
    label: tier.label,
    registeredAt,
    monthNumber,
    nextTierAt: next ? addMonths(registeredAt, next.fromMonth - 1) : null,
    nextTierBps: next ? next.bps : null,
  };
}

/**
 * Basis points as the reference's rate string: `500` → `'0.05'`, `1250` → `'0.125'`.
 *
 * @example
 * ```ts
 * rateString(0); // '0.00'
 * ```
 */
export function rateString(bps: number): string {
  const whole = Math.floor(bps / 10_000);
  const fraction = String(bps % 10_000)
    .padStart(4, '0')
    .replace(/(\d\d\d*?)0+$/, '$1');
  return `${whole}.${fraction}`;
}

/** `date` plus `months` calendar months, the day clamped to the target month's length; time of day kept. */
function addMonths(date: Date, months: number): Date {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(
    Date.UTC(
      year,
      month,
      Math.min(date.getUTCDate(), lastDay),
      date.getUTCHours(),
      date.getUTCMinutes(),
      date.getUTCSeconds(),
      date.getUTCMilliseconds(),
    ),
  );
}

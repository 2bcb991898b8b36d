import { TollwayError } from '../errors/tollway-error.js';

/** USDC has 6 decimals: one base unit is 0.000001 USDC. */
export const USDC_DECIMALS = 6;

const SCALE = 10n ** BigInt(USDC_DECIMALS);

/**
 * A decimal USD amount (`"10.50"`, `0.075`) as integer USDC base units, exactly: no floating
 * point arithmetic touches it. Numbers are read through their shortest decimal form, so a JSON
 * `10.5` is exactly 10 500 000. More than 6 decimals, a negative amount or anything that is not a
 * plain decimal is an `invalid_amount` error, never rounded silently.
 *
 * @example
 * ```ts
 * parseUsdc('10.50'); // 10_500_000n
 * parseUsdc(0.075); // 75_000n
 * parseUsdc('0.0000001'); // throws TollwayError('invalid_amount')
 * ```
 */
export function parseUsdc(amount: string | number): bigint {
  const text = typeof amount === 'number' ? String(amount) : amount.trim();
  const match = /^(\d+)(?:\.(\d*))?$/.exec(text);
  if (!match || (match[2] ?? '').length > USDC_DECIMALS) {
    throw new TollwayError(
      'invalid_amount',
      `"${text}" is not a USD amount with at most ${USDC_DECIMALS} decimals (like "10.50")`,
    );
  }
  const fraction = (match[2] ?? '').padEnd(USDC_DECIMALS, '0');
  return BigInt(match[1]!) * SCALE + BigInt(fraction);
}

/**
 * Integer USDC base units as a decimal string with all 6 decimals.
 *
 * @example
 * ```ts
 * formatUsdc(126_000n); // '0.126000'
 * ```
 */
export function formatUsdc(units: bigint): string {
  const sign = units < 0n ? '-' : '';
  const abs = units < 0n ? -units : units;
  return `${sign}${abs / SCALE}.${(abs % SCALE).toString().padStart(USDC_DECIMALS, '0')}`;
}

import { formatUsdc, parseUsdc } from '@tollway/core';
import { z } from 'zod';

/** The highest price per call a service may ask, in USDC base units (10,000 USDC). */
export const MAX_PRICE_UNITS = 10_000_000_000n;

const DECIMAL = /^\d{1,12}(\.\d{1,6})?$/;

/** A price as the API receives it: the decimal text and its exact value in USDC base units. */
export interface Price {
  text: string;
  units: bigint;
}

/**
 * A decimal USD amount with at most 6 decimals (`"0.05"`, `"12"`), as a zod schema that keeps
 * both the text (answered back unchanged) and its exact value in base units. Numbers are
 * refused: a JSON number has already been rounded to a binary float.
 *
 * @example
 * ```ts
 * priceSchema().parse('0.05'); // { text: '0.05', units: 50000n }
 * ```
 */
export function priceSchema(max: bigint = MAX_PRICE_UNITS) {
  return z
    .string()
    .trim()
    .regex(DECIMAL, 'must be a decimal string with at most 6 decimals, like "0.05"')
    .transform((text, ctx): Price => {
      const units = parseUsdc(text);
      if (units > max) {
        ctx.addIssue({ code: 'custom', message: `must be at most ${renderPrice(max, null)}` });
        return z.NEVER;
      }
      return { text, units };
    });
}

/**
 * The price text to answer with: the text the provider registered, or, for rows written
 * without one, the base units with trailing zeros trimmed (at least two decimals).
 *
 * @example
 * ```ts
 * renderPrice(50_000n, '0.05'); // '0.05'
 * renderPrice(1_500_000n, null); // '1.50'
 * ```
 */
export function renderPrice(units: bigint, text: string | null): string {
  if (text !== null) return text;
  return formatUsdc(units).replace(/0{1,4}$/, '');
}

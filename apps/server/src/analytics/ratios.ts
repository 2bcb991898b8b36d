/**
 * `value` rounded to `decimals` places, halves away from zero; non-finite values become 0.
 *
 * @example
 * ```ts
 * roundTo(120.46, 1); // 120.5
 * ```
 */
export function roundTo(value: number, decimals = 1): number {
  if (!Number.isFinite(value)) return 0;
  const scale = 10 ** decimals;
  return (Math.sign(value) * Math.round(Math.abs(value) * scale)) / scale;
}

/**
 * `part` as a percentage of `whole`, one decimal; 0 when `whole` is 0 (nothing measured).
 *
 * @example
 * ```ts
 * percentOf(124, 125); // 99.2
 * percentOf(0, 0); // 0
 * ```
 */
export function percentOf(part: number, whole: number): number {
  return whole > 0 ? roundTo((part / whole) * 100, 1) : 0;
}

/**
 * A time as the marketplace reference writes it: ISO 8601 in UTC to the second, with an explicit
 * `+00:00` offset (`2026-03-19T10:00:00+00:00`).
 *
 * @example
 * ```ts
 * isoTime(new Date(Date.UTC(2026, 2, 19, 10))); // '2026-03-19T10:00:00+00:00'
 * ```
 */
export function isoTime(at: Date | number): string {
  return `${new Date(at).toISOString().slice(0, 19)}+00:00`;
}

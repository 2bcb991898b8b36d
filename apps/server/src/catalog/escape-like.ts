/**
 * Text for a SQL `LIKE`/`ILIKE` pattern that matches it literally (with the default `\` escape).
 *
 * @example
 * ```ts
 * db.many("SELECT * FROM agents WHERE display_name ILIKE '%' || $1 || '%'", [escapeLike('50%_off')]);
 * ```
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

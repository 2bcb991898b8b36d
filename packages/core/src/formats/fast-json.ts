/**
 * Allocation-light readers for the few stream event shapes that make up almost all of a long
 * stream (text and argument deltas). Each returns `undefined` for anything it does not
 * recognise exactly, and the caller falls back to `JSON.parse` plus the schema: the fast path
 * may only ever decline, never read differently.
 */

/**
 * Reads the JSON string literal whose opening quote is at `start`.
 * Returns its decoded value and the index just past its closing quote.
 */
export function readJsonString(text: string, start: number): { value: string; end: number } | undefined {
  if (text.charCodeAt(start) !== 34 /* " */) return undefined;
  let escaped = false;
  let i = start + 1;
  for (;;) {
    const quote = text.indexOf('"', i);
    if (quote === -1) return undefined;
    const backslash = text.indexOf('\\', i);
    if (backslash === -1 || backslash > quote) {
      const end = quote + 1;
      if (!escaped) return { value: text.slice(start + 1, quote), end };
      try {
        return { value: JSON.parse(text.slice(start, end)) as string, end };
      } catch {
        return undefined;
      }
    }
    // Skip the escape sequence (which may be an escaped quote) and look again.
    escaped = true;
    i = backslash + 2;
  }
}

/** Reads a non-negative integer at `start`; returns it and the index past its last digit. */
export function readJsonIndex(text: string, start: number): { value: number; end: number } | undefined {
  let value = 0;
  let i = start;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) break;
    value = value * 10 + (c - 48);
  }
  return i === start || i - start > 9 ? undefined : { value, end: i };
}

/** A flat JSON object's fields: strings decoded, numbers as numbers, `null`; nothing nested but `[]`. */
export type FlatJson = Record<string, string | number | null | readonly []>;

const EMPTY: readonly [] = [];

/**
 * Reads a JSON object whose values are all strings, integers, `null` or empty arrays (the shape
 * of a Responses delta event). Anything else (a nested object, a float, whitespace between
 * tokens) declines with `undefined`.
 */
export function readFlatJson(text: string): FlatJson | undefined {
  if (text.charCodeAt(0) !== 123 /* { */ || text.charCodeAt(text.length - 1) !== 125 /* } */)
    return undefined;
  const fields: FlatJson = {};
  let i = 1;
  for (;;) {
    const key = readJsonString(text, i);
    // `__proto__` as data would need defineProperty; such an event takes the full parse.
    if (!key || text.charCodeAt(key.end) !== 58 /* : */ || key.value === '__proto__') return undefined;
    i = key.end + 1;
    const c = text.charCodeAt(i);
    if (c === 34) {
      const value = readJsonString(text, i);
      if (!value) return undefined;
      fields[key.value] = value.value;
      i = value.end;
    } else if (c >= 48 && c <= 57) {
      const value = readJsonIndex(text, i);
      if (!value) return undefined;
      fields[key.value] = value.value;
      i = value.end;
    } else if (text.startsWith('null', i)) {
      fields[key.value] = null;
      i += 4;
    } else if (text.startsWith('[]', i)) {
      fields[key.value] = EMPTY;
      i += 2;
    } else {
      return undefined;
    }
    const next = text.charCodeAt(i);
    if (next === 44 /* , */) i++;
    else if (next === 125 && i === text.length - 1) return fields;
    else return undefined;
  }
}

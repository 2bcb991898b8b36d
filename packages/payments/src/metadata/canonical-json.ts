/**
 * JSON with object keys sorted (by UTF-16 code units, recursively) and no whitespace, so that two
 * equal values give the same bytes whatever order their keys were built in. Numbers are written as
 * `JSON.stringify` writes them; for plain JSON values this is the JSON Canonicalization Scheme
 * (RFC 8785). As in `JSON.stringify`, object properties that are `undefined` are left out and
 * `toJSON` is honoured; a value JSON cannot carry (a non-finite number, a bigint, a function at
 * the top level) throws a `TypeError` rather than being written as something else.
 *
 * @example
 * ```ts
 * canonicalJson({ b: [1, { d: true, c: null }], a: 'x' }); // '{"a":"x","b":[1,{"c":null,"d":true}]}'
 * ```
 */
export function canonicalJson(value: unknown): string {
  const json = encode(value);
  if (json === undefined) throw new TypeError(`canonicalJson: a ${typeof value} is not JSON`);
  return json;
}

function encode(value: unknown): string | undefined {
  if (value === null) return 'null';
  if (typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return encode((value as { toJSON: () => unknown }).toJSON());
  }
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is not a JSON number`);
      return JSON.stringify(value);
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'bigint':
      throw new TypeError('canonicalJson: a bigint is not JSON; write it as a decimal string');
  }
  if (Array.isArray(value)) return `[${value.map((item) => encode(item) ?? 'null').join(',')}]`;
  const record = value as Record<string, unknown>;
  const members: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const member = encode(record[key]);
    if (member !== undefined) members.push(`${JSON.stringify(key)}:${member}`);
  }
  return `{${members.join(',')}}`;
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFlatJson, readJsonIndex, readJsonString } from './fast-json.js';

describe('readJsonString', () => {
  it('decodes any string exactly as JSON.parse does, and finds its end', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string(), (value, tail) => {
        const literal = JSON.stringify(value);
        const read = readJsonString(`${literal}${tail}`, 0);
        expect(read).toEqual({ value, end: literal.length });
      }),
    );
  });

  it('declines what is not a complete string literal', () => {
    expect(readJsonString('abc', 0)).toBeUndefined();
    expect(readJsonString('"abc', 0)).toBeUndefined();
    expect(readJsonString('"a\\"', 0)).toBeUndefined();
    expect(readJsonString('"bad \\x escape"', 0)).toBeUndefined();
  });
});

describe('readJsonIndex', () => {
  it('reads digits and stops at the first other character', () => {
    expect(readJsonIndex('x12,', 1)).toEqual({ value: 12, end: 3 });
    expect(readJsonIndex('x,', 1)).toBeUndefined();
  });
});

describe('readFlatJson', () => {
  const flat = fc.dictionary(
    fc.string().filter((key) => key !== '__proto__'),
    fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.nat({ max: 999_999_999 }),
      fc.constant(null),
      fc.constant([] as const),
    ),
    { minKeys: 1 },
  );

  it('reads every flat object as JSON.parse does', () => {
    fc.assert(
      fc.property(flat, (object) => {
        const read = readFlatJson(JSON.stringify(object));
        expect(read).toEqual(JSON.parse(JSON.stringify(object)));
      }),
    );
  });

  it('declines nested values, floats, negative numbers, booleans and spaces', () => {
    for (const text of [
      '{}',
      '{"a":{"b":1}}',
      '{"a":1.5}',
      '{"a":-1}',
      '{"a":true}',
      '{ "a":1}',
      '{"a":[1]}',
      '{}x',
      '',
    ]) {
      expect(readFlatJson(text)).toBeUndefined();
    }
  });
});

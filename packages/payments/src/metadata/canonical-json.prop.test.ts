import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';

/** The same value with every object's keys in a shuffled order. */
function shuffled(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((item, i) => shuffled(item, seed + i));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  const order = entries.map((entry, i) => ({ entry, rank: Math.sin(seed * 7919 + i * 104729) }));
  order.sort((a, b) => a.rank - b.rank);
  return Object.fromEntries(order.map(({ entry: [k, v] }, i) => [k, shuffled(v, seed + i + 1)]));
}

const json = fc.jsonValue();

describe('canonicalJson', () => {
  it('does not depend on key order', () => {
    fc.assert(
      fc.property(json, fc.integer(), (value, seed) => {
        expect(canonicalJson(shuffled(value, seed))).toBe(canonicalJson(value));
      }),
    );
  });

  it('is JSON that parses back to the same value, with sorted keys and no whitespace outside strings', () => {
    fc.assert(
      fc.property(json, (value) => {
        const text = canonicalJson(value);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
    );
  });

  it('sorts keys by code unit at every depth and writes no spaces', () => {
    expect(canonicalJson({ b: [1, { d: true, c: null }], a: 'x y', B: 2, é: 0, '': -0.5 })).toBe(
      '{"":-0.5,"B":2,"a":"x y","b":[1,{"c":null,"d":true}],"é":0}',
    );
  });

  it('leaves out undefined members like JSON.stringify, and refuses what JSON cannot carry', () => {
    expect(canonicalJson({ a: undefined, b: [undefined], c: new Date(0) })).toBe(
      '{"b":[null],"c":"1970-01-01T00:00:00.000Z"}',
    );
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson({ a: Number.POSITIVE_INFINITY })).toThrow(TypeError);
    expect(() => canonicalJson({ a: 1n })).toThrow(/bigint/);
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });
});

import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { stringOrArray, taggedObject } from './chat-schema-helpers.js';

const part = taggedObject({ text: z.looseObject({ type: z.literal('text'), text: z.string() }) });
const body = z.object({ content: stringOrArray(part) });

describe('stringOrArray and taggedObject', () => {
  it('accept a string, known parts, and parts of unknown types (as "unknown")', () => {
    expect(body.parse({ content: 'hi' })).toEqual({ content: 'hi' });
    expect(body.parse({ content: [{ type: 'text', text: 'a', extra: 1 }, { type: 'input_audio' }] })).toEqual(
      {
        content: [
          { type: 'text', text: 'a', extra: 1 },
          { type: 'unknown', originalType: 'input_audio' },
        ],
      },
    );
  });

  it('use the fallback type when `type` is missing', () => {
    const call = taggedObject(
      { function: z.looseObject({ type: z.literal('function').optional(), id: z.string() }) },
      'function',
    );
    expect(call.parse({ id: 'a' })).toEqual({ id: 'a' });
    expect(call.safeParse({}).error?.issues.map((i) => i.path.join('.'))).toEqual(['id']);
  });

  it('report errors at their exact path', () => {
    const paths = (value: unknown) =>
      body.safeParse({ content: value }).error?.issues.map((i) => i.path.join('.'));
    expect(paths(5)).toEqual(['content']);
    expect(paths([{ type: 'text', text: 1 }])).toEqual(['content.0.text']);
    expect(paths(['x'])).toEqual(['content.0']);
    expect(paths([{ type: 7 }])).toEqual(['content.0.type']);
  });
});

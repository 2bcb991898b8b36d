import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openUnion, stringOr } from './anthropic-schema-helpers.js';

const block = openUnion({
  text: z.looseObject({ type: z.literal('text'), text: z.string() }),
  image: z.looseObject({
    type: z.literal('image'),
    source: z.discriminatedUnion('type', [z.looseObject({ type: z.literal('url'), url: z.string() })]),
  }),
});
const content = z.object({ content: stringOr(z.array(block)) });

function firstIssue(value: unknown) {
  const result = content.safeParse(value);
  if (result.success) return undefined;
  const issue = result.error.issues[0]!;
  return { path: issue.path.join('.'), message: issue.message };
}

describe('openUnion and stringOr', () => {
  it('validates known types, keeps unknown keys and turns unknown types into an unknown block', () => {
    expect(
      content.parse({
        content: [
          { type: 'text', text: 'a', extra: 1 },
          { type: 'search_result', text: 5 },
        ],
      }),
    ).toEqual({
      content: [
        { type: 'text', text: 'a', extra: 1 },
        { type: 'unknown', wireType: 'search_result' },
      ],
    });
    expect(content.parse({ content: 'plain' })).toEqual({ content: 'plain' });
  });

  it('reports an invalid known block at the nested field', () => {
    expect(firstIssue({ content: [{ type: 'image', source: { type: 'ftp' } }] })?.path).toBe(
      'content.0.source.type',
    );
    expect(firstIssue({ content: [{ type: 'text', text: 1 }] })?.path).toBe('content.0.text');
    expect(firstIssue({ content: [{ text: 'no type' }] })?.path).toBe('content.0.type');
  });

  it('reports a value that is neither string nor array at the field', () => {
    expect(firstIssue({ content: 7 })).toEqual({
      path: 'content',
      message: 'Invalid input: expected string or array',
    });
  });
});

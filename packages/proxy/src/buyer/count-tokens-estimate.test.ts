import { describe, expect, it } from 'vitest';
import { estimateInputTokens } from './count-tokens-estimate.js';

describe('estimateInputTokens', () => {
  it('counts about one token per four characters of system, message and tool text', () => {
    const body = {
      system: [{ type: 'text', text: 'abcd' }],
      messages: [
        { role: 'user', content: 'abcdefgh' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'f', input: { a: 1 } }] },
        {
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: 't', content: [{ type: 'text', text: 'abcd' }] }],
        },
      ],
    };
    // 4 + 8 + 7 ('{"a":1}') + 4 = 23 characters.
    expect(estimateInputTokens(body)).toBe(6);
    expect(estimateInputTokens({ messages: [] })).toBe(0);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readChatFastDelta } from './chat-fast-delta.js';

const chunk = (delta: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'gpt-4o',
    system_fingerprint: 'fp_1',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: null }],
    usage: null,
    ...extra,
  });

describe('readChatFastDelta', () => {
  it('reads every compact content or reasoning delta as JSON.parse does', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('content', 'reasoning_content'),
        fc.string({ unit: 'binary' }),
        (key, text) => {
          expect(readChatFastDelta(chunk({ [key]: text }))).toEqual({ [key]: text });
        },
      ),
    );
  });

  it('declines chunks that carry anything else', () => {
    for (const data of [
      chunk({ role: 'assistant', content: 'x' }),
      chunk({ content: 'x', tool_calls: [] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{}' } }] }),
      chunk({ content: 'x' }, { usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } }),
      chunk({ content: 'x' }, { error: { message: 'boom' } }),
      JSON.stringify({
        choices: [{ index: 0, delta: { content: 'x' }, logprobs: null, finish_reason: 'stop' }],
      }),
      JSON.stringify({
        choices: [{ index: 1, delta: { content: 'x' }, logprobs: null, finish_reason: null }],
      }),
      '[DONE]',
    ]) {
      expect(readChatFastDelta(data)).toBeUndefined();
    }
  });
});

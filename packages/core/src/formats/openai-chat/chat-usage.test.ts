import { describe, expect, it } from 'vitest';
import { chatUsageToIr, irUsageToChat } from './chat-usage.js';

describe('Chat usage', () => {
  it('reads prompt tokens as the total input, cached and reasoning tokens when non-zero', () => {
    expect(
      chatUsageToIr({
        prompt_tokens: 2143,
        completion_tokens: 12,
        prompt_tokens_details: { cached_tokens: 1920 },
        completion_tokens_details: { reasoning_tokens: 0 },
      }),
    ).toEqual({ inputTokens: 2143, outputTokens: 12, cachedInputTokens: 1920 });
    expect(chatUsageToIr(null)).toEqual({ inputTokens: 0, outputTokens: 0 });
    expect(chatUsageToIr({ prompt_tokens: 5, completion_tokens_details: null })).toEqual({
      inputTokens: 5,
      outputTokens: 0,
    });
  });

  it("reads DeepSeek's prompt_cache_hit_tokens when prompt_tokens_details is absent", () => {
    expect(
      chatUsageToIr({
        prompt_tokens: 402,
        completion_tokens: 31,
        prompt_cache_hit_tokens: 384,
        prompt_cache_miss_tokens: 18,
      }),
    ).toEqual({ inputTokens: 402, outputTokens: 31, cachedInputTokens: 384 });
  });

  it('round-trips', () => {
    const ir = { inputTokens: 100, outputTokens: 40, cachedInputTokens: 60, reasoningTokens: 30 };
    expect(chatUsageToIr(irUsageToChat(ir))).toEqual(ir);
    expect(irUsageToChat(ir).total_tokens).toBe(140);
  });
});

import { describe, expect, it } from 'vitest';
import { usageFromResponses, usageToResponses } from './responses-usage.js';

describe('Responses usage', () => {
  it('reads the totals and the non-zero details', () => {
    expect(
      usageFromResponses({
        input_tokens: 2073,
        input_tokens_details: { cached_tokens: 1920, cache_write_tokens: 0 },
        output_tokens: 400,
        output_tokens_details: { reasoning_tokens: 320 },
        total_tokens: 2473,
      }),
    ).toEqual({ inputTokens: 2073, outputTokens: 400, cachedInputTokens: 1920, reasoningTokens: 320 });
    expect(usageFromResponses({ input_tokens: 1, output_tokens: 2 })).toEqual({
      inputTokens: 1,
      outputTokens: 2,
    });
    expect(usageFromResponses(null)).toEqual({ inputTokens: 0, outputTokens: 0 });
  });

  it('writes every detail field, and reads back what it writes', () => {
    const ir = {
      inputTokens: 100,
      outputTokens: 20,
      cachedInputTokens: 60,
      cacheCreationInputTokens: 30,
      reasoningTokens: 5,
    };
    const wire = usageToResponses(ir);
    expect(wire).toEqual({
      input_tokens: 100,
      input_tokens_details: { cached_tokens: 60, cache_write_tokens: 30 },
      output_tokens: 20,
      output_tokens_details: { reasoning_tokens: 5 },
      total_tokens: 120,
    });
    expect(usageFromResponses(wire as never)).toEqual(ir);
  });
});

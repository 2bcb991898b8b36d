import { describe, expect, it } from 'vitest';
import { mergeUsage, usageFromIr, usageToIr } from './anthropic-usage.js';

describe('Anthropic usage', () => {
  it('adds cache reads and writes to the IR input tokens, and takes thinking tokens', () => {
    expect(
      usageToIr({
        input_tokens: 12,
        cache_read_input_tokens: 2048,
        cache_creation_input_tokens: 100,
        output_tokens: 40,
        output_tokens_details: { thinking_tokens: 25 },
      }),
    ).toEqual({
      inputTokens: 2160,
      outputTokens: 40,
      cachedInputTokens: 2048,
      cacheCreationInputTokens: 100,
      reasoningTokens: 25,
    });
  });

  it('reads missing and null counters as zero and leaves zero cache counters out', () => {
    expect(usageToIr(undefined)).toEqual({ inputTokens: 0, outputTokens: 0 });
    expect(
      usageToIr({
        input_tokens: 3,
        output_tokens: null,
        cache_read_input_tokens: 0,
        cache_creation_input_tokens: null,
      }),
    ).toEqual({ inputTokens: 3, outputTokens: 0 });
  });

  it('is the inverse of usageToIr', () => {
    const wire = {
      input_tokens: 12,
      cache_creation_input_tokens: 100,
      cache_read_input_tokens: 2048,
      output_tokens: 40,
      output_tokens_details: { thinking_tokens: 25 },
    };
    expect(usageFromIr(usageToIr(wire))).toEqual(wire);
  });

  it('merges cumulative counters: present values of the later usage win', () => {
    const start = {
      input_tokens: 10,
      output_tokens: 1,
      cache_read_input_tokens: 5,
      cache_creation_input_tokens: 0,
    };
    expect(mergeUsage(start, { output_tokens: 30, input_tokens: null })).toEqual({
      ...start,
      output_tokens: 30,
    });
    expect(mergeUsage(start, { input_tokens: 11, output_tokens: 2, cache_creation_input_tokens: 7 })).toEqual(
      {
        input_tokens: 11,
        output_tokens: 2,
        cache_read_input_tokens: 5,
        cache_creation_input_tokens: 7,
      },
    );
    expect(mergeUsage(start, undefined)).toBe(start);
  });
});

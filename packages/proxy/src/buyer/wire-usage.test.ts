import { describe, expect, it } from 'vitest';
import { responseUsage, StreamUsageMeter } from './wire-usage.js';

describe('responseUsage', () => {
  it('counts Anthropic cache reads and writes into the input, as the IR does', () => {
    const usage = {
      input_tokens: 10,
      cache_read_input_tokens: 100,
      cache_creation_input_tokens: 5,
      output_tokens: 7,
    };
    expect(responseUsage('anthropic-messages', { usage })).toEqual({
      inputTokens: 115,
      outputTokens: 7,
      cachedInputTokens: 100,
      cacheCreationInputTokens: 5,
    });
  });

  it('reads OpenAI usage with cached tokens already inside the input', () => {
    const chat = { prompt_tokens: 50, completion_tokens: 9, prompt_tokens_details: { cached_tokens: 20 } };
    expect(responseUsage('openai-chat', { usage: chat })).toMatchObject({
      inputTokens: 50,
      outputTokens: 9,
      cachedInputTokens: 20,
    });
    const responses = { input_tokens: 50, output_tokens: 9, output_tokens_details: { reasoning_tokens: 4 } };
    expect(responseUsage('openai-responses', { usage: responses })).toMatchObject({
      inputTokens: 50,
      reasoningTokens: 4,
    });
  });

  it('is undefined when the body reports no usage', () => {
    expect(responseUsage('openai-chat', { choices: [] })).toBeUndefined();
  });
});

describe('StreamUsageMeter', () => {
  it('takes Anthropic input from message_start and output from message_delta', () => {
    const meter = new StreamUsageMeter('anthropic-messages');
    meter.observe({
      event: 'message_start',
      data: JSON.stringify({
        type: 'message_start',
        message: { usage: { input_tokens: 12, output_tokens: 1 } },
      }),
    });
    meter.observe({
      event: 'content_block_delta',
      data: '{"type":"content_block_delta","delta":{"text":"usage"}}',
    });
    meter.observe({
      event: 'message_delta',
      data: JSON.stringify({ type: 'message_delta', usage: { output_tokens: 30 } }),
    });
    expect(meter.usage()).toMatchObject({ inputTokens: 12, outputTokens: 30 });
  });

  it('takes a Chat stream’s usage chunk and a Responses stream’s terminal usage', () => {
    const chat = new StreamUsageMeter('openai-chat');
    chat.observe({ data: '[DONE]' });
    expect(chat.usage()).toBeUndefined();
    chat.observe({
      data: JSON.stringify({ choices: [], usage: { prompt_tokens: 3, completion_tokens: 4 } }),
    });
    expect(chat.usage()).toMatchObject({ inputTokens: 3, outputTokens: 4 });
    const responses = new StreamUsageMeter('openai-responses');
    const completed = {
      type: 'response.completed',
      response: { usage: { input_tokens: 8, output_tokens: 2 } },
    };
    responses.observe({ event: 'response.completed', data: JSON.stringify(completed) });
    expect(responses.usage()).toMatchObject({ inputTokens: 8, outputTokens: 2 });
  });
});

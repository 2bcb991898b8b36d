import { describe, expect, it } from 'vitest';
import type { IrResponse } from '../ir.js';
import { testContext } from './anthropic-test-helpers.js';
import { renderAnthropicResponse } from './render-anthropic-response.js';

function response(fields: Partial<IrResponse>): IrResponse {
  return {
    id: 'chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT',
    model: 'gpt-4o-2024-08-06',
    content: [],
    stopReason: 'stop',
    usage: { inputTokens: 0, outputTokens: 0 },
    ...fields,
  };
}

describe('renderAnthropicResponse', () => {
  it('renders the message envelope with a msg_ id and zero usage', () => {
    expect(
      renderAnthropicResponse(response({ content: [{ type: 'text', text: 'Salut 👋' }] }), testContext()),
    ).toEqual({
      id: 'msg_B9MBs8CjcvOU2jLn4n570S5qMJKcT',
      type: 'message',
      role: 'assistant',
      model: 'gpt-4o-2024-08-06',
      content: [{ type: 'text', text: 'Salut 👋' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: {
        input_tokens: 0,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        output_tokens: 0,
      },
    });
  });

  it('subtracts cached tokens from input_tokens, never below zero', () => {
    const render = (usage: IrResponse['usage']) =>
      renderAnthropicResponse(response({ usage }), testContext()).usage as Record<string, number>;
    expect(
      render({ inputTokens: 2100, outputTokens: 5, cachedInputTokens: 2048, cacheCreationInputTokens: 30 }),
    ).toEqual({
      input_tokens: 22,
      cache_creation_input_tokens: 30,
      cache_read_input_tokens: 2048,
      output_tokens: 5,
    });
    expect(render({ inputTokens: 10, outputTokens: 5, cachedInputTokens: 20 }).input_tokens).toBe(0);
  });

  it.each([
    ['stop', 'end_turn'],
    ['length', 'max_tokens'],
    ['tool_calls', 'tool_use'],
    ['stop_sequence', 'stop_sequence'],
    ['content_filter', 'refusal'],
    ['pause', 'pause_turn'],
  ] as const)('maps stop reason %s to %s', (ir, wire) => {
    expect(renderAnthropicResponse(response({ stopReason: ir }), testContext()).stop_reason).toBe(wire);
  });

  it('renders the stop sequence that was hit', () => {
    const body = renderAnthropicResponse(
      response({ stopReason: 'stop_sequence', stopSequence: 'FIN' }),
      testContext(),
    );
    expect(body.stop_sequence).toBe('FIN');
  });

  it('renders tool calls with Anthropic-safe ids and object input, refusals as text, unsigned thinking kept', () => {
    const ctx = testContext();
    const body = renderAnthropicResponse(
      response({
        content: [
          { type: 'thinking', text: 'reasoning_content from a Chat model' },
          { type: 'refusal', text: "I can't help with that." },
          { type: 'text', text: '' },
          { type: 'tool_call', id: 'call_Xy9', name: 'get_time', arguments: '{}' },
          { type: 'tool_call', id: 'call_2', name: 'f', arguments: '"oops"' },
        ],
        stopReason: 'tool_calls',
      }),
      ctx,
    );
    expect(body.content).toEqual([
      { type: 'thinking', thinking: 'reasoning_content from a Chat model', signature: '' },
      { type: 'text', text: "I can't help with that." },
      { type: 'tool_use', id: 'call_Xy9', name: 'get_time', input: {} },
      { type: 'tool_use', id: 'call_2', name: 'f', input: {} },
    ]);
    expect(ctx.warnings).toEqual([
      expect.objectContaining({ code: 'changed_value', path: 'content.4.arguments' }),
    ]);
  });

  it('keeps Anthropic citations and drops OpenAI annotations with a warning', () => {
    const ctx = testContext();
    const body = renderAnthropicResponse(
      response({
        content: [
          {
            type: 'text',
            text: 'Paris',
            citations: [
              { type: 'url_citation', url: 'https://x', start_index: 0, end_index: 5 },
              {
                type: 'char_location',
                cited_text: 'Paris',
                document_index: 0,
                start_char_index: 0,
                end_char_index: 5,
              },
            ],
          },
        ],
      }),
      ctx,
    );
    expect(body.content).toEqual([
      {
        type: 'text',
        text: 'Paris',
        citations: [
          {
            type: 'char_location',
            cited_text: 'Paris',
            document_index: 0,
            start_char_index: 0,
            end_char_index: 5,
          },
        ],
      },
    ]);
    expect(ctx.warnings).toEqual([
      expect.objectContaining({ code: 'dropped_field', path: 'content.0.citations' }),
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { loadJson } from '../../test-support/fixtures.js';
import { parseResponsesResponse } from './parse-responses-response.js';
import { FORMAT, testContext } from './responses-test-helpers.js';

function parse(name: string) {
  const result = parseResponsesResponse(loadJson(FORMAT, `${name}.response.json`), testContext());
  if (!result.ok) throw result.error;
  return result.value;
}

describe('parseResponsesResponse', () => {
  it('text', () => {
    expect(parse('text')).toEqual({
      id: 'resp_68d991aedf602bad016defdd264f9af5b228bc892fce961a',
      model: 'gpt-4.1-2025-04-14',
      created: 1759064500,
      content: [
        {
          type: 'text',
          text: 'Bonjour ! Voici trois mots en japonais : 日本語, 東京 et ありがとう 🎌. Bonne journée !',
        },
      ],
      stopReason: 'stop',
      usage: { inputTokens: 24, outputTokens: 23 },
    });
  });

  it('tool-call: text then a call, with call_id as id and the item id kept', () => {
    const ir = parse('tool-call');
    expect(ir.content).toEqual([
      { type: 'text', text: 'Je vais vérifier la météo à Zürich pour vous.' },
      {
        type: 'tool_call',
        id: 'call_VpaoDdhjL6jaBR6cYjjGQrXF',
        itemId: 'fc_68d9a7631a1e0f5c148a0c226b4086d1ac2c4eeb03310681',
        name: 'get_weather',
        arguments: '{"location":"Zürich, Switzerland","unit":"celsius"}',
      },
    ]);
    expect(ir.stopReason).toBe('tool_calls');
  });

  it('parallel-tools and tool-no-args', () => {
    expect(parse('parallel-tools').content.map((p) => p.type === 'tool_call' && p.name)).toEqual([
      'get_weather',
      'get_weather',
      'get_local_time',
    ]);
    expect(parse('tool-no-args').content).toEqual([
      expect.objectContaining({ type: 'tool_call', arguments: '{}' }),
    ]);
  });

  it('thinking: summary parts joined by a blank line, encrypted_content as signature', () => {
    const body = loadJson(FORMAT, 'thinking.response.json');
    const item = (body.output as Array<{ id: string; encrypted_content: string }>)[0]!;
    const ir = parse('thinking');
    expect(ir.content[0]).toEqual({
      type: 'thinking',
      text: '**Calculating the product**\n\nThe user asks for 17 × 23. 17 × 20 = 340, plus 17 × 3 = 51.\n\n**Final answer**\n\n340 + 51 = 391; answer in French (réponse courte).',
      signature: item.encrypted_content,
      itemId: item.id,
    });
    expect(ir.usage).toEqual({ inputTokens: 41, outputTokens: 389, reasoningTokens: 320 });
  });

  it('max-tokens and cached-usage', () => {
    expect(parse('max-tokens').stopReason).toBe('length');
    expect(parse('cached-usage').usage).toEqual({
      inputTokens: 2073,
      outputTokens: 16,
      cachedInputTokens: 1920,
    });
  });

  it('drops hosted tool items with a warning and keeps annotations as citations', () => {
    const ctx = testContext();
    const annotation = {
      type: 'url_citation',
      url: 'https://example.com',
      title: 'Ex',
      start_index: 0,
      end_index: 3,
    };
    const result = parseResponsesResponse(
      {
        id: 'resp_1',
        object: 'response',
        model: 'gpt-5',
        status: 'completed',
        output: [
          { id: 'ws_1', type: 'web_search_call', status: 'completed' },
          {
            id: 'msg_1',
            type: 'message',
            role: 'assistant',
            content: [{ type: 'output_text', text: 'Ex.', annotations: [annotation] }],
          },
        ],
        usage: { input_tokens: 1, output_tokens: 2, total_tokens: 3 },
      },
      ctx,
    );
    expect(result.ok && result.value.content).toEqual([
      { type: 'text', text: 'Ex.', citations: [annotation] },
    ]);
    expect(ctx.warnings).toEqual([expect.objectContaining({ code: 'dropped_content', path: 'output.0' })]);
  });

  it.each([
    [{ object: 'response', model: 'm', output: [] }, 'id'],
    [{ id: 'r', model: 'm', output: 'nope' }, 'output'],
    [
      { id: 'r', model: 'm', output: [{ type: 'function_call', call_id: 'c', name: 'f' }] },
      'output.0.arguments',
    ],
    [
      { id: 'r', model: 'm', output: [], usage: { input_tokens: '1', output_tokens: 2 } },
      'usage.input_tokens',
    ],
  ])('refuses a body that is not a response (%j) with invalid_response', (body, param) => {
    const result = parseResponsesResponse(body, testContext());
    expect(!result.ok && result.error.code).toBe('invalid_response');
    expect(!result.ok && result.error.status).toBe(502);
    expect(!result.ok && result.error.param).toBe(param);
  });
});

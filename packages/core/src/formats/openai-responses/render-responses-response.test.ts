import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { fixtureNames, loadJson } from '../../test-support/fixtures.js';
import type { IrResponse } from '../ir.js';
import { parseResponsesResponse } from './parse-responses-response.js';
import { renderResponsesResponse } from './render-responses-response.js';
import { FORMAT, testContext } from './responses-test-helpers.js';

const anthropicLike: IrResponse = {
  id: 'msg_01AbC',
  model: 'claude-sonnet-4-5',
  content: [
    { type: 'thinking', text: 'Voyons.', signature: 'EqQBsig' },
    { type: 'redacted_thinking', data: 'EmwKopaque' },
    { type: 'text', text: 'Voici ', citations: [{ type: 'char_location', cited_text: 'x' }] },
    { type: 'text', text: 'la réponse 日本.' },
    { type: 'tool_call', id: 'toolu_01X', name: 'lookup', arguments: '' },
  ],
  stopReason: 'tool_calls',
  usage: { inputTokens: 1200, outputTokens: 80, cachedInputTokens: 1000, cacheCreationInputTokens: 150 },
};

describe('renderResponsesResponse', () => {
  it.each(fixtureNames(FORMAT, 'response'))('%s: fixture → IR → body → IR gives the same IR', (name) => {
    const first = parseResponsesResponse(loadJson(FORMAT, `${name}.response.json`), testContext());
    if (!first.ok) throw first.error;
    const body = renderResponsesResponse(first.value, testContext());
    const second = parseResponsesResponse(body, testContext());
    if (!second.ok) throw second.error;
    expect(second.value).toEqual(first.value);
  });

  it('renders every part kind with deterministic ids and the full usage', () => {
    const ctx = testContext({ now: 1700000000 });
    const body = renderResponsesResponse(anthropicLike, ctx);
    expect(body).toEqual({
      id: 'resp_01AbC',
      object: 'response',
      created_at: 1700000000,
      status: 'completed',
      background: false,
      error: null,
      incomplete_details: null,
      instructions: null,
      max_output_tokens: null,
      max_tool_calls: null,
      model: 'claude-sonnet-4-5',
      output: [
        {
          id: 'rs_01AbC_0',
          type: 'reasoning',
          summary: [{ type: 'summary_text', text: 'Voyons.' }],
          encrypted_content: 'EqQBsig',
        },
        { id: 'rs_01AbC_1', type: 'reasoning', summary: [], encrypted_content: 'EmwKopaque' },
        {
          id: 'msg_01AbC_2',
          type: 'message',
          status: 'completed',
          content: [
            { type: 'output_text', annotations: [], logprobs: [], text: 'Voici ' },
            { type: 'output_text', annotations: [], logprobs: [], text: 'la réponse 日本.' },
          ],
          role: 'assistant',
        },
        {
          id: 'fc_01X',
          type: 'function_call',
          status: 'completed',
          arguments: '{}',
          call_id: 'toolu_01X',
          name: 'lookup',
        },
      ],
      parallel_tool_calls: true,
      previous_response_id: null,
      reasoning: { effort: null, summary: null },
      store: false,
      temperature: null,
      text: { format: { type: 'text' } },
      tool_choice: 'auto',
      tools: [],
      top_p: null,
      truncation: 'disabled',
      usage: {
        input_tokens: 1200,
        input_tokens_details: { cached_tokens: 1000, cache_write_tokens: 150 },
        output_tokens: 80,
        output_tokens_details: { reasoning_tokens: 0 },
        total_tokens: 1280,
      },
      user: null,
      metadata: {},
    });
    // Anthropic citations are not Responses annotations.
    expect(ctx.warnings).toEqual([expect.objectContaining({ code: 'dropped_content' })]);
  });

  it('renders length and content_filter stops as incomplete responses', () => {
    const ir: IrResponse = {
      ...anthropicLike,
      content: [{ type: 'text', text: 'Il était' }],
      stopReason: 'length',
    };
    expect(renderResponsesResponse(ir, testContext())).toMatchObject({
      status: 'incomplete',
      incomplete_details: { reason: 'max_output_tokens' },
      output: [{ type: 'message', status: 'incomplete' }],
    });
    expect(renderResponsesResponse({ ...ir, stopReason: 'content_filter' }, testContext())).toMatchObject({
      status: 'incomplete',
      incomplete_details: { reason: 'content_filter' },
    });
  });

  it('uses the created time of the source, and warns about a stop sequence it cannot report', () => {
    const ctx = testContext({ now: 5 });
    const body = renderResponsesResponse(
      { ...anthropicLike, content: [], created: 77, stopReason: 'stop_sequence', stopSequence: '###' },
      ctx,
    );
    expect(body.created_at).toBe(77);
    expect(body.status).toBe('completed');
    expect(ctx.warnings).toEqual([expect.objectContaining({ code: 'dropped_field', path: 'stop_sequence' })]);
  });

  it('is read by the OpenAI SDK, which derives output_text from it', async () => {
    const body = renderResponsesResponse(anthropicLike, testContext());
    const client = new OpenAI({
      apiKey: 'test',
      baseURL: 'http://sdk.test/v1',
      maxRetries: 0,
      fetch: async () =>
        new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } }),
    });
    const response = await client.responses.create({ model: 'm', input: 'x' });
    expect(response.output_text).toBe('Voici la réponse 日本.');
    expect(response.usage?.input_tokens_details.cached_tokens).toBe(1000);
  });
});

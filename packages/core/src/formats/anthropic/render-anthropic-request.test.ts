import { describe, expect, it } from 'vitest';
import { fixtureNames, loadJson } from '../../test-support/fixtures.js';
import type { IrMessage, IrRequest } from '../ir.js';
import { FORMAT, testContext } from './anthropic-test-helpers.js';
import { parseAnthropicRequest } from './parse-anthropic-request.js';
import { renderAnthropicRequest } from './render-anthropic-request.js';

function render(ir: IrRequest, ctx = testContext()): Record<string, unknown> {
  const result = renderAnthropicRequest(ir, ctx);
  if (!result.ok) throw result.error;
  return result.value;
}

function request(fields: Partial<IrRequest>): IrRequest {
  return {
    model: 'gpt-4o',
    system: [],
    messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
    tools: [],
    stream: false,
    extras: { format: 'openai-chat', fields: {} },
    ...fields,
  };
}

/**
 * Request round trip: recorded body → IR → rendered body equals the recorded body. What is
 * normalised: a content array holding one plain text block is rendered as a string (the
 * recorded fixtures already use the string form there), and `stream: false` is left out.
 */
describe('Anthropic request round trip', () => {
  it.each(fixtureNames(FORMAT, 'request'))('%s', (name) => {
    const body = loadJson(FORMAT, `${name}.request.json`);
    const ctx = testContext();
    const parsed = parseAnthropicRequest(body, ctx);
    if (!parsed.ok) throw parsed.error;
    expect(render(parsed.value, ctx)).toEqual(body);
    expect(ctx.warnings).toEqual([]);
  });
});

describe('renderAnthropicRequest', () => {
  it('defaults max_tokens from the options, then to 8192', () => {
    expect(render(request({})).max_tokens).toBe(8192);
    expect(render(request({}), testContext({ defaultMaxTokens: 4096 })).max_tokens).toBe(4096);
    expect(render(request({ maxTokens: 10 })).max_tokens).toBe(10);
  });

  it('merges adjacent same-role turns, drops empty ones, and puts tool results first', () => {
    const messages: IrMessage[] = [
      { role: 'user', content: [{ type: 'text', text: 'Weather?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: '' },
          { type: 'tool_call', id: 'call_1', name: 'w', arguments: '{"city":"Paris"}' },
        ],
      },
      { role: 'assistant', content: [{ type: 'text', text: '' }] },
      { role: 'user', content: [{ type: 'text', text: 'Also, hurry.' }] },
      {
        role: 'user',
        content: [
          {
            type: 'tool_result',
            callId: 'call_1',
            content: [{ type: 'text', text: '20°' }],
            contentIsString: true,
          },
        ],
      },
    ];
    expect(render(request({ messages })).messages).toEqual([
      { role: 'user', content: 'Weather?' },
      {
        role: 'assistant',
        content: [{ type: 'tool_use', id: 'call_1', name: 'w', input: { city: 'Paris' } }],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'call_1', content: '20°' },
          { type: 'text', text: 'Also, hurry.' },
        ],
      },
    ]);
  });

  it('appends a system message in the middle of the conversation to the system prompt, with a warning', () => {
    const ctx = testContext();
    const body = render(
      request({
        system: [{ type: 'text', text: 'Be brief.' }],
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
          { role: 'system', content: [{ type: 'text', text: 'Answer in French.' }] },
          { role: 'user', content: [{ type: 'text', text: 'Ready?' }] },
        ],
      }),
      ctx,
    );
    expect(body.system).toEqual([
      { type: 'text', text: 'Be brief.' },
      { type: 'text', text: 'Answer in French.' },
    ]);
    expect(body.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Hi' },
          { type: 'text', text: 'Ready?' },
        ],
      },
    ]);
    expect(ctx.warnings).toEqual([expect.objectContaining({ code: 'changed_value', path: 'messages.1' })]);
  });

  it('maps tool call ids that Anthropic would reject on both tool_use and tool_result', () => {
    const body = render(
      request({
        messages: [
          { role: 'assistant', content: [{ type: 'tool_call', id: 'call:1/a', name: 'f', arguments: '' }] },
          { role: 'user', content: [{ type: 'tool_result', callId: 'call:1/a', content: [] }] },
        ],
      }),
    );
    const [assistant, user] = body.messages as Array<{ content: Array<Record<string, unknown>> }>;
    const id = assistant!.content[0]!.id;
    expect(id).toMatch(/^call_1_a_[0-9a-z]+$/);
    expect(assistant!.content[0]!.input).toEqual({});
    expect(user!.content[0]).toEqual({ type: 'tool_result', tool_use_id: id });
  });

  it('sends {} with a warning when tool arguments are not a JSON object', () => {
    const ctx = testContext();
    const body = render(
      request({
        messages: [
          { role: 'assistant', content: [{ type: 'tool_call', id: 'c', name: 'f', arguments: '[1' }] },
        ],
      }),
      ctx,
    );
    expect((body.messages as Array<{ content: Array<{ input: unknown }> }>)[0]!.content[0]!.input).toEqual(
      {},
    );
    expect(ctx.warnings.map((w) => w.code)).toEqual(['changed_value']);
  });

  it('drops unsigned thinking from history with a warning and keeps signed and redacted thinking', () => {
    const ctx = testContext();
    const body = render(
      request({
        messages: [
          {
            role: 'assistant',
            content: [
              { type: 'thinking', text: 'from a Chat model' },
              { type: 'thinking', text: 'signed', signature: 'sig' },
              { type: 'redacted_thinking', data: 'EmwK' },
              { type: 'text', text: 'Hello' },
            ],
          },
        ],
      }),
      ctx,
    );
    expect((body.messages as Array<{ content: unknown }>)[0]!.content).toEqual([
      { type: 'thinking', thinking: 'signed', signature: 'sig' },
      { type: 'redacted_thinking', data: 'EmwK' },
      { type: 'text', text: 'Hello' },
    ]);
    expect(ctx.warnings).toEqual([
      expect.objectContaining({ code: 'dropped_content', path: 'messages.0.content.0' }),
    ]);
  });

  it('gives tools an object input_schema', () => {
    const body = render(
      request({
        tools: [
          { name: 'a', parameters: {} },
          { name: 'b', parameters: { properties: { x: { type: 'string' } } } },
          { name: 'c', description: 'C', parameters: { type: 'object', properties: {} }, strict: true },
        ],
      }),
    );
    expect(body.tools).toEqual([
      { name: 'a', input_schema: { type: 'object', properties: {} } },
      { name: 'b', input_schema: { type: 'object', properties: { x: { type: 'string' } } } },
      { name: 'c', description: 'C', input_schema: { type: 'object', properties: {} }, strict: true },
    ]);
  });

  it('maps tool choices and parallel tool calls', () => {
    const tools = [{ name: 'f', parameters: { type: 'object' } }];
    expect(render(request({ tools, toolChoice: { type: 'required' } })).tool_choice).toEqual({ type: 'any' });
    expect(
      render(request({ tools, toolChoice: { type: 'none' }, parallelToolCalls: false })).tool_choice,
    ).toEqual({
      type: 'none',
    });
    expect(render(request({ tools, parallelToolCalls: false })).tool_choice).toEqual({
      type: 'auto',
      disable_parallel_tool_use: true,
    });
    expect(
      render(request({ tools, toolChoice: { type: 'auto' }, parallelToolCalls: true })).tool_choice,
    ).toEqual({
      type: 'auto',
      disable_parallel_tool_use: false,
    });
    expect(render(request({ tools, parallelToolCalls: true })).tool_choice).toBeUndefined();
    expect(render(request({ toolChoice: { type: 'auto' } })).tool_choice).toBeUndefined();
  });

  it('clamps a temperature above 1 with a warning', () => {
    const ctx = testContext();
    expect(render(request({ temperature: 1.5, topK: 40 }), ctx)).toMatchObject({ temperature: 1, top_k: 40 });
    expect(ctx.warnings).toEqual([expect.objectContaining({ code: 'changed_value', path: 'temperature' })]);
  });

  it('turns an effort into a thinking budget, lowered to fit under the max_tokens the client set', () => {
    const ctx = testContext();
    const body = render(request({ maxTokens: 4000, reasoning: { enabled: true, effort: 'high' } }), ctx);
    expect(body.thinking).toEqual({ type: 'enabled', budget_tokens: 4000 - 1024 });
    expect(body.max_tokens).toBe(4000);
    expect(ctx.warnings).toEqual([expect.objectContaining({ code: 'changed_value', path: 'reasoning' })]);
  });

  it('raises max_tokens above the budget when the budget was explicit, or max_tokens a default or too small', () => {
    const cases: Array<[Partial<IrRequest>, number, number]> = [
      [{ maxTokens: 4000, reasoning: { enabled: true, budgetTokens: 10000 } }, 10000, 11024],
      [{ reasoning: { enabled: true, effort: 'high' } }, 16384, 16384 + 1024],
      [{ maxTokens: 1500, reasoning: { enabled: true, effort: 'low' } }, 2048, 2048 + 1024],
    ];
    for (const [fields, budget, max] of cases) {
      const ctx = testContext();
      const body = render(request(fields), ctx);
      expect(body.thinking).toEqual({ type: 'enabled', budget_tokens: budget });
      expect(body.max_tokens).toBe(max);
      expect(ctx.warnings).toEqual([expect.objectContaining({ code: 'changed_value', path: 'max_tokens' })]);
    }
  });

  it.each([
    ['minimal', 1024],
    ['low', 2048],
    ['medium', 8192],
    ['xhigh', 32000],
  ] as const)('maps effort %s to a budget of %i tokens', (effort, budget) => {
    const body = render(request({ maxTokens: 64000, reasoning: { enabled: true, effort } }));
    expect(body.thinking).toEqual({ type: 'enabled', budget_tokens: budget });
  });

  it('sends no thinking for effort none or disabled reasoning', () => {
    expect(render(request({ reasoning: { enabled: true, effort: 'none' } })).thinking).toBeUndefined();
    expect(render(request({ reasoning: { enabled: false } })).thinking).toBeUndefined();
  });

  it('drops sampling settings extended thinking does not accept, with warnings', () => {
    const ctx = testContext();
    const body = render(
      request({
        maxTokens: 20000,
        temperature: 0.2,
        topP: 0.5,
        topK: 5,
        reasoning: { enabled: true, budgetTokens: 500 },
      }),
      ctx,
    );
    expect(body).toMatchObject({ thinking: { type: 'enabled', budget_tokens: 1024 }, top_p: 0.95 });
    expect(body.temperature).toBeUndefined();
    expect(body.top_k).toBeUndefined();
    expect(ctx.warnings.map((w) => `${w.code}:${w.path}`)).toEqual([
      'changed_value:reasoning',
      'dropped_field:temperature',
      'changed_value:top_p',
      'dropped_field:top_k',
    ]);
  });

  it('renders adaptive thinking with its effort in output_config, next to a JSON schema format', () => {
    const body = render(
      request({
        reasoning: { enabled: true, adaptive: true, effort: 'medium' },
        responseFormat: { type: 'json_schema', name: 'answer', schema: { type: 'object' }, strict: true },
      }),
    );
    expect(body.thinking).toEqual({ type: 'adaptive' });
    expect(body.output_config).toEqual({
      effort: 'medium',
      format: { type: 'json_schema', schema: { type: 'object' } },
    });
  });

  it('warns that json_object has no equivalent', () => {
    const ctx = testContext();
    expect(render(request({ responseFormat: { type: 'json_object' } }), ctx).output_config).toBeUndefined();
    expect(ctx.warnings).toEqual([
      expect.objectContaining({ code: 'dropped_field', path: 'response_format' }),
    ]);
  });

  it('maps user, stop sequences and stream', () => {
    expect(
      render(request({ user: 'u-1', stopSequences: ['END'], stream: true, includeUsage: true })),
    ).toMatchObject({
      metadata: { user_id: 'u-1' },
      stop_sequences: ['END'],
      stream: true,
    });
  });

  it('carries only the extras Anthropic accepts and warns about the others', () => {
    const ctx = testContext();
    const body = render(
      request({
        extras: { format: 'openai-chat', fields: { top_k: 3, logprobs: true, service_tier: 'flex' } },
      }),
      ctx,
    );
    expect(body.top_k).toBe(3);
    expect(body.logprobs).toBeUndefined();
    expect(ctx.warnings.map((w) => `${w.code}:${w.path}`)).toEqual([
      'dropped_field:logprobs',
      'dropped_field:service_tier',
    ]);
  });

  it('renders images, documents and block tool results', () => {
    const body = render(
      request({
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Look' },
              { type: 'image', source: { type: 'url', url: 'https://x/y.png' }, detail: 'high' },
              { type: 'file', filename: 'a.pdf', source: { type: 'file', fileId: 'file_1' } },
              {
                type: 'tool_result',
                callId: 'toolu_1',
                content: [
                  { type: 'text', text: 'see image' },
                  { type: 'image', source: { type: 'base64', mediaType: 'image/png', data: 'iVBO' } },
                ],
              },
            ],
          },
        ],
      }),
    );
    expect((body.messages as Array<{ content: unknown }>)[0]!.content).toEqual([
      {
        type: 'tool_result',
        tool_use_id: 'toolu_1',
        content: [
          { type: 'text', text: 'see image' },
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBO' } },
        ],
      },
      { type: 'text', text: 'Look' },
      { type: 'image', source: { type: 'url', url: 'https://x/y.png' } },
      { type: 'document', source: { type: 'file', file_id: 'file_1' }, title: 'a.pdf' },
    ]);
  });

  it('sends data: URLs and plain-text files as bytes Anthropic accepts', () => {
    const body = render(
      request({
        messages: [
          {
            role: 'user',
            content: [
              { type: 'image', source: { type: 'url', url: 'data:image/png;base64,iVBORw0K' } },
              { type: 'file', source: { type: 'base64', mediaType: 'text/plain', data: 'Q2Fmw6kg4piV' } },
            ],
          },
        ],
      }),
    );
    expect((body.messages as Array<{ content: unknown }>)[0]!.content).toEqual([
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0K' } },
      { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'Café ☕' } },
    ]);
  });

  it('refuses n > 1', () => {
    const result = renderAnthropicRequest(request({ n: 2 }), testContext());
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('unsupported_parameter');
      expect(result.error.param).toBe('n');
    }
  });
});

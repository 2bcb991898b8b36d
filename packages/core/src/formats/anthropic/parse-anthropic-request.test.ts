import { describe, expect, it } from 'vitest';
import { loadJson } from '../../test-support/fixtures.js';
import type { IrRequest } from '../ir.js';
import { FORMAT, testContext } from './anthropic-test-helpers.js';
import { parseAnthropicRequest } from './parse-anthropic-request.js';

function parse(body: unknown, ctx = testContext()): IrRequest {
  const result = parseAnthropicRequest(body, ctx);
  if (!result.ok) throw result.error;
  return result.value;
}

const fixture = (name: string) => loadJson(FORMAT, `${name}.request.json`);

describe('parseAnthropicRequest on recorded requests', () => {
  it('basic: system string, history, sampling, stop sequences, metadata.user_id', () => {
    const ctx = testContext();
    expect(parse(fixture('basic'), ctx)).toEqual({
      model: 'claude-haiku-4-5',
      system: [
        {
          type: 'text',
          text: "Tu es un assistant de voyage concis. Réponds dans la langue de l'utilisateur.",
        },
      ],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Bonjour ! Quelle est la meilleure saison pour visiter Kyōto (京都) ?' },
          ],
        },
        {
          role: 'assistant',
          content: [
            {
              type: 'text',
              text: "Le printemps (fin mars – début avril) pour les cerisiers 🌸, ou l'automne (mi-novembre) pour les érables 🍁.",
            },
          ],
        },
        { role: 'user', content: [{ type: 'text', text: 'Et pour éviter la foule ?' }] },
      ],
      tools: [],
      maxTokens: 1024,
      temperature: 0.7,
      topP: 0.9,
      stopSequences: ['\n\nHuman:', 'FIN'],
      stream: false,
      user: '3f1c2a9e-8b47-4d2e-9c61-5a0f7e2b4d18',
      extras: { format: FORMAT, fields: {} },
    });
    expect(ctx.warnings).toEqual([]);
  });

  it('tools: definitions, named choice without parallel calls, calls and results', () => {
    const ir = parse(fixture('tools'));
    expect(ir.system).toEqual([
      {
        type: 'text',
        text: 'You are a weather assistant. Always use the tools.',
        cacheControl: { type: 'ephemeral' },
      },
    ]);
    expect(ir.tools.map((t) => t.name)).toEqual(['get_weather', 'get_current_time']);
    expect(ir.tools[1]).toEqual({
      name: 'get_current_time',
      description: "Get the current time in the user's time zone.",
      parameters: { type: 'object', properties: {} },
      cacheControl: { type: 'ephemeral' },
    });
    expect(ir.toolChoice).toEqual({ type: 'tool', name: 'get_weather' });
    expect(ir.parallelToolCalls).toBe(false);
    expect(ir.messages[1]).toEqual({
      role: 'assistant',
      content: [
        { type: 'text', text: 'Let me check both.' },
        {
          type: 'tool_call',
          id: 'toolu_01A09q90qw90lq917835lq9',
          name: 'get_weather',
          arguments: '{"location":"Zürich, CH","unit":"celsius"}',
        },
        {
          type: 'tool_call',
          id: 'toolu_01B2c3D4e5F6g7H8i9J0kLmN',
          name: 'get_current_time',
          arguments: '{}',
        },
      ],
    });
    expect(ir.messages[2]).toEqual({
      role: 'user',
      content: [
        {
          type: 'tool_result',
          callId: 'toolu_01A09q90qw90lq917835lq9',
          content: [{ type: 'text', text: '18 °C, partly cloudy ⛅' }],
          contentIsString: true,
        },
        {
          type: 'tool_result',
          callId: 'toolu_01B2c3D4e5F6g7H8i9J0kLmN',
          content: [{ type: 'text', text: 'Time service unavailable: upstream timeout after 5 s' }],
          isError: true,
        },
        { type: 'text', text: 'Please also check Genève.' },
      ],
    });
  });

  it('images: base64 and URL sources', () => {
    const [message] = parse(fixture('images')).messages;
    expect(message?.content.slice(0, 2)).toEqual([
      {
        type: 'image',
        source: { type: 'base64', mediaType: 'image/png', data: expect.stringMatching(/^iVBOR/) },
      },
      {
        type: 'image',
        source: {
          type: 'url',
          url: 'https://upload.wikimedia.org/wikipedia/commons/a/a7/Camponotus_flavomarginatus_ant.jpg',
        },
      },
    ]);
  });

  it('thinking: budget, signed thinking and redacted thinking in history', () => {
    const body = fixture('thinking');
    const ir = parse(body);
    expect(ir.reasoning).toEqual({ enabled: true, budgetTokens: 10000 });
    const history = (body.messages as Array<{ content: Array<Record<string, unknown>> }>)[1]!.content;
    expect(ir.messages[1]?.content.slice(0, 2)).toEqual([
      { type: 'thinking', text: history[0]!.thinking, signature: history[0]!.signature },
      { type: 'redacted_thinking', data: history[1]!.data },
    ]);
  });

  it('stream', () => {
    expect(parse(fixture('stream')).stream).toBe(true);
  });
});

describe('parseAnthropicRequest', () => {
  const base = { model: 'claude-sonnet-4-5', max_tokens: 100 };

  it('puts unmapped top-level fields in extras', () => {
    const ir = parse({
      ...base,
      messages: [],
      service_tier: 'auto',
      container: 'cntr_1',
      inference_geo: 'us',
    });
    expect(ir.extras).toEqual({
      format: FORMAT,
      fields: { service_tier: 'auto', container: 'cntr_1', inference_geo: 'us' },
    });
  });

  it('drops server tools and unknown blocks with warnings naming their path', () => {
    const ctx = testContext();
    const ir = parse(
      {
        ...base,
        tools: [
          { type: 'web_search_20250305', name: 'web_search', max_uses: 3 },
          { type: 'custom', name: 'f', input_schema: { type: 'object' } },
        ],
        messages: [
          {
            role: 'user',
            content: [
              { type: 'search_result', source: 'x', title: 't', content: [] },
              { type: 'text', text: 'hi' },
            ],
          },
          {
            role: 'assistant',
            content: [
              { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} },
              { type: 'text', text: 'ok' },
            ],
          },
        ],
      },
      ctx,
    );
    expect(ir.tools.map((t) => t.name)).toEqual(['f']);
    expect(ir.messages.map((m) => m.content.length)).toEqual([1, 1]);
    expect(ctx.warnings.map((w) => [w.code, w.path])).toEqual([
      ['dropped_content', 'messages.0.content.0'],
      ['dropped_content', 'messages.1.content.0'],
      ['dropped_content', 'tools.0'],
    ]);
  });

  it('keeps leading system messages in the system prompt and later ones as system messages', () => {
    const ir = parse({
      ...base,
      system: 'A',
      messages: [
        { role: 'system', content: 'B' },
        { role: 'user', content: 'hi' },
        { role: 'system', content: [{ type: 'text', text: 'C' }] },
      ],
    });
    expect(ir.system.map((p) => p.text)).toEqual(['A', 'B']);
    expect(ir.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'hi' }] },
      { role: 'system', content: [{ type: 'text', text: 'C' }] },
    ]);
  });

  it('maps tool_choice any to required, and disable_parallel_tool_use false to parallel calls', () => {
    const ir = parse({
      ...base,
      messages: [],
      tool_choice: { type: 'any', disable_parallel_tool_use: false },
    });
    expect(ir.toolChoice).toEqual({ type: 'required' });
    expect(ir.parallelToolCalls).toBe(true);
  });

  it('maps adaptive thinking with its effort, and keeps the rest of output_config in extras', () => {
    const ir = parse({
      ...base,
      messages: [],
      thinking: { type: 'adaptive' },
      output_config: {
        effort: 'high',
        format: { type: 'json_schema', schema: { type: 'object' } },
        other: 1,
      },
    });
    expect(ir.reasoning).toEqual({ enabled: true, adaptive: true, effort: 'high' });
    expect(ir.responseFormat).toEqual({ type: 'json_schema', name: 'output', schema: { type: 'object' } });
    expect(ir.extras.fields).toEqual({ output_config: { other: 1 } });
  });

  it('leaves the effort of non-adaptive requests in extras, and reads disabled thinking', () => {
    const ir = parse({
      ...base,
      messages: [],
      thinking: { type: 'disabled' },
      output_config: { effort: 'low' },
    });
    expect(ir.reasoning).toEqual({ enabled: false });
    expect(ir.extras.fields).toEqual({ output_config: { effort: 'low' } });
  });

  it('turns a plain-text document into text and a PDF into a file part', () => {
    const ctx = testContext();
    const ir = parse(
      {
        ...base,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'Notes' } },
              {
                type: 'document',
                title: 'report.pdf',
                source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0x' },
              },
              { type: 'image', source: { type: 'file', file_id: 'file_011' } },
            ],
          },
        ],
      },
      ctx,
    );
    expect(ir.messages[0]?.content).toEqual([
      { type: 'text', text: 'Notes' },
      {
        type: 'file',
        filename: 'report.pdf',
        source: { type: 'base64', mediaType: 'application/pdf', data: 'JVBERi0x' },
      },
      { type: 'image', source: { type: 'file', fileId: 'file_011' } },
    ]);
    expect(ctx.warnings.map((w) => w.code)).toEqual(['changed_value']);
  });

  it('reads a tool_result without content as an empty result', () => {
    const ir = parse({
      ...base,
      messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1' }] }],
    });
    expect(ir.messages[0]?.content).toEqual([{ type: 'tool_result', callId: 'toolu_1', content: [] }]);
  });
});

describe('parseAnthropicRequest on bad input', () => {
  const cases: Array<[string, unknown, string]> = [
    ['a body that is not an object', 'hello', ''],
    ['a missing model', { max_tokens: 1, messages: [] }, 'model'],
    ['a bad role', { model: 'm', messages: [{ role: 'tool', content: 'x' }] }, 'messages.0.role'],
    [
      'content of the wrong type',
      { model: 'm', messages: [{ role: 'user', content: 5 }] },
      'messages.0.content',
    ],
    [
      'an unknown image source type',
      {
        model: 'm',
        messages: [
          { role: 'user', content: 'hi' },
          { role: 'user', content: [{ type: 'image', source: { type: 'ftp', url: 'x' } }] },
        ],
      },
      'messages.1.content.0.source.type',
    ],
    [
      'a text block without text',
      { model: 'm', messages: [{ role: 'user', content: [{ type: 'text' }] }] },
      'messages.0.content.0.text',
    ],
    [
      'a tool without input_schema',
      { model: 'm', messages: [], tools: [{ name: 'f' }] },
      'tools.0.input_schema',
    ],
    [
      'a tool_result block inside tool_result content of the wrong type',
      {
        model: 'm',
        messages: [
          {
            role: 'user',
            content: [{ type: 'tool_result', tool_use_id: 't', content: [{ type: 'text', text: 1 }] }],
          },
        ],
      },
      'messages.0.content.0.content.0.text',
    ],
    [
      'a named tool_choice without a name',
      { model: 'm', messages: [], tool_choice: { type: 'tool' } },
      'tool_choice.name',
    ],
    [
      'an enabled thinking without a budget',
      { model: 'm', messages: [], thinking: { type: 'enabled' } },
      'thinking.budget_tokens',
    ],
  ];

  it.each(cases)('rejects %s, naming the field', (_what, body, param) => {
    const result = parseAnthropicRequest(body, testContext());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_request');
    expect(result.error.status).toBe(400);
    expect(result.error.param ?? '').toBe(param);
    if (param) expect(result.error.message.startsWith(`${param}: `)).toBe(true);
  });
});

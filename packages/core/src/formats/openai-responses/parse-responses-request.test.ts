import { describe, expect, it } from 'vitest';
import { loadJson } from '../../test-support/fixtures.js';
import { parseResponsesRequest } from './parse-responses-request.js';
import { FORMAT, testContext } from './responses-test-helpers.js';

function parse(body: unknown) {
  const ctx = testContext();
  const result = parseResponsesRequest(body, ctx);
  if (!result.ok) throw result.error;
  return { ir: result.value, warnings: ctx.warnings };
}

describe('parseResponsesRequest', () => {
  it('basic: instructions, string and part content, settings and extras', () => {
    const { ir, warnings } = parse(loadJson(FORMAT, 'basic.request.json'));
    expect(warnings).toEqual([]);
    expect(ir).toEqual({
      model: 'gpt-4.1',
      system: [{ type: 'text', text: 'Tu es un assistant concis qui répond en français.' }],
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Quelle est la capitale du Japon ?' }] },
        { role: 'assistant', content: [{ type: 'text', text: 'La capitale du Japon est Tokyo (東京).' }] },
        { role: 'user', content: [{ type: 'text', text: 'Et sa population ? Réponds en une phrase 🙏' }] },
      ],
      tools: [],
      stream: false,
      maxTokens: 256,
      temperature: 0.7,
      topP: 0.9,
      extras: { format: 'openai-responses', fields: { store: false, metadata: { conversation: 'demo-42' } } },
    });
  });

  it('tools: function tools, a named tool choice, two calls in one assistant turn, results in one user turn', () => {
    const body = loadJson(FORMAT, 'tools.request.json');
    const { ir } = parse(body);
    const input = body.input as Array<Record<string, string>>;
    expect(ir.tools.map((t) => [t.name, t.strict])).toEqual([
      ['get_weather', true],
      ['get_current_time', false],
    ]);
    expect(ir.toolChoice).toEqual({ type: 'tool', name: 'get_weather' });
    expect(ir.parallelToolCalls).toBe(true);
    expect(ir.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'user']);
    expect(ir.messages[1]?.content).toEqual([
      {
        type: 'tool_call',
        id: input[1]?.call_id,
        itemId: input[1]?.id,
        name: 'get_weather',
        arguments: '{"location":"Paris, France","unit":"celsius"}',
      },
      {
        type: 'tool_call',
        id: input[2]?.call_id,
        itemId: input[2]?.id,
        name: 'get_current_time',
        arguments: '{}',
      },
    ]);
    expect(ir.messages[2]?.content).toEqual([
      {
        type: 'tool_result',
        callId: input[1]?.call_id,
        content: [{ type: 'text', text: '{"temperature":18,"condition":"Nuageux ☁️"}' }],
        contentIsString: true,
      },
      {
        type: 'tool_result',
        callId: input[2]?.call_id,
        content: [{ type: 'text', text: '2025-09-28T12:32:05Z' }],
      },
    ]);
  });

  it('images: a data URL becomes base64, a URL stays a URL, detail is kept', () => {
    const { ir } = parse(loadJson(FORMAT, 'images.request.json'));
    expect(ir.messages[0]?.content.slice(1)).toEqual([
      {
        type: 'image',
        source: {
          type: 'base64',
          mediaType: 'image/png',
          data: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
        },
        detail: 'high',
      },
      {
        type: 'image',
        source: {
          type: 'url',
          url: 'https://upload.wikimedia.org/wikipedia/commons/thumb/1/15/Cat_August_2010-4.jpg/640px-Cat_August_2010-4.jpg',
        },
        detail: 'auto',
      },
    ]);
  });

  it('thinking: a reasoning item is signed thinking in the assistant turn; reasoning settings', () => {
    const body = loadJson(FORMAT, 'thinking.request.json');
    const { ir } = parse(body);
    const item = (body.input as Array<Record<string, unknown>>)[1] as {
      id: string;
      encrypted_content: string;
      summary: Array<{ text: string }>;
    };
    expect(ir.messages[1]?.content[0]).toEqual({
      type: 'thinking',
      text: item.summary.map((s) => s.text).join('\n\n'),
      signature: item.encrypted_content,
      itemId: item.id,
    });
    expect(ir.messages[1]?.content[1]).toMatchObject({ type: 'text' });
    expect(ir.reasoning).toEqual({ enabled: true, effort: 'medium', summary: 'auto' });
    expect(ir.extras.fields).toEqual({ include: ['reasoning.encrypted_content'], store: false });
  });

  it('stream: a string input is one user message', () => {
    const { ir } = parse(loadJson(FORMAT, 'stream.request.json'));
    expect(ir.stream).toBe(true);
    expect(ir.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Écris un haïku sur le café ☕.' }] },
    ]);
  });

  it('puts leading developer messages into the system prompt and later ones into system messages', () => {
    const { ir } = parse({
      model: 'gpt-5',
      instructions: 'Sois bref.',
      input: [
        { type: 'message', role: 'developer', content: [{ type: 'input_text', text: 'Contexte : Genève.' }] },
        { role: 'user', content: 'Salut' },
        { role: 'system', content: 'Réponds en allemand désormais.' },
      ],
    });
    expect(ir.system).toEqual([
      { type: 'text', text: 'Sois bref.' },
      { type: 'text', text: 'Contexte : Genève.' },
    ]);
    expect(ir.systemIsDeveloper).toBe(true);
    expect(ir.messages.at(-1)).toEqual({
      role: 'system',
      content: [{ type: 'text', text: 'Réponds en allemand désormais.' }],
    });
  });

  it('keeps consecutive assistant-side items in one turn, in order, and redacted reasoning', () => {
    const { ir } = parse({
      model: 'gpt-5',
      input: [
        { role: 'user', content: 'Go' },
        { type: 'reasoning', id: 'rs_1', summary: [], encrypted_content: 'gAAAAopaque' },
        { type: 'message', role: 'assistant', content: [{ type: 'refusal', refusal: 'Non.' }] },
        { type: 'function_call', call_id: 'call_1', name: 'f', arguments: '' },
      ],
    });
    expect(ir.messages[1]).toEqual({
      role: 'assistant',
      content: [
        { type: 'redacted_thinking', data: 'gAAAAopaque' },
        { type: 'refusal', text: 'Non.' },
        { type: 'tool_call', id: 'call_1', name: 'f', arguments: '{}' },
      ],
    });
  });

  it('reads input files from data URLs, bare base64, URLs and file ids', () => {
    const { ir } = parse({
      model: 'gpt-5',
      input: [
        {
          role: 'user',
          content: [
            { type: 'input_file', filename: 'a.pdf', file_data: 'data:application/pdf;base64,JVBERi0x' },
            { type: 'input_file', filename: 'b.pdf', file_data: 'JVBERi0y' },
            { type: 'input_file', file_url: 'https://example.com/c.pdf' },
            { type: 'input_file', file_id: 'file-abc' },
            { type: 'input_image', file_id: 'file-img' },
          ],
        },
      ],
    });
    expect(ir.messages[0]?.content).toEqual([
      {
        type: 'file',
        source: { type: 'base64', mediaType: 'application/pdf', data: 'JVBERi0x' },
        filename: 'a.pdf',
      },
      {
        type: 'file',
        source: { type: 'base64', mediaType: 'application/pdf', data: 'JVBERi0y' },
        filename: 'b.pdf',
      },
      { type: 'file', source: { type: 'url', url: 'https://example.com/c.pdf' } },
      { type: 'file', source: { type: 'file', fileId: 'file-abc' } },
      { type: 'image', source: { type: 'file', fileId: 'file-img' } },
    ]);
  });

  it('keeps previous_response_id and conversation untouched in extras', () => {
    const conversation = { id: 'conv_123' };
    const { ir } = parse({
      model: 'gpt-5',
      input: 'Et ensuite ?',
      previous_response_id: 'resp_abc',
      conversation,
    });
    expect(ir.extras).toEqual({
      format: 'openai-responses',
      fields: { previous_response_id: 'resp_abc', conversation },
    });
    expect(ir.extras.fields.conversation).toBe(conversation);
  });

  it('maps text.format and reasoning effort none', () => {
    const schema = { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] };
    const { ir } = parse({
      model: 'gpt-5',
      input: 'x',
      reasoning: { effort: 'none' },
      text: { format: { type: 'json_schema', name: 'answer', schema, strict: true, description: 'A' } },
    });
    expect(ir.reasoning).toEqual({ enabled: false, effort: 'none' });
    expect(ir.responseFormat).toEqual({
      type: 'json_schema',
      name: 'answer',
      schema,
      strict: true,
      description: 'A',
    });
  });

  it('warns about hosted tools, hosted tool choices, unknown items and parts, and drops them', () => {
    const ctx = testContext();
    const result = parseResponsesRequest(
      {
        model: 'gpt-5',
        input: [
          {
            role: 'user',
            content: [
              { type: 'input_audio', input_audio: { data: 'x', format: 'wav' } },
              { type: 'input_text', text: 'hi' },
            ],
          },
          {
            type: 'web_search_call',
            id: 'ws_1',
            status: 'completed',
            action: { type: 'search', query: 'x' },
          },
        ],
        tools: [{ type: 'web_search' }, { type: 'function', name: 'f', parameters: null, strict: null }],
        tool_choice: { type: 'web_search' },
        text: { verbosity: 'low' },
      },
      ctx,
    );
    expect(result.ok && result.value.tools).toEqual([
      { name: 'f', parameters: { type: 'object', properties: {} } },
    ]);
    expect(result.ok && result.value.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'hi' }] },
    ]);
    expect(ctx.warnings.map((w) => [w.code, w.path])).toEqual([
      ['dropped_content', 'tools.0'],
      ['dropped_content', 'input.0.content.0'],
      ['dropped_content', 'input.1'],
      ['dropped_field', 'tool_choice'],
      ['dropped_field', 'text.verbosity'],
    ]);
  });

  it('refuses an item_reference, which points at server-side state', () => {
    const result = parseResponsesRequest(
      {
        model: 'gpt-5',
        input: [
          { role: 'user', content: 'x' },
          { type: 'item_reference', id: 'msg_123' },
        ],
      },
      testContext(),
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('unsupported_parameter');
    expect(!result.ok && result.error.param).toBe('input.1');
  });

  it.each([
    [null, ''],
    [{ input: 'x' }, 'model'],
    [{ model: 'm', input: 5 }, 'input'],
    [{ model: 'm', input: [{ type: 'function_call', name: 'f' }] }, 'input.0.call_id'],
    [{ model: 'm', input: [{ role: 'robot', content: 'x' }] }, 'input.0.role'],
    [
      { model: 'm', input: [{ role: 'user', content: [{ type: 'input_image', image_url: 7 }] }] },
      'input.0.content.0.image_url',
    ],
    [{ model: 'm', input: [{ type: 'function_call_output', call_id: 'c', output: 3 }] }, 'input.0.output'],
    [{ model: 'm', input: 'x', tools: [{ type: 'function', parameters: {} }] }, 'tools.0.name'],
    [{ model: 'm', input: 'x', temperature: 'hot' }, 'temperature'],
  ])('refuses a malformed body with an error naming the field (%j)', (body, param) => {
    const result = parseResponsesRequest(body, testContext());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_request');
    expect(result.error.status).toBe(400);
    expect(result.error.param ?? '').toBe(param);
    expect(result.error.message).toContain(param);
  });
});

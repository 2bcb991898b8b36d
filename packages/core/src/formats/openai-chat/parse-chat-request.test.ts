import { describe, expect, it } from 'vitest';
import { loadJson } from '../../test-support/fixtures.js';
import type { CodecContext, TranslationWarning } from '../codec.js';
import type { IrRequest } from '../ir.js';
import { parseChatRequest } from './parse-chat-request.js';

function context(): CodecContext & { warnings: TranslationWarning[] } {
  const warnings: TranslationWarning[] = [];
  return { options: {}, warnings, warn: (w) => warnings.push(w) };
}

function parse(body: unknown, ctx = context()): IrRequest {
  const result = parseChatRequest(body, ctx);
  if (!result.ok) throw result.error;
  return result.value;
}

const fixture = (name: string) => loadJson('openai-chat', `${name}.request.json`);
const user = (text: string) => ({ role: 'user', content: text });

describe('parseChatRequest on the recorded requests', () => {
  it('basic: system prompt, history and sampling settings', () => {
    const ctx = context();
    expect(parse(fixture('basic'), ctx)).toEqual({
      model: 'gpt-4o',
      system: [{ type: 'text', text: 'Tu es un assistant concis qui répond en français.' }],
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Comment dit-on « merci » en japonais ?' }] },
        { role: 'assistant', content: [{ type: 'text', text: 'On dit ありがとう (arigatou) 🙏.' }] },
        { role: 'user', content: [{ type: 'text', text: 'Et « bonjour » ?' }] },
      ],
      tools: [],
      stream: false,
      maxTokens: 512,
      temperature: 0.7,
      topP: 0.9,
      stopSequences: ['\n\nUtilisateur :', 'FIN'],
      extras: { format: 'openai-chat', fields: {} },
    });
    expect(ctx.warnings).toEqual([]);
  });

  it('tools: definitions, named choice, parallel calls and their results in one user turn', () => {
    const ir = parse(fixture('tools'));
    expect(ir.tools.map((t) => t.name)).toEqual(['get_weather', 'get_current_time']);
    expect(ir.tools[0]?.parameters).toMatchObject({ type: 'object', required: ['location'] });
    expect(ir.toolChoice).toEqual({ type: 'tool', name: 'get_weather' });
    expect(ir.parallelToolCalls).toBe(true);
    expect(ir.messages[1]).toEqual({
      role: 'assistant',
      content: [
        {
          type: 'tool_call',
          id: 'call_Qw7rT2yU9iOp4AsD1fGh6JkL',
          name: 'get_weather',
          arguments: '{"location":"Paris, France","unit":"celsius"}',
        },
        // Empty arguments are "{}" in the IR.
        { type: 'tool_call', id: 'call_Zx3cV8bN5mQw1ErT7yUi2OpA', name: 'get_current_time', arguments: '{}' },
      ],
    });
    expect(ir.messages[2]).toEqual({
      role: 'user',
      content: [
        {
          type: 'tool_result',
          callId: 'call_Qw7rT2yU9iOp4AsD1fGh6JkL',
          content: [
            { type: 'text', text: '{"temperature":18,"unit":"celsius","conditions":"partly cloudy"}' },
          ],
          contentIsString: true,
        },
        {
          type: 'tool_result',
          callId: 'call_Zx3cV8bN5mQw1ErT7yUi2OpA',
          content: [
            { type: 'text', text: '2025-11-12T14:05:00+01:00' },
            { type: 'text', text: 'Europe/Paris' },
          ],
        },
      ],
    });
    expect(ir.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant', 'user']);
  });

  it('images: a data URL becomes a base64 source, any other URL a url source', () => {
    const ir = parse(fixture('images'));
    const [text, inline, remote] = ir.messages[0]?.content ?? [];
    expect(text).toMatchObject({ type: 'text' });
    expect(inline).toEqual({
      type: 'image',
      source: { type: 'base64', mediaType: 'image/png', data: expect.stringMatching(/^iVBORw0KGgo/) },
      detail: 'low',
    });
    expect(remote).toEqual({
      type: 'image',
      source: { type: 'url', url: expect.stringMatching(/^https:\/\/upload\.wikimedia\.org\//) },
    });
  });

  it('thinking: reasoning_content becomes unsigned thinking before the text; reasoning_effort', () => {
    const ir = parse(fixture('thinking'));
    expect(ir.messages[1]?.content).toEqual([
      { type: 'thinking', text: expect.stringContaining('340 + 68 = 408') },
      { type: 'text', text: '17 × 24 = **408** ✅' },
    ]);
    expect(ir.reasoning).toEqual({ enabled: true, effort: 'high' });
    expect(ir.maxTokens).toBe(4096);
  });

  it('stream: developer prompt, include_usage and the legacy max_tokens', () => {
    const ir = parse(fixture('stream'));
    expect(ir.system).toEqual([{ type: 'text', text: 'Answer in one short sentence.' }]);
    expect(ir.systemIsDeveloper).toBe(true);
    expect(ir.stream).toBe(true);
    expect(ir.includeUsage).toBe(true);
    expect(ir.maxTokens).toBe(256);
  });
});

describe('parseChatRequest details', () => {
  it('keeps later system and developer messages in place', () => {
    const ir = parse({
      model: 'm',
      messages: [
        { role: 'system', content: 'first' },
        { role: 'developer', content: [{ type: 'text', text: 'second' }] },
        user('hi'),
        { role: 'developer', content: 'mid' },
        { role: 'system', content: 'late' },
      ],
    });
    expect(ir.system).toEqual([
      { type: 'text', text: 'first' },
      { type: 'text', text: 'second' },
    ]);
    expect(ir.systemIsDeveloper).toBeUndefined();
    expect(ir.messages.slice(1)).toEqual([
      { role: 'system', content: [{ type: 'text', text: 'mid' }], developer: true },
      { role: 'system', content: [{ type: 'text', text: 'late' }] },
    ]);
  });

  it('puts consecutive tool messages in one user turn, and a following user message in its own', () => {
    const ir = parse({
      model: 'm',
      messages: [
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'a', type: 'function', function: { name: 'f', arguments: '{}' } }],
        },
        { role: 'tool', tool_call_id: 'a', content: 'one' },
        { role: 'tool', tool_call_id: 'b', content: 'two' },
        user('next'),
        { role: 'tool', tool_call_id: 'c', content: 'three' },
      ],
    });
    expect(ir.messages.map((m) => [m.role, m.content.length])).toEqual([
      ['assistant', 1],
      ['user', 2],
      ['user', 1],
      ['user', 1],
    ]);
  });

  it('drops what the IR cannot hold, with a warning naming the source path', () => {
    const ctx = context();
    const ir = parse(
      {
        model: 'm',
        messages: [
          {
            role: 'user',
            name: 'alice',
            content: [
              { type: 'text', text: 'listen' },
              { type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } },
            ],
          },
          {
            role: 'assistant',
            content: null,
            tool_calls: [
              { id: 'c1', type: 'custom', custom: { name: 'grep', input: 'x' } },
              { id: 'c2', type: 'function', function: { name: 'f', arguments: '{"a":1}' } },
            ],
          },
          { role: 'function', name: 'f', content: 'legacy' },
        ],
        tools: [
          { type: 'custom', custom: { name: 'grep' } },
          { type: 'function', function: { name: 'f' } },
        ],
      },
      ctx,
    );
    expect(ir.messages[0]?.content).toEqual([{ type: 'text', text: 'listen' }]);
    expect(ir.messages[1]?.content).toEqual([
      { type: 'tool_call', id: 'c2', name: 'f', arguments: '{"a":1}' },
    ]);
    expect(ir.messages).toHaveLength(2);
    expect(ir.tools).toEqual([{ name: 'f', parameters: { type: 'object', properties: {} } }]);
    expect(ctx.warnings.map((w) => [w.code, w.path])).toEqual([
      ['dropped_field', 'messages.0.name'],
      ['dropped_content', 'messages.0.content.1'],
      ['dropped_content', 'messages.1.tool_calls.0'],
      ['dropped_content', 'messages.2'],
      ['dropped_content', 'tools.0'],
    ]);
  });

  it('reads files as base64 (data URL or bare base64) or by file id', () => {
    const ir = parse({
      model: 'm',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'file', file: { file_data: 'data:application/pdf;base64,JVBERi0=', filename: 'a.pdf' } },
            { type: 'file', file: { file_data: 'JVBERi0=', filename: 'b.pdf' } },
            { type: 'file', file: { file_id: 'file-abc123' } },
          ],
        },
      ],
    });
    expect(ir.messages[0]?.content).toEqual([
      {
        type: 'file',
        source: { type: 'base64', mediaType: 'application/pdf', data: 'JVBERi0=' },
        filename: 'a.pdf',
      },
      {
        type: 'file',
        source: { type: 'base64', mediaType: 'application/pdf', data: 'JVBERi0=' },
        filename: 'b.pdf',
      },
      { type: 'file', source: { type: 'file', fileId: 'file-abc123' } },
    ]);
  });

  it('reads assistant refusals, the `reasoning` alias and array content', () => {
    const ir = parse({
      model: 'm',
      messages: [
        {
          role: 'assistant',
          reasoning: 'hmm',
          content: [
            { type: 'text', text: 'a' },
            { type: 'refusal', refusal: 'no' },
          ],
        },
        { role: 'assistant', content: '', refusal: 'I cannot help with that.' },
      ],
    });
    expect(ir.messages[0]?.content).toEqual([
      { type: 'thinking', text: 'hmm' },
      { type: 'text', text: 'a' },
      { type: 'refusal', text: 'no' },
    ]);
    expect(ir.messages[1]?.content).toEqual([{ type: 'refusal', text: 'I cannot help with that.' }]);
  });

  it('maps the top-level settings and keeps the rest as extras', () => {
    const ir = parse({
      model: 'm',
      messages: [user('hi')],
      max_tokens: 100,
      max_completion_tokens: 200,
      stop: 'END',
      n: 2,
      user: 'user-42',
      seed: 7,
      metadata: { job: 'x' },
      logprobs: null,
      temperature: null,
      tool_choice: 'required',
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'answer', schema: { type: 'object' }, strict: true },
      },
    });
    expect(ir.maxTokens).toBe(200);
    expect(ir.stopSequences).toEqual(['END']);
    expect(ir.n).toBe(2);
    expect(ir.user).toBe('user-42');
    expect(ir.temperature).toBeUndefined();
    expect(ir.toolChoice).toEqual({ type: 'required' });
    expect(ir.responseFormat).toEqual({
      type: 'json_schema',
      name: 'answer',
      schema: { type: 'object' },
      strict: true,
    });
    expect(ir.extras).toEqual({
      format: 'openai-chat',
      fields: { seed: 7, metadata: { job: 'x' }, logprobs: null },
    });
  });

  it.each([
    ['none', { enabled: false, effort: 'none' }, []],
    ['minimal', { enabled: true, effort: 'minimal' }, []],
    ['max', { enabled: true, effort: 'xhigh' }, ['changed_value']],
    ['extreme', undefined, ['dropped_field']],
  ])('reads reasoning_effort %s', (effort, reasoning, codes) => {
    const ctx = context();
    expect(parse({ model: 'm', messages: [user('hi')], reasoning_effort: effort }, ctx).reasoning).toEqual(
      reasoning,
    );
    expect(ctx.warnings.map((w) => w.code)).toEqual(codes);
  });

  it('reads allowed_tools as its mode, with a warning', () => {
    const ctx = context();
    const ir = parse(
      {
        model: 'm',
        messages: [user('hi')],
        tool_choice: { type: 'allowed_tools', allowed_tools: { mode: 'required', tools: [] } },
      },
      ctx,
    );
    expect(ir.toolChoice).toEqual({ type: 'required' });
    expect(ctx.warnings).toEqual([expect.objectContaining({ code: 'changed_value', path: 'tool_choice' })]);
  });
});

describe('parseChatRequest on bad input', () => {
  it.each([
    [null, ''],
    [{ messages: [] }, 'model'],
    [{ model: 'm', messages: 'hello' }, 'messages'],
    [{ model: 'm', messages: [{ role: 'robot', content: 'x' }] }, 'messages.0.role'],
    [{ model: 'm', messages: [{ role: 'user', content: 42 }] }, 'messages.0.content'],
    [
      {
        model: 'm',
        messages: [user('a'), { role: 'user', content: [{ type: 'image_url', image_url: {} }] }],
      },
      'messages.1.content.0.image_url.url',
    ],
    [
      { model: 'm', messages: [{ role: 'user', content: [{ text: 'no type' }] }] },
      'messages.0.content.0.type',
    ],
    [{ model: 'm', messages: [{ role: 'tool', content: 'x' }] }, 'messages.0.tool_call_id'],
    [
      {
        model: 'm',
        messages: [{ role: 'assistant', tool_calls: [{ id: 'a', function: { arguments: '{}' } }] }],
      },
      'messages.0.tool_calls.0.function.name',
    ],
    [
      { model: 'm', messages: [], tools: [{ type: 'function', function: { parameters: {} } }] },
      'tools.0.function.name',
    ],
    [{ model: 'm', messages: [], temperature: 'hot' }, 'temperature'],
    [{ model: 'm', messages: [], stop: [1] }, 'stop'],
  ])('refuses %j with an error naming %s', (body, param) => {
    const result = parseChatRequest(body, context());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_request');
    expect(result.error.status).toBe(400);
    expect(result.error.param ?? '').toBe(param);
    expect(result.error.message).toContain(param);
  });
});

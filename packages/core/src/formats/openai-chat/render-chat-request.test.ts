import { describe, expect, it } from 'vitest';
import { fixtureNames, loadJson } from '../../test-support/fixtures.js';
import type { CodecContext, TranslationWarning } from '../codec.js';
import type { IrRequest } from '../ir.js';
import { parseChatRequest } from './parse-chat-request.js';
import { renderChatRequest } from './render-chat-request.js';

function context(): CodecContext & { warnings: TranslationWarning[] } {
  const warnings: TranslationWarning[] = [];
  return { options: {}, warnings, warn: (w) => warnings.push(w) };
}

function render(ir: IrRequest, ctx = context()): Record<string, unknown> {
  const result = renderChatRequest(ir, ctx);
  if (!result.ok) throw result.error;
  return result.value;
}

function ir(fields: Partial<IrRequest>): IrRequest {
  return {
    model: 'm',
    system: [],
    messages: [],
    tools: [],
    stream: false,
    extras: { format: 'anthropic-messages', fields: {} },
    ...fields,
  };
}

type Json = Record<string, unknown>;

/**
 * What a Chat body becomes after a trip through the IR: the token limit is sent as
 * `max_completion_tokens` when reasoning is asked for, else as `max_tokens`; empty tool arguments are `"{}"`; tool results are strings (text parts joined with
 * a newline); a streaming request always asks for the usage chunk.
 */
function normalised(body: Json): Json {
  const out: Json = structuredClone(body);
  const limit = out.max_completion_tokens ?? out.max_tokens;
  delete out.max_completion_tokens;
  delete out.max_tokens;
  const reasoning = out.reasoning_effort !== undefined && out.reasoning_effort !== 'none';
  if (limit !== undefined) out[reasoning ? 'max_completion_tokens' : 'max_tokens'] = limit;
  if (out.stream === true) out.stream_options = { include_usage: true };
  for (const message of out.messages as Json[]) {
    for (const call of (message.tool_calls as Array<{ function: Json }> | undefined) ?? []) {
      if (call.function.arguments === '') call.function.arguments = '{}';
    }
    if (message.role === 'tool' && Array.isArray(message.content)) {
      message.content = (message.content as Array<{ text: string }>).map((p) => p.text).join('\n');
    }
  }
  return out;
}

describe('renderChatRequest round trips', () => {
  it.each(fixtureNames('openai-chat', 'request'))(
    '%s → IR → Chat gives the same body, normalised',
    (name) => {
      const body = loadJson('openai-chat', `${name}.request.json`);
      const ctx = context();
      const parsed = parseChatRequest(body, ctx);
      if (!parsed.ok) throw parsed.error;
      expect(render(parsed.value, ctx)).toEqual(normalised(body));
      expect(ctx.warnings).toEqual([]);
    },
  );

  it('carries every extra of a Chat source', () => {
    const parsed = parseChatRequest(
      {
        model: 'm',
        messages: [{ role: 'user', content: 'hi' }],
        seed: 1,
        logit_bias: { '50256': -100 },
        store: true,
      },
      context(),
    );
    if (!parsed.ok) throw parsed.error;
    expect(render(parsed.value)).toMatchObject({ seed: 1, logit_bias: { '50256': -100 }, store: true });
  });
});

describe('renderChatRequest', () => {
  it('sends each tool result as its own tool message, before the rest of the user turn', () => {
    const ctx = context();
    const body = render(
      ir({
        messages: [
          {
            role: 'assistant',
            content: [
              { type: 'text', text: 'Checking.' },
              { type: 'tool_call', id: 'toolu_1', name: 'a', arguments: '{"x":1}' },
              { type: 'tool_call', id: 'toolu_2', name: 'b', arguments: '' },
            ],
          },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Here you go.' },
              {
                type: 'tool_result',
                callId: 'toolu_1',
                content: [{ type: 'text', text: 'one' }],
                contentIsString: true,
              },
              {
                type: 'tool_result',
                callId: 'toolu_2',
                isError: true,
                content: [
                  { type: 'text', text: 'line 1' },
                  { type: 'image', source: { type: 'url', url: 'https://example.com/x.png' } },
                  { type: 'text', text: 'line 2' },
                ],
              },
            ],
          },
        ],
      }),
      ctx,
    );
    expect(body.messages).toEqual([
      {
        role: 'assistant',
        content: 'Checking.',
        tool_calls: [
          { id: 'toolu_1', type: 'function', function: { name: 'a', arguments: '{"x":1}' } },
          { id: 'toolu_2', type: 'function', function: { name: 'b', arguments: '{}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'toolu_1', content: 'one' },
      { role: 'tool', tool_call_id: 'toolu_2', content: 'line 1\nline 2' },
      { role: 'user', content: 'Here you go.' },
    ]);
    expect(ctx.warnings.map((w) => [w.code, w.path])).toEqual([
      ['dropped_field', 'messages.1.content.2.is_error'],
      ['dropped_content', 'messages.1.content.2.content.1'],
    ]);
  });

  it('renders the system prompt as a string, or as text parts when it has several or a cache marker', () => {
    expect(render(ir({ system: [{ type: 'text', text: 'be brief' }] })).messages).toEqual([
      { role: 'system', content: 'be brief' },
    ]);
    const ctx = context();
    const body = render(
      ir({
        system: [
          { type: 'text', text: 'a' },
          { type: 'text', text: 'b', cacheControl: { type: 'ephemeral' } },
        ],
        systemIsDeveloper: true,
        messages: [{ role: 'system', content: [{ type: 'text', text: 'mid' }], developer: false }],
      }),
      ctx,
    );
    expect(body.messages).toEqual([
      {
        role: 'developer',
        content: [
          { type: 'text', text: 'a' },
          { type: 'text', text: 'b' },
        ],
      },
      { role: 'system', content: 'mid' },
    ]);
    expect(ctx.warnings).toEqual([
      expect.objectContaining({ code: 'dropped_field', path: 'system.1.cache_control' }),
    ]);
  });

  it('renders thinking as reasoning_content, dropping signatures and redacted thinking with warnings', () => {
    const ctx = context();
    const body = render(
      ir({
        messages: [
          {
            role: 'assistant',
            content: [
              { type: 'thinking', text: 'Let me think.', signature: 'EqQBCkYIBxgCKkD…' },
              { type: 'redacted_thinking', data: 'EmwKAhgBEgy…' },
              { type: 'text', text: 'Done.' },
              { type: 'refusal', text: 'But not that.' },
            ],
          },
        ],
      }),
      ctx,
    );
    expect(body.messages).toEqual([
      { role: 'assistant', content: 'Done.', reasoning_content: 'Let me think.', refusal: 'But not that.' },
    ]);
    expect(ctx.warnings.map((w) => [w.code, w.path])).toEqual([
      ['dropped_field', 'messages.0.content.0.signature'],
      ['dropped_content', 'messages.0.content.1'],
    ]);
  });

  it('renders images and files as data URLs, URLs and file ids; drops what Chat cannot address', () => {
    const ctx = context();
    const body = render(
      ir({
        messages: [
          {
            role: 'user',
            content: [
              {
                type: 'image',
                source: { type: 'base64', mediaType: 'image/jpeg', data: '/9j/4AAQ' },
                detail: 'high',
              },
              { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } },
              { type: 'image', source: { type: 'file', fileId: 'file_011' } },
              {
                type: 'file',
                source: { type: 'base64', mediaType: 'application/pdf', data: 'JVBERi0=' },
                filename: 'a.pdf',
              },
              { type: 'file', source: { type: 'file', fileId: 'file-abc' } },
              { type: 'file', source: { type: 'url', url: 'https://example.com/a.pdf' } },
            ],
          },
        ],
      }),
      ctx,
    );
    expect(body.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'image_url', image_url: { url: 'data:image/jpeg;base64,/9j/4AAQ', detail: 'high' } },
          { type: 'image_url', image_url: { url: 'https://example.com/a.png' } },
          { type: 'file', file: { file_data: 'data:application/pdf;base64,JVBERi0=', filename: 'a.pdf' } },
          { type: 'file', file: { file_id: 'file-abc' } },
        ],
      },
    ]);
    expect(ctx.warnings.map((w) => [w.code, w.path])).toEqual([
      ['dropped_content', 'messages.0.content.2'],
      ['dropped_content', 'messages.0.content.5'],
    ]);
  });

  it('always asks for the usage chunk on a streaming request', () => {
    const body = render(ir({ stream: true, includeUsage: false }));
    expect(body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(render(ir({ stream: false, includeUsage: true }))).not.toHaveProperty('stream_options');
  });

  it('maps tools, tool choice and the sampling settings', () => {
    const ctx = context();
    const body = render(
      ir({
        tools: [
          {
            name: 'f',
            description: 'does f',
            parameters: { type: 'object', properties: {} },
            cacheControl: { type: 'ephemeral' },
          },
          { name: 'g', parameters: { type: 'object' }, strict: true },
        ],
        toolChoice: { type: 'required' },
        parallelToolCalls: false,
        maxTokens: 1024,
        temperature: 0.5,
        topP: 0.8,
        topK: 40,
        stopSequences: ['a', 'b', 'c', 'd', 'e'],
        user: 'u-1',
        n: 2,
        responseFormat: { type: 'json_object' },
      }),
      ctx,
    );
    expect(body).toEqual({
      model: 'm',
      messages: [],
      tools: [
        {
          type: 'function',
          function: { name: 'f', description: 'does f', parameters: { type: 'object', properties: {} } },
        },
        { type: 'function', function: { name: 'g', parameters: { type: 'object' }, strict: true } },
      ],
      tool_choice: 'required',
      parallel_tool_calls: false,
      max_tokens: 1024,
      temperature: 0.5,
      top_p: 0.8,
      n: 2,
      stop: ['a', 'b', 'c', 'd'],
      response_format: { type: 'json_object' },
      user: 'u-1',
    });
    expect(ctx.warnings.map((w) => [w.code, w.path])).toEqual([
      ['dropped_field', 'tools.0.cache_control'],
      ['dropped_field', 'top_k'],
      ['changed_value', 'stop_sequences'],
    ]);
    expect(render(ir({ toolChoice: { type: 'tool', name: 'f' } })).tool_choice).toEqual({
      type: 'function',
      function: { name: 'f' },
    });
  });

  it.each([
    [{ enabled: true, effort: 'low' as const }, 'low', []],
    [{ enabled: false, effort: 'none' as const }, 'none', []],
    [{ enabled: true, budgetTokens: 1024 }, 'low', ['changed_value']],
    [{ enabled: true, budgetTokens: 8192 }, 'medium', ['changed_value']],
    [{ enabled: true, budgetTokens: 32000 }, 'high', ['changed_value']],
    [{ enabled: true, adaptive: true }, undefined, []],
    [{ enabled: false }, undefined, []],
    [{ enabled: true, effort: 'high' as const, summary: 'auto' }, 'high', ['dropped_field']],
  ])('maps reasoning %j to reasoning_effort %s', (reasoning, effort, codes) => {
    const ctx = context();
    expect(render(ir({ reasoning }), ctx).reasoning_effort).toBe(effort);
    expect(ctx.warnings.map((w) => w.code)).toEqual(codes);
  });

  it('carries the Responses extras Chat understands and drops the others with a warning', () => {
    const ctx = context();
    const body = render(
      ir({
        extras: {
          format: 'openai-responses',
          fields: {
            store: false,
            metadata: { a: '1' },
            safety_identifier: 'h',
            truncation: 'auto',
            include: [],
          },
        },
      }),
      ctx,
    );
    expect(body).toMatchObject({ store: false, metadata: { a: '1' }, safety_identifier: 'h' });
    expect(body).not.toHaveProperty('truncation');
    expect(ctx.warnings.map((w) => [w.code, w.path])).toEqual([
      ['dropped_field', 'truncation'],
      ['dropped_field', 'include'],
    ]);
  });

  it('drops Anthropic extras with a warning', () => {
    const ctx = context();
    const body = render(
      ir({ extras: { format: 'anthropic-messages', fields: { service_tier: 'auto', container: 'c' } } }),
      ctx,
    );
    expect(body).not.toHaveProperty('service_tier');
    expect(ctx.warnings.map((w) => w.path)).toEqual(['service_tier', 'container']);
  });

  it('refuses a Responses request that continues stored state', () => {
    const result = renderChatRequest(
      ir({ extras: { format: 'openai-responses', fields: { previous_response_id: 'resp_1' } } }),
      context(),
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('unsupported_parameter');
    expect(!result.ok && result.error.param).toBe('previous_response_id');
  });

  it('keeps an assistant turn with only tool calls at content null, and an empty user turn as ""', () => {
    const body = render(
      ir({
        messages: [
          { role: 'user', content: [] },
          { role: 'assistant', content: [{ type: 'tool_call', id: 'c', name: 'f', arguments: '{}' }] },
        ],
      }),
    );
    expect(body.messages).toEqual([
      { role: 'user', content: '' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } }],
      },
    ]);
  });
});

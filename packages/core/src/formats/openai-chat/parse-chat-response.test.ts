import { describe, expect, it } from 'vitest';
import { loadJson } from '../../test-support/fixtures.js';
import type { CodecContext, TranslationWarning } from '../codec.js';
import type { IrResponse } from '../ir.js';
import { parseChatResponse } from './parse-chat-response.js';

function context(options = {}): CodecContext & { warnings: TranslationWarning[] } {
  const warnings: TranslationWarning[] = [];
  return { options, warnings, warn: (w) => warnings.push(w) };
}

function parse(body: unknown, ctx = context()): IrResponse {
  const result = parseChatResponse(body, ctx);
  if (!result.ok) throw result.error;
  return result.value;
}

const fixture = (name: string) => loadJson('openai-chat', `${name}.response.json`);

describe('parseChatResponse on the recorded responses', () => {
  it('text', () => {
    expect(parse(fixture('text'))).toEqual({
      id: 'chatcmpl-CbnYb1qTz6Lm3VxR8sKd0HwN5pJcA',
      model: 'gpt-4o-2024-08-06',
      created: 1762949012,
      content: [
        {
          type: 'text',
          text: "Bonjour ! En japonais, « merci » se dit ありがとう (arigatou) 🙏. Voulez-vous d'autres expressions de politesse ?",
        },
      ],
      stopReason: 'stop',
      usage: { inputTokens: 28, outputTokens: 34 },
    });
  });

  it('parallel-tools: every call, in order', () => {
    const ir = parse(fixture('parallel-tools'));
    expect(ir.stopReason).toBe('tool_calls');
    expect(ir.content.map((p) => p.type === 'tool_call' && [p.id, p.name, JSON.parse(p.arguments)])).toEqual([
      ['call_Ys1kT7vN3qLw8RzD5mHb2XcG', 'get_weather', { location: 'Paris, France' }],
      ['call_Fq9wM2xB6nTs4KdL1vRh8ZcJ', 'get_weather', { location: 'Tōkyō, Japan' }],
      ['call_Lz4pR8dW1sNm7TxK3vQb6HcY', 'get_local_time', { timezone: 'Asia/Tokyo' }],
    ]);
  });

  it('thinking: reasoning_content first, reasoning tokens in usage', () => {
    const ir = parse(fixture('thinking'));
    expect(ir.content.map((p) => p.type)).toEqual(['thinking', 'text']);
    expect(ir.content[0]).toEqual({ type: 'thinking', text: expect.stringContaining('17 × 24') });
    expect(ir.usage).toEqual({ inputTokens: 19, outputTokens: 96, reasoningTokens: 81 });
  });

  it('max-tokens and cached-usage', () => {
    expect(parse(fixture('max-tokens')).stopReason).toBe('length');
    expect(parse(fixture('cached-usage')).usage).toEqual({
      inputTokens: 2143,
      outputTokens: 17,
      cachedInputTokens: 1920,
    });
  });
});

describe('parseChatResponse details', () => {
  const completion = (choices: unknown[], extra = {}) => ({
    id: 'chatcmpl-1',
    object: 'chat.completion',
    model: 'm',
    choices,
    ...extra,
  });
  const choice = (message: unknown, finish: string | null = 'stop', index = 0) => ({
    index,
    message,
    finish_reason: finish,
  });

  it('translates the first choice only, with a warning', () => {
    const ctx = context();
    const ir = parse(
      completion([
        choice({ role: 'assistant', content: 'a' }),
        choice({ role: 'assistant', content: 'b' }, 'stop', 1),
      ]),
      ctx,
    );
    expect(ir.content).toEqual([{ type: 'text', text: 'a' }]);
    expect(ctx.warnings).toEqual([expect.objectContaining({ code: 'dropped_content', path: 'choices' })]);
  });

  it('reads a tool call under finish_reason "stop" as a tool_calls stop; unknown reasons as stop', () => {
    const call = { id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } };
    expect(parse(completion([choice({ content: null, tool_calls: [call] })])).stopReason).toBe('tool_calls');
    const ctx = context();
    expect(parse(completion([choice({ content: 'x' }, 'eos')]), ctx).stopReason).toBe('stop');
    expect(ctx.warnings).toEqual([
      expect.objectContaining({ code: 'changed_value', path: 'choices.0.finish_reason' }),
    ]);
    expect(parse(completion([choice({ content: 'x' }, 'content_filter')])).stopReason).toBe('content_filter');
  });

  it('accepts a body without usage or created, as some compatible servers send', () => {
    const ir = parse(completion([choice({ role: 'assistant', content: 'hi', reasoning: 'because' })]));
    expect(ir.usage).toEqual({ inputTokens: 0, outputTokens: 0 });
    expect(ir.created).toBeUndefined();
    expect(ir.content).toEqual([
      { type: 'thinking', text: 'because' },
      { type: 'text', text: 'hi' },
    ]);
  });

  it.each([
    [{ choices: 'nope' }, 'id'],
    [completion('nope' as never), 'choices'],
    [completion([]), 'choices'],
    [completion([{ index: 0, finish_reason: 'stop' }]), 'choices.0.message'],
    [completion([choice({ content: 5 })]), 'choices.0.message.content'],
    [
      completion([choice({ tool_calls: [{ id: 'c', type: 'function', function: {} }] })]),
      'choices.0.message.tool_calls.0.function.name',
    ],
  ])('refuses %j as an invalid response naming %s', (body, param) => {
    const result = parseChatResponse(body, context());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_response');
    expect(result.error.status).toBe(502);
    expect(result.error.param).toBe(param);
  });
});

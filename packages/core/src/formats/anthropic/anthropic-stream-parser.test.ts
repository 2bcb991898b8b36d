import { describe, expect, it } from 'vitest';
import { loadStream } from '../../test-support/fixtures.js';
import type { IrStreamEvent } from '../ir.js';
import { createAnthropicStreamParser } from './anthropic-stream-parser.js';
import { FORMAT, runParser, testContext, wire } from './anthropic-test-helpers.js';

const MODEL = 'claude-sonnet-4-5-20250929';

function parseFixture(name: string): IrStreamEvent[] {
  return runParser(createAnthropicStreamParser(testContext()), loadStream(FORMAT, name));
}

const texts = (index: number, parts: string[]): IrStreamEvent[] =>
  parts.map((text) => ({ type: 'text-delta', index, text }));
const args = (index: number, parts: string[]): IrStreamEvent[] =>
  parts.map((json) => ({ type: 'tool-args-delta', index, json }));

describe('createAnthropicStreamParser on recorded streams', () => {
  it('text', () => {
    expect(parseFixture('text')).toEqual([
      {
        type: 'message-start',
        id: 'msg_01XFDUDYJgAACzvnptvVoYEL',
        model: MODEL,
        usage: { inputTokens: 21, outputTokens: 1 },
      },
      { type: 'block-start', index: 0, block: { kind: 'text' } },
      ...texts(0, [
        'Bonjour ! ',
        'Voici trois mots en japonais : ',
        '日本語 (nihongo), ',
        '桜 (sakura) et ',
        '猫 (neko). ',
        'Bonne journée ☀️🎉',
      ]),
      { type: 'block-end', index: 0 },
      { type: 'finish', stopReason: 'stop', usage: { inputTokens: 21, outputTokens: 38 } },
    ]);
  });

  it('tool-call (arguments over many deltas, the empty first delta skipped)', () => {
    expect(parseFixture('tool-call')).toEqual([
      {
        type: 'message-start',
        id: 'msg_014p7gG3wDgGV9EUtLvnow3U',
        model: MODEL,
        usage: { inputTokens: 472, outputTokens: 1 },
      },
      { type: 'block-start', index: 0, block: { kind: 'text' } },
      ...texts(0, ['Je vais vérifier ', 'la météo à Zürich ', 'pour vous.']),
      { type: 'block-end', index: 0 },
      {
        type: 'block-start',
        index: 1,
        block: { kind: 'tool_call', id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6', name: 'get_weather' },
      },
      ...args(1, ['{"location": "Z', 'ürich, C', 'H"', ', "unit": "cel', 'sius"}']),
      { type: 'block-end', index: 1 },
      { type: 'finish', stopReason: 'tool_calls', usage: { inputTokens: 472, outputTokens: 89 } },
    ]);
  });

  it('parallel-tools', () => {
    expect(parseFixture('parallel-tools')).toEqual([
      {
        type: 'message-start',
        id: 'msg_01Aq9w938a90dw8q4mWk7XzR',
        model: MODEL,
        usage: { inputTokens: 503, outputTokens: 1 },
      },
      { type: 'block-start', index: 0, block: { kind: 'text' } },
      ...texts(0, ["I'll look up both cities ", 'at once.']),
      { type: 'block-end', index: 0 },
      {
        type: 'block-start',
        index: 1,
        block: { kind: 'tool_call', id: 'toolu_01HkLZo5KX7zbvC8dDfJ3Tq2', name: 'get_weather' },
      },
      ...args(1, ['{"location":', ' "Paris, FR"}']),
      { type: 'block-end', index: 1 },
      {
        type: 'block-start',
        index: 2,
        block: { kind: 'tool_call', id: 'toolu_01Q4nVw2y6FhX3sAa9BcDe7M', name: 'get_weather' },
      },
      ...args(2, ['{"location": "東京', ', JP", "unit"', ': "celsius"}']),
      { type: 'block-end', index: 2 },
      {
        type: 'block-start',
        index: 3,
        block: { kind: 'tool_call', id: 'toolu_01Ws5Rt8UvYz1AbCdEfGhJkL', name: 'get_current_time' },
      },
      ...args(3, ['{"timezone": "Asia/Tokyo"}']),
      { type: 'block-end', index: 3 },
      { type: 'finish', stopReason: 'tool_calls', usage: { inputTokens: 503, outputTokens: 161 } },
    ]);
  });

  it('tool-no-args: a tool block with no argument text at all', () => {
    expect(parseFixture('tool-no-args')).toEqual([
      {
        type: 'message-start',
        id: 'msg_01Mn3bV7cX9zL2kJ5hG8fD4s',
        model: MODEL,
        usage: { inputTokens: 389, outputTokens: 1 },
      },
      {
        type: 'block-start',
        index: 0,
        block: { kind: 'tool_call', id: 'toolu_01Ra8sD3fG6hJ9kL2zX5cV7b', name: 'get_current_time' },
      },
      { type: 'block-end', index: 0 },
      { type: 'finish', stopReason: 'tool_calls', usage: { inputTokens: 389, outputTokens: 37 } },
    ]);
  });

  it('thinking: the signature comes once, just before the block ends; thinking tokens become reasoning tokens', () => {
    const events = parseFixture('thinking');
    const signature = loadStream(FORMAT, 'thinking')
      .map((e) => JSON.parse(e.data) as { delta?: { type: string; signature?: string } })
      .find((d) => d.delta?.type === 'signature_delta')?.delta?.signature;
    expect(signature).toMatch(/^Eq/);
    expect(events).toEqual([
      {
        type: 'message-start',
        id: 'msg_01Ph5tK9wQ2eR7yU4iO1pA3s',
        model: MODEL,
        usage: { inputTokens: 86, outputTokens: 1 },
      },
      { type: 'block-start', index: 0, block: { kind: 'thinking' } },
      { type: 'thinking-delta', index: 0, text: 'The user asks for 27 × 453. ' },
      { type: 'thinking-delta', index: 0, text: '27 × 453 = 27 × 400 + 27 × 53 = 10800 + 1431' },
      {
        type: 'thinking-delta',
        index: 0,
        text: ' = 12231. Let me double-check: 453 × 27 = 453 × 30 − 453 × 3 = 13590 − 1359 = 12231. ✓',
      },
      { type: 'thinking-signature', index: 0, signature },
      { type: 'block-end', index: 0 },
      { type: 'block-start', index: 1, block: { kind: 'text' } },
      ...texts(1, ['27 × 453 = **12 231**. ', "Vérifié deux fois — c'est exact 👍"]),
      { type: 'block-end', index: 1 },
      {
        type: 'finish',
        stopReason: 'stop',
        usage: { inputTokens: 86, outputTokens: 142, reasoningTokens: 97 },
      },
    ]);
  });

  it('max-tokens', () => {
    expect(parseFixture('max-tokens').at(-1)).toEqual({
      type: 'finish',
      stopReason: 'length',
      usage: { inputTokens: 17, outputTokens: 32 },
    });
  });

  it('error-mid-stream: one IR error, open block left open', () => {
    expect(parseFixture('error-mid-stream')).toEqual([
      {
        type: 'message-start',
        id: 'msg_01Gf4dS7aQ1wE8rT5yU2iO9p',
        model: MODEL,
        usage: { inputTokens: 24, outputTokens: 1 },
      },
      { type: 'block-start', index: 0, block: { kind: 'text' } },
      ...texts(0, ['Voici le début ', 'de la réponse — ']),
      {
        type: 'error',
        error: { status: 529, type: 'overloaded_error', code: 'overloaded_error', message: 'Overloaded' },
      },
    ]);
  });

  it('truncated: the end of the source without a stop signal is a stream_truncated error', () => {
    expect(parseFixture('truncated')).toEqual([
      {
        type: 'message-start',
        id: 'msg_01Zx7cV4bN1mQ8wE5rT2yU9i',
        model: MODEL,
        usage: { inputTokens: 19, outputTokens: 1 },
      },
      { type: 'block-start', index: 0, block: { kind: 'text' } },
      ...texts(0, ['La réponse commence ', 'ici, 日本語 aussi, et puis']),
      {
        type: 'error',
        error: {
          status: 502,
          type: 'api_error',
          code: 'stream_truncated',
          message: 'upstream stream ended before the response was complete',
        },
      },
    ]);
  });

  it('usage-tail: cache reads count in the IR input tokens', () => {
    const events = parseFixture('usage-tail');
    expect(events[0]).toMatchObject({
      usage: { inputTokens: 2062, outputTokens: 1, cachedInputTokens: 2048 },
    });
    expect(events.at(-1)).toEqual({
      type: 'finish',
      stopReason: 'stop',
      usage: { inputTokens: 2062, outputTokens: 19, cachedInputTokens: 2048 },
    });
  });
});

const START = wire({
  type: 'message_start',
  message: {
    id: 'msg_1',
    type: 'message',
    role: 'assistant',
    model: 'm',
    content: [],
    usage: { input_tokens: 5, output_tokens: 1 },
  },
});
const TEXT_START = wire({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } });
const TEXT_DELTA = wire({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hi' } });
const TEXT_STOP = wire({ type: 'content_block_stop', index: 0 });
const STOP = wire({ type: 'message_stop' });

describe('createAnthropicStreamParser edge cases', () => {
  it('merges cumulative usage: input tokens that only come in message_delta win', () => {
    const events = runParser(createAnthropicStreamParser(testContext()), [
      wire({
        type: 'message_start',
        message: { id: 'msg_1', model: 'm', usage: { input_tokens: 0, output_tokens: 0 } },
      }),
      wire({
        type: 'message_delta',
        delta: { stop_reason: 'stop_sequence', stop_sequence: 'FIN' },
        usage: { input_tokens: 40, cache_read_input_tokens: 100, output_tokens: 7 },
      }),
      STOP,
    ]);
    expect(events.at(-1)).toEqual({
      type: 'finish',
      stopReason: 'stop_sequence',
      stopSequence: 'FIN',
      usage: { inputTokens: 140, outputTokens: 7, cachedInputTokens: 100 },
    });
  });

  it('emits the held finish at the end when message_delta came but message_stop did not', () => {
    const parser = createAnthropicStreamParser(testContext());
    const pushed = [START, TEXT_START, TEXT_DELTA].flatMap((e) => parser.push(e));
    expect(pushed.map((e) => e.type)).toEqual(['message-start', 'block-start', 'text-delta']);
    expect(
      parser.push(
        wire({ type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 3 } }),
      ),
    ).toEqual([]);
    expect(parser.done).toBe(false);
    expect(parser.end()).toEqual([
      { type: 'block-end', index: 0 },
      { type: 'finish', stopReason: 'stop', usage: { inputTokens: 5, outputTokens: 3 } },
    ]);
    expect(parser.done).toBe(true);
  });

  it('turns malformed JSON into an IR error and ignores everything after', () => {
    const parser = createAnthropicStreamParser(testContext());
    parser.push(START);
    const [error] = parser.push({ event: 'content_block_delta', data: '{"type":"content_block_delta",' });
    expect(error).toMatchObject({ type: 'error', error: { status: 502, code: 'invalid_stream_event' } });
    expect(parser.done).toBe(true);
    expect(parser.push(TEXT_START)).toEqual([]);
    expect(parser.end()).toEqual([]);
  });

  it('turns an event that does not match its schema into an IR error naming the field', () => {
    const parser = createAnthropicStreamParser(testContext());
    const [error] = parser.push(
      wire({ type: 'content_block_delta', index: 'x', delta: { type: 'text_delta', text: 'a' } }),
    );
    expect(error).toMatchObject({ type: 'error', error: { message: expect.stringContaining('index') } });
  });

  it('ignores ping, empty keep-alive data, unknown events and citations deltas', () => {
    const parser = createAnthropicStreamParser(testContext());
    parser.push(START);
    parser.push(TEXT_START);
    expect(parser.push(wire({ type: 'ping' }))).toEqual([]);
    expect(parser.push({ data: '' })).toEqual([]);
    expect(parser.push(wire({ type: 'future_event', payload: 1 }))).toEqual([]);
    expect(
      parser.push(
        wire({
          type: 'content_block_delta',
          index: 0,
          delta: { type: 'citations_delta', citation: { type: 'char_location', cited_text: 'x' } },
        }),
      ),
    ).toEqual([]);
    expect(parser.done).toBe(false);
  });

  it('drops server tool blocks with a warning and keeps the IR indices dense', () => {
    const ctx = testContext();
    const events = runParser(createAnthropicStreamParser(ctx), [
      START,
      wire({
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} },
      }),
      wire({
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'input_json_delta', partial_json: '{"q":1}' },
      }),
      wire({ type: 'content_block_stop', index: 0 }),
      wire({ type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } }),
      wire({ type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'Found it.' } }),
      wire({ type: 'content_block_stop', index: 1 }),
      wire({ type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 9 } }),
      STOP,
    ]);
    expect(events.slice(1, 4)).toEqual([
      { type: 'block-start', index: 0, block: { kind: 'text' } },
      { type: 'text-delta', index: 0, text: 'Found it.' },
      { type: 'block-end', index: 0 },
    ]);
    expect(ctx.warnings).toEqual([expect.objectContaining({ code: 'dropped_content', path: 'content.0' })]);
  });

  it('uses a tool input given whole in content_block_start when no deltas follow', () => {
    const events = runParser(createAnthropicStreamParser(testContext()), [
      START,
      wire({
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'tool_use', id: 'toolu_1', name: 'f', input: { a: 1 } },
      }),
      wire({ type: 'content_block_stop', index: 0 }),
      wire({ type: 'message_delta', delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 9 } }),
      STOP,
    ]);
    expect(events.slice(1, 4)).toEqual([
      { type: 'block-start', index: 0, block: { kind: 'tool_call', id: 'toolu_1', name: 'f' } },
      { type: 'tool-args-delta', index: 0, json: '{"a":1}' },
      { type: 'block-end', index: 0 },
    ]);
  });

  it('ends an open block before starting the next one, even when the source forgot to', () => {
    const events = runParser(createAnthropicStreamParser(testContext()), [
      START,
      TEXT_START,
      TEXT_DELTA,
      wire({ type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } }),
      wire({ type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 2 } }),
      STOP,
    ]);
    expect(events.map((e) => e.type)).toEqual([
      'message-start',
      'block-start',
      'text-delta',
      'block-end',
      'block-start',
      'block-end',
      'finish',
    ]);
  });

  it('synthesises message-start when a block comes first, and reads redacted thinking', () => {
    const events = runParser(createAnthropicStreamParser(testContext()), [
      wire({
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'redacted_thinking', data: 'EmwK' },
      }),
      wire({ type: 'content_block_stop', index: 0 }),
      wire({ type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 2 } }),
      STOP,
    ]);
    expect(events.slice(0, 3)).toEqual([
      { type: 'message-start', id: '', model: '' },
      { type: 'block-start', index: 0, block: { kind: 'redacted_thinking', data: 'EmwK' } },
      { type: 'block-end', index: 0 },
    ]);
  });

  it('reads an error event before message_start, taking the type from the SSE event name when the data has none', () => {
    const events = runParser(createAnthropicStreamParser(testContext()), [
      { event: 'error', data: '{"error":{"type":"rate_limit_error","message":"Slow down"}}' },
    ]);
    expect(events).toEqual([
      {
        type: 'error',
        error: { status: 429, type: 'rate_limit_error', code: 'rate_limit_error', message: 'Slow down' },
      },
    ]);
  });

  it('maps refusal and pause stop reasons', () => {
    for (const [reason, ir] of [
      ['refusal', 'content_filter'],
      ['pause_turn', 'pause'],
      ['model_context_window_exceeded', 'length'],
    ] as const) {
      const events = runParser(createAnthropicStreamParser(testContext()), [
        START,
        wire({ type: 'message_delta', delta: { stop_reason: reason }, usage: { output_tokens: 1 } }),
        STOP,
      ]);
      expect(events.at(-1)).toMatchObject({ type: 'finish', stopReason: ir });
    }
  });

  it('reads end_turn after a tool_use block as tool_calls (gateways in front of Chat models say so)', () => {
    const events = runParser(createAnthropicStreamParser(testContext()), [
      START,
      wire({
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'tool_use', id: 'toolu_1', name: 'f', input: {} },
      }),
      wire({ type: 'content_block_stop', index: 0 }),
      wire({ type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 9 } }),
      STOP,
    ]);
    expect(events.at(-1)).toMatchObject({ type: 'finish', stopReason: 'tool_calls' });
  });

  it('closes an open block before finish when content_block_stop never came', () => {
    const events = runParser(createAnthropicStreamParser(testContext()), [
      START,
      TEXT_START,
      TEXT_DELTA,
      wire({ type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 2 } }),
      STOP,
      TEXT_STOP,
    ]);
    expect(events.slice(-2).map((e) => e.type)).toEqual(['block-end', 'finish']);
  });
});

import { describe, expect, it } from 'vitest';
import { fixtureNames, loadStream } from '../../test-support/fixtures.js';
import { runParser } from '../../test-support/run-parser.js';
import type { CodecContext, TranslationWarning } from '../codec.js';
import type { IrStreamEvent } from '../ir.js';
import { parseSse, type SseEvent, serializeSse } from '../sse.js';
import { createChatStreamParser } from './chat-stream-parser.js';

function context(): CodecContext & { warnings: TranslationWarning[] } {
  const warnings: TranslationWarning[] = [];
  return { options: {}, warnings, warn: (w) => warnings.push(w) };
}

function parseAll(events: SseEvent[], ctx = context()): IrStreamEvent[] {
  return runParser(createChatStreamParser(ctx), events);
}

/** Consecutive deltas of one block merged into one, so that expectations stay readable. */
function merged(events: IrStreamEvent[]): IrStreamEvent[] {
  const out: IrStreamEvent[] = [];
  for (const event of events) {
    const last = out.at(-1);
    if (
      last &&
      last.type === event.type &&
      'index' in last &&
      'index' in event &&
      last.index === event.index
    ) {
      if (last.type === 'text-delta' && event.type === 'text-delta') last.text += event.text;
      else if (last.type === 'thinking-delta' && event.type === 'thinking-delta') last.text += event.text;
      else if (last.type === 'tool-args-delta' && event.type === 'tool-args-delta') last.json += event.json;
      else out.push({ ...event });
      continue;
    }
    out.push({ ...event });
  }
  return out;
}

const chunk = (
  delta: Record<string, unknown>,
  finish: string | null = null,
  extra: Record<string, unknown> = {},
): SseEvent => ({
  data: JSON.stringify({
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'm',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    ...extra,
  }),
});
const usageChunk = (prompt: number, completion: number): SseEvent => ({
  data: JSON.stringify({
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'm',
    choices: [],
    usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
  }),
});
const DONE: SseEvent = { data: '[DONE]' };
const start = { type: 'message-start', id: 'chatcmpl-1', model: 'm', created: 1 } as const;

describe('Chat stream parser on the recorded streams', () => {
  it('text: one text block, finish at [DONE] with the usage of the tail chunk', () => {
    const events = parseAll(loadStream('openai-chat', 'text'));
    expect(merged(events)).toEqual([
      {
        type: 'message-start',
        id: 'chatcmpl-CbnVq0aJ8k2sXoZ1tR4yHfE9uWm3P',
        model: 'gpt-4o-2024-08-06',
        created: 1762948810,
      },
      { type: 'block-start', index: 0, block: { kind: 'text' } },
      {
        type: 'text-delta',
        index: 0,
        text: 'Bonjour ! Voici une réponse rapide : le mot japonais pour « merci » est ありがとう (arigatou) 🙏.',
      },
      { type: 'block-end', index: 0 },
      { type: 'finish', stopReason: 'stop', usage: { inputTokens: 31, outputTokens: 27 } },
    ]);
    // One IR delta per wire delta; the role chunk's empty content opens nothing.
    expect(events.filter((e) => e.type === 'text-delta')).toHaveLength(24);
  });

  it('tool-call: text, then a call whose arguments arrive delta by delta', () => {
    const events = parseAll(loadStream('openai-chat', 'tool-call'));
    const args = [
      '{"',
      'location',
      '":"',
      'Paris',
      ',',
      ' France',
      '","',
      'unit',
      '":"',
      'c',
      'elsius',
      '"}',
    ];
    expect(events.slice(events.findIndex((e) => e.type === 'block-end'))).toEqual([
      { type: 'block-end', index: 0 },
      {
        type: 'block-start',
        index: 1,
        block: { kind: 'tool_call', id: 'call_Xw3bq1ZtV9mK4pL7sR2dF8hN', name: 'get_weather' },
      },
      ...args.map((json) => ({ type: 'tool-args-delta', index: 1, json })),
      { type: 'block-end', index: 1 },
      { type: 'finish', stopReason: 'tool_calls', usage: { inputTokens: 312, outputTokens: 41 } },
    ]);
    expect(merged(events).slice(1, 3)).toEqual([
      { type: 'block-start', index: 0, block: { kind: 'text' } },
      { type: 'text-delta', index: 0, text: 'Je vérifie la météo à Paris pour vous.' },
    ]);
  });

  it('parallel-tools: one block per call index, in order', () => {
    expect(merged(parseAll(loadStream('openai-chat', 'parallel-tools')))).toEqual([
      {
        type: 'message-start',
        id: 'chatcmpl-CbnWJ2uYk5sP9dQe1HxT7rLm0ZcVa',
        model: 'gpt-4o-2024-08-06',
        created: 1762948839,
      },
      {
        type: 'block-start',
        index: 0,
        block: { kind: 'tool_call', id: 'call_Jd8fK2mQ9wLx4TzR7bNc1VpS', name: 'get_weather' },
      },
      { type: 'tool-args-delta', index: 0, json: '{"location":"Paris, France"}' },
      { type: 'block-end', index: 0 },
      {
        type: 'block-start',
        index: 1,
        block: { kind: 'tool_call', id: 'call_Hq5sT1vZ8nRy3KwM6dLb2XfA', name: 'get_weather' },
      },
      { type: 'tool-args-delta', index: 1, json: '{"location":"Tōkyō, Japan"}' },
      { type: 'block-end', index: 1 },
      {
        type: 'block-start',
        index: 2,
        block: { kind: 'tool_call', id: 'call_Pm7xC4gB2kWn9YtS5rJh0QdE', name: 'get_local_time' },
      },
      { type: 'tool-args-delta', index: 2, json: '{"timezone":"Asia/Tokyo"}' },
      { type: 'block-end', index: 2 },
      { type: 'finish', stopReason: 'tool_calls', usage: { inputTokens: 356, outputTokens: 87 } },
    ]);
  });

  it('tool-no-args: the empty first delta adds nothing, "{}" follows', () => {
    expect(parseAll(loadStream('openai-chat', 'tool-no-args'))).toEqual([
      {
        type: 'message-start',
        id: 'chatcmpl-CbnWZ8pLr3dVx0KsQ6mYh1TgN4bCe',
        model: 'gpt-4o-mini-2024-07-18',
        created: 1762948851,
      },
      {
        type: 'block-start',
        index: 0,
        block: { kind: 'tool_call', id: 'call_Rk2vN8sD4qWz7LmT1xHb5JcY', name: 'get_current_time' },
      },
      { type: 'tool-args-delta', index: 0, json: '{}' },
      { type: 'block-end', index: 0 },
      { type: 'finish', stopReason: 'tool_calls', usage: { inputTokens: 94, outputTokens: 11 } },
    ]);
  });

  it('thinking: reasoning_content opens a thinking block, content a text block; usage from the finish chunk', () => {
    expect(merged(parseAll(loadStream('openai-chat', 'thinking')))).toEqual([
      {
        type: 'message-start',
        id: '5d2c8a4e-7f1b-4c39-9a6e-0b3d8f2e1c47',
        model: 'deepseek-reasoner',
        created: 1762948866,
      },
      { type: 'block-start', index: 0, block: { kind: 'thinking' } },
      {
        type: 'thinking-delta',
        index: 0,
        text: "L'utilisateur demande combien font 17 × 24. 17 × 24 = 17 × 20 + 17 × 4 = 340 + 68 = 408.",
      },
      { type: 'block-end', index: 0 },
      { type: 'block-start', index: 1, block: { kind: 'text' } },
      { type: 'text-delta', index: 1, text: '17 × 24 = **408** ✅' },
      { type: 'block-end', index: 1 },
      {
        type: 'finish',
        stopReason: 'stop',
        usage: { inputTokens: 19, outputTokens: 96, reasoningTokens: 81 },
      },
    ]);
  });

  it('max-tokens: finish_reason length', () => {
    expect(parseAll(loadStream('openai-chat', 'max-tokens')).at(-1)).toEqual({
      type: 'finish',
      stopReason: 'length',
      usage: { inputTokens: 27, outputTokens: 16 },
    });
  });

  it('error-mid-stream: the error chunk becomes one IR error, blocks left open', () => {
    const events = merged(parseAll(loadStream('openai-chat', 'error-mid-stream')));
    expect(events.slice(1)).toEqual([
      { type: 'block-start', index: 0, block: { kind: 'text' } },
      { type: 'text-delta', index: 0, text: 'Voici un résumé du document : le' },
      {
        type: 'error',
        error: {
          status: 500,
          type: 'api_error',
          message: 'The server had an error while processing your request. Sorry about that!',
        },
      },
    ]);
  });

  it('truncated: the end of the source without a finish_reason is a stream_truncated error', () => {
    const events = merged(parseAll(loadStream('openai-chat', 'truncated')));
    expect(events.slice(1)).toEqual([
      { type: 'block-start', index: 0, block: { kind: 'text' } },
      { type: 'text-delta', index: 0, text: 'La réponse courte est : 日本' },
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

  it('usage-tail: finish is held past the finish_reason chunk and carries the tail usage', () => {
    const source = loadStream('openai-chat', 'usage-tail');
    const parser = createChatStreamParser(context());
    const perEvent = source.map((event) => parser.push(event));
    const finishAt = perEvent.findIndex((events) => events.some((e) => e.type === 'finish'));
    expect(finishAt).toBe(source.length - 1); // at [DONE]
    expect(perEvent[source.length - 3]).toEqual([{ type: 'block-end', index: 0 }]); // the finish_reason chunk
    expect(perEvent[source.length - 2]).toEqual([]); // the usage chunk
    expect(perEvent.at(-1)).toEqual([
      {
        type: 'finish',
        stopReason: 'stop',
        usage: { inputTokens: 2143, outputTokens: 12, cachedInputTokens: 1920 },
      },
    ]);
    expect(parser.done).toBe(true);
    expect(parser.end()).toEqual([]);
  });
});

describe('Chat stream parser edge cases', () => {
  it('opens no block for the role chunk, empty content or an empty tool_calls list', () => {
    const events = parseAll([
      chunk({ role: 'assistant', content: '', refusal: null }),
      chunk({ content: '', tool_calls: [] }),
      chunk({}, 'stop'),
      DONE,
    ]);
    expect(events).toEqual([
      start,
      { type: 'finish', stopReason: 'stop', usage: { inputTokens: 0, outputTokens: 0 } },
    ]);
  });

  it('splits a chunk that carries content and the finish_reason: deltas first', () => {
    expect(parseAll([chunk({ content: 'Hi' }, 'stop'), usageChunk(3, 1), DONE])).toEqual([
      start,
      { type: 'block-start', index: 0, block: { kind: 'text' } },
      { type: 'text-delta', index: 0, text: 'Hi' },
      { type: 'block-end', index: 0 },
      { type: 'finish', stopReason: 'stop', usage: { inputTokens: 3, outputTokens: 1 } },
    ]);
  });

  it('takes usage from a chunk with an empty delta, and emits the held finish at end() without [DONE]', () => {
    const events = parseAll([
      chunk({ content: 'a' }),
      chunk({}, 'length'),
      chunk({}, null, { usage: { prompt_tokens: 9, completion_tokens: 4, total_tokens: 13 } }),
    ]);
    expect(events.at(-1)).toEqual({
      type: 'finish',
      stopReason: 'length',
      usage: { inputTokens: 9, outputTokens: 4 },
    });
  });

  it("reads Groq's x_groq.usage when the chunk has no usage, and ignores an x_groq of another shape", () => {
    const groqUsage = { prompt_tokens: 44, completion_tokens: 9, total_tokens: 53, queue_time: 0.05 };
    const events = parseAll([
      chunk({ content: 'a' }, null, { x_groq: 'req_01jx4k7m2nfe8t9v6w3y5z0abc' }),
      chunk({}, 'stop', { x_groq: { id: 'req_01jx4k7m2nfe8t9v6w3y5z0abc', usage: groqUsage } }),
      DONE,
    ]);
    expect(events.at(-1)).toEqual({
      type: 'finish',
      stopReason: 'stop',
      usage: { inputTokens: 44, outputTokens: 9 },
    });
  });

  it("starts the message from the first chunk with choices, after Azure's prompt filter chunk", () => {
    const events = parseAll([
      {
        data: JSON.stringify({
          choices: [],
          created: 0,
          id: '',
          model: '',
          object: '',
          prompt_filter_results: [{ prompt_index: 0, content_filter_results: {} }],
        }),
      },
      chunk({ content: 'a' }, 'stop'),
      DONE,
    ]);
    expect(events[0]).toEqual(start);
  });

  it('reads [DONE] before any finish_reason as a truncated stream', () => {
    expect(parseAll([chunk({ content: 'a' }), DONE]).at(-1)).toMatchObject({
      type: 'error',
      error: { status: 502, code: 'stream_truncated' },
    });
    expect(parseAll([DONE])).toEqual([
      { type: 'error', error: expect.objectContaining({ code: 'stream_truncated' }) },
    ]);
  });

  it('ends the open block when the kind changes, and starts a new text block after a tool call', () => {
    const events = parseAll([
      chunk({ reasoning: 'think' }),
      chunk({ content: 'a' }),
      chunk({
        tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}' } }],
      }),
      chunk({ content: 'b' }),
      chunk({ refusal: 'no' }),
      chunk({}, 'stop'),
      DONE,
    ]);
    expect(events.filter((e) => e.type === 'block-start' || e.type === 'block-end')).toEqual([
      { type: 'block-start', index: 0, block: { kind: 'thinking' } },
      { type: 'block-end', index: 0 },
      { type: 'block-start', index: 1, block: { kind: 'text' } },
      { type: 'block-end', index: 1 },
      { type: 'block-start', index: 2, block: { kind: 'tool_call', id: 'call_1', name: 'f' } },
      { type: 'block-end', index: 2 },
      { type: 'block-start', index: 3, block: { kind: 'text' } },
      { type: 'block-end', index: 3 },
      { type: 'block-start', index: 4, block: { kind: 'refusal' } },
      { type: 'block-end', index: 4 },
    ]);
    // A message that called a tool stopped for tool calls, whatever a lax server says.
    expect(events.at(-1)).toMatchObject({ type: 'finish', stopReason: 'tool_calls' });
  });

  it('leaves a call that never receives argument text without any args delta', () => {
    expect(
      parseAll([
        chunk({
          tool_calls: [
            { index: 0, id: 'call_1', type: 'function', function: { name: 'now', arguments: '' } },
          ],
        }),
        chunk({}, 'tool_calls'),
        DONE,
      ]),
    ).toEqual([
      start,
      { type: 'block-start', index: 0, block: { kind: 'tool_call', id: 'call_1', name: 'now' } },
      { type: 'block-end', index: 0 },
      { type: 'finish', stopReason: 'tool_calls', usage: { inputTokens: 0, outputTokens: 0 } },
    ]);
  });

  it('accepts tool call deltas without index (keyed by id, then by the open call)', () => {
    const events = parseAll([
      chunk({ tool_calls: [{ id: 'call_a', function: { name: 'f', arguments: '{"x"' } }] }),
      chunk({ tool_calls: [{ function: { arguments: ':1}' } }] }),
      chunk({ tool_calls: [{ id: 'call_b', function: { name: 'g', arguments: '{}' } }] }),
      chunk({}, 'tool_calls'),
      DONE,
    ]);
    expect(merged(events).filter((e) => e.type === 'tool-args-delta')).toEqual([
      { type: 'tool-args-delta', index: 0, json: '{"x":1}' },
      { type: 'tool-args-delta', index: 1, json: '{}' },
    ]);
  });

  it('reads a new id on a reused index as a new call (Ollama numbers every call 0)', () => {
    const call = (id: string | undefined, name: string | undefined, args: string) =>
      chunk({ tool_calls: [{ index: 0, ...(id ? { id } : {}), function: { name, arguments: args } }] });
    const events = parseAll([
      call('call_a', 'f', '{"a":'),
      call(undefined, undefined, '1}'),
      call('call_b', 'g', '{"b":2}'),
      call('call_b', undefined, ''),
      chunk({}, 'tool_calls'),
      DONE,
    ]);
    expect(events.slice(1, -1)).toEqual([
      { type: 'block-start', index: 0, block: { kind: 'tool_call', id: 'call_a', name: 'f' } },
      { type: 'tool-args-delta', index: 0, json: '{"a":' },
      { type: 'tool-args-delta', index: 0, json: '1}' },
      { type: 'block-end', index: 0 },
      { type: 'block-start', index: 1, block: { kind: 'tool_call', id: 'call_b', name: 'g' } },
      { type: 'tool-args-delta', index: 1, json: '{"b":2}' },
      { type: 'block-end', index: 1 },
    ]);
  });

  it('keeps a call whose id arrives after its first delta as one call', () => {
    const events = parseAll([
      chunk({ tool_calls: [{ index: 0, function: { name: 'f', arguments: '{"a":' } }] }),
      chunk({ tool_calls: [{ index: 0, id: 'call_late', function: { arguments: '1}' } }] }),
      chunk({}, 'tool_calls'),
      DONE,
    ]);
    expect(events.filter((e) => e.type === 'block-start')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'tool-args-delta').map((e) => e.json)).toEqual(['{"a":', '1}']);
  });

  it('drops arguments for a call whose block has already ended, with a warning', () => {
    const ctx = context();
    const events = parseAll(
      [
        chunk({ tool_calls: [{ index: 0, id: 'a', function: { name: 'f', arguments: '{' } }] }),
        chunk({ tool_calls: [{ index: 1, id: 'b', function: { name: 'g', arguments: '{}' } }] }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: '}' } }] }),
        chunk({}, 'tool_calls'),
        DONE,
      ],
      ctx,
    );
    expect(events.filter((e) => e.type === 'tool-args-delta')).toHaveLength(2);
    expect(ctx.warnings).toEqual([expect.objectContaining({ code: 'dropped_content' })]);
  });

  it('translates only choice 0, with one warning', () => {
    const ctx = context();
    const other = (text: string): SseEvent => ({
      data: JSON.stringify({
        id: 'chatcmpl-1',
        model: 'm',
        choices: [{ index: 1, delta: { content: text } }],
      }),
    });
    const events = parseAll([chunk({ content: 'a' }), other('x'), other('y'), chunk({}, 'stop'), DONE], ctx);
    expect(events.filter((e) => e.type === 'text-delta')).toEqual([
      { type: 'text-delta', index: 0, text: 'a' },
    ]);
    expect(ctx.warnings).toHaveLength(1);
  });

  it.each([
    [
      {
        error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded', param: null },
      },
      429,
      'rate_limit_error',
    ],
    [
      { error: { message: 'bad', type: 'invalid_request_error', code: null, param: 'messages' } },
      400,
      'invalid_request_error',
    ],
    [{ error: { message: 'boom', type: 'server_error', code: '503' } }, 503, 'api_error'],
    [
      { object: 'error', message: 'context too long', type: 'BadRequestError', param: null, code: 400 },
      400,
      'invalid_request_error',
    ],
  ])('reads the error chunk %j as status %i, type %s', (payload, status, type) => {
    const events = parseAll([
      chunk({ content: 'a' }),
      { data: JSON.stringify(payload) },
      chunk({ content: 'late' }),
    ]);
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { status, type } });
    expect(events.filter((e) => e.type === 'error')).toHaveLength(1);
  });

  it('reads malformed data as an error, never a throw', () => {
    expect(parseAll([{ data: '{"choices": [' }])).toEqual([
      { type: 'error', error: expect.objectContaining({ status: 502, code: 'invalid_stream_event' }) },
    ]);
    expect(
      parseAll([chunk({ content: 'a' }), { data: '{"choices": [{"delta": {"content": 5}}]}' }]).at(-1),
    ).toMatchObject({
      type: 'error',
      error: { message: expect.stringContaining('choices.0.delta.content') },
    });
  });

  it('ignores keep-alive events', () => {
    const events = parseAll([
      { data: '' },
      { event: 'ping', data: '{"type":"ping"}' },
      chunk({ content: 'a' }, 'stop'),
      DONE,
    ]);
    expect(events[0]).toEqual(start);
    expect(events.at(-1)).toMatchObject({ type: 'finish' });
  });

  it('ignores everything after the terminal event', () => {
    const parser = createChatStreamParser(context());
    parser.push(chunk({}, 'stop'));
    expect(parser.push(DONE)).toHaveLength(1);
    expect(parser.push(chunk({ content: 'more' }))).toEqual([]);
    expect(parser.push(DONE)).toEqual([]);
    expect(parser.end()).toEqual([]);
  });
});

describe('Chat stream parser on wire bytes', () => {
  it.each(fixtureNames('openai-chat', 'stream'))(
    '%s gives the same IR events when the bytes arrive one by one',
    async (name) => {
      const events = loadStream('openai-chat', name);
      const bytes = new TextEncoder().encode(events.map(serializeSse).join(''));
      const reparsed: SseEvent[] = [];
      for await (const event of parseSse(Array.from(bytes, (b) => new Uint8Array([b])))) reparsed.push(event);
      expect(parseAll(reparsed)).toEqual(parseAll(events));
    },
  );
});

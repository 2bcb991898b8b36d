import { describe, expect, it } from 'vitest';
import { fixtureNames, loadStream } from '../../test-support/fixtures.js';
import { runParser } from '../../test-support/run-parser.js';
import type { CodecContext, TranslateOptions, TranslationWarning } from '../codec.js';
import type { IrStreamEvent } from '../ir.js';
import type { SseEvent } from '../sse.js';
import { createChatStreamParser } from './chat-stream-parser.js';
import { createChatStreamRenderer } from './chat-stream-renderer.js';

function context(options: TranslateOptions = {}): CodecContext & { warnings: TranslationWarning[] } {
  const warnings: TranslationWarning[] = [];
  return { options, warnings, warn: (w) => warnings.push(w) };
}

function parseAll(events: SseEvent[]): IrStreamEvent[] {
  return runParser(createChatStreamParser(context()), events);
}

function renderAll(events: IrStreamEvent[], ctx = context()): SseEvent[] {
  const renderer = createChatStreamRenderer(ctx);
  return events.flatMap((e) => renderer.push(e));
}

/** The JSON payloads of rendered events (`[DONE]` kept as the string). */
function payloads(events: SseEvent[]): unknown[] {
  return events.map((e) => (e.data === '[DONE]' ? '[DONE]' : JSON.parse(e.data)));
}

/** The deltas and finish reasons of rendered chunks, the rest being the same on every chunk. */
function deltas(events: SseEvent[]): unknown[] {
  return payloads(events).map((p) => {
    if (typeof p === 'string') return p;
    const chunk = p as {
      choices?: Array<{ delta: unknown; finish_reason: unknown }>;
      usage?: unknown;
      error?: unknown;
    };
    if (chunk.error) return { error: chunk.error };
    const choice = chunk.choices?.[0];
    if (!choice) return { usage: chunk.usage };
    return choice.finish_reason === null
      ? choice.delta
      : { ...(choice.delta as object), finish_reason: choice.finish_reason };
  });
}

const start: IrStreamEvent = {
  type: 'message-start',
  id: 'msg_01ABC',
  model: 'claude-sonnet-4-5',
  created: 1762948810,
};
const finish = (usage = { inputTokens: 10, outputTokens: 5 }): IrStreamEvent => ({
  type: 'finish',
  stopReason: 'stop',
  usage,
});

describe('Chat stream renderer', () => {
  it('renders OpenAI chunk envelopes: shared id, created and model; usage null until the usage chunk', () => {
    const out = payloads(
      renderAll([
        start,
        { type: 'block-start', index: 0, block: { kind: 'text' } },
        { type: 'text-delta', index: 0, text: 'Héllo 🌍' },
        { type: 'block-end', index: 0 },
        finish({ inputTokens: 10, outputTokens: 5 }),
      ]),
    );
    const envelope = {
      id: 'chatcmpl-01ABC',
      object: 'chat.completion.chunk',
      created: 1762948810,
      model: 'claude-sonnet-4-5',
    };
    expect(out).toEqual([
      {
        ...envelope,
        choices: [
          {
            index: 0,
            delta: { role: 'assistant', content: '', refusal: null },
            logprobs: null,
            finish_reason: null,
          },
        ],
        usage: null,
      },
      {
        ...envelope,
        choices: [{ index: 0, delta: { content: 'Héllo 🌍' }, logprobs: null, finish_reason: null }],
        usage: null,
      },
      { ...envelope, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }], usage: null },
      {
        ...envelope,
        choices: [],
        usage: {
          prompt_tokens: 10,
          completion_tokens: 5,
          total_tokens: 15,
          prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
          completion_tokens_details: {
            reasoning_tokens: 0,
            audio_tokens: 0,
            accepted_prediction_tokens: 0,
            rejected_prediction_tokens: 0,
          },
        },
      },
      '[DONE]',
    ]);
  });

  it('leaves out the usage chunk and the usage fields when includeUsage is false', () => {
    const out = renderAll([start, finish()], context({ includeUsage: false }));
    expect(payloads(out).map((p) => (typeof p === 'string' ? p : 'usage' in (p as object)))).toEqual([
      false,
      false,
      '[DONE]',
    ]);
  });

  it('renders an error as the very first event, with nothing after it', () => {
    const renderer = createChatStreamRenderer(context());
    const out = renderer.push({
      type: 'error',
      error: { status: 529, type: 'overloaded_error', message: 'Overloaded' },
    });
    expect(out).toEqual([
      {
        data: '{"error":{"message":"Overloaded","type":"server_error","param":null,"code":null,"status":529}}',
      },
    ]);
    expect(renderer.push(start)).toEqual([]);
    expect(renderer.push(finish())).toEqual([]);
  });

  it('ends with the error chunk and no [DONE] after some text', () => {
    const out = deltas(
      renderAll([
        start,
        { type: 'block-start', index: 0, block: { kind: 'text' } },
        { type: 'text-delta', index: 0, text: 'a' },
        { type: 'error', error: { status: 429, type: 'rate_limit_error', message: 'Slow down' } },
      ]),
    );
    expect(out.at(-1)).toEqual({
      error: {
        message: 'Slow down',
        type: 'rate_limit_error',
        param: null,
        code: 'rate_limit_exceeded',
        status: 429,
      },
    });
    expect(out).not.toContain('[DONE]');
  });

  it('renders a finish with no blocks, and a finish with no message-start', () => {
    expect(deltas(renderAll([start, finish()]))).toEqual([
      { role: 'assistant', content: '', refusal: null },
      { finish_reason: 'stop' },
      { usage: expect.objectContaining({ prompt_tokens: 10 }) },
      '[DONE]',
    ]);
    const bare = payloads(renderAll([finish()], context({ now: 1700000000 })));
    expect(bare[0]).toMatchObject({ created: 1700000000, choices: [{ delta: { role: 'assistant' } }] });
    expect(bare.at(-1)).toBe('[DONE]');
  });

  it('numbers tool calls by their ordinal, and gives a call without argument deltas "{}"', () => {
    const out = deltas(
      renderAll([
        start,
        { type: 'block-start', index: 0, block: { kind: 'thinking' } },
        { type: 'thinking-delta', index: 0, text: 'plan' },
        { type: 'thinking-signature', index: 0, signature: 'sig' },
        { type: 'block-end', index: 0 },
        { type: 'block-start', index: 1, block: { kind: 'tool_call', id: 'toolu_01', name: 'get_time' } },
        { type: 'block-end', index: 1 },
        { type: 'block-start', index: 2, block: { kind: 'tool_call', id: 'toolu_02', name: 'get_weather' } },
        { type: 'tool-args-delta', index: 2, json: '{"city":' },
        { type: 'tool-args-delta', index: 2, json: '"Paris"}' },
        { type: 'block-end', index: 2 },
        { type: 'finish', stopReason: 'tool_calls', usage: { inputTokens: 1, outputTokens: 2 } },
      ]),
    );
    expect(out.slice(1, -2)).toEqual([
      { reasoning_content: 'plan' },
      {
        tool_calls: [
          { index: 0, id: 'toolu_01', type: 'function', function: { name: 'get_time', arguments: '' } },
        ],
      },
      { tool_calls: [{ index: 0, function: { arguments: '{}' } }] },
      {
        tool_calls: [
          { index: 1, id: 'toolu_02', type: 'function', function: { name: 'get_weather', arguments: '' } },
        ],
      },
      { tool_calls: [{ index: 1, function: { arguments: '{"city":' } }] },
      { tool_calls: [{ index: 1, function: { arguments: '"Paris"}' } }] },
      { finish_reason: 'tool_calls' },
    ]);
  });

  it('gives "{}" to a tool block still open at finish', () => {
    const out = deltas(
      renderAll([
        start,
        { type: 'block-start', index: 0, block: { kind: 'tool_call', id: 'c', name: 'f' } },
        { type: 'finish', stopReason: 'tool_calls', usage: { inputTokens: 0, outputTokens: 0 } },
      ]),
    );
    expect(out.slice(2, 4)).toEqual([
      { tool_calls: [{ index: 0, function: { arguments: '{}' } }] },
      { finish_reason: 'tool_calls' },
    ]);
  });

  it('warns once about dropped signatures and about redacted thinking', () => {
    const ctx = context();
    renderAll(
      [
        start,
        { type: 'block-start', index: 0, block: { kind: 'thinking' } },
        { type: 'thinking-signature', index: 0, signature: 'a' },
        { type: 'block-end', index: 0 },
        { type: 'block-start', index: 1, block: { kind: 'redacted_thinking', data: 'x' } },
        { type: 'block-end', index: 1 },
        { type: 'block-start', index: 2, block: { kind: 'thinking' } },
        { type: 'thinking-signature', index: 2, signature: 'b' },
        { type: 'block-end', index: 2 },
        { type: 'block-start', index: 3, block: { kind: 'refusal' } },
        { type: 'refusal-delta', index: 3, text: 'No.' },
        { type: 'block-end', index: 3 },
        finish(),
      ],
      ctx,
    );
    expect(ctx.warnings.map((w) => w.code)).toEqual(['dropped_field', 'dropped_content']);
  });

  it('renders refusals and stop reasons Chat cannot name exactly', () => {
    const out = deltas(
      renderAll([
        start,
        { type: 'block-start', index: 0, block: { kind: 'refusal' } },
        { type: 'refusal-delta', index: 0, text: 'I cannot help with that.' },
        { type: 'block-end', index: 0 },
        {
          type: 'finish',
          stopReason: 'stop_sequence',
          stopSequence: '###',
          usage: { inputTokens: 1, outputTokens: 1 },
        },
      ]),
    );
    expect(out.slice(1, 3)).toEqual([{ refusal: 'I cannot help with that.' }, { finish_reason: 'stop' }]);
  });

  it('holds nothing back: each event renders at once, the usage chunk right after the finish chunk', () => {
    const renderer = createChatStreamRenderer(context());
    expect(renderer.push(start)).toHaveLength(1);
    expect(renderer.push({ type: 'block-start', index: 0, block: { kind: 'text' } })).toEqual([]);
    expect(renderer.push({ type: 'text-delta', index: 0, text: 'x' })).toHaveLength(1);
    expect(renderer.push({ type: 'block-end', index: 0 })).toEqual([]);
    const tail = renderer.push(
      finish({ inputTokens: 2143, outputTokens: 12, cachedInputTokens: 1920 } as never),
    );
    expect(deltas(tail)).toEqual([
      { finish_reason: 'stop' },
      {
        usage: expect.objectContaining({
          prompt_tokens: 2143,
          prompt_tokens_details: { cached_tokens: 1920, audio_tokens: 0 },
        }),
      },
      '[DONE]',
    ]);
    expect(tail.every((e) => e.event === undefined)).toBe(true);
  });
});

describe('Chat streams round trip', () => {
  it.each(fixtureNames('openai-chat', 'stream'))('%s → IR → Chat → IR gives the same IR events', (name) => {
    const first = parseAll(loadStream('openai-chat', name));
    const again = parseAll(renderAll(first));
    // Normalised: the message id gets Chat's prefix (DeepSeek sends bare UUIDs), and a call that
    // had no argument text gets an explicit "{}" delta at its end.
    const expected = first.flatMap((e): IrStreamEvent[] => {
      if (e.type === 'message-start')
        return [{ ...e, id: e.id.startsWith('chatcmpl-') ? e.id : `chatcmpl-${e.id}` }];
      if (
        e.type === 'block-end' &&
        first.some((b) => b.type === 'block-start' && b.index === e.index && b.block.kind === 'tool_call')
      ) {
        const hadArgs = first.some((a) => a.type === 'tool-args-delta' && a.index === e.index);
        if (!hadArgs) return [{ type: 'tool-args-delta', index: e.index, json: '{}' }, e];
      }
      return [e];
    });
    expect(again).toEqual(expected);
  });
});

import { MessageStream } from '@anthropic-ai/sdk/lib/MessageStream';
import { describe, expect, it } from 'vitest';
import { fixtureNames, loadStream } from '../../test-support/fixtures.js';
import type { IrStreamEvent } from '../ir.js';
import type { SseEvent } from '../sse.js';
import { createAnthropicStreamParser } from './anthropic-stream-parser.js';
import { createAnthropicStreamRenderer } from './anthropic-stream-renderer.js';
import { FORMAT, runParser, testContext } from './anthropic-test-helpers.js';

function render(events: IrStreamEvent[]): SseEvent[] {
  const renderer = createAnthropicStreamRenderer(testContext());
  return events.flatMap((e) => renderer.push(e));
}

const payloads = (events: SseEvent[]) => events.map((e) => JSON.parse(e.data) as Record<string, unknown>);

/** What the official SDK makes of a rendered stream (it reads JSON lines here, the SSE data). */
async function sdkFinalMessage(events: SseEvent[]) {
  const body = events.map((e) => `${e.data}\n`).join('');
  const stream = MessageStream.fromReadableStream(new Response(body).body!);
  return stream.finalMessage();
}

const USAGE = { inputTokens: 2060, outputTokens: 40, cachedInputTokens: 2048 };

describe('createAnthropicStreamRenderer', () => {
  it('renders an error as the very first event, alone, and nothing after it', () => {
    const renderer = createAnthropicStreamRenderer(testContext());
    const out = renderer.push({
      type: 'error',
      error: { status: 529, type: 'overloaded_error', message: 'Overloaded' },
    });
    expect(out).toEqual([
      {
        event: 'error',
        data: '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}',
      },
    ]);
    expect(renderer.push({ type: 'finish', stopReason: 'stop', usage: USAGE })).toEqual([]);
  });

  it('picks the error type from the status when the IR type is not an Anthropic one', () => {
    const [event] = render([
      { type: 'error', error: { status: 502, type: 'server_error', message: 'boom' } },
    ]);
    expect(JSON.parse(event!.data)).toEqual({ type: 'error', error: { type: 'api_error', message: 'boom' } });
  });

  it('renders a finish without blocks, synthesising message_start', async () => {
    const out = render([{ type: 'finish', stopReason: 'stop', usage: USAGE }]);
    expect(out.map((e) => e.event)).toEqual(['message_start', 'message_delta', 'message_stop']);
    expect(payloads(out)[0]).toMatchObject({ message: { id: 'msg_tollway', model: '', content: [] } });
    expect(payloads(out)[1]).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: {
        input_tokens: 12,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 2048,
        output_tokens: 40,
      },
    });
    const message = await sdkFinalMessage(out);
    expect(message.content).toEqual([]);
    expect(message.stop_reason).toBe('end_turn');
  });

  it('renders a tool block with no deltas so that the SDK reads input {}', async () => {
    const out = render([
      { type: 'message-start', id: 'call_abc', model: 'gpt-4o' },
      { type: 'block-start', index: 0, block: { kind: 'tool_call', id: 'call_abc', name: 'get_time' } },
      { type: 'block-end', index: 0 },
      { type: 'finish', stopReason: 'tool_calls', usage: { inputTokens: 3, outputTokens: 4 } },
    ]);
    expect(payloads(out)[1]).toEqual({
      type: 'content_block_start',
      index: 0,
      content_block: { type: 'tool_use', id: 'call_abc', name: 'get_time', input: {} },
    });
    const message = await sdkFinalMessage(out);
    expect(message.id).toBe('msg_abc');
    expect(message.content).toEqual([{ type: 'tool_use', id: 'call_abc', name: 'get_time', input: {} }]);
    expect(message.stop_reason).toBe('tool_use');
  });

  it('numbers blocks 0, 1, 2 in start order, maps tool ids, and turns a refusal into text', async () => {
    const out = render([
      {
        type: 'message-start',
        id: 'chatcmpl-9x',
        model: 'gpt-4o',
        usage: { inputTokens: 10, outputTokens: 0 },
      },
      { type: 'block-start', index: 0, block: { kind: 'thinking' } },
      { type: 'thinking-delta', index: 0, text: 'hmm' },
      { type: 'thinking-signature', index: 0, signature: 'sig' },
      { type: 'block-end', index: 0 },
      { type: 'block-start', index: 1, block: { kind: 'tool_call', id: 'call.1', name: 'f' } },
      { type: 'tool-args-delta', index: 1, json: '{"a":' },
      { type: 'tool-args-delta', index: 1, json: '1}' },
      { type: 'block-end', index: 1 },
      { type: 'block-start', index: 2, block: { kind: 'refusal' } },
      { type: 'refusal-delta', index: 2, text: 'I cannot help with that.' },
      { type: 'block-end', index: 2 },
      { type: 'finish', stopReason: 'content_filter', usage: { inputTokens: 10, outputTokens: 5 } },
    ]);
    const starts = payloads(out).filter((p) => p.type === 'content_block_start');
    expect(starts.map((p) => p.index)).toEqual([0, 1, 2]);
    const message = await sdkFinalMessage(out);
    expect(message.id).toBe('msg_9x');
    expect(message.content).toEqual([
      { type: 'thinking', thinking: 'hmm', signature: 'sig' },
      { type: 'tool_use', id: expect.stringMatching(/^call_1_[0-9a-z]+$/), name: 'f', input: { a: 1 } },
      { type: 'text', text: 'I cannot help with that.' },
    ]);
    expect(message.stop_reason).toBe('refusal');
  });

  it('outputs each event as soon as it is pushed, and closes a block left open at finish', () => {
    const renderer = createAnthropicStreamRenderer(testContext());
    expect(renderer.push({ type: 'message-start', id: 'msg_1', model: 'm' }).map((e) => e.event)).toEqual([
      'message_start',
    ]);
    expect(renderer.push({ type: 'block-start', index: 0, block: { kind: 'text' } })).toHaveLength(1);
    expect(renderer.push({ type: 'text-delta', index: 0, text: 'é' })).toEqual([
      {
        event: 'content_block_delta',
        data: '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"é"}}',
      },
    ]);
    const tail = renderer.push({
      type: 'finish',
      stopReason: 'length',
      usage: { inputTokens: 1, outputTokens: 1 },
    });
    expect(tail.map((e) => e.event)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
  });

  it('carries stop_sequence, zero usage and reasoning tokens in message_delta', () => {
    const out = render([
      { type: 'message-start', id: 'msg_1', model: 'm' },
      {
        type: 'finish',
        stopReason: 'stop_sequence',
        stopSequence: 'FIN',
        usage: { inputTokens: 0, outputTokens: 0, reasoningTokens: 0 },
      },
    ]);
    expect(payloads(out)[1]).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'stop_sequence', stop_sequence: 'FIN' },
      usage: {
        input_tokens: 0,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        output_tokens: 0,
        output_tokens_details: { thinking_tokens: 0 },
      },
    });
  });
});

/**
 * Stream round trip: recorded events → IR → rendered events → IR again gives the same IR.
 * Normalised on the way: an IR error re-read from Anthropic's `error` event has the status of
 * its type and its type as code (Anthropic's error event carries neither status nor code), so
 * errors are compared by type and message.
 */
describe('Anthropic stream round trip', () => {
  it.each(fixtureNames(FORMAT, 'stream'))('%s', async (name) => {
    const first = runParser(createAnthropicStreamParser(testContext()), loadStream(FORMAT, name));
    const rendered = render(first);
    for (const e of rendered) expect(e.event).toBe((JSON.parse(e.data) as { type: string }).type);
    const second = runParser(createAnthropicStreamParser(testContext()), rendered);
    const normalise = (events: IrStreamEvent[]) =>
      events.map((e) =>
        e.type === 'error' ? { type: 'error', errorType: e.error.type, message: e.error.message } : e,
      );
    expect(normalise(second)).toEqual(normalise(first));
    if (first.at(-1)?.type === 'finish') {
      const message = await sdkFinalMessage(rendered);
      const recorded = await sdkFinalMessage(loadStream(FORMAT, name));
      expect(message.content.map(({ type }) => type)).toEqual(recorded.content.map(({ type }) => type));
      expect(message.usage.output_tokens).toBe(recorded.usage.output_tokens);
    }
  });
});

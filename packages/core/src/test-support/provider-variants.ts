// Test-only (not exported from the package): the checks that the provider-variant recordings of
// `provider-variants-*.test.ts` keep their meaning when translated to every format, read by
// Tollway's own parsers and by the official SDKs.
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { API_FORMATS, type ApiFormat } from '../formats/api-format.js';
import { codecFor, createContext } from '../formats/codecs.js';
import type { IrResponse, IrStopReason } from '../formats/ir.js';
import { parseSse, type SseEvent, serializeSse } from '../formats/sse.js';
import { translateStream } from '../formats/translate-stream.js';
import { summarizeStream } from './summarize.js';

/** What a recorded stream or body means, whatever its format. */
export interface Meaning {
  text: string;
  thinking: string;
  toolCalls: Array<{ name: string; arguments: unknown }>;
  stopReason: IrStopReason;
  usage: { inputTokens: number; outputTokens: number; cachedInputTokens?: number };
  /** Thinking signatures, checked on targets that carry them (not Chat). */
  signatures?: string[];
}

/** One recorded stream of a server that is not the reference API of its format. */
export interface StreamVariant {
  name: string;
  from: ApiFormat;
  events: SseEvent[];
  expected: Meaning;
}

/**
 * Wire events from recorded rows: `data` objects become their JSON text, strings (`[DONE]`)
 * stay as they are.
 *
 * @example
 * ```ts
 * recorded([{ data: { choices: [] } }, { data: '[DONE]' }]);
 * // [{ data: '{"choices":[]}' }, { data: '[DONE]' }]
 * ```
 */
export function recorded(rows: Array<{ event?: string; data: unknown }>): SseEvent[] {
  return rows.map((row) => {
    const data = typeof row.data === 'string' ? row.data : JSON.stringify(row.data);
    return row.event === undefined ? { data } : { event: row.event, data };
  });
}

/**
 * Wire events from raw SSE text (comments, missing `event:` lines and all), as {@link parseSse}
 * reads them off a socket.
 *
 * @example
 * ```ts
 * await fromSseText(': OPENROUTER PROCESSING\n\ndata: [DONE]\n\n'); // [{ data: '[DONE]' }]
 * ```
 */
export async function fromSseText(text: string): Promise<SseEvent[]> {
  const out: SseEvent[] = [];
  for await (const event of parseSse([text])) out.push(event);
  return out;
}

/**
 * Every event of a translated stream.
 *
 * @example
 * ```ts
 * const out = await collect(translateStream({ from, to, events }));
 * ```
 */
export async function collect(events: AsyncIterable<SseEvent>): Promise<SseEvent[]> {
  const out: SseEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

/**
 * The stop reason a target can say: only Anthropic has `stop_sequence` and `pause`.
 *
 * @example
 * ```ts
 * stopIn('stop_sequence', 'openai-chat'); // 'stop'
 * ```
 */
export function stopIn(reason: IrStopReason, to: ApiFormat): IrStopReason {
  if (to !== 'anthropic-messages' && (reason === 'stop_sequence' || reason === 'pause')) return 'stop';
  return reason;
}

/**
 * Translates a variant's stream to `to` and checks, with the target's parser, that text,
 * thinking, tool calls, stop reason and usage survived, and that the wire ends with exactly one
 * terminal event and no error. Returns the translated events.
 *
 * @example
 * ```ts
 * await expectStreamMeaning(variant, 'anthropic-messages');
 * ```
 */
export async function expectStreamMeaning(variant: StreamVariant, to: ApiFormat): Promise<SseEvent[]> {
  const out = await collect(translateStream({ from: variant.from, to, events: variant.events }));
  const summary = summarizeStream(to, out);
  const { expected } = variant;
  expect(summary.error).toBeUndefined();
  expect(summary.terminated).toBe(true);
  expect(summary.text).toBe(expected.text);
  expect(summary.thinking).toBe(expected.thinking);
  expect(summary.toolCalls.map(({ name, arguments: a }) => ({ name, arguments: a }))).toEqual(
    expected.toolCalls,
  );
  expect(summary.stopReason).toBe(stopIn(expected.stopReason, to));
  expect(summary.usage?.inputTokens).toBe(expected.usage.inputTokens);
  expect(summary.usage?.outputTokens).toBe(expected.usage.outputTokens);
  expect(summary.usage?.cachedInputTokens ?? 0).toBe(expected.usage.cachedInputTokens ?? 0);
  if (expected.signatures && to !== 'openai-chat') expect(summary.signatures).toEqual(expected.signatures);
  expectOneTerminal(to, out);
  return out;
}

/** The wire ends with exactly one terminal event of the format, and carries no error. */
function expectOneTerminal(format: ApiFormat, events: SseEvent[]): void {
  if (format === 'openai-chat') {
    const chunks = events.filter((e) => e.data !== '[DONE]').map((e) => JSON.parse(e.data));
    expect(events.at(-1)?.data).toBe('[DONE]');
    expect(events.filter((e) => e.data === '[DONE]')).toHaveLength(1);
    expect(chunks.filter((c) => c.error !== undefined)).toEqual([]);
    const finishes = chunks.flatMap((c) =>
      (c.choices ?? []).filter((choice: { finish_reason?: unknown }) => choice.finish_reason != null),
    );
    expect(finishes).toHaveLength(1);
    return;
  }
  // The type is read from the data: some upstreams leave the `event:` lines out.
  const types = events.map((e) => (JSON.parse(e.data) as { type: string }).type);
  const terminal =
    format === 'anthropic-messages' ? ['message_stop'] : ['response.completed', 'response.incomplete'];
  const errors = format === 'anthropic-messages' ? ['error'] : ['error', 'response.failed'];
  expect(types.filter((t) => terminal.includes(t))).toHaveLength(1);
  expect(terminal).toContain(types.at(-1));
  expect(types.filter((t) => errors.includes(t))).toEqual([]);
}

/** A `fetch` that answers every request with the given SSE events. */
function serve(events: SseEvent[]): typeof fetch {
  const body = events.map(serializeSse).join('');
  return async () => new Response(body, { headers: { 'content-type': 'text/event-stream' } });
}

const ANTHROPIC_STOP: Record<IrStopReason, string> = {
  stop: 'end_turn',
  length: 'max_tokens',
  tool_calls: 'tool_use',
  stop_sequence: 'stop_sequence',
  content_filter: 'refusal',
  pause: 'pause_turn',
};

/**
 * Reads translated events with the official SDK of `to` (its stream helper accumulating the
 * final message, as Claude Code, Codex and SDK users do) and checks the meaning it sees.
 *
 * @example
 * ```ts
 * await expectSdkReads(expected, 'openai-responses', await expectStreamMeaning(variant, 'openai-responses'));
 * ```
 */
export async function expectSdkReads(expected: Meaning, to: ApiFormat, events: SseEvent[]): Promise<void> {
  const fetch = serve(events);
  const stop = stopIn(expected.stopReason, to);
  if (to === 'anthropic-messages') {
    const message = await new Anthropic({ apiKey: 'test', fetch, maxRetries: 0 }).messages
      .stream({ model: 'm', max_tokens: 100, messages: [{ role: 'user', content: 'x' }] })
      .finalMessage();
    const text = message.content.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('');
    const thinking = message.content.flatMap((b) => (b.type === 'thinking' ? [b.thinking] : [])).join('');
    const tools = message.content.flatMap((b) =>
      b.type === 'tool_use' ? [{ name: b.name, arguments: b.input }] : [],
    );
    expect({ text, thinking, tools, stop: message.stop_reason }).toEqual({
      text: expected.text,
      thinking: expected.thinking,
      tools: expected.toolCalls,
      stop: ANTHROPIC_STOP[stop],
    });
    const cached = expected.usage.cachedInputTokens ?? 0;
    expect(message.usage.input_tokens + (message.usage.cache_read_input_tokens ?? 0)).toBe(
      expected.usage.inputTokens,
    );
    expect(message.usage.cache_read_input_tokens ?? 0).toBe(cached);
    expect(message.usage.output_tokens).toBe(expected.usage.outputTokens);
    return;
  }
  const client = new OpenAI({ apiKey: 'test', fetch, maxRetries: 0 });
  if (to === 'openai-chat') {
    const completion = await client.chat.completions
      .stream({
        model: 'm',
        messages: [{ role: 'user', content: 'x' }],
        stream_options: { include_usage: true },
      })
      .finalChatCompletion();
    const choice = completion.choices[0]!;
    const tools = (choice.message.tool_calls ?? []).map((c) =>
      c.type === 'function' ? { name: c.function.name, arguments: JSON.parse(c.function.arguments) } : c,
    );
    expect({ text: choice.message.content ?? '', tools, stop: choice.finish_reason }).toEqual({
      text: expected.text,
      tools: expected.toolCalls,
      stop,
    });
    expect(completion.usage?.prompt_tokens).toBe(expected.usage.inputTokens);
    expect(completion.usage?.completion_tokens).toBe(expected.usage.outputTokens);
    return;
  }
  const response = await client.responses.stream({ model: 'm', input: 'x' }).finalResponse();
  const tools = response.output.flatMap((o) =>
    o.type === 'function_call' ? [{ name: o.name, arguments: JSON.parse(o.arguments) }] : [],
  );
  const thinking = response.output
    .flatMap((o) => (o.type === 'reasoning' ? o.summary.map((s) => s.text) : []))
    .join('\n\n');
  expect({ text: response.output_text, thinking, tools }).toEqual({
    text: expected.text,
    thinking: expected.thinking,
    tools: expected.toolCalls,
  });
  expect(response.status).toBe(stop === 'length' || stop === 'content_filter' ? 'incomplete' : 'completed');
  expect(response.usage?.input_tokens).toBe(expected.usage.inputTokens);
  expect(response.usage?.output_tokens).toBe(expected.usage.outputTokens);
}

/**
 * Parses a whole response body with its format's codec (throws on failure: for tests only).
 *
 * @example
 * ```ts
 * responseToIr('openai-chat', completion).stopReason; // 'tool_calls'
 * ```
 */
export function responseToIr(format: ApiFormat, body: unknown): IrResponse {
  const result = codecFor(format).parseResponse(body, createContext());
  if (!result.ok) throw result.error;
  return result.value;
}

/**
 * What a whole response means, in the shape of {@link Meaning}.
 *
 * @example
 * ```ts
 * responseMeaning(responseToIr('openai-chat', completion)).text;
 * ```
 */
export function responseMeaning(ir: IrResponse): Meaning {
  const meaning: Meaning = {
    text: '',
    thinking: '',
    toolCalls: [],
    stopReason: ir.stopReason,
    usage: { inputTokens: ir.usage.inputTokens, outputTokens: ir.usage.outputTokens },
  };
  if (ir.usage.cachedInputTokens) meaning.usage.cachedInputTokens = ir.usage.cachedInputTokens;
  for (const part of ir.content) {
    if (part.type === 'text') meaning.text += part.text;
    else if (part.type === 'thinking') meaning.thinking += part.text;
    else if (part.type === 'tool_call')
      meaning.toolCalls.push({ name: part.name, arguments: JSON.parse(part.arguments || '{}') });
  }
  return meaning;
}

/**
 * Registers the tests every recorded variant gets: its meaning survives translation to each
 * format (read back by that format's parser and, for other formats, by the official SDK), and
 * it passes through to its own format unchanged.
 */
export function describeStreamVariants(variants: StreamVariant[]): void {
  describe.each(variants)('$name', (variant) => {
    it.each(API_FORMATS)('keeps its meaning translated to %s', async (to) => {
      const out = await expectStreamMeaning(variant, to);
      if (to !== variant.from) await expectSdkReads(variant.expected, to, out);
    });

    it('passes through to its own format unchanged', async () => {
      const { from, events } = variant;
      expect(await collect(translateStream({ from, to: from, events }))).toEqual(events);
    });
  });
}

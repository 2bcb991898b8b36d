// What an answer means, whatever its format: the text, the tool calls, why it stopped and the
// tokens it used. End-to-end tests compare meanings, not bytes, across the three formats.
import type { ApiFormat } from '@tollway/core';
import { type RecordedAnswer, recordedEvents, recordedWire } from './recorded-upstream.js';

/** A tool call with its arguments parsed. */
export interface MeaningToolCall {
  id: string;
  name: string;
  arguments: unknown;
}

/** The meaning of one model answer. */
export interface Meaning {
  text: string;
  toolCalls: MeaningToolCall[];
  stop: 'end' | 'tool' | 'length';
  /** Input tokens, cached ones included (as OpenAI counts them), and output tokens. */
  usage: { input: number; output: number };
}

type Json = Record<string, unknown>;
// biome-ignore lint/suspicious/noExplicitAny: wire bodies of three formats are read loosely
type Any = any;

const STOP_OF: Readonly<Record<string, Meaning['stop']>> = {
  stop: 'end',
  end_turn: 'end',
  stop_sequence: 'end',
  tool_calls: 'tool',
  tool_use: 'tool',
  length: 'length',
  max_tokens: 'length',
};

function stopOf(reason: unknown): Meaning['stop'] {
  const stop = typeof reason === 'string' ? STOP_OF[reason] : undefined;
  if (!stop) throw new Error(`unexpected stop reason ${JSON.stringify(reason)}`);
  return stop;
}

function parseArguments(text: unknown): unknown {
  return typeof text === 'string' && text !== '' ? JSON.parse(text) : {};
}

function anthropicInput(usage: Any): number {
  return (
    (usage?.input_tokens ?? 0) +
    (usage?.cache_read_input_tokens ?? 0) +
    (usage?.cache_creation_input_tokens ?? 0)
  );
}

/**
 * The meaning with its tool-call ids blanked: ids are renamed between formats (`toolu_…`,
 * `call_…`), so two meanings are compared without them.
 *
 * @example
 * ```ts
 * expect(idsErased(seen)).toEqual(idsErased(recorded));
 * ```
 */
export function idsErased(meaning: Meaning): Meaning {
  return { ...meaning, toolCalls: meaning.toolCalls.map((call) => ({ ...call, id: '' })) };
}

/**
 * The meaning of a whole answer in `format`: an SDK's result (accumulated or not) or a wire body.
 *
 * @example
 * ```ts
 * meaningOf('openai-chat', await openai.chat.completions.create(params)).text;
 * ```
 */
export function meaningOf(format: ApiFormat, body: Any): Meaning {
  if (format === 'openai-chat') {
    const choice = body.choices[0];
    return {
      text: choice.message.content ?? '',
      toolCalls: (choice.message.tool_calls ?? []).map((call: Any) => ({
        id: call.id,
        name: call.function.name,
        arguments: parseArguments(call.function.arguments),
      })),
      stop: stopOf(choice.finish_reason),
      usage: { input: body.usage?.prompt_tokens ?? 0, output: body.usage?.completion_tokens ?? 0 },
    };
  }
  if (format === 'anthropic-messages') {
    const blocks = body.content as Any[];
    return {
      text: blocks
        .filter((b) => b.type === 'text')
        .map((b) => b.text)
        .join(''),
      toolCalls: blocks
        .filter((b) => b.type === 'tool_use')
        .map((b) => ({ id: b.id, name: b.name, arguments: b.input })),
      stop: stopOf(body.stop_reason),
      usage: { input: anthropicInput(body.usage), output: body.usage?.output_tokens ?? 0 },
    };
  }
  const output = body.output as Any[];
  const toolCalls = output
    .filter((item) => item.type === 'function_call')
    .map((item) => ({ id: item.call_id, name: item.name, arguments: parseArguments(item.arguments) }));
  const stop: Meaning['stop'] =
    body.status === 'incomplete' && body.incomplete_details?.reason === 'max_output_tokens'
      ? 'length'
      : toolCalls.length > 0
        ? 'tool'
        : 'end';
  if (body.status !== 'completed' && stop !== 'length') {
    throw new Error(`response ${body.status}: ${body.error?.message ?? 'no error message'}`);
  }
  return {
    text: output
      .filter((item) => item.type === 'message')
      .flatMap((item) => item.content as Any[])
      .filter((part) => part.type === 'output_text')
      .map((part) => part.text)
      .join(''),
    toolCalls,
    stop,
    usage: { input: body.usage?.input_tokens ?? 0, output: body.usage?.output_tokens ?? 0 },
  };
}

/**
 * The meaning of a recorded answer as the upstream sent it, read straight from the recording:
 * what a client must see, translated or not.
 *
 * @example
 * ```ts
 * recordedMeaning('anthropic-messages', 'tool-call', true).toolCalls[0].name; // 'get_weather'
 * ```
 */
export function recordedMeaning(format: ApiFormat, answer: RecordedAnswer, stream: boolean): Meaning {
  if (!stream) return meaningOf(format, JSON.parse(recordedWire(format, answer, false)));
  return streamMeaning(
    format,
    recordedEvents(format, answer).map((e) => e.data),
  );
}

/**
 * The meaning of a whole stream in `format`, from the parsed `data` of its events in order
 * (`'[DONE]'` allowed).
 *
 * @example
 * ```ts
 * streamMeaning('openai-chat', events.map((e) => (e.data === '[DONE]' ? e.data : JSON.parse(e.data))));
 * ```
 */
export function streamMeaning(format: ApiFormat, events: (Json | '[DONE]')[]): Meaning {
  const data = events.filter((d): d is Json => d !== '[DONE]') as Any[];
  if (format === 'openai-responses') {
    const last = data.at(-1);
    return meaningOf(format, last.response);
  }
  if (format === 'openai-chat') {
    const calls: { id: string; name: string; args: string }[] = [];
    let text = '';
    let finish: unknown;
    let usage: Any;
    for (const chunk of data) {
      if (chunk.usage) usage = chunk.usage;
      const choice = chunk.choices?.[0];
      if (!choice) continue;
      text += choice.delta?.content ?? '';
      for (const call of choice.delta?.tool_calls ?? []) {
        const slot = calls[call.index] ?? { id: '', name: '', args: '' };
        calls[call.index] = {
          id: call.id ?? slot.id,
          name: call.function?.name ?? slot.name,
          args: slot.args + (call.function?.arguments ?? ''),
        };
      }
      finish = choice.finish_reason ?? finish;
    }
    return {
      text,
      toolCalls: calls.map((c) => ({ id: c.id, name: c.name, arguments: parseArguments(c.args) })),
      stop: stopOf(finish),
      usage: { input: usage?.prompt_tokens ?? 0, output: usage?.completion_tokens ?? 0 },
    };
  }
  const blocks: Any[] = [];
  let stop: unknown;
  let input = 0;
  let output = 0;
  for (const event of data) {
    if (event.type === 'message_start') input = anthropicInput(event.message.usage);
    if (event.type === 'content_block_start') blocks[event.index] = { ...event.content_block, json: '' };
    if (event.type === 'content_block_delta') {
      const block = blocks[event.index];
      if (event.delta.type === 'text_delta') block.text += event.delta.text;
      if (event.delta.type === 'input_json_delta') block.json += event.delta.partial_json;
    }
    if (event.type === 'message_delta') {
      stop = event.delta.stop_reason;
      output = event.usage.output_tokens;
      if (event.usage.input_tokens !== undefined) input = anthropicInput(event.usage);
    }
  }
  return meaningOf('anthropic-messages', {
    content: blocks.map((b) => (b.type === 'tool_use' ? { ...b, input: parseArguments(b.json) } : b)),
    stop_reason: stop,
    usage: { input_tokens: input, output_tokens: output },
  });
}

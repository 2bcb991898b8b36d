// Conversations driven through the official SDKs exactly as their users write them: a plain
// question, and a text-and-tool round trip (the model calls a tool, the client sends the result
// back and gets the final text), whole or streamed with the SDKs' accumulating helpers.
import type Anthropic from '@anthropic-ai/sdk';
import type { ApiFormat } from '@tollway/core';
import type OpenAI from 'openai';
import { type Meaning, meaningOf } from './answer-meaning.js';

/** The SDK clients of one buyer proxy. */
export interface SdkClients {
  openai: OpenAI;
  anthropic: Anthropic;
}

/** One call: which API, which model, streamed or not. */
export interface SdkCall {
  format: ApiFormat;
  model: string;
  stream: boolean;
}

/** The tool every round trip offers (the recorded conversations used the same one). */
export const WEATHER_TOOL = {
  name: 'get_weather',
  description: 'Get the current weather for a location.',
  parameters: {
    type: 'object',
    properties: {
      location: { type: 'string', description: 'City and country, e.g. Paris, France' },
      unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
    },
    required: ['location', 'unit'],
    additionalProperties: false,
  },
} as const;

/** A second tool, offered beside {@link WEATHER_TOOL} to invite parallel calls. */
export const TIME_TOOL = {
  name: 'get_current_time',
  description: 'Get the current time in a time zone.',
  parameters: {
    type: 'object',
    properties: { timezone: { type: 'string', description: 'IANA time zone, e.g. Asia/Tokyo' } },
    required: ['timezone'],
    additionalProperties: false,
  },
} as const;

/** What the tool "returns" in every round trip. */
export const WEATHER_RESULT = '{"temperature":21,"condition":"sunny"}';

// biome-ignore lint/suspicious/noExplicitAny: SDK params are built per format and passed through
type Any = any;

/** Sends `messages` (already in the call's format) with the SDK of that format. */
async function send(clients: SdkClients, call: SdkCall, params: Any): Promise<Any> {
  const body = { ...params, model: call.model };
  if (call.format === 'openai-chat') {
    if (!call.stream) return clients.openai.chat.completions.create(body);
    return clients.openai.chat.completions
      .stream({ ...body, stream_options: { include_usage: true } })
      .finalChatCompletion();
  }
  if (call.format === 'openai-responses') {
    if (!call.stream) return clients.openai.responses.create(body);
    return clients.openai.responses.stream(body).finalResponse();
  }
  if (!call.stream) return clients.anthropic.messages.create(body);
  return clients.anthropic.messages.stream(body).finalMessage();
}

/**
 * Asks one question; `maxTokens` caps the answer.
 *
 * @example
 * ```ts
 * const meaning = await ask(clients, { format: 'openai-chat', model: 'm', stream: true }, 'Hello');
 * ```
 */
export async function ask(
  clients: SdkClients,
  call: SdkCall,
  text: string,
  maxTokens?: number,
): Promise<Meaning> {
  const params: Any =
    call.format === 'openai-responses'
      ? { input: text, ...(maxTokens ? { max_output_tokens: maxTokens } : {}) }
      : call.format === 'openai-chat'
        ? {
            messages: [{ role: 'user', content: text }],
            ...(maxTokens ? { max_completion_tokens: maxTokens } : {}),
          }
        : { messages: [{ role: 'user', content: text }], max_tokens: maxTokens ?? 1024 };
  return meaningOf(call.format, await send(clients, call, params));
}

/** Both answers of a {@link toolRoundTrip}. */
export interface RoundTrip {
  /** The answer with the tool call. */
  call: Meaning;
  /** The answer to the tool's result. */
  final: Meaning;
}

/**
 * Offers {@link WEATHER_TOOL} (and {@link TIME_TOOL} with `parallel`) with `text`; sends
 * {@link WEATHER_RESULT} back for every call the model makes, with the assistant's turn as the
 * SDK returned it, and returns both answers.
 *
 * @example
 * ```ts
 * const { call, final } = await toolRoundTrip(clients, { format: 'anthropic-messages', model, stream: false }, 'Call the tool');
 * ```
 */
export async function toolRoundTrip(
  clients: SdkClients,
  call: SdkCall,
  text: string,
  options: { parallel?: boolean } = {},
): Promise<RoundTrip> {
  const offered = options.parallel ? [WEATHER_TOOL, TIME_TOOL] : [WEATHER_TOOL];
  if (call.format === 'openai-chat') {
    const tools = offered.map((tool) => ({ type: 'function', function: tool }));
    const messages: Any[] = [{ role: 'user', content: text }];
    const first = await send(clients, call, { messages, tools });
    const meaning = meaningOf(call.format, first);
    const message = first.choices[0].message;
    messages.push(
      {
        role: 'assistant',
        content: message.content,
        tool_calls: message.tool_calls.map((c: Any) => ({
          id: c.id,
          type: 'function',
          function: { name: c.function.name, arguments: c.function.arguments },
        })),
      },
      ...meaning.toolCalls.map((c) => ({ role: 'tool', tool_call_id: c.id, content: WEATHER_RESULT })),
    );
    return { call: meaning, final: meaningOf(call.format, await send(clients, call, { messages, tools })) };
  }
  if (call.format === 'openai-responses') {
    const tools = offered.map(({ name, description, parameters }) => ({
      type: 'function',
      name,
      description,
      parameters,
      strict: true,
    }));
    const input: Any[] = [{ role: 'user', content: text }];
    const first = await send(clients, call, { input, tools });
    const meaning = meaningOf(call.format, first);
    // The output items go back as they came, as Codex does with `store: false`.
    input.push(
      ...first.output.map(({ parsed_arguments: _parsed, ...item }: Any) => item),
      ...meaning.toolCalls.map((c) => ({
        type: 'function_call_output',
        call_id: c.id,
        output: WEATHER_RESULT,
      })),
    );
    return { call: meaning, final: meaningOf(call.format, await send(clients, call, { input, tools })) };
  }
  const tools = offered.map(({ name, description, parameters }) => ({
    name,
    description,
    input_schema: parameters,
  }));
  const messages: Any[] = [{ role: 'user', content: text }];
  const first = await send(clients, call, { messages, tools, max_tokens: 1024 });
  const meaning = meaningOf(call.format, first);
  messages.push(
    { role: 'assistant', content: first.content },
    {
      role: 'user',
      content: meaning.toolCalls.map((c) => ({
        type: 'tool_result',
        tool_use_id: c.id,
        content: WEATHER_RESULT,
      })),
    },
  );
  return {
    call: meaning,
    final: meaningOf(call.format, await send(clients, call, { messages, tools, max_tokens: 1024 })),
  };
}

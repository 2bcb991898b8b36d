// OpenAI Responses streams in the shapes the reference API sends in less common situations
// (background mode, hosted tools, several summary parts, arguments only in `.done`) and as other
// servers send them (event lines left out, vLLM's gpt-oss reasoning text), translated to every
// format.
import { describe, expect, it } from 'vitest';
import {
  describeStreamVariants,
  fromSseText,
  recorded,
  type StreamVariant,
} from '../test-support/provider-variants.js';
import { streamToIr } from '../test-support/summarize.js';

/**
 * The events of one recorded stream: each payload gets the next `sequence_number`, and each
 * lifecycle event a response object with the fields every one of them repeats.
 */
function responsesStream(base: Record<string, unknown>) {
  let sequence = 0;
  return {
    event({ type, ...fields }: Record<string, unknown> & { type: string }) {
      return { event: type, data: { type, sequence_number: sequence++, ...fields } };
    },
    response(status: string, extra: Record<string, unknown> = {}) {
      return { ...base, status, output: [], usage: null, ...extra };
    },
  };
}

const WEATHER_ARGS = '{"city":"Paris","unit":"celsius"}';

// Background mode with web search: `response.queued`, `keepalive` events, a `web_search_call`
// item at output index 0 before the message at 1, and `response.output_text.annotation.added`.
const webSearch = (() => {
  const s = responsesStream({
    id: 'resp_0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6071',
    object: 'response',
    created_at: 1762951000,
    background: true,
    error: null,
    incomplete_details: null,
    instructions: null,
    model: 'gpt-5-2025-08-07',
    parallel_tool_calls: true,
    reasoning: { effort: 'minimal', summary: null },
    tools: [{ type: 'web_search', search_context_size: 'medium', user_location: { type: 'approximate' } }],
  });
  const msg = 'msg_0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6072';
  const ws = 'ws_0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6073';
  const annotation = {
    type: 'url_citation',
    start_index: 0,
    end_index: 24,
    url: 'https://meteofrance.com/previsions-meteo-france/paris/75000?utm_source=openai',
    title: 'Météo Paris - Météo-France',
  };
  const text = 'Ciel nuageux, 14 °C ☁️ à Paris.';
  const message = {
    id: msg,
    type: 'message',
    status: 'completed',
    content: [{ type: 'output_text', annotations: [annotation], logprobs: [], text }],
    role: 'assistant',
  };
  const search = {
    id: ws,
    type: 'web_search_call',
    status: 'completed',
    action: {
      type: 'search',
      query: 'météo Paris aujourd’hui',
      sources: [{ type: 'url', url: annotation.url }],
    },
  };
  const delta = (d: string) =>
    s.event({
      type: 'response.output_text.delta',
      item_id: msg,
      output_index: 1,
      content_index: 0,
      delta: d,
      logprobs: [],
    });
  return recorded([
    s.event({ type: 'response.created', response: s.response('queued') }),
    s.event({ type: 'response.queued', response: s.response('queued') }),
    s.event({ type: 'keepalive' }),
    s.event({ type: 'response.in_progress', response: s.response('in_progress') }),
    s.event({
      type: 'response.output_item.added',
      output_index: 0,
      item: { id: ws, type: 'web_search_call', status: 'in_progress', action: { type: 'search' } },
    }),
    s.event({ type: 'response.web_search_call.in_progress', output_index: 0, item_id: ws }),
    s.event({ type: 'response.web_search_call.searching', output_index: 0, item_id: ws }),
    s.event({ type: 'keepalive' }),
    s.event({ type: 'response.web_search_call.completed', output_index: 0, item_id: ws }),
    s.event({ type: 'response.output_item.done', output_index: 0, item: search }),
    s.event({
      type: 'response.output_item.added',
      output_index: 1,
      item: { id: msg, type: 'message', status: 'in_progress', content: [], role: 'assistant' },
    }),
    s.event({
      type: 'response.content_part.added',
      item_id: msg,
      output_index: 1,
      content_index: 0,
      part: { type: 'output_text', annotations: [], logprobs: [], text: '' },
    }),
    delta('Ciel nuageux, '),
    delta('14 °C ☁️'),
    s.event({
      type: 'response.output_text.annotation.added',
      item_id: msg,
      output_index: 1,
      content_index: 0,
      annotation_index: 0,
      annotation,
    }),
    delta(' à Paris.'),
    s.event({
      type: 'response.output_text.done',
      item_id: msg,
      output_index: 1,
      content_index: 0,
      text,
      logprobs: [],
    }),
    s.event({
      type: 'response.content_part.done',
      item_id: msg,
      output_index: 1,
      content_index: 0,
      part: message.content[0],
    }),
    s.event({ type: 'response.output_item.done', output_index: 1, item: message }),
    s.event({
      type: 'response.completed',
      response: s.response('completed', {
        output: [search, message],
        usage: {
          input_tokens: 8453,
          input_tokens_details: { cached_tokens: 0 },
          output_tokens: 61,
          output_tokens_details: { reasoning_tokens: 0 },
          total_tokens: 8514,
        },
      }),
    }),
  ]);
})();

// `event:` lines left out (the type only in the data), a reasoning item with two summary parts
// and encrypted content, a call whose arguments come only in `function_call_arguments.done`, and
// a second call whose arguments come only in `output_item.done`.
const REASONING_AND_CALLS = (() => {
  const s = responsesStream({
    id: 'resp_1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f607182',
    object: 'response',
    created_at: 1762951100,
    background: false,
    error: null,
    incomplete_details: null,
    instructions: null,
    model: 'o4-mini-2025-04-16',
    parallel_tool_calls: true,
    reasoning: { effort: 'medium', summary: 'detailed' },
    store: false,
  });
  const rs = 'rs_1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f607183';
  const encrypted = 'gAAAAABo3Kq1Xv9mZ2pN8rT4yW6bQ1cE5fH7jL0kM3nP9sU2vX4zA6dG8iK1oR5tY7wB0eJ3lN6qS9uV2xZ5';
  const parts = [
    '**Planning the lookup**\n\nThe user wants weather and time.',
    '**Two tools**\n\nCall both in parallel.',
  ];
  const fc1 = { id: 'fc_1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f607184', call_id: 'call_Yx3kP9mQ2wE7rT5u' };
  const fc2 = { id: 'fc_1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f607185', call_id: 'call_Zb8nL4vC6xR1sD0f' };
  const reasoning = {
    id: rs,
    type: 'reasoning',
    summary: parts.map((text) => ({ type: 'summary_text', text })),
    encrypted_content: encrypted,
  };
  const call1 = {
    ...fc1,
    type: 'function_call',
    status: 'completed',
    arguments: WEATHER_ARGS,
    name: 'get_weather',
  };
  const call2 = {
    ...fc2,
    type: 'function_call',
    status: 'completed',
    arguments: '{"timezone":"Asia/Tokyo"}',
    name: 'get_time',
  };
  const summaryEvents = parts.flatMap((text, summary_index) => {
    const half = Math.floor(text.length / 2);
    const common = { item_id: rs, output_index: 0, summary_index };
    return [
      s.event({
        type: 'response.reasoning_summary_part.added',
        ...common,
        part: { type: 'summary_text', text: '' },
      }),
      s.event({ type: 'response.reasoning_summary_text.delta', ...common, delta: text.slice(0, half) }),
      s.event({ type: 'response.reasoning_summary_text.delta', ...common, delta: text.slice(half) }),
      s.event({ type: 'response.reasoning_summary_text.done', ...common, text }),
      s.event({
        type: 'response.reasoning_summary_part.done',
        ...common,
        part: { type: 'summary_text', text },
      }),
    ];
  });
  const events = [
    s.event({ type: 'response.created', response: s.response('in_progress') }),
    s.event({ type: 'response.in_progress', response: s.response('in_progress') }),
    s.event({
      type: 'response.output_item.added',
      output_index: 0,
      item: { id: rs, type: 'reasoning', summary: [] },
    }),
    ...summaryEvents,
    s.event({ type: 'response.output_item.done', output_index: 0, item: reasoning }),
    s.event({
      type: 'response.output_item.added',
      output_index: 1,
      item: { ...call1, status: 'in_progress', arguments: '' },
    }),
    s.event({
      type: 'response.function_call_arguments.done',
      item_id: fc1.id,
      output_index: 1,
      arguments: WEATHER_ARGS,
    }),
    s.event({ type: 'response.output_item.done', output_index: 1, item: call1 }),
    s.event({
      type: 'response.output_item.added',
      output_index: 2,
      item: { ...call2, status: 'in_progress', arguments: '' },
    }),
    s.event({ type: 'response.output_item.done', output_index: 2, item: call2 }),
    s.event({
      type: 'response.completed',
      response: s.response('completed', {
        output: [reasoning, call1, call2],
        usage: {
          input_tokens: 1210,
          input_tokens_details: { cached_tokens: 1024 },
          output_tokens: 310,
          output_tokens_details: { reasoning_tokens: 256 },
          total_tokens: 1520,
        },
      }),
    }),
  ];
  return events.map((e) => `data: ${JSON.stringify(e.data)}\n\n`).join('');
})();

// vLLM's Responses API serving gpt-oss: the reasoning comes as `reasoning_text` content
// (`response.reasoning_text.delta`), not as a summary, and the item has no encrypted content.
const vllmReasoningText = (() => {
  const s = responsesStream({
    id: 'resp_7f3e9a1c2b4d4e8f9a0b1c2d3e4f5a6b',
    object: 'response',
    created_at: 1762951200,
    background: false,
    error: null,
    incomplete_details: null,
    instructions: null,
    model: 'openai/gpt-oss-20b',
    parallel_tool_calls: true,
    reasoning: null,
    tools: [],
  });
  const rs = 'rs_4a9c1e7b3d5f4a2c8e6b0d9f1a3c5e7b';
  const msg = 'msg_8b2d4f6a0c1e4b3d9f7a5c3e1b9d7f5a';
  const thought = 'User says bonjour; reply briefly in French.';
  const text = 'Bonjour ! Comment puis-je vous aider ? 😊';
  const reasoning = {
    id: rs,
    type: 'reasoning',
    summary: [],
    content: [{ type: 'reasoning_text', text: thought }],
    encrypted_content: null,
    status: null,
  };
  const message = {
    id: msg,
    type: 'message',
    status: 'completed',
    content: [{ type: 'output_text', annotations: [], logprobs: null, text }],
    role: 'assistant',
  };
  const common = { item_id: rs, output_index: 0, content_index: 0 };
  const textCommon = { item_id: msg, output_index: 1, content_index: 0 };
  return recorded([
    s.event({ type: 'response.created', response: s.response('in_progress') }),
    s.event({ type: 'response.in_progress', response: s.response('in_progress') }),
    s.event({ type: 'response.output_item.added', output_index: 0, item: { ...reasoning, content: [] } }),
    s.event({ type: 'response.content_part.added', ...common, part: { type: 'reasoning_text', text: '' } }),
    s.event({ type: 'response.reasoning_text.delta', ...common, delta: 'User says bonjour; ' }),
    s.event({ type: 'response.reasoning_text.delta', ...common, delta: 'reply briefly in French.' }),
    s.event({ type: 'response.reasoning_text.done', ...common, text: thought }),
    s.event({
      type: 'response.content_part.done',
      ...common,
      part: { type: 'reasoning_text', text: thought },
    }),
    s.event({ type: 'response.output_item.done', output_index: 0, item: reasoning }),
    s.event({
      type: 'response.output_item.added',
      output_index: 1,
      item: { ...message, status: 'in_progress', content: [] },
    }),
    s.event({
      type: 'response.content_part.added',
      ...textCommon,
      part: { type: 'output_text', annotations: [], logprobs: null, text: '' },
    }),
    s.event({ type: 'response.output_text.delta', ...textCommon, delta: 'Bonjour ! ', logprobs: [] }),
    s.event({
      type: 'response.output_text.delta',
      ...textCommon,
      delta: 'Comment puis-je vous aider ? 😊',
      logprobs: [],
    }),
    s.event({ type: 'response.output_text.done', ...textCommon, text, logprobs: [] }),
    s.event({ type: 'response.content_part.done', ...textCommon, part: message.content[0] }),
    s.event({ type: 'response.output_item.done', output_index: 1, item: message }),
    s.event({
      type: 'response.completed',
      response: s.response('completed', {
        output: [reasoning, message],
        usage: {
          input_tokens: 85,
          input_tokens_details: { cached_tokens: 0 },
          output_tokens: 41,
          output_tokens_details: { reasoning_tokens: 0 },
          total_tokens: 126,
        },
      }),
    }),
  ]);
})();

// Cut off by `max_output_tokens`: `response.incomplete`.
const incomplete = (() => {
  const s = responsesStream({
    id: 'resp_2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293',
    object: 'response',
    created_at: 1762951300,
    background: false,
    error: null,
    instructions: null,
    max_output_tokens: 16,
    model: 'gpt-4.1-mini-2025-04-14',
  });
  const msg = 'msg_2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718294';
  const text = 'Il était une fois un 🐉 qui';
  const message = {
    id: msg,
    type: 'message',
    status: 'incomplete',
    content: [{ type: 'output_text', annotations: [], logprobs: [], text }],
    role: 'assistant',
  };
  const common = { item_id: msg, output_index: 0, content_index: 0 };
  return recorded([
    s.event({ type: 'response.created', response: s.response('in_progress', { incomplete_details: null }) }),
    s.event({
      type: 'response.output_item.added',
      output_index: 0,
      item: { ...message, status: 'in_progress', content: [] },
    }),
    s.event({
      type: 'response.content_part.added',
      ...common,
      part: { type: 'output_text', annotations: [], logprobs: [], text: '' },
    }),
    s.event({ type: 'response.output_text.delta', ...common, delta: 'Il était une fois', logprobs: [] }),
    s.event({ type: 'response.output_text.delta', ...common, delta: ' un 🐉 qui', logprobs: [] }),
    s.event({ type: 'response.output_text.done', ...common, text, logprobs: [] }),
    s.event({ type: 'response.content_part.done', ...common, part: message.content[0] }),
    s.event({ type: 'response.output_item.done', output_index: 0, item: message }),
    s.event({
      type: 'response.incomplete',
      response: s.response('incomplete', {
        incomplete_details: { reason: 'max_output_tokens' },
        output: [message],
        usage: {
          input_tokens: 22,
          input_tokens_details: { cached_tokens: 0 },
          output_tokens: 16,
          output_tokens_details: { reasoning_tokens: 0 },
          total_tokens: 38,
        },
      }),
    }),
  ]);
})();

const variants: StreamVariant[] = [
  {
    name: 'background web search: queued, keepalive, web_search_call item, annotation.added',
    from: 'openai-responses',
    events: webSearch,
    expected: {
      text: 'Ciel nuageux, 14 °C ☁️ à Paris.',
      thinking: '',
      toolCalls: [],
      stopReason: 'stop',
      usage: { inputTokens: 8453, outputTokens: 61 },
    },
  },
  {
    name: 'no event lines: two summary parts, arguments only in .done events',
    from: 'openai-responses',
    events: await fromSseText(REASONING_AND_CALLS),
    expected: {
      text: '',
      thinking:
        '**Planning the lookup**\n\nThe user wants weather and time.\n\n**Two tools**\n\nCall both in parallel.',
      toolCalls: [
        { name: 'get_weather', arguments: { city: 'Paris', unit: 'celsius' } },
        { name: 'get_time', arguments: { timezone: 'Asia/Tokyo' } },
      ],
      stopReason: 'tool_calls',
      usage: { inputTokens: 1210, outputTokens: 310, cachedInputTokens: 1024 },
      signatures: ['gAAAAABo3Kq1Xv9mZ2pN8rT4yW6bQ1cE5fH7jL0kM3nP9sU2vX4zA6dG8iK1oR5tY7wB0eJ3lN6qS9uV2xZ5'],
    },
  },
  {
    name: 'vLLM gpt-oss: reasoning_text content instead of a summary',
    from: 'openai-responses',
    events: vllmReasoningText,
    expected: {
      text: 'Bonjour ! Comment puis-je vous aider ? 😊',
      thinking: 'User says bonjour; reply briefly in French.',
      toolCalls: [],
      stopReason: 'stop',
      usage: { inputTokens: 85, outputTokens: 41 },
    },
  },
  {
    name: 'response.incomplete at max_output_tokens',
    from: 'openai-responses',
    events: incomplete,
    expected: {
      text: 'Il était une fois un 🐉 qui',
      thinking: '',
      toolCalls: [],
      stopReason: 'length',
      usage: { inputTokens: 22, outputTokens: 16 },
    },
  },
];

describeStreamVariants(variants);

describe('Responses streams of other shapes', () => {
  it('numbers the message after a skipped web_search_call as the first block', () => {
    const starts = streamToIr('openai-responses', webSearch).filter((e) => e.type === 'block-start');
    expect(starts).toEqual([{ type: 'block-start', index: 0, block: { kind: 'text' } }]);
  });
});

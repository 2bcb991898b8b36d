// Anthropic Messages streams as Anthropic-compatible backends send them (DeepSeek, Kimi and
// MiniMax Anthropic endpoints, Bedrock behind a proxy, OpenAI-to-Anthropic gateways) and as the
// reference API sends them with server tools, translated to every format.
import { describe, expect, it } from 'vitest';
import {
  describeStreamVariants,
  fromSseText,
  recorded,
  type StreamVariant,
} from '../test-support/provider-variants.js';
import { streamToIr } from '../test-support/summarize.js';

/** A recorded row with the SSE event name Anthropic gives it: the payload's `type`. */
function ev(data: Record<string, unknown> & { type: string }) {
  return { event: data.type, data };
}

const PING = ev({ type: 'ping' });
const stop = (index: number) => ev({ type: 'content_block_stop', index });
const text = (index: number, value: string) =>
  ev({ type: 'content_block_delta', index, delta: { type: 'text_delta', text: value } });
const thinking = (index: number, value: string) =>
  ev({ type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking: value } });
const json = (index: number, value: string) =>
  ev({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: value } });
const WEATHER_INPUT = { city: 'Paris', unit: 'celsius' };

// DeepSeek's Anthropic endpoint: `message_start` without any usage, `ping`s between blocks,
// a signed thinking block (`signature_delta`), the whole usage only in `message_delta`.
const deepseek = recorded([
  ev({
    type: 'message_start',
    message: {
      id: '5d3a1c2e-8f4b-4a7d-9e6c-2b1a0f9e8d7c',
      type: 'message',
      role: 'assistant',
      model: 'deepseek-reasoner',
      content: [],
      stop_reason: null,
      stop_sequence: null,
    },
  }),
  ev({
    type: 'content_block_start',
    index: 0,
    content_block: { type: 'thinking', thinking: '', signature: '' },
  }),
  PING,
  thinking(0, 'On me demande '),
  thinking(0, 'une traduction en 日本語.'),
  ev({
    type: 'content_block_delta',
    index: 0,
    delta: { type: 'signature_delta', signature: '5d3a1c2e-8f4b-4a7d-9e6c-2b1a0f9e8d7c' },
  }),
  stop(0),
  PING,
  ev({ type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } }),
  text(1, 'ありがとう'),
  text(1, ' (merci) 🙏'),
  stop(1),
  ev({
    type: 'message_delta',
    delta: { stop_reason: 'end_turn', stop_sequence: null },
    usage: { input_tokens: 58, output_tokens: 143, cache_read_input_tokens: 0 },
  }),
  ev({ type: 'message_stop' }),
]);

// Kimi's Anthropic endpoint: partial usage in `message_start` (no output or cache counters),
// `tool_use` blocks whose `input` is complete in `content_block_start` with no
// `input_json_delta`, cache reads reported only in `message_delta`.
const kimi = recorded([
  ev({
    type: 'message_start',
    message: {
      id: 'chatcmpl-6f1e2d3c4b5a69788796a5b4',
      type: 'message',
      role: 'assistant',
      model: 'kimi-k2-0905-preview',
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 250 },
    },
  }),
  ev({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
  text(0, 'Je lance deux outils.'),
  stop(0),
  ev({
    type: 'content_block_start',
    index: 1,
    content_block: {
      type: 'tool_use',
      id: 'functions.get_weather:0',
      name: 'get_weather',
      input: WEATHER_INPUT,
    },
  }),
  stop(1),
  ev({
    type: 'content_block_start',
    index: 2,
    content_block: {
      type: 'tool_use',
      id: 'functions.get_time:1',
      name: 'get_time',
      input: { timezone: 'Asia/Tokyo' },
    },
  }),
  stop(2),
  ev({
    type: 'message_delta',
    delta: { stop_reason: 'tool_use', stop_sequence: null },
    usage: { input_tokens: 250, output_tokens: 42, cache_read_input_tokens: 1280 },
  }),
  ev({ type: 'message_stop' }),
]);

// MiniMax's Anthropic endpoint: `message_start` usage all zero, the real input only in
// `message_delta`; thinking without a `signature` field at the start, signed by `signature_delta`;
// the tool input in a single `input_json_delta`.
const minimax = recorded([
  ev({
    type: 'message_start',
    message: {
      id: '05f1b7e2a3c4d5e6f708192a3b4c5d6e',
      type: 'message',
      role: 'assistant',
      model: 'MiniMax-M2',
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 0, output_tokens: 0 },
    },
  }),
  ev({ type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '' } }),
  thinking(0, 'Il faut la météo — '),
  thinking(0, 'j’appelle l’outil.'),
  ev({
    type: 'content_block_delta',
    index: 0,
    delta: { type: 'signature_delta', signature: 'ErUBCkYIBhgCIkCr3jK5…minimax' },
  }),
  stop(0),
  ev({
    type: 'content_block_start',
    index: 1,
    content_block: { type: 'tool_use', id: 'call_function_7x2k9m4q1w8e_1', name: 'get_weather', input: {} },
  }),
  json(1, '{"city": "Paris", "unit": "celsius"}'),
  stop(1),
  ev({
    type: 'message_delta',
    delta: { stop_reason: 'tool_use', stop_sequence: null },
    usage: { input_tokens: 812, output_tokens: 96 },
  }),
  ev({ type: 'message_stop' }),
]);

// The reference API with web search: a `server_tool_use` block (with its own input deltas) and a
// `web_search_tool_result` block between text blocks, `citations_delta` on the cited text, and
// `server_tool_use` counters in the usage. The server blocks are dropped; the text blocks after
// them keep their deltas.
const webSearch = recorded([
  ev({
    type: 'message_start',
    message: {
      id: 'msg_01Vx8bN3mQ7kL2pR5tW9yZ4a',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5-20250929',
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: {
        input_tokens: 2210,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        output_tokens: 3,
        service_tier: 'standard',
      },
    },
  }),
  ev({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
  text(0, 'Je cherche la météo. '),
  stop(0),
  ev({
    type: 'content_block_start',
    index: 1,
    content_block: {
      type: 'server_tool_use',
      id: 'srvtoolu_01WYG3ziw53XMcoyKL4XcZmE',
      name: 'web_search',
      input: {},
    },
  }),
  json(1, '{"query": "météo'),
  json(1, ' Paris aujourd’hui"}'),
  stop(1),
  ev({
    type: 'content_block_start',
    index: 2,
    content_block: {
      type: 'web_search_tool_result',
      tool_use_id: 'srvtoolu_01WYG3ziw53XMcoyKL4XcZmE',
      content: [
        {
          type: 'web_search_result',
          title: 'Météo Paris - Météo-France',
          url: 'https://meteofrance.com/previsions-meteo-france/paris/75000',
          encrypted_content: 'EqgfCioIARgBIiQ3YTAwMjY1Mi1mZjM5…',
          page_age: 'November 12, 2025',
        },
      ],
    },
  }),
  stop(2),
  PING,
  ev({ type: 'content_block_start', index: 3, content_block: { type: 'text', text: '' } }),
  ev({
    type: 'content_block_delta',
    index: 3,
    delta: {
      type: 'citations_delta',
      citation: {
        type: 'web_search_result_location',
        cited_text: 'Ciel nuageux, 14 °C…',
        url: 'https://meteofrance.com/previsions-meteo-france/paris/75000',
        title: 'Météo Paris - Météo-France',
        encrypted_index: 'Eo8BCioIAhgBIiQyYjQ0OWJmZi1lNm…',
      },
    },
  }),
  text(3, 'Ciel nuageux, 14 °C ☁️'),
  stop(3),
  ev({ type: 'content_block_start', index: 4, content_block: { type: 'text', text: '' } }),
  text(4, ' à Paris.'),
  stop(4),
  ev({
    type: 'message_delta',
    delta: { stop_reason: 'end_turn', stop_sequence: null },
    usage: {
      input_tokens: 10682,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      output_tokens: 187,
      server_tool_use: { web_search_requests: 1 },
    },
  }),
  ev({ type: 'message_stop' }),
]);

// Bedrock's InvokeModelWithResponseStream chunks re-emitted as SSE by a gateway: no `event:`
// lines (the type is only in the data), `amazon-bedrock-invocationMetrics` on `message_stop`,
// a signed thinking block, a streamed tool call and cache reads.
const BEDROCK = [
  {
    type: 'message_start',
    message: {
      id: 'msg_bdrk_01Hq5XzJ8vN2kR4tY7uW3pLm',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5-20250929',
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: {
        input_tokens: 31,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 4096,
        output_tokens: 4,
      },
    },
  },
  { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
  { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Weather → tool.' } },
  {
    type: 'content_block_delta',
    index: 0,
    delta: { type: 'signature_delta', signature: 'EqQBCkgIBxABGAIiQL7bW3mPn5tKaZkqNm0x…' },
  },
  { type: 'content_block_stop', index: 0 },
  {
    type: 'content_block_start',
    index: 1,
    content_block: {
      type: 'tool_use',
      id: 'toolu_bdrk_01Tz9yXwV8uT7sR6qP5oN4mL',
      name: 'get_weather',
      input: {},
    },
  },
  { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '' } },
  {
    type: 'content_block_delta',
    index: 1,
    delta: { type: 'input_json_delta', partial_json: '{"city": "Pa' },
  },
  {
    type: 'content_block_delta',
    index: 1,
    delta: { type: 'input_json_delta', partial_json: 'ris", "unit": "celsius"}' },
  },
  { type: 'content_block_stop', index: 1 },
  {
    type: 'message_delta',
    delta: { stop_reason: 'tool_use', stop_sequence: null },
    usage: { output_tokens: 77 },
  },
  {
    type: 'message_stop',
    'amazon-bedrock-invocationMetrics': {
      inputTokenCount: 31,
      outputTokenCount: 77,
      invocationLatency: 2394,
      firstByteLatency: 1189,
      cacheReadInputTokenCount: 4096,
      cacheWriteInputTokenCount: 0,
    },
  },
]
  .map((data) => `data: ${JSON.stringify(data)}\n\n`)
  .join('');

// An OpenAI-to-Anthropic gateway in front of a model that said `stop` after calling a tool: the
// `tool_use` block ends with `stop_reason: "end_turn"`. The text block starts with its first text.
const gatewayEndTurn = recorded([
  ev({
    type: 'message_start',
    message: {
      id: 'msg_3f2e1d0c9b8a7f6e5d4c3b2a',
      type: 'message',
      role: 'assistant',
      model: 'gemini-2.5-flash',
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 96, output_tokens: 0 },
    },
  }),
  ev({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: 'Je vérifie' } }),
  text(0, ' la météo.'),
  stop(0),
  ev({
    type: 'content_block_start',
    index: 1,
    content_block: {
      type: 'tool_use',
      id: 'toolu_function-call-13385738393283951620',
      name: 'get_weather',
      input: {},
    },
  }),
  json(1, '{"city": "Paris", "unit": "celsius"}'),
  stop(1),
  ev({
    type: 'message_delta',
    delta: { stop_reason: 'end_turn', stop_sequence: null },
    usage: { input_tokens: 96, output_tokens: 23 },
  }),
  ev({ type: 'message_stop' }),
]);

const WEATHER = { name: 'get_weather', arguments: WEATHER_INPUT };
const TIME = { name: 'get_time', arguments: { timezone: 'Asia/Tokyo' } };

const variants: StreamVariant[] = [
  {
    name: 'DeepSeek: message_start without usage, pings, signature_delta',
    from: 'anthropic-messages',
    events: deepseek,
    expected: {
      text: 'ありがとう (merci) 🙏',
      thinking: 'On me demande une traduction en 日本語.',
      toolCalls: [],
      stopReason: 'stop',
      usage: { inputTokens: 58, outputTokens: 143 },
      signatures: ['5d3a1c2e-8f4b-4a7d-9e6c-2b1a0f9e8d7c'],
    },
  },
  {
    name: 'Kimi: partial message_start usage, tool inputs whole in content_block_start',
    from: 'anthropic-messages',
    events: kimi,
    expected: {
      text: 'Je lance deux outils.',
      thinking: '',
      toolCalls: [WEATHER, TIME],
      stopReason: 'tool_calls',
      usage: { inputTokens: 1530, outputTokens: 42, cachedInputTokens: 1280 },
    },
  },
  {
    name: 'MiniMax: zero usage at the start, thinking signed by signature_delta, one input delta',
    from: 'anthropic-messages',
    events: minimax,
    expected: {
      text: '',
      thinking: 'Il faut la météo — j’appelle l’outil.',
      toolCalls: [WEATHER],
      stopReason: 'tool_calls',
      usage: { inputTokens: 812, outputTokens: 96 },
      signatures: ['ErUBCkYIBhgCIkCr3jK5…minimax'],
    },
  },
  {
    name: 'web search: server_tool_use and web_search_tool_result dropped, citations_delta ignored',
    from: 'anthropic-messages',
    events: webSearch,
    expected: {
      text: 'Je cherche la météo. Ciel nuageux, 14 °C ☁️ à Paris.',
      thinking: '',
      toolCalls: [],
      stopReason: 'stop',
      usage: { inputTokens: 10682, outputTokens: 187 },
    },
  },
  {
    name: 'Bedrock via a gateway: no event lines, invocation metrics, cache reads',
    from: 'anthropic-messages',
    events: await fromSseText(BEDROCK),
    expected: {
      text: '',
      thinking: 'Weather → tool.',
      toolCalls: [WEATHER],
      stopReason: 'tool_calls',
      usage: { inputTokens: 4127, outputTokens: 77, cachedInputTokens: 4096 },
      signatures: ['EqQBCkgIBxABGAIiQL7bW3mPn5tKaZkqNm0x…'],
    },
  },
  {
    name: 'gateway: end_turn after a tool_use block, text in content_block_start',
    from: 'anthropic-messages',
    events: gatewayEndTurn,
    expected: {
      text: 'Je vérifie la météo.',
      thinking: '',
      toolCalls: [WEATHER],
      stopReason: 'tool_calls',
      usage: { inputTokens: 96, outputTokens: 23 },
    },
  },
];

describeStreamVariants(variants);

describe('Anthropic streams of other servers', () => {
  it('number the text blocks after dropped server tool blocks densely', () => {
    const ir = streamToIr('anthropic-messages', webSearch);
    expect(ir.filter((e) => e.type === 'block-start').map((e) => e.index)).toEqual([0, 1, 2]);
    expect(ir.filter((e) => e.type === 'text-delta').map((e) => e.index)).toEqual([0, 1, 2]);
  });
});

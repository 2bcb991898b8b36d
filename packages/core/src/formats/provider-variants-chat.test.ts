// Chat Completions streams as OpenAI-compatible servers other than OpenAI send them (vLLM,
// Ollama, DeepSeek, Groq, Gemini's OpenAI endpoint, OpenRouter, Azure), translated to every format.
import { describe, expect, it } from 'vitest';
import {
  collect,
  describeStreamVariants,
  fromSseText,
  recorded,
  type StreamVariant,
} from '../test-support/provider-variants.js';
import { translateStream } from './translate-stream.js';

/** A chunk envelope: the fields every chunk of one stream repeats, around `choices`. */
function envelope(base: Record<string, unknown>) {
  return (choices: unknown[], extra: Record<string, unknown> = {}) => ({
    data: { ...base, choices, ...extra },
  });
}

const DONE = { data: '[DONE]' };
const WEATHER_ARGS = { city: 'Paris', unit: 'celsius' };

// vLLM 0.9 (Qwen3 with `--reasoning-parser qwen3`), `stream_options.include_usage`: the choices
// carry `stop_reason: null`, the first chunk is the role chunk with empty content, the finish chunk
// has `delta: {content: ""}`, and the usage comes last in a chunk with `choices: []`.
const vllmText = (() => {
  const chunk = envelope({
    id: 'chatcmpl-8f2d3c4b5a6e4f7890abcdef12345678',
    object: 'chat.completion.chunk',
    created: 1762950001,
    model: 'Qwen/Qwen3-8B',
  });
  const delta = (d: Record<string, unknown>) => [
    { index: 0, delta: d, logprobs: null, finish_reason: null, stop_reason: null },
  ];
  return recorded([
    chunk([{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }]),
    chunk(delta({ reasoning_content: 'The user greets' })),
    chunk(delta({ reasoning_content: ' in French; answer in kind ' })),
    chunk(delta({ reasoning_content: 'with a café ☕.' })),
    chunk(delta({ content: 'Bonjour ! ' })),
    chunk(delta({ content: 'Un café ☕ ' })),
    chunk(delta({ content: 'et du 日本語.' })),
    chunk([{ index: 0, delta: { content: '' }, logprobs: null, finish_reason: 'stop', stop_reason: null }]),
    chunk([], {
      usage: { prompt_tokens: 31, total_tokens: 95, completion_tokens: 64, prompt_tokens_details: null },
    }),
    DONE,
  ]);
})();

// vLLM 0.10 with the hermes tool parser: the reasoning twice, in the newer `reasoning` field and
// in the deprecated `reasoning_content` (to be read once), the call's first delta
// has no `arguments`, and the rest of the arguments come in the finish chunk itself.
const vllmTool = (() => {
  const chunk = envelope({
    id: 'chatcmpl-0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a',
    object: 'chat.completion.chunk',
    created: 1762950002,
    model: 'Qwen/Qwen3-32B',
  });
  const delta = (d: Record<string, unknown>, finish: string | null = null) => [
    { index: 0, delta: d, logprobs: null, finish_reason: finish, stop_reason: null },
  ];
  const args = (text: string) => ({ tool_calls: [{ index: 0, function: { arguments: text } }] });
  return recorded([
    chunk([{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }]),
    chunk(delta({ reasoning: 'Météo demandée : ', reasoning_content: 'Météo demandée : ' })),
    chunk(delta({ reasoning: 'appeler get_weather.', reasoning_content: 'appeler get_weather.' })),
    chunk(
      delta({
        tool_calls: [
          {
            id: 'chatcmpl-tool-5e6f7a8b9c0d4e1f8a7b6c5d4e3f2a1b',
            type: 'function',
            index: 0,
            function: { name: 'get_weather' },
          },
        ],
      }),
    ),
    chunk(delta(args('{"city": "'))),
    chunk(delta(args('Paris", "unit": '))),
    chunk(delta(args('"celsius"'))),
    chunk(delta(args('}'), 'tool_calls')),
    chunk([], { usage: { prompt_tokens: 210, total_tokens: 238, completion_tokens: 28 } }),
    DONE,
  ]);
})();

// vLLM cut off by `max_tokens`, usage not asked for.
const vllmLength = (() => {
  const chunk = envelope({
    id: 'chatcmpl-3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a87',
    object: 'chat.completion.chunk',
    created: 1762950003,
    model: 'meta-llama/Llama-3.1-8B-Instruct',
  });
  return recorded([
    chunk([{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }]),
    chunk([{ index: 0, delta: { content: 'Il était une fois' }, logprobs: null, finish_reason: null }]),
    chunk([{ index: 0, delta: { content: ' un 🐉' }, logprobs: null, finish_reason: null }]),
    chunk([{ index: 0, delta: { content: '' }, logprobs: null, finish_reason: 'length', stop_reason: null }]),
    DONE,
  ]);
})();

// Ollama 0.12 `/v1/chat/completions` (qwen3 with thinking): `role` on every delta, `reasoning`
// deltas, `system_fingerprint: "fp_ollama"`, no usage (not asked for).
const ollamaText = (() => {
  const chunk = envelope({
    id: 'chatcmpl-512',
    object: 'chat.completion.chunk',
    created: 1762950100,
    model: 'qwen3:8b',
    system_fingerprint: 'fp_ollama',
  });
  const delta = (d: Record<string, unknown>, finish: string | null = null) => [
    { index: 0, delta: { role: 'assistant', content: '', ...d }, finish_reason: finish },
  ];
  return recorded([
    chunk(delta({ reasoning: 'Okay, the user wants ' })),
    chunk(delta({ reasoning: 'a haiku.' })),
    chunk(delta({ content: 'Sakura falls —\n' })),
    chunk(delta({ content: '桜の花\n' })),
    chunk(delta({ content: 'spring ends 🌸' })),
    chunk(delta({}, 'stop')),
    DONE,
  ]);
})();

// Ollama (0.5-era): a tool call arrives whole in ONE delta, in the same chunk as
// `finish_reason: "stop"` (not "tool_calls").
const ollamaToolStop = (() => {
  const chunk = envelope({
    id: 'chatcmpl-87',
    object: 'chat.completion.chunk',
    created: 1762950101,
    model: 'llama3.1:8b',
    system_fingerprint: 'fp_ollama',
  });
  return recorded([
    chunk([
      {
        index: 0,
        delta: {
          role: 'assistant',
          content: '',
          tool_calls: [
            {
              id: 'call_k3x9q2ab',
              index: 0,
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Paris","unit":"celsius"}' },
            },
          ],
        },
        finish_reason: 'stop',
      },
    ]),
    DONE,
  ]);
})();

// Ollama: two whole calls in one delta, the finish chunk after, and the usage chunk (asked for).
const ollamaParallel = (() => {
  const chunk = envelope({
    id: 'chatcmpl-233',
    object: 'chat.completion.chunk',
    created: 1762950102,
    model: 'qwen3:8b',
    system_fingerprint: 'fp_ollama',
  });
  return recorded([
    chunk([{ index: 0, delta: { role: 'assistant', content: 'Je regarde.' }, finish_reason: null }]),
    chunk([
      {
        index: 0,
        delta: {
          role: 'assistant',
          content: '',
          tool_calls: [
            {
              id: 'call_a1b2c3d4',
              index: 0,
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Paris","unit":"celsius"}' },
            },
            {
              id: 'call_e5f6g7h8',
              index: 1,
              type: 'function',
              function: { name: 'get_time', arguments: '{"timezone":"Asia/Tokyo"}' },
            },
          ],
        },
        finish_reason: null,
      },
    ]),
    chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: 'tool_calls' }]),
    chunk([], { usage: { prompt_tokens: 182, completion_tokens: 47, total_tokens: 229 } }),
    DONE,
  ]);
})();

// Ollama 0.20 (ollama/ollama#15457): two whole calls in separate chunks, BOTH with `index: 0`
// (told apart only by their ids), then the finish chunk.
const ollamaReusedIndex = (() => {
  const chunk = envelope({
    id: 'chatcmpl-604',
    object: 'chat.completion.chunk',
    created: 1762950103,
    model: 'qwen3-coder:30b',
    system_fingerprint: 'fp_ollama',
  });
  const call = (id: string, name: string, args: string) => [
    {
      index: 0,
      delta: {
        role: 'assistant',
        content: '',
        tool_calls: [{ id, index: 0, type: 'function', function: { name, arguments: args } }],
      },
      finish_reason: null,
    },
  ];
  return recorded([
    chunk(call('call_lyywui55', 'get_weather', '{"city":"Paris","unit":"celsius"}')),
    chunk(call('call_0scw2dos', 'get_time', '{"timezone":"Asia/Tokyo"}')),
    chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: 'tool_calls' }]),
    DONE,
  ]);
})();

// DeepSeek `deepseek-reasoner`: `reasoning_content` deltas with `content: null`, then content
// deltas with `reasoning_content: null`, and the usage on the finish chunk itself, with DeepSeek's
// cache counters beside OpenAI's `prompt_tokens_details`.
const deepseekReasoner = (() => {
  const chunk = envelope({
    id: '0f3c8a1e-5b7d-4c2a-9e6f-1a2b3c4d5e6f',
    object: 'chat.completion.chunk',
    created: 1762950200,
    model: 'deepseek-reasoner',
    system_fingerprint: 'fp_7e0991cad4_prod0820_fp8_kvcache',
  });
  const delta = (d: Record<string, unknown>) => [{ index: 0, delta: d, logprobs: null, finish_reason: null }];
  return recorded([
    chunk(delta({ role: 'assistant', content: null, reasoning_content: '' })),
    chunk(delta({ content: null, reasoning_content: 'L’utilisateur' })),
    chunk(delta({ content: null, reasoning_content: ' veut un résumé.' })),
    chunk(delta({ content: 'Voici le résumé', reasoning_content: null })),
    chunk(delta({ content: ' : 短い 📄.', reasoning_content: null })),
    chunk(
      [{ index: 0, delta: { content: '', reasoning_content: null }, logprobs: null, finish_reason: 'stop' }],
      {
        usage: {
          prompt_tokens: 1088,
          completion_tokens: 212,
          total_tokens: 1300,
          prompt_tokens_details: { cached_tokens: 1024 },
          completion_tokens_details: { reasoning_tokens: 180 },
          prompt_cache_hit_tokens: 1024,
          prompt_cache_miss_tokens: 64,
        },
      },
    ),
    DONE,
  ]);
})();

// DeepSeek `deepseek-chat` with a tool: text, then an OpenAI-style streamed call; the usage on
// the finish chunk has only DeepSeek's own cache counters (as its API reference documents them).
const deepseekTool = (() => {
  const chunk = envelope({
    id: '7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d',
    object: 'chat.completion.chunk',
    created: 1762950201,
    model: 'deepseek-chat',
    system_fingerprint: 'fp_feb633d1f5_prod0820_fp8_kvcache',
  });
  const delta = (d: Record<string, unknown>) => [{ index: 0, delta: d, logprobs: null, finish_reason: null }];
  const args = (text: string) => ({ tool_calls: [{ index: 0, function: { arguments: text } }] });
  return recorded([
    chunk(delta({ role: 'assistant', content: '' })),
    chunk(delta({ content: 'Je consulte la météo.' })),
    chunk(
      delta({
        tool_calls: [
          {
            index: 0,
            id: 'call_0_9c3f2a71-5d6e-4b8a-a1f0-2e3d4c5b6a79',
            type: 'function',
            function: { name: 'get_weather', arguments: '' },
          },
        ],
      }),
    ),
    chunk(delta(args('{"'))),
    chunk(delta(args('city": "Paris", "unit'))),
    chunk(delta(args('": "celsius"}'))),
    chunk([{ index: 0, delta: { content: '' }, logprobs: null, finish_reason: 'tool_calls' }], {
      usage: {
        prompt_tokens: 402,
        completion_tokens: 31,
        total_tokens: 433,
        prompt_cache_hit_tokens: 384,
        prompt_cache_miss_tokens: 18,
      },
    }),
    DONE,
  ]);
})();

// Groq: no `usage` field at all; the usage is in `x_groq.usage` of the last chunk (with Groq's
// timing fields), and the first chunk's `x_groq` has only the request id.
const groqText = (() => {
  const chunk = envelope({
    id: 'chatcmpl-7c1a2b3c-4d5e-6f70-8192-a3b4c5d6e7f8',
    object: 'chat.completion.chunk',
    created: 1762950300,
    model: 'llama-3.3-70b-versatile',
    system_fingerprint: 'fp_3f3b593e33',
  });
  return recorded([
    chunk([{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }], {
      x_groq: { id: 'req_01jx4k7m2nfe8t9v6w3y5z0abc' },
    }),
    chunk([{ index: 0, delta: { content: 'Ça roule' }, logprobs: null, finish_reason: null }]),
    chunk([{ index: 0, delta: { content: ' ⚡ très vite.' }, logprobs: null, finish_reason: null }]),
    chunk([{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }], {
      x_groq: {
        id: 'req_01jx4k7m2nfe8t9v6w3y5z0abc',
        usage: {
          queue_time: 0.051837,
          prompt_tokens: 44,
          prompt_time: 0.002296,
          completion_tokens: 9,
          completion_time: 0.032727,
          total_tokens: 53,
          total_time: 0.035023,
        },
      },
    }),
    DONE,
  ]);
})();

// Groq `openai/gpt-oss-20b`: `reasoning` deltas, a call whole in one delta, usage in `x_groq`.
const groqTool = (() => {
  const chunk = envelope({
    id: 'chatcmpl-2b3c4d5e-6f70-8192-a3b4-c5d6e7f80912',
    object: 'chat.completion.chunk',
    created: 1762950301,
    model: 'openai/gpt-oss-20b',
    system_fingerprint: 'fp_e99e93f2ac',
  });
  return recorded([
    chunk([{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }], {
      x_groq: { id: 'req_01jx4m9p3qgf0v1w7x4z6a1bcd' },
    }),
    chunk([
      { index: 0, delta: { reasoning: 'Need weather; call tool.' }, logprobs: null, finish_reason: null },
    ]),
    chunk([
      {
        index: 0,
        delta: {
          tool_calls: [
            {
              id: 'fc_9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Paris","unit":"celsius"}' },
              index: 0,
            },
          ],
        },
        logprobs: null,
        finish_reason: null,
      },
    ]),
    chunk([{ index: 0, delta: {}, logprobs: null, finish_reason: 'tool_calls' }], {
      x_groq: {
        id: 'req_01jx4m9p3qgf0v1w7x4z6a1bcd',
        usage: {
          queue_time: 0.094552,
          prompt_tokens: 156,
          prompt_time: 0.008011,
          completion_tokens: 38,
          completion_time: 0.019868,
          total_tokens: 194,
          total_time: 0.027879,
        },
      },
    }),
    DONE,
  ]);
})();

// Gemini's OpenAI-compatible endpoint: no `index` on the tool call, an id `function-call-…`,
// `finish_reason: "stop"` although a tool was called, empty-string content, usage on the last chunk.
const geminiTool = (() => {
  const chunk = envelope({
    created: 1762950400,
    id: 'kB0vaJ3mN8ePz7IP2sT4mQk',
    model: 'gemini-2.5-flash',
    object: 'chat.completion.chunk',
  });
  return recorded([
    chunk([{ delta: { content: 'Je vérifie la météo à Paris.', role: 'assistant' }, index: 0 }]),
    chunk([
      {
        delta: {
          content: '',
          role: 'assistant',
          tool_calls: [
            {
              function: { arguments: '{"city":"Paris","unit":"celsius"}', name: 'get_weather' },
              id: 'function-call-13385738393283951620',
              type: 'function',
            },
          ],
        },
        finish_reason: 'stop',
        index: 0,
      },
    ]),
    chunk([], { usage: { completion_tokens: 23, prompt_tokens: 96, total_tokens: 119 } }),
    DONE,
  ]);
})();

// Gemini 3: two calls without `index`, each in its own chunk, the first with a thought signature in
// `extra_content`; the finish ("stop") and the usage ride on the second call's chunk.
const geminiParallel = (() => {
  const chunk = envelope({
    created: 1762950401,
    id: 'xH1waN4pQ9fRa8JQ3tU5nRl',
    model: 'gemini-3-pro-preview',
    object: 'chat.completion.chunk',
  });
  return recorded([
    chunk([
      {
        delta: {
          role: 'assistant',
          tool_calls: [
            {
              extra_content: { google: { thought_signature: 'CpwCAdHtim9Xk1vYqRz0…' } },
              function: { arguments: '{"city":"Paris","unit":"celsius"}', name: 'get_weather' },
              id: 'function-call-4622113340912937201',
              type: 'function',
            },
          ],
        },
        index: 0,
      },
    ]),
    chunk(
      [
        {
          delta: {
            role: 'assistant',
            tool_calls: [
              {
                function: { arguments: '{"timezone":"Asia/Tokyo"}', name: 'get_time' },
                id: 'function-call-4622113340912937202',
                type: 'function',
              },
            ],
          },
          finish_reason: 'stop',
          index: 0,
        },
      ],
      {
        usage: {
          completion_tokens: 41,
          prompt_tokens: 120,
          total_tokens: 291,
          completion_tokens_details: { reasoning_tokens: 130 },
        },
      },
    ),
    DONE,
  ]);
})();

// OpenRouter (DeepSeek R1 via a provider): `: OPENROUTER PROCESSING` comments, `reasoning` string
// deltas with `reasoning_details`, `native_finish_reason`, and the usage with `cost` in a last
// chunk with `choices: []`.
const OPENROUTER_REASONING = [
  ': OPENROUTER PROCESSING',
  '',
  ': OPENROUTER PROCESSING',
  '',
  ...[
    {
      role: 'assistant',
      content: '',
      reasoning: 'Hmm, translate ',
      reasoning_details: [{ type: 'reasoning.text', text: 'Hmm, translate ', format: 'unknown', index: 0 }],
    },
    {
      role: 'assistant',
      content: '',
      reasoning: '"hello" to Japanese.',
      reasoning_details: [
        { type: 'reasoning.text', text: '"hello" to Japanese.', format: 'unknown', index: 0 },
      ],
    },
    { role: 'assistant', content: 'こんにちは', reasoning: null },
    { role: 'assistant', content: ' 👋', reasoning: null },
  ].flatMap((delta) => [
    `data: ${JSON.stringify({
      id: 'gen-1762950500-AbCdEfGhIjKlMnOpQrSt',
      provider: 'DeepInfra',
      model: 'deepseek/deepseek-r1-0528',
      object: 'chat.completion.chunk',
      created: 1762950500,
      choices: [{ index: 0, delta, finish_reason: null, native_finish_reason: null, logprobs: null }],
    })}`,
    '',
  ]),
  `data: ${JSON.stringify({
    id: 'gen-1762950500-AbCdEfGhIjKlMnOpQrSt',
    provider: 'DeepInfra',
    model: 'deepseek/deepseek-r1-0528',
    object: 'chat.completion.chunk',
    created: 1762950500,
    choices: [
      {
        index: 0,
        delta: { role: 'assistant', content: '' },
        finish_reason: 'stop',
        native_finish_reason: 'stop',
        logprobs: null,
      },
    ],
  })}`,
  '',
  ': OPENROUTER PROCESSING',
  '',
  `data: ${JSON.stringify({
    id: 'gen-1762950500-AbCdEfGhIjKlMnOpQrSt',
    provider: 'DeepInfra',
    model: 'deepseek/deepseek-r1-0528',
    object: 'chat.completion.chunk',
    created: 1762950500,
    choices: [],
    usage: {
      prompt_tokens: 12,
      completion_tokens: 58,
      total_tokens: 70,
      cost: 0.00013284,
      is_byok: false,
      prompt_tokens_details: { cached_tokens: 0 },
      cost_details: { upstream_inference_cost: null },
      completion_tokens_details: { reasoning_tokens: 52 },
    },
  })}`,
  '',
  'data: [DONE]',
  '',
  '',
].join('\n');

// OpenRouter routing to Anthropic: `toolu_vrtx_…` ids, arguments streamed OpenAI-style,
// `native_finish_reason: "tool_use"`, and cached prompt tokens with `cost`.
const openrouterTool = (() => {
  const chunk = envelope({
    id: 'gen-1762950501-ZyXwVuTsRqPoNmLkJiHg',
    provider: 'Google',
    model: 'anthropic/claude-sonnet-4',
    object: 'chat.completion.chunk',
    created: 1762950501,
  });
  const delta = (d: Record<string, unknown>, finish: string | null = null, native: string | null = null) => [
    {
      index: 0,
      delta: { role: 'assistant', content: '', ...d },
      finish_reason: finish,
      native_finish_reason: native,
      logprobs: null,
    },
  ];
  const args = (text: string) => ({
    content: null,
    tool_calls: [{ index: 0, type: 'function', function: { arguments: text } }],
  });
  return recorded([
    chunk(delta({ content: 'Je vais vérifier.' })),
    chunk(
      delta({
        content: null,
        tool_calls: [
          {
            index: 0,
            id: 'toolu_vrtx_01Kx7bA3mZ9qW2eR5tY8uI0o',
            type: 'function',
            function: { name: 'get_weather', arguments: '' },
          },
        ],
      }),
    ),
    chunk(delta(args('{"city": "Par'))),
    chunk(delta(args('is", "unit": "celsius"}'))),
    chunk(delta({}, 'tool_calls', 'tool_use')),
    chunk([], {
      usage: {
        prompt_tokens: 2140,
        completion_tokens: 64,
        total_tokens: 2204,
        cost: 0.0016872,
        is_byok: false,
        prompt_tokens_details: { cached_tokens: 2048 },
        cost_details: { upstream_inference_cost: null },
        completion_tokens_details: { reasoning_tokens: 0 },
      },
    }),
    DONE,
  ]);
})();

// Azure OpenAI: a first chunk of `prompt_filter_results` only (empty id and model, no choices),
// `content_filter_results` in every choice, an empty delta on the finish chunk, a usage chunk.
const azure = (() => {
  const chunk = envelope({
    id: 'chatcmpl-CbzK1qL8mN3pR5tV7xZ9aB2cD4eF',
    object: 'chat.completion.chunk',
    created: 1762950600,
    model: 'gpt-4o-2024-11-20',
    system_fingerprint: 'fp_ee1d74bde0',
  });
  const safe = { filtered: false, severity: 'safe' };
  const filters = { hate: safe, self_harm: safe, sexual: safe, violence: safe };
  const delta = (d: Record<string, unknown>, finish: string | null = null, results: unknown = filters) => [
    { content_filter_results: results, delta: d, finish_reason: finish, index: 0, logprobs: null },
  ];
  return recorded([
    {
      data: {
        choices: [],
        created: 0,
        id: '',
        model: '',
        object: '',
        prompt_filter_results: [
          {
            prompt_index: 0,
            content_filter_results: { ...filters, jailbreak: { filtered: false, detected: false } },
          },
        ],
      },
    },
    chunk(delta({ content: '', refusal: null, role: 'assistant' }, null, {})),
    chunk(delta({ content: 'Bonjour' })),
    chunk(delta({ content: ' 🇫🇷 !' })),
    chunk(delta({}, 'stop', {})),
    chunk([], {
      usage: {
        completion_tokens: 4,
        prompt_tokens: 19,
        total_tokens: 23,
        prompt_tokens_details: { audio_tokens: 0, cached_tokens: 0 },
        completion_tokens_details: {
          accepted_prediction_tokens: 0,
          audio_tokens: 0,
          reasoning_tokens: 0,
          rejected_prediction_tokens: 0,
        },
      },
    }),
    DONE,
  ]);
})();

const WEATHER = { name: 'get_weather', arguments: WEATHER_ARGS };
const TIME = { name: 'get_time', arguments: { timezone: 'Asia/Tokyo' } };

const variants: StreamVariant[] = [
  {
    name: 'vLLM: reasoning_content, stop_reason null, usage chunk',
    from: 'openai-chat',
    events: vllmText,
    expected: {
      text: 'Bonjour ! Un café ☕ et du 日本語.',
      thinking: 'The user greets in French; answer in kind with a café ☕.',
      toolCalls: [],
      stopReason: 'stop',
      usage: { inputTokens: 31, outputTokens: 64 },
    },
  },
  {
    name: 'vLLM: reasoning, tool call without first arguments, last arguments in the finish chunk',
    from: 'openai-chat',
    events: vllmTool,
    expected: {
      text: '',
      thinking: 'Météo demandée : appeler get_weather.',
      toolCalls: [WEATHER],
      stopReason: 'tool_calls',
      usage: { inputTokens: 210, outputTokens: 28 },
    },
  },
  {
    name: 'vLLM: finish_reason length, no usage',
    from: 'openai-chat',
    events: vllmLength,
    expected: {
      text: 'Il était une fois un 🐉',
      thinking: '',
      toolCalls: [],
      stopReason: 'length',
      usage: { inputTokens: 0, outputTokens: 0 },
    },
  },
  {
    name: 'Ollama: role on every delta, reasoning deltas, no usage',
    from: 'openai-chat',
    events: ollamaText,
    expected: {
      text: 'Sakura falls —\n桜の花\nspring ends 🌸',
      thinking: 'Okay, the user wants a haiku.',
      toolCalls: [],
      stopReason: 'stop',
      usage: { inputTokens: 0, outputTokens: 0 },
    },
  },
  {
    name: 'Ollama: whole tool call and finish_reason "stop" in one chunk',
    from: 'openai-chat',
    events: ollamaToolStop,
    expected: {
      text: '',
      thinking: '',
      toolCalls: [WEATHER],
      stopReason: 'tool_calls',
      usage: { inputTokens: 0, outputTokens: 0 },
    },
  },
  {
    name: 'Ollama: two whole tool calls in one delta, usage chunk',
    from: 'openai-chat',
    events: ollamaParallel,
    expected: {
      text: 'Je regarde.',
      thinking: '',
      toolCalls: [WEATHER, TIME],
      stopReason: 'tool_calls',
      usage: { inputTokens: 182, outputTokens: 47 },
    },
  },
  {
    name: 'Ollama: two whole calls in separate chunks, both index 0',
    from: 'openai-chat',
    events: ollamaReusedIndex,
    expected: {
      text: '',
      thinking: '',
      toolCalls: [WEATHER, TIME],
      stopReason: 'tool_calls',
      usage: { inputTokens: 0, outputTokens: 0 },
    },
  },
  {
    name: 'DeepSeek: reasoning_content / content nulls, usage on the finish chunk',
    from: 'openai-chat',
    events: deepseekReasoner,
    expected: {
      text: 'Voici le résumé : 短い 📄.',
      thinking: 'L’utilisateur veut un résumé.',
      toolCalls: [],
      stopReason: 'stop',
      usage: { inputTokens: 1088, outputTokens: 212, cachedInputTokens: 1024 },
    },
  },
  {
    name: 'DeepSeek: tool call, usage with prompt_cache_hit_tokens only',
    from: 'openai-chat',
    events: deepseekTool,
    expected: {
      text: 'Je consulte la météo.',
      thinking: '',
      toolCalls: [WEATHER],
      stopReason: 'tool_calls',
      usage: { inputTokens: 402, outputTokens: 31, cachedInputTokens: 384 },
    },
  },
  {
    name: 'Groq: usage only in x_groq.usage',
    from: 'openai-chat',
    events: groqText,
    expected: {
      text: 'Ça roule ⚡ très vite.',
      thinking: '',
      toolCalls: [],
      stopReason: 'stop',
      usage: { inputTokens: 44, outputTokens: 9 },
    },
  },
  {
    name: 'Groq: reasoning, whole tool call, usage in x_groq',
    from: 'openai-chat',
    events: groqTool,
    expected: {
      text: '',
      thinking: 'Need weather; call tool.',
      toolCalls: [WEATHER],
      stopReason: 'tool_calls',
      usage: { inputTokens: 156, outputTokens: 38 },
    },
  },
  {
    name: 'Gemini: tool call without index, finish_reason "stop"',
    from: 'openai-chat',
    events: geminiTool,
    expected: {
      text: 'Je vérifie la météo à Paris.',
      thinking: '',
      toolCalls: [WEATHER],
      stopReason: 'tool_calls',
      usage: { inputTokens: 96, outputTokens: 23 },
    },
  },
  {
    name: 'Gemini: two calls without index in separate chunks, finish and usage on the last',
    from: 'openai-chat',
    events: geminiParallel,
    expected: {
      text: '',
      thinking: '',
      toolCalls: [WEATHER, TIME],
      stopReason: 'tool_calls',
      usage: { inputTokens: 120, outputTokens: 41 },
    },
  },
  {
    name: 'OpenRouter: processing comments, reasoning deltas, usage with cost',
    from: 'openai-chat',
    events: await fromSseText(OPENROUTER_REASONING),
    expected: {
      text: 'こんにちは 👋',
      thinking: 'Hmm, translate "hello" to Japanese.',
      toolCalls: [],
      stopReason: 'stop',
      usage: { inputTokens: 12, outputTokens: 58 },
    },
  },
  {
    name: 'OpenRouter: Anthropic tool ids, native_finish_reason, cached usage',
    from: 'openai-chat',
    events: openrouterTool,
    expected: {
      text: 'Je vais vérifier.',
      thinking: '',
      toolCalls: [WEATHER],
      stopReason: 'tool_calls',
      usage: { inputTokens: 2140, outputTokens: 64, cachedInputTokens: 2048 },
    },
  },
  {
    name: 'Azure: prompt filter chunk first, content_filter_results in choices',
    from: 'openai-chat',
    events: azure,
    expected: {
      text: 'Bonjour 🇫🇷 !',
      thinking: '',
      toolCalls: [],
      stopReason: 'stop',
      usage: { inputTokens: 19, outputTokens: 4 },
    },
  },
];

describeStreamVariants(variants);

describe('Chat streams of other servers', () => {
  it("take the message id and model from Azure's first chunk with choices", async () => {
    const out = await collect(
      translateStream({ from: 'openai-chat', to: 'anthropic-messages', events: azure }),
    );
    expect(JSON.parse(out[0]!.data).message).toMatchObject({
      id: 'msg_CbzK1qL8mN3pR5tV7xZ9aB2cD4eF',
      model: 'gpt-4o-2024-11-20',
    });
  });

  it('tell Claude Code to run the tool of a stop-finished Ollama call', async () => {
    const out = await collect(
      translateStream({ from: 'openai-chat', to: 'anthropic-messages', events: ollamaToolStop }),
    );
    const delta = out.find((e) => e.event === 'message_delta');
    expect(JSON.parse(delta!.data).delta.stop_reason).toBe('tool_use');
  });
});

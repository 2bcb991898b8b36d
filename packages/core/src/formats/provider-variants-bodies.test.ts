// Whole (non-streaming) response bodies as servers other than the reference APIs send them
// (Ollama, vLLM, DeepSeek, Groq, Gemini's OpenAI endpoint, a bare local server, Anthropic-compatible
// endpoints), translated to every format.
import { describe, expect, it } from 'vitest';
import { type Meaning, responseMeaning, responseToIr, stopIn } from '../test-support/provider-variants.js';
import { API_FORMATS, type ApiFormat } from './api-format.js';
import { translateResponse } from './translate-response.js';

interface BodyVariant {
  name: string;
  from: ApiFormat;
  body: Record<string, unknown>;
  expected: Meaning;
}

const WEATHER = { name: 'get_weather', arguments: { city: 'Paris', unit: 'celsius' } };
const WEATHER_ARGS = '{"city":"Paris","unit":"celsius"}';

const variants: BodyVariant[] = [
  {
    name: 'Ollama: content "" beside tool_calls, finish_reason "stop"',
    from: 'openai-chat',
    body: {
      id: 'chatcmpl-341',
      object: 'chat.completion',
      created: 1762952000,
      model: 'llama3.1:8b',
      system_fingerprint: 'fp_ollama',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: '',
            tool_calls: [
              {
                id: 'call_q8w2e4r6',
                index: 0,
                type: 'function',
                function: { name: 'get_weather', arguments: WEATHER_ARGS },
              },
            ],
          },
          finish_reason: 'stop',
        },
      ],
      usage: { prompt_tokens: 182, completion_tokens: 25, total_tokens: 207 },
    },
    expected: {
      text: '',
      thinking: '',
      toolCalls: [WEATHER],
      stopReason: 'tool_calls',
      usage: { inputTokens: 182, outputTokens: 25 },
    },
  },
  {
    name: 'Ollama: reasoning field',
    from: 'openai-chat',
    body: {
      id: 'chatcmpl-77',
      object: 'chat.completion',
      created: 1762952001,
      model: 'qwen3:8b',
      system_fingerprint: 'fp_ollama',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'Bonjour ! 👋', reasoning: 'The user greets me in French.' },
          finish_reason: 'stop',
        },
      ],
      usage: { prompt_tokens: 14, completion_tokens: 52, total_tokens: 66 },
    },
    expected: {
      text: 'Bonjour ! 👋',
      thinking: 'The user greets me in French.',
      toolCalls: [],
      stopReason: 'stop',
      usage: { inputTokens: 14, outputTokens: 52 },
    },
  },
  {
    name: 'vLLM: reasoning_content, null extras, empty tool_calls, stop_reason',
    from: 'openai-chat',
    body: {
      id: 'chatcmpl-8f2d3c4b5a6e4f7890abcdef12345678',
      object: 'chat.completion',
      created: 1762952002,
      model: 'Qwen/Qwen3-8B',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            reasoning_content: 'Short answer in Japanese.',
            content: 'こんにちは、日本語です 🇯🇵',
            refusal: null,
            annotations: null,
            audio: null,
            function_call: null,
            tool_calls: [],
          },
          logprobs: null,
          finish_reason: 'stop',
          stop_reason: null,
        },
      ],
      service_tier: null,
      system_fingerprint: null,
      usage: { prompt_tokens: 31, total_tokens: 95, completion_tokens: 64, prompt_tokens_details: null },
      prompt_logprobs: null,
      prompt_token_ids: null,
      kv_transfer_params: null,
    },
    expected: {
      text: 'こんにちは、日本語です 🇯🇵',
      thinking: 'Short answer in Japanese.',
      toolCalls: [],
      stopReason: 'stop',
      usage: { inputTokens: 31, outputTokens: 64 },
    },
  },
  {
    name: 'vLLM: content null with a tool call, stop_reason as a token id',
    from: 'openai-chat',
    body: {
      id: 'chatcmpl-0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a',
      object: 'chat.completion',
      created: 1762952003,
      model: 'meta-llama/Llama-3.1-8B-Instruct',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            reasoning_content: null,
            content: null,
            tool_calls: [
              {
                id: 'chatcmpl-tool-5e6f7a8b9c0d4e1f8a7b6c5d4e3f2a1b',
                type: 'function',
                function: { name: 'get_weather', arguments: '{"city": "Paris", "unit": "celsius"}' },
              },
            ],
          },
          logprobs: null,
          finish_reason: 'tool_calls',
          stop_reason: 128008,
        },
      ],
      usage: { prompt_tokens: 210, total_tokens: 238, completion_tokens: 28, prompt_tokens_details: null },
      prompt_logprobs: null,
    },
    expected: {
      text: '',
      thinking: '',
      toolCalls: [WEATHER],
      stopReason: 'tool_calls',
      usage: { inputTokens: 210, outputTokens: 28 },
    },
  },
  {
    name: 'DeepSeek: reasoning_content and cache hit counters',
    from: 'openai-chat',
    body: {
      id: '0f3c8a1e-5b7d-4c2a-9e6f-1a2b3c4d5e6f',
      object: 'chat.completion',
      created: 1762952004,
      model: 'deepseek-reasoner',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: 'Voici le résumé : 短い 📄.',
            reasoning_content: 'L’utilisateur veut un résumé.',
          },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: {
        prompt_tokens: 1088,
        completion_tokens: 212,
        total_tokens: 1300,
        prompt_tokens_details: { cached_tokens: 1024 },
        completion_tokens_details: { reasoning_tokens: 180 },
        prompt_cache_hit_tokens: 1024,
        prompt_cache_miss_tokens: 64,
      },
      system_fingerprint: 'fp_7e0991cad4_prod0820_fp8_kvcache',
    },
    expected: {
      text: 'Voici le résumé : 短い 📄.',
      thinking: 'L’utilisateur veut un résumé.',
      toolCalls: [],
      stopReason: 'stop',
      usage: { inputTokens: 1088, outputTokens: 212, cachedInputTokens: 1024 },
    },
  },
  {
    name: 'Groq: x_groq and timing fields in usage',
    from: 'openai-chat',
    body: {
      id: 'chatcmpl-7c1a2b3c-4d5e-6f70-8192-a3b4c5d6e7f8',
      object: 'chat.completion',
      created: 1762952005,
      model: 'llama-3.3-70b-versatile',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'Ça roule ⚡' },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: {
        queue_time: 0.051837,
        prompt_tokens: 44,
        prompt_time: 0.002296,
        completion_tokens: 5,
        completion_time: 0.018181,
        total_tokens: 49,
        total_time: 0.020477,
      },
      usage_breakdown: null,
      system_fingerprint: 'fp_3f3b593e33',
      x_groq: { id: 'req_01jx4k7m2nfe8t9v6w3y5z0abc' },
      service_tier: 'on_demand',
    },
    expected: {
      text: 'Ça roule ⚡',
      thinking: '',
      toolCalls: [],
      stopReason: 'stop',
      usage: { inputTokens: 44, outputTokens: 5 },
    },
  },
  {
    name: 'Gemini: no content key, function-call id, finish_reason "stop"',
    from: 'openai-chat',
    body: {
      choices: [
        {
          finish_reason: 'stop',
          index: 0,
          message: {
            role: 'assistant',
            tool_calls: [
              {
                function: { arguments: WEATHER_ARGS, name: 'get_weather' },
                id: 'function-call-13385738393283951620',
                type: 'function',
              },
            ],
          },
        },
      ],
      created: 1762952006,
      id: 'kB0vaJ3mN8ePz7IP2sT4mQk',
      model: 'gemini-2.5-flash',
      object: 'chat.completion',
      usage: { completion_tokens: 23, prompt_tokens: 96, total_tokens: 119 },
    },
    expected: {
      text: '',
      thinking: '',
      toolCalls: [WEATHER],
      stopReason: 'tool_calls',
      usage: { inputTokens: 96, outputTokens: 23 },
    },
  },
  {
    name: 'a bare local server: no usage, no created, no object',
    from: 'openai-chat',
    body: {
      id: 'chatcmpl-local-1',
      model: 'local-model',
      choices: [{ message: { role: 'assistant', content: 'Salut 🙂' }, finish_reason: 'stop' }],
    },
    expected: {
      text: 'Salut 🙂',
      thinking: '',
      toolCalls: [],
      stopReason: 'stop',
      usage: { inputTokens: 0, outputTokens: 0 },
    },
  },
  {
    name: 'DeepSeek Anthropic endpoint: signed thinking, usage without cache counters',
    from: 'anthropic-messages',
    body: {
      id: '5d3a1c2e-8f4b-4a7d-9e6c-2b1a0f9e8d7c',
      type: 'message',
      role: 'assistant',
      model: 'deepseek-reasoner',
      content: [
        {
          type: 'thinking',
          thinking: 'On me demande une traduction.',
          signature: '5d3a1c2e-8f4b-4a7d-9e6c-2b1a0f9e8d7c',
        },
        { type: 'text', text: 'ありがとう (merci) 🙏' },
      ],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 58, output_tokens: 143 },
    },
    expected: {
      text: 'ありがとう (merci) 🙏',
      thinking: 'On me demande une traduction.',
      toolCalls: [],
      stopReason: 'stop',
      usage: { inputTokens: 58, outputTokens: 143 },
    },
  },
  {
    name: 'Anthropic gateway: end_turn beside a tool_use block, no usage',
    from: 'anthropic-messages',
    body: {
      id: 'msg_3f2e1d0c9b8a7f6e5d4c3b2a',
      type: 'message',
      role: 'assistant',
      model: 'gemini-2.5-flash',
      content: [
        { type: 'text', text: 'Je vérifie la météo.' },
        {
          type: 'tool_use',
          id: 'toolu_function-call-13385738393283951620',
          name: 'get_weather',
          input: { city: 'Paris', unit: 'celsius' },
        },
      ],
      stop_reason: 'end_turn',
      stop_sequence: null,
    },
    expected: {
      text: 'Je vérifie la météo.',
      thinking: '',
      toolCalls: [WEATHER],
      stopReason: 'tool_calls',
      usage: { inputTokens: 0, outputTokens: 0 },
    },
  },
  {
    name: 'vLLM Responses: reasoning_text content, no encrypted content',
    from: 'openai-responses',
    body: {
      id: 'resp_7f3e9a1c2b4d4e8f9a0b1c2d3e4f5a6b',
      object: 'response',
      created_at: 1762952007,
      model: 'openai/gpt-oss-20b',
      status: 'completed',
      error: null,
      incomplete_details: null,
      output: [
        {
          id: 'rs_4a9c1e7b3d5f4a2c8e6b0d9f1a3c5e7b',
          type: 'reasoning',
          summary: [],
          content: [{ type: 'reasoning_text', text: 'Need the weather tool.' }],
          encrypted_content: null,
          status: null,
        },
        {
          id: 'fc_8b2d4f6a0c1e4b3d9f7a5c3e1b9d7f5a',
          type: 'function_call',
          call_id: 'call_8b2d4f6a0c1e4b3d',
          name: 'get_weather',
          arguments: WEATHER_ARGS,
          status: 'completed',
        },
      ],
      parallel_tool_calls: true,
      tools: [],
      usage: {
        input_tokens: 85,
        input_tokens_details: { cached_tokens: 0 },
        output_tokens: 41,
        output_tokens_details: { reasoning_tokens: 0 },
        total_tokens: 126,
      },
    },
    expected: {
      text: '',
      thinking: 'Need the weather tool.',
      toolCalls: [WEATHER],
      stopReason: 'tool_calls',
      usage: { inputTokens: 85, outputTokens: 41 },
    },
  },
];

describe.each(variants)('$name', (variant) => {
  it.each(API_FORMATS)('keeps its meaning translated to %s', (to) => {
    const result = translateResponse({ from: variant.from, to, body: variant.body });
    if (!result.ok) throw result.error;
    expect(responseMeaning(responseToIr(to, result.body))).toEqual({
      ...variant.expected,
      stopReason: stopIn(variant.expected.stopReason, to),
    });
  });
});

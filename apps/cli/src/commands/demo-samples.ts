// Sample traffic for `tollway demo`: an OpenAI Chat stream in the shape the API sends (text, one
// tool call with its arguments split over several chunks, the usage tail) and a Claude Code
// style Anthropic request.

const chunk = (choices: unknown[], usage: unknown = null) =>
  JSON.stringify({
    id: 'chatcmpl-demo1',
    object: 'chat.completion.chunk',
    created: 1763900000,
    model: 'gpt-4o-mini-2024-07-18',
    system_fingerprint: 'fp_demo',
    choices,
    usage,
  });

const delta = (d: Record<string, unknown>, finish: string | null = null) => [
  { index: 0, delta: d, logprobs: null, finish_reason: finish },
];

const tool = (fn: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  tool_calls: [{ index: 0, ...extra, function: fn }],
});

export const SAMPLE_CHAT_STREAM = [
  chunk(delta({ role: 'assistant', content: '', refusal: null })),
  chunk(delta({ content: 'Let me check the weather in ' })),
  chunk(delta({ content: 'Zürich ☀️.' })),
  chunk(delta(tool({ name: 'get_weather', arguments: '' }, { id: 'call_demo42', type: 'function' }))),
  chunk(delta(tool({ arguments: '{"city":' }))),
  chunk(delta(tool({ arguments: '"Zürich"}' }))),
  chunk(delta({}, 'tool_calls')),
  chunk([], {
    prompt_tokens: 61,
    completion_tokens: 24,
    total_tokens: 85,
    prompt_tokens_details: { cached_tokens: 0 },
  }),
  '[DONE]',
]
  .map((data) => `data: ${data}\n\n`)
  .join('');

export const SAMPLE_ANTHROPIC_REQUEST = {
  model: 'claude-sonnet-4-5',
  max_tokens: 1024,
  system: [{ type: 'text', text: 'You are a concise assistant.', cache_control: { type: 'ephemeral' } }],
  messages: [{ role: 'user', content: 'What is the weather in Zürich?' }],
  tools: [
    {
      name: 'get_weather',
      description: 'Current weather for a city',
      input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    },
  ],
  tool_choice: { type: 'auto' },
  stream: true,
};

/**
 * Lenient zod schemas of the OpenAI Chat Completions wire format: request body, response body,
 * stream chunk and error body. Unknown keys are kept (`z.looseObject`); only what the
 * translation relies on is checked. Content parts, tools and tool calls of a type the codec does
 * not map parse as `{ type: 'unknown' }`, to be dropped with a warning rather than rejected.
 */
import { z } from 'zod';
import { stringOrArray, taggedObject } from './chat-schema-helpers.js';

/** A number the API also accepts as `null` (meaning: not given). */
const optionalNumber = z.number().nullish();

/** `{ type: 'text', text }`. */
const ChatTextPart = z.looseObject({ type: z.literal('text'), text: z.string() });

/** `{ type: 'image_url', image_url: { url, detail? } }`; `url` may be a `data:` URL. */
const ChatImagePart = z.looseObject({
  type: z.literal('image_url'),
  image_url: z.looseObject({ url: z.string(), detail: z.string().nullish() }),
});

/** `{ type: 'file', file: { file_data?, file_id?, filename? } }`. */
const ChatFilePart = z.looseObject({
  type: z.literal('file'),
  file: z.looseObject({
    file_data: z.string().nullish(),
    file_id: z.string().nullish(),
    filename: z.string().nullish(),
  }),
});

/** `{ type: 'refusal', refusal }` (assistant content). */
const ChatRefusalPart = z.looseObject({ type: z.literal('refusal'), refusal: z.string() });

const textPart = taggedObject({ text: ChatTextPart });
const userPart = taggedObject({ text: ChatTextPart, image_url: ChatImagePart, file: ChatFilePart });
const assistantPart = taggedObject({ text: ChatTextPart, refusal: ChatRefusalPart });

/** A function call made by the model; `type` may be missing (some clients leave it out). */
const ChatFunctionToolCall = z.looseObject({
  id: z.string(),
  type: z.literal('function').optional(),
  function: z.looseObject({ name: z.string(), arguments: z.string().nullish() }),
});

/** A tool call of any type: function calls are validated, others (`custom`) are dropped later. */
const toolCall = taggedObject({ function: ChatFunctionToolCall }, 'function');

const name = z.string().nullish();

/** The Chat message roles Tollway translates (`function` is deprecated and dropped). */
const ChatMessage = z.discriminatedUnion('role', [
  z.looseObject({ role: z.literal('system'), content: stringOrArray(textPart), name }),
  z.looseObject({ role: z.literal('developer'), content: stringOrArray(textPart), name }),
  z.looseObject({ role: z.literal('user'), content: stringOrArray(userPart), name }),
  z.looseObject({
    role: z.literal('assistant'),
    content: stringOrArray(assistantPart).nullish(),
    tool_calls: z.array(toolCall).nullish(),
    refusal: z.string().nullish(),
    /** DeepSeek / vLLM reasoning text (not part of OpenAI's API). */
    reasoning_content: z.string().nullish(),
    /** OpenRouter / newer vLLM reasoning text; only a string is used. */
    reasoning: z.unknown().optional(),
    name,
  }),
  z.looseObject({
    role: z.literal('tool'),
    tool_call_id: z.string(),
    content: stringOrArray(userPart),
  }),
  z.looseObject({ role: z.literal('function') }),
]);

/** A function tool definition. */
const ChatFunctionTool = z.looseObject({
  type: z.literal('function'),
  function: z.looseObject({
    name: z.string(),
    description: z.string().nullish(),
    parameters: z.record(z.string(), z.unknown()).nullish(),
    strict: z.boolean().nullish(),
  }),
});

/** `tool_choice`: a mode, a named function, or another kind (`allowed_tools`, `custom`). */
const ChatToolChoice = z.union([
  z.enum(['none', 'auto', 'required']),
  taggedObject({
    function: z.looseObject({ type: z.literal('function'), function: z.looseObject({ name: z.string() }) }),
    allowed_tools: z.looseObject({
      type: z.literal('allowed_tools'),
      allowed_tools: z.looseObject({ mode: z.string() }),
    }),
  }),
]);

/** `response_format`. */
const ChatResponseFormat = taggedObject({
  text: z.looseObject({ type: z.literal('text') }),
  json_object: z.looseObject({ type: z.literal('json_object') }),
  json_schema: z.looseObject({
    type: z.literal('json_schema'),
    json_schema: z.looseObject({
      name: z.string(),
      description: z.string().nullish(),
      schema: z.record(z.string(), z.unknown()).nullish(),
      strict: z.boolean().nullish(),
    }),
  }),
});

/** A `POST /v1/chat/completions` body. */
export const ChatRequest = z.looseObject({
  model: z.string(),
  messages: z.array(ChatMessage),
  tools: z.array(taggedObject({ function: ChatFunctionTool })).nullish(),
  tool_choice: ChatToolChoice.nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  max_completion_tokens: optionalNumber,
  max_tokens: optionalNumber,
  temperature: optionalNumber,
  top_p: optionalNumber,
  n: optionalNumber,
  stop: z.union([z.string(), z.array(z.string())]).nullish(),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
  reasoning_effort: z.string().nullish(),
  response_format: ChatResponseFormat.nullish(),
  user: z.string().nullish(),
});

/** `usage` of a completion or of the last stream chunk. Servers omit parts of it freely. */
export const ChatUsage = z.looseObject({
  prompt_tokens: optionalNumber,
  completion_tokens: optionalNumber,
  total_tokens: optionalNumber,
  prompt_tokens_details: z.looseObject({ cached_tokens: optionalNumber }).nullish(),
  completion_tokens_details: z.looseObject({ reasoning_tokens: optionalNumber }).nullish(),
  /** DeepSeek's count of cached prompt tokens (it may send no `prompt_tokens_details`). */
  prompt_cache_hit_tokens: optionalNumber,
});

/** A `chat.completion` body. */
export const ChatResponse = z.looseObject({
  id: z.string(),
  created: optionalNumber,
  model: z.string(),
  choices: z
    .array(
      z.looseObject({
        index: optionalNumber,
        message: z.looseObject({
          content: stringOrArray(assistantPart).nullish(),
          refusal: z.string().nullish(),
          tool_calls: z.array(toolCall).nullish(),
          reasoning_content: z.string().nullish(),
          reasoning: z.unknown().optional(),
          annotations: z.array(z.unknown()).nullish(),
        }),
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1, 'expected at least one choice'),
  usage: ChatUsage.nullish(),
});

/** One `tool_calls` entry of a stream delta; only the first one of a call has `id` and `name`. */
const ChatDeltaToolCall = z.looseObject({
  index: optionalNumber,
  id: z.string().nullish(),
  function: z.looseObject({ name: z.string().nullish(), arguments: z.string().nullish() }).nullish(),
});

/** A `chat.completion.chunk` (one stream event). */
export const ChatChunk = z.looseObject({
  id: z.string().nullish(),
  created: optionalNumber,
  model: z.string().nullish(),
  choices: z
    .array(
      z.looseObject({
        index: optionalNumber,
        delta: z
          .looseObject({
            content: z.string().nullish(),
            reasoning_content: z.string().nullish(),
            reasoning: z.unknown().optional(),
            refusal: z.string().nullish(),
            tool_calls: z.array(ChatDeltaToolCall).nullish(),
          })
          .nullish(),
        finish_reason: z.string().nullish(),
      }),
    )
    .nullish(),
  usage: ChatUsage.nullish(),
  /** Groq: its own envelope, whose `usage` on the last chunk stands in for the missing `usage`. */
  x_groq: z.looseObject({ usage: ChatUsage.nullish() }).nullish().catch(undefined),
});

/** The `error` object of an error body or of an in-stream error chunk. */
export const ChatErrorObject = z.looseObject({
  message: z.string().nullish(),
  type: z.string().nullish(),
  code: z.union([z.string(), z.number()]).nullish(),
  param: z.string().nullish(),
  /** Not OpenAI's: the HTTP status, which Tollway adds to in-stream errors (whose chunk has none). */
  status: z.number().int().min(100).max(599).nullish().catch(undefined),
});

export type ChatRequestBody = z.output<typeof ChatRequest>;
export type ChatUsageBody = z.output<typeof ChatUsage>;
export type ChatResponseBody = z.output<typeof ChatResponse>;
export type ChatChunkBody = z.output<typeof ChatChunk>;
export type ChatErrorObjectBody = z.output<typeof ChatErrorObject>;

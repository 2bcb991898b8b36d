/**
 * zod schemas of the Anthropic Messages wire format (request body, response body, stream event
 * data), as `@anthropic-ai/sdk` `resources/messages` defines them. Lenient on purpose: objects
 * keep unknown keys, only what the translation reads is validated, and unknown block, tool,
 * delta and event types pass as {@link UnknownBlock} so that the translation can drop them with
 * a warning instead of failing.
 */
import { z } from 'zod';
import { openUnion, stringOr } from './anthropic-schema-helpers.js';

const cacheControl = z.record(z.string(), z.unknown()).nullish();

const base64Source = z.looseObject({ type: z.literal('base64'), media_type: z.string(), data: z.string() });
const urlSource = z.looseObject({ type: z.literal('url'), url: z.string() });
const fileSource = z.looseObject({ type: z.literal('file'), file_id: z.string() });
/** A plain-text document source (`media_type: text/plain`). */
const plainTextSource = z.looseObject({ type: z.literal('text'), data: z.string() });
/** A document made of content blocks. */
const contentSource = z.looseObject({ type: z.literal('content'), content: z.unknown() });

const textBlock = z.looseObject({
  type: z.literal('text'),
  text: z.string(),
  cache_control: cacheControl,
  citations: z.array(z.unknown()).nullish(),
});

const imageBlock = z.looseObject({
  type: z.literal('image'),
  source: z.discriminatedUnion('type', [base64Source, urlSource, fileSource]),
  cache_control: cacheControl,
});

const documentBlock = z.looseObject({
  type: z.literal('document'),
  source: z.discriminatedUnion('type', [base64Source, urlSource, fileSource, plainTextSource, contentSource]),
  title: z.string().nullish(),
  context: z.string().nullish(),
  citations: z.unknown().optional(),
  cache_control: cacheControl,
});

const toolUseBlock = z.looseObject({
  type: z.literal('tool_use'),
  id: z.string(),
  name: z.string(),
  input: z.unknown(),
  cache_control: cacheControl,
});

const toolResultBlock = z.looseObject({
  type: z.literal('tool_result'),
  tool_use_id: z.string(),
  content: stringOr(
    z.array(openUnion({ text: textBlock, image: imageBlock, document: documentBlock })),
  ).optional(),
  is_error: z.boolean().nullish(),
  cache_control: cacheControl,
});

const thinkingBlock = z.looseObject({
  type: z.literal('thinking'),
  thinking: z.string(),
  signature: z.string().nullish(),
});

const redactedThinkingBlock = z.looseObject({ type: z.literal('redacted_thinking'), data: z.string() });

/** Any content block of a message or a response (unknown types become {@link UnknownBlock}). */
export const anthropicContentBlockSchema = openUnion({
  text: textBlock,
  image: imageBlock,
  document: documentBlock,
  tool_use: toolUseBlock,
  tool_result: toolResultBlock,
  thinking: thinkingBlock,
  redacted_thinking: redactedThinkingBlock,
});

/** A content block as the schema outputs it. */
export type AnthropicContentBlock = z.output<typeof anthropicContentBlockSchema>;
/** A text block. */
export type AnthropicTextBlock = z.output<typeof textBlock>;
/** An image block. */
export type AnthropicImageBlock = z.output<typeof imageBlock>;
/** A document block. */
export type AnthropicDocumentBlock = z.output<typeof documentBlock>;
/** A tool result block. */
export type AnthropicToolResultBlock = z.output<typeof toolResultBlock>;

const message = z.looseObject({
  // `system` messages are in the SDK's `MessageParam` union; they become IR system messages.
  role: z.enum(['user', 'assistant', 'system']),
  content: stringOr(z.array(anthropicContentBlockSchema)),
});

const customTool = z.looseObject({
  name: z.string(),
  description: z.string().nullish(),
  input_schema: z.record(z.string(), z.unknown()),
  cache_control: cacheControl,
  strict: z.boolean().nullish(),
});

/** A server or versioned client tool (`web_search_20250305`, `bash_20250124`, …): not mappable. */
export interface AnthropicTypedTool {
  kind: 'typed';
  type: string;
  name?: string;
}

const tool = z
  .looseObject({ type: z.string().nullish() })
  .transform((value, ctx): (z.output<typeof customTool> & { kind: 'custom' }) | AnthropicTypedTool => {
    if (value.type != null && value.type !== 'custom') {
      return {
        kind: 'typed',
        type: value.type,
        ...(typeof value.name === 'string' ? { name: value.name } : {}),
      };
    }
    const parsed = customTool.safeParse(value);
    if (parsed.success) return { ...parsed.data, kind: 'custom' };
    for (const issue of parsed.error.issues) {
      ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    }
    return z.NEVER;
  });

const parallelFlag = { disable_parallel_tool_use: z.boolean().nullish() };

const toolChoice = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('auto'), ...parallelFlag }),
  z.looseObject({ type: z.literal('any'), ...parallelFlag }),
  z.looseObject({ type: z.literal('tool'), name: z.string(), ...parallelFlag }),
  z.looseObject({ type: z.literal('none') }),
]);

const thinkingConfig = openUnion({
  enabled: z.looseObject({
    type: z.literal('enabled'),
    budget_tokens: z.number(),
    display: z.string().nullish(),
  }),
  disabled: z.looseObject({ type: z.literal('disabled') }),
  adaptive: z.looseObject({ type: z.literal('adaptive'), display: z.string().nullish() }),
});

/** The thinking configuration as the schema outputs it. */
export type AnthropicThinkingConfig = z.output<typeof thinkingConfig>;

const jsonOutputFormat = z.looseObject({
  type: z.literal('json_schema'),
  schema: z.record(z.string(), z.unknown()),
});

const outputConfig = z.looseObject({
  effort: z.string().nullish(),
  format: jsonOutputFormat.nullish(),
});

/** The output configuration as the schema outputs it. */
export type AnthropicOutputConfig = z.output<typeof outputConfig>;

/** `POST /v1/messages` request body. */
export const anthropicRequestSchema = z.looseObject({
  model: z.string(),
  max_tokens: z.number().nullish(),
  messages: z.array(message),
  system: stringOr(z.array(textBlock)).optional(),
  metadata: z.looseObject({ user_id: z.string().nullish() }).nullish(),
  stop_sequences: z.array(z.string()).nullish(),
  stream: z.boolean().nullish(),
  temperature: z.number().nullish(),
  top_p: z.number().nullish(),
  top_k: z.number().nullish(),
  tools: z.array(tool).nullish(),
  tool_choice: toolChoice.nullish(),
  thinking: thinkingConfig.nullish(),
  output_config: outputConfig.nullish(),
  /** The structured-outputs beta's top-level spelling of `output_config.format`. */
  output_format: jsonOutputFormat.nullish(),
});

/** A request body as the schema outputs it. */
export type AnthropicRequest = z.output<typeof anthropicRequestSchema>;

/** Usage counters, as in a message, `message_start` or `message_delta` (all optional: backends differ). */
export const anthropicUsageSchema = z.looseObject({
  input_tokens: z.number().nullish(),
  output_tokens: z.number().nullish(),
  cache_creation_input_tokens: z.number().nullish(),
  cache_read_input_tokens: z.number().nullish(),
  output_tokens_details: z.looseObject({ thinking_tokens: z.number().nullish() }).nullish(),
});

/** Usage counters as the schema outputs them. */
export type AnthropicUsage = z.output<typeof anthropicUsageSchema>;

/** A whole `Message` response body. */
export const anthropicResponseSchema = z.looseObject({
  id: z.string().nullish(),
  type: z.literal('message').optional(),
  role: z.literal('assistant').optional(),
  model: z.string(),
  content: z.array(anthropicContentBlockSchema),
  stop_reason: z.string().nullish(),
  stop_sequence: z.string().nullish(),
  usage: anthropicUsageSchema.nullish(),
});

/** A response body as the schema outputs it. */
export type AnthropicResponse = z.output<typeof anthropicResponseSchema>;

const index = z.number().int().nonnegative();

/** The data of one stream event (unknown event types become {@link UnknownBlock}). */
export const anthropicStreamEventSchema = openUnion({
  message_start: z.looseObject({
    type: z.literal('message_start'),
    message: z.looseObject({
      id: z.string().nullish(),
      model: z.string().nullish(),
      usage: anthropicUsageSchema.nullish(),
    }),
  }),
  content_block_start: z.looseObject({
    type: z.literal('content_block_start'),
    index,
    content_block: openUnion({
      text: z.looseObject({ type: z.literal('text'), text: z.string().nullish() }),
      thinking: z.looseObject({
        type: z.literal('thinking'),
        thinking: z.string().nullish(),
        signature: z.string().nullish(),
      }),
      redacted_thinking: redactedThinkingBlock,
      tool_use: z.looseObject({
        type: z.literal('tool_use'),
        id: z.string(),
        name: z.string(),
        input: z.unknown(),
      }),
    }),
  }),
  content_block_delta: z.looseObject({
    type: z.literal('content_block_delta'),
    index,
    delta: openUnion({
      text_delta: z.looseObject({ type: z.literal('text_delta'), text: z.string() }),
      input_json_delta: z.looseObject({ type: z.literal('input_json_delta'), partial_json: z.string() }),
      thinking_delta: z.looseObject({ type: z.literal('thinking_delta'), thinking: z.string() }),
      signature_delta: z.looseObject({ type: z.literal('signature_delta'), signature: z.string() }),
    }),
  }),
  content_block_stop: z.looseObject({ type: z.literal('content_block_stop'), index }),
  message_delta: z.looseObject({
    type: z.literal('message_delta'),
    delta: z
      .looseObject({ stop_reason: z.string().nullish(), stop_sequence: z.string().nullish() })
      .nullish(),
    usage: anthropicUsageSchema.nullish(),
  }),
  message_stop: z.looseObject({ type: z.literal('message_stop') }),
  error: z.looseObject({
    type: z.literal('error'),
    error: z.looseObject({ type: z.string().nullish(), message: z.string().nullish() }).nullish(),
  }),
});

/** One stream event's data as the schema outputs it. */
export type AnthropicStreamEvent = z.output<typeof anthropicStreamEventSchema>;

/** An error body, `{"type":"error","error":{"type","message"},"request_id"}`. */
export const anthropicErrorBodySchema = z.looseObject({
  type: z.literal('error').optional(),
  error: z.looseObject({
    type: z.string(),
    message: z.string().nullish(),
    details: z.looseObject({ error_code: z.string().nullish() }).nullish(),
  }),
});

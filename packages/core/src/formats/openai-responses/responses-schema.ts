/**
 * Lenient zod schemas of the OpenAI Responses wire format (`POST /v1/responses`): the request
 * body, the response body and the stream events. Unknown keys are kept; only what the
 * translation relies on is validated. Items, content parts and tools of a type the translation
 * does not map are accepted as `{ kind: 'unknown' }`, so that they can be dropped with a warning
 * instead of failing validation.
 */
import { z } from 'zod';

/** `{ kind, value }` for each schema of `schemas`, or `kind: 'unknown'` for any other type. */
type Dispatched<M extends Record<string, z.ZodType>> =
  | { [K in keyof M & string]: { kind: K; value: z.output<M[K]> } }[keyof M & string]
  | { kind: 'unknown'; type: string; value: Record<string, unknown> };

/**
 * An object validated by the schema its `type` names (as chosen by `typeOf`), with issues that
 * name the exact field (`input.1.call_id`) rather than "no union member matched".
 */
function byType<M extends Record<string, z.ZodType>>(
  schemas: M,
  typeOf: (value: Record<string, unknown>) => string,
) {
  return z.looseObject({ type: z.string().nullish() }).transform((value, ctx): Dispatched<M> => {
    const type = typeOf(value);
    const schema = Object.hasOwn(schemas, type) ? schemas[type] : undefined;
    if (!schema) return { kind: 'unknown', type, value };
    const parsed = schema.safeParse(value);
    if (parsed.success) return { kind: type, value: parsed.data } as Dispatched<M>;
    for (const issue of parsed.error.issues)
      ctx.issues.push({ ...issue, input: value } as z.core.$ZodRawIssue);
    return z.NEVER;
  });
}

/**
 * A string, or a value of `schema` (whose issues keep their exact path, unlike a union's).
 */
function stringOr<S extends z.ZodType>(schema: S) {
  return z.unknown().transform((value, ctx): string | z.output<S> => {
    if (typeof value === 'string') return value;
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues)
      ctx.issues.push({ ...issue, input: value } as z.core.$ZodRawIssue);
    return z.NEVER;
  });
}

const typeField = (value: Record<string, unknown>): string =>
  typeof value.type === 'string' ? value.type : '';

// ── Content parts ────────────────────────────────────────────────────────────

const inputTextSchema = z.looseObject({ type: z.literal('input_text'), text: z.string() });
const inputImageSchema = z.looseObject({
  type: z.literal('input_image'),
  image_url: z.string().nullish(),
  file_id: z.string().nullish(),
  detail: z.string().nullish(),
});
const inputFileSchema = z.looseObject({
  type: z.literal('input_file'),
  file_data: z.string().nullish(),
  file_url: z.string().nullish(),
  file_id: z.string().nullish(),
  filename: z.string().nullish(),
});
const outputTextSchema = z.looseObject({
  type: z.literal('output_text'),
  text: z.string(),
  annotations: z.array(z.unknown()).nullish(),
});
const refusalSchema = z.looseObject({ type: z.literal('refusal'), refusal: z.string() });

/** A content part of an input message (any role) or of a function call output. */
export const responsesContentPartSchema = byType(
  {
    input_text: inputTextSchema,
    input_image: inputImageSchema,
    input_file: inputFileSchema,
    output_text: outputTextSchema,
    refusal: refusalSchema,
  },
  typeField,
);
/** A parsed content part, tagged by `kind`. */
export type ResponsesContentPart = z.output<typeof responsesContentPartSchema>;

// ── Input items ──────────────────────────────────────────────────────────────

const messageItemSchema = z.looseObject({
  type: z.literal('message').nullish(),
  role: z.enum(['user', 'assistant', 'system', 'developer']),
  content: stringOr(z.array(responsesContentPartSchema)),
  id: z.string().nullish(),
});

const functionCallItemSchema = z.looseObject({
  type: z.literal('function_call'),
  call_id: z.string(),
  name: z.string(),
  arguments: z.string(),
  id: z.string().nullish(),
  status: z.string().nullish(),
});

const functionCallOutputItemSchema = z.looseObject({
  type: z.literal('function_call_output'),
  call_id: z.string(),
  output: stringOr(z.array(responsesContentPartSchema)),
});

/** A call of a freeform (`type: "custom"`) tool: its input is raw text, not JSON. */
const customToolCallItemSchema = z.looseObject({
  type: z.literal('custom_tool_call'),
  call_id: z.string(),
  name: z.string(),
  input: z.string(),
  id: z.string().nullish(),
});

const customToolCallOutputItemSchema = z.looseObject({
  type: z.literal('custom_tool_call_output'),
  call_id: z.string(),
  output: stringOr(z.array(responsesContentPartSchema)),
});

const textEntrySchema = z.looseObject({ type: z.string().nullish(), text: z.string() });

const reasoningItemSchema = z.looseObject({
  type: z.literal('reasoning'),
  id: z.string().nullish(),
  summary: z.array(textEntrySchema).nullish(),
  content: z.array(textEntrySchema).nullish(),
  encrypted_content: z.string().nullish(),
});
/** A parsed `reasoning` item. */
export type ResponsesReasoningItem = z.output<typeof reasoningItemSchema>;

const itemReferenceSchema = z.looseObject({ type: z.string().nullish(), id: z.string() });

/**
 * The type of an input item. A message may omit `type` (`EasyInputMessage`); an item
 * reference may too (`{ id }`).
 */
function inputItemType(value: Record<string, unknown>): string {
  if (typeof value.type === 'string') return value.type;
  if ('role' in value) return 'message';
  return 'item_reference';
}

/** One item of the request `input` list. */
export const responsesInputItemSchema = byType(
  {
    message: messageItemSchema,
    function_call: functionCallItemSchema,
    function_call_output: functionCallOutputItemSchema,
    custom_tool_call: customToolCallItemSchema,
    custom_tool_call_output: customToolCallOutputItemSchema,
    reasoning: reasoningItemSchema,
    item_reference: itemReferenceSchema,
  },
  inputItemType,
);
/** A parsed input item, tagged by `kind`. */
export type ResponsesInputItem = z.output<typeof responsesInputItemSchema>;

// ── Tools, tool choice, text format ──────────────────────────────────────────

const functionToolSchema = z.looseObject({
  type: z.literal('function'),
  name: z.string(),
  description: z.string().nullish(),
  parameters: z.record(z.string(), z.unknown()).nullish(),
  strict: z.boolean().nullish(),
});

/** A freeform tool (Codex `apply_patch`): the model writes raw text, optionally under a grammar. */
const customToolSchema = z.looseObject({
  type: z.literal('custom'),
  name: z.string(),
  description: z.string().nullish(),
  format: z.looseObject({ type: z.string() }).nullish(),
});

/** A tool definition: function and custom tools are mapped, hosted tools are `unknown`. */
export const responsesToolSchema = byType(
  { function: functionToolSchema, custom: customToolSchema },
  typeField,
);

const toolChoiceSchema = z.union([
  z.enum(['none', 'auto', 'required']),
  z.looseObject({ type: z.string(), name: z.string().nullish() }),
]);

const textFormatSchema = byType(
  {
    text: z.looseObject({ type: z.literal('text') }),
    json_object: z.looseObject({ type: z.literal('json_object') }),
    json_schema: z.looseObject({
      type: z.literal('json_schema'),
      name: z.string(),
      schema: z.record(z.string(), z.unknown()),
      strict: z.boolean().nullish(),
      description: z.string().nullish(),
    }),
  },
  typeField,
);

// ── Request ──────────────────────────────────────────────────────────────────

/** The request body of `POST /v1/responses`. A string `input` becomes one user message item. */
export const responsesRequestSchema = z.looseObject({
  model: z.string(),
  input: z
    .preprocess(
      (input) => (typeof input === 'string' ? [{ type: 'message', role: 'user', content: input }] : input),
      z.array(responsesInputItemSchema),
    )
    .optional(),
  instructions: z.string().nullish(),
  tools: z.array(responsesToolSchema).nullish(),
  tool_choice: toolChoiceSchema.nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  max_output_tokens: z.number().nullish(),
  temperature: z.number().nullish(),
  top_p: z.number().nullish(),
  stream: z.boolean().nullish(),
  reasoning: z
    .looseObject({
      effort: z.string().nullish(),
      summary: z.string().nullish(),
      generate_summary: z.string().nullish(),
    })
    .nullish(),
  text: z.looseObject({ format: textFormatSchema.nullish(), verbosity: z.string().nullish() }).nullish(),
  user: z.string().nullish(),
});
/** A parsed request body. */
export type ResponsesRequest = z.output<typeof responsesRequestSchema>;

// ── Response ─────────────────────────────────────────────────────────────────

/** `usage` of a response. */
export const responsesUsageSchema = z.looseObject({
  input_tokens: z.number(),
  output_tokens: z.number(),
  input_tokens_details: z
    .looseObject({ cached_tokens: z.number().nullish(), cache_write_tokens: z.number().nullish() })
    .nullish(),
  output_tokens_details: z.looseObject({ reasoning_tokens: z.number().nullish() }).nullish(),
  total_tokens: z.number().nullish(),
});
/** A parsed `usage` object. */
export type ResponsesUsage = z.output<typeof responsesUsageSchema>;

const outputMessageSchema = z.looseObject({
  type: z.literal('message'),
  id: z.string().nullish(),
  role: z.string().nullish(),
  content: z.array(responsesContentPartSchema),
});

/** One item of a response's `output`. */
export const responsesOutputItemSchema = byType(
  { message: outputMessageSchema, function_call: functionCallItemSchema, reasoning: reasoningItemSchema },
  typeField,
);
/** A parsed output item, tagged by `kind`. */
export type ResponsesOutputItem = z.output<typeof responsesOutputItemSchema>;

/** `error` of a failed response. */
const responseErrorSchema = z.looseObject({ code: z.string().nullish(), message: z.string().nullish() });

/** A response object (`object: "response"`), whole or inside a stream event. */
export const responsesResponseSchema = z.looseObject({
  id: z.string(),
  model: z.string(),
  created_at: z.number().nullish(),
  status: z.string().nullish(),
  output: z.array(responsesOutputItemSchema),
  incomplete_details: z.looseObject({ reason: z.string().nullish() }).nullish(),
  error: responseErrorSchema.nullish(),
  usage: responsesUsageSchema.nullish(),
});

// ── Stream events ────────────────────────────────────────────────────────────

/**
 * The response object inside lifecycle events, read leniently: a failed or in-progress response
 * may lack fields a finished one has, and a terminal event must still end the stream.
 */
const streamResponseSchema = z.looseObject({
  id: z.string().nullish(),
  model: z.string().nullish(),
  created_at: z.number().nullish(),
  status: z.string().nullish(),
  output: z.array(responsesOutputItemSchema).nullish(),
  incomplete_details: z.looseObject({ reason: z.string().nullish() }).nullish(),
  error: responseErrorSchema.nullish(),
  usage: responsesUsageSchema.nullish(),
});
/** The response object of a lifecycle stream event. */
export type ResponsesStreamResponse = z.output<typeof streamResponseSchema>;

const withResponse = <T extends string>(type: T) =>
  z.looseObject({ type: z.literal(type), response: streamResponseSchema });
const itemEvent = <T extends string>(type: T) =>
  z.looseObject({ type: z.literal(type), output_index: z.number(), item: responsesOutputItemSchema });
const partEvent = <T extends string>(type: T) =>
  z.looseObject({
    type: z.literal(type),
    output_index: z.number(),
    content_index: z.number(),
    part: z.looseObject({ type: z.string(), text: z.string().nullish(), refusal: z.string().nullish() }),
  });
const contentDeltaEvent = <T extends string>(type: T) =>
  z.looseObject({
    type: z.literal(type),
    output_index: z.number(),
    content_index: z.number(),
    delta: z.string(),
  });

/** The stream events the translation reads; any other event type is `unknown` (ignored). */
export const responsesStreamEventSchema = byType(
  {
    'response.created': withResponse('response.created'),
    'response.in_progress': withResponse('response.in_progress'),
    'response.queued': withResponse('response.queued'),
    'response.completed': withResponse('response.completed'),
    'response.incomplete': withResponse('response.incomplete'),
    'response.failed': withResponse('response.failed'),
    'response.output_item.added': itemEvent('response.output_item.added'),
    'response.output_item.done': itemEvent('response.output_item.done'),
    'response.content_part.added': partEvent('response.content_part.added'),
    'response.content_part.done': partEvent('response.content_part.done'),
    'response.output_text.delta': contentDeltaEvent('response.output_text.delta'),
    'response.output_text.done': z.looseObject({
      type: z.literal('response.output_text.done'),
      output_index: z.number(),
      content_index: z.number(),
      text: z.string(),
    }),
    'response.refusal.delta': contentDeltaEvent('response.refusal.delta'),
    'response.refusal.done': z.looseObject({
      type: z.literal('response.refusal.done'),
      output_index: z.number(),
      content_index: z.number(),
      refusal: z.string(),
    }),
    'response.function_call_arguments.delta': z.looseObject({
      type: z.literal('response.function_call_arguments.delta'),
      output_index: z.number(),
      delta: z.string(),
    }),
    'response.function_call_arguments.done': z.looseObject({
      type: z.literal('response.function_call_arguments.done'),
      output_index: z.number(),
      arguments: z.string(),
    }),
    'response.reasoning_summary_part.added': z.looseObject({
      type: z.literal('response.reasoning_summary_part.added'),
      item_id: z.string().nullish(),
      output_index: z.number(),
      summary_index: z.number(),
    }),
    'response.reasoning_summary_text.delta': z.looseObject({
      type: z.literal('response.reasoning_summary_text.delta'),
      item_id: z.string().nullish(),
      output_index: z.number(),
      summary_index: z.number(),
      delta: z.string(),
    }),
    'response.reasoning_text.delta': z.looseObject({
      type: z.literal('response.reasoning_text.delta'),
      item_id: z.string().nullish(),
      output_index: z.number(),
      delta: z.string(),
    }),
    error: z.looseObject({
      type: z.literal('error'),
      code: z.string().nullish(),
      message: z.string().nullish(),
      param: z.string().nullish(),
      error: z
        .looseObject({
          type: z.string().nullish(),
          code: z.string().nullish(),
          message: z.string().nullish(),
          param: z.string().nullish(),
        })
        .nullish(),
    }),
  },
  typeField,
);

/** An OpenAI error body: `{ "error": { "message", "type", "param", "code" } }`. */
export const responsesErrorBodySchema = z.looseObject({
  error: z.looseObject({
    message: z.string(),
    type: z.string().nullish(),
    param: z.string().nullish(),
    code: z.union([z.string(), z.number()]).nullish(),
  }),
});

/** A parsed stream event, tagged by `kind`. */
export type ResponsesStreamEvent = z.output<typeof responsesStreamEventSchema>;

import type { CodecContext, Result } from '../codec.js';
import { carryExtras } from '../extras.js';
import type {
  IrAssistantPart,
  IrMessage,
  IrReasoningConfig,
  IrRequest,
  IrResponseFormat,
  IrTextPart,
  IrToolChoice,
  IrToolResultPart,
  IrUserPart,
} from '../ir.js';
import { unsupported } from '../zod-result.js';
import { toDataUrl } from './chat-data-url.js';
import { collectChatAssistant, dropCacheControl } from './collect-chat-assistant.js';

/**
 * Top-level fields of an OpenAI Responses request that Chat accepts with the same name, shape
 * and meaning. (Nothing from Anthropic qualifies; a Chat source carries all its own extras.)
 */
const ACCEPTED_FROM_RESPONSES: ReadonlySet<string> = new Set([
  'store',
  'metadata',
  'service_tier',
  'prompt_cache_key',
  'prompt_cache_retention',
  'prompt_cache_options',
  'safety_identifier',
  'moderation',
]);

/** Responses fields that refer to server-side state a Chat upstream cannot reach. */
const RESPONSES_STATE_FIELDS = ['previous_response_id', 'conversation'] as const;

/** Chat documents at most four stop sequences. */
const MAX_STOP_SEQUENCES = 4;

type ChatMessageOut = Record<string, unknown>;

/**
 * Renders an IR request as a Chat Completions body. Tool results become one `tool` message each,
 * placed before the rest of their user turn (Chat wants them right after the assistant's
 * `tool_calls`); thinking becomes `reasoning_content` (without its signature). The token limit
 * is sent as `max_tokens`, which every OpenAI-compatible server knows, unless the request asks for
 * reasoning (OpenAI's reasoning models accept only `max_completion_tokens`) or
 * `options.chatMaxTokensField` says otherwise. A streaming request always
 * asks for the usage chunk (`stream_options.include_usage`), which metering needs.
 *
 * @example
 * ```ts
 * const ctx = { options: {}, warn: () => {} };
 * renderChatRequest(ir, ctx); // { ok: true, value: { model, messages: [...], max_tokens: 1024 } }
 * ```
 */
export function renderChatRequest(ir: IrRequest, ctx: CodecContext): Result<Record<string, unknown>> {
  if (ir.extras.format === 'openai-responses') {
    const field = RESPONSES_STATE_FIELDS.find((f) => ir.extras.fields[f] != null);
    if (field) {
      return unsupported(
        field,
        `${field}: stored conversation state is only available on an OpenAI Responses upstream`,
      );
    }
  }

  const messages: ChatMessageOut[] = [];
  if (ir.system.length > 0) {
    messages.push({
      role: ir.systemIsDeveloper ? 'developer' : 'system',
      content: systemContent(ir.system, 'system', ctx),
    });
  }
  ir.messages.forEach((message, i) => {
    messages.push(...renderMessage(message, `messages.${i}`, ctx));
  });

  const body: Record<string, unknown> = { model: ir.model, messages };
  if (ir.tools.length > 0) {
    body.tools = ir.tools.map((tool, i) => {
      if (tool.cacheControl) dropCacheControl(`tools.${i}`, ctx);
      const fn: Record<string, unknown> = { name: tool.name };
      if (tool.description !== undefined) fn.description = tool.description;
      fn.parameters = tool.parameters;
      if (tool.strict !== undefined) fn.strict = tool.strict;
      return { type: 'function', function: fn };
    });
  }
  if (ir.toolChoice) body.tool_choice = renderToolChoice(ir.toolChoice);
  if (ir.parallelToolCalls !== undefined) body.parallel_tool_calls = ir.parallelToolCalls;
  if (ir.temperature !== undefined) body.temperature = ir.temperature;
  if (ir.topP !== undefined) body.top_p = ir.topP;
  if (ir.topK !== undefined) {
    ctx.warn({
      code: 'dropped_field',
      path: 'top_k',
      message: 'Chat Completions has no top_k; it was dropped',
    });
  }
  if (ir.n !== undefined) body.n = ir.n;
  if (ir.stopSequences !== undefined) body.stop = renderStop(ir.stopSequences, ctx);
  if (ir.stream) {
    body.stream = true;
    body.stream_options = { include_usage: true };
  }
  if (ir.reasoning) {
    const effort = renderReasoning(ir.reasoning, ctx);
    if (effort !== undefined) body.reasoning_effort = effort;
  }
  if (ir.maxTokens !== undefined) {
    const reasoning = body.reasoning_effort !== undefined && body.reasoning_effort !== 'none';
    const field = ctx.options.chatMaxTokensField ?? (reasoning ? 'max_completion_tokens' : 'max_tokens');
    body[field] = ir.maxTokens;
  }
  if (ir.responseFormat) body.response_format = renderResponseFormat(ir.responseFormat);
  if (ir.user !== undefined) body.user = ir.user;

  const accepted =
    ir.extras.format === 'openai-chat'
      ? new Set(Object.keys(ir.extras.fields))
      : ir.extras.format === 'openai-responses'
        ? ACCEPTED_FROM_RESPONSES
        : new Set<string>();
  carryExtras(ir.extras, accepted, body, ctx);
  return { ok: true, value: body };
}

/** A system prompt: a string when it is one plain part, else text parts. */
function systemContent(
  parts: IrTextPart[],
  path: string,
  ctx: CodecContext,
): string | Array<Record<string, unknown>> {
  parts.forEach((part, j) => {
    if (part.cacheControl) dropCacheControl(`${path}.${j}`, ctx);
  });
  const only = parts[0];
  if (parts.length === 0) return '';
  if (parts.length === 1 && only && !only.cacheControl) return only.text;
  return parts.map((part) => ({ type: 'text', text: part.text }));
}

function renderMessage(message: IrMessage, path: string, ctx: CodecContext): ChatMessageOut[] {
  switch (message.role) {
    case 'system':
      return [
        {
          role: message.developer ? 'developer' : 'system',
          content: systemContent(message.content, `${path}.content`, ctx),
        },
      ];
    case 'user':
      return renderUser(message.content, path, ctx);
    case 'assistant':
      return [renderAssistant(message.content, path, ctx)];
  }
}

/** Tool results first (one `tool` message each), then the rest of the turn as one user message. */
function renderUser(parts: IrUserPart[], path: string, ctx: CodecContext): ChatMessageOut[] {
  const out: ChatMessageOut[] = [];
  const rest: Array<Record<string, unknown>> = [];
  parts.forEach((part, j) => {
    const partPath = `${path}.content.${j}`;
    if (part.type === 'tool_result') {
      out.push(renderToolResult(part, partPath, ctx));
      return;
    }
    const rendered = renderUserPart(part, partPath, ctx);
    if (rendered) rest.push(rendered);
  });
  if (rest.length > 0 || out.length === 0) {
    const only = rest[0];
    const content = rest.length === 0 ? '' : rest.length === 1 && only?.type === 'text' ? only.text : rest;
    out.push({ role: 'user', content });
  }
  return out;
}

function renderUserPart(
  part: Exclude<IrUserPart, IrToolResultPart>,
  path: string,
  ctx: CodecContext,
): Record<string, unknown> | undefined {
  if (part.cacheControl) dropCacheControl(path, ctx);
  switch (part.type) {
    case 'text':
      return { type: 'text', text: part.text };
    case 'image': {
      const { source } = part;
      if (source.type === 'file') {
        ctx.warn({
          code: 'dropped_content',
          path,
          message: 'Chat Completions cannot refer to an image by file id; the image was dropped',
        });
        return undefined;
      }
      const imageUrl: Record<string, unknown> = {
        url: source.type === 'base64' ? toDataUrl(source.mediaType, source.data) : source.url,
      };
      if (part.detail !== undefined) imageUrl.detail = part.detail;
      return { type: 'image_url', image_url: imageUrl };
    }
    case 'file': {
      const { source } = part;
      if (source.type === 'url') {
        ctx.warn({
          code: 'dropped_content',
          path,
          message: 'Chat Completions cannot fetch a file by URL; the file was dropped',
        });
        return undefined;
      }
      const file: Record<string, unknown> =
        source.type === 'base64'
          ? { file_data: toDataUrl(source.mediaType, source.data) }
          : { file_id: source.fileId };
      if (part.filename !== undefined) file.filename = part.filename;
      return { type: 'file', file };
    }
  }
}

/** A `tool` message. Chat tool results are text only: images are dropped, and so is `is_error`. */
function renderToolResult(part: IrToolResultPart, path: string, ctx: CodecContext): ChatMessageOut {
  if (part.cacheControl) dropCacheControl(path, ctx);
  if (part.isError) {
    ctx.warn({
      code: 'dropped_field',
      path: `${path}.is_error`,
      message:
        'Chat Completions tool messages cannot be marked as errors; the result is sent as plain content',
    });
  }
  const texts: string[] = [];
  part.content.forEach((item, k) => {
    if (item.type === 'text') {
      texts.push(item.text);
      return;
    }
    ctx.warn({
      code: 'dropped_content',
      path: `${path}.content.${k}`,
      message: `Chat Completions tool messages cannot carry a ${item.type}; it was dropped`,
    });
  });
  return { role: 'tool', tool_call_id: part.callId, content: texts.join('\n') };
}

function renderAssistant(parts: IrAssistantPart[], path: string, ctx: CodecContext): ChatMessageOut {
  const { texts, thinking, refusals, calls, citations } = collectChatAssistant(parts, `${path}.content`, ctx);
  if (citations.length > 0) {
    ctx.warn({ code: 'dropped_field', path: `${path}.content`, message: 'citations were dropped' });
  }
  const message: ChatMessageOut = { role: 'assistant' };
  message.content = texts.length > 0 ? texts.join('') : calls.length > 0 || refusals.length > 0 ? null : '';
  if (thinking.length > 0) message.reasoning_content = thinking.join('\n');
  if (refusals.length > 0) message.refusal = refusals.join('');
  if (calls.length > 0) message.tool_calls = calls;
  return message;
}

function renderToolChoice(choice: IrToolChoice): unknown {
  return choice.type === 'tool' ? { type: 'function', function: { name: choice.name } } : choice.type;
}

function renderStop(stop: string[], ctx: CodecContext): string[] {
  if (stop.length <= MAX_STOP_SEQUENCES) return stop;
  ctx.warn({
    code: 'changed_value',
    path: 'stop_sequences',
    message: `Chat Completions accepts at most ${MAX_STOP_SEQUENCES} stop sequences; the rest were dropped`,
  });
  return stop.slice(0, MAX_STOP_SEQUENCES);
}

/** The `reasoning_effort` of a reasoning config; a token budget maps to the nearest effort. */
function renderReasoning(reasoning: IrReasoningConfig, ctx: CodecContext): string | undefined {
  if (reasoning.summary !== undefined) {
    ctx.warn({
      code: 'dropped_field',
      path: 'reasoning.summary',
      message: 'Chat Completions has no reasoning summaries; the setting was dropped',
    });
  }
  if (reasoning.effort !== undefined) return reasoning.effort;
  if (!reasoning.enabled || reasoning.budgetTokens === undefined) return undefined;
  const budget = reasoning.budgetTokens;
  const effort = budget <= 2048 ? 'low' : budget <= 8192 ? 'medium' : 'high';
  ctx.warn({
    code: 'changed_value',
    path: 'thinking.budget_tokens',
    message: `a thinking budget of ${budget} tokens is sent as reasoning_effort "${effort}"`,
  });
  return effort;
}

function renderResponseFormat(format: IrResponseFormat): Record<string, unknown> {
  if (format.type !== 'json_schema') return { type: format.type };
  const jsonSchema: Record<string, unknown> = { name: format.name };
  if (format.description !== undefined) jsonSchema.description = format.description;
  jsonSchema.schema = format.schema;
  if (format.strict !== undefined) jsonSchema.strict = format.strict;
  return { type: 'json_schema', json_schema: jsonSchema };
}

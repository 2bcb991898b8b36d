/**
 * IR request → Responses request body (`POST /v1/responses`).
 */
import type { ApiFormat } from '../api-format.js';
import type { CodecContext, Result } from '../codec.js';
import { carryExtras } from '../extras.js';
import { functionCallItemId } from '../ids.js';
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
import { renderInputFile, renderInputImage } from './responses-media.js';
import { reasoningItemIdFor, renderReasoningItem } from './responses-reasoning.js';

/** Top-level fields of each source format that a Responses body accepts with the same meaning. */
const ACCEPTED_EXTRAS: Record<Exclude<ApiFormat, 'openai-responses'>, ReadonlySet<string>> = {
  'openai-chat': new Set([
    'store',
    'metadata',
    'service_tier',
    'prompt_cache_key',
    'prompt_cache_retention',
    'safety_identifier',
  ]),
  'anthropic-messages': new Set(),
};

const ENCRYPTED_REASONING = 'reasoning.encrypted_content';

/**
 * Renders an IR request as a Responses body. The system prompt becomes `instructions`; messages
 * become input items in the explicit `type: "message"` form; tool results become
 * `function_call_output` items and tool calls `function_call` items. Function tools say
 * `strict: false` unless the source said otherwise (Responses defaults to strict schemas, which
 * ordinary JSON Schemas fail). A client of another format is stateless, so the body asks for
 * `store: false` and, with reasoning on, for the encrypted reasoning to come back.
 *
 * @example
 * ```ts
 * const result = renderResponsesRequest(ir, ctx);
 * if (result.ok) await fetch('https://api.openai.com/v1/responses', { method: 'POST', body: JSON.stringify(result.value) });
 * ```
 */
export function renderResponsesRequest(ir: IrRequest, ctx: CodecContext): Result<Record<string, unknown>> {
  if (ir.n !== undefined && ir.n > 1) {
    return unsupported(
      'n',
      'n: OpenAI Responses produces one answer per request; send n separate requests instead',
    );
  }
  const fromResponses = ir.extras.format === 'openai-responses';
  const body: Record<string, unknown> = { model: ir.model };

  if (ir.system.length > 0) {
    warnCacheControl(ir.system, 'system', ctx);
    body.instructions = ir.system.map((p) => p.text).join('\n\n');
  }
  body.input = ir.messages.flatMap((message, i) =>
    renderMessage(message, `messages.${i}`, fromResponses, ctx),
  );

  if (ir.tools.length > 0) {
    body.tools = ir.tools.map((tool, i) => {
      if (tool.cacheControl) warnDropped(`tools.${i}.cache_control`, 'cache_control', ctx);
      const out: Record<string, unknown> = { type: 'function', name: tool.name };
      if (tool.description !== undefined) out.description = tool.description;
      out.parameters = tool.parameters;
      out.strict = tool.strict ?? false;
      return out;
    });
  }
  if (ir.toolChoice) body.tool_choice = renderToolChoice(ir.toolChoice);
  if (ir.parallelToolCalls !== undefined) body.parallel_tool_calls = ir.parallelToolCalls;
  if (ir.maxTokens !== undefined) body.max_output_tokens = ir.maxTokens;
  if (ir.temperature !== undefined) body.temperature = ir.temperature;
  if (ir.topP !== undefined) body.top_p = ir.topP;
  if (ir.topK !== undefined) warnDropped('top_k', 'top_k', ctx);
  if (ir.stopSequences && ir.stopSequences.length > 0) {
    ctx.warn({
      code: 'dropped_field',
      path: 'stop',
      message: 'OpenAI Responses has no stop sequences; the stop sequences were dropped',
    });
  }
  if (ir.reasoning) {
    const reasoning = renderReasoning(ir.reasoning);
    if (reasoning) body.reasoning = reasoning;
    if (ir.reasoning.enabled) body.include = includeList(ir);
  }
  if (ir.responseFormat) body.text = { format: renderResponseFormat(ir.responseFormat) };
  if (ir.user !== undefined) body.user = ir.user;
  if (ir.stream) body.stream = true;

  if (ir.extras.format === 'openai-responses') {
    // Same format: every extra means the same thing here.
    for (const [key, value] of Object.entries(ir.extras.fields)) if (!(key in body)) body[key] = value;
  } else {
    carryExtras(ir.extras, ACCEPTED_EXTRAS[ir.extras.format], body, ctx);
    // A client of another format cannot refer back to stored responses.
    if (!('store' in body)) body.store = false;
  }
  return { ok: true, value: body };
}

function renderMessage(
  message: IrMessage,
  path: string,
  fromResponses: boolean,
  ctx: CodecContext,
): Record<string, unknown>[] {
  switch (message.role) {
    case 'system':
      warnCacheControl(message.content, `${path}.content`, ctx);
      return [
        {
          type: 'message',
          role: message.developer ? 'developer' : 'system',
          content: message.content.map((p) => ({ type: 'input_text', text: p.text })),
        },
      ];
    case 'user':
      return renderUserMessage(message.content, path, ctx);
    case 'assistant':
      return renderAssistantMessage(message.content, path, fromResponses, ctx);
  }
}

/** User content: runs of text/images/files are message items; tool results are items of their own. */
function renderUserMessage(
  content: IrUserPart[],
  path: string,
  ctx: CodecContext,
): Record<string, unknown>[] {
  const items: Record<string, unknown>[] = [];
  let parts: Record<string, unknown>[] = [];
  const flush = () => {
    if (parts.length > 0) items.push({ type: 'message', role: 'user', content: parts });
    parts = [];
  };
  for (const [j, part] of content.entries()) {
    const partPath = `${path}.content.${j}`;
    if (part.type === 'tool_result') {
      flush();
      items.push(renderToolResult(part, partPath, ctx));
      continue;
    }
    if (part.cacheControl) warnDropped(`${partPath}.cache_control`, 'cache_control', ctx);
    parts.push(renderInputPart(part));
  }
  flush();
  return items;
}

function renderInputPart(part: Exclude<IrUserPart, IrToolResultPart>): Record<string, unknown> {
  if (part.type === 'text') return { type: 'input_text', text: part.text };
  if (part.type === 'image') return renderInputImage(part);
  return renderInputFile(part);
}

function renderToolResult(part: IrToolResultPart, path: string, ctx: CodecContext): Record<string, unknown> {
  if (part.isError) {
    ctx.warn({
      code: 'dropped_field',
      path: `${path}.is_error`,
      message: 'OpenAI Responses has no error flag on function call outputs; is_error was dropped',
    });
  }
  if (part.cacheControl) warnDropped(`${path}.cache_control`, 'cache_control', ctx);
  const allText = part.content.every((c) => c.type === 'text');
  const output = allText
    ? part.content.map((c) => (c as IrTextPart).text).join('\n')
    : part.content.map((c) => renderInputPart(c));
  return { type: 'function_call_output', call_id: part.callId, output };
}

/** Assistant content: consecutive text/refusal parts share one message item; calls and reasoning are items. */
function renderAssistantMessage(
  content: IrAssistantPart[],
  path: string,
  fromResponses: boolean,
  ctx: CodecContext,
): Record<string, unknown>[] {
  const items: Record<string, unknown>[] = [];
  let parts: Record<string, unknown>[] = [];
  const flush = () => {
    if (parts.length > 0) items.push({ type: 'message', role: 'assistant', content: parts });
    parts = [];
  };
  for (const [j, part] of content.entries()) {
    const partPath = `${path}.content.${j}`;
    switch (part.type) {
      case 'text':
        if (part.cacheControl) warnDropped(`${partPath}.cache_control`, 'cache_control', ctx);
        if (part.citations && part.citations.length > 0 && !fromResponses) {
          warnDropped(`${partPath}.citations`, 'citations', ctx);
        }
        parts.push({
          type: 'output_text',
          text: part.text,
          annotations: fromResponses ? (part.citations ?? []) : [],
        });
        break;
      case 'refusal':
        parts.push({ type: 'refusal', refusal: part.text });
        break;
      case 'tool_call':
        flush();
        if (part.cacheControl) warnDropped(`${partPath}.cache_control`, 'cache_control', ctx);
        items.push({
          type: 'function_call',
          id: part.itemId ?? functionCallItemId(part.id),
          call_id: part.id,
          name: part.name,
          arguments: part.arguments.trim() === '' ? '{}' : part.arguments,
        });
        break;
      case 'thinking':
        if (part.signature === undefined) {
          ctx.warn({
            code: 'dropped_content',
            path: partPath,
            message: 'unsigned thinking cannot be verified by OpenAI Responses and was dropped',
          });
          break;
        }
        flush();
        items.push(renderReasoningItem(part, part.itemId ?? reasoningItemIdFor(part.signature)));
        break;
      case 'redacted_thinking':
        flush();
        items.push(renderReasoningItem(part, reasoningItemIdFor(part.data)));
        break;
    }
  }
  flush();
  return items;
}

function renderToolChoice(choice: IrToolChoice): unknown {
  return choice.type === 'tool' ? { type: 'function', name: choice.name } : choice.type;
}

/** Anthropic thinking budgets as Responses effort levels. */
function effortForBudget(budget: number): 'low' | 'medium' | 'high' {
  if (budget <= 2048) return 'low';
  if (budget <= 8192) return 'medium';
  return 'high';
}

function renderReasoning(reasoning: IrReasoningConfig): Record<string, unknown> | undefined {
  // Explicitly disabled without an effort: leave the model's default rather than guess a level
  // the model may not support.
  if (!reasoning.enabled && reasoning.effort === undefined) return undefined;
  const out: Record<string, unknown> = {};
  const effort =
    reasoning.effort ??
    (reasoning.budgetTokens !== undefined ? effortForBudget(reasoning.budgetTokens) : undefined);
  if (effort !== undefined) out.effort = effort;
  if (reasoning.enabled) out.summary = reasoning.summary ?? 'auto';
  else if (reasoning.summary !== undefined) out.summary = reasoning.summary;
  return out;
}

/** `include`, with the encrypted reasoning added to what a Responses client asked for. */
function includeList(ir: IrRequest): string[] {
  const given = ir.extras.format === 'openai-responses' ? ir.extras.fields.include : undefined;
  const list = Array.isArray(given) ? given.filter((v): v is string => typeof v === 'string') : [];
  return list.includes(ENCRYPTED_REASONING) ? list : [...list, ENCRYPTED_REASONING];
}

function renderResponseFormat(format: IrResponseFormat): Record<string, unknown> {
  if (format.type !== 'json_schema') return { type: format.type };
  const out: Record<string, unknown> = { type: 'json_schema', name: format.name, schema: format.schema };
  if (format.strict !== undefined) out.strict = format.strict;
  if (format.description !== undefined) out.description = format.description;
  return out;
}

function warnCacheControl(parts: IrTextPart[], path: string, ctx: CodecContext): void {
  for (const [i, part] of parts.entries()) {
    if (part.cacheControl) warnDropped(`${path}.${i}.cache_control`, 'cache_control', ctx);
  }
}

function warnDropped(path: string, field: string, ctx: CodecContext): void {
  ctx.warn({ code: 'dropped_field', path, message: `OpenAI Responses has no ${field}; it was dropped` });
}

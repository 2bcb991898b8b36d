import type { CodecContext, Result } from '../codec.js';
import { carryExtras } from '../extras.js';
import type { IrRequest, IrTextPart, IrTool, IrToolChoice } from '../ir.js';
import { unsupported } from '../zod-result.js';
import { renderThinking } from './anthropic-reasoning.js';
import {
  type AnthropicBlockOut,
  renderAssistantParts,
  renderTextBlock,
  renderUserParts,
} from './render-anthropic-content.js';

/**
 * Top-level fields of another format that Anthropic accepts with the same name, shape and
 * meaning. `top_k` is the only one (OpenAI-compatible backends that take it mean the same).
 */
const ACCEPTED_EXTRAS: ReadonlySet<string> = new Set(['top_k']);

/** The default `max_tokens` when neither the source nor the options give one. */
const DEFAULT_MAX_TOKENS = 8192;

interface AnthropicMessageOut {
  role: 'user' | 'assistant';
  content: AnthropicBlockOut[];
}

/** A lone plain text block is sent as a string, the form clients write by hand. */
function compact(blocks: AnthropicBlockOut[]): string | AnthropicBlockOut[] {
  const only = blocks[0];
  if (blocks.length === 1 && only?.type === 'text' && Object.keys(only).length === 2)
    return only.text as string;
  return blocks;
}

/**
 * The conversation as Anthropic wants it: strictly alternating roles (adjacent turns of one
 * role are merged), no empty turns, tool results first in each user turn. System messages in
 * the middle of the conversation are appended to the top-level system prompt, with a warning.
 */
function renderConversation(
  ir: IrRequest,
  ctx: CodecContext,
): { system: IrTextPart[]; messages: Array<{ role: string; content: string | AnthropicBlockOut[] }> } {
  const system = [...ir.system];
  const merged: AnthropicMessageOut[] = [];
  ir.messages.forEach((message, i) => {
    const path = `messages.${i}.content`;
    if (message.role === 'system') {
      ctx.warn({
        code: 'changed_value',
        path: `messages.${i}`,
        message:
          'Anthropic has no system messages inside the conversation; this one was appended to "system"',
      });
      system.push(...message.content);
      return;
    }
    const content =
      message.role === 'user'
        ? renderUserParts(message.content, path, ctx)
        : renderAssistantParts(message.content, path, ctx, 'request');
    if (content.length === 0) return;
    const last = merged.at(-1);
    if (last && last.role === message.role) last.content.push(...content);
    else merged.push({ role: message.role, content });
  });
  const messages = merged.map((m) => {
    // Merging two user turns can put a tool result after text; move the results back to the front.
    const content =
      m.role === 'user'
        ? [
            ...m.content.filter((b) => b.type === 'tool_result'),
            ...m.content.filter((b) => b.type !== 'tool_result'),
          ]
        : m.content;
    return { role: m.role, content: compact(content) };
  });
  return { system, messages };
}

function renderSystem(parts: IrTextPart[], ctx: CodecContext): string | AnthropicBlockOut[] | undefined {
  const blocks = parts.filter((p) => p.text !== '').map((p, i) => renderTextBlock(p, `system.${i}`, ctx));
  if (blocks.length === 0) return undefined;
  return compact(blocks);
}

/** Anthropic requires an object schema; anything else is wrapped or replaced. */
function inputSchema(tool: IrTool, index: number, ctx: CodecContext): Record<string, unknown> {
  const { parameters } = tool;
  if (parameters.type === 'object') return parameters;
  if (parameters.type === undefined) return { type: 'object', properties: {}, ...parameters };
  ctx.warn({
    code: 'changed_value',
    path: `tools.${index}.parameters`,
    message: `tool "${tool.name}" has a non-object parameter schema; an empty object schema was sent`,
  });
  return { type: 'object', properties: {} };
}

function renderTools(tools: IrTool[], ctx: CodecContext): Record<string, unknown>[] {
  return tools.map((tool, i) => {
    const out: Record<string, unknown> = { name: tool.name };
    if (tool.description !== undefined) out.description = tool.description;
    out.input_schema = inputSchema(tool, i, ctx);
    if (tool.strict !== undefined) out.strict = tool.strict;
    if (tool.cacheControl) out.cache_control = tool.cacheControl;
    return out;
  });
}

function renderToolChoice(
  choice: IrToolChoice | undefined,
  parallel: boolean | undefined,
  hasTools: boolean,
): Record<string, unknown> | undefined {
  if (!hasTools && (choice === undefined || choice.type === 'auto' || choice.type === 'none'))
    return undefined;
  // Without a choice, a tool_choice is only needed to carry "no parallel calls" (the default is parallel).
  if (choice === undefined)
    return parallel === false ? { type: 'auto', disable_parallel_tool_use: true } : undefined;
  let out: Record<string, unknown>;
  switch (choice.type) {
    case 'none':
      return { type: 'none' };
    case 'required':
      out = { type: 'any' };
      break;
    case 'tool':
      out = { type: 'tool', name: choice.name };
      break;
    case 'auto':
      out = { type: 'auto' };
      break;
  }
  if (parallel !== undefined) out.disable_parallel_tool_use = !parallel;
  return out;
}

/** Sampling settings, with the limits Anthropic enforces (and those of extended thinking). */
function renderSampling(
  ir: IrRequest,
  thinking: boolean,
  body: Record<string, unknown>,
  ctx: CodecContext,
): void {
  let temperature = ir.temperature;
  if (temperature !== undefined && temperature > 1) {
    ctx.warn({
      code: 'changed_value',
      path: 'temperature',
      message: `temperature ${temperature} is above Anthropic's maximum of 1; 1 was used`,
    });
    temperature = 1;
  }
  if (thinking && temperature !== undefined && temperature !== 1) {
    ctx.warn({
      code: 'dropped_field',
      path: 'temperature',
      message: 'Anthropic does not accept a temperature other than 1 with extended thinking; it was dropped',
    });
    temperature = undefined;
  }
  if (temperature !== undefined) body.temperature = temperature;

  let topP = ir.topP;
  if (thinking && topP !== undefined && topP < 0.95) {
    ctx.warn({
      code: 'changed_value',
      path: 'top_p',
      message: `top_p ${topP} is below 0.95, the minimum Anthropic accepts with extended thinking; 0.95 was used`,
    });
    topP = 0.95;
  }
  if (topP !== undefined) body.top_p = topP;

  if (ir.topK !== undefined) {
    if (thinking) {
      ctx.warn({
        code: 'dropped_field',
        path: 'top_k',
        message: 'Anthropic does not accept top_k with extended thinking; it was dropped',
      });
    } else body.top_k = ir.topK;
  }
}

/** Anthropic's own extras (only seen when the IR came from an Anthropic body) are all accepted. */
function acceptedExtras(ir: IrRequest): ReadonlySet<string> {
  return ir.extras.format === 'anthropic-messages' ? new Set(Object.keys(ir.extras.fields)) : ACCEPTED_EXTRAS;
}

/**
 * Renders an IR request as an Anthropic Messages request body. Roles are made to alternate,
 * tool ids are made Anthropic-safe ({@link toAnthropicToolId}), unsigned thinking is dropped,
 * `max_tokens` defaults to `ctx.options.defaultMaxTokens ?? 8192`, and a reasoning effort
 * becomes a thinking budget. A JSON schema response format becomes `output_config.format`
 * (Anthropic structured outputs); `json_object` has no equivalent and is dropped with a warning.
 * Fails (`unsupported`) for `n > 1`.
 *
 * @example
 * ```ts
 * const result = renderAnthropicRequest(ir, ctx);
 * if (result.ok) await fetch('https://api.anthropic.com/v1/messages', { method: 'POST', body: JSON.stringify(result.value) });
 * ```
 */
export function renderAnthropicRequest(ir: IrRequest, ctx: CodecContext): Result<Record<string, unknown>> {
  if (ir.n !== undefined && ir.n > 1) {
    return unsupported(
      'n',
      'Anthropic Messages returns one choice per request; "n" greater than 1 is not supported',
    );
  }
  const { system, messages } = renderConversation(ir, ctx);
  const thinking = renderThinking(
    ir.reasoning,
    ir.maxTokens,
    ctx.options.defaultMaxTokens ?? DEFAULT_MAX_TOKENS,
    ctx,
  );

  const body: Record<string, unknown> = { model: ir.model, max_tokens: thinking.maxTokens };
  const systemOut = renderSystem(system, ctx);
  if (systemOut !== undefined) body.system = systemOut;
  body.messages = messages;
  if (ir.user !== undefined) body.metadata = { user_id: ir.user };
  if (ir.stopSequences && ir.stopSequences.length > 0) body.stop_sequences = ir.stopSequences;
  if (ir.stream) body.stream = true;
  renderSampling(ir, thinking.thinking !== undefined, body, ctx);
  if (ir.tools.length > 0) body.tools = renderTools(ir.tools, ctx);
  const toolChoice = renderToolChoice(ir.toolChoice, ir.parallelToolCalls, ir.tools.length > 0);
  if (toolChoice) body.tool_choice = toolChoice;
  if (thinking.thinking) body.thinking = thinking.thinking;

  const outputConfig: Record<string, unknown> = {};
  if (thinking.effort !== undefined) outputConfig.effort = thinking.effort;
  const format = ir.responseFormat;
  if (format?.type === 'json_schema') outputConfig.format = { type: 'json_schema', schema: format.schema };
  if (format?.type === 'json_object') {
    ctx.warn({
      code: 'dropped_field',
      path: 'response_format',
      message: 'Anthropic has no JSON mode without a schema; "json_object" was dropped',
    });
  }
  const extraOutputConfig =
    ir.extras.format === 'anthropic-messages' ? ir.extras.fields.output_config : undefined;
  if (Object.keys(outputConfig).length > 0) {
    body.output_config =
      extraOutputConfig && typeof extraOutputConfig === 'object'
        ? { ...(extraOutputConfig as Record<string, unknown>), ...outputConfig }
        : outputConfig;
  }

  carryExtras(ir.extras, acceptedExtras(ir), body, ctx);
  return { ok: true, value: body };
}

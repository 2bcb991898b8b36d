import type { CodecContext, Result } from '../codec.js';
import { collectExtras } from '../extras.js';
import type { IrMessage, IrRequest, IrTextPart, IrTool, IrToolChoice } from '../ir.js';
import { parseWith } from '../zod-result.js';
import { parseThinking } from './anthropic-reasoning.js';
import {
  type AnthropicContentBlock,
  type AnthropicRequest,
  anthropicRequestSchema,
} from './anthropic-schema.js';
import { parseAssistantBlocks, parseUserBlocks, textPart } from './parse-anthropic-content.js';

/** Top-level fields the IR models; every other one goes to `extras`. */
const MAPPED_KEYS: ReadonlySet<string> = new Set([
  'model',
  'max_tokens',
  'messages',
  'system',
  'metadata',
  'stop_sequences',
  'stream',
  'temperature',
  'top_p',
  'top_k',
  'tools',
  'tool_choice',
  'thinking',
  'output_config',
  'output_format',
]);

function blocksOf(content: string | AnthropicContentBlock[]): AnthropicContentBlock[] {
  return typeof content === 'string' ? [{ type: 'text', text: content }] : content;
}

/** System text (top-level `system` or a `system` message) as IR text parts. */
function systemParts(
  content: string | AnthropicContentBlock[],
  path: string,
  ctx: CodecContext,
): IrTextPart[] {
  const parts: IrTextPart[] = [];
  blocksOf(content).forEach((block, i) => {
    if (block.type === 'text') parts.push(textPart(block));
    else {
      ctx.warn({
        code: 'dropped_content',
        path: `${path}.${i}`,
        message: 'only text blocks can be part of a system prompt; a non-text block was dropped',
      });
    }
  });
  return parts;
}

function parseMessages(
  body: AnthropicRequest,
  ctx: CodecContext,
): { system: IrTextPart[]; messages: IrMessage[] } {
  const system = body.system === undefined ? [] : systemParts(body.system, 'system', ctx);
  const messages: IrMessage[] = [];
  body.messages.forEach((message, i) => {
    const path = `messages.${i}.content`;
    switch (message.role) {
      case 'system': {
        const content = systemParts(message.content, path, ctx);
        // Leading system messages are part of the system prompt, as in the other formats.
        if (messages.length === 0) system.push(...content);
        else messages.push({ role: 'system', content });
        break;
      }
      case 'user':
        messages.push({ role: 'user', content: parseUserBlocks(blocksOf(message.content), path, ctx) });
        break;
      case 'assistant':
        messages.push({
          role: 'assistant',
          content: parseAssistantBlocks(blocksOf(message.content), path, ctx),
        });
        break;
    }
  });
  return { system, messages };
}

function parseTools(body: AnthropicRequest, ctx: CodecContext): IrTool[] {
  const tools: IrTool[] = [];
  (body.tools ?? []).forEach((tool, i) => {
    if (tool.kind === 'typed') {
      ctx.warn({
        code: 'dropped_content',
        path: `tools.${i}`,
        message: `the Anthropic tool "${tool.name ?? tool.type}" (type "${tool.type}") has no equivalent in the target format and was dropped`,
      });
      return;
    }
    const out: IrTool = { name: tool.name, parameters: tool.input_schema };
    if (tool.description != null) out.description = tool.description;
    if (tool.strict != null) out.strict = tool.strict;
    if (tool.cache_control) out.cacheControl = tool.cache_control;
    tools.push(out);
  });
  return tools;
}

function parseToolChoice(body: AnthropicRequest): { toolChoice?: IrToolChoice; parallelToolCalls?: boolean } {
  const choice = body.tool_choice;
  if (!choice) return {};
  const out: { toolChoice?: IrToolChoice; parallelToolCalls?: boolean } = {};
  switch (choice.type) {
    case 'auto':
    case 'none':
      out.toolChoice = { type: choice.type };
      break;
    case 'any':
      out.toolChoice = { type: 'required' };
      break;
    case 'tool':
      out.toolChoice = { type: 'tool', name: choice.name };
      break;
  }
  if (choice.type !== 'none' && choice.disable_parallel_tool_use != null) {
    out.parallelToolCalls = !choice.disable_parallel_tool_use;
  }
  return out;
}

/**
 * `output_config` minus what the IR models (the format, and the effort of adaptive thinking);
 * what remains travels in extras.
 */
function outputConfigRest(body: AnthropicRequest, usedEffort: boolean): Record<string, unknown> | undefined {
  if (!body.output_config) return undefined;
  const { format: _format, effort, ...rest } = body.output_config;
  if (effort != null && !usedEffort) rest.effort = effort;
  return Object.keys(rest).length > 0 ? rest : undefined;
}

/**
 * Parses an Anthropic Messages request body into the IR. Everything the IR does not model goes
 * to `extras`; server tools and unknown block types are dropped with a warning.
 *
 * @example
 * ```ts
 * const result = parseAnthropicRequest(
 *   { model: 'claude-sonnet-4-5', max_tokens: 1024, messages: [{ role: 'user', content: 'Hi' }] },
 *   ctx,
 * );
 * if (result.ok) result.value.messages; // [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }]
 * ```
 */
export function parseAnthropicRequest(body: unknown, ctx: CodecContext): Result<IrRequest> {
  const parsed = parseWith(anthropicRequestSchema, body);
  if (!parsed.ok) return parsed;
  const req = parsed.value;
  const { system, messages } = parseMessages(req, ctx);
  const { reasoning, usedEffort } = parseThinking(req.thinking, req.output_config, ctx);

  const ir: IrRequest = {
    model: req.model,
    system,
    messages,
    tools: parseTools(req, ctx),
    stream: req.stream ?? false,
    ...parseToolChoice(req),
    extras: collectExtras(req as Record<string, unknown>, MAPPED_KEYS, 'anthropic-messages'),
  };
  if (req.max_tokens != null) ir.maxTokens = req.max_tokens;
  if (req.temperature != null) ir.temperature = req.temperature;
  if (req.top_p != null) ir.topP = req.top_p;
  if (req.top_k != null) ir.topK = req.top_k;
  if (req.stop_sequences != null) ir.stopSequences = req.stop_sequences;
  if (req.metadata?.user_id != null) ir.user = req.metadata.user_id;
  if (reasoning) ir.reasoning = reasoning;

  const format = req.output_config?.format ?? req.output_format;
  if (format) ir.responseFormat = { type: 'json_schema', name: 'output', schema: format.schema };
  const rest = outputConfigRest(req, usedEffort);
  if (rest) ir.extras.fields.output_config = rest;
  return { ok: true, value: ir };
}

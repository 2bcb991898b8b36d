/**
 * A Responses request body (`POST /v1/responses`) → IR request.
 */
import type { CodecContext, Result } from '../codec.js';
import { collectExtras } from '../extras.js';
import type {
  IrAssistantPart,
  IrMessage,
  IrReasoningConfig,
  IrReasoningEffort,
  IrRequest,
  IrResponseFormat,
  IrTextPart,
  IrTool,
  IrToolChoice,
  IrToolResultPart,
  IrUserPart,
} from '../ir.js';
import { parseWith, unsupported } from '../zod-result.js';
import { customCallArguments, customToolToIr } from './responses-custom-tool.js';
import { fileSource, imageSource } from './responses-media.js';
import { reasoningItemToIr } from './responses-reasoning.js';
import {
  type ResponsesContentPart,
  type ResponsesInputItem,
  type ResponsesRequest,
  responsesRequestSchema,
} from './responses-schema.js';

/** Top-level fields the IR models; every other one travels in `extras`. */
const MAPPED_KEYS: ReadonlySet<string> = new Set([
  'model',
  'input',
  'instructions',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'max_output_tokens',
  'temperature',
  'top_p',
  'stream',
  'reasoning',
  'text',
  'user',
]);

const EFFORTS: ReadonlySet<string> = new Set(['none', 'minimal', 'low', 'medium', 'high', 'xhigh']);

/**
 * Parses a Responses request body into the IR. `instructions` and leading system/developer
 * messages become the system prompt; consecutive assistant-side items (messages, function calls,
 * reasoning) become one assistant turn; consecutive `function_call_output` items become one user
 * turn of tool results. A freeform `custom` tool (Codex `apply_patch`) becomes a function tool
 * taking one string `input`, and its `custom_tool_call` / `custom_tool_call_output` items a tool
 * call with arguments `{"input": …}` and its result. `previous_response_id` and `conversation` are kept in `extras` (the
 * orchestrator refuses to send them to another format); an `item_reference` is refused here,
 * since no IR message can stand for stored server-side state.
 *
 * @example
 * ```ts
 * const result = parseResponsesRequest({ model: 'gpt-5', input: 'Hi' }, ctx);
 * // result.value.messages → [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }]
 * ```
 */
export function parseResponsesRequest(body: unknown, ctx: CodecContext): Result<IrRequest> {
  const parsed = parseWith(responsesRequestSchema, body);
  if (!parsed.ok) return parsed;
  const req = parsed.value;

  const ir: IrRequest = {
    model: req.model,
    system: req.instructions ? [{ type: 'text', text: req.instructions }] : [],
    messages: [],
    tools: parseTools(req, ctx),
    stream: req.stream ?? false,
    // The extras come from the body as given, untouched by the schema.
    extras: collectExtras(body as Record<string, unknown>, MAPPED_KEYS, 'openai-responses'),
  };

  const converted = convertInput(req.input ?? [], ir, ctx);
  if (!converted.ok) return converted;

  const toolChoice = parseToolChoice(req.tool_choice, ctx);
  if (toolChoice) ir.toolChoice = toolChoice;
  if (req.parallel_tool_calls != null) ir.parallelToolCalls = req.parallel_tool_calls;
  if (req.max_output_tokens != null) ir.maxTokens = req.max_output_tokens;
  if (req.temperature != null) ir.temperature = req.temperature;
  if (req.top_p != null) ir.topP = req.top_p;
  const reasoning = parseReasoning(req.reasoning, ctx);
  if (reasoning) ir.reasoning = reasoning;
  const format = parseTextFormat(req.text, ctx);
  if (format) ir.responseFormat = format;
  if (req.user != null) ir.user = req.user;
  return { ok: true, value: ir };
}

/** Builds `ir.system` / `ir.messages` from the input items, in order. */
function convertInput(items: ResponsesInputItem[], ir: IrRequest, ctx: CodecContext): Result<null> {
  // The message currently being filled by consecutive assistant-side or tool-output items.
  let assistant: { role: 'assistant'; content: IrAssistantPart[] } | undefined;
  let toolResults: { role: 'user'; content: IrUserPart[] } | undefined;
  const push = (message: IrMessage) => {
    ir.messages.push(message);
    assistant = undefined;
    toolResults = undefined;
  };
  const assistantTurn = () => {
    if (assistant) return assistant;
    const turn = { role: 'assistant' as const, content: [] as IrAssistantPart[] };
    push(turn);
    assistant = turn;
    return turn;
  };
  const toolResultTurn = () => {
    if (toolResults) return toolResults;
    const turn = { role: 'user' as const, content: [] as IrUserPart[] };
    push(turn);
    toolResults = turn;
    return turn;
  };

  for (const [i, item] of items.entries()) {
    const path = `input.${i}`;
    switch (item.kind) {
      case 'message': {
        const { role, content } = item.value;
        if (role === 'system' || role === 'developer') {
          const text = systemText(content, `${path}.content`, ctx);
          if (ir.messages.length === 0) {
            ir.system.push(...text);
            if (role === 'developer') ir.systemIsDeveloper = true;
          } else {
            push(
              role === 'developer'
                ? { role: 'system', content: text, developer: true }
                : { role: 'system', content: text },
            );
          }
        } else if (role === 'user') {
          push({ role: 'user', content: userParts(content, `${path}.content`, ctx) });
        } else {
          assistantTurn().content.push(...assistantParts(content, `${path}.content`, ctx));
        }
        break;
      }
      case 'function_call': {
        const call = item.value;
        assistantTurn().content.push({
          type: 'tool_call',
          id: call.call_id,
          ...(call.id ? { itemId: call.id } : {}),
          name: call.name,
          arguments: call.arguments.trim() === '' ? '{}' : call.arguments,
        });
        break;
      }
      case 'custom_tool_call': {
        const call = item.value;
        assistantTurn().content.push({
          type: 'tool_call',
          id: call.call_id,
          name: call.name,
          arguments: customCallArguments(call.input),
        });
        break;
      }
      case 'reasoning': {
        const part = reasoningItemToIr(item.value);
        if (part) assistantTurn().content.push(part);
        else {
          ctx.warn({
            code: 'dropped_content',
            path,
            message: 'a reasoning item without summary or encrypted_content carries nothing to translate',
          });
        }
        break;
      }
      case 'function_call_output':
      case 'custom_tool_call_output': {
        const result: IrToolResultPart = { type: 'tool_result', callId: item.value.call_id, content: [] };
        const output = item.value.output;
        if (typeof output === 'string') {
          result.content = [{ type: 'text', text: output }];
          result.contentIsString = true;
        } else {
          result.content = userParts(output, `${path}.output`, ctx).filter(
            (p): p is Exclude<IrUserPart, IrToolResultPart> => p.type !== 'tool_result',
          );
        }
        toolResultTurn().content.push(result);
        break;
      }
      case 'item_reference':
        return unsupported(
          path,
          `${path}: item_reference points at a stored item that only an OpenAI Responses upstream can resolve; send the item itself instead`,
        );
      default:
        ctx.warn({
          code: 'dropped_content',
          path,
          message: `input item of type "${item.type}" has no equivalent in the IR and was dropped`,
        });
    }
  }
  return { ok: true, value: null };
}

function textParts(
  content: string | ResponsesContentPart[],
  path: string,
  ctx: CodecContext,
  accept: (part: ResponsesContentPart) => IrTextPart | undefined,
): IrTextPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return content.flatMap((part, j) => {
    const text = accept(part);
    if (text) return [text];
    dropPart(part, `${path}.${j}`, ctx);
    return [];
  });
}

function systemText(content: string | ResponsesContentPart[], path: string, ctx: CodecContext): IrTextPart[] {
  return textParts(content, path, ctx, (part) =>
    part.kind === 'input_text' || part.kind === 'output_text'
      ? { type: 'text', text: part.value.text }
      : undefined,
  );
}

function userParts(content: string | ResponsesContentPart[], path: string, ctx: CodecContext): IrUserPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  const parts: IrUserPart[] = [];
  for (const [j, part] of content.entries()) {
    switch (part.kind) {
      case 'input_text':
      case 'output_text':
        parts.push({ type: 'text', text: part.value.text });
        break;
      case 'input_image': {
        const source = imageSource(part.value);
        if (!source) {
          dropPart(part, `${path}.${j}`, ctx, 'an input_image without image_url or file_id');
          break;
        }
        parts.push({ type: 'image', source, ...(part.value.detail ? { detail: part.value.detail } : {}) });
        break;
      }
      case 'input_file': {
        const source = fileSource(part.value);
        if (!source) {
          dropPart(part, `${path}.${j}`, ctx, 'an input_file without file_data, file_url or file_id');
          break;
        }
        parts.push({
          type: 'file',
          source,
          ...(part.value.filename ? { filename: part.value.filename } : {}),
        });
        break;
      }
      default:
        dropPart(part, `${path}.${j}`, ctx);
    }
  }
  return parts;
}

function assistantParts(
  content: string | ResponsesContentPart[],
  path: string,
  ctx: CodecContext,
): IrAssistantPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  const parts: IrAssistantPart[] = [];
  for (const [j, part] of content.entries()) {
    if (part.kind === 'output_text' || part.kind === 'input_text') {
      const text: IrTextPart = { type: 'text', text: part.value.text };
      const annotations = part.kind === 'output_text' ? part.value.annotations : undefined;
      if (annotations && annotations.length > 0) text.citations = annotations;
      parts.push(text);
    } else if (part.kind === 'refusal') {
      parts.push({ type: 'refusal', text: part.value.refusal });
    } else {
      dropPart(part, `${path}.${j}`, ctx);
    }
  }
  return parts;
}

function dropPart(part: ResponsesContentPart, path: string, ctx: CodecContext, what?: string): void {
  const type = part.kind === 'unknown' ? part.type : part.kind;
  ctx.warn({
    code: 'dropped_content',
    path,
    message: `${what ?? `content part of type "${type}"`} has no place here and was dropped`,
  });
}

function parseTools(req: ResponsesRequest, ctx: CodecContext): IrTool[] {
  const tools: IrTool[] = [];
  for (const [i, tool] of (req.tools ?? []).entries()) {
    if (tool.kind === 'custom') {
      tools.push(customToolToIr(tool.value, `tools.${i}`, ctx));
      continue;
    }
    if (tool.kind !== 'function') {
      ctx.warn({
        code: 'dropped_content',
        path: `tools.${i}`,
        message: `hosted tool "${tool.type}" exists only on OpenAI Responses and was dropped`,
      });
      continue;
    }
    const { name, description, parameters, strict } = tool.value;
    const ir: IrTool = { name, parameters: parameters ?? { type: 'object', properties: {} } };
    if (description != null) ir.description = description;
    if (strict != null) ir.strict = strict;
    tools.push(ir);
  }
  return tools;
}

function parseToolChoice(
  choice: ResponsesRequest['tool_choice'],
  ctx: CodecContext,
): IrToolChoice | undefined {
  if (choice == null) return undefined;
  if (typeof choice === 'string') return { type: choice };
  if ((choice.type === 'function' || choice.type === 'custom') && choice.name)
    return { type: 'tool', name: choice.name };
  ctx.warn({
    code: 'dropped_field',
    path: 'tool_choice',
    message: `tool_choice of type "${choice.type}" has no equivalent in the IR and was dropped`,
  });
  return undefined;
}

function parseReasoning(
  reasoning: ResponsesRequest['reasoning'],
  ctx: CodecContext,
): IrReasoningConfig | undefined {
  if (!reasoning) return undefined;
  const summary = reasoning.summary ?? reasoning.generate_summary ?? undefined;
  let effort = reasoning.effort ?? undefined;
  if (effort === undefined && summary === undefined) return undefined;
  if (effort !== undefined && !EFFORTS.has(effort)) {
    ctx.warn({
      code: 'changed_value',
      path: 'reasoning.effort',
      message: `reasoning effort "${effort}" is not known to the IR and was read as "xhigh"`,
    });
    effort = 'xhigh';
  }
  const ir: IrReasoningConfig = { enabled: effort !== 'none' };
  if (effort !== undefined) ir.effort = effort as IrReasoningEffort;
  if (summary !== undefined) ir.summary = summary;
  return ir;
}

function parseTextFormat(text: ResponsesRequest['text'], ctx: CodecContext): IrResponseFormat | undefined {
  if (!text) return undefined;
  if (text.verbosity != null) {
    ctx.warn({
      code: 'dropped_field',
      path: 'text.verbosity',
      message: 'text.verbosity has no equivalent in the IR and was dropped',
    });
  }
  const format = text.format;
  if (!format) return undefined;
  switch (format.kind) {
    case 'text':
      return { type: 'text' };
    case 'json_object':
      return { type: 'json_object' };
    case 'json_schema': {
      const { name, schema, strict, description } = format.value;
      const ir: IrResponseFormat = { type: 'json_schema', name, schema };
      if (strict != null) ir.strict = strict;
      if (description != null) ir.description = description;
      return ir;
    }
    default:
      ctx.warn({
        code: 'dropped_field',
        path: 'text.format',
        message: `text.format of type "${format.type}" has no equivalent in the IR and was dropped`,
      });
      return undefined;
  }
}

import type { CodecContext, Result } from '../codec.js';
import { collectExtras } from '../extras.js';
import type {
  IrMessage,
  IrReasoningConfig,
  IrReasoningEffort,
  IrRequest,
  IrResponseFormat,
  IrTextPart,
  IrTool,
  IrToolChoice,
  IrUserPart,
} from '../ir.js';
import { parseWith } from '../zod-result.js';
import { parseDataUrl } from './chat-data-url.js';
import { ChatRequest, type ChatRequestBody } from './chat-schema.js';
import { warnDropped } from './chat-schema-helpers.js';
import { parseChatAssistant } from './parse-chat-assistant.js';

/** Top-level request fields the IR models; every other one travels in `extras`. */
const MAPPED_KEYS: ReadonlySet<string> = new Set([
  'model',
  'messages',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'max_completion_tokens',
  'max_tokens',
  'temperature',
  'top_p',
  'n',
  'stop',
  'stream',
  'stream_options',
  'reasoning_effort',
  'response_format',
  'user',
]);

const EFFORTS: ReadonlySet<string> = new Set(['none', 'minimal', 'low', 'medium', 'high', 'xhigh']);

type Message = ChatRequestBody['messages'][number];
type ContentOf<R extends Message['role']> =
  Extract<Message, { role: R }> extends { content?: infer C } ? C : never;
type PartOf<R extends Message['role']> = Extract<ContentOf<R>, unknown[]>[number];
type UserWirePart = PartOf<'user'>;

/**
 * Parses a Chat Completions request body into the IR. Leading system/developer messages become
 * the system prompt; `tool` messages become `tool_result` parts of user messages (consecutive
 * ones share one); `reasoning_content` / `reasoning` of assistant messages becomes unsigned
 * thinking. Content the IR cannot hold (audio, custom tools, `function` messages) is dropped
 * with a warning.
 *
 * @example
 * ```ts
 * const ctx = { options: {}, warn: () => {} };
 * const result = parseChatRequest({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] }, ctx);
 * if (result.ok) result.value.messages; // [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }]
 * ```
 */
export function parseChatRequest(body: unknown, ctx: CodecContext): Result<IrRequest> {
  const parsed = parseWith(ChatRequest, body);
  if (!parsed.ok) return parsed;
  const req = parsed.value;

  const ir: IrRequest = {
    model: req.model,
    system: [],
    messages: [],
    tools: [],
    stream: req.stream === true,
    extras: collectExtras(req, MAPPED_KEYS, 'openai-chat'),
  };
  parseMessages(req.messages, ir, ctx);
  ir.tools = parseTools(req.tools, ctx);

  const toolChoice = parseToolChoice(req.tool_choice, ctx);
  if (toolChoice) ir.toolChoice = toolChoice;
  if (req.parallel_tool_calls != null) ir.parallelToolCalls = req.parallel_tool_calls;
  const maxTokens = req.max_completion_tokens ?? req.max_tokens;
  if (maxTokens != null) ir.maxTokens = maxTokens;
  if (req.temperature != null) ir.temperature = req.temperature;
  if (req.top_p != null) ir.topP = req.top_p;
  if (req.n != null) ir.n = req.n;
  if (req.stop != null) ir.stopSequences = typeof req.stop === 'string' ? [req.stop] : req.stop;
  if (req.stream_options?.include_usage != null) ir.includeUsage = req.stream_options.include_usage;
  const reasoning = parseReasoningEffort(req.reasoning_effort, ctx);
  if (reasoning) ir.reasoning = reasoning;
  const responseFormat = parseResponseFormat(req.response_format, ctx);
  if (responseFormat) ir.responseFormat = responseFormat;
  if (req.user != null) ir.user = req.user;
  return { ok: true, value: ir };
}

/** Fills `ir.system`, `ir.systemIsDeveloper` and `ir.messages`. */
function parseMessages(messages: Message[], ir: IrRequest, ctx: CodecContext): void {
  let leading = true;
  // The user message that collects consecutive `tool` messages, while they keep coming.
  let toolResults: Extract<IrMessage, { role: 'user' }> | undefined;

  messages.forEach((message, i) => {
    const path = `messages.${i}`;
    if (message.role !== 'tool') toolResults = undefined;
    if (message.role !== 'function' && 'name' in message && message.name != null) {
      ctx.warn({
        code: 'dropped_field',
        path: `${path}.name`,
        message: 'message "name" has no place in the IR',
      });
    }
    switch (message.role) {
      case 'system':
      case 'developer': {
        const content = textParts(message.content, path, ctx);
        if (leading) {
          // The first leading message decides the role the prompt is rendered back with.
          if (i === 0 && message.role === 'developer') ir.systemIsDeveloper = true;
          ir.system.push(...content.filter((p) => p.text !== ''));
        } else {
          ir.messages.push(
            message.role === 'developer'
              ? { role: 'system', content, developer: true }
              : { role: 'system', content },
          );
        }
        return;
      }
      case 'user':
        leading = false;
        ir.messages.push({ role: 'user', content: userParts(message.content, path, ctx) });
        return;
      case 'assistant':
        leading = false;
        ir.messages.push({ role: 'assistant', content: parseChatAssistant(message, path, ctx) });
        return;
      case 'tool': {
        leading = false;
        const content = userParts(message.content, path, ctx).filter(
          (p): p is Exclude<IrUserPart, { type: 'tool_result' }> => p.type !== 'tool_result',
        );
        const part: IrUserPart = { type: 'tool_result', callId: message.tool_call_id, content };
        if (typeof message.content === 'string') part.contentIsString = true;
        if (toolResults) {
          toolResults.content.push(part);
        } else {
          toolResults = { role: 'user', content: [part] };
          ir.messages.push(toolResults);
        }
        return;
      }
      case 'function':
        leading = false;
        ctx.warn({
          code: 'dropped_content',
          path,
          message: 'deprecated "function" messages are not translated; use "tool" messages',
        });
        return;
    }
  });
}

function textParts(content: ContentOf<'system'>, path: string, ctx: CodecContext): IrTextPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  const out: IrTextPart[] = [];
  content.forEach((part, j) => {
    if (part.type === 'text') out.push({ type: 'text', text: part.text });
    else warnDropped('content part', part, `${path}.content.${j}`, ctx);
  });
  return out;
}

function userParts(content: string | UserWirePart[], path: string, ctx: CodecContext): IrUserPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  const out: IrUserPart[] = [];
  content.forEach((part, j) => {
    const partPath = `${path}.content.${j}`;
    switch (part.type) {
      case 'text':
        out.push({ type: 'text', text: part.text });
        return;
      case 'image_url': {
        const inline = parseDataUrl(part.image_url.url);
        const image: IrUserPart = {
          type: 'image',
          source: inline ? { type: 'base64', ...inline } : { type: 'url', url: part.image_url.url },
        };
        if (part.image_url.detail != null) image.detail = part.image_url.detail;
        out.push(image);
        return;
      }
      case 'file': {
        const { file_data: data, file_id: fileId, filename } = part.file;
        const inline =
          data == null ? undefined : (parseDataUrl(data) ?? { mediaType: 'application/pdf', data });
        if (!inline && fileId == null) {
          ctx.warn({
            code: 'dropped_content',
            path: partPath,
            message: 'file part without file_data or file_id',
          });
          return;
        }
        const file: IrUserPart = {
          type: 'file',
          source: inline ? { type: 'base64', ...inline } : { type: 'file', fileId: fileId as string },
        };
        if (filename != null) file.filename = filename;
        out.push(file);
        return;
      }
      default:
        warnDropped('content part', part, partPath, ctx);
    }
  });
  return out;
}

function parseTools(tools: ChatRequestBody['tools'], ctx: CodecContext): IrTool[] {
  const out: IrTool[] = [];
  tools?.forEach((tool, i) => {
    if (tool.type === 'unknown') {
      warnDropped('tool', tool, `tools.${i}`, ctx);
      return;
    }
    const fn = tool.function;
    const ir: IrTool = { name: fn.name, parameters: fn.parameters ?? { type: 'object', properties: {} } };
    if (fn.description != null) ir.description = fn.description;
    if (fn.strict != null) ir.strict = fn.strict;
    out.push(ir);
  });
  return out;
}

function parseToolChoice(
  choice: ChatRequestBody['tool_choice'],
  ctx: CodecContext,
): IrToolChoice | undefined {
  if (choice == null) return undefined;
  if (typeof choice === 'string') return { type: choice };
  switch (choice.type) {
    case 'function':
      return { type: 'tool', name: choice.function.name };
    case 'allowed_tools': {
      const mode = choice.allowed_tools.mode === 'required' ? 'required' : 'auto';
      ctx.warn({
        code: 'changed_value',
        path: 'tool_choice',
        message: `"allowed_tools" has no equivalent; all tools stay available with tool_choice "${mode}"`,
      });
      return { type: mode };
    }
    default:
      ctx.warn({
        code: 'dropped_field',
        path: 'tool_choice',
        message: `tool_choice of type "${choice.originalType}" has no equivalent and was dropped`,
      });
      return undefined;
  }
}

function parseReasoningEffort(
  effort: string | null | undefined,
  ctx: CodecContext,
): IrReasoningConfig | undefined {
  if (effort == null) return undefined;
  if (effort === 'max') {
    ctx.warn({
      code: 'changed_value',
      path: 'reasoning_effort',
      message: 'reasoning_effort "max" is carried as "xhigh"',
    });
    return { enabled: true, effort: 'xhigh' };
  }
  if (!EFFORTS.has(effort)) {
    ctx.warn({
      code: 'dropped_field',
      path: 'reasoning_effort',
      message: `unknown reasoning_effort "${effort}" was dropped`,
    });
    return undefined;
  }
  return { enabled: effort !== 'none', effort: effort as IrReasoningEffort };
}

function parseResponseFormat(
  format: ChatRequestBody['response_format'],
  ctx: CodecContext,
): IrResponseFormat | undefined {
  if (format == null) return undefined;
  switch (format.type) {
    case 'text':
    case 'json_object':
      return { type: format.type };
    case 'json_schema': {
      const js = format.json_schema;
      const ir: IrResponseFormat = { type: 'json_schema', name: js.name, schema: js.schema ?? {} };
      if (js.strict != null) ir.strict = js.strict;
      if (js.description != null) ir.description = js.description;
      return ir;
    }
    default:
      ctx.warn({
        code: 'dropped_field',
        path: 'response_format',
        message: `response_format of type "${format.originalType}" has no equivalent and was dropped`,
      });
      return undefined;
  }
}

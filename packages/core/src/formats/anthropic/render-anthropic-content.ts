import type { CodecContext } from '../codec.js';
import { toAnthropicToolId } from '../ids.js';
import type {
  IrAssistantPart,
  IrFilePart,
  IrImagePart,
  IrMediaSource,
  IrTextPart,
  IrToolCallPart,
  IrToolResultPart,
  IrUserPart,
} from '../ir.js';
import { parseToolArguments } from '../tool-arguments.js';

/** An Anthropic content block as rendered (plain JSON). */
export type AnthropicBlockOut = Record<string, unknown> & { type: string };

/** Citation types Anthropic defines; OpenAI annotations (`url_citation`, …) are not among them. */
const ANTHROPIC_CITATION_TYPES: ReadonlySet<string> = new Set([
  'char_location',
  'page_location',
  'content_block_location',
  'web_search_result_location',
  'search_result_location',
]);

function isAnthropicCitation(citation: unknown): boolean {
  const type = (citation as { type?: unknown } | null)?.type;
  return typeof type === 'string' && ANTHROPIC_CITATION_TYPES.has(type);
}

/** A text part as a text block; citations only when they are Anthropic's own. */
export function renderTextBlock(part: IrTextPart, path: string, ctx: CodecContext): AnthropicBlockOut {
  const block: AnthropicBlockOut = { type: 'text', text: part.text };
  if (part.cacheControl) block.cache_control = part.cacheControl;
  if (part.citations && part.citations.length > 0) {
    const kept = part.citations.filter(isAnthropicCitation);
    if (kept.length < part.citations.length) {
      ctx.warn({
        code: 'dropped_field',
        path: `${path}.citations`,
        message: 'citations that are not Anthropic citations were dropped',
      });
    }
    if (kept.length > 0) block.citations = kept;
  }
  return block;
}

const DATA_URL = /^data:([^;,]+);base64,(.*)$/s;

function renderSource(source: IrMediaSource): Record<string, unknown> {
  switch (source.type) {
    case 'base64':
      return { type: 'base64', media_type: source.mediaType, data: source.data };
    case 'url': {
      // Anthropic fetches URL sources itself and cannot fetch a data: URL; send its bytes instead.
      const data = DATA_URL.exec(source.url);
      if (data) return { type: 'base64', media_type: data[1], data: data[2] };
      return { type: 'url', url: source.url };
    }
    case 'file':
      return { type: 'file', file_id: source.fileId };
  }
}

function renderImage(part: IrImagePart, path: string, ctx: CodecContext): AnthropicBlockOut {
  if (part.detail !== undefined && part.detail !== 'auto') {
    ctx.warn({ code: 'dropped_field', path: `${path}.detail`, message: 'image "detail" was dropped' });
  }
  const block: AnthropicBlockOut = { type: 'image', source: renderSource(part.source) };
  if (part.cacheControl) block.cache_control = part.cacheControl;
  return block;
}

/** The UTF-8 text of base64 data, or undefined when it is not valid base64. */
function decodeBase64Text(data: string): string | undefined {
  try {
    return new TextDecoder().decode(Uint8Array.from(atob(data), (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

function renderDocument(part: IrFilePart): AnthropicBlockOut {
  let source = renderSource(part.source);
  // Anthropic takes base64 documents as PDF only; plain text goes in a text source.
  if (source.type === 'base64' && String(source.media_type).startsWith('text/')) {
    const text = decodeBase64Text(String(source.data));
    if (text !== undefined) source = { type: 'text', media_type: 'text/plain', data: text };
  }
  const block: AnthropicBlockOut = { type: 'document', source };
  if (part.filename !== undefined) block.title = part.filename;
  if (part.cacheControl) block.cache_control = part.cacheControl;
  return block;
}

function renderToolResult(part: IrToolResultPart, path: string, ctx: CodecContext): AnthropicBlockOut {
  const block: AnthropicBlockOut = { type: 'tool_result', tool_use_id: toAnthropicToolId(part.callId) };
  const allText = part.content.every((c) => c.type === 'text');
  if (part.contentIsString && allText) {
    block.content = part.content.map((c) => (c as IrTextPart).text).join('');
  } else {
    const inner: AnthropicBlockOut[] = [];
    part.content.forEach((c, i) => {
      const at = `${path}.content.${i}`;
      if (c.type === 'text') {
        if (c.text !== '') inner.push(renderTextBlock(c, at, ctx));
      } else if (c.type === 'image') inner.push(renderImage(c, at, ctx));
      else inner.push(renderDocument(c));
    });
    if (inner.length > 0) block.content = inner;
  }
  if (part.isError !== undefined) block.is_error = part.isError;
  if (part.cacheControl) block.cache_control = part.cacheControl;
  return block;
}

/**
 * IR user parts → Anthropic blocks, tool results first (Anthropic requires the `tool_result`
 * blocks of a user turn to come before anything else). Empty text is dropped: Anthropic
 * rejects empty text blocks.
 *
 * @param path dotted path of the parts (`messages.3.content`), for warnings.
 */
export function renderUserParts(parts: IrUserPart[], path: string, ctx: CodecContext): AnthropicBlockOut[] {
  const results: AnthropicBlockOut[] = [];
  const rest: AnthropicBlockOut[] = [];
  parts.forEach((part, i) => {
    const at = `${path}.${i}`;
    switch (part.type) {
      case 'text':
        if (part.text !== '') rest.push(renderTextBlock(part, at, ctx));
        break;
      case 'image':
        rest.push(renderImage(part, at, ctx));
        break;
      case 'file':
        rest.push(renderDocument(part));
        break;
      case 'tool_result':
        results.push(renderToolResult(part, at, ctx));
        break;
    }
  });
  return [...results, ...rest];
}

/** A tool call as a `tool_use` block: Anthropic-safe id, arguments as an object. */
export function renderToolUse(part: IrToolCallPart, path: string, ctx: CodecContext): AnthropicBlockOut {
  let input = parseToolArguments(part.arguments);
  if (input === undefined) {
    ctx.warn({
      code: 'changed_value',
      path: `${path}.arguments`,
      message: `the arguments of tool call "${part.id}" are not a JSON object; {} was sent`,
    });
    input = {};
  }
  const block: AnthropicBlockOut = {
    type: 'tool_use',
    id: toAnthropicToolId(part.id),
    name: part.name,
    input,
  };
  if (part.cacheControl) block.cache_control = part.cacheControl;
  return block;
}

/**
 * IR assistant parts → Anthropic blocks. Empty text is dropped; a refusal becomes text.
 * In a request (`mode: 'request'`), thinking without a signature is dropped with a warning,
 * since Anthropic rejects thinking it cannot verify; in a response it is kept with an empty
 * signature, so that the client still sees the reasoning.
 *
 * @param path dotted path of the parts (`messages.1.content`, `content`), for warnings.
 */
export function renderAssistantParts(
  parts: IrAssistantPart[],
  path: string,
  ctx: CodecContext,
  mode: 'request' | 'response',
): AnthropicBlockOut[] {
  const blocks: AnthropicBlockOut[] = [];
  parts.forEach((part, i) => {
    const at = `${path}.${i}`;
    switch (part.type) {
      case 'text':
        if (part.text !== '') blocks.push(renderTextBlock(part, at, ctx));
        break;
      case 'refusal':
        if (mode === 'request') {
          ctx.warn({ code: 'changed_value', path: at, message: 'a refusal was sent as assistant text' });
        }
        if (part.text !== '') blocks.push({ type: 'text', text: part.text });
        break;
      case 'thinking':
        if (part.signature === undefined && mode === 'request') {
          ctx.warn({
            code: 'dropped_content',
            path: at,
            message: 'thinking without a signature cannot be verified by Anthropic and was dropped',
          });
        } else {
          blocks.push({ type: 'thinking', thinking: part.text, signature: part.signature ?? '' });
        }
        break;
      case 'redacted_thinking':
        blocks.push({ type: 'redacted_thinking', data: part.data });
        break;
      case 'tool_call':
        blocks.push(renderToolUse(part, at, ctx));
        break;
    }
  });
  return blocks;
}

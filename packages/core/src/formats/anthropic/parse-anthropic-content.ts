import type { CodecContext } from '../codec.js';
import type {
  IrAssistantPart,
  IrFilePart,
  IrImagePart,
  IrMediaSource,
  IrTextPart,
  IrToolResultPart,
  IrUserPart,
} from '../ir.js';
import { stringifyToolArguments } from '../tool-arguments.js';
import type {
  AnthropicContentBlock,
  AnthropicDocumentBlock,
  AnthropicImageBlock,
  AnthropicTextBlock,
  AnthropicToolResultBlock,
} from './anthropic-schema.js';

type Source =
  | { type: 'base64'; media_type: string; data: string }
  | { type: 'url'; url: string }
  | { type: 'file'; file_id: string };

function mediaSource(source: Source): IrMediaSource {
  switch (source.type) {
    case 'base64':
      return { type: 'base64', mediaType: source.media_type, data: source.data };
    case 'url':
      return { type: 'url', url: source.url };
    case 'file':
      return { type: 'file', fileId: source.file_id };
  }
}

/** A text block as an IR text part (cache marker and citations kept). */
export function textPart(block: AnthropicTextBlock): IrTextPart {
  const part: IrTextPart = { type: 'text', text: block.text };
  if (block.cache_control) part.cacheControl = block.cache_control;
  if (block.citations && block.citations.length > 0) part.citations = block.citations;
  return part;
}

function imagePart(block: AnthropicImageBlock): IrImagePart {
  const part: IrImagePart = { type: 'image', source: mediaSource(block.source) };
  if (block.cache_control) part.cacheControl = block.cache_control;
  return part;
}

/**
 * A document block as an IR file part. A plain-text document becomes a text part (the IR has no
 * text source); a document made of content blocks cannot be carried and is dropped.
 */
function documentPart(
  block: AnthropicDocumentBlock,
  path: string,
  ctx: CodecContext,
): IrFilePart | IrTextPart | undefined {
  const { source } = block;
  if (source.type === 'content') {
    ctx.warn({
      code: 'dropped_content',
      path,
      message: 'a document made of content blocks has no equivalent in the target format and was dropped',
    });
    return undefined;
  }
  if (source.type === 'text') {
    ctx.warn({ code: 'changed_value', path, message: 'a plain-text document was sent as a text part' });
    return { type: 'text', text: source.data };
  }
  for (const key of ['context', 'citations'] as const) {
    if (block[key] != null) {
      ctx.warn({ code: 'dropped_field', path: `${path}.${key}`, message: `document "${key}" was dropped` });
    }
  }
  const part: IrFilePart = { type: 'file', source: mediaSource(source) };
  if (block.title != null) part.filename = block.title;
  if (block.cache_control) part.cacheControl = block.cache_control;
  return part;
}

function dropped(path: string, type: string, where: string, ctx: CodecContext): undefined {
  ctx.warn({
    code: 'dropped_content',
    path,
    message: `a "${type}" block ${where} has no equivalent in the target format and was dropped`,
  });
  return undefined;
}

function toolResultPart(block: AnthropicToolResultBlock, path: string, ctx: CodecContext): IrToolResultPart {
  const part: IrToolResultPart = { type: 'tool_result', callId: block.tool_use_id, content: [] };
  if (typeof block.content === 'string') {
    part.content = [{ type: 'text', text: block.content }];
    part.contentIsString = true;
  } else if (block.content) {
    block.content.forEach((inner, i) => {
      const innerPath = `${path}.content.${i}`;
      let converted: IrToolResultPart['content'][number] | undefined;
      if (inner.type === 'text') converted = textPart(inner);
      else if (inner.type === 'image') converted = imagePart(inner);
      else if (inner.type === 'document') converted = documentPart(inner, innerPath, ctx);
      else converted = dropped(innerPath, inner.wireType, 'in a tool result', ctx);
      if (converted) part.content.push(converted);
    });
  }
  if (block.is_error != null) part.isError = block.is_error;
  if (block.cache_control) part.cacheControl = block.cache_control;
  return part;
}

/**
 * Content blocks of a user turn → IR user parts. Blocks a user turn cannot hold in the IR
 * (tool calls, thinking, server tool blocks) are dropped with a `dropped_content` warning.
 *
 * @param path dotted path of the block array in the source body (`messages.2.content`).
 */
export function parseUserBlocks(
  blocks: AnthropicContentBlock[],
  path: string,
  ctx: CodecContext,
): IrUserPart[] {
  const parts: IrUserPart[] = [];
  blocks.forEach((block, i) => {
    const at = `${path}.${i}`;
    let part: IrUserPart | undefined;
    switch (block.type) {
      case 'text':
        part = textPart(block);
        break;
      case 'image':
        part = imagePart(block);
        break;
      case 'document':
        part = documentPart(block, at, ctx);
        break;
      case 'tool_result':
        part = toolResultPart(block, at, ctx);
        break;
      case 'unknown':
        part = dropped(at, block.wireType, 'in a user turn', ctx);
        break;
      default:
        part = dropped(at, block.type, 'in a user turn', ctx);
    }
    if (part) parts.push(part);
  });
  return parts;
}

/**
 * Content blocks of an assistant turn (request history or response) → IR assistant parts.
 * `tool_use.input` becomes JSON text. Blocks the IR cannot hold there (images, server tool
 * blocks, …) are dropped with a `dropped_content` warning.
 *
 * @param path dotted path of the block array in the source body (`content`, `messages.1.content`).
 */
export function parseAssistantBlocks(
  blocks: AnthropicContentBlock[],
  path: string,
  ctx: CodecContext,
): IrAssistantPart[] {
  const parts: IrAssistantPart[] = [];
  blocks.forEach((block, i) => {
    const at = `${path}.${i}`;
    switch (block.type) {
      case 'text':
        parts.push(textPart(block));
        break;
      case 'thinking':
        parts.push(
          block.signature != null && block.signature !== ''
            ? { type: 'thinking', text: block.thinking, signature: block.signature }
            : { type: 'thinking', text: block.thinking },
        );
        break;
      case 'redacted_thinking':
        parts.push({ type: 'redacted_thinking', data: block.data });
        break;
      case 'tool_use': {
        const call: IrAssistantPart = {
          type: 'tool_call',
          id: block.id,
          name: block.name,
          arguments: stringifyToolArguments(block.input),
        };
        if (block.cache_control) call.cacheControl = block.cache_control;
        parts.push(call);
        break;
      }
      case 'unknown':
        dropped(at, block.wireType, 'in an assistant turn', ctx);
        break;
      default:
        dropped(at, block.type, 'in an assistant turn', ctx);
    }
  });
  return parts;
}

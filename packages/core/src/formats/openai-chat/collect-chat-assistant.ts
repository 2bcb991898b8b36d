import type { CodecContext } from '../codec.js';
import type { IrAssistantPart } from '../ir.js';

/** An assistant turn sorted into the fields a Chat assistant message has. */
export interface ChatAssistantFields {
  texts: string[];
  /** Reasoning text (`reasoning_content`). */
  thinking: string[];
  refusals: string[];
  /** `tool_calls` entries. */
  calls: Array<Record<string, unknown>>;
  /** Citations of the text parts, as the source gave them. */
  citations: unknown[];
}

/**
 * Sorts assistant parts into Chat's message fields, shared by requests (history) and responses.
 * What Chat cannot carry is warned about: signatures, redacted thinking, cache markers.
 */
export function collectChatAssistant(
  parts: IrAssistantPart[],
  path: string,
  ctx: CodecContext,
): ChatAssistantFields {
  const fields: ChatAssistantFields = { texts: [], thinking: [], refusals: [], calls: [], citations: [] };
  parts.forEach((part, i) => {
    const partPath = `${path}.${i}`;
    switch (part.type) {
      case 'text':
        if (part.cacheControl) dropCacheControl(partPath, ctx);
        if (part.citations) fields.citations.push(...part.citations);
        fields.texts.push(part.text);
        return;
      case 'thinking':
        fields.thinking.push(part.text);
        if (part.signature !== undefined) {
          ctx.warn({
            code: 'dropped_field',
            path: `${partPath}.signature`,
            message: 'Chat Completions carries reasoning text only; the thinking signature was dropped',
          });
        }
        return;
      case 'redacted_thinking':
        ctx.warn({
          code: 'dropped_content',
          path: partPath,
          message: 'Chat Completions cannot carry redacted thinking; it was dropped',
        });
        return;
      case 'refusal':
        fields.refusals.push(part.text);
        return;
      case 'tool_call':
        if (part.cacheControl) dropCacheControl(partPath, ctx);
        fields.calls.push({
          id: part.id,
          type: 'function',
          function: { name: part.name, arguments: part.arguments === '' ? '{}' : part.arguments },
        });
        return;
    }
  });
  return fields;
}

/** Warns that a `cache_control` marker was dropped. */
export function dropCacheControl(path: string, ctx: CodecContext): void {
  ctx.warn({
    code: 'dropped_field',
    path: `${path}.cache_control`,
    message: 'Chat Completions has no cache_control; OpenAI caches prompts automatically',
  });
}

/**
 * IR response → Responses response body (`object: "response"`).
 */
import type { CodecContext } from '../codec.js';
import { withIdPrefix } from '../ids.js';
import type { IrResponse } from '../ir.js';
import { stopReasonToResponses } from './map-responses-stop-reason.js';
import {
  functionCallItem,
  type ItemStatus,
  messageItem,
  messageItemId,
  outputTextPart,
  reasoningItemId,
  refusalPart,
} from './responses-output-items.js';
import { renderReasoningItem } from './responses-reasoning.js';
import { responseObject } from './responses-response-object.js';
import { usageToResponses } from './responses-usage.js';

/**
 * Renders an IR response as a Responses `Response` object. Consecutive text and refusal parts
 * share one message item; each tool call is a `function_call` item and each thinking part a
 * `reasoning` item. A response cut short (`length`, `content_filter`) is `incomplete`, with its
 * last message item `incomplete` too.
 *
 * @example
 * ```ts
 * const body = renderResponsesResponse(ir, ctx);
 * // { id: 'resp_…', object: 'response', status: 'completed', output: [...], usage: {...}, ... }
 * ```
 */
export function renderResponsesResponse(ir: IrResponse, ctx: CodecContext): Record<string, unknown> {
  const id = withIdPrefix('resp_', ir.id);
  const { status, incomplete_details } = stopReasonToResponses(ir.stopReason);
  const output: Record<string, unknown>[] = [];
  let message: { content: unknown[]; item: Record<string, unknown> } | undefined;

  for (const part of ir.content) {
    if (part.type === 'text' || part.type === 'refusal') {
      if (!message) {
        const content: unknown[] = [];
        message = { content, item: messageItem(messageItemId(id, output.length), 'completed', content) };
        output.push(message.item);
      }
      message.content.push(
        part.type === 'text'
          ? outputTextPart(part.text, annotationsOf(part.citations, ctx))
          : refusalPart(part.text),
      );
      continue;
    }
    message = undefined;
    if (part.type === 'tool_call') {
      output.push(functionCallItem(part, part.arguments.trim() === '' ? '{}' : part.arguments, 'completed'));
    } else {
      const itemId = part.type === 'thinking' ? part.itemId : undefined;
      output.push(renderReasoningItem(part, itemId ?? reasoningItemId(id, output.length)));
    }
  }
  if (status === 'incomplete') markLastMessageIncomplete(output);
  if (ir.stopSequence !== undefined) {
    ctx.warn({
      code: 'dropped_field',
      path: 'stop_sequence',
      message: 'OpenAI Responses does not report which stop sequence was hit; it was dropped',
    });
  }

  return responseObject({
    id,
    model: ir.model,
    createdAt: ir.created ?? ctx.options.now ?? 0,
    status,
    output,
    usage: usageToResponses(ir.usage),
    incompleteDetails: incomplete_details,
  });
}

const ANNOTATION_TYPES: ReadonlySet<string> = new Set([
  'file_citation',
  'url_citation',
  'container_file_citation',
  'file_path',
]);

/** The citations that are Responses annotations (other formats' citations have other shapes). */
function annotationsOf(citations: unknown[] | undefined, ctx: CodecContext): unknown[] {
  if (!citations || citations.length === 0) return [];
  const kept = citations.filter((c) => {
    if (c === null || typeof c !== 'object') return false;
    const record = c as Record<string, unknown>;
    // Chat nests the citation (`{ type: 'url_citation', url_citation: {...} }`); Responses does not.
    return (
      typeof record.type === 'string' && ANNOTATION_TYPES.has(record.type) && !('url_citation' in record)
    );
  });
  if (kept.length < citations.length) {
    ctx.warn({
      code: 'dropped_content',
      path: 'content.citations',
      message: 'citations of another format have no Responses annotation equivalent and were dropped',
    });
  }
  return kept;
}

function markLastMessageIncomplete(output: Record<string, unknown>[]): void {
  const last = output.findLast((item) => item.type === 'message');
  if (last) last.status = 'incomplete' satisfies ItemStatus;
}

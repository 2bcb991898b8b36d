import type { CodecContext } from '../codec.js';
import { withIdPrefix } from '../ids.js';
import type { IrResponse } from '../ir.js';
import { irUsageToChat } from './chat-usage.js';
import { collectChatAssistant } from './collect-chat-assistant.js';
import { irStopToChat } from './map-chat-stop-reason.js';

/**
 * Renders an IR response as a `chat.completion` body with one choice. Text parts are joined
 * into `content` (`null` when there is none), thinking becomes `reasoning_content` (its
 * signature, and redacted thinking, are dropped with a warning), refusals become `refusal`.
 *
 * @example
 * ```ts
 * renderChatResponse(ir, { options: { now: 1700000000 }, warn: () => {} }).object; // 'chat.completion'
 * ```
 */
export function renderChatResponse(ir: IrResponse, ctx: CodecContext): Record<string, unknown> {
  const { texts, thinking, refusals, calls, citations } = collectChatAssistant(ir.content, 'content', ctx);
  const annotations = citations.filter(isChatAnnotation);
  if (annotations.length < citations.length) {
    ctx.warn({
      code: 'dropped_field',
      path: 'content',
      message: 'citations that are not Chat url_citation annotations were dropped',
    });
  }

  const message: Record<string, unknown> = {
    role: 'assistant',
    content: texts.length > 0 ? texts.join('') : null,
  };
  if (thinking.length > 0) message.reasoning_content = thinking.join('\n');
  message.refusal = refusals.length > 0 ? refusals.join('') : null;
  if (calls.length > 0) message.tool_calls = calls;
  message.annotations = annotations;

  return {
    id: withIdPrefix('chatcmpl-', ir.id),
    object: 'chat.completion',
    created: ir.created ?? ctx.options.now ?? 0,
    model: ir.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: irStopToChat(ir.stopReason) }],
    usage: irUsageToChat(ir.usage),
  };
}

/** Whether a citation has Chat's annotation shape (`{type:'url_citation', url_citation:{…}}`). */
function isChatAnnotation(citation: unknown): boolean {
  if (typeof citation !== 'object' || citation === null) return false;
  const c = citation as Record<string, unknown>;
  return c.type === 'url_citation' && typeof c.url_citation === 'object' && c.url_citation !== null;
}

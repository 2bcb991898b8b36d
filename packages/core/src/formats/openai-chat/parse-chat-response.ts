import type { CodecContext, Result } from '../codec.js';
import type { IrResponse } from '../ir.js';
import { parseWith } from '../zod-result.js';
import { ChatResponse } from './chat-schema.js';
import { chatUsageToIr } from './chat-usage.js';
import { chatFinishToIr, isKnownChatFinish } from './map-chat-stop-reason.js';
import { parseChatAssistant } from './parse-chat-assistant.js';

/**
 * Parses a `chat.completion` body into the IR. Only the first choice is translated (a warning
 * says so when there are more); a body that is not a completion is an `invalid_response` error.
 *
 * @example
 * ```ts
 * const result = parseChatResponse(completion, { options: {}, warn: () => {} });
 * if (result.ok) result.value.stopReason; // 'stop'
 * ```
 */
export function parseChatResponse(body: unknown, ctx: CodecContext): Result<IrResponse> {
  const parsed = parseWith(ChatResponse, body, 'invalid_response');
  if (!parsed.ok) return parsed;
  const res = parsed.value;
  const position = Math.max(
    0,
    res.choices.findIndex((c) => (c.index ?? 0) === 0),
  );
  const choice = res.choices[position]!;
  if (res.choices.length > 1) {
    ctx.warn({
      code: 'dropped_content',
      path: 'choices',
      message: `only the first of ${res.choices.length} choices is translated`,
    });
  }
  const path = `choices.${position}`;
  const content = parseChatAssistant(choice.message, `${path}.message`, ctx);
  const reason = choice.finish_reason;
  if (reason != null && !isKnownChatFinish(reason)) {
    ctx.warn({
      code: 'changed_value',
      path: `${path}.finish_reason`,
      message: `unknown finish_reason "${reason}" is read as "stop"`,
    });
  }
  const ir: IrResponse = {
    id: res.id,
    model: res.model,
    content,
    stopReason: chatFinishToIr(
      reason,
      content.some((p) => p.type === 'tool_call'),
    ),
    usage: chatUsageToIr(res.usage),
  };
  if (res.created != null) ir.created = res.created;
  return { ok: true, value: ir };
}

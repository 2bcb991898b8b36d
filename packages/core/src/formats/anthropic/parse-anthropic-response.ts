import type { CodecContext, Result } from '../codec.js';
import type { IrResponse } from '../ir.js';
import { parseWith } from '../zod-result.js';
import { anthropicResponseSchema } from './anthropic-schema.js';
import { usageToIr } from './anthropic-usage.js';
import { stopReasonToIr } from './map-anthropic-stop-reason.js';
import { parseAssistantBlocks } from './parse-anthropic-content.js';

/**
 * Parses an Anthropic `Message` response body into the IR. Server tool blocks and other
 * unknown blocks are dropped with a warning. A body that does not match is an
 * `invalid_response` error value.
 *
 * @example
 * ```ts
 * const result = parseAnthropicResponse(message, ctx);
 * if (result.ok) result.value.stopReason; // 'tool_calls' for stop_reason "tool_use"
 * ```
 */
export function parseAnthropicResponse(body: unknown, ctx: CodecContext): Result<IrResponse> {
  const parsed = parseWith(anthropicResponseSchema, body, 'invalid_response');
  if (!parsed.ok) return parsed;
  const message = parsed.value;
  const content = parseAssistantBlocks(message.content, 'content', ctx);
  const ir: IrResponse = {
    id: message.id ?? '',
    model: message.model,
    content,
    stopReason: stopReasonToIr(
      message.stop_reason,
      content.some((p) => p.type === 'tool_call'),
    ),
    usage: usageToIr(message.usage),
  };
  if (message.stop_sequence != null) ir.stopSequence = message.stop_sequence;
  return { ok: true, value: ir };
}

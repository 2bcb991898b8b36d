import type { CodecContext } from '../codec.js';
import { withIdPrefix } from '../ids.js';
import type { IrResponse } from '../ir.js';
import { usageFromIr } from './anthropic-usage.js';
import { stopReasonFromIr } from './map-anthropic-stop-reason.js';
import { renderAssistantParts } from './render-anthropic-content.js';

/**
 * Renders an IR response as an Anthropic `Message` body: `msg_` id, content blocks (tool ids
 * made Anthropic-safe, refusals as text), stop reason, and usage with `input_tokens` excluding
 * cache reads and writes.
 *
 * @example
 * ```ts
 * renderAnthropicResponse({ id: 'chatcmpl-abc', model: 'gpt-4o', content: [{ type: 'text', text: 'Hi' }],
 *   stopReason: 'stop', usage: { inputTokens: 9, outputTokens: 2 } }, ctx);
 * // { id: 'msg_abc', type: 'message', role: 'assistant', model: 'gpt-4o', content: [{ type: 'text', text: 'Hi' }],
 * //   stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 9, … } }
 * ```
 */
export function renderAnthropicResponse(ir: IrResponse, ctx: CodecContext): Record<string, unknown> {
  return {
    id: withIdPrefix('msg_', ir.id),
    type: 'message',
    role: 'assistant',
    model: ir.model,
    content: renderAssistantParts(ir.content, 'content', ctx, 'response'),
    stop_reason: stopReasonFromIr(ir.stopReason),
    stop_sequence: ir.stopSequence ?? null,
    usage: usageFromIr(ir.usage),
  };
}

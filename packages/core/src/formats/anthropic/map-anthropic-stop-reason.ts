import type { IrStopReason } from '../ir.js';

/** Anthropic's `stop_reason` values. */
export type AnthropicStopReason =
  | 'end_turn'
  | 'max_tokens'
  | 'stop_sequence'
  | 'tool_use'
  | 'pause_turn'
  | 'refusal'
  | 'model_context_window_exceeded';

const TO_IR: Record<AnthropicStopReason, IrStopReason> = {
  end_turn: 'stop',
  max_tokens: 'length',
  stop_sequence: 'stop_sequence',
  tool_use: 'tool_calls',
  pause_turn: 'pause',
  refusal: 'content_filter',
  model_context_window_exceeded: 'length',
};

const FROM_IR: Record<IrStopReason, AnthropicStopReason> = {
  stop: 'end_turn',
  length: 'max_tokens',
  tool_calls: 'tool_use',
  stop_sequence: 'stop_sequence',
  content_filter: 'refusal',
  pause: 'pause_turn',
};

/**
 * Anthropic `stop_reason` → IR stop reason. A missing or unknown reason is a natural end, which
 * reads as `tool_calls` when the message did call tools (`calledTools`): gateways in front of
 * OpenAI-compatible models say `end_turn` there, and clients of other formats would then not run
 * the tools.
 *
 * @example
 * ```ts
 * stopReasonToIr('tool_use'); // 'tool_calls'
 * stopReasonToIr('model_context_window_exceeded'); // 'length'
 * stopReasonToIr('end_turn', true); // 'tool_calls'
 * ```
 */
export function stopReasonToIr(reason: string | null | undefined, calledTools = false): IrStopReason {
  const ir = reason != null && Object.hasOwn(TO_IR, reason) ? TO_IR[reason as AnthropicStopReason] : 'stop';
  return ir === 'stop' && calledTools ? 'tool_calls' : ir;
}

/**
 * IR stop reason → Anthropic `stop_reason`.
 *
 * @example
 * ```ts
 * stopReasonFromIr('content_filter'); // 'refusal'
 * ```
 */
export function stopReasonFromIr(reason: IrStopReason): AnthropicStopReason {
  return FROM_IR[reason] ?? 'end_turn';
}

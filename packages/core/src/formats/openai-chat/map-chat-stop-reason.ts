import type { IrStopReason } from '../ir.js';

/** A Chat `finish_reason` as Tollway renders it. */
export type ChatFinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

/**
 * The IR stop reason of a Chat `finish_reason`. `function_call` (deprecated) counts as
 * `tool_calls`; so does `stop` when the message did call tools (some OpenAI-compatible servers
 * say `stop` there, and clients of other formats would then not run the tools). Unknown reasons
 * are `stop`.
 *
 * @example
 * ```ts
 * chatFinishToIr('length', false); // 'length'
 * chatFinishToIr('stop', true); // 'tool_calls'
 * ```
 */
export function chatFinishToIr(reason: string | null | undefined, calledTools: boolean): IrStopReason {
  switch (reason) {
    case 'length':
      return 'length';
    case 'tool_calls':
    case 'function_call':
      return 'tool_calls';
    case 'content_filter':
      return 'content_filter';
    default:
      return calledTools ? 'tool_calls' : 'stop';
  }
}

/**
 * Whether Chat has a `finish_reason` of this exact name.
 *
 * @example
 * ```ts
 * isKnownChatFinish('eos'); // false
 * ```
 */
export function isKnownChatFinish(reason: string): boolean {
  return ['stop', 'length', 'tool_calls', 'function_call', 'content_filter'].includes(reason);
}

/**
 * The Chat `finish_reason` of an IR stop reason. Chat says `stop` for a stop sequence and has no
 * paused turn.
 *
 * @example
 * ```ts
 * irStopToChat('stop_sequence'); // 'stop'
 * ```
 */
export function irStopToChat(reason: IrStopReason): ChatFinishReason {
  switch (reason) {
    case 'length':
      return 'length';
    case 'tool_calls':
      return 'tool_calls';
    case 'content_filter':
      return 'content_filter';
    default:
      return 'stop';
  }
}

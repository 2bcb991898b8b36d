/**
 * Responses `status` / `incomplete_details.reason` ⇄ IR stop reason. The Responses format has
 * no stop reason of its own: a finished response is `completed` (a tool turn when it holds
 * function calls) or `incomplete` with the reason it was cut short.
 */
import type { IrStopReason } from '../ir.js';

/** The IR stop reason of a finished response. */
export function stopReasonFromResponses(
  status: string | null | undefined,
  incompleteReason: string | null | undefined,
  hasToolCalls: boolean,
): IrStopReason {
  if (status === 'incomplete') {
    if (incompleteReason === 'content_filter') return 'content_filter';
    return 'length';
  }
  return hasToolCalls ? 'tool_calls' : 'stop';
}

/** `status` and `incomplete_details` of a response that stopped for `reason`. */
export function stopReasonToResponses(reason: IrStopReason): {
  status: 'completed' | 'incomplete';
  incomplete_details: { reason: 'max_output_tokens' | 'content_filter' } | null;
} {
  if (reason === 'length')
    return { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } };
  if (reason === 'content_filter')
    return { status: 'incomplete', incomplete_details: { reason: 'content_filter' } };
  return { status: 'completed', incomplete_details: null };
}

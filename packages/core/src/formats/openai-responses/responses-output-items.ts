/**
 * Builders of Responses output items (`message`, `function_call`, `reasoning`) shared by the
 * whole-response renderer and the stream renderer, with their deterministic ids.
 */
import { functionCallItemId, idBody } from '../ids.js';
import type { IrToolCallPart } from '../ir.js';

/** Status of an output item. */
export type ItemStatus = 'in_progress' | 'completed' | 'incomplete';

/** The id of the message item at `outputIndex` of a response (`msg_<response id body>_<index>`). */
export function messageItemId(responseId: string, outputIndex: number): string {
  return `msg_${idBody(responseId)}_${outputIndex}`;
}

/** The id of a reasoning item at `outputIndex` that has none of its own (`rs_<response id body>_<index>`). */
export function reasoningItemId(responseId: string, outputIndex: number): string {
  return `rs_${idBody(responseId)}_${outputIndex}`;
}

/** An `output_text` content part. */
export function outputTextPart(text: string, annotations: unknown[] = []): Record<string, unknown> {
  return { type: 'output_text', annotations, logprobs: [], text };
}

/** A `refusal` content part. */
export function refusalPart(refusal: string): Record<string, unknown> {
  return { type: 'refusal', refusal };
}

/** An assistant `message` output item. */
export function messageItem(id: string, status: ItemStatus, content: unknown[]): Record<string, unknown> {
  return { id, type: 'message', status, content, role: 'assistant' };
}

/** A `function_call` output item; the call id is the IR id, the item id `itemId ?? fc_…`. */
export function functionCallItem(
  call: Pick<IrToolCallPart, 'id' | 'itemId' | 'name'>,
  args: string,
  status: ItemStatus,
): Record<string, unknown> {
  return {
    id: call.itemId ?? functionCallItemId(call.id),
    type: 'function_call',
    status,
    arguments: args,
    call_id: call.id,
    name: call.name,
  };
}

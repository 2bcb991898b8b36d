/**
 * Responses reasoning items ⇄ IR thinking. The item's `encrypted_content` is the IR signature,
 * byte for byte. An item with no summary (and no reasoning text) but encrypted content is IR
 * redacted thinking: opaque data, nothing to show.
 */
import { fnv1a } from '../ids.js';
import type { IrRedactedThinkingPart, IrThinkingPart } from '../ir.js';
import type { ResponsesReasoningItem } from './responses-schema.js';

/** Separator between the summary parts of one reasoning item in the IR's single text. */
export const SUMMARY_SEPARATOR = '\n\n';

/**
 * The IR part of a reasoning item, or undefined when it carries nothing (no summary, no
 * reasoning text, no encrypted content: a stored item only its server can resolve).
 */
export function reasoningItemToIr(
  item: ResponsesReasoningItem,
): IrThinkingPart | IrRedactedThinkingPart | undefined {
  const summary = item.summary ?? [];
  const content = item.content ?? [];
  const texts = summary.length > 0 ? summary : content;
  const signature = item.encrypted_content ?? undefined;
  if (texts.length === 0) return signature ? { type: 'redacted_thinking', data: signature } : undefined;
  const part: IrThinkingPart = { type: 'thinking', text: texts.map((t) => t.text).join(SUMMARY_SEPARATOR) };
  if (signature) part.signature = signature;
  if (item.id) part.itemId = item.id;
  return part;
}

/** A deterministic reasoning item id for a signed part that has none (`rs_<hash of the signature>`). */
export function reasoningItemIdFor(signature: string): string {
  return `rs_${fnv1a(signature)}`;
}

/**
 * A reasoning item for signed thinking or redacted thinking. Signed thinking always has one
 * summary part, even an empty one, so that it is not read back as redacted thinking.
 */
export function renderReasoningItem(
  part: IrThinkingPart | IrRedactedThinkingPart,
  id: string,
): Record<string, unknown> & { summary: Array<{ type: 'summary_text'; text: string }> } {
  if (part.type === 'redacted_thinking') {
    return { id, type: 'reasoning', summary: [], encrypted_content: part.data };
  }
  const item: Record<string, unknown> & { summary: Array<{ type: 'summary_text'; text: string }> } = {
    id,
    type: 'reasoning',
    summary: [{ type: 'summary_text', text: part.text }],
  };
  if (part.signature !== undefined) item.encrypted_content = part.signature;
  return item;
}

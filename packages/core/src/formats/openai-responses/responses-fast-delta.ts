import { readFlatJson } from '../fast-json.js';
import type { ResponsesStreamEvent } from './responses-schema.js';

/** The delta events that make up a long stream, with the integer fields each must have. */
const FAST_DELTAS: Partial<Record<string, readonly string[]>> = {
  'response.output_text.delta': ['output_index', 'content_index'],
  'response.function_call_arguments.delta': ['output_index'],
  'response.reasoning_summary_text.delta': ['output_index', 'summary_index'],
};

/**
 * Reads a text, argument or reasoning-summary delta event in the compact, flat shape the
 * Responses API sends, without `JSON.parse` or the schema; `undefined` for anything else (the
 * caller then parses it fully).
 *
 * @example
 * ```ts
 * readResponsesFastDelta('{"type":"response.output_text.delta","sequence_number":4,"item_id":"msg_1","output_index":0,"content_index":0,"delta":"Hi","logprobs":[]}');
 * // { kind: 'response.output_text.delta', value: { type: …, output_index: 0, content_index: 0, delta: 'Hi', … } }
 * ```
 */
export function readResponsesFastDelta(data: string): ResponsesStreamEvent | undefined {
  if (!data.startsWith('{"type":"response.')) return undefined;
  const fields = readFlatJson(data);
  const type = fields?.type;
  const integers =
    typeof type === 'string' && Object.hasOwn(FAST_DELTAS, type) ? FAST_DELTAS[type] : undefined;
  if (!fields || !integers || typeof fields.delta !== 'string') return undefined;
  for (const name of integers) if (typeof fields[name] !== 'number') return undefined;
  const itemId = fields.item_id;
  if (itemId !== undefined && itemId !== null && typeof itemId !== 'string') return undefined;
  return { kind: type, value: fields } as ResponsesStreamEvent;
}

import { readJsonIndex, readJsonString } from '../fast-json.js';

/** A `content_block_delta` of one of the three kinds that make up a long stream. */
export type AnthropicFastDelta = {
  type: 'content_block_delta';
  index: number;
  delta:
    | { type: 'text_delta'; text: string }
    | { type: 'input_json_delta'; partial_json: string }
    | { type: 'thinking_delta'; thinking: string };
};

const HEAD = '{"type":"content_block_delta","index":';
const KINDS = (
  [
    ['text_delta', 'text'],
    ['input_json_delta', 'partial_json'],
    ['thinking_delta', 'thinking'],
  ] as const
).map(([type, field]) => ({ type, field, mid: `,"delta":{"type":"${type}","${field}":` }));

/**
 * Reads a text, argument or thinking delta in the exact compact shape the Anthropic API sends,
 * without `JSON.parse`; `undefined` for anything else (the caller then parses it fully).
 *
 * @example
 * ```ts
 * readAnthropicFastDelta('{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}');
 * // { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hi' } }
 * ```
 */
export function readAnthropicFastDelta(data: string): AnthropicFastDelta | undefined {
  if (!data.startsWith(HEAD)) return undefined;
  const index = readJsonIndex(data, HEAD.length);
  if (!index) return undefined;
  for (const kind of KINDS) {
    if (!data.startsWith(kind.mid, index.end)) continue;
    const value = readJsonString(data, index.end + kind.mid.length);
    if (!value || value.end !== data.length - 2 || !data.endsWith('}}')) return undefined;
    return {
      type: 'content_block_delta',
      index: index.value,
      delta: { type: kind.type, [kind.field]: value.value } as AnthropicFastDelta['delta'],
    };
  }
  return undefined;
}

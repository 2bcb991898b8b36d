import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readAnthropicFastDelta } from './anthropic-fast-delta.js';

describe('readAnthropicFastDelta', () => {
  it('reads every compact text, argument and thinking delta as JSON.parse does', () => {
    const delta = fc.oneof(
      fc.string({ unit: 'binary' }).map((text) => ({ type: 'text_delta', text })),
      fc.string({ unit: 'binary' }).map((partial_json) => ({ type: 'input_json_delta', partial_json })),
      fc.string({ unit: 'binary' }).map((thinking) => ({ type: 'thinking_delta', thinking })),
    );
    fc.assert(
      fc.property(fc.nat({ max: 10_000 }), delta, (index, d) => {
        const event = { type: 'content_block_delta', index, delta: d };
        expect(readAnthropicFastDelta(JSON.stringify(event))).toEqual(event);
      }),
    );
  });

  it('declines every other shape, leaving it to the full parser', () => {
    for (const data of [
      '{"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"x"}}',
      '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"x","extra":1}}',
      '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"x"},"more":true}',
      '{"index":0,"type":"content_block_delta","delta":{"type":"text_delta","text":"x"}}',
      '{ "type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "x"}}',
      '{"type":"message_stop"}',
    ]) {
      expect(readAnthropicFastDelta(data)).toBeUndefined();
    }
  });
});

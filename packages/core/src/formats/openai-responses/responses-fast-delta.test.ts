import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readResponsesFastDelta } from './responses-fast-delta.js';

describe('readResponsesFastDelta', () => {
  it('reads every compact delta event as JSON.parse does', () => {
    const event = fc.oneof(
      fc.record({
        type: fc.constant('response.output_text.delta'),
        sequence_number: fc.nat({ max: 1e6 }),
        item_id: fc.string(),
        output_index: fc.nat({ max: 100 }),
        content_index: fc.nat({ max: 100 }),
        delta: fc.string({ unit: 'binary' }),
        logprobs: fc.constant([]),
      }),
      fc.record({
        type: fc.constant('response.function_call_arguments.delta'),
        sequence_number: fc.nat({ max: 1e6 }),
        item_id: fc.string(),
        output_index: fc.nat({ max: 100 }),
        delta: fc.string({ unit: 'binary' }),
      }),
      fc.record({
        type: fc.constant('response.reasoning_summary_text.delta'),
        sequence_number: fc.nat({ max: 1e6 }),
        item_id: fc.string(),
        output_index: fc.nat({ max: 100 }),
        summary_index: fc.nat({ max: 100 }),
        delta: fc.string({ unit: 'binary' }),
      }),
    );
    fc.assert(
      fc.property(event, (e) => {
        expect(readResponsesFastDelta(JSON.stringify(e))).toEqual({ kind: e.type, value: e });
      }),
    );
  });

  it('declines other events and deltas missing what the parser needs', () => {
    for (const data of [
      '{"type":"response.output_text.done","output_index":0,"content_index":0,"text":"x"}',
      '{"type":"response.output_text.delta","output_index":0,"delta":"x"}',
      '{"type":"response.output_text.delta","output_index":0,"content_index":0,"delta":"x","logprobs":[{"token":"x"}]}',
      '{"type":"response.function_call_arguments.delta","output_index":0,"delta":7}',
      '{"type":"response.created","response":{}}',
    ]) {
      expect(readResponsesFastDelta(data)).toBeUndefined();
    }
  });
});

import { describe, expect, it } from 'vitest';
import type { IrStopReason } from '../ir.js';
import { stopReasonFromResponses, stopReasonToResponses } from './map-responses-stop-reason.js';

describe('Responses stop reasons', () => {
  it.each([
    ['completed', null, false, 'stop'],
    ['completed', null, true, 'tool_calls'],
    ['incomplete', 'max_output_tokens', false, 'length'],
    ['incomplete', 'content_filter', true, 'content_filter'],
    [undefined, undefined, false, 'stop'],
  ] as const)('status %s (%s, tool calls: %s) → %s', (status, reason, tools, expected) => {
    expect(stopReasonFromResponses(status, reason, tools)).toBe(expected);
  });

  it.each<[IrStopReason, string, unknown]>([
    ['stop', 'completed', null],
    ['tool_calls', 'completed', null],
    ['stop_sequence', 'completed', null],
    ['pause', 'completed', null],
    ['length', 'incomplete', { reason: 'max_output_tokens' }],
    ['content_filter', 'incomplete', { reason: 'content_filter' }],
  ])('%s → status %s', (reason, status, details) => {
    expect(stopReasonToResponses(reason)).toEqual({ status, incomplete_details: details });
  });
});

import { describe, expect, it } from 'vitest';
import type { IrStopReason } from '../ir.js';
import { stopReasonFromIr, stopReasonToIr } from './map-anthropic-stop-reason.js';

describe('Anthropic stop reasons', () => {
  it.each([
    ['end_turn', 'stop'],
    ['max_tokens', 'length'],
    ['tool_use', 'tool_calls'],
    ['stop_sequence', 'stop_sequence'],
    ['refusal', 'content_filter'],
    ['pause_turn', 'pause'],
    ['model_context_window_exceeded', 'length'],
  ])('%s → %s', (wire, ir) => {
    expect(stopReasonToIr(wire)).toBe(ir);
  });

  it('reads a missing or unknown reason as a natural end', () => {
    expect(stopReasonToIr(null)).toBe('stop');
    expect(stopReasonToIr(undefined)).toBe('stop');
    expect(stopReasonToIr('toString')).toBe('stop');
  });

  it('reads a natural end after a tool call as tool_calls, and keeps the other reasons', () => {
    expect(stopReasonToIr('end_turn', true)).toBe('tool_calls');
    expect(stopReasonToIr(null, true)).toBe('tool_calls');
    expect(stopReasonToIr('max_tokens', true)).toBe('length');
    expect(stopReasonToIr('stop_sequence', true)).toBe('stop_sequence');
    expect(stopReasonToIr('pause_turn', true)).toBe('pause');
  });

  it('maps every IR reason back to the reason it came from (except the context window, which is max_tokens)', () => {
    const reasons: IrStopReason[] = [
      'stop',
      'length',
      'tool_calls',
      'stop_sequence',
      'content_filter',
      'pause',
    ];
    for (const reason of reasons) expect(stopReasonToIr(stopReasonFromIr(reason))).toBe(reason);
    expect(stopReasonFromIr('content_filter')).toBe('refusal');
    expect(stopReasonFromIr('pause')).toBe('pause_turn');
  });
});

import { describe, expect, it } from 'vitest';
import { chatFinishToIr, irStopToChat } from './map-chat-stop-reason.js';

describe('Chat stop reasons', () => {
  it.each([
    ['stop', false, 'stop'],
    ['stop', true, 'tool_calls'],
    ['length', true, 'length'],
    ['tool_calls', false, 'tool_calls'],
    ['function_call', false, 'tool_calls'],
    ['content_filter', false, 'content_filter'],
    ['eos', false, 'stop'],
    [null, false, 'stop'],
  ] as const)('reads %s (tools called: %s) as %s', (reason, called, ir) => {
    expect(chatFinishToIr(reason, called)).toBe(ir);
  });

  it.each([
    ['stop', 'stop'],
    ['stop_sequence', 'stop'],
    ['pause', 'stop'],
    ['length', 'length'],
    ['tool_calls', 'tool_calls'],
    ['content_filter', 'content_filter'],
  ] as const)('renders %s as %s', (ir, reason) => {
    expect(irStopToChat(ir)).toBe(reason);
  });
});

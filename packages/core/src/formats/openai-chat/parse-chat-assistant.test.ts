import { describe, expect, it } from 'vitest';
import type { CodecContext, TranslationWarning } from '../codec.js';
import { parseChatAssistant } from './parse-chat-assistant.js';

function context(): CodecContext & { warnings: TranslationWarning[] } {
  const warnings: TranslationWarning[] = [];
  return { options: {}, warnings, warn: (w) => warnings.push(w) };
}

describe('parseChatAssistant', () => {
  it('orders reasoning, text, refusal, tool calls', () => {
    expect(
      parseChatAssistant(
        {
          tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '  ' } }],
          refusal: 'Not that part.',
          content: 'Sure.',
          reasoning_content: 'Plan.',
        },
        'm',
        context(),
      ),
    ).toEqual([
      { type: 'thinking', text: 'Plan.' },
      { type: 'text', text: 'Sure.' },
      { type: 'refusal', text: 'Not that part.' },
      { type: 'tool_call', id: 'call_1', name: 'f', arguments: '{}' },
    ]);
  });

  it('falls back to `reasoning` when reasoning_content is empty, and ignores a non-string one', () => {
    expect(parseChatAssistant({ reasoning_content: '', reasoning: 'r' }, 'm', context())).toEqual([
      { type: 'thinking', text: 'r' },
    ]);
    expect(parseChatAssistant({ reasoning: { effort: 'low' }, content: null }, 'm', context())).toEqual([]);
  });

  it('keeps annotations as citations of the text, and drops unknown parts and tool calls with warnings', () => {
    const annotation = {
      type: 'url_citation',
      url_citation: { url: 'https://example.com', title: 'x', start_index: 0, end_index: 1 },
    };
    const ctx = context();
    const parts = parseChatAssistant(
      {
        content: [
          { type: 'text', text: 'a' },
          { type: 'unknown', originalType: 'audio' },
        ],
        annotations: [annotation],
        tool_calls: [{ type: 'unknown', originalType: 'custom' }],
      },
      'choices.0.message',
      ctx,
    );
    expect(parts).toEqual([{ type: 'text', text: 'a', citations: [annotation] }]);
    expect(ctx.warnings.map((w) => w.path)).toEqual([
      'choices.0.message.content.1',
      'choices.0.message.tool_calls.0',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { fixtureNames, loadJson } from '../test-support/fixtures.js';
import { summarizeContent } from '../test-support/summarize.js';
import { API_FORMATS, type ApiFormat } from './api-format.js';
import { codecFor, createContext } from './codecs.js';
import type { IrResponse, IrStopReason } from './ir.js';
import { translateResponse } from './translate-response.js';

function responseToIr(format: ApiFormat, body: unknown): IrResponse {
  const result = codecFor(format).parseResponse(body, createContext());
  if (!result.ok) throw result.error;
  return result.value;
}

function expectedStop(reason: IrStopReason, to: ApiFormat): IrStopReason {
  if (to !== 'anthropic-messages' && (reason === 'stop_sequence' || reason === 'pause')) return 'stop';
  return reason;
}

/** Content as the target can carry it (Chat has no signatures or redacted thinking). */
function carriable(ir: IrResponse, to: ApiFormat) {
  return summarizeContent(ir.content).flatMap((part) => {
    if (to !== 'openai-chat') return [part];
    if (part.type === 'redacted_thinking') return [];
    return part.type === 'thinking' ? [{ ...part, signature: undefined }] : [part];
  });
}

describe.each(API_FORMATS)('responses from %s', (from) => {
  const names = fixtureNames(from, 'response');

  it('has recorded fixtures', () => {
    expect(names).toEqual(
      expect.arrayContaining([
        'cached-usage',
        'max-tokens',
        'parallel-tools',
        'text',
        'thinking',
        'tool-call',
        'tool-no-args',
      ]),
    );
  });

  describe.each(API_FORMATS)('to %s', (to) => {
    it.each(names)('%s keeps its meaning and matches the golden output', async (name) => {
      const body = loadJson(from, `${name}.response.json`);
      const result = translateResponse({ from, to, body });
      if (!result.ok) throw result.error;
      if (from === to) {
        expect(result.body).toBe(body);
        return;
      }
      await expect(`${JSON.stringify(result.body, null, 2)}\n`).toMatchFileSnapshot(
        `__fixtures__/golden/responses/${from}--${to}/${name}.json`,
      );
      const source = responseToIr(from, body);
      const target = responseToIr(to, result.body);
      expect(carriable(target, to)).toEqual(carriable(source, to));
      expect(target.stopReason).toBe(expectedStop(source.stopReason, to));
      expect(target.usage.inputTokens).toBe(source.usage.inputTokens);
      expect(target.usage.outputTokens).toBe(source.usage.outputTokens);
      expect(target.usage.cachedInputTokens ?? 0).toBe(source.usage.cachedInputTokens ?? 0);
      expect(target.model).toBe(source.model);
    });
  });
});

describe('translateResponse', () => {
  it('refuses a body that is not a response of its format, with status 502', () => {
    const result = translateResponse({
      from: 'openai-chat',
      to: 'anthropic-messages',
      body: { choices: 'nope' },
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.status).toBe(502);
    expect(!result.ok && result.error.code).toBe('invalid_response');
  });

  it('maps tool call ids so that the next turn finds the call again', () => {
    const chat = loadJson('openai-chat', 'tool-call.response.json');
    const toAnthropic = translateResponse({ from: 'openai-chat', to: 'anthropic-messages', body: chat });
    const toResponses = translateResponse({ from: 'openai-chat', to: 'openai-responses', body: chat });
    const callId = (chat.choices as Array<{ message: { tool_calls: Array<{ id: string }> } }>)[0]!.message
      .tool_calls[0]!.id;
    const block =
      toAnthropic.ok &&
      (toAnthropic.body.content as Array<{ type: string; id?: string }>).find((b) => b.type === 'tool_use');
    expect(block ? block.id : undefined).toBe(callId);
    const item =
      toResponses.ok &&
      (toResponses.body.output as Array<{ type: string; call_id?: string; id?: string }>).find(
        (o) => o.type === 'function_call',
      );
    expect(item ? item.call_id : undefined).toBe(callId);
    expect(item ? item.id : '').toMatch(/^fc_/);
  });
});

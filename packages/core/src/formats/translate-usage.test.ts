import { describe, expect, it } from 'vitest';
import { fixtureNames, loadJson, loadStream } from '../test-support/fixtures.js';
import { streamToIr } from '../test-support/summarize.js';
import { API_FORMATS } from './api-format.js';
import type { IrUsage } from './ir.js';
import { translateResponse } from './translate-response.js';
import { translateStream } from './translate-stream.js';

describe('usage for metering', () => {
  it('has recorded streams that end with a usage-bearing finish in every format', () => {
    for (const format of API_FORMATS) {
      const finished = fixtureNames(format, 'stream').filter((name) =>
        streamToIr(format, loadStream(format, name)).some((e) => e.type === 'finish'),
      );
      expect(finished.length, format).toBeGreaterThan(3);
    }
  });

  for (const from of API_FORMATS) {
    for (const name of fixtureNames(from, 'stream')) {
      it(`reports the usage of ${from} ${name} to onUsage as the parser reads it, in every direction`, async () => {
        const events = loadStream(from, name);
        const reported = streamToIr(from, events).flatMap((e) =>
          (e.type === 'finish' || e.type === 'message-start') && e.usage ? [e.usage] : [],
        );
        for (const to of API_FORMATS) {
          const seen: IrUsage[] = [];
          for await (const _ of translateStream({ from, to, events, onUsage: (u) => seen.push(u) })) {
            // drained for the callback
          }
          expect(seen, `${from} → ${to}`).toEqual(reported);
        }
      });
    }

    for (const name of fixtureNames(from, 'response')) {
      it(`returns the usage of ${from} ${name} with the translated body, same format included`, () => {
        const body = loadJson(from, `${name}.response.json`);
        const results = API_FORMATS.map((to) => translateResponse({ from, to, body }));
        const usages = results.map((r) => (r.ok ? r.usage : undefined));
        expect(usages[0]).toBeDefined();
        for (const usage of usages) expect(usage).toEqual(usages[0]);
      });
    }
  }

  it('counts Anthropic cache reads inside the input, as OpenAI does', () => {
    const result = translateResponse({
      from: 'anthropic-messages',
      to: 'openai-chat',
      body: {
        id: 'msg_1',
        type: 'message',
        role: 'assistant',
        model: 'm',
        content: [{ type: 'text', text: 'hi' }],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: { input_tokens: 10, cache_read_input_tokens: 90, output_tokens: 5 },
      },
    });
    expect(result.ok && result.usage).toMatchObject({
      inputTokens: 100,
      cachedInputTokens: 90,
      outputTokens: 5,
    });
  });
});

import { describe, expect, it } from 'vitest';
import { fixtureNames, loadStream } from '../test-support/fixtures.js';
import { type StreamSummary, summarizeStream } from '../test-support/summarize.js';
import { API_FORMATS, type ApiFormat } from './api-format.js';
import type { IrStopReason } from './ir.js';
import { parseSse, type SseEvent, serializeSse } from './sse.js';
import { translateStream } from './translate-stream.js';

async function collect(events: AsyncIterable<SseEvent>): Promise<SseEvent[]> {
  const out: SseEvent[] = [];
  for await (const e of events) out.push(e);
  return out;
}

/** What a stop reason becomes in a format that cannot say it exactly. */
function expectedStop(reason: IrStopReason | undefined, to: ApiFormat): IrStopReason | undefined {
  if (to === 'anthropic-messages') return reason;
  if (reason === 'stop_sequence' || reason === 'pause') return 'stop';
  return reason;
}

function expectSameMeaning(source: StreamSummary, out: StreamSummary, from: ApiFormat, to: ApiFormat) {
  expect(out.terminated).toBe(true);
  expect(out.text).toBe(source.text);
  expect(out.thinking).toBe(source.thinking);
  expect(out.toolCalls.map(({ name, arguments: a }) => ({ name, arguments: a }))).toEqual(
    source.toolCalls.map(({ name, arguments: a }) => ({ name, arguments: a })),
  );
  if (source.error) {
    expect(out.error).toBeDefined();
    return;
  }
  expect(out.error).toBeUndefined();
  expect(out.stopReason).toBe(expectedStop(source.stopReason, to));
  expect(out.usage?.inputTokens).toBe(source.usage?.inputTokens);
  expect(out.usage?.outputTokens).toBe(source.usage?.outputTokens);
  expect(out.usage?.cachedInputTokens ?? 0).toBe(source.usage?.cachedInputTokens ?? 0);
  if (from !== 'openai-chat' && to !== 'openai-chat') expect(out.signatures).toEqual(source.signatures);
}

describe.each(API_FORMATS)('streams from %s', (from) => {
  const names = fixtureNames(from, 'stream');

  it('has recorded fixtures', () => {
    expect(names.length).toBeGreaterThanOrEqual(8);
  });

  describe.each(API_FORMATS)('to %s', (to) => {
    it.each(names)('%s keeps its meaning and matches the golden output', async (name) => {
      const source = loadStream(from, name);
      const out = await collect(translateStream({ from, to, events: source }));
      await expect(out.map(serializeSse).join('')).toMatchFileSnapshot(
        `__fixtures__/golden/streams/${from}--${to}/${name}.sse`,
      );
      expectSameMeaning(summarizeStream(from, source), summarizeStream(to, out), from, to);
      if (from === to) {
        // Pass-through: the very same events, plus the terminal error a cut-off stream lacks.
        expect(out.slice(0, source.length)).toEqual(source);
        expect(out.length - source.length).toBe(name === 'truncated' ? 1 : 0);
      }
    });
  });
});

describe('translateStream', () => {
  it('emits the first target event before the source has finished', async () => {
    const source = loadStream('openai-chat', 'text');
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    async function* slow() {
      yield source[0]!;
      yield source[1]!;
      await gate;
      yield* source.slice(2);
    }
    const it = translateStream({ from: 'openai-chat', to: 'anthropic-messages', events: slow() });
    const first = await it.next();
    expect(first.value?.event).toBe('message_start');
    release();
    const rest = await collect(it);
    expect(rest.at(-1)?.event).toBe('message_stop');
  });

  it.each(API_FORMATS)('ends a stream whose source throws with the %s error event', async (to) => {
    const source = loadStream('anthropic-messages', 'text');
    async function* breaking() {
      yield* source.slice(0, 3);
      throw new Error('socket hang up');
    }
    const out = await collect(translateStream({ from: 'anthropic-messages', to, events: breaking() }));
    const summary = summarizeStream(to, out);
    expect(summary.terminated).toBe(true);
    expect(summary.error).toBeDefined();
    expect(out.at(-1)?.data).toContain('socket hang up');
  });

  it('stops reading the source after its terminal event', async () => {
    const source = loadStream('openai-chat', 'usage-tail');
    let afterDone = 0;
    async function* withTrailer() {
      yield* source;
      afterDone++;
      yield { data: '{"unexpected":true}' };
    }
    const out = await collect(
      translateStream({ from: 'openai-chat', to: 'openai-responses', events: withTrailer() }),
    );
    expect(out.at(-1)?.event).toBe('response.completed');
    expect(afterDone).toBe(0);
  });

  it('handles a whole network chunk at once and stops at the terminal event inside it', async () => {
    const text = `${loadStream('openai-chat', 'usage-tail').map(serializeSse).join('')}data: {"late":true}\n\n`;
    let closed = false;
    const bytes = {
      [Symbol.asyncIterator]() {
        let sent = false;
        return {
          next: async () => {
            if (sent) throw new Error('read past the terminal event');
            sent = true;
            return { value: new TextEncoder().encode(text), done: false as const };
          },
          return: async () => {
            closed = true;
            return { value: undefined, done: true as const };
          },
        };
      },
    };
    const out = await collect(
      translateStream({ from: 'openai-chat', to: 'anthropic-messages', events: parseSse(bytes) }),
    );
    expect(out.at(-1)?.event).toBe('message_stop');
    expect(closed).toBe(true);
  });
});

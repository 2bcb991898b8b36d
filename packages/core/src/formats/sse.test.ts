import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSse, parseSseText, type SseEvent, serializeSse } from './sse.js';

async function collect(source: AsyncIterable<SseEvent>): Promise<SseEvent[]> {
  const out: SseEvent[] = [];
  for await (const e of source) out.push(e);
  return out;
}

describe('parseSse', () => {
  it('reads named and unnamed events, skipping comments', async () => {
    const text = ': keep-alive\n\nevent: ping\ndata: {"type":"ping"}\n\ndata: {"a":1}\n\ndata: [DONE]\n\n';
    expect(await collect(parseSse([text]))).toEqual([
      { event: 'ping', data: '{"type":"ping"}' },
      { data: '{"a":1}' },
      { data: '[DONE]' },
    ]);
  });

  it('joins multi-line data and accepts CRLF line ends', async () => {
    expect(await collect(parseSse(['data: a\r\ndata: b\r\n\r\n']))).toEqual([{ data: 'a\nb' }]);
  });

  it('yields the last event even without its blank line', async () => {
    expect(await collect(parseSse(['data: x\n\ndata: y']))).toEqual([{ data: 'x' }, { data: 'y' }]);
  });

  it('yields an event as soon as its blank line arrives', async () => {
    let released = false;
    async function* source() {
      yield 'data: first\n\n';
      await new Promise((r) => setTimeout(r, 5));
      released = true;
      yield 'data: second\n\n';
    }
    const it = parseSse(source());
    const first = await it.next();
    expect(first.value).toEqual({ data: 'first' });
    expect(released).toBe(false);
  });

  it('gives the same events whatever the byte boundaries, inside UTF-8 characters too', async () => {
    const events: SseEvent[] = [
      { event: 'content_block_delta', data: '{"text":"Grüße, 日本語 and 🦀🚀"}' },
      { data: '{"content":"é"}' },
      { data: '[DONE]' },
    ];
    const bytes = new TextEncoder().encode(events.map(serializeSse).join(''));
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 12 }),
        async (cuts) => {
          const sorted = [0, ...cuts.sort((a, b) => a - b), bytes.length];
          const chunks = sorted.slice(1).map((end, i) => bytes.slice(sorted[i], end));
          expect(await collect(parseSse(chunks))).toEqual(events);
        },
      ),
    );
  });
});

describe('serializeSse', () => {
  it('writes the event name before the data and ends with a blank line', () => {
    expect(serializeSse({ event: 'message_stop', data: '{"type":"message_stop"}' })).toBe(
      'event: message_stop\ndata: {"type":"message_stop"}\n\n',
    );
  });

  it('round-trips arbitrary events through parseSseText', () => {
    const name = fc.stringMatching(/^[a-z_.]{1,20}$/);
    const event = fc.record(
      { event: fc.option(name, { nil: undefined }), data: fc.string() },
      { requiredKeys: ['data'] },
    );
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 5 }), (events) => {
        const clean = events.map((e) =>
          e.event === undefined ? { data: e.data } : { event: e.event, data: e.data },
        );
        // SSE normalises every line ending to \n; that is the one thing a round trip may change.
        const expected = clean.map((e) => ({ ...e, data: e.data.replace(/\r\n|\r/g, '\n') }));
        expect(parseSseText(clean.map(serializeSse).join(''))).toEqual(expected);
      }),
    );
  });
});

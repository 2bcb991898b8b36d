import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadStream } from '../test-support/fixtures.js';
import { summarizeIrStream, summarizeStream } from '../test-support/summarize.js';
import { API_FORMATS, type ApiFormat } from './api-format.js';
import { codecFor, createContext } from './codecs.js';
import type { IrStreamEvent } from './ir.js';
import { parseSse, type SseEvent, serializeSse } from './sse.js';
import { translateStream } from './translate-stream.js';

async function collect<T>(events: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const e of events) out.push(e);
  return out;
}

/** Splits `text` into pieces at the given cut points. */
function splitAt(text: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let last = 0;
  for (const p of points) {
    pieces.push(text.slice(last, p));
    last = p;
  }
  pieces.push(text.slice(last));
  return pieces.filter((p) => p !== '');
}

const text = fc.string({
  unit: fc.constantFrom('a', 'b', ' ', 'é', '日', '🦀', '\n', '"', '\\'),
  minLength: 1,
  maxLength: 40,
});
const jsonValue = fc.oneof(fc.integer(), fc.boolean(), fc.string({ maxLength: 8 }), fc.constant(null));
const args = fc.dictionary(fc.stringMatching(/^[a-z]{1,6}$/), jsonValue, { maxKeys: 4 });

type Block =
  | { kind: 'text'; pieces: string[] }
  | { kind: 'thinking'; pieces: string[] }
  | { kind: 'tool'; name: string; json: string; pieces: string[] };

const block: fc.Arbitrary<Block> = fc.oneof(
  fc
    .record({ kind: fc.constant('text' as const), t: text, cuts: fc.array(fc.nat(), { maxLength: 5 }) })
    .map((b) => ({
      kind: b.kind,
      pieces: splitAt(b.t, b.cuts),
    })),
  fc
    .record({ kind: fc.constant('thinking' as const), t: text, cuts: fc.array(fc.nat(), { maxLength: 5 }) })
    .map((b) => ({
      kind: b.kind,
      pieces: splitAt(b.t, b.cuts),
    })),
  fc
    .record({
      kind: fc.constant('tool' as const),
      name: fc.stringMatching(/^[a-z_]{1,12}$/),
      a: args,
      cuts: fc.array(fc.nat(), { maxLength: 6 }),
    })
    .map((b) => {
      const json = Object.keys(b.a).length === 0 ? '' : JSON.stringify(b.a);
      return { kind: b.kind, name: b.name, json, pieces: splitAt(json, b.cuts) };
    }),
);

/** A valid IR stream: message-start, sequential blocks, finish with usage. */
const irStream: fc.Arbitrary<IrStreamEvent[]> = fc
  .record({
    blocks: fc.array(block, { maxLength: 5 }),
    input: fc.nat({ max: 100_000 }),
    output: fc.nat({ max: 10_000 }),
  })
  .map(({ blocks, input, output }) => {
    const events: IrStreamEvent[] = [{ type: 'message-start', id: 'msg_prop', model: 'model-x' }];
    let hasTool = false;
    // Thinking comes first in a turn in every format that has it; keep generated streams valid.
    const ordered = [
      ...blocks.filter((b) => b.kind === 'thinking'),
      ...blocks.filter((b) => b.kind !== 'thinking'),
    ];
    ordered.forEach((b, index) => {
      if (b.kind === 'tool') {
        hasTool = true;
        events.push({
          type: 'block-start',
          index,
          block: { kind: 'tool_call', id: `call_p${index}`, name: b.name },
        });
        for (const json of b.pieces) events.push({ type: 'tool-args-delta', index, json });
      } else {
        events.push({ type: 'block-start', index, block: { kind: b.kind } });
        const type = b.kind === 'text' ? 'text-delta' : 'thinking-delta';
        for (const t of b.pieces) events.push({ type, index, text: t });
        if (b.kind === 'thinking')
          events.push({ type: 'thinking-signature', index, signature: `sig-${index}` });
      }
      events.push({ type: 'block-end', index });
    });
    events.push({
      type: 'finish',
      stopReason: hasTool ? 'tool_calls' : 'stop',
      usage: { inputTokens: input, outputTokens: output },
    });
    return events;
  });

function render(format: ApiFormat, ir: IrStreamEvent[]): SseEvent[] {
  const renderer = codecFor(format).createStreamRenderer(createContext());
  return ir.flatMap((e) => renderer.push(e));
}

/** Thinking text survives a Chat hop only as text; Chat has no place for signatures. */
function comparable(summary: ReturnType<typeof summarizeIrStream>, via: ApiFormat[]) {
  const { signatures, ...rest } = summary;
  return via.includes('openai-chat') ? rest : { ...rest, signatures };
}

describe('stream translation properties', () => {
  describe.each(API_FORMATS)('from %s', (from) => {
    it.each(API_FORMATS)('to %s keeps text, thinking, tool arguments, stop reason and usage', async (to) => {
      await fc.assert(
        fc.asyncProperty(irStream, async (ir) => {
          const source = render(from, ir);
          const out = await collect(translateStream({ from, to, events: source }));
          const expected = summarizeIrStream(ir);
          expect(comparable(summarizeStream(to, out), [from, to])).toEqual(comparable(expected, [from, to]));
        }),
        { numRuns: 60 },
      );
    });

    it('translates a stream split at random byte boundaries like the unsplit stream', async () => {
      await fc.assert(
        fc.asyncProperty(irStream, fc.array(fc.nat(), { maxLength: 30 }), async (ir, cuts) => {
          const bytes = new TextEncoder().encode(render(from, ir).map(serializeSse).join(''));
          const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
          const chunks = [0, ...points, bytes.length]
            .slice(1)
            .map((end, i, all) => bytes.slice(i === 0 ? 0 : all[i - 1], end));
          for (const to of API_FORMATS) {
            const whole = await collect(translateStream({ from, to, events: parseSse([bytes]) }));
            const split = await collect(translateStream({ from, to, events: parseSse(chunks) }));
            expect(split).toEqual(whole);
          }
        }),
        { numRuns: 40 },
      );
    });
  });

  it.each(API_FORMATS)(
    'a recorded %s stream split at EVERY byte gives the same translation',
    async (from) => {
      const bytes = new TextEncoder().encode(loadStream(from, 'text').map(serializeSse).join(''));
      for (const to of API_FORMATS) {
        const whole = await collect(translateStream({ from, to, events: parseSse([bytes]) }));
        for (let cut = 1; cut < bytes.length; cut++) {
          const split = await collect(
            translateStream({ from, to, events: parseSse([bytes.slice(0, cut), bytes.slice(cut)]) }),
          );
          expect(split).toEqual(whole);
        }
      }
    },
  );
});

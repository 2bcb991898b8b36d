// Stream translation throughput, per direction, against a baseline measured in the same run that
// only parses the SSE bytes and serialises the events again. Run: npm run bench --workspace @tollway/core
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { codecFor, createContext } from '../src/formats/codecs.js';
import {
  API_FORMATS,
  type ApiFormat,
  type IrStreamEvent,
  parseSse,
  type SseEvent,
  serializeSse,
  translateStream,
} from '../src/index.js';

const DELTAS = Number(process.env.BENCH_DELTAS ?? 40_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CHUNK = 16 * 1024;
const TARGET_RATIO = 0.5;

/** The recorded Anthropic text stream, parsed to IR, with its text deltas repeated to length. */
function longIrStream(): IrStreamEvent[] {
  const fixture = fileURLToPath(
    new URL('../src/formats/__fixtures__/anthropic-messages/text.stream.jsonl', import.meta.url),
  );
  const parser = codecFor('anthropic-messages').createStreamParser(createContext());
  const ir: IrStreamEvent[] = [];
  for (const line of readFileSync(fixture, 'utf8').split('\n').filter(Boolean)) {
    const row = JSON.parse(line) as { event?: string; data: unknown };
    ir.push(...parser.push({ event: row.event, data: JSON.stringify(row.data) }));
  }
  ir.push(...parser.end());
  const deltas = ir.filter((e) => e.type === 'text-delta');
  const head = ir.slice(0, ir.indexOf(deltas[0]!));
  const tail = ir.slice(ir.indexOf(deltas.at(-1)!) + 1);
  const body = Array.from({ length: DELTAS }, (_, i) => deltas[i % deltas.length]!);
  return [...head, ...body, ...tail];
}

function chunks(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += CHUNK) out.push(bytes.subarray(i, i + CHUNK));
  return out;
}

interface Sample {
  seconds: number;
  events: number;
}

/** Median of `RUNS` runs of each job, the jobs interleaved so that drift hits all of them alike. */
async function timeAll(jobs: Array<() => Promise<number>>): Promise<Sample[]> {
  const samples: Sample[][] = jobs.map(() => []);
  for (let run = 0; run <= RUNS; run++) {
    for (const [i, job] of jobs.entries()) {
      const start = performance.now();
      const events = await job();
      // Run 0 warms the JIT up and is not counted.
      if (run > 0) samples[i]!.push({ seconds: (performance.now() - start) / 1000, events });
    }
  }
  return samples.map((s) => s.sort((a, b) => a.seconds - b.seconds)[Math.floor(s.length / 2)]!);
}

async function drain(events: AsyncIterable<SseEvent>): Promise<number> {
  let n = 0;
  for await (const e of events) {
    serializeSse(e);
    n++;
  }
  return n;
}

async function main(): Promise<void> {
  const ir = longIrStream();
  const sources = new Map<ApiFormat, Uint8Array[]>();
  for (const format of API_FORMATS) {
    const renderer = codecFor(format).createStreamRenderer(createContext());
    const text = ir
      .flatMap((e) => renderer.push(e))
      .map(serializeSse)
      .join('');
    sources.set(format, chunks(new TextEncoder().encode(text)));
  }

  console.log(
    `stream translation: ${DELTAS} text deltas, median of ${RUNS} interleaved runs, ${CHUNK / 1024} KiB chunks`,
  );
  console.log('baseline: the same bytes parsed into SSE events and serialised again\n');
  console.log(
    'direction                                  source MB    MB/s   events/s   baseline MB/s   ratio',
  );
  let worst = Number.POSITIVE_INFINITY;
  for (const from of API_FORMATS) {
    const source = sources.get(from)!;
    const mb = source.reduce((n, c) => n + c.length, 0) / 1e6;
    const [baseline, ...results] = await timeAll([
      () => drain(parseSse(source)),
      ...API_FORMATS.map((to) => () => drain(translateStream({ from, to, events: parseSse(source) }))),
    ]);
    for (const [i, to] of API_FORMATS.entries()) {
      const result = results[i]!;
      const ratio = baseline!.seconds / result.seconds;
      worst = Math.min(worst, ratio);
      const row = [
        `${from} → ${to}`.padEnd(42),
        mb.toFixed(2).padStart(9),
        (mb / result.seconds).toFixed(1).padStart(7),
        Math.round(result.events / result.seconds)
          .toString()
          .padStart(10),
        (mb / baseline!.seconds).toFixed(1).padStart(15),
        ratio.toFixed(2).padStart(7),
      ];
      console.log(row.join(' '));
    }
  }
  const verdict = worst >= TARGET_RATIO ? 'met' : 'NOT met';
  console.log(`\nworst ratio ${worst.toFixed(2)} (target ≥ ${TARGET_RATIO}): ${verdict}`);
}

await main();

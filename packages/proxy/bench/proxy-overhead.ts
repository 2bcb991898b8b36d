// What the buyer proxy and the seller node add on top of calling an upstream directly, measured
// against that direct call in the same run. Run: npm run bench --workspace @tollway/proxy
//
// The upstream is a loopback OpenAI Chat server answering from memory, so the figures are the
// cost of the two hops (buyer → seller over pinned HTTPS with a signed request, seller →
// upstream), translation and streaming, not of a model.
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { identityFromHex } from '@tollway/payments';
import { BuyerStateStore, createBuyerProxy, createSellerNode } from '../src/index.js';

const SMALL_REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const STREAM_DELTAS = Number(process.env.BENCH_DELTAS ?? 5_000);
const STREAM_RUNS = Number(process.env.BENCH_RUNS ?? 5);

function chunk(delta: Record<string, unknown>, finish: string | null = null): string {
  const body = {
    id: 'chatcmpl-b',
    object: 'chat.completion.chunk',
    created: 0,
    model: 'm',
    choices: [{ index: 0, delta, finish_reason: finish }],
  };
  return `data: ${JSON.stringify(body)}\n\n`;
}
const STREAM = [
  chunk({ role: 'assistant', content: '' }),
  ...Array.from({ length: STREAM_DELTAS }, (_, i) => chunk({ content: `word${i % 100} ` })),
  chunk({}, 'stop'),
  `data: ${JSON.stringify({ id: 'chatcmpl-b', object: 'chat.completion.chunk', created: 0, model: 'm', choices: [], usage: { prompt_tokens: 5, completion_tokens: STREAM_DELTAS, total_tokens: STREAM_DELTAS + 5 } })}\n\n`,
  'data: [DONE]\n\n',
].join('');
const WHOLE = JSON.stringify({
  id: 'chatcmpl-w',
  object: 'chat.completion',
  created: 0,
  model: 'm',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Hello there.' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 },
});

const upstream = createServer(async (req, res) => {
  let body = '';
  for await (const part of req) body += part;
  const stream = (JSON.parse(body) as { stream?: boolean }).stream === true;
  res.writeHead(200, { 'content-type': stream ? 'text/event-stream' : 'application/json' });
  res.end(stream ? STREAM : WHOLE);
});
await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
const upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/v1`;

const seller = createSellerNode({
  identity: identityFromHex(`0x${'11'.repeat(32)}`),
  dataDir: await mkdtemp(join(tmpdir(), 'tollway-bench-seller-')),
  services: [
    {
      name: 'm',
      upstreamModel: 'm',
      format: 'openai-chat',
      categories: [],
      pricing: { inputUsdPerMillion: '1', outputUsdPerMillion: '2' },
      upstream: { kind: 'http', baseUrl: upstreamUrl },
    },
  ],
});
await seller.listen();
const buyerDir = await mkdtemp(join(tmpdir(), 'tollway-bench-buyer-'));
await new BuyerStateStore(buyerDir).update((s) => ({ ...s, pinnedPeerId: seller.peerId }));
const buyer = createBuyerProxy({
  dataDir: buyerDir,
  identity: identityFromHex(`0x${'22'.repeat(32)}`),
  port: 0,
  bootstrap: [seller.url],
});
const { url: buyerUrl } = await buyer.listen();

const chatBody = (stream: boolean) =>
  JSON.stringify({ model: 'm', stream, messages: [{ role: 'user', content: 'Hi' }] });
const messagesBody = (stream: boolean) =>
  JSON.stringify({ model: 'm', max_tokens: 100, stream, messages: [{ role: 'user', content: 'Hi' }] });

async function timed(url: string, body: string): Promise<{ firstByteMs: number; totalMs: number }> {
  const start = performance.now();
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status} ${await res.text()}`);
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  let firstByteMs = Number.NaN;
  for (;;) {
    const { done } = await reader.read();
    if (Number.isNaN(firstByteMs)) firstByteMs = performance.now() - start;
    if (done) break;
  }
  return { firstByteMs, totalMs: performance.now() - start };
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

async function series(url: string, body: string, runs: number) {
  await timed(url, body); // warm up connections and code paths
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(await timed(url, body));
  return {
    firstByteMs: median(samples.map((s) => s.firstByteMs)),
    totalMs: median(samples.map((s) => s.totalMs)),
  };
}

const direct = `${upstreamUrl}/chat/completions`;
const rows: string[][] = [];
const small = await series(direct, chatBody(false), SMALL_REQUESTS);
for (const [label, url, body] of [
  ['chat → chat, whole', `${buyerUrl}/v1/chat/completions`, chatBody(false)],
  ['messages → chat, whole', `${buyerUrl}/v1/messages`, messagesBody(false)],
] as const) {
  const through = await series(url, body, SMALL_REQUESTS);
  rows.push([
    label,
    `${small.totalMs.toFixed(2)} ms`,
    `${through.totalMs.toFixed(2)} ms`,
    `+${(through.totalMs - small.totalMs).toFixed(2)} ms`,
    (small.totalMs / through.totalMs).toFixed(2),
  ]);
}
const big = await series(direct, chatBody(true), STREAM_RUNS);
for (const [label, url, body] of [
  ['chat → chat, stream', `${buyerUrl}/v1/chat/completions`, chatBody(true)],
  ['messages → chat, stream', `${buyerUrl}/v1/messages`, messagesBody(true)],
] as const) {
  const through = await series(url, body, STREAM_RUNS);
  rows.push([
    `${label} (${STREAM_DELTAS} deltas)`,
    `${big.totalMs.toFixed(1)} ms`,
    `${through.totalMs.toFixed(1)} ms`,
    `ttfb ${through.firstByteMs.toFixed(1)} ms`,
    (big.totalMs / through.totalMs).toFixed(2),
  ]);
}

console.log(
  `median of ${SMALL_REQUESTS} whole requests / ${STREAM_RUNS} streams; ratio = direct time / time through buyer and seller`,
);
const header = ['path', 'direct', 'through proxy', 'added', 'ratio'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
for (const row of [header, ...rows])
  console.log(row.map((cell, i) => cell.padEnd(widths[i] as number)).join('  '));

await buyer.close();
await seller.close();
upstream.close();

// What the marketplace's payment proxy adds to a paid call (auth, rate limits, reserve, forward,
// commit, usage record, webhook outbox) over calling the provider directly, measured against
// that direct call in the same run. Run: npm run bench --workspace @tollway/server
// PGLITE=1 (default) uses the embedded database; BENCH_DATABASE_URL=postgres://… a server.
import { performance } from 'node:perf_hooks';
import { startFakeProvider } from '../src/test-support/fakes/fake-provider.js';
import { insertTestService } from '../src/test-support/fakes/service-rows.js';
import { createTestServer } from '../src/test-support/test-server.js';

const CALLS = Number(process.env.BENCH_CALLS ?? 300);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
if (process.env.BENCH_DATABASE_URL) process.env.TOLLWAY_TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;

const provider = await startFakeProvider();
const server = await createTestServer({
  allowInternalHosts: ['127.0.0.1'],
  ipRateLimit: { ratePerMinute: 1_000_000, burst: 1_000_000 },
});
const serviceId = await insertTestService(server.database.db, {
  endpoint: provider.url,
  priceUnits: 1_000n,
  paymentMethod: 'prepaid',
});
const buyer = await server.issueTestKey('buyer', { rateLimit: 1_000_000 });
await server.database.db.query(
  'INSERT INTO balances (owner_id, available_units) VALUES ($1, $2::bigint) ON CONFLICT (owner_id) DO UPDATE SET available_units = EXCLUDED.available_units',
  [buyer.ownerId, 10n ** 12n],
);

const body = JSON.stringify({ text: 'hello' });
async function call(url: string, headers: Record<string, string>): Promise<number> {
  const started = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status} ${await res.text()}`);
  await res.arrayBuffer();
  return performance.now() - started;
}

async function run(url: string, headers: Record<string, string>) {
  await call(url, headers);
  const latencies: number[] = [];
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < CALLS) {
        next += 1;
        latencies.push(await call(url, headers));
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { perSecond: CALLS / seconds, p50: latencies[Math.floor(latencies.length / 2)] as number };
}

const direct = await run(`${provider.url}/analyze`, {});
const proxied = await run(`${server.url}/api/v1/proxy/${serviceId}/analyze`, {
  authorization: buyer.authorization,
});
const charged = await server.database.db.one<{ n: number }>(
  'SELECT count(*)::int AS n FROM usage_records WHERE service_id = $1 AND amount_units > 0',
  [serviceId],
);

console.log(
  `${CALLS} paid calls, ${CONCURRENCY} at a time, on ${server.database.db.kind}; ratio = proxied calls/s ÷ direct calls/s`,
);
console.log(`direct   ${direct.perSecond.toFixed(0).padStart(6)} calls/s  p50 ${direct.p50.toFixed(2)} ms`);
console.log(
  `proxied  ${proxied.perSecond.toFixed(0).padStart(6)} calls/s  p50 ${proxied.p50.toFixed(2)} ms  (${charged?.n} charged)`,
);
console.log(`ratio    ${(proxied.perSecond / direct.perSecond).toFixed(3)}`);
await server.close();
await provider.close();

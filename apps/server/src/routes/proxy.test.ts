import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { creditBalance, getBalance } from '../billing/balance-store.js';
import { type FakeProvider, startFakeProvider } from '../test-support/fakes/fake-provider.js';
import { insertTestService, type TestServiceRow } from '../test-support/fakes/service-rows.js';
import { createTestServer, readJson, type TestKey, type TestServer } from '../test-support/test-server.js';
import type { EnqueueWebhookEventInput } from '../webhooks/enqueue-event.js';
import { createProxyRoutes, registerProxyRoutes } from './proxy.js';

let t: TestServer;
let provider: FakeProvider;
const events: EnqueueWebhookEventInput[] = [];
beforeAll(async () => {
  provider = await startFakeProvider();
  t = await createTestServer({
    allowInternalHosts: ['127.0.0.1'],
    routeGroups: [createProxyRoutes({ enqueueWebhookEvent: async (_db, input) => void events.push(input) })],
  });
});
afterAll(async () => {
  await t?.close();
  await provider?.close();
});
beforeEach(() => {
  provider.requests.length = 0;
  provider.handle((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'x-provider': 'fake' });
    res.end(JSON.stringify({ ok: true, method: req.method, path: req.path }));
  });
});

const service = (row: Partial<TestServiceRow> = {}) =>
  insertTestService(t.database.db, { endpoint: `${provider.url}/v1`, ...row });
const buyer = () => t.issueTestKey('buyer', { rateLimit: 10_000 });
const call = (serviceId: string, key: TestKey, path = '/analyze', init: RequestInit = {}) =>
  t.fetch(`/api/v1/proxy/${serviceId}${path}`, {
    ...init,
    headers: { authorization: key.authorization, ...(init.headers as Record<string, string>) },
  });
const balanceOf = async (key: TestKey) => getBalance(t.database.db, key.ownerId);

describe('proxy: prepaid balance', () => {
  it('forwards path, query, method and body without credentials, charges the price and answers with billing headers', async () => {
    const id = await service({ priceUnits: 50_000n, providerId: 'prov-a' });
    const key = await buyer();
    await creditBalance(t.database.db, key.ownerId, 1_000_000n);
    const res = await call(id, key, '/analyze/deep?lang=en&x=1', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: 'session=secret',
        'x-api-key': 'buyer-secret',
        'x-custom': 'kept',
      },
      body: JSON.stringify({ text: 'hello' }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, method: 'POST', path: '/v1/analyze/deep?lang=en&x=1' });
    expect(res.headers.get('x-provider')).toBe('fake');
    expect(res.headers.get('x-acf-usage-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('x-acf-amount')).toBe('0.05');
    expect(res.headers.get('x-acf-free-tier')).toBe('false');
    expect(res.headers.get('x-acf-latency-ms')).toMatch(/^\d+$/);

    const [seen] = provider.requests;
    expect(seen?.body).toBe('{"text":"hello"}');
    expect(seen?.headers['x-custom']).toBe('kept');
    for (const secret of ['authorization', 'cookie', 'x-api-key'])
      expect(seen?.headers[secret]).toBeUndefined();

    expect(await balanceOf(key)).toMatchObject({ available: 950_000n, reserved: 0n });
    const usage = await t.database.db.one<Record<string, unknown>>(
      'SELECT * FROM usage_records WHERE id = $1',
      [res.headers.get('x-acf-usage-id')],
    );
    expect(usage).toMatchObject({
      buyer_id: key.ownerId,
      buyer_key_id: key.keyId,
      service_id: id,
      provider_id: 'prov-a',
      amount_units: 50_000n,
      status_code: 200,
      success: true,
      free_tier: false,
      payment_method: 'prepaid',
    });
    const event = events.find((e) => e.payload.usage_id === res.headers.get('x-acf-usage-id'));
    expect(event).toMatchObject({
      event: 'service.called',
      audience: ['prov-a', key.ownerId],
      payload: {
        service_id: id,
        buyer_id: key.ownerId,
        amount_usd: 0.05,
        payment_method: 'prepaid',
        status_code: 200,
      },
    });
  });

  it('charges exactly what the balance covers under 100 concurrent calls and refuses the rest with 402', async () => {
    const id = await service({ priceUnits: 30_000n });
    const key = await buyer();
    await creditBalance(t.database.db, key.ownerId, 37n * 30_000n);
    const answers = await Promise.all(Array.from({ length: 100 }, () => call(id, key)));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(37);
    expect(statuses.filter((s) => s === 402)).toHaveLength(63);
    const refused = answers.find((r) => r.status === 402)!;
    expect((await readJson(refused)).detail).toMatch(/^Insufficient balance/);
    await Promise.all(answers.filter((r) => !r.bodyUsed).map((r) => r.body?.cancel()));
    expect(await balanceOf(key)).toMatchObject({ available: 0n, reserved: 0n });
    const spent = await t.database.db.one<{ total: bigint; calls: number }>(
      'SELECT sum(amount_units)::bigint AS total, count(*)::int AS calls FROM usage_records WHERE buyer_id = $1',
      [key.ownerId],
    );
    expect(spent).toEqual({ total: 37n * 30_000n, calls: 37 });
    expect(provider.requests).toHaveLength(37);
  });

  it('refunds the reservation when the provider answers 5xx, times out or cannot be reached', async () => {
    const key = await buyer();
    await creditBalance(t.database.db, key.ownerId, 100_000n);

    provider.handle((_req, res) => res.writeHead(503, { 'content-type': 'text/plain' }).end('down'));
    const broken = await call(await service({ priceUnits: 40_000n }), key);
    expect(broken.status).toBe(503);
    expect(await broken.text()).toBe('down');
    expect(broken.headers.get('x-acf-amount')).toBe('0.00');

    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    provider.handle(async (_req, res) => {
      await held;
      res.writeHead(200).end('late');
    });
    const slow = await call(await service({ priceUnits: 40_000n, timeoutMs: 200 }), key);
    release();
    expect(slow.status).toBe(504);
    expect((await readJson(slow)).detail).toMatch(/^Provider timeout/);
    expect(slow.headers.get('x-acf-amount')).toBe('0.00');

    const closed = await startFakeProvider();
    await closed.close();
    const gone = await call(await service({ priceUnits: 40_000n, endpoint: closed.url }), key);
    expect(gone.status).toBe(502);
    expect((await readJson(gone)).detail).toMatch(/^Provider unreachable/);

    expect(await balanceOf(key)).toMatchObject({ available: 100_000n, reserved: 0n });
    const rows = await t.database.db.many<{ status_code: number; amount_units: bigint; success: boolean }>(
      'SELECT status_code, amount_units, success FROM usage_records WHERE buyer_id = $1 ORDER BY created_at',
      [key.ownerId],
    );
    expect(rows.map((r) => r.status_code).sort()).toEqual([502, 503, 504]);
    expect(rows.every((r) => r.amount_units === 0n && !r.success)).toBe(true);
  });

  it('charges a provider 4xx answer (the call was served) as the reference does', async () => {
    const key = await buyer();
    await creditBalance(t.database.db, key.ownerId, 100_000n);
    provider.handle((_req, res) =>
      res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"bad"}'),
    );
    const res = await call(await service({ priceUnits: 40_000n }), key);
    expect(res.status).toBe(400);
    expect(res.headers.get('x-acf-amount')).toBe('0.04');
    expect((await balanceOf(key)).available).toBe(60_000n);
  });
});

describe('proxy: free tier', () => {
  it('gives exactly the free tier under 50 concurrent calls, per buyer and service', async () => {
    const id = await service({ priceUnits: 10_000n, freeTierCalls: 10 });
    const key = await buyer();
    const answers = await Promise.all(Array.from({ length: 50 }, () => call(id, key)));
    const free = answers.filter((r) => r.status === 200);
    expect(free).toHaveLength(10);
    expect(
      free.every(
        (r) => r.headers.get('x-acf-free-tier') === 'true' && r.headers.get('x-acf-amount') === '0.00',
      ),
    ).toBe(true);
    expect(answers.filter((r) => r.status === 402)).toHaveLength(40);
    await Promise.all(answers.filter((r) => !r.bodyUsed).map((r) => r.body?.cancel()));

    const other = await buyer();
    const again = await call(id, other);
    expect(again.headers.get('x-acf-free-tier')).toBe('true');
  });

  it('gives a free call back when the provider fails, then charges once the tier is used', async () => {
    const id = await service({ priceUnits: 10_000n, freeTierCalls: 1 });
    const key = await buyer();
    await creditBalance(t.database.db, key.ownerId, 10_000n);
    provider.handle((_req, res) => res.writeHead(500).end());
    expect((await call(id, key)).headers.get('x-acf-free-tier')).toBe('false');
    provider.handle((_req, res) => res.writeHead(200).end('ok'));
    const free = await call(id, key);
    expect(free.headers.get('x-acf-free-tier')).toBe('true');
    const paid = await call(id, key);
    expect(paid.headers.get('x-acf-free-tier')).toBe('false');
    expect(paid.headers.get('x-acf-amount')).toBe('0.01');
    expect((await balanceOf(key)).available).toBe(0n);
  });
});

describe('proxy: payment methods and services', () => {
  it('answers 402 for x402 services (not enabled on this server) without calling the provider', async () => {
    const key = await buyer();
    await creditBalance(t.database.db, key.ownerId, 1_000_000n);
    const res = await call(await service({ paymentMethod: 'x402' }), key);
    expect(res.status).toBe(402);
    expect((await readJson(res)).detail).toMatch(/x402 payments are not enabled on this server/);
    expect(provider.requests).toHaveLength(0);
    expect((await balanceOf(key)).available).toBe(1_000_000n);
  });

  it('answers 404 for unknown, removed and paused services', async () => {
    const key = await buyer();
    expect((await call('no-such-service', key)).status).toBe(404);
    const removed = await call(await service({ status: 'removed' }), key);
    expect(await readJson(removed)).toEqual({ detail: 'Service not found' });
    const paused = await call(await service({ status: 'paused' }), key);
    expect(paused.status).toBe(404);
    expect(await readJson(paused)).toEqual({ detail: 'Service is not active' });
    expect(provider.requests).toHaveLength(0);
  });

  it('calls a free service root without a path, and refuses encoded slashes that would climb out of it', async () => {
    const key = await buyer();
    const id = await service({ priceUnits: 0n });
    const root = await call(id, key, '');
    expect(await root.json()).toMatchObject({ path: '/v1' });
    expect(root.headers.get('x-acf-amount')).toBe('0.00');
    const climbing = await call(id, key, '/a%2F..%2F..%2Fadmin');
    expect(climbing.status).toBe(400);
    expect(provider.requests).toHaveLength(1);
  });

  it('needs a buyer or provider key', async () => {
    const id = await service();
    expect((await t.fetch(`/api/v1/proxy/${id}/x`)).status).toBe(401);
    const admin = await t.issueTestKey('admin');
    expect((await call(id, admin)).status).toBe(403);
    const providerKey = await t.issueTestKey('provider');
    expect((await call(await service({ priceUnits: 0n }), providerKey)).status).toBe(200);
  });
});

describe('proxy: streaming', () => {
  it('passes an event stream on chunk by chunk, before the provider has finished', async () => {
    let sendRest!: () => void;
    const rest = new Promise<void>((resolve) => {
      sendRest = resolve;
    });
    provider.handle(async (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.write('data: first\n\n');
      await rest;
      res.write('data: second\n\n');
      res.end('data: [DONE]\n\n');
    });
    const key = await buyer();
    await creditBalance(t.database.db, key.ownerId, 50_000n);
    const id = await service({ priceUnits: 50_000n });
    const res = await call(id, key, '/stream', {
      headers: { 'idempotency-key': 'stream-1' },
    });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    expect(res.headers.get('x-acf-amount')).toBe('0.05');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    const first = await reader.read();
    expect(decoder.decode(first.value)).toBe('data: first\n\n');
    sendRest();
    let tail = '';
    for (let next = await reader.read(); !next.done; next = await reader.read())
      tail += decoder.decode(next.value);
    expect(tail).toBe('data: second\n\ndata: [DONE]\n\n');

    const again = await pollReplay(() =>
      call(id, key, '/stream', { headers: { 'idempotency-key': 'stream-1' } }),
    );
    expect(again.headers.get('x-acf-usage-id')).toBe(res.headers.get('x-acf-usage-id'));
    expect(await again.text()).toBe('');
    expect(provider.requests).toHaveLength(1);
  });
});

describe('proxy: idempotency', () => {
  it('answers a repeated Idempotency-Key with the original outcome without calling or charging again', async () => {
    const key = await buyer();
    await creditBalance(t.database.db, key.ownerId, 100_000n);
    const id = await service({ priceUnits: 40_000n });
    const send = () =>
      call(id, key, '/once', { method: 'POST', headers: { 'idempotency-key': 'order-7' }, body: '{"n":1}' });
    const first = await send();
    const firstBody = await first.text();
    const second = await pollReplay(send);
    expect(second.status).toBe(200);
    expect(second.headers.get('x-idempotent')).toBe('true');
    expect(await second.text()).toBe(firstBody);
    for (const name of [
      'x-acf-usage-id',
      'x-acf-amount',
      'x-acf-free-tier',
      'x-acf-latency-ms',
      'content-type',
    ]) {
      expect(second.headers.get(name), name).toBe(first.headers.get(name));
    }
    expect(provider.requests).toHaveLength(1);
    expect((await balanceOf(key)).available).toBe(60_000n);

    const other = await call(id, key, '/once', {
      method: 'POST',
      headers: { 'idempotency-key': 'order-7' },
      body: '{"n":2}',
    });
    expect(other.status).toBe(400);
    const someoneElse = await buyer();
    await creditBalance(t.database.db, someoneElse.ownerId, 100_000n);
    const theirs = await call(id, someoneElse, '/once', {
      method: 'POST',
      headers: { 'idempotency-key': 'order-7' },
      body: '{"n":1}',
    });
    expect(theirs.headers.get('x-idempotent')).toBeNull();
    expect(provider.requests).toHaveLength(2);
  });

  it('accepts X-Request-ID as the key, answers 409 to a duplicate still in flight, and reruns failed calls', async () => {
    const key = await buyer();
    await creditBalance(t.database.db, key.ownerId, 100_000n);
    const id = await service({ priceUnits: 10_000n });
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => {
      finish = resolve;
    });
    let arrived!: () => void;
    const firstArrived = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    provider.handle(async (_req, res) => {
      arrived();
      await finished;
      res.writeHead(200).end('done');
    });
    const send = () => call(id, key, '/slow', { headers: { 'x-request-id': 'req-42' } });
    const first = send();
    await firstArrived;
    const duplicate = await send();
    expect(duplicate.status).toBe(409);
    expect(duplicate.headers.get('retry-after')).toBe('1');
    finish();
    expect(await (await first).text()).toBe('done');
    expect(await (await pollReplay(send)).text()).toBe('done');
    expect(provider.requests).toHaveLength(1);

    provider.handle((_req, res) => res.writeHead(500).end());
    const failKey = { headers: { 'idempotency-key': 'fails-then-works' } };
    expect((await call(id, key, '/x', failKey)).status).toBe(500);
    provider.handle((_req, res) => res.writeHead(200).end('ok now'));
    const retried = await call(id, key, '/x', failKey);
    expect(await retried.text()).toBe('ok now');
    expect(retried.headers.get('x-idempotent')).toBeNull();
    expect((await balanceOf(key)).available).toBe(80_000n);
  });
});

describe('proxy: SSRF', () => {
  it('refuses at call time a service endpoint whose name resolves to an internal address', async () => {
    const strict = await createTestServer({
      database: t.database,
      routeGroups: [createProxyRoutes({ enqueueWebhookEvent: async () => {} })],
    });
    try {
      const key = await buyer();
      await creditBalance(t.database.db, key.ownerId, 50_000n);
      const id = await service({ endpoint: `http://localhost:${provider.port}/v1`, priceUnits: 50_000n });
      const res = await strict.fetch(`/api/v1/proxy/${id}/x`, {
        headers: { authorization: key.authorization },
      });
      expect(res.status).toBe(502);
      expect((await readJson(res)).detail).toMatch(/internal address/);
      expect(provider.requests).toHaveLength(0);
      expect((await balanceOf(key)).available).toBe(50_000n);
    } finally {
      await strict.close();
    }
  });
});

describe('proxy: webhook outbox', () => {
  it('queues service.called for subscribed providers and buyers in the same transaction as the usage record', async () => {
    const real = await createTestServer({
      database: t.database,
      allowInternalHosts: ['127.0.0.1'],
      routeGroups: [registerProxyRoutes],
      webhookDelivery: false,
    });
    try {
      const key = await buyer();
      const id = await service({ priceUnits: 0n, providerId: 'prov-hooked' });
      await t.database.db.query(
        `INSERT INTO webhooks (id, owner_id, url, events, secret) VALUES
           ('wh-prov', 'prov-hooked', 'https://hooks.example/p', ARRAY['service.called'], 's1'),
           ('wh-buyer', $1, 'https://hooks.example/b', ARRAY['service.called'], 's2'),
           ('wh-other', $1, 'https://hooks.example/o', ARRAY['payment.completed'], 's3')`,
        [key.ownerId],
      );
      const res = await real.fetch(`/api/v1/proxy/${id}/x`, {
        headers: { authorization: key.authorization },
      });
      expect(res.status).toBe(200);
      const rows = await t.database.db.many<{ webhook_id: string; body: string }>(
        `SELECT webhook_id, body FROM webhook_outbox WHERE webhook_id IN ('wh-prov', 'wh-buyer', 'wh-other') ORDER BY webhook_id`,
      );
      expect(rows.map((r) => r.webhook_id)).toEqual(['wh-buyer', 'wh-prov']);
      expect(JSON.parse(rows[0]!.body)).toMatchObject({
        event: 'service.called',
        webhook_id: 'wh-buyer',
        payload: {
          usage_id: res.headers.get('x-acf-usage-id'),
          provider_id: 'prov-hooked',
          buyer_id: key.ownerId,
          status_code: 200,
        },
      });
    } finally {
      await real.close();
    }
  });
});

/** Repeats a replayed call until the first call's outcome is stored (it is written when the body ends). */
async function pollReplay(send: () => Promise<Response>): Promise<Response> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const res = await send();
    if (res.status !== 409 || Date.now() > deadline) return res;
    await res.body?.cancel();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

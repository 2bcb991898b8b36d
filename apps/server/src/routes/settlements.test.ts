import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertTestService, insertTestUsage } from '../reputation/test-usage.js';
import { createTestServer, readJson, type TestKey, type TestServer } from '../test-support/test-server.js';

let t: TestServer;
let admin: string;
beforeAll(async () => {
  t = await createTestServer({ webhookDelivery: false });
  admin = await t.createKey('admin');
});
afterAll(() => t?.close());

const MARCH = { period_start: '2026-03-01T00:00:00Z', period_end: '2026-04-01T00:00:00Z' };

function call(method: string, path: string, authorization: string | undefined, body?: unknown) {
  return t.fetch(path, {
    method,
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

const settle = (body: unknown, authorization = admin) =>
  call('POST', '/api/v1/settlements', authorization, body);

/** A provider with 210 paid calls of 0.05 in March 2026, 5 failed ones, and one paid call in April. */
async function providerWithMarchUsage(): Promise<{ provider: TestKey; serviceId: string }> {
  const provider = await t.issueTestKey('provider');
  const serviceId = await insertTestService(t.database.db, provider.ownerId);
  const usage = { serviceId, providerId: provider.ownerId };
  await insertTestUsage(t.database.db, {
    ...usage,
    count: 210,
    amountUnits: 50_000n,
    at: new Date('2026-03-31T23:59:59.999Z'),
  });
  await insertTestUsage(t.database.db, {
    ...usage,
    count: 5,
    statusCode: 502,
    at: new Date('2026-03-02T00:00:00Z'),
  });
  await insertTestUsage(t.database.db, {
    ...usage,
    amountUnits: 70_000n,
    at: new Date('2026-04-01T00:00:00Z'),
  });
  return { provider, serviceId };
}

describe('POST /api/v1/settlements', () => {
  it("aggregates the provider's usage in the period with the platform fee, exactly as documented", async () => {
    const { provider } = await providerWithMarchUsage();
    const res = await settle({ provider_id: provider.ownerId, ...MARCH });
    expect(res.status).toBe(201);
    const body = await readJson(res);
    expect(body).toEqual({
      id: expect.any(String),
      provider_id: provider.ownerId,
      total_amount: '10.50',
      platform_fee: '1.05',
      net_amount: '9.45',
      call_count: 210,
      status: 'pending',
    });
    const linked = await t.database.db.one<{ n: number }>(
      'SELECT count(*)::int AS n FROM usage_records WHERE settlement_id = $1',
      [body.id],
    );
    expect(linked?.n).toBe(215);
  });

  it('takes the fee once per recorded commission rate, rounded up to the next base unit', async () => {
    const provider = await t.issueTestKey('provider');
    const serviceId = await insertTestService(t.database.db, provider.ownerId);
    const at = new Date('2026-03-05T00:00:00Z');
    await insertTestUsage(t.database.db, {
      serviceId,
      providerId: provider.ownerId,
      count: 3,
      amountUnits: 1n,
      at,
    });
    await t.database.db.query('UPDATE usage_records SET commission_bps = 250 WHERE provider_id = $1', [
      provider.ownerId,
    ]);
    await insertTestUsage(t.database.db, {
      serviceId,
      providerId: provider.ownerId,
      amountUnits: 333_333n,
      at,
    });
    const body = await readJson(await settle({ provider_id: provider.ownerId, ...MARCH }));
    // 3 units at 2.5 % → fee 1 unit; 0.333333 at 10 % → fee 0.0333334 → 0.033334.
    expect(body).toMatchObject({
      total_amount: '0.333336',
      platform_fee: '0.033335',
      net_amount: '0.300001',
    });
  });

  it('refuses a period overlapping an existing settlement of the provider (409), not an adjacent one', async () => {
    const { provider } = await providerWithMarchUsage();
    const first = await readJson(await settle({ provider_id: provider.ownerId, ...MARCH }));
    for (const period of [
      MARCH,
      { period_start: '2026-03-15T00:00:00Z', period_end: '2026-04-15T00:00:00Z' },
      { period_start: '2026-02-01', period_end: '2026-03-01T00:00:01Z' },
      { period_start: '2026-03-10T00:00:00+02:00', period_end: '2026-03-11T00:00:00+02:00' },
    ]) {
      const res = await settle({ provider_id: provider.ownerId, ...period });
      expect(res.status, JSON.stringify(period)).toBe(409);
      expect((await readJson(res)).detail).toContain(first.id);
    }
    const april = await settle({
      provider_id: provider.ownerId,
      period_start: '2026-04-01',
      period_end: '2026-05-01',
    });
    expect(april.status).toBe(201);
    expect(await april.json()).toMatchObject({ total_amount: '0.07', call_count: 1 });
    const february = await settle({
      provider_id: provider.ownerId,
      period_start: '2026-02-01',
      period_end: '2026-03-01',
    });
    expect(await february.json()).toMatchObject({
      total_amount: '0.00',
      platform_fee: '0.00',
      call_count: 0,
    });
  });

  it('lets only one of two overlapping requests at the same time through', async () => {
    const { provider } = await providerWithMarchUsage();
    const results = await Promise.all([
      settle({ provider_id: provider.ownerId, ...MARCH }),
      settle({ provider_id: provider.ownerId, period_start: '2026-03-20', period_end: '2026-04-10' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  it('answers 400 for a period not over yet, 404 for an unknown provider and 400 for bad input', async () => {
    const { provider } = await providerWithMarchUsage();
    const future = await settle({
      provider_id: provider.ownerId,
      period_start: '2026-03-01',
      period_end: '2999-01-01',
    });
    expect(future.status).toBe(400);
    expect((await settle({ provider_id: 'nobody-at-all', ...MARCH })).status).toBe(404);
    for (const [body, where] of [
      [
        { provider_id: provider.ownerId, period_start: '2026-04-01', period_end: '2026-03-01' },
        'body.period_end',
      ],
      [{ provider_id: provider.ownerId, ...MARCH, period_start: 'March' }, 'body.period_start'],
      [{ ...MARCH }, 'body.provider_id'],
    ] as const) {
      const res = await settle(body);
      expect(res.status).toBe(400);
      expect((await readJson(res)).detail).toContain(where);
    }
  });

  it('needs an admin key', async () => {
    const { provider } = await providerWithMarchUsage();
    expect((await settle({ provider_id: provider.ownerId, ...MARCH }, provider.authorization)).status).toBe(
      403,
    );
    expect((await call('POST', '/api/v1/settlements', undefined, MARCH)).status).toBe(401);
  });
});

describe('GET /api/v1/settlements and PATCH …/pay', () => {
  it('shows a provider only its own settlements and an admin all, with filters', async () => {
    const [a, b] = [await providerWithMarchUsage(), await providerWithMarchUsage()];
    const sa = await readJson(await settle({ provider_id: a.provider.ownerId, ...MARCH }));
    await settle({ provider_id: b.provider.ownerId, ...MARCH });
    const own = await readJson(await call('GET', '/api/v1/settlements', a.provider.authorization));
    expect(own).toEqual({
      settlements: [
        {
          id: sa.id,
          provider_id: a.provider.ownerId,
          period_start: '2026-03-01T00:00:00Z',
          period_end: '2026-04-01T00:00:00Z',
          total_amount: '10.50',
          platform_fee: '1.05',
          net_amount: '9.45',
          status: 'pending',
          payment_tx: null,
        },
      ],
      count: 1,
    });
    const spying = await call(
      'GET',
      `/api/v1/settlements?provider_id=${b.provider.ownerId}`,
      a.provider.authorization,
    );
    expect(spying.status).toBe(403);
    const buyer = await readJson(await call('GET', '/api/v1/settlements', await t.createKey('buyer')));
    expect(buyer).toEqual({ settlements: [], count: 0 });
    const forB = await readJson(
      await call('GET', `/api/v1/settlements?provider_id=${b.provider.ownerId}`, admin),
    );
    expect(forB.settlements.map((s: { provider_id: string }) => s.provider_id)).toEqual([b.provider.ownerId]);
    const all = await readJson(await call('GET', '/api/v1/settlements?limit=100', admin));
    expect(all.count).toBeGreaterThanOrEqual(2);
    const completed = await readJson(
      await call('GET', '/api/v1/settlements?status=completed', a.provider.authorization),
    );
    expect(completed.count).toBe(0);
    expect((await call('GET', '/api/v1/settlements?status=lost', admin)).status).toBe(400);
  });

  it('marks a settlement paid once, queues settlement.completed for the provider, and lists it completed', async () => {
    const { provider } = await providerWithMarchUsage();
    await t.database.db.query(
      `INSERT INTO webhooks (id, owner_id, url, events, secret) VALUES ($1, $2, 'https://hooks.example/s', $3, 'whsec_test_secret_1234')`,
      [`wh-${provider.ownerId}`, provider.ownerId, ['settlement.completed']],
    );
    const { id } = await readJson(await settle({ provider_id: provider.ownerId, ...MARCH }));
    const pay = (authorization: string, which = id) =>
      call('PATCH', `/api/v1/settlements/${which}/pay`, authorization, { payment_tx: '0xabc123' });
    expect((await pay(provider.authorization)).status).toBe(403);
    const paid = await pay(admin);
    expect(paid.status).toBe(200);
    expect(await paid.json()).toEqual({ status: 'completed', payment_tx: '0xabc123' });
    const again = await pay(admin);
    expect(again.status).toBe(404);
    expect(await again.json()).toEqual({ detail: 'Settlement not found or already paid' });
    expect((await pay(admin, 'no-such-settlement')).status).toBe(404);
    const empty = await call('PATCH', `/api/v1/settlements/${id}/pay`, admin, { payment_tx: '' });
    expect(empty.status).toBe(400);
    const listed = await readJson(
      await call('GET', '/api/v1/settlements?status=completed', provider.authorization),
    );
    expect(listed.settlements).toMatchObject([{ id, status: 'completed', payment_tx: '0xabc123' }]);
    const queued = await t.database.db.many<{ body: string }>(
      'SELECT body FROM webhook_outbox WHERE webhook_id = $1',
      [`wh-${provider.ownerId}`],
    );
    expect(queued).toHaveLength(1);
    expect(JSON.parse(queued[0]!.body)).toMatchObject({
      event: 'settlement.completed',
      payload: {
        settlement_id: id,
        provider_id: provider.ownerId,
        total_amount: '10.50',
        platform_fee: '1.05',
        net_amount: '9.45',
        payment_tx: '0xabc123',
      },
    });
  });
});

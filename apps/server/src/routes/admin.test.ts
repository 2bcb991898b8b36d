import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertService, insertSettlement, insertUsage } from '../analytics/test-fixtures.js';
import { createTestServer, readJson, type TestServer } from '../test-support/test-server.js';

const NOW = new Date('2026-03-19T15:30:00Z');
const DAY = 86_400_000;

let t: TestServer;
let admin: string;
let provider: string;
let sentiment: string;
let translate: string;

const get = (path: string, authorization = admin) => t.fetch(path, { headers: { authorization } });

beforeAll(async () => {
  t = await createTestServer({ now: () => NOW.getTime() });
  admin = await t.createKey('admin');
  provider = await t.createKey('provider');
  const db = t.database.db;
  sentiment = await insertService(db, {
    providerId: 'provider-1',
    name: 'Sentiment Analysis',
    category: 'nlp',
    createdAt: new Date('2026-03-01T00:00:00Z'),
  });
  translate = await insertService(db, { providerId: 'provider-2', name: 'Translate', category: 'nlp' });
  await insertService(db, { providerId: 'provider-2', name: 'Old', status: 'removed' });
  await insertService(db, { providerId: 'provider-3', name: 'Idle', status: 'paused' });
  await db.query(
    `INSERT INTO agents (agent_id, owner_id, display_name) VALUES ('agent-1', 'provider-1', 'Top NLP Agent')`,
  );
  await db.query(`INSERT INTO teams (id, owner_id, name) VALUES ('team-1', 'provider-1', 'Team')`);
  await db.query(
    `INSERT INTO webhooks (id, owner_id, url, events, secret, active) VALUES
       ('wh-1', 'provider-1', 'https://hooks.example.com/a', '{service.called}', 's', true),
       ('wh-2', 'provider-1', 'https://hooks.example.com/b', '{service.called}', 's', false)`,
  );
  const call = (
    serviceId: string,
    providerId: string,
    buyerId: string,
    amountUnits: bigint,
    daysAgo: number,
    extra: { statusCode?: number; latencyMs?: number; paymentMethod?: string } = {},
  ) =>
    insertUsage(db, {
      serviceId,
      providerId,
      buyerId,
      amountUnits,
      createdAt: new Date(NOW.getTime() - daysAgo * DAY),
      ...extra,
    });
  // provider-1: 4 calls, 1.50 USDC; provider-2: 2 calls, 0.20 USDC (one 40 days ago).
  await call(sentiment, 'provider-1', 'buyer-a', 500_000n, 0, { latencyMs: 100 });
  await call(sentiment, 'provider-1', 'buyer-a', 500_000n, 0, { latencyMs: 200 });
  await call(sentiment, 'provider-1', 'buyer-b', 500_000n, 2, { latencyMs: 300, paymentMethod: 'paypal' });
  await call(sentiment, 'provider-1', 'buyer-c', 0n, 3, { statusCode: 502, latencyMs: 400 });
  await call(translate, 'provider-2', 'buyer-b', 100_000n, 1, { latencyMs: 50, paymentMethod: 'prepaid' });
  await call(translate, 'provider-2', 'buyer-d', 100_000n, 40, { latencyMs: 70, paymentMethod: 'prepaid' });
  await insertSettlement(db, {
    providerId: 'provider-1',
    totalUnits: 1n,
    feeUnits: 0n,
    status: 'completed',
    periodStart: new Date('2026-02-01T00:00:00Z'),
    periodEnd: new Date('2026-03-01T00:00:00Z'),
  });
});

afterAll(async () => {
  await t?.close();
});

describe('admin authorisation', () => {
  it('refuses provider and buyer keys on every admin route', async () => {
    const buyer = await t.createKey('buyer');
    for (const path of [
      '/api/v1/admin/stats',
      '/api/v1/admin/usage/daily',
      '/api/v1/admin/analytics/buyers',
      '/api/v1/admin/providers/provider-1/commission',
    ]) {
      expect((await get(path, provider)).status, path).toBe(403);
      expect((await get(path, buyer)).status, path).toBe(403);
      expect((await t.fetch(path)).status, path).toBe(401);
    }
  });
});

describe('GET /api/v1/admin/stats', () => {
  it('counts the platform and sums revenue exactly', async () => {
    expect(await readJson(await get('/api/v1/admin/stats'))).toEqual({
      total_services: 3,
      total_agents: 1,
      total_teams: 1,
      total_usage_records: 6,
      total_revenue_usd: 1.7,
      total_settlements: 1,
      active_webhooks: 1,
    });
  });
});

describe('GET /api/v1/admin/usage/daily', () => {
  it('gives one entry per UTC day, oldest first, zeros included', async () => {
    const body = await readJson(await get('/api/v1/admin/usage/daily?days=4'));
    expect(body).toEqual({
      days: 4,
      data: [
        { date: '2026-03-16', call_count: 1, revenue_usd: 0, unique_buyers: 1, unique_services: 1 },
        { date: '2026-03-17', call_count: 1, revenue_usd: 0.5, unique_buyers: 1, unique_services: 1 },
        { date: '2026-03-18', call_count: 1, revenue_usd: 0.1, unique_buyers: 1, unique_services: 1 },
        { date: '2026-03-19', call_count: 2, revenue_usd: 1, unique_buyers: 1, unique_services: 1 },
      ],
    });
    expect((await readJson(await get('/api/v1/admin/usage/daily'))).data).toHaveLength(30);
  });

  it('checks days', async () => {
    for (const days of ['0', '91', 'x']) {
      const res = await get(`/api/v1/admin/usage/daily?days=${days}`);
      expect(res.status).toBe(400);
      expect((await readJson(res)).detail).toMatch(/^query\.days/);
    }
  });
});

describe('GET /api/v1/admin/providers/ranking', () => {
  it('ranks by revenue with display names, all-time or over a number of days', async () => {
    const body = await readJson(await get('/api/v1/admin/providers/ranking'));
    expect(body.period).toBe('all-time');
    expect(body.providers).toEqual([
      {
        provider_id: 'provider-1',
        display_name: 'Top NLP Agent',
        total_calls: 4,
        total_revenue: 1.5,
        avg_latency_ms: 250,
        success_rate: 75,
      },
      {
        provider_id: 'provider-2',
        display_name: 'provider-2',
        total_calls: 2,
        total_revenue: 0.2,
        avg_latency_ms: 60,
        success_rate: 100,
      },
    ]);
    const recent = await readJson(await get('/api/v1/admin/providers/ranking?period=30&limit=5'));
    expect(recent.period).toBe('30');
    expect(recent.providers[1]).toMatchObject({
      provider_id: 'provider-2',
      total_calls: 1,
      total_revenue: 0.1,
    });
    expect((await readJson(await get('/api/v1/admin/providers/ranking?limit=1'))).providers).toHaveLength(1);
    expect((await get('/api/v1/admin/providers/ranking?period=weekly')).status).toBe(400);
    expect((await get('/api/v1/admin/providers/ranking?limit=101')).status).toBe(400);
  });
});

describe('GET /api/v1/admin/services/health', () => {
  it('lists active services, least healthy first', async () => {
    const body = await readJson(await get('/api/v1/admin/services/health'));
    expect(body.services).toEqual([
      {
        service_id: sentiment,
        name: 'Sentiment Analysis',
        provider_id: 'provider-1',
        status: 'active',
        total_calls: 4,
        avg_latency_ms: 250,
        error_rate: 25,
        last_called: NOW.toISOString(),
      },
      expect.objectContaining({ service_id: translate, error_rate: 0, avg_latency_ms: 60 }),
    ]);
  });
});

describe('GET /api/v1/admin/payments/summary', () => {
  it('breaks usage down by payment method', async () => {
    expect(await readJson(await get('/api/v1/admin/payments/summary'))).toEqual({
      methods: {
        x402: { count: 3, total_usd: 1 },
        paypal: { count: 1, total_usd: 0.5 },
        prepaid: { count: 2, total_usd: 0.2 },
      },
    });
  });
});

describe('GET /api/v1/admin/analytics/trends', () => {
  it('buckets by ISO week by default and by day or month on request', async () => {
    const weekly = await readJson(await get('/api/v1/admin/analytics/trends'));
    expect(weekly.granularity).toBe('weekly');
    expect(weekly.data).toHaveLength(12);
    expect(weekly.data.at(-1)).toEqual({
      period: '2026-W12',
      calls: 5,
      revenue: 1.6,
      unique_buyers: 3,
      active_services: 2,
      avg_latency_ms: 210,
      success_rate: 80,
    });
    const monthly = await readJson(await get('/api/v1/admin/analytics/trends?granularity=monthly&periods=2'));
    expect(monthly.data.map((d: { period: string; calls: number }) => [d.period, d.calls])).toEqual([
      ['2026-02', 1],
      ['2026-03', 5],
    ]);
    const daily = await readJson(await get('/api/v1/admin/analytics/trends?granularity=daily&periods=1'));
    expect(daily.data).toEqual([
      expect.objectContaining({ period: '2026-03-19', calls: 2, success_rate: 100 }),
    ]);
    expect((await get('/api/v1/admin/analytics/trends?granularity=hourly')).status).toBe(400);
    expect((await get('/api/v1/admin/analytics/trends?periods=53')).status).toBe(400);
  });
});

describe('GET /api/v1/admin/analytics/top-services', () => {
  it('ranks by revenue, calls or latency (fastest first) within the window', async () => {
    const byRevenue = await readJson(await get('/api/v1/admin/analytics/top-services'));
    expect(byRevenue).toMatchObject({ sort_by: 'revenue', days: 30 });
    expect(byRevenue.services[0]).toEqual({
      service_id: sentiment,
      service_name: 'Sentiment Analysis',
      provider_id: 'provider-1',
      category: 'nlp',
      total_calls: 4,
      total_revenue: 1.5,
      avg_latency_ms: 250,
      unique_buyers: 3,
      success_rate: 75,
    });
    const byLatency = await readJson(await get('/api/v1/admin/analytics/top-services?sort_by=latency'));
    expect(byLatency.services.map((s: { service_id: string }) => s.service_id)).toEqual([
      translate,
      sentiment,
    ]);
    const old = await readJson(
      await get('/api/v1/admin/analytics/top-services?sort_by=calls&days=365&limit=1'),
    );
    expect(old.services).toEqual([expect.objectContaining({ service_id: sentiment, total_calls: 4 })]);
    expect((await get('/api/v1/admin/analytics/top-services?sort_by=name')).status).toBe(400);
  });
});

describe('GET /api/v1/admin/analytics/buyers', () => {
  it('counts all-time, active, new and repeat buyers and the top spenders', async () => {
    expect(await readJson(await get('/api/v1/admin/analytics/buyers'))).toEqual({
      days: 30,
      total_buyers_all_time: 4,
      active_buyers: 3,
      new_buyers: 3,
      repeat_buyers: 2,
      repeat_rate: 66.7,
      avg_calls_per_buyer: 1.7,
      top_spenders: [
        { buyer_id: 'buyer-a', calls: 2, total_spent: 1, services_used: 1 },
        { buyer_id: 'buyer-b', calls: 2, total_spent: 0.6, services_used: 2 },
        { buyer_id: 'buyer-c', calls: 1, total_spent: 0, services_used: 1 },
      ],
    });
  });
});

describe('GET /api/v1/admin/providers/{provider_id}/commission', () => {
  it('gives the Growth Program tier counted from the first service', async () => {
    expect(await readJson(await get('/api/v1/admin/providers/provider-1/commission'))).toEqual({
      provider_id: 'provider-1',
      registered: true,
      current_rate: '0.00',
      current_rate_bps: 0,
      current_tier: 'Month 1 (Free)',
      registration_date: '2026-03-01T00:00:00.000Z',
      month_number: 1,
      next_tier_date: '2026-04-01T00:00:00.000Z',
      next_tier_rate: '0.05',
    });
    expect(await readJson(await get('/api/v1/admin/providers/nobody/commission'))).toEqual({
      provider_id: 'nobody',
      registered: false,
      current_rate: '0.10',
      current_rate_bps: 1000,
      current_tier: 'Standard',
      registration_date: null,
      month_number: null,
      next_tier_date: null,
      next_tier_rate: null,
    });
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertService, insertSettlement, insertUsage } from '../analytics/test-fixtures.js';
import { createTestServer, readJson, type TestKey, type TestServer } from '../test-support/test-server.js';

const NOW = new Date('2026-03-19T15:30:00Z');
const DAY = 86_400_000;

let t: TestServer;
let provider: TestKey;
let other: TestKey;
let buyer: string;
let admin: string;
let coinSifter: string;
let paused: string;
let othersService: string;
let upstream: Server;
let upstreamUrl: string;

const get = (path: string, authorization: string) => t.fetch(path, { headers: { authorization } });

beforeAll(async () => {
  upstream = createServer((req, res) => {
    res.statusCode = req.url === '/broken' ? 503 : 204;
    res.end();
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;

  t = await createTestServer({ now: () => NOW.getTime(), allowInternalHosts: ['127.0.0.1'] });
  provider = await t.issueTestKey('provider');
  other = await t.issueTestKey('provider');
  buyer = await t.createKey('buyer');
  admin = await t.createKey('admin');
  const db = t.database.db;
  coinSifter = await insertService(db, {
    providerId: provider.ownerId,
    name: 'CoinSifter API',
    endpoint: `${upstreamUrl}/ok`,
    priceUnits: 500_000n,
    category: 'crypto',
    createdAt: new Date(NOW.getTime() - 40 * DAY),
  });
  paused = await insertService(db, {
    providerId: provider.ownerId,
    name: 'Paused one',
    status: 'paused',
    endpoint: `${upstreamUrl}/broken`,
    createdAt: new Date(NOW.getTime() - 10 * DAY),
  });
  await insertService(db, { providerId: provider.ownerId, name: 'Gone', status: 'removed' });
  othersService = await insertService(db, { providerId: other.ownerId, name: 'Not mine' });
  const usage = (
    serviceId: string,
    providerId: string,
    buyerId: string,
    amount: bigint,
    status: number,
    daysAgo: number,
    latencyMs: number,
  ) =>
    insertUsage(db, {
      serviceId,
      providerId,
      buyerId,
      amountUnits: amount,
      statusCode: status,
      latencyMs,
      createdAt: new Date(NOW.getTime() - daysAgo * DAY),
    });
  await usage(coinSifter, provider.ownerId, 'buyer-1', 500_000n, 200, 0, 100);
  await usage(coinSifter, provider.ownerId, 'buyer-2', 500_000n, 200, 1, 140);
  await usage(coinSifter, provider.ownerId, 'buyer-1', 0n, 503, 1, 301);
  await usage(othersService, other.ownerId, 'buyer-1', 9_000_000n, 200, 0, 50);
  await insertSettlement(db, {
    id: 'stl-feb',
    providerId: provider.ownerId,
    totalUnits: 600_000n,
    feeUnits: 60_000n,
    status: 'completed',
    periodStart: new Date('2026-02-01T00:00:00Z'),
    periodEnd: new Date('2026-03-01T00:00:00Z'),
  });
  await insertSettlement(db, {
    id: 'stl-mar',
    providerId: provider.ownerId,
    totalUnits: 250_000n,
    feeUnits: 25_000n,
    status: 'pending',
    periodStart: new Date('2026-03-01T00:00:00Z'),
    periodEnd: new Date('2026-03-15T00:00:00Z'),
  });
});

afterAll(async () => {
  await t?.close();
  await new Promise((resolve) => upstream?.close(resolve));
});

describe('GET /api/v1/provider/dashboard', () => {
  it("sums the caller's own services, calls, revenue and settlements exactly", async () => {
    const res = await get('/api/v1/provider/dashboard', provider.authorization);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      provider_id: provider.ownerId,
      total_services: 2,
      total_calls: 3,
      total_revenue: 1,
      total_settled: 0.6,
      pending_settlement: 0.4,
      total_paid_out: 0.54,
    });
  });

  it('shows a provider without anything as zeros', async () => {
    const fresh = await t.createKey('provider');
    expect(await readJson(await get('/api/v1/provider/dashboard', fresh))).toMatchObject({
      total_services: 0,
      total_calls: 0,
      total_revenue: 0,
      pending_settlement: 0,
    });
  });

  it('refuses buyer keys and requests without a key', async () => {
    expect((await get('/api/v1/provider/dashboard', buyer)).status).toBe(403);
    expect((await t.fetch('/api/v1/provider/dashboard')).status).toBe(401);
  });
});

describe('GET /api/v1/provider/services', () => {
  it('lists only my services that are not removed, newest first, with their statistics', async () => {
    const body = await readJson(await get('/api/v1/provider/services', provider.authorization));
    expect(body.services.map((s: { id: string }) => s.id)).toEqual([paused, coinSifter]);
    expect(body.services[1]).toEqual({
      id: coinSifter,
      name: 'CoinSifter API',
      description: '',
      endpoint: `${upstreamUrl}/ok`,
      price_per_call: '0.50',
      status: 'active',
      category: 'crypto',
      total_calls: 3,
      total_revenue: 1,
      avg_latency_ms: 180.3,
      success_rate: 66.7,
      created_at: new Date(NOW.getTime() - 40 * DAY).toISOString(),
    });
    expect(body.services[0]).toMatchObject({ total_calls: 0, total_revenue: 0, avg_latency_ms: 0 });
  });
});

describe('GET /api/v1/provider/services/{service_id}/analytics', () => {
  it('answers the owner with totals and a zero-filled daily series ending today', async () => {
    const res = await get(`/api/v1/provider/services/${coinSifter}/analytics`, provider.authorization);
    expect(res.status).toBe(200);
    const body = await readJson(res);
    expect(body).toMatchObject({
      service_id: coinSifter,
      service_name: 'CoinSifter API',
      total_calls: 3,
      total_revenue: 1,
      success_rate: 66.7,
      unique_buyers: 2,
      first_call: new Date(NOW.getTime() - DAY).toISOString(),
      last_call: NOW.toISOString(),
    });
    expect(body.daily).toHaveLength(30);
    expect(body.daily.slice(-2)).toEqual([
      { date: '2026-03-18', calls: 2, revenue: 0.5 },
      { date: '2026-03-19', calls: 1, revenue: 0.5 },
    ]);
    expect(body.daily[0]).toEqual({ date: '2026-02-18', calls: 0, revenue: 0 });
  });

  it('takes the number of days and checks it', async () => {
    const week = await readJson(
      await get(`/api/v1/provider/services/${coinSifter}/analytics?days=7`, provider.authorization),
    );
    expect(week.daily).toHaveLength(7);
    const bad = await get(`/api/v1/provider/services/${coinSifter}/analytics?days=0`, provider.authorization);
    expect(bad.status).toBe(400);
    expect((await readJson(bad)).detail).toMatch(/^query\.days/);
  });

  it("refuses another provider's service, an admin who is not the owner, and unknown services", async () => {
    const res = await get(`/api/v1/provider/services/${othersService}/analytics`, provider.authorization);
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ detail: 'Not your service' });
    expect((await get(`/api/v1/provider/services/${coinSifter}/analytics`, admin)).status).toBe(403);
    const missing = await get('/api/v1/provider/services/nope/analytics', provider.authorization);
    expect([missing.status, (await readJson(missing)).detail]).toEqual([404, 'Service not found']);
  });
});

describe('GET /api/v1/provider/earnings', () => {
  it('gives totals and every settlement, newest period first', async () => {
    const body = await readJson(await get('/api/v1/provider/earnings', provider.authorization));
    expect(body).toMatchObject({
      total_earned: 1,
      total_settled: 0.6,
      pending_settlement: 0.4,
      total_paid_out: 0.54,
    });
    expect(body.settlements).toEqual([
      {
        id: 'stl-mar',
        total_amount: 0.25,
        platform_fee: 0.025,
        net_amount: 0.225,
        call_count: 0,
        status: 'pending',
        period_start: '2026-03-01T00:00:00.000Z',
        period_end: '2026-03-15T00:00:00.000Z',
        payment_tx: null,
        paid_at: null,
      },
      expect.objectContaining({
        id: 'stl-feb',
        total_amount: 0.6,
        platform_fee: 0.06,
        net_amount: 0.54,
      }),
    ]);
    const others = await readJson(await get('/api/v1/provider/earnings', other.authorization));
    expect(others.settlements).toEqual([]);
  });
});

describe('provider keys', () => {
  it('lists my keys without secrets and revokes one of them', async () => {
    const owner = await t.issueTestKey('provider');
    const second = await t.issueTestKey('provider', { ownerId: owner.ownerId });
    const list = await readJson(await get('/api/v1/provider/keys', owner.authorization));
    expect(list.keys.map((k: { key_id: string }) => k.key_id).sort()).toEqual(
      [owner.keyId, second.keyId].sort(),
    );
    expect(list.keys[0]).toEqual({
      key_id: expect.any(String),
      role: 'provider',
      rate_limit: 60,
      wallet_address: null,
      created_at: expect.any(String),
      expires_at: null,
    });
    expect(JSON.stringify(list)).not.toContain(owner.secret);

    const res = await t.fetch(`/api/v1/provider/keys/${second.keyId}`, {
      method: 'DELETE',
      headers: { authorization: owner.authorization },
    });
    expect([res.status, await res.json()]).toEqual([200, { status: 'revoked', key_id: second.keyId }]);
    expect((await get('/api/v1/provider/dashboard', second.authorization)).status).toBe(401);
    const after = await readJson(await get('/api/v1/provider/keys', owner.authorization));
    expect(after.keys.map((k: { key_id: string }) => k.key_id)).toEqual([owner.keyId]);
    const again = await t.fetch(`/api/v1/provider/keys/${second.keyId}`, {
      method: 'DELETE',
      headers: { authorization: owner.authorization },
    });
    expect(again.status).toBe(404);
  });

  it("refuses to revoke another owner's key", async () => {
    const res = await t.fetch(`/api/v1/provider/keys/${other.keyId}`, {
      method: 'DELETE',
      headers: { authorization: provider.authorization },
    });
    expect([res.status, await res.json()]).toEqual([403, { detail: 'Not your key' }]);
    expect((await get('/api/v1/provider/dashboard', other.authorization)).status).toBe(200);
    const unknown = await t.fetch('/api/v1/provider/keys/acf_nope', {
      method: 'DELETE',
      headers: { authorization: provider.authorization },
    });
    expect([unknown.status, (await readJson(unknown)).detail]).toEqual([404, 'Key not found']);
  });
});

describe('POST /api/v1/provider/services/{service_id}/test', () => {
  const test = (serviceId: string, authorization = provider.authorization) =>
    t.fetch(`/api/v1/provider/services/${serviceId}/test`, { method: 'POST', headers: { authorization } });

  it('reports a reachable endpoint with its status', async () => {
    const res = await test(coinSifter);
    expect(res.status).toBe(200);
    const body = await readJson(res);
    expect(body).toEqual({
      service_id: coinSifter,
      endpoint: `${upstreamUrl}/ok`,
      reachable: true,
      latency_ms: expect.any(Number),
      status_code: 204,
      error: '',
    });
  });

  it('reports an endpoint that answers 5xx, or not at all, as unreachable', async () => {
    expect(await readJson(await test(paused))).toMatchObject({ reachable: false, status_code: 503 });
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const dead = await insertService(t.database.db, {
      providerId: provider.ownerId,
      name: 'Dead',
      endpoint: `http://127.0.0.1:${port}/v1`,
    });
    expect(await readJson(await test(dead))).toMatchObject({
      endpoint: `http://127.0.0.1:${port}/v1`,
      reachable: false,
      status_code: 0,
      error: 'Connection refused or unreachable',
    });
  });

  it('refuses to call internal addresses', async () => {
    for (const endpoint of ['http://10.0.0.5/v1', 'http://169.254.169.254/latest', 'http://[::1]:8080/']) {
      const id = await insertService(t.database.db, {
        providerId: provider.ownerId,
        name: 'Inside',
        endpoint,
      });
      const res = await test(id);
      expect(res.status, endpoint).toBe(400);
      expect((await readJson(res)).detail).toMatch(
        /^Endpoint must be a public address: .* is an internal address$/,
      );
    }
  });

  it("refuses another provider's service and buyer keys", async () => {
    const res = await test(othersService);
    expect([res.status, await res.json()]).toEqual([403, { detail: 'Not your service' }]);
    expect((await test(coinSifter, buyer)).status).toBe(403);
  });
});

describe('GET /api/v1/provider/onboarding', () => {
  it('computes the five steps from real data', async () => {
    const body = await readJson(await get('/api/v1/provider/onboarding', provider.authorization));
    expect(body).toMatchObject({
      provider_id: provider.ownerId,
      completed_steps: 5,
      total_steps: 5,
      completion_pct: 100,
    });
    const fresh = await t.issueTestKey('provider');
    await insertService(t.database.db, { providerId: fresh.ownerId, name: 'Draft', status: 'paused' });
    const progress = await readJson(await get('/api/v1/provider/onboarding', fresh.authorization));
    expect(progress).toEqual({
      provider_id: fresh.ownerId,
      steps: {
        create_api_key: { completed: true, label: 'Create API key' },
        register_service: { completed: true, label: 'Register your first service' },
        activate_service: { completed: false, label: 'Activate a service' },
        first_traffic: { completed: false, label: 'Receive first API call' },
        first_settlement: { completed: false, label: 'Complete first settlement' },
      },
      completed_steps: 2,
      total_steps: 5,
      completion_pct: 40,
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertTestAgent, insertTestService, insertTestUsage } from '../reputation/test-usage.js';
import { createTestServer, readJson, type TestServer } from '../test-support/test-server.js';

let t: TestServer;
let serviceId: string;
const providerId = 'provider-rep';
beforeAll(async () => {
  t = await createTestServer({ webhookDelivery: false });
  serviceId = await insertTestService(t.database.db, providerId);
});
afterAll(() => t?.close());

const get = async (path: string) => {
  const res = await t.fetch(path);
  return { status: res.status, body: await readJson(res) };
};

/** 150 calls: 135 answered 200, 9 answered 404, 6 answered 500, all in 850 ms. */
async function referenceUsage(agentId: string, at = new Date(Date.UTC(2026, 2, 10))): Promise<void> {
  for (const [count, statusCode] of [
    [135, 200],
    [9, 404],
    [6, 500],
  ] as const) {
    await insertTestUsage(t.database.db, {
      serviceId,
      providerId,
      agentId,
      count,
      statusCode,
      latencyMs: 850,
      at,
    });
  }
}

const REFERENCE_SCORES = {
  overall_score: 9.23,
  latency_score: 9.15,
  reliability_score: 9,
  response_quality: 9.6,
  call_count: 150,
  confidence: 0.88,
};

describe('GET /api/v1/agents/{agent_id}/reputation', () => {
  it('computes the documented fields (plus confidence) from the usage rows, without a key', async () => {
    const agentId = await insertTestAgent(t.database.db, 'owner-a');
    await referenceUsage(agentId);
    const { status, body } = await get(`/api/v1/agents/${agentId}/reputation`);
    expect(status).toBe(200);
    expect(body).toEqual({ agent_id: agentId, service_id: '', ...REFERENCE_SCORES, period: 'all-time' });
  });

  it('counts only the calls of the requested month, and zero for a month without calls', async () => {
    const agentId = await insertTestAgent(t.database.db, 'owner-b');
    await referenceUsage(agentId, new Date(Date.UTC(2026, 2, 31, 23, 59, 59)));
    await insertTestUsage(t.database.db, {
      serviceId,
      providerId,
      agentId,
      count: 50,
      statusCode: 500,
      at: new Date(Date.UTC(2026, 3, 1)),
    });
    expect((await get(`/api/v1/agents/${agentId}/reputation?period=2026-03`)).body).toEqual({
      agent_id: agentId,
      service_id: '',
      ...REFERENCE_SCORES,
      period: '2026-03',
    });
    expect((await get(`/api/v1/agents/${agentId}/reputation?period=2026-04`)).body.call_count).toBe(50);
    expect((await get(`/api/v1/agents/${agentId}/reputation`)).body.call_count).toBe(200);
    expect((await get(`/api/v1/agents/${agentId}/reputation?period=2025-01`)).body).toMatchObject({
      overall_score: 0,
      call_count: 0,
      confidence: 0,
    });
  });

  it('stores with compute=true, answers the stored record until the next compute, and sends reputation.updated', async () => {
    const owner = await t.issueTestKey('buyer');
    const agentId = await insertTestAgent(t.database.db, owner.ownerId);
    await t.database.db.query(
      `INSERT INTO webhooks (id, owner_id, url, events, secret) VALUES ($1, $2, 'https://hooks.example/r', $3, 'whsec_test_secret_1234')`,
      [`wh-${agentId}`, owner.ownerId, ['reputation.updated']],
    );
    await referenceUsage(agentId);
    const computed = await get(`/api/v1/agents/${agentId}/reputation?compute=true`);
    expect(computed.body).toMatchObject(REFERENCE_SCORES);
    const agent = await t.database.db.one<{ reputation_score: number }>(
      'SELECT reputation_score FROM agents WHERE agent_id = $1',
      [agentId],
    );
    expect(agent?.reputation_score).toBe(9.23);
    const events = () =>
      t.database.db.many<{ body: string }>(
        'SELECT body FROM webhook_outbox WHERE webhook_id = $1 ORDER BY created_at',
        [`wh-${agentId}`],
      );
    const [first] = await events();
    expect(JSON.parse(first!.body)).toMatchObject({
      event: 'reputation.updated',
      payload: {
        agent_id: agentId,
        previous_score: null,
        overall_score: 9.23,
        call_count: 150,
        confidence: 0.88,
      },
      webhook_id: `wh-${agentId}`,
    });
    // Unchanged usage: stored again, but no event.
    await get(`/api/v1/agents/${agentId}/reputation?compute=1`);
    expect(await events()).toHaveLength(1);
    await insertTestUsage(t.database.db, {
      serviceId,
      providerId,
      agentId,
      count: 150,
      statusCode: 500,
      latencyMs: 850,
    });
    expect((await get(`/api/v1/agents/${agentId}/reputation`)).body.call_count).toBe(150);
    expect((await get(`/api/v1/agents/${agentId}/reputation?compute=true`)).body.call_count).toBe(300);
    expect((await get(`/api/v1/agents/${agentId}/reputation?compute=false`)).body.call_count).toBe(300);
    const all = await events();
    expect(all).toHaveLength(2);
    expect(JSON.parse(all[1]!.body).payload).toMatchObject({ previous_score: 9.23, call_count: 300 });
  });

  it('answers 404 for an unknown agent and 400 for a bad period or compute flag', async () => {
    expect(await get('/api/v1/agents/nobody/reputation')).toEqual({
      status: 404,
      body: { detail: 'Agent not found' },
    });
    const agentId = await insertTestAgent(t.database.db, 'owner-c');
    for (const query of ['period=2026-13', 'period=2026-3', 'period=forever', 'compute=maybe']) {
      const { status, body } = await get(`/api/v1/agents/${agentId}/reputation?${query}`);
      expect(status, query).toBe(400);
      expect(body.detail).toMatch(/^query\.(period|compute)/);
    }
  });
});

describe('GET /api/v1/services/{service_id}/reputation', () => {
  it('lists one record per agent that called through the service, for the period', async () => {
    const otherService = await insertTestService(t.database.db, 'provider-svc');
    const [a, b] = [await insertTestAgent(t.database.db, 'o1'), await insertTestAgent(t.database.db, 'o2')];
    const at = new Date(Date.UTC(2026, 4, 2));
    await insertTestUsage(t.database.db, {
      serviceId: otherService,
      providerId: 'provider-svc',
      agentId: a,
      count: 4,
      at,
    });
    await insertTestUsage(t.database.db, {
      serviceId: otherService,
      providerId: 'provider-svc',
      agentId: b,
      count: 2,
      statusCode: 500,
      at,
    });
    const { status, body } = await get(`/api/v1/services/${otherService}/reputation?period=2026-05`);
    expect(status).toBe(200);
    expect(body.service_id).toBe(otherService);
    expect(body.period).toBe('2026-05');
    expect(body.records).toHaveLength(2);
    const byAgent = Object.fromEntries(body.records.map((r: { agent_id: string }) => [r.agent_id, r]));
    expect(byAgent[a]).toEqual({
      agent_id: a,
      overall_score: 9.97,
      latency_score: 9.9,
      reliability_score: 10,
      response_quality: 10,
      call_count: 4,
      confidence: 0.17,
    });
    expect(byAgent[b]).toMatchObject({ reliability_score: 0, response_quality: 0, call_count: 2 });
    expect((await get(`/api/v1/services/${otherService}/reputation?period=2026-06`)).body.records).toEqual(
      [],
    );
  });

  it('stores records with compute=true and tells the provider', async () => {
    const provider = await t.issueTestKey('provider');
    const svc = await insertTestService(t.database.db, provider.ownerId);
    await t.database.db.query(
      `INSERT INTO webhooks (id, owner_id, url, events, secret) VALUES ($1, $2, 'https://hooks.example/p', $3, 'whsec_test_secret_1234')`,
      [`wh-${svc}`, provider.ownerId, ['reputation.updated']],
    );
    const agentId = await insertTestAgent(t.database.db, 'o3');
    await insertTestUsage(t.database.db, { serviceId: svc, providerId: provider.ownerId, agentId, count: 3 });
    const { body } = await get(`/api/v1/services/${svc}/reputation?compute=true`);
    expect(body.records.map((r: { call_count: number }) => r.call_count)).toEqual([3]);
    const stored = await t.database.db.many('SELECT * FROM reputation_records WHERE service_id = $1', [svc]);
    expect(stored).toHaveLength(1);
    const queued = await t.database.db.many('SELECT 1 FROM webhook_outbox WHERE webhook_id = $1', [
      `wh-${svc}`,
    ]);
    expect(queued).toHaveLength(1);
  });

  it('answers 404 for an unknown service', async () => {
    expect(await get('/api/v1/services/svc-nope/reputation')).toEqual({
      status: 404,
      body: { detail: 'Service not found' },
    });
  });
});

describe('GET /api/v1/reputation/leaderboard', () => {
  it('ranks by confidence-weighted score: 3 perfect calls stay below 3,000 good ones', async () => {
    const db = t.database.db;
    const few = await insertTestAgent(db, 'lb-1', 'Three Perfect Calls');
    const many = await insertTestAgent(db, 'lb-2', 'Three Thousand Calls');
    const gone = await insertTestAgent(db, 'lb-3', 'Suspended', 'suspended');
    await db.query('UPDATE agents SET verified = true WHERE agent_id = $1', [many]);
    await insertTestUsage(db, {
      serviceId,
      providerId,
      agentId: few,
      count: 3,
      statusCode: 200,
      latencyMs: 0,
    });
    await insertTestUsage(db, {
      serviceId,
      providerId,
      agentId: many,
      count: 2850,
      statusCode: 200,
      latencyMs: 500,
    });
    await insertTestUsage(db, {
      serviceId,
      providerId,
      agentId: many,
      count: 150,
      statusCode: 503,
      latencyMs: 500,
    });
    await insertTestUsage(db, {
      serviceId,
      providerId,
      agentId: gone,
      count: 500,
      statusCode: 200,
      latencyMs: 0,
    });
    const { status, body } = await get('/api/v1/reputation/leaderboard?limit=100');
    expect(status).toBe(200);
    expect(body.count).toBe(body.leaderboard.length);
    const ours = body.leaderboard.filter((e: { agent_id: string }) => [few, many, gone].includes(e.agent_id));
    expect(ours).toEqual([
      {
        agent_id: many,
        display_name: 'Three Thousand Calls',
        reputation_score: 9.5,
        verified: true,
        confidence: 0.99,
      },
      {
        agent_id: few,
        display_name: 'Three Perfect Calls',
        reputation_score: 10,
        verified: false,
        confidence: 0.13,
      },
    ]);
    const top = await get('/api/v1/reputation/leaderboard?limit=1');
    expect(top.body.count).toBe(1);
    expect((await get('/api/v1/reputation/leaderboard?limit=0')).status).toBe(400);
    expect((await get('/api/v1/reputation/leaderboard?limit=101')).status).toBe(400);
  });
});

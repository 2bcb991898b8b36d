import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendJson } from '../catalog/send-json.js';
import { createTestServer, readJson, type TestKey, type TestServer } from '../test-support/test-server.js';

let t: TestServer;
let owner: TestKey;
beforeAll(async () => {
  t = await createTestServer();
  owner = await t.issueTestKey('buyer');
});
afterAll(() => t?.close());

const send = sendJson(() => t);

const WALLET = '0x1234567890abcdef1234567890abcdef12345678';

async function registerAgent(body: Record<string, unknown> = {}, authorization = owner.authorization) {
  const res = await send('POST', '/api/v1/agents', { display_name: 'My AI Agent', ...body }, authorization);
  expect(res.status).toBe(201);
  return readJson(res);
}

describe('POST /api/v1/agents', () => {
  it('registers an agent with the documented shape and defaults', async () => {
    const agent = await registerAgent({ capabilities: ['nlp', 'inference'], wallet_address: WALLET });
    expect(agent).toEqual({
      agent_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      display_name: 'My AI Agent',
      identity_type: 'api_key_only',
      capabilities: ['nlp', 'inference'],
      wallet_address: WALLET,
      verified: false,
      reputation_score: 0,
      status: 'active',
      metadata: {},
      owner_id: owner.ownerId,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    const bare = await registerAgent({ identity_type: 'did_vc', metadata: { a: 1 } });
    expect(bare).toMatchObject({
      capabilities: [],
      wallet_address: null,
      identity_type: 'did_vc',
      metadata: { a: 1 },
    });
  });

  it('answers 400 for a bad wallet, identity type or missing name, and 401 without a key', async () => {
    for (const [body, field] of [
      [{ wallet_address: '0x123' }, 'body.wallet_address'],
      [{ wallet_address: `${WALLET}00` }, 'body.wallet_address'],
      [{ identity_type: 'passport' }, 'body.identity_type'],
      [{ display_name: '' }, 'body.display_name'],
      [{ capabilities: 'nlp' }, 'body.capabilities'],
    ] as const) {
      const res = await send('POST', '/api/v1/agents', { display_name: 'x', ...body }, owner.authorization);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await readJson(res)).detail).toContain(field);
    }
    expect((await send('POST', '/api/v1/agents', { display_name: 'x' })).status).toBe(401);
  });
});

describe('GET /api/v1/agents, /search and /{agent_id}', () => {
  it('lists by status, searches by name or id, and gets one without owner_id', async () => {
    const name = `Finder ${Math.random().toString(36).slice(2, 8)}`;
    const a = await registerAgent({ display_name: name });
    const b = await registerAgent({ display_name: `${name} two` });
    await send('DELETE', `/api/v1/agents/${b.agent_id}`, undefined, owner.authorization);

    const list = await readJson(await t.fetch('/api/v1/agents?limit=100'));
    const ids = list.agents.map((x: { agent_id: string }) => x.agent_id);
    expect(ids).toContain(a.agent_id);
    expect(ids).not.toContain(b.agent_id);
    expect(list.agents[0].owner_id).toBeUndefined();
    const gone = await readJson(await t.fetch('/api/v1/agents?status=deactivated'));
    expect(gone.agents.map((x: { agent_id: string }) => x.agent_id)).toContain(b.agent_id);

    const byName = await readJson(
      await t.fetch(`/api/v1/agents/search?q=${encodeURIComponent(name.toUpperCase())}`),
    );
    expect(byName).toEqual({ agents: [expect.objectContaining({ agent_id: a.agent_id })], count: 1 });
    const byId = await readJson(await t.fetch(`/api/v1/agents/search?q=${a.agent_id}`));
    expect(byId.agents[0].agent_id).toBe(a.agent_id);
    expect((await readJson(await t.fetch('/api/v1/agents/search?q=%25_%25'))).count).toBe(0);
    expect((await t.fetch('/api/v1/agents/search?limit=101')).status).toBe(400);

    const one = await t.fetch(`/api/v1/agents/${a.agent_id}`);
    expect(one.status).toBe(200);
    const body = await readJson(one);
    expect(body.display_name).toBe(name);
    expect(body).not.toHaveProperty('owner_id');
    expect((await t.fetch('/api/v1/agents/missing')).status).toBe(404);
  });
});

describe('PATCH and DELETE /api/v1/agents/{agent_id}', () => {
  it('lets the owner update and deactivate, and nobody else', async () => {
    const agent = await registerAgent();
    const stranger = await t.createKey('provider');
    const admin = await t.createKey('admin');
    for (const key of [stranger, admin]) {
      const res = await send('PATCH', `/api/v1/agents/${agent.agent_id}`, { display_name: 'Hijack' }, key);
      expect(res.status).toBe(403);
      expect(await readJson(res)).toEqual({ detail: 'Not your agent' });
      expect((await send('DELETE', `/api/v1/agents/${agent.agent_id}`, undefined, key)).status).toBe(403);
    }
    expect((await send('PATCH', `/api/v1/agents/${agent.agent_id}`, { display_name: 'x' })).status).toBe(401);
    expect(
      (await send('PATCH', '/api/v1/agents/missing', { display_name: 'x' }, owner.authorization)).status,
    ).toBe(404);
    const bad = await send(
      'PATCH',
      `/api/v1/agents/${agent.agent_id}`,
      { status: 'gone' },
      owner.authorization,
    );
    expect(bad.status).toBe(400);

    const res = await send(
      'PATCH',
      `/api/v1/agents/${agent.agent_id}`,
      {
        display_name: 'Renamed',
        capabilities: ['sql'],
        wallet_address: null,
        status: 'suspended',
        metadata: { v: 2 },
      },
      owner.authorization,
    );
    expect(res.status).toBe(200);
    expect(await readJson(res)).toMatchObject({
      display_name: 'Renamed',
      capabilities: ['sql'],
      wallet_address: null,
      status: 'suspended',
      metadata: { v: 2 },
      owner_id: owner.ownerId,
    });

    const del = await send('DELETE', `/api/v1/agents/${agent.agent_id}`, undefined, owner.authorization);
    expect(del.status).toBe(200);
    expect(await readJson(del)).toEqual({ status: 'deactivated', agent_id: agent.agent_id });
    expect((await readJson(await t.fetch(`/api/v1/agents/${agent.agent_id}`))).status).toBe('deactivated');
  });
});

describe('POST /api/v1/agents/{agent_id}/verify', () => {
  it('is for admins only', async () => {
    const agent = await registerAgent();
    expect((await send('POST', `/api/v1/agents/${agent.agent_id}/verify`)).status).toBe(401);
    expect(
      (await send('POST', `/api/v1/agents/${agent.agent_id}/verify`, undefined, owner.authorization)).status,
    ).toBe(403);
    const admin = await t.createKey('admin');
    const res = await send('POST', `/api/v1/agents/${agent.agent_id}/verify`, undefined, admin);
    expect(res.status).toBe(200);
    expect(await readJson(res)).toMatchObject({ agent_id: agent.agent_id, verified: true });
    expect((await send('POST', '/api/v1/agents/missing/verify', undefined, admin)).status).toBe(404);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, readJson, type TestServer } from '../test-support/test-server.js';

let t: TestServer;
beforeAll(async () => {
  t = await createTestServer();
});
afterAll(() => t?.close());

function post(path: string, body: unknown, authorization?: string): Promise<Response> {
  return t.fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(body),
  });
}

const createKeyAs = (body: unknown, authorization?: string) => post('/api/v1/keys', body, authorization);

const unique = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 10)}`;

describe('POST /api/v1/keys', () => {
  it('creates a buyer key without authentication, with the documented shape and defaults', async () => {
    const res = await createKeyAs({ owner_id: unique('agent') });
    expect(res.status).toBe(201);
    const body = await readJson(res);
    expect(body).toEqual({
      key_id: expect.stringMatching(/^acf_[0-9a-f]{16}$/),
      secret: expect.stringMatching(/^sec_[\w-]{43}$/),
      role: 'buyer',
      rate_limit: 60,
      message: 'Save the secret — it cannot be retrieved again.',
    });
    const valid = await post('/api/v1/keys/validate', { key_id: body.key_id, secret: body.secret });
    expect(valid.status).toBe(200);
    expect(await valid.json()).toMatchObject({ valid: true, role: 'buyer', rate_limit: 60 });
  });

  it('refuses a provider key without a key (401) and for another owner (403)', async () => {
    expect((await createKeyAs({ owner_id: unique('p'), role: 'provider' })).status).toBe(401);
    const buyer = await t.issueTestKey('buyer');
    const other = await createKeyAs({ owner_id: unique('p'), role: 'provider' }, buyer.authorization);
    expect(other.status).toBe(403);
    expect(await other.json()).toEqual({ detail: expect.stringContaining('own owner_id') });
  });

  it('lets an authenticated owner add a provider key for itself, and an admin for anyone', async () => {
    const buyer = await t.issueTestKey('buyer');
    const own = await createKeyAs({ owner_id: buyer.ownerId, role: 'provider' }, buyer.authorization);
    expect(own.status).toBe(201);
    expect((await readJson(own)).role).toBe('provider');
    const admin = await t.createKey('admin');
    const forOther = await createKeyAs({ owner_id: unique('p'), role: 'provider', rate_limit: 5 }, admin);
    expect(forOther.status).toBe(201);
    expect(await forOther.json()).toMatchObject({ role: 'provider', rate_limit: 5 });
  });

  it('creates admin keys only for admin callers', async () => {
    const provider = await t.issueTestKey('provider');
    const refused = await createKeyAs({ owner_id: provider.ownerId, role: 'admin' }, provider.authorization);
    expect(refused.status).toBe(403);
    expect((await createKeyAs({ owner_id: unique('a'), role: 'admin' })).status).toBe(401);
    const admin = await t.createKey('admin');
    expect((await createKeyAs({ owner_id: unique('a'), role: 'admin' }, admin)).status).toBe(201);
  });

  it('does not let anyone take over an existing owner_id without its key', async () => {
    const victim = await t.issueTestKey('provider');
    const takeover = await createKeyAs({ owner_id: victim.ownerId });
    expect(takeover.status).toBe(403);
    const stranger = await t.createKey('buyer');
    expect((await createKeyAs({ owner_id: victim.ownerId }, stranger)).status).toBe(403);
    expect((await createKeyAs({ owner_id: victim.ownerId }, victim.authorization)).status).toBe(201);
  });

  it('answers 400 with a detail for bad input', async () => {
    const res = await createKeyAs({ owner_id: '', role: 'king', rate_limit: 1.5 });
    expect(res.status).toBe(400);
    const body = await readJson(res);
    expect(body.detail).toContain('body.owner_id');
    expect(body.detail).toContain('body.role');
    expect(body.errors.map((e: { loc: string[] }) => e.loc.join('.'))).toEqual([
      'body.owner_id',
      'body.role',
      'body.rate_limit',
    ]);
  });
});

describe('POST /api/v1/keys/validate', () => {
  it('answers 401 for a wrong secret, an unknown key and a revoked key', async () => {
    const key = await t.issueTestKey('buyer');
    const wrong = await post('/api/v1/keys/validate', { key_id: key.keyId, secret: `${key.secret}x` });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ detail: 'Invalid credentials' });
    expect(
      (await post('/api/v1/keys/validate', { key_id: 'acf_0000000000000000', secret: 'x' })).status,
    ).toBe(401);
    await t.database.db.query('UPDATE api_keys SET revoked_at = now() WHERE key_id = $1', [key.keyId]);
    expect((await post('/api/v1/keys/validate', { key_id: key.keyId, secret: key.secret })).status).toBe(401);
  });
});

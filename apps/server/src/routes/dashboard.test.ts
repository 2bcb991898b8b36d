import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertService, insertUsage } from '../analytics/test-fixtures.js';
import { createTestServer, type TestKey, type TestServer } from '../test-support/test-server.js';

let t: TestServer;
let admin: TestKey;

beforeAll(async () => {
  t = await createTestServer({ now: () => Date.parse('2026-03-19T15:30:00Z') });
  admin = await t.issueTestKey('admin');
  const service = await insertService(t.database.db, {
    providerId: 'provider-1',
    name: 'Sentiment <Analysis>',
  });
  await insertUsage(t.database.db, {
    serviceId: service,
    providerId: 'provider-1',
    buyerId: 'buyer-1',
    amountUnits: 1_250_000n,
    createdAt: new Date('2026-03-19T10:00:00Z'),
  });
});

afterAll(async () => {
  await t?.close();
});

const dashboard = (query = '', headers: Record<string, string> = {}) =>
  t.fetch(`/admin/dashboard${query}`, { headers });

function expectSafeHeaders(res: Response): void {
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'sha256-/);
  expect(res.headers.get('content-type')).toMatch(/^text\/html/);
}

describe('GET /admin/dashboard', () => {
  it('renders for an admin key in the query, without echoing it', async () => {
    const res = await dashboard(`?key=${admin.keyId}:${admin.secret}`);
    expect(res.status).toBe(200);
    expectSafeHeaders(res);
    const html = await res.text();
    expect(html).toContain('data-stat="total_revenue_usd"><span class="value">$1.25</span>');
    expect(html).toContain('Sentiment &lt;Analysis&gt;');
    expect(html.match(/<rect class="bar"/g)).toHaveLength(7);
    expect(html).not.toContain(admin.secret);
    expect(html).not.toContain(admin.keyId);
  });

  it('renders for an admin key in the Authorization header', async () => {
    const res = await dashboard('', { authorization: admin.authorization });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Tollway marketplace — admin dashboard');
  });

  it('answers a small HTML 401 page without a key or with a wrong one', async () => {
    for (const [query, headers] of [
      ['', {}],
      [`?key=${admin.keyId}:wrong-secret`, {}],
      ['?key=garbage', {}],
      ['', { authorization: `Bearer ${admin.keyId}:wrong` }],
    ] as const) {
      const res = await dashboard(query, headers);
      expect(res.status, query).toBe(401);
      expectSafeHeaders(res);
      const html = await res.text();
      expect(html).toContain('401');
      expect(html).not.toContain('wrong');
      expect(html).not.toContain(admin.keyId);
    }
  });

  it('answers 403 to provider and buyer keys and 401 to a revoked admin key', async () => {
    for (const role of ['provider', 'buyer'] as const) {
      const key = await t.issueTestKey(role);
      const res = await dashboard(`?key=${key.keyId}:${key.secret}`);
      expect(res.status, role).toBe(403);
      expectSafeHeaders(res);
      expect(await res.text()).toContain('needs an admin API key');
    }
    const revoked = await t.issueTestKey('admin');
    await t.database.db.query('UPDATE api_keys SET revoked_at = now() WHERE key_id = $1', [revoked.keyId]);
    expect((await dashboard(`?key=${revoked.keyId}:${revoked.secret}`)).status).toBe(401);
  });

  it("rate-limits a query key by the key's own limit", async () => {
    const limited = await t.issueTestKey('admin', { rateLimit: 1 });
    const query = `?key=${limited.keyId}:${limited.secret}`;
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push((await dashboard(query)).status);
    expect(answers).toContain(429);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendJson } from '../catalog/send-json.js';
import { createTestServer, readJson, type TestKey, type TestServer } from '../test-support/test-server.js';

let t: TestServer;
let provider: TestKey;
beforeAll(async () => {
  t = await createTestServer({ allowInternalHosts: ['127.0.0.1'] });
  provider = await t.issueTestKey('provider');
});
afterAll(() => t?.close());

const send = sendJson(() => t);

const sentiment = {
  name: 'Sentiment Analysis API',
  description: 'Analyze text sentiment with confidence scores',
  endpoint: 'https://my-api.example.com/v1',
  price_per_call: '0.05',
  category: 'ai',
  tags: ['nlp', 'sentiment'],
  payment_method: 'x402',
  free_tier_calls: 50,
};

async function register(body: Record<string, unknown> = sentiment, authorization = provider.authorization) {
  const res = await send('POST', '/api/v1/services', body, authorization);
  expect(res.status).toBe(201);
  return readJson(res);
}

describe('POST /api/v1/services', () => {
  it('registers a service with the documented shape, price text kept exactly', async () => {
    const service = await register({ ...sentiment, price_per_call: '0.050' });
    expect(service).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      provider_id: provider.ownerId,
      name: 'Sentiment Analysis API',
      description: 'Analyze text sentiment with confidence scores',
      pricing: { price_per_call: '0.050', currency: 'USDC', payment_method: 'x402', free_tier_calls: 50 },
      status: 'active',
      category: 'ai',
      tags: ['nlp', 'sentiment'],
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    const row = await t.database.db.one<{ price_units: bigint; endpoint: string }>(
      'SELECT price_units, endpoint FROM services WHERE id = $1',
      [service.id],
    );
    expect(row).toEqual({ price_units: 50_000n, endpoint: 'https://my-api.example.com/v1' });
  });

  it('applies the documented defaults', async () => {
    const service = await register({
      name: 'Bare',
      endpoint: 'http://bare.example.com',
      price_per_call: '1',
    });
    expect(service).toMatchObject({
      description: '',
      category: '',
      tags: [],
      pricing: { price_per_call: '1', payment_method: 'x402', free_tier_calls: 0, currency: 'USDC' },
    });
  });

  it('accepts every documented payment method and prepaid', async () => {
    for (const method of ['x402', 'paypal', 'nowpayments', 'prepaid']) {
      const service = await register({ ...sentiment, payment_method: method });
      expect(service.pricing.payment_method).toBe(method);
    }
  });

  it('answers 400 for bad prices, endpoints and payment methods', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ price_per_call: 0.05 }, 'body.price_per_call'],
      [{ price_per_call: '-1' }, 'body.price_per_call'],
      [{ price_per_call: '0.0000001' }, 'body.price_per_call'],
      [{ price_per_call: '10000.01' }, 'body.price_per_call'],
      [{ endpoint: 'ftp://files.example.com' }, 'body.endpoint'],
      [{ endpoint: 'http://169.254.169.254/latest' }, 'body.endpoint'],
      [{ endpoint: 'http://10.0.0.1/' }, 'body.endpoint'],
      [{ endpoint: 'https://user:pw@example.com/' }, 'body.endpoint'],
      [{ payment_method: 'stripe' }, 'body.payment_method'],
      [{ free_tier_calls: -1 }, 'body.free_tier_calls'],
      [{ name: '' }, 'body.name'],
    ];
    for (const [change, field] of cases) {
      const res = await send('POST', '/api/v1/services', { ...sentiment, ...change }, provider.authorization);
      expect(res.status, JSON.stringify(change)).toBe(400);
      expect((await readJson(res)).detail).toContain(field);
    }
  });

  it('allows an internal endpoint on the allow-list', async () => {
    const service = await register({ ...sentiment, endpoint: 'http://127.0.0.1:9/x' });
    expect(service.status).toBe('active');
  });

  it('needs a provider or admin key', async () => {
    expect((await send('POST', '/api/v1/services', sentiment)).status).toBe(401);
    expect((await send('POST', '/api/v1/services', sentiment, await t.createKey('buyer'))).status).toBe(403);
    const admin = await t.issueTestKey('admin');
    expect((await register(sentiment, admin.authorization)).provider_id).toBe(admin.ownerId);
  });
});

describe('GET /api/v1/services', () => {
  it('lists active services, filters by text and category, and pages', async () => {
    const owner = await t.issueTestKey('provider');
    const category = `cat-${owner.ownerId}`;
    const a = await register({ ...sentiment, name: 'Zebra translator', category }, owner.authorization);
    const b = await register(
      { ...sentiment, name: 'Other', description: 'has ZEBRA inside', category },
      owner.authorization,
    );
    await register({ ...sentiment, name: 'Unrelated', category }, owner.authorization);
    const paused = await register({ ...sentiment, name: 'Zebra paused', category }, owner.authorization);
    await send('PATCH', `/api/v1/services/${paused.id}`, { status: 'paused' }, owner.authorization);

    const found = await readJson(await t.fetch(`/api/v1/services?query=zebra&category=${category}`));
    expect(found.services.map((s: { id: string }) => s.id).sort()).toEqual([a.id, b.id].sort());
    expect(found).toMatchObject({ count: 2, offset: 0, limit: 50 });

    const pausedOnly = await readJson(await t.fetch(`/api/v1/services?status=paused&category=${category}`));
    expect(pausedOnly.services.map((s: { id: string }) => s.id)).toEqual([paused.id]);

    const page = await readJson(await t.fetch(`/api/v1/services?category=${category}&limit=2&offset=2`));
    expect(page).toMatchObject({ count: 1, offset: 2, limit: 2 });
  });

  it('treats LIKE wildcards in the query literally', async () => {
    const res = await readJson(await t.fetch('/api/v1/services?query=%25%25'));
    expect(res.count).toBe(0);
  });

  it('answers 400 for a bad status or limit', async () => {
    expect((await t.fetch('/api/v1/services?status=gone')).status).toBe(400);
    expect((await t.fetch('/api/v1/services?limit=0')).status).toBe(400);
    expect((await t.fetch('/api/v1/services?limit=101')).status).toBe(400);
  });
});

describe('GET /api/v1/services/{service_id}', () => {
  it('returns the service or 404', async () => {
    const service = await register();
    const res = await t.fetch(`/api/v1/services/${service.id}`);
    expect(res.status).toBe(200);
    expect(await readJson(res)).toEqual(service);
    const missing = await t.fetch('/api/v1/services/nope');
    expect(missing.status).toBe(404);
    expect(await readJson(missing)).toEqual({ detail: 'Service not found' });
  });
});

describe('PATCH /api/v1/services/{service_id}', () => {
  it('updates the owner’s service, keeping the new price text', async () => {
    const service = await register();
    const res = await send(
      'PATCH',
      `/api/v1/services/${service.id}`,
      { price_per_call: '0.10', tags: ['x'], name: 'Renamed', status: 'paused' },
      provider.authorization,
    );
    expect(res.status).toBe(200);
    const updated = await readJson(res);
    expect(updated).toMatchObject({
      name: 'Renamed',
      tags: ['x'],
      status: 'paused',
      description: sentiment.description,
    });
    expect(updated.pricing.price_per_call).toBe('0.10');
    const row = await t.database.db.one<{ price_units: bigint }>(
      'SELECT price_units FROM services WHERE id = $1',
      [service.id],
    );
    expect(row?.price_units).toBe(100_000n);
  });

  it('refuses another provider (403 Not your service), buyers, missing services and bad input', async () => {
    const service = await register();
    const other = await t.createKey('provider');
    const res = await send('PATCH', `/api/v1/services/${service.id}`, { name: 'Mine now' }, other);
    expect(res.status).toBe(403);
    expect(await readJson(res)).toEqual({ detail: 'Not your service' });
    const admin = await t.createKey('admin');
    expect((await send('PATCH', `/api/v1/services/${service.id}`, { name: 'x' }, admin)).status).toBe(403);
    expect(
      (await send('PATCH', `/api/v1/services/${service.id}`, { name: 'x' }, await t.createKey('buyer')))
        .status,
    ).toBe(403);
    expect((await send('PATCH', `/api/v1/services/${service.id}`, { name: 'x' })).status).toBe(401);
    expect(
      (await send('PATCH', '/api/v1/services/missing', { name: 'x' }, provider.authorization)).status,
    ).toBe(404);
    const bad = await send(
      'PATCH',
      `/api/v1/services/${service.id}`,
      { endpoint: 'http://[::1]/' },
      provider.authorization,
    );
    expect(bad.status).toBe(400);
    expect((await readJson(await t.fetch(`/api/v1/services/${service.id}`))).name).toBe(sentiment.name);
  });
});

describe('DELETE /api/v1/services/{service_id}', () => {
  it('soft-deletes the owner’s service', async () => {
    const service = await register();
    const other = await t.createKey('provider');
    expect((await send('DELETE', `/api/v1/services/${service.id}`, undefined, other)).status).toBe(403);
    const res = await send('DELETE', `/api/v1/services/${service.id}`, undefined, provider.authorization);
    expect(res.status).toBe(200);
    expect(await readJson(res)).toEqual({ status: 'removed', id: service.id });
    expect((await readJson(await t.fetch(`/api/v1/services/${service.id}`))).status).toBe('removed');
    const removed = await readJson(await t.fetch('/api/v1/services?status=removed&limit=100'));
    expect(removed.services.map((s: { id: string }) => s.id)).toContain(service.id);
    expect((await send('DELETE', '/api/v1/services/missing', undefined, provider.authorization)).status).toBe(
      404,
    );
  });
});

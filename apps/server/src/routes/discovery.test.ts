import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendJson } from '../catalog/send-json.js';
import { createTestServer, readJson, type TestKey, type TestServer } from '../test-support/test-server.js';

let t: TestServer;
let provider: TestKey;
const send = sendJson(() => t);
const NOW = Date.parse('2026-03-19T10:00:00Z');
const DAY = 86_400_000;
const ids: Record<string, string> = {};

const base = { endpoint: 'https://svc.example.com', price_per_call: '0.05' };
const SERVICES = {
  sentiment: {
    ...base,
    name: 'Sentiment Analysis API',
    description: 'Analyze text sentiment with confidence scores',
    category: 'ai',
    tags: ['nlp', 'sentiment'],
    free_tier_calls: 50,
  },
  translate: {
    ...base,
    name: 'Translator',
    description: 'Translates documents between languages',
    category: 'ai',
    tags: ['nlp', 'translation'],
    price_per_call: '0.10',
    payment_method: 'paypal',
  },
  prices: {
    ...base,
    name: 'Crypto prices',
    description: 'Market data for tokens',
    category: 'data',
    tags: ['crypto'],
    price_per_call: '0.000001',
  },
  images: {
    ...base,
    name: 'Image captions',
    description: 'Captions for images',
    category: 'content',
    price_per_call: '1',
  },
  paused: { ...base, name: 'Paused sentiment', description: 'sentiment', category: 'ai' },
};

async function usage(
  service: string,
  count: number,
  opts: { latency?: number; agent?: string; daysAgo?: number } = {},
) {
  for (let i = 0; i < count; i++) {
    await t.database.db.query(
      `INSERT INTO usage_records (id, buyer_key_id, buyer_id, service_id, provider_id, agent_id, latency_ms,
                                  status_code, success, payment_method, created_at)
       VALUES ($1, 'k', $2, $3, $4, $5, $6, 200, true, 'x402', $7)`,
      [
        randomUUID(),
        opts.agent ?? 'buyer-x',
        ids[service]!,
        provider.ownerId,
        opts.agent ?? null,
        opts.latency ?? 100,
        new Date(NOW - (opts.daysAgo ?? 1) * DAY),
      ],
    );
  }
}

beforeAll(async () => {
  t = await createTestServer({ now: () => NOW });
  provider = await t.issueTestKey('provider');
  for (const [name, body] of Object.entries(SERVICES)) {
    const res = await send('POST', '/api/v1/services', body, provider.authorization);
    expect(res.status).toBe(201);
    ids[name] = (await readJson(res)).id;
  }
  await send('PATCH', `/api/v1/services/${ids.paused}`, { status: 'paused' }, provider.authorization);
});
afterAll(() => t?.close());

async function discover(
  query: string,
): Promise<{ names: string[]; total: number; body: Record<string, unknown> }> {
  const res = await t.fetch(`/api/v1/discover?${query}`);
  expect(res.status, query).toBe(200);
  const body = await readJson(res);
  return { names: body.services.map((s: { name: string }) => s.name), total: body.total, body };
}

describe('GET /api/v1/discover', () => {
  it('searches name, tags and description with stemming, active services only', async () => {
    expect((await discover('q=sentiment')).names).toEqual(['Sentiment Analysis API']);
    expect((await discover('q=analyzing')).names).toEqual(['Sentiment Analysis API']);
    expect((await discover('q=translation')).names).toEqual(['Translator']);
    expect((await discover('q=tokens')).names).toEqual(['Crypto prices']);
    expect((await discover(`q=${encodeURIComponent('nlp -sentiment')}`)).names).toEqual(['Translator']);
    expect((await discover('q=nothing-like-this')).total).toBe(0);
  });

  it('filters by category, all tags, exact prices, payment method and free tier', async () => {
    expect((await discover('category=ai&sort_by=name')).names).toEqual([
      'Sentiment Analysis API',
      'Translator',
    ]);
    expect((await discover('tags=nlp,sentiment')).names).toEqual(['Sentiment Analysis API']);
    expect((await discover('tags=nlp&sort_by=name')).names).toEqual(['Sentiment Analysis API', 'Translator']);
    expect((await discover('max_price=0.000001')).names).toEqual(['Crypto prices']);
    expect((await discover('min_price=0.05&max_price=0.1&sort_by=price')).names).toEqual([
      'Sentiment Analysis API',
      'Translator',
    ]);
    expect((await discover('min_price=0.100001')).names).toEqual(['Image captions']);
    expect((await discover('payment_method=paypal')).names).toEqual(['Translator']);
    expect((await discover('has_free_tier=true')).names).toEqual(['Sentiment Analysis API']);
    expect((await discover('has_free_tier=false')).total).toBe(3);
  });

  it('sorts, pages and reports the total', async () => {
    const byPrice = await discover('sort_by=price');
    expect(byPrice.names).toEqual([
      'Crypto prices',
      'Sentiment Analysis API',
      'Translator',
      'Image captions',
    ]);
    const page = await discover('sort_by=price&limit=2&offset=1');
    expect(page.names).toEqual(['Sentiment Analysis API', 'Translator']);
    expect(page.body).toMatchObject({ total: 4, offset: 1, limit: 2 });
    expect((await discover('q=sentiment analysis&sort_by=relevance')).names[0]).toBe(
      'Sentiment Analysis API',
    );
  });

  it('answers 400 for bad prices, sorts, methods and limits', async () => {
    for (const q of [
      'min_price=abc',
      'max_price=-1',
      'min_price=0.0000001',
      'sort_by=rating',
      'payment_method=stripe',
      'limit=0',
      'has_free_tier=maybe',
    ]) {
      const res = await t.fetch(`/api/v1/discover?${q}`);
      expect(res.status, q).toBe(400);
      expect((await readJson(res)).detail).toEqual(expect.any(String));
    }
  });
});

describe('GET /api/v1/discover/categories', () => {
  it('counts active services per category, largest first', async () => {
    const body = await readJson(await t.fetch('/api/v1/discover/categories'));
    expect(body).toEqual({
      categories: [
        { category: 'ai', count: 2 },
        { category: 'content', count: 1 },
        { category: 'data', count: 1 },
      ],
    });
  });
});

describe('GET /api/v1/discover/trending and /recommendations', () => {
  beforeAll(async () => {
    await usage('prices', 3, { latency: 100, agent: 'agent-data' });
    await usage('prices', 1, { latency: 201 });
    await usage('translate', 2, { latency: 50 });
    await usage('images', 9, { daysAgo: 30 });
    await usage('paused', 5);
  });

  it('ranks active services by recent calls with their average latency', async () => {
    const body = await readJson(await t.fetch('/api/v1/discover/trending'));
    expect(
      body.trending.map((x: { service: { name: string }; call_count: number; avg_latency_ms: number }) => [
        x.service.name,
        x.call_count,
        x.avg_latency_ms,
      ]),
    ).toEqual([
      ['Crypto prices', 4, 125.3],
      ['Translator', 2, 50],
    ]);
    expect(body.count).toBe(2);
    const wide = await readJson(await t.fetch('/api/v1/discover/trending?days=31&limit=1'));
    expect(wide.trending.map((x: { service: { name: string } }) => x.service.name)).toEqual([
      'Image captions',
    ]);
    expect((await t.fetch('/api/v1/discover/trending?limit=0')).status).toBe(400);
  });

  it('recommends unused services in the categories an agent uses, then by capability and popularity', async () => {
    await t.database.db.query(
      `INSERT INTO agents (agent_id, owner_id, display_name, capabilities) VALUES ('agent-nlp', 'o', 'N', '{nlp}')`,
    );
    const newcomer = await readJson(await t.fetch('/api/v1/discover/recommendations/agent-nlp?limit=2'));
    expect(newcomer.recommendations.map((s: { name: string }) => s.name)).toEqual([
      'Translator',
      'Sentiment Analysis API',
    ]);

    await usage('translate', 1, { agent: 'agent-nlp' });
    await usage('images', 2, { agent: 'agent-nlp' });
    const body = await readJson(await t.fetch('/api/v1/discover/recommendations/agent-nlp'));
    expect(body.recommendations.map((s: { name: string }) => s.name)).toEqual([
      'Sentiment Analysis API',
      'Crypto prices',
    ]);
    expect(body.count).toBe(2);

    // No history: the most called services of the last 30 days (Image captions: 9 + 2 calls).
    const cold = await readJson(await t.fetch('/api/v1/discover/recommendations/nobody?limit=2'));
    expect(cold.recommendations.map((s: { name: string }) => s.name)).toEqual([
      'Image captions',
      'Crypto prices',
    ]);
  });
});

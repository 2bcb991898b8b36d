import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database.js';
import { createTestServer, readJson, type TestServer } from '../test-support/test-server.js';

// A fixed clock: buckets never refill while a test runs, so counts are exact.
const now = () => Date.UTC(2026, 0, 1);

let database: TestDatabase;
let first: TestServer;
let second: TestServer;
beforeAll(async () => {
  database = await createTestDatabase();
  const options = { database, now, ipRateLimit: { ratePerMinute: 1, burst: 3 }, trustProxy: true };
  first = await createTestServer(options);
  second = await createTestServer(options);
});
afterAll(async () => {
  await first?.close();
  await second?.close();
  await database?.close();
});

const from = (ip: string, extra: Record<string, string> = {}) => ({
  headers: { 'x-forwarded-for': ip, ...extra },
});

describe('per-address limit', () => {
  it('answers 429 with Retry-After and {"detail"} once the burst is spent', async () => {
    for (let i = 0; i < 3; i++) expect((await first.fetch('/health', from('203.0.113.1'))).status).toBe(200);
    const refused = await first.fetch('/health', from('203.0.113.1'));
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(await readJson(refused)).toEqual({ detail: 'Rate limit exceeded. Try again later.' });
    expect((await first.fetch('/health', from('203.0.113.2'))).status).toBe(200);
  });

  it('counts the first X-Forwarded-For address only with trustProxy', async () => {
    for (let i = 0; i < 3; i++) await first.fetch('/', from('198.51.100.7, 10.0.0.1'));
    expect((await first.fetch('/', from('198.51.100.7, 10.0.0.2'))).status).toBe(429);
  });

  it('shares one bucket between two server instances on one database', async () => {
    expect((await first.fetch('/', from('192.0.2.50'))).status).toBe(200);
    expect((await second.fetch('/', from('192.0.2.50'))).status).toBe(200);
    expect((await first.fetch('/', from('192.0.2.50'))).status).toBe(200);
    expect((await second.fetch('/', from('192.0.2.50'))).status).toBe(429);
    const rows = await database.db.many('SELECT bucket FROM rate_limit_buckets WHERE bucket = $1', [
      'ip:192.0.2.50',
    ]);
    expect(rows).toHaveLength(1);
  });

  it('never admits more than the burst when requests arrive at once', async () => {
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => (i % 2 ? first : second).fetch('/', from('192.0.2.77'))),
    );
    expect(answers.filter((r) => r.status === 200)).toHaveLength(3);
  });
});

describe('per-key limit', () => {
  it('answers 429 once a key has made its rate_limit requests this minute, on any instance', async () => {
    const key = await first.issueTestKey('buyer', { rateLimit: 2 });
    const validate = (server: TestServer, ip: string) =>
      server.fetch('/api/v1/keys', {
        method: 'POST',
        headers: {
          authorization: key.authorization,
          'x-forwarded-for': ip,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ owner_id: key.ownerId }),
      });
    expect((await validate(first, '192.0.2.1')).status).toBe(201);
    expect((await validate(second, '192.0.2.2')).status).toBe(201);
    const refused = await validate(first, '192.0.2.3');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });
});

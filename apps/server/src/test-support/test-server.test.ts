import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { createTestServer } from './test-server.js';

describe('createTestServer', () => {
  it('gives each server a database of its own, loaded from the cached migrated template', async () => {
    const [a, b] = await Promise.all([createTestServer(), createTestServer()]);
    try {
      const key = await a.issueTestKey('buyer');
      const count = (t: typeof a) =>
        t.database.db.one<{ n: number }>('SELECT count(*)::int AS n FROM api_keys');
      expect(await count(a)).toEqual({ n: 1 });
      expect(await count(b)).toEqual({ n: 0 });
      const validate = await a.fetch('/api/v1/keys/validate', {
        method: 'POST',
        body: JSON.stringify({ key_id: key.keyId, secret: key.secret }),
      });
      expect(validate.status).toBe(200);
      expect(a.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      if (!process.env.TOLLWAY_TEST_DATABASE_URL) {
        const cached = (await readdir(tmpdir())).filter((f) =>
          /^tollway-marketplace-template-\w+\.tar$/.test(f),
        );
        expect(cached.length).toBeGreaterThan(0);
      }
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('stops serving on close', async () => {
    const t = await createTestServer();
    await t.close();
    await expect(fetch(`${t.url}/health`)).rejects.toThrow();
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../http/logger.js';
import { startMarketplaceServer } from '../server.js';
import { createTestServer } from '../test-support/test-server.js';
import { createAdminKey } from './admin-key.js';

const validate = (url: string, key_id: string, secret: string) =>
  fetch(`${url}/api/v1/keys/validate`, { method: 'POST', body: JSON.stringify({ key_id, secret }) });

describe('createAdminKey', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tollway-admin-key-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('creates an admin key in the data dir that the server then accepts', async () => {
    const created = await createAdminKey({ dataDir });
    expect(created).toEqual({
      key_id: expect.stringMatching(/^acf_/),
      secret: expect.stringMatching(/^sec_/),
    });
    const server = await startMarketplaceServer({ port: 0, dataDir, logger: silentLogger, env: {} });
    try {
      const res = await validate(server.url, created.key_id, created.secret);
      expect(await res.json()).toMatchObject({ valid: true, role: 'admin', owner_id: 'admin' });
    } finally {
      await server.close();
    }
  });
});

describe('TOLLWAY_ADMIN_KEY', () => {
  const keyId = 'acf_bootstrap01';
  const secret = 'sec_bootstrap-secret-of-enough-length-000';

  it('provisions the key at start when missing and leaves it alone when present', async () => {
    const t = await createTestServer({ adminKey: `${keyId}:${secret}` });
    try {
      expect(await (await validate(t.url, keyId, secret)).json()).toMatchObject({
        valid: true,
        role: 'admin',
      });
      const again = await createTestServer({ adminKey: `${keyId}:${secret}`, database: t.database });
      await again.close();
      const rows = await t.database.db.many('SELECT key_id FROM api_keys');
      expect(rows).toEqual([{ key_id: keyId }]);
    } finally {
      await t.close();
    }
  });

  it('refuses to start with a malformed value', async () => {
    await expect(createTestServer({ adminKey: 'short:secret' })).rejects.toThrow(/TOLLWAY_ADMIN_KEY/);
  });
});

describe('createAdminKey while a server holds the PGlite data dir', () => {
  it('asks the running server, whose database then knows the key; a second server is refused', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'tollway-admin-live-'));
    const server = await startMarketplaceServer({ port: 0, dataDir, logger: silentLogger, env: {} });
    try {
      const created = await createAdminKey({ dataDir });
      const res = await validate(server.url, created.key_id, created.secret);
      expect(await res.json()).toMatchObject({ valid: true, role: 'admin' });

      await expect(
        startMarketplaceServer({ port: 0, dataDir, logger: silentLogger, env: {} }),
      ).rejects.toThrow(/already using/);
      const forged = await fetch(`${server.url}/internal/admin-key`, {
        method: 'POST',
        headers: { authorization: 'Bearer not-the-token' },
      });
      expect(forged.status).toBe(404);
      expect(await forged.json()).toEqual({ detail: 'Not Found' });
    } finally {
      await server.close();
    }
    // Closed: the next command opens the files itself again.
    const offline = await createAdminKey({ dataDir });
    expect(offline.key_id).toMatch(/^acf_/);
    await rm(dataDir, { recursive: true, force: true });
  });
});

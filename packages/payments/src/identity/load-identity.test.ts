import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { identityFromHex } from './identity.js';
import { loadIdentity } from './load-identity.js';

const TOLLWAY_KEY = '11'.repeat(32);
const ANTSEED_KEY = '22'.repeat(32);
const FILE_KEY = '33'.repeat(32);
const posix = process.platform !== 'win32';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'tollway-identity-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('loadIdentity', () => {
  it('takes TOLLWAY_IDENTITY_HEX over ANTSEED_IDENTITY_HEX over identity.key', async () => {
    await writeFile(join(root, 'identity.key'), `${FILE_KEY}\n`, { mode: 0o600 });
    const both = { TOLLWAY_IDENTITY_HEX: TOLLWAY_KEY, ANTSEED_IDENTITY_HEX: ANTSEED_KEY };

    const first = await loadIdentity({ dataDir: root, env: both });
    expect(first.source).toBe('TOLLWAY_IDENTITY_HEX');
    expect(first.identity.peerId).toBe(identityFromHex(TOLLWAY_KEY).peerId);
    expect(first.keyPath).toBeUndefined();

    const second = await loadIdentity({ dataDir: root, env: { ANTSEED_IDENTITY_HEX: ANTSEED_KEY } });
    expect(second.source).toBe('ANTSEED_IDENTITY_HEX');
    expect(second.identity.peerId).toBe(identityFromHex(ANTSEED_KEY).peerId);

    const third = await loadIdentity({ dataDir: root, env: { TOLLWAY_IDENTITY_HEX: ' ' } });
    expect(third).toEqual({
      identity: expect.objectContaining({ peerId: identityFromHex(FILE_KEY).peerId }),
      source: 'identity.key',
      keyPath: join(root, 'identity.key'),
    });
  });

  it('names the env var of a bad key and never echoes the key', async () => {
    const bad = `${ANTSEED_KEY.slice(2)}zz`;
    const loading = loadIdentity({ dataDir: root, env: { ANTSEED_IDENTITY_HEX: bad } });
    await expect(loading).rejects.toMatchObject({ code: 'invalid_identity_key' });
    await expect(loading).rejects.toThrow(
      /^ANTSEED_IDENTITY_HEX contains characters that are not hex digits/,
    );
    await expect(loading).rejects.not.toThrow(bad.slice(0, 20));
  });

  it('names the key file of a bad key', async () => {
    await writeFile(join(root, 'identity.key'), 'not a key\n', { mode: 0o600 });
    await expect(loadIdentity({ dataDir: root, env: {} })).rejects.toMatchObject({
      code: 'invalid_identity_key',
      message: expect.stringContaining(join(root, 'identity.key')),
    });
  });

  it('creates the data dir and a 0600 key file, then reuses it', async () => {
    const dataDir = join(root, 'nested', 'data');
    const created = await loadIdentity({ dataDir, env: {} });
    expect(created.source).toBe('created');
    expect(created.keyPath).toBe(join(dataDir, 'identity.key'));
    expect(created.warning).toBeUndefined();

    const text = await readFile(join(dataDir, 'identity.key'), 'utf8');
    expect(text).toMatch(/^[0-9a-f]{64}\n$/);
    expect(identityFromHex(text).peerId).toBe(created.identity.peerId);
    if (posix) expect((await stat(join(dataDir, 'identity.key'))).mode & 0o777).toBe(0o600);

    const again = await loadIdentity({ dataDir, env: {} });
    expect(again.source).toBe('identity.key');
    expect(again.identity.peerId).toBe(created.identity.peerId);
    expect(again.warning).toBeUndefined();
  });

  it('gives every concurrent caller the same single key, leaving no temporary files', async () => {
    const loads = await Promise.all(
      Array.from({ length: 12 }, () => loadIdentity({ dataDir: root, env: {} })),
    );
    const peers = new Set(loads.map((loaded) => loaded.identity.peerId));
    expect(peers.size).toBe(1);
    expect(loads.filter((loaded) => loaded.source === 'created')).toHaveLength(1);
    const onDisk = identityFromHex(await readFile(join(root, 'identity.key'), 'utf8'));
    expect(onDisk.peerId).toBe(loads[0]!.identity.peerId);
    expect(await readdir(root)).toEqual(['identity.key']);
  });

  it.runIf(posix)('loads a key file readable by others, with a warning to chmod 600', async () => {
    const keyPath = join(root, 'identity.key');
    await writeFile(keyPath, FILE_KEY);
    await chmod(keyPath, 0o644);
    const loaded = await loadIdentity({ dataDir: root, env: {} });
    expect(loaded.identity.peerId).toBe(identityFromHex(FILE_KEY).peerId);
    expect(loaded.warning).toContain('mode 644');
    expect(loaded.warning).toContain(`chmod 600 ${keyPath}`);
    expect(loaded.warning).not.toContain(FILE_KEY);
  });

  it.runIf(posix && process.getuid?.() !== 0)('reports a data dir it cannot write to', async () => {
    await chmod(root, 0o500);
    try {
      await expect(loadIdentity({ dataDir: root, env: {} })).rejects.toMatchObject({
        code: 'identity_key_unavailable',
        message: expect.stringContaining('cannot be created (EACCES)'),
      });
    } finally {
      await chmod(root, 0o700);
    }
  });
});

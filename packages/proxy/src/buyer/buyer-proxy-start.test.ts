// Starting a buyer proxy: in a data dir that does not exist yet, and a start that fails after
// the port is bound.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { StateFileError } from '../state/state-file-error.js';
import { createBuyerProxy } from './buyer-proxy.js';
import { testIdentity } from './test-support.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

it('starts in a data dir that does not exist yet, creating it', async () => {
  const root = await mkdtemp(join(tmpdir(), 'tollway-fresh-'));
  dirs.push(root);
  const dataDir = join(root, 'not', 'yet');
  const proxy = createBuyerProxy({ dataDir, identity: testIdentity(0x22), port: 0 });
  const { url } = await proxy.listen();
  try {
    expect((await fetch(`${url}/health`)).status).toBe(200);
    const state = JSON.parse(await readFile(join(dataDir, 'buyer.state.json'), 'utf8'));
    expect(state).toMatchObject({ state: 'connected', pid: process.pid });
  } finally {
    await proxy.close();
  }
});

// /proc/self reads as an existing dir with no state file, but nothing can be created in it: the
// state update after binding the port fails.
it.runIf(process.platform === 'linux')('frees its port when the start fails after binding it', async () => {
  const port = await freePort();
  const proxy = createBuyerProxy({ dataDir: '/proc/self', identity: testIdentity(0x22), port });
  await expect(proxy.listen()).rejects.toBeInstanceOf(StateFileError);
  const again = createServer();
  await new Promise<void>((resolve, reject) => {
    again.once('error', reject);
    again.listen(port, '127.0.0.1', resolve);
  });
  await new Promise((resolve) => again.close(resolve));
});

import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BuyerStateStore } from './buyer-state.js';
import { StateFileError } from './state-file-error.js';

const PEER = '6f9b9e63d3f776d359eb2fb0a82d12ee496fbefe';
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tollway-state-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function counter(state: Record<string, unknown>): number {
  return typeof state.counter === 'number' ? state.counter : 0;
}

describe('BuyerStateStore', () => {
  it('reads an empty state when the file does not exist', async () => {
    expect(await new BuyerStateStore(dir).read()).toEqual({});
  });

  it('loses no update when two stores write the same file at once', async () => {
    const a = new BuyerStateStore(dir);
    const b = new BuyerStateStore(dir);
    const bump = (s: Record<string, unknown>) => ({ ...s, counter: counter(s) + 1 });
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).update(bump)));
    expect(counter(await a.read())).toBe(40);
    // No temporary or lock file is left behind.
    expect(await readdir(dir)).toEqual(['buyer.state.json']);
  });

  it('loses no update when two processes write the same file at once', async () => {
    const child = fileURLToPath(new URL('./__fixtures__/bump-counter.ts', import.meta.url));
    const run = () =>
      promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', '--conditions=tollway-source', child, dir, '15'],
        {
          timeout: 20_000,
        },
      );
    await Promise.all([run(), run(), new BuyerStateStore(dir).update((s) => ({ ...s, other: true }))]);
    const state = await new BuyerStateStore(dir).read();
    expect(counter(state)).toBe(30);
    expect(state.other).toBe(true);
  });

  it('keeps keys it does not know, at the top level and in peer entries', async () => {
    const file = join(dir, 'buyer.state.json');
    const peer = { peerId: PEER, displayName: 'p', publicUrl: 'https://x', services: ['m'] };
    const full = { ...peer, signedMetadata: {}, source: 'https://x', lastSeen: 1, onChainTrustScore: 7 };
    await writeFile(file, JSON.stringify({ defaultRoutedModel: 'x@y', discoveredPeers: [full] }));
    await new BuyerStateStore(dir).update((s) => ({ ...s, pinnedPeerId: PEER }));
    const written = JSON.parse(await readFile(file, 'utf8'));
    expect(written).toMatchObject({ defaultRoutedModel: 'x@y', pinnedPeerId: PEER });
    expect(written.discoveredPeers[0].onChainTrustScore).toBe(7);
  });

  it('reports a corrupt file with its path and leaves it alone', async () => {
    const file = join(dir, 'buyer.state.json');
    await writeFile(file, '{"pinnedPeerId": ');
    const store = new BuyerStateStore(dir);
    await expect(store.read()).rejects.toThrow(StateFileError);
    await expect(store.update((s) => s)).rejects.toMatchObject({ code: 'state_file_corrupt', path: file });
    expect(await readFile(file, 'utf8')).toBe('{"pinnedPeerId": ');
  });

  it('names the field when a known key has the wrong type', async () => {
    await writeFile(join(dir, 'buyer.state.json'), JSON.stringify({ port: 'eighty' }));
    await expect(new BuyerStateStore(dir).read()).rejects.toThrow(/buyer\.state\.json is corrupt: port:/);
  });

  it('takes over a lock left by a process that died', async () => {
    const lock = join(dir, 'buyer.state.json.lock');
    await writeFile(lock, 'dead');
    const old = new Date(Date.now() - 60_000);
    await utimes(lock, old, old);
    await new BuyerStateStore(dir).update((s) => ({ ...s, pinnedService: 'svc' }));
    expect((await new BuyerStateStore(dir).read()).pinnedService).toBe('svc');
  });

  it('gives up on a live lock with an error that says how to clear it', async () => {
    await writeFile(join(dir, 'buyer.state.json.lock'), 'alive');
    const store = new BuyerStateStore(dir, { waitMs: 50 });
    await expect(store.update((s) => s)).rejects.toMatchObject({ code: 'state_file_locked' });
  });

  it('tells a watcher about a change written by another store', async () => {
    const watched = new BuyerStateStore(dir, { watchIntervalMs: 20 });
    const seen: (string | null | undefined)[] = [];
    const stop = watched.watch((s) => seen.push(s.pinnedPeerId));
    try {
      await new BuyerStateStore(dir).update((s) => ({ ...s, pinnedPeerId: PEER }));
      await until(() => seen.includes(PEER));
      await new BuyerStateStore(dir).update((s) => ({ ...s, pinnedPeerId: null }));
      await until(() => seen.at(-1) === null);
    } finally {
      stop();
    }
  });
});

async function until(condition: () => boolean, deadlineMs = 5_000): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met before the deadline');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

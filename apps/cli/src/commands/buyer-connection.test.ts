import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../cli.js';
import type { CommandIo } from '../io.js';

const PEER = '6f9b9e63d3f776d359eb2fb0a82d12ee496fbefe';

async function run(argv: string[], env: Record<string, string | undefined> = {}) {
  let out = '';
  let err = '';
  const io: CommandIo = {
    stdin: [],
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
    readFile: (path) => readFile(path, 'utf8'),
    env,
    untilShutdown: () => Promise.resolve(),
  };
  const code = await main(argv, io);
  return { code, out, err };
}

describe('tollway buyer connection', () => {
  it('pins a peer in a data dir that does not exist yet (before any "buyer start")', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'tollway-conn-')), 'fresh');
    const set = await run(['--data-dir', dir, 'buyer', 'connection', 'set', '--peer', PEER]);
    expect(set.err).toBe('');
    expect(set.code).toBe(0);
    const state = JSON.parse(await readFile(join(dir, 'buyer.state.json'), 'utf8'));
    expect(state.pinnedPeerId).toBe(PEER);
  });

  it('sets a normalised peer pin and a service pin, keeping the rest of the state file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tollway-conn-'));
    await writeFile(
      join(dir, 'buyer.state.json'),
      JSON.stringify({ port: 8377, somethingElse: { kept: true } }),
    );
    const set = await run([
      '--data-dir',
      dir,
      'buyer',
      'connection',
      'set',
      '--peer',
      `0x${PEER.toUpperCase()}`,
      '--service',
      'svc',
    ]);
    expect(set.code).toBe(0);
    expect(set.out).toContain(`Pinned peer ${PEER}`);
    const state = JSON.parse(await readFile(join(dir, 'buyer.state.json'), 'utf8'));
    expect(state).toMatchObject({
      port: 8377,
      somethingElse: { kept: true },
      pinnedPeerId: PEER,
      pinnedService: 'svc',
    });

    const get = await run(['buyer', 'connection', 'get', '--json'], { TOLLWAY_DATA_DIR: dir });
    expect(JSON.parse(get.out)).toEqual({ pinnedPeerId: PEER, pinnedService: 'svc' });

    await run(['buyer', 'connection', 'clear', '--service', '--data-dir', dir]);
    expect(
      JSON.parse((await run(['buyer', 'connection', 'get', '--json'], { ANTSEED_DATA_DIR: dir })).out),
    ).toEqual({
      pinnedPeerId: PEER,
      pinnedService: null,
    });
    await run(['--data-dir', dir, 'buyer', 'connection', 'clear']);
    expect((await run(['--data-dir', dir, 'buyer', 'connection', 'get'])).out).toContain('peer:    (none)');
  });

  it('refuses a peer id that is not 40 hex characters, in one line, with exit status 2', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tollway-conn-'));
    const bad = await run(['--data-dir', dir, 'buyer', 'connection', 'set', '--peer', 'abc']);
    expect(bad.code).toBe(2);
    expect(bad.err).toBe(
      'tollway buyer connection: --peer "abc" is not a peer id (40 hex characters, optionally 0x-prefixed)\n',
    );
    expect((await run(['--data-dir', dir, 'buyer', 'connection', 'frob'])).code).toBe(2);
  });
});

describe('tollway network', () => {
  it('lists known peers with their services and prices, marking the pinned one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tollway-net-'));
    const metadata = {
      protocol: 'tollway/1',
      peerId: PEER,
      displayName: 'Strata',
      publicUrl: 'http://127.0.0.1:9',
      tlsFingerprint256: null,
      services: [
        {
          name: 'coder',
          format: 'openai-chat',
          categories: ['coding'],
          pricing: { inputUsdPerMillion: '0.15', outputUsdPerMillion: '0.6' },
          countTokens: false,
        },
      ],
      software: 'test',
      timestamp: 0,
    };
    const peer = {
      peerId: PEER,
      displayName: 'Strata',
      publicUrl: 'http://127.0.0.1:9',
      services: ['coder'],
      signedMetadata: { metadata, signature: '0x00' },
      source: 'http://127.0.0.1:9',
      lastSeen: 0,
    };
    await writeFile(join(dir, 'buyer.state.json'), JSON.stringify({ discoveredPeers: [peer] }));
    const unpinned = await run(['--data-dir', dir, 'network', 'browse']);
    expect(unpinned.out).toMatch(
      new RegExp(`^  ${PEER}  Strata  coder +openai-chat +0\\.15 +0\\.6 +coding$`, 'm'),
    );
    expect(unpinned.out).toContain('No peer is pinned');

    await run(['--data-dir', dir, 'buyer', 'connection', 'set', '--peer', PEER]);
    const pinned = await run(['--data-dir', dir, 'network', 'browse', '--service', 'coder']);
    expect(pinned.out).toContain(`* ${PEER}`);
    expect(pinned.out).toContain('* pinned');
    const detail = await run(['--data-dir', dir, 'network', 'peer', `0x${PEER.toUpperCase()}`]);
    expect(detail.out).toContain(`Peer ${PEER} (pinned)`);
    expect(detail.out).toMatch(/^coder +openai-chat +0\.15 +0\.6 +0\.15 +no +coding$/m);
  });

  it('says how to find peers when none are known, and fails for an unknown peer', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tollway-net-'));
    const browse = await run(['--data-dir', dir, 'network', 'browse']);
    expect(browse.code).toBe(0);
    expect(browse.out).toContain('--bootstrap URL');
    expect(JSON.parse((await run(['--data-dir', dir, 'network', 'browse', '--json'])).out)).toEqual({
      peers: [],
    });
    const peer = await run(['--data-dir', dir, 'network', 'peer', PEER]);
    expect(peer.code).toBe(1);
    expect(peer.err).toContain('not known here');
  });
});

import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../cli.js';
import type { CommandIo } from '../io.js';

/** Runs a long-running command in-process; `ready` resolves with its first JSON line. */
function start(argv: string[]) {
  let out = '';
  let stop: () => void = () => {};
  const stopped = new Promise<void>((resolve) => {
    stop = resolve;
  });
  const io: CommandIo = {
    stdin: [],
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: () => true },
    readFile: (path) => readFile(path, 'utf8'),
    env: {},
    untilShutdown: () => stopped,
  };
  const exit = main(argv, io);
  const ready = (async () => {
    const deadline = Date.now() + 15_000;
    while (!out.includes('\n') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    return JSON.parse(out.split('\n')[0] as string) as Record<string, unknown>;
  })();
  return {
    ready,
    stop: () => {
      stop();
      return exit;
    },
  };
}

async function run(argv: string[]) {
  let out = '';
  const io: CommandIo = {
    stdin: [],
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: () => true },
    readFile: (path) => readFile(path, 'utf8'),
    env: {},
    untilShutdown: () => Promise.resolve(),
  };
  return { code: await main(argv, io), out };
}

describe('seller start --json and buyer start --json', () => {
  it('print one line each that a script can use to browse, pin and call', async () => {
    const sellerDir = await mkdtemp(join(tmpdir(), 'tollway-s-'));
    const buyerDir = await mkdtemp(join(tmpdir(), 'tollway-b-'));
    const seller = start([
      '--data-dir',
      sellerDir,
      'seller',
      'start',
      '--test-model',
      '--service',
      'helper',
      '--upstream-format',
      'anthropic-messages',
      '--port',
      '0',
      '--json',
    ]);
    const sold = (await seller.ready) as { url: string; peerId: string; tlsFingerprint256: string };
    expect(sold.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(sold.tlsFingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);

    const buyer = start([
      'buyer',
      'start',
      '--data-dir',
      buyerDir,
      '--port',
      '0',
      '--bootstrap',
      sold.url,
      '--json',
    ]);
    const bought = (await buyer.ready) as { url: string; statePath: string };
    expect(bought.statePath).toBe(join(buyerDir, 'buyer.state.json'));

    const browse = await run(['--data-dir', buyerDir, 'network', 'browse', '--json']);
    const peers = (JSON.parse(browse.out) as { peers: { peerId: string; services: { name: string }[] }[] })
      .peers;
    expect(peers.map((p) => [p.peerId, p.services.map((s) => s.name)])).toEqual([[sold.peerId, ['helper']]]);

    expect(
      (await run(['--data-dir', buyerDir, 'buyer', 'connection', 'set', '--peer', sold.peerId])).code,
    ).toBe(0);
    const deadline = Date.now() + 5000;
    let status = 0;
    let text = '';
    // The running proxy picks the pin up from the state file within a second.
    while (Date.now() < deadline) {
      const res = await fetch(`${bought.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'helper', messages: [{ role: 'user', content: 'scripted' }] }),
      });
      status = res.status;
      text = await res.text();
      if (status === 200) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(200);
    expect(text).toContain('You said: scripted');

    expect(await buyer.stop()).toBe(0);
    expect(await seller.stop()).toBe(0);
  });
});

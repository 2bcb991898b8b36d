import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../cli.js';
import type { CommandIo } from '../io.js';

function testIo() {
  let out = '';
  let err = '';
  let stop: () => void = () => {};
  const stopped = new Promise<void>((resolve) => {
    stop = resolve;
  });
  const io: CommandIo = {
    stdin: [],
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
    readFile: (path) => readFile(path, 'utf8'),
    env: {},
    untilShutdown: () => stopped,
  };
  return { io, out: () => out, err: () => err, stop };
}

describe('tollway server', () => {
  it('starts on a data dir, and admin-key --json gives a key the running server accepts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tollway-server-cli-'));
    const server = testIo();
    const running = main(
      ['server', 'start', '--port', '0', '--data-dir', dir, '--ip-rate-limit', '600'],
      server.io,
    );
    const deadline = Date.now() + 20_000;
    while (!server.out().includes('listening on') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 25));
    const base = /listening on (http:\/\/[^\s/]+)\/api\/v1/.exec(server.out())?.[1];
    expect(base).toBeDefined();

    const keyRun = testIo();
    expect(await main(['server', 'admin-key', '--data-dir', dir, '--json'], keyRun.io)).toBe(0);
    const key = JSON.parse(keyRun.out()) as { key_id: string; secret: string };
    const res = await fetch(`${base}/api/v1/keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key.key_id}:${key.secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ owner_id: 'provider-1', role: 'provider' }),
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ role: 'provider', rate_limit: 60 });

    server.stop();
    expect(await running).toBe(0);
  });

  it('refuses a rate limit that is not a whole number', async () => {
    const t = testIo();
    expect(await main(['server', 'start', '--ip-rate-limit', 'lots'], t.io)).toBe(2);
    expect(t.err()).toBe(
      'tollway server start: --ip-rate-limit must be a whole number of at least 1 (got "lots")\n',
    );
  });
});

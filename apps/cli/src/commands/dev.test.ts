import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../cli.js';
import type { CommandIo } from '../io.js';

describe('tollway dev (what npm start runs)', () => {
  it('starts a marketplace, a seller announced to it and a pinned buyer that answers any model, then stops', async () => {
    let out = '';
    let stop: () => void = () => {};
    const stopped = new Promise<void>((resolve) => {
      stop = resolve;
    });
    const dataDir = await mkdtemp(join(tmpdir(), 'tollway-dev-test-'));
    const io: CommandIo = {
      stdin: [],
      stdout: { write: (t: string) => (out += t) },
      stderr: { write: () => true },
      readFile: (path) => readFile(path, 'utf8'),
      env: {},
      untilShutdown: () => stopped,
    };
    const running = main(['dev', '--port', '0', '--json', '--data-dir', dataDir], io);
    const deadline = Date.now() + 15_000;
    while (!out.includes('\n') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const info = JSON.parse(out.split('\n')[0] as string) as {
      buyer: { url: string };
      seller: { url: string; peerId: string };
      marketplace: { url: string } | null;
      service: string;
    };
    expect(info.seller.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);

    const res = await fetch(`${info.buyer.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer placeholder' },
      body: JSON.stringify({ model: 'any-model', messages: [{ role: 'user', content: 'Hello dev' }] }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { choices: { message: { content: string } }[] };
    expect(body.choices[0]?.message.content).toContain('You said: Hello dev');

    // The seller announced itself to the marketplace, which lists it as a verified peer.
    const registry = (await (await fetch(`${info.marketplace?.url}/api/v1/peers`)).json()) as {
      peers: { peer_id: string }[];
    };
    expect(registry.peers.map((p) => p.peer_id)).toEqual([info.seller.peerId]);

    const models = (await (await fetch(`${info.buyer.url}/v1/models`)).json()) as { data: { id: string }[] };
    expect(models.data.map((m) => m.id)).toContain(info.service);

    stop();
    expect(await running).toBe(0);
    await expect(fetch(`${info.buyer.url}/health`)).rejects.toThrow();
  });
});

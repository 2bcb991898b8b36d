import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { identityFromHex, signPeerMetadata, verifyPeerMetadata } from '@tollway/payments';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../log/logger.js';
import { startAnnouncing } from './announce.js';

const identity = identityFromHex('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d');

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function registry(answer: (req: IncomingMessage, body: string) => [number, string]) {
  const bodies: string[] = [];
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    bodies.push(`${req.method} ${req.url} ${body}`);
    const [status, text] = answer(req, body);
    res.writeHead(status, { 'content-type': 'application/json' }).end(text);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, bodies };
}

const signed = () =>
  signPeerMetadata(identity, {
    protocol: 'tollway/1',
    peerId: identity.peerId,
    displayName: 'announcer',
    publicUrl: 'https://127.0.0.1:8378',
    tlsFingerprint256: null,
    services: [],
    software: 'tollway-seller/test',
    timestamp: Date.now(),
  });

describe('startAnnouncing', () => {
  it('posts verifiable signed metadata to each registry and reports refusals with their detail', async () => {
    const good = await registry(() => [201, '{"ok":true}']);
    const picky = await registry(() => [422, '{"detail":"stale metadata"}']);
    const announcer = startAnnouncing({
      registries: [good.url, `${picky.url}/`],
      signedMetadata: signed,
      logger: silentLogger,
    });
    const results = await announcer.announceNow();
    announcer.stop();

    expect(results).toEqual([
      { registry: good.url, ok: true, status: 201, message: 'announced' },
      { registry: `${picky.url}/`, ok: false, status: 422, message: 'stale metadata' },
    ]);
    const [method, path, body] = (good.bodies[0] as string).split(' ', 3) as [string, string, string];
    expect([method, path]).toEqual(['POST', '/api/v1/peers']);
    const verified = await verifyPeerMetadata(
      JSON.parse((good.bodies[0] as string).slice(method.length + path.length + 2)),
      {
        now: Date.now(),
      },
    );
    expect(verified.ok).toBe(true);
    expect(body.length).toBeGreaterThan(0);
  });

  it('reports an unreachable registry without throwing', async () => {
    const gone = await registry(() => [200, '{}']);
    servers.pop()?.close();
    const announcer = startAnnouncing({
      registries: [gone.url],
      signedMetadata: signed,
      logger: silentLogger,
      timeoutMs: 1000,
    });
    const [result] = await announcer.announceNow();
    announcer.stop();
    expect(result).toMatchObject({ registry: gone.url, ok: false });
    expect(result?.message).toContain('could not be reached');
  });
});

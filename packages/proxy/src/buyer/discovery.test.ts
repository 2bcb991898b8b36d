import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { type PeerMetadata, type SignedPeerMetadata, signPeerMetadata } from '@tollway/payments';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogFields, Logger } from '../log/logger.js';
import { closeServer, listenOnLoopback } from '../seller/test-support/loopback.js';
import { createSelfSignedCertificate } from '../tls/seller-certificate.js';
import { discoverPeers } from './discovery.js';
import { startTestSeller, TEST_PRICING, type TestSeller, testIdentity } from './test-support.js';

let seller: TestSeller;
const servers: Server[] = [];

beforeAll(async () => {
  seller = await startTestSeller();
});

afterAll(async () => {
  await Promise.all(servers.map(closeServer));
  await seller?.close();
});

async function serve(listener: RequestListener): Promise<string> {
  const server = createHttpServer(listener);
  servers.push(server);
  return listenOnLoopback(server);
}

function json(body: unknown, status = 200): RequestListener {
  return (_, res) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
}

/** Signed metadata of test identity `n` announcing `publicUrl`. */
async function signedAt(n: number, publicUrl: string, now = Date.now()): Promise<SignedPeerMetadata> {
  const identity = testIdentity(n);
  const metadata: PeerMetadata = {
    protocol: 'tollway/1',
    peerId: identity.peerId,
    displayName: `peer ${n}`,
    publicUrl,
    tlsFingerprint256: null,
    services: [
      { name: 'm', format: 'openai-chat', categories: [], pricing: { ...TEST_PRICING }, countTokens: false },
    ],
    software: 'test',
    timestamp: now,
  };
  return signPeerMetadata(identity, metadata);
}

function recordingLogger(): Logger & { warnings: Array<{ message: string; fields: LogFields | undefined }> } {
  const warnings: Array<{ message: string; fields: LogFields | undefined }> = [];
  return { info() {}, error() {}, warn: (message, fields) => warnings.push({ message, fields }), warnings };
}

describe('discoverPeers', () => {
  it('verifies a seller fetched directly over HTTPS, whose certificate is the one it signs', async () => {
    const { peers, errors } = await discoverPeers({ bootstrap: [`${seller.url}/`], now: Date.now() });
    expect(errors).toEqual([]);
    expect(peers).toHaveLength(1);
    expect(peers[0]).toMatchObject({ peerId: seller.peerId, source: seller.url });
    expect(peers[0]?.metadata.tlsFingerprint256).toBe(seller.node.tlsFingerprint256);
  });

  it('finds an HTTPS seller through an http:// bootstrap URL of its port, keeping its https URL', async () => {
    const plainUrl = seller.url.replace('https://', 'http://');
    const { peers, errors } = await discoverPeers({ bootstrap: [plainUrl], now: Date.now() });
    expect(errors).toEqual([]);
    expect(peers.map((p) => [p.peerId, p.metadata.publicUrl])).toEqual([[seller.peerId, seller.url]]);
  });

  it('refuses a seller whose metadata is served behind another certificate', async () => {
    const cert = await createSelfSignedCertificate(['127.0.0.1']);
    const signed = await seller.node.signedMetadata();
    const impostor = createHttpsServer({ cert: cert.certPem, key: cert.keyPem }, json(signed));
    servers.push(impostor);
    const url = await listenOnLoopback(impostor);
    const { peers, errors } = await discoverPeers({ bootstrap: [url], now: Date.now() });
    expect(peers).toEqual([]);
    expect(errors).toEqual([
      expect.objectContaining({ url, peerId: seller.peerId, code: 'tls_fingerprint_mismatch' }),
    ]);
  });

  it('reads a registry’s peer list, keeping only metadata that verifies against its peer id', async () => {
    const good = await seller.node.signedMetadata();
    const loopbackHttp = await signedAt(0x51, 'http://127.0.0.1:9');
    const tampered = await signedAt(0x52, 'https://tampered.example');
    tampered.metadata = { ...tampered.metadata, publicUrl: 'https://evil.example' };
    const mislabelled = await signedAt(0x53, 'https://other.example');
    const registry = await serve((req, res) => {
      if (req.url !== '/api/v1/peers') return void res.writeHead(404).end('{"detail":"Not found"}');
      json({
        peers: [
          { peer_id: seller.peerId, signed_metadata: good, reputation: 90 },
          { peer_id: `0x${loopbackHttp.metadata.peerId.toUpperCase()}`, signed_metadata: loopbackHttp },
          { peer_id: tampered.metadata.peerId, signed_metadata: tampered },
          { peer_id: 'f'.repeat(40), signed_metadata: mislabelled },
          { peer_id: 'nothing' },
        ],
      })(req, res);
    });
    const logger = recordingLogger();
    const { peers, errors } = await discoverPeers({ bootstrap: [registry], now: Date.now(), logger });
    expect(peers.map((p) => p.peerId).sort()).toEqual([seller.peerId, loopbackHttp.metadata.peerId].sort());
    expect(peers.every((p) => p.source === registry)).toBe(true);
    expect(errors.map((e) => e.code).sort()).toEqual([
      'bad_metadata_signature',
      'invalid_metadata',
      'peer_id_mismatch',
    ]);
    // A plain-HTTP peer on loopback is accepted, with a warning naming it.
    expect(logger.warnings.some((w) => w.message.includes(loopbackHttp.metadata.peerId))).toBe(true);
  });

  it('accepts a plain-HTTP peer off loopback only when allowed, warning either way', async () => {
    const remote = await signedAt(0x54, 'http://seller.example:8080');
    const registry = await serve((req, res) => {
      if (req.url === '/metadata') return void res.writeHead(404).end();
      json({ peers: [{ peer_id: remote.metadata.peerId, signed_metadata: remote }] })(req, res);
    });
    const refused = await discoverPeers({ bootstrap: [registry], now: Date.now() });
    expect(refused.peers).toEqual([]);
    expect(refused.errors[0]).toMatchObject({ code: 'insecure_peer_url', peerId: remote.metadata.peerId });
    expect(refused.errors[0]?.message).toContain('--insecure-http');
    const logger = recordingLogger();
    const allowed = await discoverPeers({
      bootstrap: [registry],
      now: Date.now(),
      allowInsecureHttp: true,
      logger,
    });
    expect(allowed.peers.map((p) => p.peerId)).toEqual([remote.metadata.peerId]);
    expect(logger.warnings[0]?.message).toContain(remote.metadata.peerId);
  });

  it('refuses stale metadata', async () => {
    const old = await signedAt(0x55, 'https://old.example', Date.now() - 60 * 60_000);
    const url = await serve(json(old));
    const { peers, errors } = await discoverPeers({ bootstrap: [url], now: Date.now() });
    expect(peers).toEqual([]);
    expect(errors[0]?.code).toBe('stale_metadata');
  });

  it('reports each URL that gave nothing, without failing the others', async () => {
    const neither = await serve(json({ detail: 'Not found' }, 404));
    const silent = await serve(() => {});
    const dead = await serve(json({}));
    await closeServer(servers.at(-1)!);
    const { peers, errors } = await discoverPeers({
      bootstrap: [neither, silent, dead, seller.url],
      now: Date.now(),
      timeoutMs: 300,
    });
    expect(peers.map((p) => p.peerId)).toEqual([seller.peerId]);
    const byUrl = Object.fromEntries(errors.map((e) => [e.url, e.code]));
    expect(byUrl).toEqual({
      [neither]: 'bootstrap_not_a_peer_source',
      [silent]: 'bootstrap_timeout',
      [dead]: 'bootstrap_unreachable',
    });
  });
});

import { randomBytes } from 'node:crypto';
import {
  type Identity,
  identityFromHex,
  type PeerMetadata,
  signPeerMetadata,
  verifyPeerMetadata,
} from '@tollway/payments';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertTestService, insertTestUsage } from '../reputation/test-usage.js';
import { createTestServer, type JsonBody, readJson, type TestServer } from '../test-support/test-server.js';

let t: TestServer;
let offset = 0;
const now = () => Date.now() + offset;
beforeAll(async () => {
  t = await createTestServer({ now, allowInternalHosts: ['127.0.0.2'], webhookDelivery: false });
});
afterAll(() => t?.close());

const newIdentity = () => identityFromHex(randomBytes(32).toString('hex'));

function metadataFor(identity: Identity, overrides: Partial<PeerMetadata> = {}): PeerMetadata {
  return {
    protocol: 'tollway/1',
    peerId: identity.peerId,
    displayName: 'Example seller',
    publicUrl: 'https://seller.example:8443',
    tlsFingerprint256: Array.from({ length: 32 }, () => 'AB').join(':'),
    services: [
      {
        name: 'llama-3.1-8b',
        format: 'openai-chat',
        categories: ['chat'],
        pricing: { inputUsdPerMillion: '0.10', outputUsdPerMillion: '0.20' },
        countTokens: false,
      },
    ],
    software: 'tollway/0.1.0',
    timestamp: now(),
    ...overrides,
  };
}

const announce = (body: unknown) =>
  t.fetch('/api/v1/peers', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

const listed = async () => (await readJson(await t.fetch('/api/v1/peers?limit=1000'))).peers as JsonBody[];

describe('POST /api/v1/peers', () => {
  it('stores signed metadata without a key and lists it in the shape buyer discovery reads', async () => {
    const seller = newIdentity();
    const signed = await signPeerMetadata(seller, metadataFor(seller));
    const res = await announce(signed);
    expect(res.status).toBe(200);
    const entry = await readJson(res);
    expect(entry).toEqual({
      peer_id: seller.peerId,
      display_name: 'Example seller',
      public_url: 'https://seller.example:8443',
      services: signed.metadata.services,
      signed_metadata: JSON.parse(JSON.stringify(signed)),
      reputation: null,
      last_announced_at: expect.stringMatching(/\+00:00$/),
    });
    const mine = (await listed()).find((p) => p.peer_id === seller.peerId);
    expect(mine).toEqual(entry);
    // What the buyer proxy does with each listed entry.
    const verified = await verifyPeerMetadata(mine!.signed_metadata, {
      now: now(),
      expectedPeerId: mine!.peer_id,
    });
    expect(verified.ok).toBe(true);
  });

  it('refuses a tampered document and a signature by another identity (400)', async () => {
    const seller = newIdentity();
    const signed = await signPeerMetadata(seller, metadataFor(seller));
    const tampered = await announce({
      ...signed,
      metadata: { ...signed.metadata, publicUrl: 'https://evil.example' },
    });
    expect(tampered.status).toBe(400);
    expect((await readJson(tampered)).detail).toMatch(/^bad_metadata_signature: /);
    const impostor = newIdentity();
    const forged = await signPeerMetadata(impostor, metadataFor(impostor));
    const claimed = await announce({
      metadata: { ...forged.metadata, peerId: seller.peerId },
      signature: forged.signature,
    });
    expect(claimed.status).toBe(400);
    expect((await listed()).some((p) => p.peer_id === seller.peerId)).toBe(false);
  });

  it('refuses stale and future-dated metadata (400)', async () => {
    const seller = newIdentity();
    for (const timestamp of [now() - 6 * 60_000, now() + 10 * 60_000]) {
      const res = await announce(await signPeerMetadata(seller, metadataFor(seller, { timestamp })));
      expect(res.status).toBe(400);
      expect((await readJson(res)).detail).toMatch(/^stale_metadata: /);
    }
  });

  it('replaces an older document with a newer one and refuses going back (409)', async () => {
    const seller = newIdentity();
    const older = await signPeerMetadata(seller, metadataFor(seller, { timestamp: now() - 60_000 }));
    const newer = await signPeerMetadata(
      seller,
      metadataFor(seller, { displayName: 'Renamed', timestamp: now() }),
    );
    expect((await announce(older)).status).toBe(200);
    expect((await announce(newer)).status).toBe(200);
    expect((await announce(newer)).status).toBe(200);
    const back = await announce(older);
    expect(back.status).toBe(409);
    expect(await back.json()).toEqual({ detail: 'A newer announcement of this peer is already stored' });
    expect((await listed()).find((p) => p.peer_id === seller.peerId)?.display_name).toBe('Renamed');
  });

  it('refuses a publicUrl that fails the SSRF check unless its host is allow-listed', async () => {
    for (const publicUrl of ['https://10.0.0.1:8443', 'https://169.254.169.254', 'http://127.0.0.1:8080']) {
      const seller = newIdentity();
      const plain = publicUrl.startsWith('http:') ? { tlsFingerprint256: null } : {};
      const res = await announce(
        await signPeerMetadata(seller, metadataFor(seller, { publicUrl, ...plain })),
      );
      expect(res.status, publicUrl).toBe(400);
      expect((await readJson(res)).detail).toMatch(/^metadata\.publicUrl: .* is an internal address$/);
    }
    const local = newIdentity();
    const allowed = metadataFor(local, { publicUrl: 'http://127.0.0.2:8080', tlsFingerprint256: null });
    expect((await announce(await signPeerMetadata(local, allowed))).status).toBe(200);
  });

  it('answers 400 for a body that is not signed metadata', async () => {
    const seller = newIdentity();
    const signed = await signPeerMetadata(seller, metadataFor(seller));
    for (const body of [
      { metadata: signed.metadata },
      { ...signed, signature: '0x1234' },
      { ...signed, extra: 1 },
    ]) {
      expect((await announce(body)).status).toBe(400);
    }
  });

  it('limits announcements of one peer to 6 a minute (429)', async () => {
    const seller = newIdentity();
    const signed = await signPeerMetadata(seller, metadataFor(seller));
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await announce(signed)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429]);
  });
});

describe('GET /api/v1/peers', () => {
  it('carries reputation from the usage rows attributed to the peer', async () => {
    const seller = newIdentity();
    await announce(await signPeerMetadata(seller, metadataFor(seller)));
    const serviceId = await insertTestService(t.database.db, 'peer-provider');
    await insertTestUsage(t.database.db, {
      serviceId,
      providerId: 'peer-provider',
      agentId: seller.peerId,
      count: 20,
      latencyMs: 0,
    });
    const mine = (await listed()).find((p) => p.peer_id === seller.peerId);
    expect(mine?.reputation).toEqual({ overall_score: 10, call_count: 20, confidence: 0.5 });
  });

  it('drops peers whose metadata is older than 30 minutes', async () => {
    const seller = newIdentity();
    await announce(await signPeerMetadata(seller, metadataFor(seller)));
    expect((await listed()).some((p) => p.peer_id === seller.peerId)).toBe(true);
    offset = 30 * 60_000 + 1000;
    try {
      expect((await listed()).some((p) => p.peer_id === seller.peerId)).toBe(false);
    } finally {
      offset = 0;
    }
    expect((await t.fetch('/api/v1/peers?limit=0')).status).toBe(400);
  });
});

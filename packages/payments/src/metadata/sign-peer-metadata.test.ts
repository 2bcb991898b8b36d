import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SigningError } from '../errors/signing-error.js';
import { identityFromHex } from '../identity/identity.js';
import type { PeerMetadata, SignedPeerMetadata } from './peer-metadata-schema.js';
import { signPeerMetadata, verifyPeerMetadata } from './sign-peer-metadata.js';

const seller = identityFromHex('44'.repeat(32));
const stranger = identityFromHex('55'.repeat(32));
const NOW = 1_767_225_600_000;
const FINGERPRINT = Array.from({ length: 32 }, (_, i) =>
  (i * 7).toString(16).padStart(2, '0').toUpperCase(),
).join(':');

function metadataFor(peerId: string, overrides: Partial<PeerMetadata> = {}): PeerMetadata {
  return {
    protocol: 'tollway/1',
    peerId,
    displayName: 'Example seller',
    publicUrl: 'https://seller.example:8443/tollway',
    tlsFingerprint256: FINGERPRINT,
    services: [
      {
        name: 'llama-3.1-8b',
        format: 'openai-chat',
        categories: ['chat', 'code'],
        pricing: { inputUsdPerMillion: '0.10', outputUsdPerMillion: '0.2', cachedInputUsdPerMillion: '0.05' },
        countTokens: false,
      },
      {
        name: 'claude-like',
        format: 'anthropic-messages',
        categories: [],
        pricing: { inputUsdPerMillion: '3', outputUsdPerMillion: '15.000001' },
        countTokens: true,
      },
    ],
    software: 'tollway/0.1.0',
    timestamp: NOW,
    ...overrides,
  };
}

describe('signPeerMetadata and verifyPeerMetadata', () => {
  it('round-trips, also through JSON text', async () => {
    const signed = await signPeerMetadata(seller, metadataFor(seller.peerId));
    expect(signed.signature).toMatch(/^0x[0-9a-f]{130}$/);
    const result = await verifyPeerMetadata(JSON.parse(JSON.stringify(signed)), {
      now: NOW,
      expectedPeerId: `0x${seller.peerId.toUpperCase()}`,
    });
    expect(result).toEqual({ ok: true, value: signed });
  });

  it('accepts a plain-http seller with no fingerprint and no services', async () => {
    const metadata = metadataFor(seller.peerId, {
      publicUrl: 'http://127.0.0.1:8080',
      tlsFingerprint256: null,
      services: [],
    });
    const result = await verifyPeerMetadata(await signPeerMetadata(seller, metadata), { now: NOW });
    expect(result.ok).toBe(true);
  });

  it('refuses metadata whose signature is not by its peer', async () => {
    const forged = await signPeerMetadata(stranger, metadataFor(stranger.peerId));
    const claimed = { metadata: { ...forged.metadata, peerId: seller.peerId }, signature: forged.signature };
    expect(await verifyPeerMetadata(claimed, { now: NOW })).toMatchObject({
      ok: false,
      code: 'bad_metadata_signature',
      message: expect.stringContaining(seller.peerId),
    });
    const garbage = { ...claimed, signature: `0x${'00'.repeat(65)}` };
    expect(await verifyPeerMetadata(garbage, { now: NOW })).toMatchObject({ code: 'bad_metadata_signature' });
  });

  it('refuses a valid signature by another peer than the expected one', async () => {
    const signed = await signPeerMetadata(stranger, metadataFor(stranger.peerId));
    expect(await verifyPeerMetadata(signed, { now: NOW, expectedPeerId: seller.peerId })).toMatchObject({
      ok: false,
      code: 'peer_id_mismatch',
    });
    expect(await verifyPeerMetadata(signed, { now: NOW, expectedPeerId: 'nope' })).toMatchObject({
      ok: false,
      code: 'peer_id_mismatch',
      message: expect.stringContaining('not a 40-hex peer id'),
    });
  });

  it('refuses stale metadata and metadata dated in the future, at the configured bounds', async () => {
    const signed = await signPeerMetadata(seller, metadataFor(seller.peerId));
    const at = (now: number, extra: { maxAgeMs?: number; maxFutureSkewMs?: number } = {}) =>
      verifyPeerMetadata(signed, { now, ...extra });
    expect((await at(NOW + 30 * 60_000)).ok).toBe(true);
    expect(await at(NOW + 30 * 60_000 + 1)).toMatchObject({
      code: 'stale_metadata',
      message: expect.stringContaining('fetch a fresh copy'),
    });
    expect((await at(NOW - 5 * 60_000)).ok).toBe(true);
    expect(await at(NOW - 5 * 60_000 - 1)).toMatchObject({
      code: 'stale_metadata',
      message: expect.stringContaining('check this machine'),
    });
    expect(await at(NOW + 1001, { maxAgeMs: 1000 })).toMatchObject({ code: 'stale_metadata' });
    expect(await at(NOW - 1001, { maxFutureSkewMs: 1000 })).toMatchObject({ code: 'stale_metadata' });
  });

  it.each<[string, unknown]>([
    ['a non-object', 'hello'],
    ['an unknown top-level key', { extra: 1 }],
    ['an unknown metadata key', { metadata: { extra: 1 } }],
    ['an upper-case peer id', { metadata: { peerId: 'AB'.repeat(20) } }],
    ['an empty display name', { metadata: { displayName: '' } }],
    ['a 65-character display name', { metadata: { displayName: 'x'.repeat(65) } }],
    ['a trailing slash', { metadata: { publicUrl: 'https://seller.example/' } }],
    ['a protocol other than tollway/1', { metadata: { protocol: 'tollway/2' } }],
    ['an ftp URL', { metadata: { publicUrl: 'ftp://seller.example' } }],
    ['a lower-case fingerprint', { metadata: { tlsFingerprint256: FINGERPRINT.toLowerCase() } }],
    ['a fingerprint on plain http', { metadata: { publicUrl: 'http://seller.example' } }],
    ['a float price', { metadata: { services: [{ pricing: { inputUsdPerMillion: 0.1 } }] } }],
    [
      'a price with 7 decimals',
      { metadata: { services: [{ pricing: { inputUsdPerMillion: '0.0000001' } }] } },
    ],
    ['a negative price', { metadata: { services: [{ pricing: { outputUsdPerMillion: '-1' } }] } }],
    ['an unknown format', { metadata: { services: [{ format: 'gemini' }] } }],
    ['a duplicate service name', { metadata: { services: [{}, { name: 'llama-3.1-8b' }] } }],
    ['a fractional timestamp', { metadata: { timestamp: NOW + 0.5 } }],
    ['a short signature', { signature: '0x1234' }],
  ])('refuses %s as invalid_metadata, naming the field', async (_, patch) => {
    const signed = await signPeerMetadata(seller, metadataFor(seller.peerId));
    const result = await verifyPeerMetadata(typeof patch === 'object' ? merge(signed, patch) : patch, {
      now: NOW,
    });
    expect(result).toMatchObject({
      ok: false,
      code: 'invalid_metadata',
      message: expect.stringMatching(/^signed/),
    });
  });

  it('throws when asked to sign invalid metadata or metadata of another peer', async () => {
    await expect(signPeerMetadata(seller, metadataFor(stranger.peerId))).rejects.toMatchObject({
      code: 'peer_id_mismatch',
    });
    const bad = metadataFor(seller.peerId, { displayName: '' });
    await expect(signPeerMetadata(seller, bad)).rejects.toThrow(SigningError);
    await expect(signPeerMetadata(seller, bad)).rejects.toThrow(/^metadata\.displayName: /);
  });

  it('refuses every single-field change made after signing', async () => {
    const signed = await signPeerMetadata(seller, metadataFor(seller.peerId));
    // `protocol` has one allowed value, so changing it is the schema's refusal, tested above.
    const leaves = leafPaths(signed.metadata).filter((path) => path[0] !== 'protocol');
    expect(leaves.length).toBeGreaterThan(15);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...leaves), fc.nat(), async (path, salt) => {
        const tampered = structuredClone(signed);
        const before = getAt(signed.metadata, path);
        const after = changed(before, path, salt);
        expect(after).not.toEqual(before);
        setAt(tampered.metadata, path, after);
        const result = await verifyPeerMetadata(tampered, { now: NOW });
        // Every change keeps the metadata valid, so the refusal is the signature's.
        expect(result).toMatchObject({ ok: false, code: 'bad_metadata_signature' });
      }),
      { numRuns: 120 },
    );
  });

  it('verifies whatever the key order of the received JSON', async () => {
    const signed = await signPeerMetadata(seller, metadataFor(seller.peerId));
    const reversed = reverseKeys(signed) as SignedPeerMetadata;
    expect(Object.keys(reversed.metadata)[0]).toBe('timestamp');
    expect((await verifyPeerMetadata(reversed, { now: NOW })).ok).toBe(true);
  });
});

type Path = ReadonlyArray<string | number>;

function leafPaths(value: unknown, path: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => leafPaths(item, [...path, i]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => leafPaths(item, [...path, key]));
  }
  return [path];
}

function getAt(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], root);
}

function setAt(root: unknown, path: Path, value: unknown): void {
  const parent = getAt(root, path.slice(0, -1)) as Record<string | number, unknown>;
  parent[path.at(-1)!] = value;
}

/** A different value that the schema still accepts at `path`. */
function changed(value: unknown, path: Path, salt: number): unknown {
  const field = path.filter((key) => typeof key === 'string').at(-1);
  if (typeof value === 'boolean') return !value;
  if (typeof value === 'number') return value + 1 + (salt % 1000);
  if (field === 'peerId') return stranger.peerId;
  if (field === 'format') return value === 'openai-chat' ? 'openai-responses' : 'openai-chat';
  if (field === 'tlsFingerprint256')
    return `${FINGERPRINT.slice(0, -2)}${FINGERPRINT.endsWith('FF') ? '00' : 'FF'}`;
  if (field === 'publicUrl') return `${value}${salt % 10}`;
  if (field?.endsWith('UsdPerMillion')) return `${(salt % 9) + 1}${value}`;
  return `${value}${salt % 10}`.slice(-64);
}

function merge(base: unknown, patch: unknown): unknown {
  if (Array.isArray(patch) && Array.isArray(base)) {
    return patch.map((item, i) => merge(base[i] ?? base[0], item));
  }
  if (patch !== null && typeof patch === 'object' && base !== null && typeof base === 'object') {
    const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
    for (const [key, value] of Object.entries(patch)) out[key] = merge(out[key], value);
    return out;
  }
  return patch;
}

function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, item]) => [key, reverseKeys(item)]),
  );
}

import type { PeerMetadata, SignedPeerMetadata } from '@tollway/payments';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DiscoveredPeer } from '../state/buyer-state.js';
import type { VerifiedPeer } from './known-peer.js';
import { mergeDiscoveredPeers, PEER_CARRY_FORWARD_MS } from './merge-peers.js';

const HOUR = 60 * 60_000;
const NOW = 10 * 24 * HOUR;

function stored(peerId: string, lastSeen: number, lastReachedAt: number | null = null): DiscoveredPeer {
  return {
    peerId,
    displayName: 'old',
    publicUrl: 'https://old',
    services: [],
    signedMetadata: {},
    source: 's',
    lastSeen,
    lastReachedAt,
  };
}

function found(peerId: string): VerifiedPeer {
  const metadata = {
    protocol: 'tollway/1',
    peerId,
    displayName: 'new',
    publicUrl: 'https://new',
    tlsFingerprint256: null,
    services: [
      {
        name: 'm',
        format: 'openai-chat',
        categories: [],
        pricing: { inputUsdPerMillion: '1', outputUsdPerMillion: '1' },
        countTokens: false,
      },
    ],
    software: 't',
    timestamp: NOW,
  } satisfies PeerMetadata;
  const signed: SignedPeerMetadata = { metadata, signature: '0x00' };
  return { peerId, metadata, signed, source: 'https://registry' };
}

const peerId = fc.stringMatching(/^[0-9a-f]{40}$/);

describe('mergeDiscoveredPeers', () => {
  it('replaces found peers, keeping when a request last reached them, and other keys of the state', () => {
    const state = {
      pinnedPeerId: null,
      custom: 1,
      discoveredPeers: [stored('a'.repeat(40), NOW - HOUR, NOW - 5)],
    };
    const merged = mergeDiscoveredPeers(state, [found('a'.repeat(40))], { now: NOW });
    expect(merged).toMatchObject({ custom: 1, peersUpdatedAt: NOW });
    expect(merged.discoveredPeers).toEqual([
      expect.objectContaining({
        displayName: 'new',
        services: ['m'],
        lastSeen: NOW,
        lastReachedAt: NOW - 5,
        source: 'https://registry',
      }),
    ]);
  });

  it('keeps a peer not found now exactly while it was seen or reached within two hours, and the pinned peer always', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({ id: peerId, seenAgo: fc.nat(5 * HOUR), reachedAgo: fc.option(fc.nat(5 * HOUR)) }),
          {
            selector: (p) => p.id,
          },
        ),
        fc.boolean(),
        (peers, pinFirst) => {
          const entries = peers.map((p) =>
            stored(p.id, NOW - p.seenAgo, p.reachedAgo === null ? null : NOW - p.reachedAgo),
          );
          const pinned = pinFirst && peers[0] ? `0x${peers[0].id.toUpperCase()}` : null;
          const merged = mergeDiscoveredPeers({ pinnedPeerId: pinned, discoveredPeers: entries }, [], {
            now: NOW,
          });
          const kept = new Set(merged.discoveredPeers?.map((p) => p.peerId));
          peers.forEach((p, i) => {
            const recent =
              Math.min(p.seenAgo, p.reachedAgo ?? Number.POSITIVE_INFINITY) < PEER_CARRY_FORWARD_MS;
            expect(kept.has(p.id)).toBe(recent || (pinFirst && i === 0));
          });
        },
      ),
    );
  });
});

import { normalizePeerId } from '@tollway/core';
import type { BuyerState, DiscoveredPeer } from '../state/buyer-state.js';
import type { VerifiedPeer } from './known-peer.js';

/** Peers not seen nor reached for this long are dropped from the state file (AntSeed's value). */
export const PEER_CARRY_FORWARD_MS = 2 * 60 * 60 * 1000;

/**
 * The state after a discovery round: peers found now replace their entries (keeping when a
 * request last reached them); peers not found now are kept while they were seen or reached in
 * the last two hours; the session's pinned peer is never dropped, so one failed round cannot
 * break a pinned setup. Other keys of the state are left as they are.
 *
 * @example
 * ```ts
 * await store.update((state) => mergeDiscoveredPeers(state, result.peers, { now: Date.now() }));
 * ```
 */
export function mergeDiscoveredPeers(
  state: BuyerState,
  found: readonly VerifiedPeer[],
  options: { now: number; carryForwardMs?: number },
): BuyerState {
  const ttl = options.carryForwardMs ?? PEER_CARRY_FORWARD_MS;
  const previous = new Map((state.discoveredPeers ?? []).map((p) => [p.peerId, p]));
  const next = new Map<string, DiscoveredPeer>();
  for (const peer of found) {
    const held = previous.get(peer.peerId);
    next.set(peer.peerId, {
      ...held,
      peerId: peer.peerId,
      displayName: peer.metadata.displayName,
      publicUrl: peer.metadata.publicUrl,
      services: peer.metadata.services.map((s) => s.name),
      signedMetadata: peer.signed,
      source: peer.source,
      lastSeen: options.now,
      lastReachedAt: held?.lastReachedAt ?? null,
    });
  }
  const pinned = state.pinnedPeerId ? normalizePeerId(state.pinnedPeerId) : undefined;
  for (const [peerId, held] of previous) {
    if (next.has(peerId)) continue;
    const lastHeard = Math.max(held.lastSeen, held.lastReachedAt ?? 0);
    if (options.now - lastHeard < ttl || peerId === pinned) next.set(peerId, held);
  }
  return { ...state, peersUpdatedAt: options.now, discoveredPeers: [...next.values()] };
}

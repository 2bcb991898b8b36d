import { verifyPeerMetadata } from '@tollway/payments';
import { Agent, type Dispatcher } from 'undici';
import type { Logger } from '../log/logger.js';
import type { DiscoveredPeer } from '../state/buyer-state.js';
import { createPinnedDispatcher } from '../tls/pinned-dispatcher.js';
import { checkPeer, type VerifiedPeer } from './known-peer.js';

/** Metadata kept in the state file is trusted for this long after it was signed. */
const STORED_METADATA_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** A peer the proxy can route to, with when a request last reached it. */
export interface CatalogPeer extends VerifiedPeer {
  lastReachedAt: number | null;
}

/**
 * The peers the proxy can route to: the state file's `discoveredPeers`, each verified again
 * from its signed metadata (so a hand-edited file cannot add a peer or change its URL or
 * certificate), and one connection pool per peer, pinned to the certificate it signed.
 */
export class PeerCatalog {
  private peers = new Map<string, CatalogPeer>();
  /** Verified metadata by signature: each document is checked once, not on every reload. */
  private verified = new Map<string, VerifiedPeer | undefined>();
  private readonly dispatchers = new Map<string, Dispatcher>();

  constructor(
    private readonly options: {
      allowInsecureHttp: boolean;
      logger: Logger;
      now: () => number;
      connectTimeoutMs: number;
    },
  ) {}

  /** Replaces the catalog with the verified entries of the state file. */
  async load(entries: readonly DiscoveredPeer[]): Promise<void> {
    const next = new Map<string, CatalogPeer>();
    const previous = this.verified;
    this.verified = new Map();
    await Promise.all(
      entries.map(async (entry) => {
        const peer = await this.verify(entry, previous);
        if (peer)
          next.set(peer.peerId, {
            ...peer,
            source: entry.source,
            lastReachedAt: entry.lastReachedAt ?? null,
          });
      }),
    );
    this.peers = next;
  }

  get(peerId: string): CatalogPeer | undefined {
    return this.peers.get(peerId);
  }

  all(): CatalogPeer[] {
    return [...this.peers.values()];
  }

  /**
   * The connection pool for a peer: pinned to its signed certificate fingerprint over HTTPS,
   * ordinary certificate checks for an HTTPS peer that signs none, plain for HTTP.
   */
  dispatcherFor(peer: VerifiedPeer): Dispatcher {
    const { publicUrl, tlsFingerprint256 } = peer.metadata;
    const key = `${publicUrl} ${tlsFingerprint256 ?? ''}`;
    let dispatcher = this.dispatchers.get(key);
    if (!dispatcher) {
      const connectTimeoutMs = this.options.connectTimeoutMs;
      dispatcher =
        publicUrl.startsWith('https://') && tlsFingerprint256
          ? createPinnedDispatcher(tlsFingerprint256, { connectTimeoutMs })
          : new Agent({ connect: { timeout: connectTimeoutMs } });
      this.dispatchers.set(key, dispatcher);
    }
    return dispatcher;
  }

  /** Closes every connection pool (in-flight requests are destroyed). */
  async close(): Promise<void> {
    const all = [...this.dispatchers.values()];
    this.dispatchers.clear();
    await Promise.all(all.map((d) => d.destroy().catch(() => {})));
  }

  /** Verifies one entry, reusing the previous load's verdict on the same signature. */
  private async verify(
    entry: DiscoveredPeer,
    previous: Map<string, VerifiedPeer | undefined>,
  ): Promise<VerifiedPeer | undefined> {
    const signature = (entry.signedMetadata as { signature?: unknown } | null)?.signature;
    const key = typeof signature === 'string' ? signature : undefined;
    if (key !== undefined && previous.has(key)) {
      const known = previous.get(key);
      this.verified.set(key, known);
      return known?.peerId === entry.peerId ? known : undefined;
    }
    const result = await verifyPeerMetadata(entry.signedMetadata, {
      now: this.options.now(),
      maxAgeMs: STORED_METADATA_MAX_AGE_MS,
      expectedPeerId: entry.peerId,
    });
    let peer: VerifiedPeer | undefined;
    if (!result.ok) {
      this.options.logger.warn(`ignoring stored peer ${entry.peerId}: ${result.message}`, {
        peerId: entry.peerId,
        code: result.code,
      });
    } else if (!checkPeer(result.value.metadata, this.options)) {
      peer = {
        peerId: result.value.metadata.peerId,
        metadata: result.value.metadata,
        signed: result.value,
        source: entry.source,
      };
    }
    if (key !== undefined) this.verified.set(key, peer);
    return peer;
  }
}

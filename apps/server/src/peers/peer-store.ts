import type { SignedPeerMetadata } from '@tollway/payments';
import type { Queryable } from '../db/db.js';

/** A row of `peers`. */
export interface PeerRow {
  peer_id: string;
  public_url: string;
  metadata: SignedPeerMetadata['metadata'];
  signature: `0x${string}`;
  signed_at: Date;
  received_at: Date;
}

/**
 * Stores verified metadata of a peer unless what is stored is newer: a later `timestamp`
 * replaces an earlier one, the same document again only refreshes `received_at`. Resolves to
 * the stored row, or `undefined` when a newer (or different, equally dated) document is kept.
 *
 * @example
 * ```ts
 * const stored = await storePeer(db, verified.value, Date.now());
 * ```
 */
export async function storePeer(
  db: Queryable,
  signed: SignedPeerMetadata,
  now: number,
): Promise<PeerRow | undefined> {
  const { metadata, signature } = signed;
  return db.one<PeerRow>(
    `INSERT INTO peers (peer_id, public_url, metadata, signature, signed_at, received_at, last_seen_at)
     VALUES ($1, $2, $3, $4, $5, $6, $6)
     ON CONFLICT (peer_id) DO UPDATE SET
       public_url = EXCLUDED.public_url, metadata = EXCLUDED.metadata, signature = EXCLUDED.signature,
       signed_at = EXCLUDED.signed_at, received_at = EXCLUDED.received_at, last_seen_at = EXCLUDED.last_seen_at
     WHERE peers.signed_at < EXCLUDED.signed_at
        OR (peers.signed_at = EXCLUDED.signed_at AND peers.signature = EXCLUDED.signature)
     RETURNING peer_id, public_url, metadata, signature, signed_at, received_at`,
    [metadata.peerId, metadata.publicUrl, metadata, signature, new Date(metadata.timestamp), new Date(now)],
  );
}

/**
 * Peers whose signed metadata is no older than `maxAgeMs`, most recently announced first.
 *
 * @example
 * ```ts
 * const fresh = await freshPeers(db, { now: Date.now(), maxAgeMs: 30 * 60_000, limit: 200 });
 * ```
 */
export function freshPeers(
  db: Queryable,
  options: { now: number; maxAgeMs: number; limit: number },
): Promise<PeerRow[]> {
  return db.many<PeerRow>(
    `SELECT peer_id, public_url, metadata, signature, signed_at, received_at FROM peers
     WHERE signed_at >= $1 ORDER BY received_at DESC, peer_id LIMIT $2`,
    [new Date(options.now - options.maxAgeMs), options.limit],
  );
}

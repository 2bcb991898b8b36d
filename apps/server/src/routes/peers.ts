import { peerServiceSchema, signedPeerMetadataSchema, verifyPeerMetadata } from '@tollway/payments';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.js';
import { HttpError } from '../http/http-error.js';
import { queryInt } from '../http/query-params.js';
import { type RouteRegistry, rateLimited } from '../http/route-registry.js';
import { freshPeers, type PeerRow, storePeer } from '../peers/peer-store.js';
import { usageReputation } from '../reputation/usage-reputation.js';
import { checkOutboundUrl } from '../webhooks/check-webhook-url.js';
import { isoTime } from '../webhooks/iso-time.js';

/** How old an announcement's signature may be when it arrives. */
export const ANNOUNCE_MAX_AGE_MS = 5 * 60_000;
/** How long an announcement stays listed: buyers refuse metadata signed longer ago than this. */
export const LISTED_MAX_AGE_MS = 30 * 60_000;
/** Announcements a minute per peer, and per client address. */
export const ANNOUNCES_PER_MINUTE = { peer: 6, address: 60 } as const;

const Peer = z.object({
  peer_id: z.string(),
  display_name: z.string(),
  public_url: z.string(),
  services: z.array(peerServiceSchema),
  signed_metadata: z.object({ metadata: z.record(z.string(), z.unknown()), signature: z.string() }),
  reputation: z
    .object({ overall_score: z.number(), call_count: z.number().int(), confidence: z.number() })
    .nullable()
    .describe('From the usage rows attributed to the peer id; null before its first call'),
  last_announced_at: z.string(),
});

type PeerJson = z.infer<typeof Peer>;

function toPeer(row: PeerRow, reputation: PeerJson['reputation']): PeerJson {
  return {
    peer_id: row.peer_id,
    display_name: row.metadata.displayName,
    public_url: row.metadata.publicUrl,
    services: row.metadata.services,
    signed_metadata: { metadata: row.metadata, signature: row.signature },
    reputation,
    last_announced_at: isoTime(row.received_at),
  };
}

/**
 * `POST /api/v1/peers` and `GET /api/v1/peers`: the registry of seller peers that buyer
 * proxies bootstrap from.
 *
 * A seller announces its signed metadata (`{ metadata, signature }`); no key is needed, since
 * the signature proves the peer. Refused: a signature that is not the peer's, metadata signed
 * more than 5 minutes ago or dated more than 5 minutes ahead, a `publicUrl` failing the SSRF
 * check (unless its host is on the internal allow-list), an older document than the one stored
 * (409), and more than 6 announcements a minute per peer or 60 per address (429). The listing
 * holds every peer whose metadata was signed in the last 30 minutes (sellers re-announce every
 * 5), each with the signed document for buyers to verify themselves.
 *
 * @example
 * ```ts
 * registerPeerRoutes(registry, deps);
 * ```
 */
export function registerPeerRoutes(registry: RouteRegistry, deps: AppDeps): void {
  registry.add({
    method: 'POST',
    path: '/api/v1/peers',
    summary: "Announce a seller peer's signed metadata (no key: the signature proves the peer)",
    tag: 'Peers',
    auth: 'none',
    body: signedPeerMetadataSchema,
    bodyLimitBytes: 256 * 1024,
    response: Peer,
    handler: async ({ c, body }) => {
      const fromAddress = await deps.rateLimiter.takeKey(
        `announce-address:${c.get('clientIp')}`,
        ANNOUNCES_PER_MINUTE.address,
      );
      if (!fromAddress.allowed) throw rateLimited(fromAddress.retryAfterSeconds);
      const now = deps.now();
      const verified = await verifyPeerMetadata(body, { now, maxAgeMs: ANNOUNCE_MAX_AGE_MS });
      if (!verified.ok)
        throw new HttpError(400, `${verified.code}: ${verified.message}`, { code: verified.code });
      const { metadata } = verified.value;
      const ofPeer = await deps.rateLimiter.takeKey(
        `announce-peer:${metadata.peerId}`,
        ANNOUNCES_PER_MINUTE.peer,
      );
      if (!ofPeer.allowed) throw rateLimited(ofPeer.retryAfterSeconds);
      const url = checkOutboundUrl(metadata.publicUrl, deps.config.allowInternalHosts);
      if (!url.ok) throw new HttpError(400, `metadata.publicUrl: ${url.reason.replace(/^url: /, '')}`);
      const stored = await storePeer(deps.db, verified.value, now);
      if (!stored) throw new HttpError(409, 'A newer announcement of this peer is already stored');
      const [reputation] = await reputationOf(deps, [stored.peer_id]);
      return c.json(toPeer(stored, reputation?.[1] ?? null));
    },
  });

  registry.add({
    method: 'GET',
    path: '/api/v1/peers',
    summary: 'Seller peers announced in the last 30 minutes, with their signed metadata',
    tag: 'Peers',
    auth: 'none',
    query: z.object({ limit: queryInt(200, 1, 1000).describe('Max results (1–1000)') }),
    response: z.object({ peers: z.array(Peer), count: z.number().int() }),
    handler: async ({ c, query }) => {
      const rows = await freshPeers(deps.db, {
        now: deps.now(),
        maxAgeMs: LISTED_MAX_AGE_MS,
        limit: query.limit,
      });
      const reputations = new Map(
        await reputationOf(
          deps,
          rows.map((r) => r.peer_id),
        ),
      );
      const peers = rows.map((row) => toPeer(row, reputations.get(row.peer_id) ?? null));
      return c.json({ peers, count: peers.length });
    },
  });
}

async function reputationOf(
  deps: AppDeps,
  peerIds: string[],
): Promise<[string, NonNullable<PeerJson['reputation']>][]> {
  if (peerIds.length === 0) return [];
  const computed = await usageReputation(deps.db, { agentIds: peerIds, period: 'all-time' });
  return computed.map(({ agentId, score }) => [
    agentId,
    { overall_score: score.overall, call_count: score.totalCalls, confidence: score.confidence },
  ]);
}

import { normalizePeerId } from '@tollway/core';
import { verifyPeerMetadata } from '@tollway/payments';
import { type Logger, silentLogger } from '../log/logger.js';
import { createRecordingDispatcher } from '../tls/pinned-dispatcher.js';
import { boundedGetJson } from './bounded-get.js';
import { checkPeer, type VerifiedPeer } from './known-peer.js';

/** Options of {@link discoverPeers}. */
export interface DiscoverPeersOptions {
  /** Seller URLs and marketplace registry URLs, in any mix. */
  bootstrap: readonly string[];
  /** The current time, ms since the epoch (for the metadata's age). */
  now: number;
  /** Deadline of each fetch. Default 4000 ms. */
  timeoutMs?: number;
  /** Accept plain-HTTP peers that are not on loopback. Default false. */
  allowInsecureHttp?: boolean;
  logger?: Logger;
}

/** One bootstrap URL (or one peer it listed) that gave nothing usable. */
export interface DiscoveryError {
  url: string;
  /** The peer concerned, when a registry listed it. */
  peerId?: string;
  code: string;
  message: string;
}

/** What {@link discoverPeers} found. */
export interface DiscoveryResult {
  peers: VerifiedPeer[];
  errors: DiscoveryError[];
}

const METADATA_MAX_BYTES = 256 * 1024;
const REGISTRY_MAX_BYTES = 8 * 1024 * 1024;

/**
 * Asks every bootstrap URL, in parallel, for peers. A URL is either a seller (`GET /metadata`
 * answers its `SignedPeerMetadata`) or a marketplace registry (`GET /api/v1/peers` answers
 * `{ peers: [{ peer_id, signed_metadata }] }`), tried in that order. Every metadata document is
 * verified against its peer id; a seller fetched directly over HTTPS must present the
 * certificate its metadata signs; plain-HTTP peers pass only on loopback or with
 * `allowInsecureHttp`. Nothing throws: what failed is listed in `errors`.
 *
 * @example
 * ```ts
 * const { peers, errors } = await discoverPeers({ bootstrap: ['https://seller.example:8443'], now: Date.now() });
 * for (const peer of peers) console.log(peer.peerId, peer.metadata.services.map((s) => s.name));
 * ```
 */
export async function discoverPeers(options: DiscoverPeersOptions): Promise<DiscoveryResult> {
  const results = await Promise.all(
    options.bootstrap.map((url) => discoverAt(url.replace(/\/+$/, ''), options)),
  );
  const peers = new Map<string, VerifiedPeer>();
  const errors: DiscoveryError[] = [];
  for (const result of results) {
    errors.push(...result.errors);
    for (const peer of result.peers) {
      const held = peers.get(peer.peerId);
      if (!held || held.metadata.timestamp < peer.metadata.timestamp) peers.set(peer.peerId, peer);
    }
  }
  return { peers: [...peers.values()], errors };
}

async function discoverAt(url: string, options: DiscoverPeersOptions): Promise<DiscoveryResult> {
  const timeoutMs = options.timeoutMs ?? 4000;
  const recording = createRecordingDispatcher({ connectTimeoutMs: timeoutMs });
  try {
    const direct = await boundedGetJson(`${url}/metadata`, {
      timeoutMs,
      maxBytes: METADATA_MAX_BYTES,
      dispatcher: recording.dispatcher,
    });
    if (direct.ok && direct.status === 200 && looksLikeSignedMetadata(direct.json)) {
      const seen = url.startsWith('https://') ? recording.seenFingerprint() : undefined;
      const one = await acceptPeer(url, direct.json, undefined, seen, options);
      return 'code' in one ? { peers: [], errors: [one] } : { peers: [one], errors: [] };
    }
    if (!direct.ok && direct.code !== 'not_json' && direct.code !== 'too_large') {
      return { peers: [], errors: [{ url, code: `bootstrap_${direct.code}`, message: direct.message }] };
    }
    return await fromRegistry(url, timeoutMs, recording.dispatcher, options);
  } finally {
    await recording.dispatcher.close().catch(() => {});
  }
}

async function fromRegistry(
  url: string,
  timeoutMs: number,
  dispatcher: ReturnType<typeof createRecordingDispatcher>['dispatcher'],
  options: DiscoverPeersOptions,
): Promise<DiscoveryResult> {
  const listed = await boundedGetJson(`${url}/api/v1/peers`, {
    timeoutMs,
    maxBytes: REGISTRY_MAX_BYTES,
    dispatcher,
  });
  if (!listed.ok)
    return { peers: [], errors: [{ url, code: `bootstrap_${listed.code}`, message: listed.message }] };
  const entries = (listed.json as { peers?: unknown } | null)?.peers;
  if (listed.status !== 200 || !Array.isArray(entries)) {
    const message = `${url} is neither a seller (no signed /metadata) nor a registry (HTTP ${listed.status} from /api/v1/peers)`;
    return { peers: [], errors: [{ url, code: 'bootstrap_not_a_peer_source', message }] };
  }
  const accepted = await Promise.all(
    entries.map((entry) => {
      const e = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
      const claimed = typeof e.peer_id === 'string' ? e.peer_id : '';
      return acceptPeer(url, e.signed_metadata, claimed, undefined, options);
    }),
  );
  const result: DiscoveryResult = { peers: [], errors: [] };
  for (const one of accepted) {
    if ('code' in one) result.errors.push(one);
    else result.peers.push(one);
  }
  return result;
}

/** Verifies one metadata document and applies the peer policy. */
async function acceptPeer(
  url: string,
  signed: unknown,
  claimedPeerId: string | undefined,
  seenFingerprint: string | undefined,
  options: DiscoverPeersOptions,
): Promise<VerifiedPeer | DiscoveryError> {
  const expected =
    claimedPeerId === undefined ? undefined : (normalizePeerId(claimedPeerId) ?? claimedPeerId);
  const verified = await verifyPeerMetadata(signed, {
    now: options.now,
    ...(expected === undefined ? {} : { expectedPeerId: expected }),
  });
  const peerField = expected === undefined ? {} : { peerId: expected };
  if (!verified.ok) return { url, ...peerField, code: verified.code, message: verified.message };
  const { metadata } = verified.value;
  const refusal = checkPeer(metadata, {
    allowInsecureHttp: options.allowInsecureHttp ?? false,
    logger: options.logger ?? silentLogger,
    seenFingerprint,
  });
  if (refusal) return { url, peerId: metadata.peerId, ...refusal };
  return { peerId: metadata.peerId, metadata, signed: verified.value, source: url };
}

function looksLikeSignedMetadata(json: unknown): boolean {
  return typeof json === 'object' && json !== null && 'metadata' in json && 'signature' in json;
}

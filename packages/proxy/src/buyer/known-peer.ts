import type { PeerMetadata, SignedPeerMetadata } from '@tollway/payments';
import type { Logger } from '../log/logger.js';
import { normalizeFingerprint } from '../tls/pinned-dispatcher.js';
import { peerUrlPolicy } from './peer-url-policy.js';

/** A peer whose signed metadata verified. */
export interface VerifiedPeer {
  peerId: string;
  metadata: PeerMetadata;
  signed: SignedPeerMetadata;
  /** The bootstrap URL it was found through. */
  source: string;
}

/** Why a peer was refused after its signature verified. */
export interface PeerRefusal {
  code: 'insecure_peer_url' | 'tls_fingerprint_mismatch';
  message: string;
}

/**
 * Whether the buyer may use a verified peer: its URL must pass {@link peerUrlPolicy} and, when
 * its metadata was fetched from it directly over HTTPS, the certificate seen must be the one it
 * signed. A plain-HTTP peer that is accepted is logged as a warning naming it.
 */
export function checkPeer(
  metadata: PeerMetadata,
  context: { allowInsecureHttp: boolean; logger: Logger; seenFingerprint?: string | undefined },
): PeerRefusal | undefined {
  const policy = peerUrlPolicy(metadata.publicUrl, context.allowInsecureHttp);
  if (!policy.allowed) {
    return {
      code: 'insecure_peer_url',
      message: `peer ${metadata.peerId} (${metadata.displayName}) announces plain-HTTP ${metadata.publicUrl}; allow it with --insecure-http`,
    };
  }
  if (policy.warning) {
    context.logger.warn(`peer ${metadata.peerId} (${metadata.displayName}): ${policy.warning}`, {
      peerId: metadata.peerId,
      publicUrl: metadata.publicUrl,
    });
  }
  const signed = metadata.tlsFingerprint256;
  if (context.seenFingerprint !== undefined && signed !== null) {
    if (normalizeFingerprint(context.seenFingerprint) !== normalizeFingerprint(signed)) {
      return {
        code: 'tls_fingerprint_mismatch',
        message: `peer ${metadata.peerId} served a TLS certificate other than the one its metadata signs`,
      };
    }
  }
  return undefined;
}

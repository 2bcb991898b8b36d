import {
  type Identity,
  type PeerMetadata,
  type SignedPeerMetadata,
  signPeerMetadata,
} from '@tollway/payments';
import type { SellerServiceConfig } from './seller-options.js';

/** How long a signed metadata document is served before it is signed again with a fresh timestamp. */
const RESIGN_AFTER_MS = 60_000;

export const SELLER_SOFTWARE = 'tollway-seller/0.1.0';

/** Whether the seller answers `count_tokens` for a service. */
export function canCountTokens(service: SellerServiceConfig): boolean {
  return service.upstream.kind === 'test-model' || service.format === 'anthropic-messages';
}

/** What the seller announces, minus the timestamp. */
export type UnsignedMetadata = Omit<PeerMetadata, 'timestamp'>;

/**
 * The metadata of a seller's services (the public part: no upstream URL, key or model name).
 *
 * @example
 * ```ts
 * describeSeller({ peerId, displayName: 'Me', publicUrl, tlsFingerprint256: null, services });
 * ```
 */
export function describeSeller(input: {
  peerId: string;
  displayName: string;
  publicUrl: string;
  tlsFingerprint256: string | null;
  services: SellerServiceConfig[];
}): UnsignedMetadata {
  return {
    protocol: 'tollway/1',
    peerId: input.peerId,
    displayName: input.displayName,
    publicUrl: input.publicUrl,
    tlsFingerprint256: input.tlsFingerprint256,
    services: input.services.map((service) => ({
      name: service.name,
      format: service.format,
      categories: service.categories,
      pricing: { ...service.pricing },
      countTokens: canCountTokens(service),
    })),
    software: SELLER_SOFTWARE,
  };
}

/**
 * Signs the seller's metadata on demand and keeps the signature for a minute, so that
 * `/metadata` is cheap and its timestamp stays fresh. Concurrent callers share one signing.
 *
 * @example
 * ```ts
 * const signer = createMetadataSigner(identity, unsigned, Date.now);
 * const signed = await signer();
 * ```
 */
export function createMetadataSigner(
  identity: Identity,
  metadata: UnsignedMetadata,
  now: () => number,
): () => Promise<SignedPeerMetadata> {
  let cached: { at: number; signed: Promise<SignedPeerMetadata> } | undefined;
  return () => {
    const at = now();
    if (!cached || at - cached.at >= RESIGN_AFTER_MS || at < cached.at) {
      const signed = signPeerMetadata(identity, { ...metadata, timestamp: at });
      cached = { at, signed };
      // A failed signing is not cached.
      signed.catch(() => {
        if (cached?.signed === signed) cached = undefined;
      });
    }
    return cached.signed;
  };
}

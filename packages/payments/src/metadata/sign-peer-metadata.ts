import { normalizePeerId } from '@tollway/core';
import { recoverMessageAddress } from 'viem';
import { SigningError } from '../errors/signing-error.js';
import type { Identity } from '../identity/identity.js';
import { canonicalJson } from './canonical-json.js';
import { firstIssueMessage } from './issue-message.js';
import {
  type PeerMetadata,
  peerMetadataSchema,
  type SignedPeerMetadata,
  signedPeerMetadataSchema,
} from './peer-metadata-schema.js';

const DOMAIN = 'tollway-peer-metadata-v1\n';
const MINUTE = 60_000;

/** The exact text a peer signs for its metadata. */
function metadataMessage(metadata: PeerMetadata): string {
  return DOMAIN + canonicalJson(metadata);
}

/**
 * Signs a seller's metadata with its identity: an EIP-191 signature over
 * `"tollway-peer-metadata-v1\n" + canonicalJson(metadata)`. The metadata is checked against
 * `peerMetadataSchema` first; metadata that does not match, or whose `peerId` is not this
 * identity's, throws a `SigningError` (`invalid_metadata`, `peer_id_mismatch`).
 *
 * @example
 * ```ts
 * const signed = await signPeerMetadata(identity, {
 *   protocol: 'tollway/1',
 *   peerId: identity.peerId,
 *   displayName: 'Example seller',
 *   publicUrl: 'https://seller.example:8443',
 *   tlsFingerprint256: certificate.fingerprint256,
 *   services: [{ name: 'llama-3.1-8b', format: 'openai-chat', categories: ['chat'],
 *     pricing: { inputUsdPerMillion: '0.10', outputUsdPerMillion: '0.20' }, countTokens: false }],
 *   software: 'tollway/0.1.0',
 *   timestamp: Date.now(),
 * });
 * ```
 */
export async function signPeerMetadata(
  identity: Identity,
  metadata: PeerMetadata,
): Promise<SignedPeerMetadata> {
  const parsed = peerMetadataSchema.safeParse(metadata);
  if (!parsed.success) {
    throw new SigningError('invalid_metadata', firstIssueMessage(parsed.error, 'metadata'));
  }
  if (parsed.data.peerId !== identity.peerId) {
    throw new SigningError(
      'peer_id_mismatch',
      `metadata.peerId ${parsed.data.peerId} is not this identity's peer id ${identity.peerId}`,
    );
  }
  const signature = await identity.account.signMessage({ message: metadataMessage(parsed.data) });
  return { metadata: parsed.data, signature };
}

/** The outcome of {@link verifyPeerMetadata}: the verified metadata, or why it was refused. */
export type MetadataVerification =
  | { ok: true; value: SignedPeerMetadata }
  | {
      ok: false;
      code: 'invalid_metadata' | 'bad_metadata_signature' | 'stale_metadata' | 'peer_id_mismatch';
      message: string;
    };

/** How {@link verifyPeerMetadata} judges freshness and whose metadata it expects. */
export interface VerifyPeerMetadataOptions {
  /** The current time, ms since the epoch. */
  now: number;
  /** How old a signature may be; default 30 minutes. */
  maxAgeMs?: number;
  /** How far in the future a signature may be dated (clock skew); default 5 minutes. */
  maxFutureSkewMs?: number;
  /** The peer this metadata must belong to (any case, optional `0x`). */
  expectedPeerId?: string;
}

/**
 * Checks metadata received from anyone (the seller, a registry, a cache): its shape, that the
 * signature recovers to `metadata.peerId`, that this is `expectedPeerId` when given, and that it
 * was signed no more than `maxAgeMs` ago and no more than `maxFutureSkewMs` ahead of `now`.
 * Never throws for bad input: a refusal is `{ ok: false, code, message }`.
 *
 * @example
 * ```ts
 * const result = await verifyPeerMetadata(await response.json(), { now: Date.now(), expectedPeerId: pinnedPeer });
 * if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
 * const { publicUrl, tlsFingerprint256 } = result.value.metadata;
 * ```
 */
export async function verifyPeerMetadata(
  signed: unknown,
  options: VerifyPeerMetadataOptions,
): Promise<MetadataVerification> {
  const parsed = signedPeerMetadataSchema.safeParse(signed);
  if (!parsed.success) {
    return { ok: false, code: 'invalid_metadata', message: firstIssueMessage(parsed.error, 'signed') };
  }
  const { metadata, signature } = parsed.data;
  let signer: string;
  try {
    signer = (await recoverMessageAddress({ message: metadataMessage(metadata), signature })).toLowerCase();
  } catch {
    signer = '';
  }
  if (signer.slice(2) !== metadata.peerId) {
    return {
      ok: false,
      code: 'bad_metadata_signature',
      message: `the signature was not made by peer ${metadata.peerId} over this metadata; fetch it again from the peer itself`,
    };
  }
  if (options.expectedPeerId !== undefined) {
    const expected = normalizePeerId(options.expectedPeerId);
    if (expected !== metadata.peerId) {
      return {
        ok: false,
        code: 'peer_id_mismatch',
        message: `this metadata is signed by peer ${metadata.peerId}, not the expected peer ${expected ?? `"${options.expectedPeerId}" (not a 40-hex peer id)`}`,
      };
    }
  }
  const age = options.now - metadata.timestamp;
  const maxAge = options.maxAgeMs ?? 30 * MINUTE;
  const maxFuture = options.maxFutureSkewMs ?? 5 * MINUTE;
  if (age > maxAge) {
    return {
      ok: false,
      code: 'stale_metadata',
      message: `this metadata was signed ${describeMs(age)} ago (at most ${describeMs(maxAge)} is accepted); fetch a fresh copy from the peer`,
    };
  }
  if (-age > maxFuture) {
    return {
      ok: false,
      code: 'stale_metadata',
      message: `this metadata is dated ${describeMs(-age)} in the future (at most ${describeMs(maxFuture)} is accepted); check this machine's clock and the peer's`,
    };
  }
  return { ok: true, value: { metadata, signature } };
}

function describeMs(ms: number): string {
  return ms >= MINUTE ? `${Math.round(ms / 6_000) / 10} min` : `${Math.round(ms / 100) / 10} s`;
}

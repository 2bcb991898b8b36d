import { API_FORMATS, type ApiFormat } from '@tollway/core';
import { z } from 'zod';

/** The protocol tag every metadata document carries. */
export const PEER_METADATA_PROTOCOL = 'tollway/1';

// At most 6 decimals: prices must be exact in USDC base units per million tokens (see parseUsdc).
const usdPerMillion = z
  .string()
  .regex(/^\d{1,12}(\.\d{1,6})?$/, 'must be a decimal USD amount per million tokens with at most 6 decimals');

const label = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');

/** One service a seller offers. */
export const peerServiceSchema = z.strictObject({
  /** The service or model name buyers request. */
  name: label(200),
  format: z.enum(API_FORMATS as readonly ApiFormat[] as [ApiFormat, ...ApiFormat[]]),
  categories: z.array(label(64)).max(32),
  pricing: z.strictObject({
    inputUsdPerMillion: usdPerMillion,
    outputUsdPerMillion: usdPerMillion,
    cachedInputUsdPerMillion: usdPerMillion.optional(),
  }),
  /** Whether the seller answers `POST /v1/messages/count_tokens`. */
  countTokens: z.boolean(),
});

const publicUrl = z
  .string()
  .max(2048)
  .refine((text) => {
    if (!URL.canParse(text)) return false;
    const url = new URL(text);
    return (
      (url.protocol === 'https:' || url.protocol === 'http:') &&
      !text.endsWith('/') &&
      url.search === '' &&
      url.hash === '' &&
      url.username === '' &&
      url.password === ''
    );
  }, 'must be an http(s) URL without a trailing slash, query, fragment or credentials');

/**
 * What a seller announces about itself, signed with its identity (see `signPeerMetadata`).
 * Every object is strict: an unknown key is an error. `tlsFingerprint256` is the SHA-256
 * fingerprint of the seller's TLS certificate as Node's `X509Certificate.fingerprint256` writes
 * it (`AB:CD:…`, 32 upper-case pairs), or `null` for a plain-http URL. Service names are unique.
 *
 * @example
 * ```ts
 * const metadata = peerMetadataSchema.parse(JSON.parse(body).metadata);
 * ```
 */
export const peerMetadataSchema = z
  .strictObject({
    protocol: z.literal(PEER_METADATA_PROTOCOL),
    peerId: z.string().regex(/^[0-9a-f]{40}$/, 'must be 40 lower-case hex characters'),
    displayName: label(64),
    publicUrl,
    tlsFingerprint256: z
      .string()
      .regex(/^[0-9A-F]{2}(:[0-9A-F]{2}){31}$/, 'must be 32 upper-case hex pairs separated by colons')
      .nullable(),
    services: z.array(peerServiceSchema).max(256),
    software: label(64),
    timestamp: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  })
  .superRefine((metadata, ctx) => {
    if (new URL(metadata.publicUrl).protocol === 'http:' && metadata.tlsFingerprint256 !== null) {
      ctx.addIssue({
        code: 'custom',
        path: ['tlsFingerprint256'],
        message: 'must be null for a plain-http publicUrl',
      });
    }
    const seen = new Set<string>();
    metadata.services.forEach((service, index) => {
      if (seen.has(service.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['services', index, 'name'],
          message: `"${service.name}" is listed twice; service names must be unique`,
        });
      }
      seen.add(service.name);
    });
  });

/** What a seller announces about itself; see {@link peerMetadataSchema}. */
export type PeerMetadata = z.infer<typeof peerMetadataSchema>;

/** One service in {@link PeerMetadata}. */
export type PeerService = z.infer<typeof peerServiceSchema>;

/**
 * Metadata and the EIP-191 signature of its peer over it, as relayed between nodes.
 *
 * @example
 * ```ts
 * const parsed = signedPeerMetadataSchema.safeParse(await response.json());
 * ```
 */
export const signedPeerMetadataSchema = z.strictObject({
  metadata: peerMetadataSchema,
  signature: z
    .string()
    .regex(/^0x[0-9a-fA-F]{130}$/, 'must be a 65-byte hex signature') as z.ZodType<`0x${string}`>,
});

/** Metadata signed by its peer; see {@link signedPeerMetadataSchema}. */
export interface SignedPeerMetadata {
  metadata: PeerMetadata;
  signature: `0x${string}`;
}

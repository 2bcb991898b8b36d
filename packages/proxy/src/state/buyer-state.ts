import { join } from 'node:path';
import { z } from 'zod';
import { JsonStateFile, type JsonStateFileOptions } from './json-state-file.js';

/** The buyer state file's name inside the data directory. */
export const BUYER_STATE_FILE = 'buyer.state.json';

/** One peer the buyer has found, with the signed metadata it was verified from. */
export const discoveredPeerSchema = z.looseObject({
  /** 40 lower-case hex characters. */
  peerId: z.string(),
  displayName: z.string(),
  /** Where the seller answers (`https://host:port`). */
  publicUrl: z.string(),
  /** The names of the services it sells. */
  services: z.array(z.string()),
  /** The `SignedPeerMetadata` document, kept so it can be verified again after a restart. */
  signedMetadata: z.unknown(),
  /** The bootstrap URL it was found through. */
  source: z.string(),
  /** When discovery last saw it (ms since the epoch). */
  lastSeen: z.number(),
  /** When a request last reached it (ms since the epoch). */
  lastReachedAt: z.number().nullable().optional(),
});

/**
 * `buyer.state.json`: AntSeed-compatible key names. Unknown keys (other writers', other
 * versions') are kept as they are.
 *
 * @example
 * ```ts
 * buyerStateSchema.parse({ pinnedPeerId: null, defaultRoutedModel: 'kept as it is' });
 * ```
 */
export const buyerStateSchema = z.looseObject({
  state: z.enum(['connected', 'stopped']).optional(),
  pid: z.number().int().nullable().optional(),
  port: z.number().int().nullable().optional(),
  pinnedPeerId: z.string().nullable().optional(),
  pinnedService: z.string().nullable().optional(),
  peersUpdatedAt: z.number().nullable().optional(),
  discoveredPeers: z.array(discoveredPeerSchema).optional(),
});

/** The contents of `buyer.state.json`. */
export type BuyerState = z.infer<typeof buyerStateSchema>;
/** One entry of {@link BuyerState.discoveredPeers}. */
export type DiscoveredPeer = z.infer<typeof discoveredPeerSchema>;

/**
 * `<dataDir>/buyer.state.json`, shared by the buyer proxy and the CLI. Every write is a
 * read-merge-write under `buyer.state.json.lock` and lands atomically (temp file + rename); a
 * corrupt file is an error naming its path, never silently replaced.
 *
 * @example
 * ```ts
 * const store = new BuyerStateStore(dataDir);
 * await store.update((s) => ({ ...s, pinnedPeerId: '6f9b9e63d3f776d359eb2fb0a82d12ee496fbefe' }));
 * const stop = store.watch((s) => console.log('pin is now', s.pinnedPeerId));
 * stop();
 * ```
 */
export class BuyerStateStore extends JsonStateFile<typeof buyerStateSchema> {
  constructor(
    readonly dataDir: string,
    options: JsonStateFileOptions = {},
  ) {
    super(join(dataDir, BUYER_STATE_FILE), buyerStateSchema, options);
  }
}

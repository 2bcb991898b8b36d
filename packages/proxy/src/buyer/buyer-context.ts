import type { IncomingMessage } from 'node:http';
import { type Pin, type PinError, resolvePin } from '@tollway/core';
import type { Identity, PeerService } from '@tollway/payments';
import type { Logger } from '../log/logger.js';
import type { BuyerMetrics } from '../metrics/buyer-metrics.js';
import { BuyerError } from './buyer-error.js';
import type { PaymentStep } from './payment-step.js';
import type { CatalogPeer, PeerCatalog } from './peer-catalog.js';
import type { PeerTimeouts } from './send-to-peer.js';

/** The session pins, as last read from the state file. */
export interface SessionPins {
  pinnedPeerId: string | null;
  pinnedService: string | null;
}

/** What the route handlers share: set up once by `createBuyerProxy`. */
export interface BuyerContext {
  identity: Identity;
  catalog: PeerCatalog;
  session(): SessionPins;
  /** Runs discovery now (joining a round in progress); resolves when the catalog is updated. */
  refreshPeers(): Promise<void>;
  /** Notes that a request reached a peer. */
  peerReached(peerId: string): void;
  paymentStep: PaymentStep;
  logger: Logger;
  metrics: BuyerMetrics;
  now: () => number;
  bodyLimitBytes: number;
  timeouts: Required<PeerTimeouts>;
  keepAliveAfterMs: number;
}

/** The pin headers: AntSeed's name and Tollway's alias. */
export function pinHeader(req: IncomingMessage): string | string[] | undefined {
  return req.headers['x-antseed-pin-peer'] ?? req.headers['x-tollway-pin-peer'];
}

/** The pin of a request from its header, its model and the session pins. */
export function requestPin(
  ctx: BuyerContext,
  req: IncomingMessage,
  model: string | undefined,
): { ok: true; value: Pin } | { ok: false; error: PinError } {
  const session = ctx.session();
  return resolvePin({
    header: pinHeader(req),
    model,
    sessionPeer: session.pinnedPeerId,
    sessionService: session.pinnedService,
  });
}

/**
 * The pinned peer, refreshing discovery once when it is not known yet (a seller that started a
 * moment ago); `peer_not_found` otherwise.
 */
export async function findPeer(ctx: BuyerContext, peerId: string): Promise<CatalogPeer> {
  let peer = ctx.catalog.get(peerId);
  if (!peer) {
    await ctx.refreshPeers();
    peer = ctx.catalog.get(peerId);
  }
  if (!peer) {
    throw new BuyerError(
      'peer_not_found',
      `Peer ${peerId} is not known to this proxy. Run "tollway network browse" to list the peers it knows, or add the peer's URL with --bootstrap <url>.`,
    );
  }
  return peer;
}

/** The service a peer sells under `model`; `model_not_offered` naming what it does sell. */
export function findService(peer: CatalogPeer, model: string): PeerService {
  const service = peer.metadata.services.find((s) => s.name === model);
  if (service) return service;
  const offered = peer.metadata.services.map((s) => `"${s.name}"`).join(', ') || 'nothing at the moment';
  throw new BuyerError(
    'model_not_offered',
    `Peer ${peer.peerId} (${peer.metadata.displayName}) does not offer "${model}". It offers: ${offered}.`,
    { param: 'model' },
  );
}

import type { IncomingHttpHeaders } from 'node:http';
import { newNonce, signRequest } from '@tollway/payments';
import type { BuyerContext } from './buyer-context.js';
import { outboundHeaders } from './outbound-headers.js';
import type { CatalogPeer } from './peer-catalog.js';
import { type PeerResponse, sendToPeer } from './send-to-peer.js';

/** Longest error or whole-response body read from a seller. */
export const MAX_PEER_BODY_BYTES = 64 * 1024 * 1024;

/**
 * Sends a body to a seller the way the seller node expects it: POST to its `publicUrl` + `path`,
 * signed with the buyer's identity for that seller, with only the allow-listed client headers
 * plus `extraHeaders` (payment).
 */
export async function callPeer(
  ctx: BuyerContext,
  input: {
    peer: CatalogPeer;
    path: string;
    body: string;
    clientHeaders: IncomingHttpHeaders;
    extraHeaders?: Record<string, string> | undefined;
    signal: AbortSignal;
  },
): Promise<PeerResponse> {
  const signature = await signRequest(ctx.identity, {
    method: 'POST',
    path: input.path,
    body: input.body,
    sellerPeerId: input.peer.peerId,
    now: ctx.now(),
    nonce: newNonce(),
  });
  const res = await sendToPeer({
    url: `${input.peer.metadata.publicUrl}${input.path}`,
    body: input.body,
    headers: outboundHeaders(input.clientHeaders, { ...input.extraHeaders, ...signature }),
    dispatcher: ctx.catalog.dispatcherFor(input.peer),
    timeouts: ctx.timeouts,
    signal: input.signal,
    peerName: `${input.peer.peerId} (${input.peer.metadata.displayName})`,
  });
  ctx.peerReached(input.peer.peerId);
  return res;
}

/** Reads a seller's whole body as text, up to {@link MAX_PEER_BODY_BYTES}. */
export async function readPeerBody(res: PeerResponse): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body) {
    size += (chunk as Buffer).length;
    if (size > MAX_PEER_BODY_BYTES) {
      res.body.destroy();
      throw new Error(`the peer's answer is larger than ${MAX_PEER_BODY_BYTES} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

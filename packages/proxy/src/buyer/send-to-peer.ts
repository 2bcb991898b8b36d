import type { Readable } from 'node:stream';
import { type Dispatcher, request } from 'undici';
import { describe } from './bounded-get.js';
import { BuyerError } from './buyer-error.js';

/** Timeouts of a call to a seller, in ms. */
export interface PeerTimeouts {
  /** TCP + TLS connect. Default 10 000. */
  connectMs?: number;
  /** Until the seller's response headers arrive. Default 300 000 (models can think for long). */
  firstByteMs?: number;
  /** Silence between two body chunks. Default 300 000. */
  idleMs?: number;
}

/** The seller's answer, its body still streaming. */
export interface PeerResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Readable;
}

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT']);

/**
 * POSTs a request to a seller and returns as soon as its headers arrive. Failing to reach it is
 * a {@link BuyerError}: `peer_timeout` (504), `tls_fingerprint_mismatch` (502: the certificate is
 * not the one the peer signed) or `peer_unreachable` (502). An abort through `signal` is
 * rethrown as it is.
 *
 * @example
 * ```ts
 * const res = await sendToPeer({ url: `${publicUrl}/v1/messages`, body, headers, dispatcher, timeouts: {} });
 * ```
 */
export async function sendToPeer(input: {
  url: string;
  body: string;
  headers: Record<string, string>;
  dispatcher: Dispatcher;
  timeouts: Required<PeerTimeouts>;
  signal?: AbortSignal;
  peerName: string;
}): Promise<PeerResponse> {
  try {
    const res = await request(input.url, {
      method: 'POST',
      headers: input.headers,
      body: input.body,
      dispatcher: input.dispatcher,
      headersTimeout: input.timeouts.firstByteMs,
      bodyTimeout: input.timeouts.idleMs,
      ...(input.signal ? { signal: input.signal } : {}),
    });
    return { status: res.statusCode, headers: res.headers, body: res.body };
  } catch (error) {
    if (input.signal?.aborted) throw error;
    throw peerError(error, input.peerName, input.timeouts);
  }
}

function peerError(error: unknown, peerName: string, timeouts: Required<PeerTimeouts>): BuyerError {
  const codes = codesInChain(error);
  if (codes.includes('tls_fingerprint_mismatch')) {
    return new BuyerError(
      'tls_fingerprint_mismatch',
      `Peer ${peerName} presented a TLS certificate other than the one its signed metadata names; nothing was sent.`,
      { cause: error },
    );
  }
  const timeout = codes.find((c) => TIMEOUT_CODES.has(c));
  if (timeout) {
    const limit = timeout === 'UND_ERR_CONNECT_TIMEOUT' ? timeouts.connectMs : timeouts.firstByteMs;
    return new BuyerError('peer_timeout', `Peer ${peerName} did not answer within ${limit} ms.`, {
      cause: error,
    });
  }
  return new BuyerError('peer_unreachable', `Peer ${peerName} could not be reached: ${describe(error)}.`, {
    cause: error,
  });
}

/** Every `code` along an error's `cause` chain (undici wraps the connector's error). */
function codesInChain(error: unknown): string[] {
  const codes: string[] = [];
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
  }
  return codes;
}

import { normalizePeerId } from '@tollway/core';
import { recoverMessageAddress } from 'viem';
import { SigningError } from '../errors/signing-error.js';
import type { ReplayGuard } from './replay-guard.js';
import { hasLineBreak, REQUEST_SIGNATURE_HEADERS, requestMessage } from './request-message.js';

/** The outcome of {@link verifyRequest}: who signed, or why the request is refused. */
export type RequestVerification =
  | { ok: true; buyerPeerId: string }
  | {
      ok: false;
      code: 'missing_request_signature' | 'invalid_request_signature' | 'stale_request' | 'replayed_request';
      message: string;
    };

/** A request as the seller received it. */
export interface VerifyRequestInput {
  method: string;
  /** The path and query as received (Node's `request.url`). */
  path: string;
  /** The body bytes as received. */
  body: Uint8Array | string;
  /** The request headers; names in any case. */
  headers: Record<string, string | string[] | undefined>;
  /** This seller's own peer id. */
  sellerPeerId: string;
  /** The current time, ms since the epoch. */
  now: number;
  /** The seller's one guard, shared by all requests. */
  replayGuard: ReplayGuard;
  /** How far the buyer's timestamp may be from `now`, either way; default 5 minutes. */
  maxSkewMs?: number;
}

type Refusal = Extract<RequestVerification, { ok: false }>;

const HEADER_LIST = Object.values(REQUEST_SIGNATURE_HEADERS).join(', ');

/**
 * Checks a buyer's signed request: the four `x-tollway-*` headers are present and well formed,
 * the timestamp is within `maxSkewMs` of `now`, the signature recovers to the buyer over this
 * method, path, body, timestamp, nonce and this seller's peer id, and the buyer's nonce has not
 * been seen. The nonce is remembered only after the signature checks out, so forged requests
 * cannot use up a buyer's nonces. Refusals are values; it throws only when `sellerPeerId` is not a
 * peer id (`SigningError('invalid_request_to_sign')`).
 *
 * @example
 * ```ts
 * const guard = new ReplayGuard();
 * const result = await verifyRequest({
 *   method: req.method, path: req.url, body, headers: req.headers,
 *   sellerPeerId: identity.peerId, now: Date.now(), replayGuard: guard,
 * });
 * if (!result.ok) return reply(401, { error: { type: result.code, message: result.message } });
 * charge(result.buyerPeerId);
 * ```
 */
export async function verifyRequest(input: VerifyRequestInput): Promise<RequestVerification> {
  const maxSkewMs = input.maxSkewMs ?? 5 * 60_000;
  const sellerPeerId = normalizePeerId(input.sellerPeerId);
  if (!sellerPeerId) {
    throw new SigningError('invalid_request_to_sign', 'verifyRequest: sellerPeerId is not a 40-hex peer id');
  }

  const headers = readHeaders(input.headers);
  if (!headers.ok) return headers;
  const { buyer: rawBuyer, timestamp, nonce, signature } = headers.values;

  const buyer = normalizePeerId(rawBuyer);
  if (!buyer) return invalid(`${REQUEST_SIGNATURE_HEADERS.buyer} must be the buyer's 40-hex peer id`);
  if (!/^\d{1,16}$/.test(timestamp)) {
    return invalid(
      `${REQUEST_SIGNATURE_HEADERS.timestamp} must be the signing time in whole ms since the epoch`,
    );
  }
  if (!/^[0-9a-f]{32}$/.test(nonce)) {
    return invalid(
      `${REQUEST_SIGNATURE_HEADERS.nonce} must be 32 lower-case hex characters, new for each request`,
    );
  }
  if (!/^0x[0-9a-fA-F]{130}$/.test(signature)) {
    return invalid(`${REQUEST_SIGNATURE_HEADERS.signature} must be a 65-byte hex signature with 0x`);
  }

  const skew = input.now - Number(timestamp);
  if (Math.abs(skew) > maxSkewMs) {
    const direction = skew > 0 ? 'behind' : 'ahead of';
    return {
      ok: false,
      code: 'stale_request',
      message:
        `the request's timestamp is ${Math.round(Math.abs(skew) / 1000)} s ${direction} the seller's clock ` +
        `(at most ${Math.round(maxSkewMs / 1000)} s is accepted); check the buyer's clock and sign each request when it is sent`,
    };
  }

  if (hasLineBreak(input.method) || hasLineBreak(input.path))
    return invalid('the method or path has a line break');
  const message = requestMessage({ ...input, timestamp, nonce, sellerPeerId });
  let signer = '';
  try {
    signer = (await recoverMessageAddress({ message, signature: signature as `0x${string}` })).toLowerCase();
  } catch {
    // A signature that recovers to no key is simply not the buyer's.
  }
  if (signer.slice(2) !== buyer) {
    return invalid(
      `the signature is not ${buyer}'s over this request; sign the method, the path and query as sent, ` +
        `the exact body bytes, the timestamp, the nonce and this seller's peer id (${sellerPeerId})`,
    );
  }

  // The request stays acceptable until timestamp + maxSkewMs, so its nonce is remembered at least
  // that long, whatever the guard's own window.
  if (!input.replayGuard.remember(`${buyer}:${nonce}`, input.now, Number(timestamp) + maxSkewMs)) {
    return {
      ok: false,
      code: 'replayed_request',
      message: 'this nonce was already used by this buyer; send every request with a new nonce and signature',
    };
  }
  return { ok: true, buyerPeerId: buyer };
}

function invalid(message: string): Refusal {
  return { ok: false, code: 'invalid_request_signature', message };
}

type HeaderValues = Record<keyof typeof REQUEST_SIGNATURE_HEADERS, string>;

function readHeaders(
  headers: Record<string, string | string[] | undefined>,
): { ok: true; values: HeaderValues } | Refusal {
  const lower = new Map<string, string | string[] | undefined>();
  for (const [name, value] of Object.entries(headers)) lower.set(name.toLowerCase(), value);
  const values: Partial<HeaderValues> = {};
  const missing: string[] = [];
  for (const [field, name] of Object.entries(REQUEST_SIGNATURE_HEADERS) as [keyof HeaderValues, string][]) {
    const value = lower.get(name);
    const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
    if (list.length > 1) return invalid(`${name} was sent ${list.length} times; send it once`);
    const text = list[0]?.trim();
    if (text) values[field] = text;
    else missing.push(name);
  }
  if (missing.length > 0) {
    return {
      ok: false,
      code: 'missing_request_signature',
      message: `the request is not signed (missing ${missing.join(', ')}); sign every request with the buyer's identity in the headers ${HEADER_LIST}`,
    };
  }
  return { ok: true, values: values as HeaderValues };
}

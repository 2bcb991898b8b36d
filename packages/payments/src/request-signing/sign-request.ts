import { randomBytes } from 'node:crypto';
import { normalizePeerId } from '@tollway/core';
import { SigningError } from '../errors/signing-error.js';
import type { Identity } from '../identity/identity.js';
import { hasLineBreak, REQUEST_SIGNATURE_HEADERS, requestMessage } from './request-message.js';

/** One request to a seller, as it will be sent. */
export interface RequestToSign {
  method: string;
  /** The path and query exactly as sent (`/v1/messages?beta=true`). */
  path: string;
  /** The body bytes exactly as sent; a string is hashed as UTF-8. */
  body: Uint8Array | string;
  /** The seller's peer id, so that the signature is worthless at any other seller. */
  sellerPeerId: string;
  /** The time of signing, ms since the epoch. */
  now: number;
  /** 32 lower-case hex characters, fresh for every request: see {@link newNonce}. */
  nonce: string;
}

/**
 * A fresh request nonce: 16 random bytes as 32 lower-case hex characters.
 *
 * @example
 * ```ts
 * newNonce(); // '3f0c…' (32 hex characters)
 * ```
 */
export function newNonce(): string {
  return randomBytes(16).toString('hex');
}

/**
 * The four `x-tollway-*` headers that sign a request to a seller with the buyer's identity: an
 * EIP-191 signature over `"tollway-request-v1\n" + METHOD + "\n" + path + "\n" + sha256hex(body)
 * + "\n" + timestamp + "\n" + nonce + "\n" + sellerPeerId`. A malformed request (a line break in
 * the method or path, a bad nonce or seller peer id, a time that is not a whole number of ms)
 * throws `SigningError('invalid_request_to_sign')`.
 *
 * @example
 * ```ts
 * const body = JSON.stringify({ model: 'llama-3.1-8b', messages });
 * const headers = await signRequest(identity, {
 *   method: 'POST', path: '/v1/chat/completions', body, sellerPeerId, now: Date.now(), nonce: newNonce(),
 * });
 * await fetch(`${publicUrl}/v1/chat/completions`, { method: 'POST', body, headers: { ...headers, 'content-type': 'application/json' } });
 * ```
 */
export async function signRequest(
  identity: Identity,
  request: RequestToSign,
): Promise<Record<string, string>> {
  const invalid = (what: string) =>
    new SigningError('invalid_request_to_sign', `cannot sign this request: ${what}`);
  const sellerPeerId = normalizePeerId(request.sellerPeerId);
  if (!sellerPeerId) throw invalid('sellerPeerId is not a 40-hex peer id');
  if (!/^[0-9a-f]{32}$/.test(request.nonce))
    throw invalid('nonce must be 32 lower-case hex characters (newNonce())');
  if (!Number.isSafeInteger(request.now) || request.now < 0)
    throw invalid('now must be whole ms since the epoch');
  if (!request.method || hasLineBreak(request.method) || hasLineBreak(request.path)) {
    throw invalid(
      'the method must be non-empty and neither the method nor the path may contain a line break',
    );
  }
  const timestamp = String(request.now);
  const signature = await identity.account.signMessage({
    message: requestMessage({ ...request, sellerPeerId, timestamp }),
  });
  return {
    [REQUEST_SIGNATURE_HEADERS.buyer]: identity.peerId,
    [REQUEST_SIGNATURE_HEADERS.timestamp]: timestamp,
    [REQUEST_SIGNATURE_HEADERS.nonce]: request.nonce,
    [REQUEST_SIGNATURE_HEADERS.signature]: signature,
  };
}

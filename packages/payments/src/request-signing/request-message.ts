import { createHash } from 'node:crypto';

/** The header names that carry a request's signature. */
export const REQUEST_SIGNATURE_HEADERS = {
  buyer: 'x-tollway-buyer',
  timestamp: 'x-tollway-timestamp',
  nonce: 'x-tollway-nonce',
  signature: 'x-tollway-signature',
} as const;

/** The fields a request signature covers. */
export interface RequestMessageFields {
  method: string;
  path: string;
  body: Uint8Array | string;
  timestamp: string;
  nonce: string;
  sellerPeerId: string;
}

/** The exact text a buyer signs (EIP-191) for one request. */
export function requestMessage(fields: RequestMessageFields): string {
  const bodyHash = createHash('sha256').update(fields.body).digest('hex');
  return [
    'tollway-request-v1',
    fields.method.toUpperCase(),
    fields.path,
    bodyHash,
    fields.timestamp,
    fields.nonce,
    fields.sellerPeerId,
  ].join('\n');
}

/** A method or path that cannot be written unambiguously in the newline-separated message. */
export function hasLineBreak(text: string): boolean {
  return /[\r\n]/.test(text);
}

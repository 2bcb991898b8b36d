// The two signatures a webhook delivery carries; shared by signing and verifying.
import { createHmac } from 'node:crypto';
import { TollwayError } from '../errors/tollway-error.js';

const STANDARD_SECRET_PREFIX = 'whsec_';

/**
 * The Standard Webhooks signing key: the base64-decoded part after `whsec_` when the secret
 * has that prefix (decoded as Node and the reference libraries do, which also accept the
 * URL-safe alphabet), else the secret's UTF-8 bytes.
 */
export function standardKey(secret: string): Buffer {
  const key = secret.startsWith(STANDARD_SECRET_PREFIX)
    ? Buffer.from(secret.slice(STANDARD_SECRET_PREFIX.length), 'base64')
    : Buffer.from(secret, 'utf8');
  if (key.length === 0) {
    throw new TollwayError('invalid_webhook_secret', 'A webhook secret must not be empty.');
  }
  return key;
}

/** Raw HMAC-SHA256 of `${id}.${timestamp}.${body}` under the Standard Webhooks key. */
export function standardDigest(key: Buffer, webhookId: string, timestamp: string, body: string): Buffer {
  return createHmac('sha256', key).update(`${webhookId}.${timestamp}.${body}`, 'utf8').digest();
}

/** Raw HMAC-SHA256 of the body under the secret's UTF-8 bytes (the marketplace's `X-ACF-Signature`). */
export function acfDigest(secret: string, body: string): Buffer {
  if (secret === '') {
    throw new TollwayError('invalid_webhook_secret', 'A webhook secret must not be empty.');
  }
  return createHmac('sha256', Buffer.from(secret, 'utf8')).update(body, 'utf8').digest();
}

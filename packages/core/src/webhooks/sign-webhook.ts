import { TollwayError } from '../errors/tollway-error.js';
import { acfDigest, standardDigest, standardKey } from './webhook-hmac.js';

/** What a webhook delivery is signed over. */
export interface WebhookSignatureInput {
  /**
   * The subscription's secret. For the Standard Webhooks signature, a `whsec_` secret's key is
   * the base64 after the prefix; any other secret's key is its UTF-8 bytes. `X-ACF-Signature`
   * always uses the whole secret's UTF-8 bytes, as the marketplace reference does.
   */
  secret: string;
  /** The exact body sent (see `webhookBody`). */
  body: string;
  /** The delivery's id, the same on every retry. */
  webhookId: string;
  /** When this attempt is sent, in whole Unix seconds (a retry gets a fresh one). */
  timestampSeconds: number;
}

/** The signature headers of one webhook delivery attempt (a plain record, to spread into a request's headers). */
export type WebhookSignatureHeaders = {
  /** Hex HMAC-SHA256 of the body (the marketplace reference's header; no replay protection). */
  'X-ACF-Signature': string;
  'webhook-id': string;
  'webhook-timestamp': string;
  /** `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">` (standardwebhooks.com). */
  'webhook-signature': string;
};

/**
 * Signs a webhook delivery both ways: the marketplace reference's `X-ACF-Signature` (hex
 * HMAC-SHA256 of the body), for receivers written against it, and the Standard Webhooks headers
 * (`webhook-id`, `webhook-timestamp`, `webhook-signature`), whose signature covers the id and
 * the timestamp too, so a receiver can refuse replays and old deliveries. Receivers' existing
 * Standard Webhooks libraries verify these headers as they are.
 *
 * Throws `TollwayError` `invalid_webhook_secret` for an empty secret and
 * `invalid_webhook_timestamp` for a timestamp that is not whole non-negative seconds.
 *
 * @example
 * ```ts
 * const body = webhookBody({ event: 'service.called', payload: {}, timestamp: '2026-03-19T10:00:01Z', webhookId: 'wh-1' });
 * const headers = signWebhook({ secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', body, webhookId: 'wh-1', timestampSeconds: 1773914401 });
 * await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', 'X-ACF-Event': 'service.called', ...headers } });
 * ```
 */
export function signWebhook(input: WebhookSignatureInput): WebhookSignatureHeaders {
  const { timestampSeconds } = input;
  if (!Number.isSafeInteger(timestampSeconds) || timestampSeconds < 0) {
    throw new TollwayError(
      'invalid_webhook_timestamp',
      `A webhook timestamp must be whole Unix seconds, not ${timestampSeconds}.`,
    );
  }
  const timestamp = String(timestampSeconds);
  const standard = standardDigest(standardKey(input.secret), input.webhookId, timestamp, input.body);
  return {
    'X-ACF-Signature': acfDigest(input.secret, input.body).toString('hex'),
    'webhook-id': input.webhookId,
    'webhook-timestamp': timestamp,
    'webhook-signature': `v1,${standard.toString('base64')}`,
  };
}

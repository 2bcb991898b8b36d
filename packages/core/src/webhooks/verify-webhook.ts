import { timingSafeEqual } from 'node:crypto';
import { acfDigest, standardDigest, standardKey } from './webhook-hmac.js';

/** Arguments of {@link verifyWebhook}. */
export interface VerifyWebhookInput {
  /** The subscription's secret, as given to `signWebhook`. */
  secret: string;
  /** The raw body as received, before any JSON parsing. */
  body: string;
  /** The request's headers; names are matched case-insensitively. */
  headers: Record<string, string | undefined>;
  /** The receiver's clock, in Unix seconds. */
  nowSeconds: number;
  /** How far `webhook-timestamp` may be from `nowSeconds`, either way. Default 300 s. */
  toleranceSeconds?: number;
}

/** Why a webhook delivery was refused. */
export type WebhookVerificationCode = 'missing_signature' | 'bad_signature' | 'stale_timestamp';

/** Outcome of {@link verifyWebhook}: which scheme vouched for the body, or why none did. */
export type WebhookVerification =
  | { ok: true; scheme: 'standard-webhooks' | 'acf' }
  | { ok: false; code: WebhookVerificationCode; message: string };

const DEFAULT_TOLERANCE_SECONDS = 300;

/**
 * Checks that a webhook delivery was signed with `secret`.
 *
 * When `webhook-signature` is present, the Standard Webhooks scheme decides alone: it needs
 * `webhook-id` and `webhook-timestamp`, refuses a timestamp more than `toleranceSeconds` away
 * from `nowSeconds` (`stale_timestamp`), and accepts when any `v1,` signature in the header
 * (several may be sent during a secret rotation) matches. Without it, the marketplace
 * reference's `X-ACF-Signature` (hex HMAC-SHA256 of the body) is checked. That scheme signs
 * neither a time nor an id, so a captured delivery can be replayed forever: receivers that can
 * should insist on `scheme === 'standard-webhooks'`, and drop repeated `webhook-id`s.
 * Comparisons are constant-time (`timingSafeEqual`).
 *
 * @example
 * ```ts
 * const result = verifyWebhook({ secret, body: rawBody, headers: req.headers, nowSeconds: Math.floor(Date.now() / 1000) });
 * if (!result.ok) return res.writeHead(401).end(result.message);
 * ```
 */
export function verifyWebhook(input: VerifyWebhookInput): WebhookVerification {
  const header = headerReader(input.headers);
  const signatures = header('webhook-signature');
  if (signatures !== undefined) return verifyStandard(input, signatures, header);
  const acf = header('x-acf-signature');
  if (acf === undefined) {
    return refuse('missing_signature', 'The request has neither webhook-signature nor X-ACF-Signature.');
  }
  const expected = acfDigest(input.secret, input.body);
  const given = /^[0-9a-f]{64}$/i.test(acf.trim()) ? Buffer.from(acf.trim(), 'hex') : undefined;
  return given !== undefined && timingSafeEqual(given, expected)
    ? { ok: true, scheme: 'acf' }
    : refuse('bad_signature', 'X-ACF-Signature does not match the body and secret.');
}

function verifyStandard(
  input: VerifyWebhookInput,
  signatures: string,
  header: (name: string) => string | undefined,
): WebhookVerification {
  const id = header('webhook-id');
  const timestamp = header('webhook-timestamp');
  if (id === undefined || timestamp === undefined) {
    return refuse('missing_signature', 'webhook-signature needs webhook-id and webhook-timestamp beside it.');
  }
  if (!/^\d{1,15}$/.test(timestamp)) {
    return refuse('bad_signature', 'webhook-timestamp is not whole Unix seconds.');
  }
  const tolerance = input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (Math.abs(input.nowSeconds - Number(timestamp)) > tolerance) {
    return refuse('stale_timestamp', `webhook-timestamp is more than ${tolerance} s from now.`);
  }
  const expected = standardDigest(standardKey(input.secret), id, timestamp, input.body);
  for (const entry of signatures.split(' ')) {
    const [version, value] = entry.split(',', 2);
    if (version !== 'v1' || value === undefined) continue;
    const given = Buffer.from(value, 'base64');
    if (given.length === expected.length && timingSafeEqual(given, expected)) {
      return { ok: true, scheme: 'standard-webhooks' };
    }
  }
  return refuse('bad_signature', 'No v1 signature in webhook-signature matches the body and secret.');
}

function headerReader(headers: Record<string, string | undefined>): (name: string) => string | undefined {
  const lower = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value === 'string') lower.set(name.toLowerCase(), value);
  }
  return (name) => lower.get(name);
}

function refuse(code: WebhookVerificationCode, message: string): WebhookVerification {
  return { ok: false, code, message };
}

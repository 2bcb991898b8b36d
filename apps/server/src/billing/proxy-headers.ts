import { formatUsdc } from '@tollway/core';

/** Headers that describe one hop of a connection, never forwarded (RFC 9110 §7.6.1). */
const HOP_BY_HOP = [
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
];

/** The buyer's credentials and the marketplace's own controls: for the marketplace, not the provider. */
const NOT_FOR_PROVIDER = [
  'authorization',
  'cookie',
  'x-api-key',
  'api-key',
  'x-auth-token',
  'idempotency-key',
  'host',
  'content-length',
  'accept-encoding',
  'expect',
];

/**
 * The buyer's request headers as sent on to the provider: hop-by-hop headers (and any named in
 * `Connection`), credentials (`authorization`, `cookie`, `x-api-key`, …), `host`,
 * `content-length` and the marketplace's `idempotency-key` removed; the rest kept.
 *
 * @example
 * ```ts
 * forwardedRequestHeaders(new Headers({ authorization: 'Bearer k:s', 'content-type': 'application/json' }));
 * // Headers { 'content-type': 'application/json' }
 * ```
 */
export function forwardedRequestHeaders(incoming: Headers): Headers {
  const out = new Headers(incoming);
  for (const name of connectionNamed(incoming)) out.delete(name);
  for (const name of [...HOP_BY_HOP, ...NOT_FOR_PROVIDER]) out.delete(name);
  return out;
}

/**
 * The provider's response headers as passed to the buyer: hop-by-hop headers removed, and
 * `content-encoding`/`content-length` too because the body is passed on decoded; `set-cookie`
 * is dropped so a provider cannot set cookies on the marketplace's origin.
 *
 * @example
 * ```ts
 * providerResponseHeaders(new Headers({ 'content-type': 'text/event-stream', connection: 'keep-alive' }));
 * // Headers { 'content-type': 'text/event-stream' }
 * ```
 */
export function providerResponseHeaders(upstream: Headers): Headers {
  const out = new Headers(upstream);
  for (const name of connectionNamed(upstream)) out.delete(name);
  for (const name of [...HOP_BY_HOP, 'content-encoding', 'content-length', 'set-cookie']) out.delete(name);
  return out;
}

function connectionNamed(headers: Headers): string[] {
  return (headers.get('connection') ?? '')
    .split(',')
    .map((n) => n.trim().toLowerCase())
    .filter(Boolean);
}

/** What one proxied call cost, for its billing headers. */
export interface CallBilling {
  usageId: string;
  /** Charged, in USDC base units (0 for free and refunded calls). */
  amount: bigint;
  freeTier: boolean;
  latencyMs: number;
}

/**
 * The documented billing headers: `X-ACF-Usage-Id`, `X-ACF-Amount` (what was charged, `"0.05"`;
 * `"0.00"` for free or refunded calls, unlike the reference, which shows the price even when the
 * call failed), `X-ACF-Free-Tier` (`"true"`/`"false"`) and `X-ACF-Latency-Ms` (milliseconds
 * until the provider's answer began; a stream's body may take longer).
 *
 * @example
 * ```ts
 * billingHeaders({ usageId: 'u1', amount: 50_000n, freeTier: false, latencyMs: 150 });
 * // { 'X-ACF-Usage-Id': 'u1', 'X-ACF-Amount': '0.05', 'X-ACF-Free-Tier': 'false', 'X-ACF-Latency-Ms': '150' }
 * ```
 */
export function billingHeaders(billing: CallBilling): Record<string, string> {
  return {
    'X-ACF-Usage-Id': billing.usageId,
    'X-ACF-Amount': formatUsdAmount(billing.amount),
    'X-ACF-Free-Tier': billing.freeTier ? 'true' : 'false',
    'X-ACF-Latency-Ms': String(Math.max(0, Math.round(billing.latencyMs))),
  };
}

/**
 * USDC base units as the reference writes dollar amounts: at least 2 decimals, at most 6, no
 * trailing zeros beyond the second (`"0.05"`, `"2.10"`, `"0.000125"`).
 *
 * @example
 * ```ts
 * formatUsdAmount(2_100_000n); // '2.10'
 * formatUsdAmount(125n); // '0.000125'
 * ```
 */
export function formatUsdAmount(units: bigint): string {
  return formatUsdc(units).replace(/(\.\d{2}\d*?)0+$/, '$1');
}

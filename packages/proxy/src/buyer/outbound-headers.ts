import type { IncomingHttpHeaders } from 'node:http';

/**
 * Client headers that describe the request itself. Everything else stays local: credentials
 * (`authorization`, `x-api-key`, `cookie`, `proxy-authorization`, `api-key`), pin headers, and
 * whatever else a client happens to send.
 */
const FORWARDED = ['content-type', 'accept', 'anthropic-version', 'anthropic-beta', 'openai-beta'] as const;

/**
 * The headers sent to a seller: the allow-listed client headers, then `extra` (signature and
 * payment headers), which win. An allow-list rather than a deny-list, so a credential header
 * nobody thought of is not forwarded either.
 *
 * @example
 * ```ts
 * outboundHeaders({ authorization: 'Bearer sk-…', 'anthropic-version': '2023-06-01' }, { 'x-tollway-signature': '0x…' });
 * // { 'anthropic-version': '2023-06-01', 'content-type': 'application/json', 'x-tollway-signature': '0x…' }
 * ```
 */
export function outboundHeaders(
  client: IncomingHttpHeaders,
  extra: Record<string, string> = {},
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of FORWARDED) {
    const value = client[name];
    if (typeof value === 'string') out[name] = value;
  }
  // The body sent is always JSON, whatever the client declared.
  out['content-type'] = 'application/json';
  for (const [name, value] of Object.entries(extra)) out[name.toLowerCase()] = value;
  return out;
}

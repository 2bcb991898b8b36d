import { isIP } from 'node:net';
import { isBlockedAddress } from './blocked-addresses.js';

/** Host names or addresses outbound calls may reach although they are internal. */
export type AllowInternalHosts = readonly string[];

/**
 * Whether a URL may be registered or called: http or https, no user name or password in it,
 * and not an internal IP address (unless the host is allowed). Host names are not resolved
 * here; every resolved address is checked again when a connection is made.
 *
 * @example
 * ```ts
 * checkUrl('https://api.example.com/v1'); // { ok: true, url: URL }
 * checkUrl('http://169.254.169.254/latest'); // { ok: false, code: 'internal_address', reason: '…' }
 * checkUrl('http://127.0.0.1:9000', ['127.0.0.1']); // { ok: true, url: URL }
 * ```
 */
export function checkUrl(
  input: string | URL,
  allowInternalHosts: AllowInternalHosts = [],
): { ok: true; url: URL } | { ok: false; code: 'invalid_url' | 'internal_address'; reason: string } {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return { ok: false, code: 'invalid_url', reason: 'not a valid URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return {
      ok: false,
      code: 'invalid_url',
      reason: `scheme ${url.protocol} is not allowed: use http:// or https://`,
    };
  }
  if (url.username || url.password) {
    return { ok: false, code: 'invalid_url', reason: 'credentials in the URL are not allowed' };
  }
  const host = bareHost(url.hostname);
  if (!host) return { ok: false, code: 'invalid_url', reason: 'the URL has no host' };
  if (isIP(host) && isBlockedAddress(host) && !isAllowedHost(host, allowInternalHosts)) {
    return { ok: false, code: 'internal_address', reason: `${host} is an internal address` };
  }
  return { ok: true, url };
}

/** Whether a host name or address is on the allow-list (case-insensitive, brackets ignored). */
export function isAllowedHost(host: string, allowInternalHosts: AllowInternalHosts): boolean {
  const wanted = bareHost(host);
  return allowInternalHosts.some((allowed) => bareHost(allowed) === wanted);
}

/** `[::1]` → `::1`, lower case, no trailing dot. */
export function bareHost(host: string): string {
  return host
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
}

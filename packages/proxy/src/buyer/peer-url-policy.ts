import { isIP } from 'node:net';

/**
 * Whether a URL's host is this machine: `localhost`, `127.0.0.0/8` or `::1`.
 *
 * @example
 * ```ts
 * isLoopbackUrl('http://127.0.0.1:9000'); // true
 * isLoopbackUrl('http://seller.example'); // false
 * ```
 */
export function isLoopbackUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return false;
  }
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1' || host === '0:0:0:0:0:0:0:1';
}

/**
 * Whether the buyer may talk to a peer at `publicUrl`: HTTPS always; plain HTTP only on loopback
 * or when the user allowed it (`allowInsecureHttp`). `warning` is set for every plain-HTTP peer
 * accepted, so the caller can log it with the peer's name.
 *
 * @example
 * ```ts
 * peerUrlPolicy('http://seller.example', false); // { allowed: false, warning: undefined }
 * ```
 */
export function peerUrlPolicy(
  publicUrl: string,
  allowInsecureHttp: boolean,
): { allowed: boolean; warning: string | undefined } {
  if (publicUrl.startsWith('https://')) return { allowed: true, warning: undefined };
  if (!publicUrl.startsWith('http://')) return { allowed: false, warning: undefined };
  if (isLoopbackUrl(publicUrl)) {
    return { allowed: true, warning: 'plain HTTP on loopback: requests are not encrypted' };
  }
  if (allowInsecureHttp) {
    return { allowed: true, warning: 'plain HTTP allowed by allowInsecureHttp: requests are not encrypted' };
  }
  return { allowed: false, warning: undefined };
}

import { getConnInfo } from '@hono/node-server/conninfo';
import type { AppContext } from './app-env.js';

/**
 * The address a request counts against: the socket's peer, or with `trustProxy` the first
 * `X-Forwarded-For` entry (set that only behind a reverse proxy that overwrites the header).
 *
 * @example
 * ```ts
 * clientIp(c, false); // '127.0.0.1'
 * ```
 */
export function clientIp(c: AppContext, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // Not served by @hono/node-server (app.request() in a test): there is no socket.
    return 'unknown';
  }
}

import { timingSafeEqual } from 'node:crypto';
import type { Hono } from 'hono';
import type { AppDeps } from '../app-deps.js';
import { issueKey } from '../auth/api-key.js';
import type { AppEnv } from '../http/app-env.js';

/**
 * `POST /internal/admin-key`: creates an admin key in the running server's database, for
 * `tollway server admin-key` on a PGlite data dir that this server holds open. Only callers on
 * loopback holding the control token (readable only from the data dir's 0600 control file) are
 * answered; anyone else gets the ordinary 404. Not part of the public API or its docs.
 *
 * @example
 * ```ts
 * mountControlRoutes(app, deps, newControlToken());
 * ```
 */
export function mountControlRoutes(app: Hono<AppEnv>, deps: AppDeps, token: string): void {
  const expected = Buffer.from(`Bearer ${token}`);
  app.post('/internal/admin-key', async (c) => {
    const remote = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming
      ?.socket?.remoteAddress;
    const sent = Buffer.from(c.req.header('authorization') ?? '');
    const loopback = remote === '127.0.0.1' || remote === '::1' || remote === '::ffff:127.0.0.1';
    if (!loopback || sent.length !== expected.length || !timingSafeEqual(sent, expected)) {
      return c.json({ detail: 'Not Found' }, 404);
    }
    const body = (await c.req.json().catch(() => ({}))) as { owner_id?: unknown };
    const ownerId = typeof body.owner_id === 'string' && body.owner_id ? body.owner_id : 'admin';
    const { key, secret } = await issueKey(deps.db, { ownerId, role: 'admin' });
    deps.logger.info('admin key created through the control channel', { keyId: key.keyId });
    return c.json({ key_id: key.keyId, secret }, 201);
  });
}

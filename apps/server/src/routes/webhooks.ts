import { randomBytes, randomUUID } from 'node:crypto';
import { signWebhook } from '@tollway/core';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.js';
import { HttpError } from '../http/http-error.js';
import type { RouteRegistry } from '../http/route-registry.js';
import { checkWebhookUrl } from '../webhooks/check-webhook-url.js';
import { isoTime } from '../webhooks/iso-time.js';
import { WEBHOOK_EVENTS } from '../webhooks/webhook-events.js';

/** Subscriptions one owner may hold, as documented. */
export const MAX_WEBHOOKS_PER_OWNER = 20;

const signable = (secret: string) => {
  try {
    signWebhook({ secret, body: '', webhookId: 'check', timestampSeconds: 0 });
    return true;
  } catch {
    return false;
  }
};

const CreateWebhookBody = z.object({
  url: z.string().trim().min(1).max(2048).describe('Webhook endpoint URL (must use HTTPS)'),
  events: z
    .array(z.enum(WEBHOOK_EVENTS))
    .min(1)
    .max(WEBHOOK_EVENTS.length * 4)
    .describe('Events to subscribe to'),
  secret: z
    .string()
    .min(16)
    .max(512)
    .refine(signable, 'a whsec_ secret must be followed by base64')
    .optional()
    .describe(
      'Secret for HMAC-SHA256 payload signing, at least 16 characters. Omit it to have one made (whsec_ + base64); it is shown only in this answer.',
    ),
});

const Webhook = z.object({
  id: z.string(),
  owner_id: z.string(),
  url: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENTS)),
  active: z.boolean(),
  created_at: z.string(),
});

const WebhookParams = z.object({ webhook_id: z.string().min(1).max(128) });

interface WebhookRow {
  id: string;
  owner_id: string;
  url: string;
  events: (typeof WEBHOOK_EVENTS)[number][];
  active: boolean;
  created_at: Date;
}

const COLUMNS = 'id, owner_id, url, events, active, created_at';

function toWebhook(row: WebhookRow): z.infer<typeof Webhook> {
  return {
    id: row.id,
    owner_id: row.owner_id,
    url: row.url,
    events: row.events,
    active: row.active,
    created_at: isoTime(row.created_at),
  };
}

/**
 * `POST /api/v1/webhooks`, `GET /api/v1/webhooks` and `DELETE /api/v1/webhooks/{webhook_id}`.
 *
 * A subscription's URL must be HTTPS and pass the SSRF check (plain http, internal addresses
 * and `localhost` only for hosts on the server's internal allow-list); an owner holds at most
 * 20. The secret is shown once, in the creation answer, and never listed. Deliveries carry
 * `X-ACF-Signature`, `X-ACF-Event` and the Standard Webhooks headers; see the delivery worker.
 *
 * @example
 * ```ts
 * registerWebhookRoutes(registry, deps);
 * ```
 */
export function registerWebhookRoutes(registry: RouteRegistry, deps: AppDeps): void {
  registry.add({
    method: 'POST',
    path: '/api/v1/webhooks',
    summary: 'Subscribe a URL to events (HTTPS, at most 20 per owner)',
    tag: 'Webhooks',
    auth: 'key',
    body: CreateWebhookBody,
    response: Webhook.extend({ secret: z.string() }),
    status: 201,
    handler: async ({ c, body, key }) => {
      const checked = checkWebhookUrl(body.url, deps.config.allowInternalHosts);
      if (!checked.ok) throw new HttpError(400, checked.reason);
      const events = [...new Set(body.events)].sort();
      const secret = body.secret ?? `whsec_${randomBytes(24).toString('base64')}`;
      const row = await deps.db.transaction(async (tx) => {
        // One owner's subscriptions are counted and added one request at a time.
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`webhooks:${key.ownerId}`]);
        const held = await tx.one<{ n: number }>(
          'SELECT count(*)::int AS n FROM webhooks WHERE owner_id = $1',
          [key.ownerId],
        );
        if ((held?.n ?? 0) >= MAX_WEBHOOKS_PER_OWNER) {
          throw new HttpError(400, `Maximum ${MAX_WEBHOOKS_PER_OWNER} webhooks per owner`);
        }
        return tx.one<WebhookRow>(
          `INSERT INTO webhooks (id, owner_id, url, events, secret, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING ${COLUMNS}`,
          [`wh-${randomUUID()}`, key.ownerId, body.url, events, secret, new Date(deps.now())],
        );
      });
      return c.json({ ...toWebhook(row!), secret }, 201);
    },
  });

  registry.add({
    method: 'GET',
    path: '/api/v1/webhooks',
    summary: 'List your webhook subscriptions',
    tag: 'Webhooks',
    auth: 'key',
    response: z.object({ webhooks: z.array(Webhook), count: z.number().int() }),
    handler: async ({ c, key }) => {
      const rows = await deps.db.many<WebhookRow>(
        `SELECT ${COLUMNS} FROM webhooks WHERE owner_id = $1 ORDER BY created_at, id`,
        [key.ownerId],
      );
      return c.json({ webhooks: rows.map(toWebhook), count: rows.length });
    },
  });

  registry.add({
    method: 'DELETE',
    path: '/api/v1/webhooks/:webhook_id',
    summary: 'Delete a webhook subscription (owner only); its undelivered events are dropped',
    tag: 'Webhooks',
    auth: 'key',
    params: WebhookParams,
    response: z.object({ status: z.literal('deleted'), webhook_id: z.string() }),
    handler: async ({ c, params, key }) => {
      const deleted = await deps.db.transaction(async (tx) => {
        const row = await tx.one<{ owner_id: string }>(
          'SELECT owner_id FROM webhooks WHERE id = $1 FOR UPDATE',
          [params.webhook_id],
        );
        if (!row) throw new HttpError(404, 'Webhook not found');
        if (row.owner_id !== key.ownerId) throw new HttpError(403, 'Only the owner can delete this webhook');
        await tx.query('DELETE FROM webhooks WHERE id = $1', [params.webhook_id]);
        return params.webhook_id;
      });
      return c.json({ status: 'deleted' as const, webhook_id: deleted });
    },
  });
}

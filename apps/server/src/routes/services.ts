import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.js';
import { endpointSchema } from '../catalog/endpoint-schema.js';
import { escapeLike } from '../catalog/escape-like.js';
import { lockOwned } from '../catalog/lock-owned.js';
import { priceSchema } from '../catalog/price-per-call.js';
import {
  PAYMENT_METHODS,
  SERVICE_COLUMNS,
  SERVICE_STATUSES,
  type ServiceRow,
  ServiceSchema,
  toServiceView,
} from '../catalog/service-view.js';
import { assignments } from '../catalog/sql-assignments.js';
import type { Queryable, SqlParam } from '../db/db.js';
import { HttpError } from '../http/http-error.js';
import { queryInt } from '../http/query-params.js';
import type { RouteRegistry } from '../http/route-registry.js';

const text = (max: number) => z.string().trim().max(max);
const tagList = z.array(z.string().trim().min(1).max(50)).max(20);
const ServiceParams = z.object({ service_id: z.string().min(1).max(100) });

const ListQuery = z.object({
  query: z.string().max(200).optional().describe('Text search in name and description'),
  category: z.string().max(100).optional(),
  status: z.enum(SERVICE_STATUSES).default('active'),
  limit: queryInt(50, 1, 100),
  offset: queryInt(0, 0),
});

const ListResponse = z.object({
  services: z.array(ServiceSchema),
  count: z.number().int(),
  offset: z.number().int(),
  limit: z.number().int(),
});

/**
 * The service registry: `POST /api/v1/services` (provider key), `GET /api/v1/services`,
 * `GET|PATCH|DELETE /api/v1/services/{service_id}` (changes by the owning provider only;
 * DELETE is a soft delete to `removed`).
 *
 * @example
 * ```ts
 * registerServiceRoutes(registry, deps);
 * ```
 */
export function registerServiceRoutes(registry: RouteRegistry, deps: AppDeps): void {
  const endpoint = endpointSchema(deps.config.allowInternalHosts);
  const CreateBody = z.object({
    name: text(200).min(1).describe('Service name'),
    description: text(5000).default(''),
    endpoint: endpoint.describe("Provider's API URL (http or https, not an internal address)"),
    price_per_call: priceSchema().describe('Price per call in USDC, a decimal string like "0.05"'),
    category: text(100).default(''),
    tags: tagList.default([]),
    payment_method: z.enum(PAYMENT_METHODS).default('x402'),
    free_tier_calls: z.number().int().min(0).max(1_000_000).default(0).describe('Free calls per buyer'),
  });
  const UpdateBody = z.object({
    name: text(200).min(1).optional(),
    description: text(5000).optional(),
    endpoint: endpoint.optional(),
    price_per_call: priceSchema().optional(),
    status: z.enum(SERVICE_STATUSES).optional(),
    category: text(100).optional(),
    tags: tagList.optional(),
    payment_method: z.enum(PAYMENT_METHODS).optional(),
    free_tier_calls: z.number().int().min(0).max(1_000_000).optional(),
  });

  registry.add({
    method: 'POST',
    path: '/api/v1/services',
    summary: 'Register a service',
    tag: 'Services',
    auth: 'provider',
    body: CreateBody,
    response: ServiceSchema,
    status: 201,
    handler: async ({ c, body, key }) => {
      const row = await deps.db.one<ServiceRow>(
        `INSERT INTO services (id, provider_id, name, description, endpoint, price_units, price_text,
                               payment_method, free_tier_calls, category, tags, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)
         RETURNING ${SERVICE_COLUMNS}`,
        [
          randomUUID(),
          key.ownerId,
          body.name,
          body.description,
          body.endpoint,
          body.price_per_call.units,
          body.price_per_call.text,
          body.payment_method,
          body.free_tier_calls,
          body.category,
          body.tags,
          new Date(deps.now()),
        ],
      );
      return c.json(toServiceView(row!), 201);
    },
  });

  registry.add({
    method: 'GET',
    path: '/api/v1/services',
    summary: 'List and search services',
    tag: 'Services',
    auth: 'none',
    query: ListQuery,
    response: ListResponse,
    handler: async ({ c, query }) => {
      const where = ['status = $1'];
      const params: SqlParam[] = [query.status];
      if (query.query) {
        params.push(escapeLike(query.query));
        where.push(
          `(name ILIKE '%' || $${params.length} || '%' OR description ILIKE '%' || $${params.length} || '%')`,
        );
      }
      if (query.category) {
        params.push(query.category);
        where.push(`category = $${params.length}`);
      }
      params.push(query.limit, query.offset);
      const rows = await deps.db.many<ServiceRow>(
        `SELECT ${SERVICE_COLUMNS} FROM services WHERE ${where.join(' AND ')}
         ORDER BY created_at DESC, id LIMIT $${params.length - 1} OFFSET $${params.length}`,
        params,
      );
      return c.json({
        services: rows.map(toServiceView),
        count: rows.length,
        offset: query.offset,
        limit: query.limit,
      });
    },
  });

  registry.add({
    method: 'GET',
    path: '/api/v1/services/:service_id',
    summary: 'Get a service',
    tag: 'Services',
    auth: 'none',
    params: ServiceParams,
    response: ServiceSchema,
    handler: async ({ c, params }) => {
      const row = await findService(deps.db, params.service_id);
      if (!row) throw new HttpError(404, 'Service not found');
      return c.json(toServiceView(row));
    },
  });

  registry.add({
    method: 'PATCH',
    path: '/api/v1/services/:service_id',
    summary: 'Update a service (owner only)',
    tag: 'Services',
    auth: 'provider',
    params: ServiceParams,
    body: UpdateBody,
    response: ServiceSchema,
    handler: async ({ c, params, body, key }) => {
      const row = await deps.db.transaction(async (tx) => {
        await lockOwned(tx, 'service', params.service_id, key.ownerId);
        const at = new Date(deps.now());
        const removing = body.status === undefined ? undefined : body.status === 'removed' ? at : null;
        const { sets, values } = assignments({
          name: body.name,
          description: body.description,
          endpoint: body.endpoint,
          price_units: body.price_per_call?.units,
          price_text: body.price_per_call?.text,
          status: body.status,
          removed_at: removing,
          category: body.category,
          tags: body.tags,
          payment_method: body.payment_method,
          free_tier_calls: body.free_tier_calls,
          updated_at: at,
        });
        return tx.one<ServiceRow>(
          `UPDATE services SET ${sets} WHERE id = $${values.length + 1} RETURNING ${SERVICE_COLUMNS}`,
          [...values, params.service_id],
        );
      });
      return c.json(toServiceView(row!));
    },
  });

  registry.add({
    method: 'DELETE',
    path: '/api/v1/services/:service_id',
    summary: 'Remove a service (soft delete, owner only)',
    tag: 'Services',
    auth: 'provider',
    params: ServiceParams,
    response: z.object({ status: z.literal('removed'), id: z.string() }),
    handler: async ({ c, params, key }) => {
      await deps.db.transaction(async (tx) => {
        await lockOwned(tx, 'service', params.service_id, key.ownerId);
        await tx.query(
          `UPDATE services SET status = 'removed', removed_at = coalesce(removed_at, $2), updated_at = $2
           WHERE id = $1`,
          [params.service_id, new Date(deps.now())],
        );
      });
      return c.json({ status: 'removed' as const, id: params.service_id });
    },
  });
}

function findService(db: Queryable, id: string): Promise<ServiceRow | undefined> {
  return db.one<ServiceRow>(`SELECT ${SERVICE_COLUMNS} FROM services WHERE id = $1`, [id]);
}

import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.js';
import {
  AGENT_STATUSES,
  type AgentRow,
  AgentSchema,
  IDENTITY_TYPES,
  toAgentView,
  walletAddressSchema,
} from '../catalog/agent-view.js';
import { escapeLike } from '../catalog/escape-like.js';
import { lockOwned, setOwnedStatus } from '../catalog/lock-owned.js';
import { assignments } from '../catalog/sql-assignments.js';
import type { SqlParam } from '../db/db.js';
import { HttpError } from '../http/http-error.js';
import { queryInt } from '../http/query-params.js';
import type { RouteRegistry } from '../http/route-registry.js';

const capabilities = z.array(z.string().trim().min(1).max(100)).max(50);
const metadata = z
  .record(z.string(), z.unknown())
  .refine((m) => JSON.stringify(m).length <= 16_384, 'must be at most 16 KiB of JSON');
const AgentParams = z.object({ agent_id: z.string().min(1).max(100) });

const CreateBody = z.object({
  display_name: z.string().trim().min(1).max(200),
  identity_type: z.enum(IDENTITY_TYPES).default('api_key_only'),
  capabilities: capabilities.default([]),
  wallet_address: walletAddressSchema.nullable().default(null),
  metadata: metadata.default({}),
});

const UpdateBody = z.object({
  display_name: z.string().trim().min(1).max(200).optional(),
  capabilities: capabilities.optional(),
  wallet_address: walletAddressSchema.nullable().optional(),
  status: z.enum(AGENT_STATUSES).optional(),
  metadata: metadata.optional(),
});

const AgentList = z.object({ agents: z.array(AgentSchema), count: z.number().int() });

/**
 * Agent identities: register (any key; the key's owner owns the agent), list, search, get,
 * update and deactivate (owner only), and verify (admin).
 *
 * @example
 * ```ts
 * registerAgentRoutes(registry, deps);
 * ```
 */
export function registerAgentRoutes(registry: RouteRegistry, deps: AppDeps): void {
  registry.add({
    method: 'POST',
    path: '/api/v1/agents',
    summary: 'Register an agent identity',
    tag: 'Agents',
    auth: 'key',
    body: CreateBody,
    response: AgentSchema,
    status: 201,
    handler: async ({ c, body, key }) => {
      const row = await deps.db.one<AgentRow>(
        `INSERT INTO agents (agent_id, owner_id, display_name, identity_type, capabilities, wallet_address,
                             metadata, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING *`,
        [
          randomUUID(),
          key.ownerId,
          body.display_name,
          body.identity_type,
          body.capabilities,
          body.wallet_address,
          body.metadata,
          new Date(deps.now()),
        ],
      );
      return c.json(toAgentView(row!, { withOwner: true }), 201);
    },
  });

  registry.add({
    method: 'GET',
    path: '/api/v1/agents',
    summary: 'List agents',
    tag: 'Agents',
    auth: 'none',
    query: z.object({
      status: z.enum(AGENT_STATUSES).default('active'),
      limit: queryInt(50, 1, 100),
      offset: queryInt(0, 0),
    }),
    response: AgentList,
    handler: async ({ c, query }) => {
      const rows = await deps.db.many<AgentRow>(
        'SELECT * FROM agents WHERE status = $1 ORDER BY created_at DESC, agent_id LIMIT $2 OFFSET $3',
        [query.status, query.limit, query.offset],
      );
      return c.json({ agents: rows.map((r) => toAgentView(r, { withOwner: false })), count: rows.length });
    },
  });

  // Declared before /agents/:agent_id so that "search" is not read as an agent id.
  registry.add({
    method: 'GET',
    path: '/api/v1/agents/search',
    summary: 'Search active agents by name or id',
    tag: 'Agents',
    auth: 'none',
    query: z.object({ q: z.string().trim().max(200).default(''), limit: queryInt(20, 1, 100) }),
    response: AgentList,
    handler: async ({ c, query }) => {
      const params: SqlParam[] = [escapeLike(query.q), query.q, query.limit];
      // Exact id matches first, then names that start with the query, then the rest.
      const rows = await deps.db.many<AgentRow>(
        `SELECT * FROM agents
         WHERE status = 'active'
           AND (display_name ILIKE '%' || $1 || '%' OR agent_id ILIKE '%' || $1 || '%')
         ORDER BY (agent_id = $2) DESC, (display_name ILIKE $1 || '%') DESC, display_name, agent_id
         LIMIT $3`,
        params,
      );
      return c.json({ agents: rows.map((r) => toAgentView(r, { withOwner: false })), count: rows.length });
    },
  });

  registry.add({
    method: 'GET',
    path: '/api/v1/agents/:agent_id',
    summary: 'Get an agent',
    tag: 'Agents',
    auth: 'none',
    params: AgentParams,
    response: AgentSchema,
    handler: async ({ c, params }) => {
      const row = await deps.db.one<AgentRow>('SELECT * FROM agents WHERE agent_id = $1', [params.agent_id]);
      if (!row) throw new HttpError(404, 'Agent not found');
      return c.json(toAgentView(row, { withOwner: false }));
    },
  });

  registry.add({
    method: 'PATCH',
    path: '/api/v1/agents/:agent_id',
    summary: 'Update an agent (owner only)',
    tag: 'Agents',
    auth: 'key',
    params: AgentParams,
    body: UpdateBody,
    response: AgentSchema,
    handler: async ({ c, params, body, key }) => {
      const row = await deps.db.transaction(async (tx) => {
        await lockOwned(tx, 'agent', params.agent_id, key.ownerId);
        const { sets, values } = assignments({ ...body, updated_at: new Date(deps.now()) });
        return tx.one<AgentRow>(
          `UPDATE agents SET ${sets} WHERE agent_id = $${values.length + 1} RETURNING *`,
          [...values, params.agent_id],
        );
      });
      return c.json(toAgentView(row!, { withOwner: true }));
    },
  });

  registry.add({
    method: 'DELETE',
    path: '/api/v1/agents/:agent_id',
    summary: 'Deactivate an agent (owner only)',
    tag: 'Agents',
    auth: 'key',
    params: AgentParams,
    response: z.object({ status: z.literal('deactivated'), agent_id: z.string() }),
    handler: async ({ c, params, key }) => {
      await setOwnedStatus(
        deps.db,
        'agent',
        params.agent_id,
        key.ownerId,
        'deactivated',
        new Date(deps.now()),
      );
      return c.json({ status: 'deactivated' as const, agent_id: params.agent_id });
    },
  });

  registry.add({
    method: 'POST',
    path: '/api/v1/agents/:agent_id/verify',
    summary: 'Mark an agent as verified (admin)',
    tag: 'Agents',
    auth: 'admin',
    params: AgentParams,
    response: AgentSchema,
    handler: async ({ c, params }) => {
      const row = await deps.db.one<AgentRow>(
        'UPDATE agents SET verified = true, updated_at = $2 WHERE agent_id = $1 RETURNING *',
        [params.agent_id, new Date(deps.now())],
      );
      if (!row) throw new HttpError(404, 'Agent not found');
      return c.json(toAgentView(row, { withOwner: false }));
    },
  });
}

import { z } from 'zod';
import type { AppDeps } from '../app-deps.js';
import { type ApiKey, issueKey, KEY_ROLES, type KeyRole, verifyKey } from '../auth/api-key.js';
import { HttpError } from '../http/http-error.js';
import type { RouteRegistry } from '../http/route-registry.js';

const CreateKeyBody = z.object({
  owner_id: z.string().trim().min(1).max(200).describe('Unique identifier for the key owner'),
  role: z.enum(KEY_ROLES).default('buyer').describe('buyer, provider or admin'),
  rate_limit: z.number().int().min(1).max(10_000).default(60).describe('Max requests per minute'),
  wallet_address: z.string().trim().min(1).max(128).nullable().default(null).describe('USDC wallet address'),
});

const CreateKeyResponse = z.object({
  key_id: z.string(),
  secret: z.string(),
  role: z.enum(KEY_ROLES),
  rate_limit: z.number().int(),
  message: z.string(),
});

const ValidateKeyBody = z.object({
  key_id: z.string().min(1).max(128),
  secret: z.string().min(1).max(512),
});

const ValidateKeyResponse = z.object({
  valid: z.literal(true),
  owner_id: z.string(),
  role: z.enum(KEY_ROLES),
  rate_limit: z.number().int(),
});

/**
 * `POST /api/v1/keys` and `POST /api/v1/keys/validate`.
 *
 * Who may create what: a buyer key for a new owner needs no key; another key for an owner that
 * already has keys needs a key of that owner (or an admin key), so nobody can act as someone
 * else's `owner_id`; a provider key needs an authenticated key of the same owner or an admin
 * key; an admin key needs an admin key.
 *
 * @example
 * ```ts
 * registerKeyRoutes(registry, deps);
 * ```
 */
export function registerKeyRoutes(registry: RouteRegistry, deps: AppDeps): void {
  registry.add({
    method: 'POST',
    path: '/api/v1/keys',
    summary: 'Create an API key (buyer keys need no key; provider and admin keys do)',
    tag: 'Keys',
    auth: 'none',
    body: CreateKeyBody,
    response: CreateKeyResponse,
    status: 201,
    handler: async ({ c, body, key: caller }) => {
      checkMayCreate(caller, body.role, body.owner_id);
      const issued = await deps.db.transaction(async (tx) => {
        // Serialise key creation per owner so that two first keys for one owner cannot both pass.
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`owner:${body.owner_id}`]);
        const existing = await tx.one('SELECT 1 FROM api_keys WHERE owner_id = $1 LIMIT 1', [body.owner_id]);
        if (existing && caller?.ownerId !== body.owner_id && caller?.role !== 'admin') {
          throw new HttpError(
            403,
            'This owner_id already has keys: authenticate with one of its keys to add another',
          );
        }
        return issueKey(tx, {
          ownerId: body.owner_id,
          role: body.role,
          rateLimit: body.rate_limit,
          walletAddress: body.wallet_address,
        });
      });
      return c.json(
        {
          key_id: issued.key.keyId,
          secret: issued.secret,
          role: issued.key.role,
          rate_limit: issued.key.rateLimit,
          message: 'Save the secret — it cannot be retrieved again.',
        },
        201,
      );
    },
  });

  registry.add({
    method: 'POST',
    path: '/api/v1/keys/validate',
    summary: 'Validate a key id and secret',
    tag: 'Keys',
    auth: 'none',
    body: ValidateKeyBody,
    response: ValidateKeyResponse,
    handler: async ({ c, body }) => {
      const result = await verifyKey(deps.db, body.key_id, body.secret, new Date(deps.now()));
      if (!result.ok) throw new HttpError(401, 'Invalid credentials');
      return c.json({
        valid: true as const,
        owner_id: result.key.ownerId,
        role: result.key.role,
        rate_limit: result.key.rateLimit,
      });
    },
  });
}

function checkMayCreate(caller: ApiKey | null, role: KeyRole, ownerId: string): void {
  if (role === 'buyer') return;
  if (!caller) {
    throw new HttpError(401, `Creating a ${role} key requires an authenticated API key`, {
      headers: { 'WWW-Authenticate': 'Bearer' },
    });
  }
  if (role === 'admin' && caller.role !== 'admin') {
    throw new HttpError(403, 'Only an admin key can create admin keys');
  }
  if (role === 'provider' && caller.role !== 'admin' && caller.ownerId !== ownerId) {
    throw new HttpError(403, 'A provider key can only be created for your own owner_id (or by an admin)');
  }
}

import type { Queryable } from '../db/db.js';
import { hashSecret, newKeyId, newSecret, secretMatches } from './key-secret.js';

/** The three roles a key can have. */
export const KEY_ROLES = ['buyer', 'provider', 'admin'] as const;
export type KeyRole = (typeof KEY_ROLES)[number];

/** An authenticated API key, as route handlers see it (never the secret). */
export interface ApiKey {
  keyId: string;
  ownerId: string;
  role: KeyRole;
  /** Requests per minute this key may make. */
  rateLimit: number;
  walletAddress: string | null;
  createdAt: Date;
  expiresAt: Date | null;
}

/** A new key and its secret, which is never stored and cannot be shown again. */
export interface IssuedKey {
  key: ApiKey;
  secret: string;
}

/** What a new key is for. `keyId` and `secret` are chosen at random unless given. */
export interface IssueKeyInput {
  ownerId: string;
  role: KeyRole;
  rateLimit?: number;
  walletAddress?: string | null;
  keyId?: string;
  secret?: string;
}

interface ApiKeyRow {
  key_id: string;
  secret_hash: string;
  owner_id: string;
  role: KeyRole;
  rate_limit: number;
  wallet_address: string | null;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
}

/**
 * Stores a new key (only the hash of its secret) and returns it with the secret.
 *
 * @example
 * ```ts
 * const { key, secret } = await issueKey(db, { ownerId: 'my-agent', role: 'buyer' });
 * const header = `Bearer ${key.keyId}:${secret}`;
 * ```
 */
export async function issueKey(db: Queryable, input: IssueKeyInput): Promise<IssuedKey> {
  const secret = input.secret ?? newSecret();
  const row = await db.one<ApiKeyRow>(
    `INSERT INTO api_keys (key_id, secret_hash, owner_id, role, rate_limit, wallet_address)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
    [
      input.keyId ?? newKeyId(),
      hashSecret(secret),
      input.ownerId,
      input.role,
      input.rateLimit ?? 60,
      input.walletAddress ?? null,
    ],
  );
  return { key: toApiKey(row!), secret };
}

/** Why a credential was refused. */
export type KeyRefusal = 'malformed' | 'unknown' | 'wrong_secret' | 'revoked' | 'expired';

/**
 * Checks a key id and secret against the database.
 *
 * @example
 * ```ts
 * const result = await verifyKey(db, 'acf_…', 'sec_…', new Date());
 * if (result.ok) result.key.role;
 * ```
 */
export async function verifyKey(
  db: Queryable,
  keyId: string,
  secret: string,
  now: Date,
): Promise<{ ok: true; key: ApiKey } | { ok: false; reason: KeyRefusal }> {
  const row = await db.one<ApiKeyRow>('SELECT * FROM api_keys WHERE key_id = $1', [keyId]);
  // Hash even for unknown ids so that the answer takes about as long either way.
  const matches = secretMatches(secret, row?.secret_hash ?? '0'.repeat(64));
  if (!row) return { ok: false, reason: 'unknown' };
  if (!matches) return { ok: false, reason: 'wrong_secret' };
  if (row.revoked_at) return { ok: false, reason: 'revoked' };
  if (row.expires_at && row.expires_at.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, key: toApiKey(row) };
}

/**
 * `{ keyId, secret }` from `Authorization: Bearer {key_id}:{secret}`, or `undefined` when the
 * header has another shape.
 *
 * @example
 * ```ts
 * parseBearer('Bearer acf_1:sec_2'); // { keyId: 'acf_1', secret: 'sec_2' }
 * ```
 */
export function parseBearer(header: string | undefined): { keyId: string; secret: string } | undefined {
  const match = /^Bearer\s+([^:\s]{1,128}):(\S{1,512})$/i.exec(header?.trim() ?? '');
  return match ? { keyId: match[1]!, secret: match[2]! } : undefined;
}

function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    keyId: row.key_id,
    ownerId: row.owner_id,
    role: row.role,
    rateLimit: row.rate_limit,
    walletAddress: row.wallet_address,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}

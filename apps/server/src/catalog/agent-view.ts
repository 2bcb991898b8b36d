import { z } from 'zod';

/** How an agent proves who it is. */
export const IDENTITY_TYPES = ['api_key_only', 'kya_jwt', 'did_vc'] as const;
/** An agent's lifecycle: `deactivated` is the soft delete. */
export const AGENT_STATUSES = ['active', 'suspended', 'deactivated'] as const;

/** An `agents` row. */
export interface AgentRow {
  agent_id: string;
  owner_id: string;
  display_name: string;
  identity_type: (typeof IDENTITY_TYPES)[number];
  capabilities: string[];
  wallet_address: string | null;
  verified: boolean;
  reputation_score: number;
  status: (typeof AGENT_STATUSES)[number];
  metadata: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
}

/**
 * A USDC wallet address: `0x` and 40 hex digits (the EIP-55 checksum of mixed-case addresses is
 * not checked).
 *
 * @example
 * ```ts
 * walletAddressSchema.parse('0x1234567890abcdef1234567890abcdef12345678');
 * ```
 */
export const walletAddressSchema = z
  .string()
  .trim()
  .regex(/^0x[0-9a-fA-F]{40}$/, 'must be 0x followed by 40 hex digits');

/** An agent as the API answers it; `owner_id` only where the caller is its owner. */
export const AgentSchema = z.object({
  agent_id: z.string(),
  display_name: z.string(),
  identity_type: z.enum(IDENTITY_TYPES),
  capabilities: z.array(z.string()),
  wallet_address: z.string().nullable(),
  verified: z.boolean(),
  reputation_score: z.number(),
  status: z.enum(AGENT_STATUSES),
  metadata: z.record(z.string(), z.unknown()),
  owner_id: z.string().optional(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type AgentView = z.infer<typeof AgentSchema>;

/**
 * An agent row as the API answers it, with `owner_id` when `withOwner` is set.
 *
 * @example
 * ```ts
 * c.json(toAgentView(row, { withOwner: key.ownerId === row.owner_id }));
 * ```
 */
export function toAgentView(row: AgentRow, options: { withOwner: boolean }): AgentView {
  return {
    agent_id: row.agent_id,
    display_name: row.display_name,
    identity_type: row.identity_type,
    capabilities: row.capabilities,
    wallet_address: row.wallet_address,
    verified: row.verified,
    reputation_score: row.reputation_score,
    status: row.status,
    metadata: row.metadata,
    ...(options.withOwner ? { owner_id: row.owner_id } : {}),
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

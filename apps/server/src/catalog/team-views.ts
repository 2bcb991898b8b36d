import { z } from 'zod';
import type { RouteGate, RouteMember, RouteRule, TeamRole } from './route-task.js';
import { TEAM_ROLES } from './route-task.js';

/** The kinds of quality gate a team can have. */
export const GATE_TYPES = ['quality_score', 'latency', 'error_rate', 'coverage', 'custom'] as const;

/** A `teams` row. */
export interface TeamRow {
  id: string;
  owner_id: string;
  name: string;
  description: string;
  config: Record<string, unknown>;
  status: 'active' | 'archived';
  created_at: Date;
  updated_at: Date;
}

/** A `team_members` row. */
export interface MemberRow {
  id: string;
  team_id: string;
  agent_id: string;
  role: TeamRole;
  skills: string[];
  joined_at: Date;
}

/** A `routing_rules` row. */
export interface RuleRow {
  id: string;
  team_id: string;
  name: string;
  keywords: string[];
  target_agent_id: string | null;
  target_role: TeamRole | null;
  priority: number;
  enabled: boolean;
  created_at: Date;
}

/** A `quality_gates` row. */
export interface GateRow {
  id: string;
  team_id: string;
  gate_type: (typeof GATE_TYPES)[number];
  threshold: number;
  gate_order: number;
  config: Record<string, unknown>;
  enabled: boolean;
  created_at: Date;
}

export const TeamSchema = z.object({
  id: z.string(),
  name: z.string(),
  owner_id: z.string(),
  description: z.string(),
  config: z.record(z.string(), z.unknown()),
  status: z.enum(['active', 'archived']),
  created_at: z.string(),
  updated_at: z.string(),
});

export const MemberSchema = z.object({
  id: z.string(),
  team_id: z.string(),
  agent_id: z.string(),
  role: z.enum(TEAM_ROLES),
  skills: z.array(z.string()),
  joined_at: z.string(),
});

export const RuleSchema = z.object({
  id: z.string(),
  name: z.string(),
  keywords: z.array(z.string()),
  target_agent_id: z.string().nullable(),
  target_role: z.enum(TEAM_ROLES).nullable(),
  priority: z.number().int(),
  enabled: z.boolean(),
});

export const GateSchema = z.object({
  id: z.string(),
  gate_type: z.enum(GATE_TYPES),
  threshold: z.number(),
  gate_order: z.number().int(),
  config: z.record(z.string(), z.unknown()),
  enabled: z.boolean(),
});

/** A team with its members, rules (by priority) and gates (in order), as `GET /teams/{id}` answers. */
export const TeamDetailSchema = TeamSchema.extend({
  members: z.array(MemberSchema),
  routing_rules: z.array(RuleSchema),
  quality_gates: z.array(GateSchema),
});

/**
 * A team row as the API answers it.
 *
 * @example
 * ```ts
 * c.json(teamView(row));
 * ```
 */
export function teamView(row: TeamRow): z.infer<typeof TeamSchema> {
  return {
    id: row.id,
    name: row.name,
    owner_id: row.owner_id,
    description: row.description,
    config: row.config,
    status: row.status,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

/**
 * A member row as the API answers it.
 *
 * @example
 * ```ts
 * members.map(memberView);
 * ```
 */
export function memberView(row: MemberRow): z.infer<typeof MemberSchema> {
  return {
    id: row.id,
    team_id: row.team_id,
    agent_id: row.agent_id,
    role: row.role,
    skills: row.skills,
    joined_at: row.joined_at.toISOString(),
  };
}

/**
 * A rule row as the API answers it.
 *
 * @example
 * ```ts
 * rules.map(ruleView);
 * ```
 */
export function ruleView(row: RuleRow): z.infer<typeof RuleSchema> {
  return {
    id: row.id,
    name: row.name,
    keywords: row.keywords,
    target_agent_id: row.target_agent_id,
    target_role: row.target_role,
    priority: row.priority,
    enabled: row.enabled,
  };
}

/**
 * A gate row as the API answers it.
 *
 * @example
 * ```ts
 * gates.map(gateView);
 * ```
 */
export function gateView(row: GateRow): z.infer<typeof GateSchema> {
  return {
    id: row.id,
    gate_type: row.gate_type,
    threshold: row.threshold,
    gate_order: row.gate_order,
    config: row.config,
    enabled: row.enabled,
  };
}

/**
 * Rows in the shapes {@link routeTask} takes.
 *
 * @example
 * ```ts
 * routeTask({ task, ...routeInputs(members, rules, gates) });
 * ```
 */
export function routeInputs(
  members: readonly MemberRow[],
  rules: readonly RuleRow[],
  gates: readonly GateRow[],
): { members: RouteMember[]; rules: RouteRule[]; gates: RouteGate[] } {
  return {
    members: members.map((m) => ({
      agentId: m.agent_id,
      role: m.role,
      skills: m.skills,
      joinedAt: m.joined_at.getTime(),
    })),
    rules: rules.map((r) => ({
      id: r.id,
      name: r.name,
      keywords: r.keywords,
      targetAgentId: r.target_agent_id,
      targetRole: r.target_role,
      priority: r.priority,
      enabled: r.enabled,
      createdAt: r.created_at.getTime(),
    })),
    gates: gates.map((g) => ({
      id: g.id,
      gateType: g.gate_type,
      threshold: g.threshold,
      gateOrder: g.gate_order,
      enabled: g.enabled,
      config: g.config,
      createdAt: g.created_at.getTime(),
    })),
  };
}

import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.js';
import { lockOwned, setOwnedStatus } from '../catalog/lock-owned.js';
import { routeTask, TEAM_ROLES } from '../catalog/route-task.js';
import { assignments } from '../catalog/sql-assignments.js';
import {
  GATE_TYPES,
  type GateRow,
  GateSchema,
  gateView,
  type MemberRow,
  MemberSchema,
  memberView,
  type RuleRow,
  RuleSchema,
  routeInputs,
  ruleView,
  TeamDetailSchema,
  type TeamRow,
  TeamSchema,
  teamView,
} from '../catalog/team-views.js';
import type { Queryable } from '../db/db.js';
import { HttpError } from '../http/http-error.js';
import { queryInt } from '../http/query-params.js';
import type { RouteRegistry } from '../http/route-registry.js';

/** Limits per team, so one team cannot grow without bound. */
const MAX_MEMBERS = 100;
const MAX_RULES = 100;
const MAX_GATES = 20;

const id = z.string().min(1).max(100);
const TeamParams = z.object({ team_id: id });
const config = z
  .record(z.string(), z.unknown())
  .refine((m) => JSON.stringify(m).length <= 16_384, 'must be at most 16 KiB of JSON');
const terms = z.array(z.string().trim().min(1).max(100)).max(50);

const CreateTeamBody = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().max(5000).default(''),
  config: config.default({}),
});
const UpdateTeamBody = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  description: z.string().trim().max(5000).optional(),
  config: config.optional(),
});
const AddMemberBody = z.object({
  agent_id: id,
  role: z.enum(TEAM_ROLES).default('worker'),
  skills: terms.default([]),
});
const AddRuleBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    keywords: terms.min(1),
    target_agent_id: id.optional().describe('Agent to route to (a member of the team)'),
    target_role: z.enum(TEAM_ROLES).optional().describe('Or: any member of this role (best skill match)'),
    priority: z.number().int().min(-1_000_000).max(1_000_000).default(0),
    enabled: z.boolean().default(true),
  })
  .refine((r) => r.target_agent_id !== undefined || r.target_role !== undefined, {
    message: 'give target_agent_id or target_role',
    path: ['target_agent_id'],
  });
const AddGateBody = z.object({
  gate_type: z.enum(GATE_TYPES),
  threshold: z.number().min(0).max(10),
  gate_order: z.number().int().min(-1_000_000).max(1_000_000).default(0),
  config: config.default({}),
});
const RouteBody = z.object({ task: z.string().trim().min(1).max(20_000) });

const RouteResponse = z.object({
  team_id: z.string(),
  agent_id: z.string(),
  reason: z.enum(['rule', 'skills', 'leader', 'first_member']),
  member: MemberSchema,
  rule: RuleSchema.nullable(),
  matched_keywords: z.array(z.string()),
  matched_skills: z.array(z.string()),
  quality_gates: z.array(GateSchema),
});

const RULE_ORDER = 'priority DESC, created_at, id';
const GATE_ORDER = 'gate_order, created_at, id';

/**
 * Teams: CRUD (owner rules), members with roles and skills, keyword routing rules (by priority),
 * quality gates (in order), and `POST /api/v1/teams/{team_id}/route`, which applies them to a
 * task (see `routeTask`).
 *
 * @example
 * ```ts
 * registerTeamRoutes(registry, deps);
 * ```
 */
export function registerTeamRoutes(registry: RouteRegistry, deps: AppDeps): void {
  const at = () => new Date(deps.now());

  /** Runs `fn` with the caller's active team locked: 404 missing, 403 not theirs, 409 archived. */
  const withOwnTeam = <T>(teamId: string, ownerId: string, fn: (tx: Queryable) => Promise<T>) =>
    deps.db.transaction(async (tx) => {
      const status = await lockOwned(tx, 'team', teamId, ownerId);
      if (status !== 'active') throw new HttpError(409, 'Team is archived');
      return fn(tx);
    });

  registry.add({
    method: 'POST',
    path: '/api/v1/teams',
    summary: 'Create a team',
    tag: 'Teams',
    auth: 'key',
    body: CreateTeamBody,
    response: z.object({ id: z.string(), name: z.string(), owner_id: z.string() }),
    status: 201,
    handler: async ({ c, body, key }) => {
      const teamId = randomUUID();
      await deps.db.query(
        `INSERT INTO teams (id, owner_id, name, description, config, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6)`,
        [teamId, key.ownerId, body.name, body.description, body.config, at()],
      );
      return c.json({ id: teamId, name: body.name, owner_id: key.ownerId }, 201);
    },
  });

  registry.add({
    method: 'GET',
    path: '/api/v1/teams',
    summary: "List the caller's teams (empty without a key)",
    tag: 'Teams',
    auth: 'none',
    query: z.object({ limit: queryInt(50, 1, 100) }),
    response: z.object({ teams: z.array(TeamSchema), count: z.number().int() }),
    handler: async ({ c, query, key }) => {
      const rows = key
        ? await deps.db.many<TeamRow>(
            `SELECT * FROM teams WHERE owner_id = $1 AND status = 'active' ORDER BY created_at DESC, id LIMIT $2`,
            [key.ownerId, query.limit],
          )
        : [];
      return c.json({ teams: rows.map(teamView), count: rows.length });
    },
  });

  registry.add({
    method: 'GET',
    path: '/api/v1/teams/:team_id',
    summary: 'Get a team with its members, routing rules and quality gates',
    tag: 'Teams',
    auth: 'none',
    params: TeamParams,
    response: TeamDetailSchema,
    handler: async ({ c, params }) => c.json(await teamDetail(deps.db, params.team_id)),
  });

  registry.add({
    method: 'PATCH',
    path: '/api/v1/teams/:team_id',
    summary: 'Update a team (owner only)',
    tag: 'Teams',
    auth: 'key',
    params: TeamParams,
    body: UpdateTeamBody,
    response: TeamDetailSchema,
    handler: async ({ c, params, body, key }) => {
      await withOwnTeam(params.team_id, key.ownerId, async (tx) => {
        const { sets, values } = assignments({ ...body, updated_at: at() });
        await tx.query(`UPDATE teams SET ${sets} WHERE id = $${values.length + 1}`, [
          ...values,
          params.team_id,
        ]);
      });
      return c.json(await teamDetail(deps.db, params.team_id));
    },
  });

  registry.add({
    method: 'DELETE',
    path: '/api/v1/teams/:team_id',
    summary: 'Archive a team (soft delete, owner only)',
    tag: 'Teams',
    auth: 'key',
    params: TeamParams,
    response: z.object({ status: z.literal('archived'), id: z.string() }),
    handler: async ({ c, params, key }) => {
      await setOwnedStatus(deps.db, 'team', params.team_id, key.ownerId, 'archived', at());
      return c.json({ status: 'archived' as const, id: params.team_id });
    },
  });

  registry.add({
    method: 'POST',
    path: '/api/v1/teams/:team_id/members',
    summary: 'Add a registered agent to a team (owner only)',
    tag: 'Teams',
    auth: 'key',
    params: TeamParams,
    body: AddMemberBody,
    response: z.object({ id: z.string(), team_id: z.string(), agent_id: z.string() }),
    status: 201,
    handler: async ({ c, params, body, key }) => {
      const memberId = await withOwnTeam(params.team_id, key.ownerId, async (tx) => {
        const agent = await tx.one(`SELECT 1 FROM agents WHERE agent_id = $1 AND status <> 'deactivated'`, [
          body.agent_id,
        ]);
        if (!agent) throw new HttpError(404, 'Agent not found');
        await checkCount(tx, 'team_members', params.team_id, MAX_MEMBERS, 'members');
        const row = await tx.one<{ id: string }>(
          `INSERT INTO team_members (id, team_id, agent_id, role, skills, joined_at)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (team_id, agent_id) DO NOTHING RETURNING id`,
          [randomUUID(), params.team_id, body.agent_id, body.role, body.skills, at()],
        );
        if (!row) throw new HttpError(409, 'Agent is already a member of this team');
        return row.id;
      });
      return c.json({ id: memberId, team_id: params.team_id, agent_id: body.agent_id }, 201);
    },
  });

  registry.add({
    method: 'GET',
    path: '/api/v1/teams/:team_id/members',
    summary: "List a team's members",
    tag: 'Teams',
    auth: 'none',
    params: TeamParams,
    response: z.object({ members: z.array(MemberSchema), count: z.number().int() }),
    handler: async ({ c, params }) => {
      await findTeam(deps.db, params.team_id);
      const members = (await listMembers(deps.db, params.team_id)).map(memberView);
      return c.json({ members, count: members.length });
    },
  });

  registry.add({
    method: 'DELETE',
    path: '/api/v1/teams/:team_id/members/:agent_id',
    summary: 'Remove a member (owner only)',
    tag: 'Teams',
    auth: 'key',
    params: z.object({ team_id: id, agent_id: id }),
    response: z.object({ status: z.literal('removed') }),
    handler: async ({ c, params, key }) => {
      await withOwnTeam(params.team_id, key.ownerId, async (tx) => {
        const res = await tx.query('DELETE FROM team_members WHERE team_id = $1 AND agent_id = $2', [
          params.team_id,
          params.agent_id,
        ]);
        if (res.rowCount === 0) throw new HttpError(404, 'Member not found');
      });
      return c.json({ status: 'removed' as const });
    },
  });

  registry.add({
    method: 'POST',
    path: '/api/v1/teams/:team_id/rules',
    summary: 'Add a keyword routing rule (owner only)',
    tag: 'Teams',
    auth: 'key',
    params: TeamParams,
    body: AddRuleBody,
    response: z.object({ id: z.string(), name: z.string() }),
    status: 201,
    handler: async ({ c, params, body, key }) => {
      const ruleId = randomUUID();
      await withOwnTeam(params.team_id, key.ownerId, async (tx) => {
        if (body.target_agent_id !== undefined) {
          const member = await tx.one('SELECT 1 FROM team_members WHERE team_id = $1 AND agent_id = $2', [
            params.team_id,
            body.target_agent_id,
          ]);
          if (!member) {
            throw new HttpError(400, 'body.target_agent_id: not a member of this team', {
              extra: {
                errors: [
                  { loc: ['body', 'target_agent_id'], msg: 'not a member of this team', type: 'value_error' },
                ],
              },
            });
          }
        }
        await checkCount(tx, 'routing_rules', params.team_id, MAX_RULES, 'routing rules');
        await tx.query(
          `INSERT INTO routing_rules (id, team_id, name, keywords, target_agent_id, target_role, priority, enabled, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [
            ruleId,
            params.team_id,
            body.name,
            body.keywords,
            body.target_agent_id ?? null,
            body.target_role ?? null,
            body.priority,
            body.enabled,
            at(),
          ],
        );
      });
      return c.json({ id: ruleId, name: body.name }, 201);
    },
  });

  registry.add({
    method: 'GET',
    path: '/api/v1/teams/:team_id/rules',
    summary: "List a team's routing rules, highest priority first",
    tag: 'Teams',
    auth: 'none',
    params: TeamParams,
    response: z.object({ rules: z.array(RuleSchema), count: z.number().int() }),
    handler: async ({ c, params }) => {
      await findTeam(deps.db, params.team_id);
      const rules = (await listRules(deps.db, params.team_id)).map(ruleView);
      return c.json({ rules, count: rules.length });
    },
  });

  registry.add({
    method: 'DELETE',
    path: '/api/v1/teams/:team_id/rules/:rule_id',
    summary: 'Delete a routing rule (owner only)',
    tag: 'Teams',
    auth: 'key',
    params: z.object({ team_id: id, rule_id: id }),
    response: z.object({ status: z.literal('deleted'), id: z.string() }),
    handler: async ({ c, params, key }) => {
      await withOwnTeam(params.team_id, key.ownerId, (tx) =>
        deleteChild(tx, 'routing_rules', params.team_id, params.rule_id, 'Rule not found'),
      );
      return c.json({ status: 'deleted' as const, id: params.rule_id });
    },
  });

  registry.add({
    method: 'POST',
    path: '/api/v1/teams/:team_id/gates',
    summary: 'Add a quality gate (owner only)',
    tag: 'Teams',
    auth: 'key',
    params: TeamParams,
    body: AddGateBody,
    response: z.object({ id: z.string(), gate_type: z.enum(GATE_TYPES) }),
    status: 201,
    handler: async ({ c, params, body, key }) => {
      const gateId = randomUUID();
      await withOwnTeam(params.team_id, key.ownerId, async (tx) => {
        await checkCount(tx, 'quality_gates', params.team_id, MAX_GATES, 'quality gates');
        await tx.query(
          `INSERT INTO quality_gates (id, team_id, gate_type, threshold, gate_order, config, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [gateId, params.team_id, body.gate_type, body.threshold, body.gate_order, body.config, at()],
        );
      });
      return c.json({ id: gateId, gate_type: body.gate_type }, 201);
    },
  });

  registry.add({
    method: 'GET',
    path: '/api/v1/teams/:team_id/gates',
    summary: "List a team's quality gates in order",
    tag: 'Teams',
    auth: 'none',
    params: TeamParams,
    response: z.object({ gates: z.array(GateSchema), count: z.number().int() }),
    handler: async ({ c, params }) => {
      await findTeam(deps.db, params.team_id);
      const gates = (await listGates(deps.db, params.team_id)).map(gateView);
      return c.json({ gates, count: gates.length });
    },
  });

  registry.add({
    method: 'DELETE',
    path: '/api/v1/teams/:team_id/gates/:gate_id',
    summary: 'Delete a quality gate (owner only)',
    tag: 'Teams',
    auth: 'key',
    params: z.object({ team_id: id, gate_id: id }),
    response: z.object({ status: z.literal('deleted'), id: z.string() }),
    handler: async ({ c, params, key }) => {
      await withOwnTeam(params.team_id, key.ownerId, (tx) =>
        deleteChild(tx, 'quality_gates', params.team_id, params.gate_id, 'Quality gate not found'),
      );
      return c.json({ status: 'deleted' as const, id: params.gate_id });
    },
  });

  registry.add({
    method: 'POST',
    path: '/api/v1/teams/:team_id/route',
    summary: 'Route a task to a member by the rules, skills and roles, with the gates that apply',
    tag: 'Teams',
    auth: 'none',
    params: TeamParams,
    body: RouteBody,
    response: RouteResponse,
    handler: async ({ c, params, body }) => {
      const team = await findTeam(deps.db, params.team_id);
      if (team.status !== 'active') throw new HttpError(409, 'Team is archived');
      // Only members whose agent is active can take tasks.
      const members = await deps.db.many<MemberRow>(
        `SELECT m.* FROM team_members m JOIN agents a ON a.agent_id = m.agent_id
         WHERE m.team_id = $1 AND a.status = 'active' ORDER BY m.joined_at, m.id`,
        [params.team_id],
      );
      const [rules, gates] = await Promise.all([
        listRules(deps.db, params.team_id),
        listGates(deps.db, params.team_id),
      ]);
      const decision = routeTask({ task: body.task, ...routeInputs(members, rules, gates) });
      if (!decision.ok) throw new HttpError(409, 'Team has no active members to route to');
      const member = members.find((m) => m.agent_id === decision.agentId)!;
      const rule = decision.rule ? rules.find((r) => r.id === decision.rule!.id)! : null;
      const gateRows = new Map(gates.map((g) => [g.id, g]));
      return c.json({
        team_id: params.team_id,
        agent_id: decision.agentId,
        reason: decision.reason,
        member: memberView(member),
        rule: rule ? ruleView(rule) : null,
        matched_keywords: decision.matchedKeywords,
        matched_skills: decision.matchedSkills,
        quality_gates: decision.gates.map((g) => gateView(gateRows.get(g.id)!)),
      });
    },
  });
}

async function findTeam(db: Queryable, teamId: string): Promise<TeamRow> {
  const row = await db.one<TeamRow>('SELECT * FROM teams WHERE id = $1', [teamId]);
  if (!row) throw new HttpError(404, 'Team not found');
  return row;
}

async function teamDetail(db: Queryable, teamId: string) {
  const team = await findTeam(db, teamId);
  const [members, rules, gates] = await Promise.all([
    listMembers(db, teamId),
    listRules(db, teamId),
    listGates(db, teamId),
  ]);
  return {
    ...teamView(team),
    members: members.map(memberView),
    routing_rules: rules.map(ruleView),
    quality_gates: gates.map(gateView),
  };
}

function listMembers(db: Queryable, teamId: string): Promise<MemberRow[]> {
  return db.many<MemberRow>('SELECT * FROM team_members WHERE team_id = $1 ORDER BY joined_at, id', [teamId]);
}

function listRules(db: Queryable, teamId: string): Promise<RuleRow[]> {
  return db.many<RuleRow>(`SELECT * FROM routing_rules WHERE team_id = $1 ORDER BY ${RULE_ORDER}`, [teamId]);
}

function listGates(db: Queryable, teamId: string): Promise<GateRow[]> {
  return db.many<GateRow>(`SELECT * FROM quality_gates WHERE team_id = $1 ORDER BY ${GATE_ORDER}`, [teamId]);
}

type ChildTable = 'team_members' | 'routing_rules' | 'quality_gates';

async function checkCount(tx: Queryable, table: ChildTable, teamId: string, max: number, what: string) {
  const row = await tx.one<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE team_id = $1`, [
    teamId,
  ]);
  if ((row?.n ?? 0) >= max) throw new HttpError(409, `A team can have at most ${max} ${what}`);
}

async function deleteChild(
  tx: Queryable,
  table: ChildTable,
  teamId: string,
  childId: string,
  missing: string,
) {
  const res = await tx.query(`DELETE FROM ${table} WHERE team_id = $1 AND id = $2`, [teamId, childId]);
  if (res.rowCount === 0) throw new HttpError(404, missing);
}

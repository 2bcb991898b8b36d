import { matchingTerms } from './match-terms.js';

/** The roles a team member can have. */
export const TEAM_ROLES = ['leader', 'worker', 'reviewer', 'router'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

/** A member that can receive tasks (members whose agent is not active are left out by the caller). */
export interface RouteMember {
  agentId: string;
  role: TeamRole;
  skills: readonly string[];
  /** Join order: earlier members win ties. */
  joinedAt: number;
}

/** A keyword rule: it targets one agent, or any member of a role. */
export interface RouteRule {
  id: string;
  name: string;
  keywords: readonly string[];
  targetAgentId: string | null;
  targetRole: TeamRole | null;
  priority: number;
  enabled: boolean;
  /** Creation order: among rules of equal priority the older one wins. */
  createdAt: number;
}

/** A quality gate of the team. */
export interface RouteGate {
  id: string;
  gateType: string;
  threshold: number;
  gateOrder: number;
  enabled: boolean;
  config: Record<string, unknown>;
  createdAt: number;
}

/** Why a member was chosen. */
export type RouteReason = 'rule' | 'skills' | 'leader' | 'first_member';

/** Where a task goes. */
export type RouteDecision =
  | {
      ok: true;
      agentId: string;
      reason: RouteReason;
      /** The rule that decided, when `reason` is `rule`. */
      rule: RouteRule | null;
      matchedKeywords: string[];
      /** The chosen member's skills found in the task. */
      matchedSkills: string[];
      /** The enabled gates, in the order they apply. */
      gates: RouteGate[];
    }
  | { ok: false; reason: 'no_members'; gates: RouteGate[] };

/**
 * Routes a task within a team:
 *
 * 1. the enabled keyword rule of highest priority (older first on ties) with a keyword in the
 *    task (whole words, any case) whose target is a member: its target agent, or for a role
 *    target the member of that role whose skills best match the task;
 * 2. otherwise the member with the most skills found in the task (leaders first, then earlier
 *    joiners, on ties);
 * 3. otherwise the leader (the earliest, if several);
 * 4. otherwise the earliest member.
 *
 * The enabled quality gates come back in `gate_order` (older first on ties). The result does not
 * depend on the order of the inputs.
 *
 * @example
 * ```ts
 * routeTask({ task: 'Summarise this NLP paper', members, rules, gates });
 * // { ok: true, agentId: 'agent-nlp', reason: 'rule', rule: { name: 'NLP tasks', … }, … }
 * ```
 */
export function routeTask(input: {
  task: string;
  members: readonly RouteMember[];
  rules: readonly RouteRule[];
  gates: readonly RouteGate[];
}): RouteDecision {
  const gates = input.gates
    .filter((g) => g.enabled)
    .sort((a, b) => a.gateOrder - b.gateOrder || a.createdAt - b.createdAt || compareText(a.id, b.id));
  const members = [...input.members].sort(byJoinOrder);
  if (members.length === 0) return { ok: false, reason: 'no_members', gates };

  const rules = input.rules
    .filter((r) => r.enabled)
    .sort((a, b) => b.priority - a.priority || a.createdAt - b.createdAt || compareText(a.id, b.id));
  for (const rule of rules) {
    const matchedKeywords = matchingTerms(input.task, rule.keywords);
    if (matchedKeywords.length === 0) continue;
    const target = rule.targetAgentId
      ? members.find((m) => m.agentId === rule.targetAgentId)
      : bestBySkills(
          input.task,
          members.filter((m) => m.role === rule.targetRole),
        )?.member;
    if (!target) continue;
    const matchedSkills = matchingTerms(input.task, target.skills);
    return { ok: true, agentId: target.agentId, reason: 'rule', rule, matchedKeywords, matchedSkills, gates };
  }

  const best = bestBySkills(input.task, members);
  if (best && best.matchedSkills.length > 0) {
    return decided(best.member, 'skills', gates, best.matchedSkills);
  }
  const leader = members.find((m) => m.role === 'leader');
  return leader ? decided(leader, 'leader', gates) : decided(members[0]!, 'first_member', gates);
}

function decided(
  member: RouteMember,
  reason: RouteReason,
  gates: RouteGate[],
  matchedSkills: string[] = [],
): RouteDecision {
  return {
    ok: true,
    agentId: member.agentId,
    reason,
    rule: null,
    matchedKeywords: [],
    matchedSkills,
    gates,
  };
}

/** The member with the most skills in the task; ties go to leaders, then to earlier joiners. */
function bestBySkills(
  task: string,
  members: readonly RouteMember[],
): { member: RouteMember; matchedSkills: string[] } | undefined {
  let best: { member: RouteMember; matchedSkills: string[] } | undefined;
  for (const member of [...members].sort(byJoinOrder)) {
    const matchedSkills = matchingTerms(task, member.skills);
    const better =
      !best ||
      matchedSkills.length > best.matchedSkills.length ||
      (matchedSkills.length === best.matchedSkills.length &&
        member.role === 'leader' &&
        best.member.role !== 'leader');
    if (better) best = { member, matchedSkills };
  }
  return best;
}

function byJoinOrder(a: RouteMember, b: RouteMember): number {
  return a.joinedAt - b.joinedAt || compareText(a.agentId, b.agentId);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchingTerms } from './match-terms.js';
import {
  type RouteDecision,
  type RouteGate,
  type RouteMember,
  type RouteRule,
  routeTask,
  TEAM_ROLES,
} from './route-task.js';

const VOCAB = ['nlp', 'text', 'image', 'code', 'review', 'data', 'machine learning', 'sql'];
const AGENTS = ['a1', 'a2', 'a3', 'a4', 'a5'];

const member = fc.record({
  agentId: fc.constantFrom(...AGENTS),
  role: fc.constantFrom(...TEAM_ROLES),
  skills: fc.uniqueArray(fc.constantFrom(...VOCAB), { maxLength: 3 }),
  joinedAt: fc.integer({ min: 0, max: 20 }),
});
const members = fc.uniqueArray(member, { selector: (m) => m.agentId, maxLength: 5 });
const rule = fc
  .record({
    id: fc.uuid(),
    name: fc.constantFrom('r1', 'r2', 'r3'),
    keywords: fc.uniqueArray(fc.constantFrom(...VOCAB), { minLength: 1, maxLength: 3 }),
    target: fc.oneof(
      fc.record({ agent: fc.constantFrom(...AGENTS, 'ghost') }),
      fc.record({ role: fc.constantFrom(...TEAM_ROLES) }),
    ),
    priority: fc.integer({ min: -2, max: 3 }),
    enabled: fc.boolean(),
    createdAt: fc.integer({ min: 0, max: 20 }),
  })
  .map(
    ({ target, ...r }): RouteRule => ({
      ...r,
      targetAgentId: 'agent' in target ? target.agent : null,
      targetRole: 'role' in target ? target.role : null,
    }),
  );
const rules = fc.uniqueArray(rule, { selector: (r) => r.id, maxLength: 6 });
const gate = fc.record({
  id: fc.uuid(),
  gateType: fc.constantFrom('quality_score', 'latency'),
  threshold: fc.double({ min: 0, max: 10, noNaN: true }),
  gateOrder: fc.integer({ min: 0, max: 3 }),
  enabled: fc.boolean(),
  config: fc.constant({}),
  createdAt: fc.integer({ min: 0, max: 20 }),
});
const gates = fc.uniqueArray(gate, { selector: (g) => g.id, maxLength: 5 });
const task = fc
  .array(fc.constantFrom(...VOCAB, 'please', 'Summarise', 'the', 'NLP,', 'Machine-Learning', 'dataset'), {
    maxLength: 8,
  })
  .map((w) => w.join(' '));

const input = fc.record({ task, members, rules, gates });

function summary(d: RouteDecision) {
  return d.ok
    ? { agentId: d.agentId, reason: d.reason, rule: d.rule?.id ?? null, gates: d.gates.map((g) => g.id) }
    : { reason: d.reason, gates: d.gates.map((g) => g.id) };
}

function applicable(r: RouteRule, text: string, ms: readonly RouteMember[]): boolean {
  if (!r.enabled || matchingTerms(text, r.keywords).length === 0) return false;
  return r.targetAgentId
    ? ms.some((m) => m.agentId === r.targetAgentId)
    : ms.some((m) => m.role === r.targetRole);
}

describe('routeTask', () => {
  it('always picks a member of the team, and only fails without members', () => {
    fc.assert(
      fc.property(input, (i) => {
        const d = routeTask(i);
        expect(d.ok).toBe(i.members.length > 0);
        if (d.ok) expect(i.members.map((m) => m.agentId)).toContain(d.agentId);
      }),
    );
  });

  it('does not depend on the order of members, rules or gates', () => {
    fc.assert(
      fc.property(input, fc.context(), (i, ctx) => {
        const reversed = {
          task: i.task,
          members: [...i.members].reverse(),
          rules: [...i.rules].reverse(),
          gates: [...i.gates].reverse(),
        };
        ctx.log(JSON.stringify(i));
        expect(summary(routeTask(reversed))).toEqual(summary(routeTask(i)));
      }),
    );
  });

  it('uses the applicable rule of highest priority whenever one exists', () => {
    fc.assert(
      fc.property(input, (i) => {
        const d = routeTask(i);
        const usable = i.rules.filter((r) => applicable(r, i.task, i.members));
        if (!d.ok) return;
        if (usable.length === 0) {
          expect(d.reason).not.toBe('rule');
          return;
        }
        expect(d.reason).toBe('rule');
        expect(d.rule!.priority).toBe(Math.max(...usable.map((r) => r.priority)));
        expect(d.matchedKeywords.length).toBeGreaterThan(0);
        if (d.rule!.targetAgentId) expect(d.agentId).toBe(d.rule!.targetAgentId);
        else expect(i.members.find((m) => m.agentId === d.agentId)?.role).toBe(d.rule!.targetRole);
      }),
    );
  });

  it('without a rule, picks the member with the most matching skills, else the leader', () => {
    fc.assert(
      fc.property(input, (i) => {
        const d = routeTask(i);
        if (!d.ok || d.reason === 'rule') return;
        const counts = i.members.map((m) => matchingTerms(i.task, m.skills).length);
        const most = Math.max(...counts);
        const chosen = i.members.find((m) => m.agentId === d.agentId)!;
        if (most > 0) {
          expect(d.reason).toBe('skills');
          expect(matchingTerms(i.task, chosen.skills)).toHaveLength(most);
          expect(d.matchedSkills).toHaveLength(most);
        } else if (i.members.some((m) => m.role === 'leader')) {
          expect(d.reason).toBe('leader');
          expect(chosen.role).toBe('leader');
        } else {
          expect(d.reason).toBe('first_member');
          expect(chosen.joinedAt).toBe(Math.min(...i.members.map((m) => m.joinedAt)));
        }
      }),
    );
  });

  it('ignores the case of the task', () => {
    fc.assert(
      fc.property(input, (i) => {
        expect(summary(routeTask({ ...i, task: i.task.toUpperCase() }))).toEqual(summary(routeTask(i)));
      }),
    );
  });

  it('returns the enabled gates in gate order', () => {
    fc.assert(
      fc.property(input, (i) => {
        const out: RouteGate[] = routeTask(i).gates;
        expect(out.every((g) => g.enabled)).toBe(true);
        expect(out).toHaveLength(i.gates.filter((g) => g.enabled).length);
        for (let k = 1; k < out.length; k++)
          expect(out[k]!.gateOrder).toBeGreaterThanOrEqual(out[k - 1]!.gateOrder);
      }),
    );
  });
});

describe('matchingTerms', () => {
  it('matches whole words and phrases in any case', () => {
    expect(matchingTerms('Maintain the NLP pipeline', ['ai', 'nlp', 'NLP'])).toEqual(['nlp', 'NLP']);
    expect(matchingTerms('Machine-learning models', ['machine learning', 'models', 'model'])).toEqual([
      'machine learning',
      'models',
    ]);
    expect(matchingTerms('anything', ['', '  '])).toEqual([]);
  });

  it('finds every term built from the words of the text', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...VOCAB), { minLength: 1 }), (parts) => {
        const text = parts.join(', ');
        expect(matchingTerms(text, parts)).toEqual([...new Set(parts)]);
      }),
    );
  });
});

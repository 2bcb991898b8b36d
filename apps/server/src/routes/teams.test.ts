import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendJson } from '../catalog/send-json.js';
import { createTestServer, readJson, type TestKey, type TestServer } from '../test-support/test-server.js';

let t: TestServer;
let owner: TestKey;
let stranger: string;
const send = sendJson(() => t);

beforeAll(async () => {
  t = await createTestServer();
  owner = await t.issueTestKey('buyer');
  stranger = await t.createKey('provider');
});
afterAll(() => t?.close());

async function created(res: Response) {
  expect(res.status).toBe(201);
  return readJson(res);
}

const agent = async (name: string) =>
  (await created(await send('POST', '/api/v1/agents', { display_name: name }, owner.authorization)))
    .agent_id as string;
const team = async (body: Record<string, unknown> = { name: 'My AI Team' }) =>
  (await created(await send('POST', '/api/v1/teams', body, owner.authorization))).id as string;
const member = (teamId: string, body: Record<string, unknown>, key = owner.authorization) =>
  send('POST', `/api/v1/teams/${teamId}/members`, body, key);
const rule = (teamId: string, body: Record<string, unknown>, key = owner.authorization) =>
  send('POST', `/api/v1/teams/${teamId}/rules`, body, key);
const gate = (teamId: string, body: Record<string, unknown>, key = owner.authorization) =>
  send('POST', `/api/v1/teams/${teamId}/gates`, body, key);
const route = (teamId: string, task: string) => send('POST', `/api/v1/teams/${teamId}/route`, { task });

describe('teams', () => {
  it('creates, lists, gets, updates and archives a team with the owner rules', async () => {
    const res = await send(
      'POST',
      '/api/v1/teams',
      { name: 'My AI Team', description: 'NLP' },
      owner.authorization,
    );
    const body = await created(res);
    expect(body).toEqual({ id: expect.any(String), name: 'My AI Team', owner_id: owner.ownerId });
    expect((await send('POST', '/api/v1/teams', { name: 'x' })).status).toBe(401);
    expect((await send('POST', '/api/v1/teams', { name: 'x'.repeat(201) }, owner.authorization)).status).toBe(
      400,
    );

    const mine = await readJson(
      await t.fetch('/api/v1/teams', { headers: { authorization: owner.authorization } }),
    );
    expect(mine.teams.map((x: { id: string }) => x.id)).toContain(body.id);
    expect(await readJson(await t.fetch('/api/v1/teams'))).toEqual({ teams: [], count: 0 });
    expect(
      (await readJson(await t.fetch('/api/v1/teams', { headers: { authorization: stranger } }))).count,
    ).toBe(0);

    const detail = await readJson(await t.fetch(`/api/v1/teams/${body.id}`));
    expect(detail).toMatchObject({
      id: body.id,
      name: 'My AI Team',
      owner_id: owner.ownerId,
      description: 'NLP',
      config: {},
      status: 'active',
      members: [],
      routing_rules: [],
      quality_gates: [],
    });
    expect((await t.fetch('/api/v1/teams/missing')).status).toBe(404);

    const denied = await send('PATCH', `/api/v1/teams/${body.id}`, { name: 'Mine' }, stranger);
    expect(denied.status).toBe(403);
    expect(await readJson(denied)).toEqual({ detail: 'Not your team' });
    expect((await send('PATCH', `/api/v1/teams/${body.id}`, { name: 'Mine' })).status).toBe(401);
    const patched = await send(
      'PATCH',
      `/api/v1/teams/${body.id}`,
      { config: { mode: 'keyword' } },
      owner.authorization,
    );
    expect(patched.status).toBe(200);
    expect(await readJson(patched)).toMatchObject({ name: 'My AI Team', config: { mode: 'keyword' } });

    expect((await send('DELETE', `/api/v1/teams/${body.id}`, undefined, stranger)).status).toBe(403);
    const archived = await send('DELETE', `/api/v1/teams/${body.id}`, undefined, owner.authorization);
    expect(await readJson(archived)).toEqual({ status: 'archived', id: body.id });
    expect((await readJson(await t.fetch(`/api/v1/teams/${body.id}`))).status).toBe('archived');
    expect((await send('PATCH', `/api/v1/teams/${body.id}`, { name: 'x' }, owner.authorization)).status).toBe(
      409,
    );
    const after = await readJson(
      await t.fetch('/api/v1/teams', { headers: { authorization: owner.authorization } }),
    );
    expect(after.teams.map((x: { id: string }) => x.id)).not.toContain(body.id);
  });

  it('manages members: registered agents only, no duplicates, owner only', async () => {
    const teamId = await team();
    const a = await agent('Worker');
    expect((await member(teamId, { agent_id: 'ghost' })).status).toBe(404);
    expect((await member(teamId, { agent_id: a }, stranger)).status).toBe(403);
    expect((await member(teamId, { agent_id: a, role: 'boss' })).status).toBe(400);
    const added = await created(await member(teamId, { agent_id: a, skills: ['nlp'] }));
    expect(added).toEqual({ id: expect.any(String), team_id: teamId, agent_id: a });
    expect((await member(teamId, { agent_id: a })).status).toBe(409);

    const list = await readJson(await t.fetch(`/api/v1/teams/${teamId}/members`));
    expect(list).toEqual({
      members: [
        {
          id: added.id,
          team_id: teamId,
          agent_id: a,
          role: 'worker',
          skills: ['nlp'],
          joined_at: expect.any(String),
        },
      ],
      count: 1,
    });
    expect((await send('DELETE', `/api/v1/teams/${teamId}/members/${a}`, undefined, stranger)).status).toBe(
      403,
    );
    const removed = await send(
      'DELETE',
      `/api/v1/teams/${teamId}/members/${a}`,
      undefined,
      owner.authorization,
    );
    expect(await readJson(removed)).toEqual({ status: 'removed' });
    expect(
      (await send('DELETE', `/api/v1/teams/${teamId}/members/${a}`, undefined, owner.authorization)).status,
    ).toBe(404);
    expect((await t.fetch('/api/v1/teams/missing/members')).status).toBe(404);
  });

  it('keeps rules by priority and gates in order, owner only', async () => {
    const teamId = await team();
    const a = await agent('A');
    await created(await member(teamId, { agent_id: a }));
    expect((await rule(teamId, { name: 'r', keywords: ['x'], target_agent_id: 'ghost' })).status).toBe(400);
    expect((await rule(teamId, { name: 'r', keywords: [], target_agent_id: a })).status).toBe(400);
    expect((await rule(teamId, { name: 'r', keywords: ['x'] })).status).toBe(400);
    expect((await rule(teamId, { name: 'r', keywords: ['x'], target_agent_id: a }, stranger)).status).toBe(
      403,
    );
    const low = await created(await rule(teamId, { name: 'low', keywords: ['x'], target_agent_id: a }));
    expect(low).toEqual({ id: expect.any(String), name: 'low' });
    const high = await created(
      await rule(teamId, { name: 'high', keywords: ['y'], target_role: 'worker', priority: 10 }),
    );
    const rules = await readJson(await t.fetch(`/api/v1/teams/${teamId}/rules`));
    expect(rules.rules.map((r: { name: string }) => r.name)).toEqual(['high', 'low']);
    expect(rules.rules[1]).toEqual({
      id: low.id,
      name: 'low',
      keywords: ['x'],
      target_agent_id: a,
      target_role: null,
      priority: 0,
      enabled: true,
    });

    expect((await gate(teamId, { gate_type: 'speed', threshold: 1 })).status).toBe(400);
    expect((await gate(teamId, { gate_type: 'latency', threshold: 11 })).status).toBe(400);
    expect((await gate(teamId, { gate_type: 'latency', threshold: 1 }, stranger)).status).toBe(403);
    const second = await created(await gate(teamId, { gate_type: 'coverage', threshold: 7, gate_order: 2 }));
    expect(second).toEqual({ id: expect.any(String), gate_type: 'coverage' });
    await created(await gate(teamId, { gate_type: 'quality_score', threshold: 8.5, config: { k: 1 } }));
    const gates = await readJson(await t.fetch(`/api/v1/teams/${teamId}/gates`));
    expect(gates.gates.map((g: { gate_type: string }) => g.gate_type)).toEqual(['quality_score', 'coverage']);
    expect(gates.gates[0]).toEqual({
      id: expect.any(String),
      gate_type: 'quality_score',
      threshold: 8.5,
      gate_order: 0,
      config: { k: 1 },
      enabled: true,
    });

    const detail = await readJson(await t.fetch(`/api/v1/teams/${teamId}`));
    expect(detail.routing_rules.map((r: { name: string }) => r.name)).toEqual(['high', 'low']);
    expect(detail.quality_gates).toHaveLength(2);

    expect(
      (await send('DELETE', `/api/v1/teams/${teamId}/rules/${high.id}`, undefined, stranger)).status,
    ).toBe(403);
    const del = await send(
      'DELETE',
      `/api/v1/teams/${teamId}/rules/${high.id}`,
      undefined,
      owner.authorization,
    );
    expect(await readJson(del)).toEqual({ status: 'deleted', id: high.id });
    expect(
      (await send('DELETE', `/api/v1/teams/${teamId}/rules/${high.id}`, undefined, owner.authorization))
        .status,
    ).toBe(404);
    expect(
      (await send('DELETE', `/api/v1/teams/${teamId}/gates/${second.id}`, undefined, owner.authorization))
        .status,
    ).toBe(200);
    expect((await readJson(await t.fetch(`/api/v1/teams/${teamId}/gates`))).count).toBe(1);
  });
});

describe('POST /api/v1/teams/{team_id}/route', () => {
  let teamId: string;
  let leader: string;
  let nlp: string;
  let coder: string;
  let reviewer: string;
  beforeAll(async () => {
    teamId = await team({ name: 'Routing team' });
    leader = await agent('Leader');
    nlp = await agent('NLP worker');
    coder = await agent('Coder');
    reviewer = await agent('Reviewer');
    await created(await member(teamId, { agent_id: leader, role: 'leader', skills: ['planning'] }));
    await created(await member(teamId, { agent_id: nlp, skills: ['nlp', 'translation'] }));
    await created(await member(teamId, { agent_id: coder, skills: ['python', 'sql'] }));
    await created(await member(teamId, { agent_id: reviewer, role: 'reviewer', skills: ['code review'] }));
    await created(
      await rule(teamId, {
        name: 'NLP tasks',
        keywords: ['nlp', 'text'],
        target_agent_id: nlp,
        priority: 10,
      }),
    );
    await created(
      await rule(teamId, { name: 'Reviews', keywords: ['review'], target_role: 'reviewer', priority: 20 }),
    );
    await created(
      await rule(teamId, {
        name: 'Off',
        keywords: ['sql'],
        target_agent_id: leader,
        priority: 99,
        enabled: false,
      }),
    );
    await created(await gate(teamId, { gate_type: 'quality_score', threshold: 8.5, gate_order: 1 }));
    await created(await gate(teamId, { gate_type: 'latency', threshold: 5, gate_order: 0 }));
  });

  it('applies the highest-priority matching rule and returns the gates in order', async () => {
    const res = await route(teamId, 'Please review this NLP text');
    expect(res.status).toBe(200);
    const body = await readJson(res);
    expect(body).toMatchObject({
      team_id: teamId,
      agent_id: reviewer,
      reason: 'rule',
      rule: { name: 'Reviews', target_role: 'reviewer', priority: 20 },
      matched_keywords: ['review'],
      member: { agent_id: reviewer, role: 'reviewer' },
    });
    expect(body.quality_gates.map((g: { gate_type: string }) => g.gate_type)).toEqual([
      'latency',
      'quality_score',
    ]);

    const text = await readJson(await route(teamId, 'Summarise this TEXT'));
    expect(text).toMatchObject({
      agent_id: nlp,
      reason: 'rule',
      rule: { name: 'NLP tasks' },
      matched_keywords: ['text'],
    });
  });

  it('falls back to skills, then the leader; disabled rules do nothing', async () => {
    const skills = await readJson(await route(teamId, 'Write a Python script that runs SQL'));
    expect(skills).toMatchObject({
      agent_id: coder,
      reason: 'skills',
      rule: null,
      matched_skills: ['python', 'sql'],
    });
    const fallback = await readJson(await route(teamId, 'Something else entirely'));
    expect(fallback).toMatchObject({ agent_id: leader, reason: 'leader', rule: null, matched_keywords: [] });
  });

  it('skips members whose agent is not active', async () => {
    await send('PATCH', `/api/v1/agents/${reviewer}`, { status: 'suspended' }, owner.authorization);
    const body = await readJson(await route(teamId, 'Please review this NLP text'));
    expect(body).toMatchObject({ agent_id: nlp, rule: { name: 'NLP tasks' } });
    await send('PATCH', `/api/v1/agents/${reviewer}`, { status: 'active' }, owner.authorization);
  });

  it('answers 404, 409 and 400 where it cannot route', async () => {
    expect((await route('missing', 'x')).status).toBe(404);
    const empty = await team({ name: 'Empty' });
    const none = await route(empty, 'anything');
    expect(none.status).toBe(409);
    expect(await readJson(none)).toEqual({ detail: 'Team has no active members to route to' });
    const bad = await send('POST', `/api/v1/teams/${teamId}/route`, { task: '' });
    expect(bad.status).toBe(400);
    expect((await readJson(bad)).detail).toContain('body.task');
  });
});

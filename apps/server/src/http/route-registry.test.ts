import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { KeyRole } from '../auth/api-key.js';
import { ROUTE_GROUPS } from '../routes/index.js';
import { createTestServer, readJson, type TestServer } from '../test-support/test-server.js';
import { openApiPath } from './openapi.js';
import { queryBool, queryInt } from './query-params.js';
import { ROLES_FOR_AUTH, type RouteAuth, type RouteRegistry } from './route-registry.js';

// Routes of every auth level, beside the real ones, so the matrix below covers each level.
function registerProbeRoutes(registry: RouteRegistry): void {
  for (const auth of ['key', 'buyer', 'provider', 'admin'] as const) {
    registry.add({
      method: 'GET',
      path: `/probe/${auth}`,
      summary: `Probe ${auth}`,
      tag: 'Probe',
      auth,
      handler: ({ c, key }) => c.json({ role: key.role }),
    });
  }
  registry.add({
    method: 'GET',
    path: '/probe/query/:id',
    summary: 'Query parsing',
    tag: 'Probe',
    auth: 'none',
    query: z.object({ limit: queryInt(50, 1, 100), free: queryBool().optional() }),
    response: z.object({ id: z.string(), limit: z.number(), free: z.boolean().nullable() }),
    handler: ({ c, query, params }) =>
      c.json({ id: params.id, limit: query.limit, free: query.free ?? null }),
  });
  registry.add({
    method: 'POST',
    path: '/probe/small',
    summary: 'Small body limit',
    tag: 'Probe',
    auth: 'none',
    body: z.object({ text: z.string() }),
    bodyLimitBytes: 64,
    handler: ({ c, body }) => c.json({ length: body.text.length }),
  });
  registry.add({
    method: 'GET',
    path: '/probe/wrong-shape',
    summary: 'Answers a body its schema refuses',
    tag: 'Probe',
    auth: 'none',
    response: z.object({ ok: z.literal(true) }),
    handler: ({ c }) => c.json({ ok: 'no' }),
  });
  registry.add({
    method: 'GET',
    path: '/probe/boom',
    summary: 'Throws',
    tag: 'Probe',
    auth: 'none',
    handler: () => {
      throw new Error('secret internals');
    },
  });
}

let t: TestServer;
const keys = {} as Record<KeyRole, string>;
beforeAll(async () => {
  t = await createTestServer({ routeGroups: [...ROUTE_GROUPS, registerProbeRoutes] });
  for (const role of ['buyer', 'provider', 'admin'] as const) keys[role] = await t.createKey(role);
});
afterAll(() => t?.close());

describe('authorisation matrix over every declared route', () => {
  it('refuses a missing key with 401 and a key of the wrong role with 403', async () => {
    const routes = t.server.registry.routes.filter((r) => r.auth !== 'none');
    expect(routes.map((r) => r.auth)).toEqual(expect.arrayContaining(['key', 'buyer', 'provider', 'admin']));
    for (const route of routes) {
      const path = route.path.replace(/:(\w+)(\{[^}]*\})?/g, 'x').replace(/\*$/, 'x');
      for (const method of route.methods) {
        const anonymous = await t.fetch(path, { method });
        expect(anonymous.status, `${method} ${route.path} without a key`).toBe(401);
        expect(await anonymous.json()).toEqual({ detail: expect.any(String) });
        for (const role of ['buyer', 'provider', 'admin'] as const) {
          if (ROLES_FOR_AUTH[route.auth as Exclude<RouteAuth, 'none'>].includes(role)) continue;
          const res = await t.fetch(path, { method, headers: { authorization: keys[role] } });
          expect(res.status, `${method} ${route.path} with a ${role} key`).toBe(403);
        }
      }
    }
  });

  it('admits each role where the level allows it', async () => {
    for (const [auth, roles] of Object.entries(ROLES_FOR_AUTH)) {
      for (const role of roles) {
        const res = await t.fetch(`/probe/${auth}`, { headers: { authorization: keys[role] } });
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({ role });
      }
    }
  });

  it('refuses revoked and malformed keys with 401', async () => {
    const key = await t.issueTestKey('admin');
    await t.database.db.query('UPDATE api_keys SET revoked_at = now() WHERE key_id = $1', [key.keyId]);
    const revoked = await t.fetch('/probe/key', { headers: { authorization: key.authorization } });
    expect(revoked.status).toBe(401);
    expect(await revoked.json()).toEqual({ detail: 'API key has been revoked' });
    for (const authorization of ['Bearer nocolon', 'Basic abc:def', `Bearer ${key.keyId}:wrong`]) {
      expect((await t.fetch('/probe/key', { headers: { authorization } })).status).toBe(401);
    }
  });
});

describe('requests and errors', () => {
  it('parses query and path parameters through their schemas', async () => {
    const res = await t.fetch('/probe/query/abc?limit=7&free=false');
    expect(await res.json()).toEqual({ id: 'abc', limit: 7, free: false });
    const defaults = await t.fetch('/probe/query/abc');
    expect(await defaults.json()).toEqual({ id: 'abc', limit: 50, free: null });
    const bad = await t.fetch('/probe/query/abc?limit=500&free=maybe');
    expect(bad.status).toBe(400);
    const body = await readJson(bad);
    expect(body.errors.map((e: { loc: string[] }) => e.loc.join('.'))).toEqual(['query.limit', 'query.free']);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const res = await t.fetch('/api/v1/keys', {
      method: 'POST',
      body: '{"owner_id":',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ detail: 'body: JSON decode error' });
  });

  it('answers 413 for a body over the limit, by header or by stream', async () => {
    const big = JSON.stringify({ text: 'x'.repeat(100) });
    const res = await t.fetch('/probe/small', { method: 'POST', body: big });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ detail: 'Request body too large' });
    const chunked = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const streamed = await t.fetch('/probe/small', {
      method: 'POST',
      body: chunked,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    const defaultLimit = await t.fetch('/api/v1/keys', {
      method: 'POST',
      body: JSON.stringify({ owner_id: 'x'.repeat(1024 * 1024 + 1) }),
    });
    expect(defaultLimit.status).toBe(413);
  });

  it('answers 404 {"detail":"Not Found"} for unknown routes, with a request id', async () => {
    const res = await t.fetch('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ detail: 'Not Found' });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('echoes a sent X-Request-ID and replaces an unsafe one', async () => {
    const echoed = await t.fetch('/health', { headers: { 'x-request-id': 'abc-123' } });
    expect(echoed.headers.get('x-request-id')).toBe('abc-123');
    const replaced = await t.fetch('/health', { headers: { 'x-request-id': 'a b\tc' } });
    expect(replaced.headers.get('x-request-id')).not.toBe('a b\tc');
  });

  it('answers 500 {"detail"} without internals, and catches response bodies off their schema', async () => {
    const boom = await t.fetch('/probe/boom');
    expect(boom.status).toBe(500);
    expect(await boom.json()).toEqual({ detail: 'Internal server error' });
    expect((await t.fetch('/probe/wrong-shape')).status).toBe(500);
  });

  it('serves GET / and GET /health', async () => {
    expect(await (await t.fetch('/')).json()).toEqual({
      service: expect.any(String),
      version: expect.any(String),
      docs: '/docs',
    });
    expect(await (await t.fetch('/health')).json()).toEqual({ status: 'ok', timestamp: expect.any(String) });
  });
});

describe('generated documentation', () => {
  it('lists every route in /openapi.json with its auth and schemas', async () => {
    const doc = await readJson(await t.fetch('/openapi.json'));
    expect(doc.openapi).toBe('3.1.0');
    for (const route of t.server.registry.routes) {
      const path = openApiPath(route.path);
      for (const method of route.methods) {
        expect(doc.paths[path]?.[method.toLowerCase()]?.['x-auth'], `${method} ${path}`).toBe(route.auth);
      }
    }
    const createKey = doc.paths['/api/v1/keys'].post;
    expect(createKey.requestBody.content['application/json'].schema.required).toEqual(['owner_id']);
    expect(createKey.responses['201']).toBeDefined();
    expect(doc.paths['/probe/query/{id}'].get.parameters.map((p: { name: string }) => p.name)).toEqual([
      'id',
      'limit',
      'free',
    ]);
  });

  it('renders /docs as HTML naming every route, its auth and its fields', async () => {
    const res = await t.fetch('/docs');
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).not.toMatch(/<script|https?:\/\/(?!127)/);
    for (const route of t.server.registry.routes) expect(html).toContain(openApiPath(route.path));
    expect(html).toContain('owner_id');
    expect(html).toContain('admin key (admin)');
  });
});

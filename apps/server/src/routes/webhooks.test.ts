import { verifyWebhook } from '@tollway/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, readJson, type TestServer } from '../test-support/test-server.js';
import { enqueueWebhookEvent } from '../webhooks/enqueue-event.js';
import { startTestReceiver } from '../webhooks/test-receiver.js';

const FAST = { pollIntervalMs: 20, backoffBaseMs: 20 };

let t: TestServer;
beforeAll(async () => {
  t = await createTestServer({ allowInternalHosts: ['127.0.0.1'], webhookDelivery: FAST });
});
afterAll(() => t?.close());

function subscribe(
  authorization: string | undefined,
  body: unknown,
  server: TestServer = t,
): Promise<Response> {
  return server.fetch('/api/v1/webhooks', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(body),
  });
}

const valid = {
  url: 'https://my-agent.example.com/webhook',
  events: ['service.called', 'payment.completed'],
  secret: 'whsec_my_webhook_secret',
};

describe('POST /api/v1/webhooks', () => {
  it('creates a subscription with the documented shape, events sorted, the secret shown once', async () => {
    const key = await t.issueTestKey('buyer');
    const res = await subscribe(key.authorization, valid);
    expect(res.status).toBe(201);
    const body = await readJson(res);
    expect(body).toEqual({
      id: expect.stringMatching(/^wh-[0-9a-f-]{36}$/),
      owner_id: key.ownerId,
      url: valid.url,
      events: ['payment.completed', 'service.called'],
      active: true,
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/),
      secret: valid.secret,
    });
    const listed = await readJson(
      await t.fetch('/api/v1/webhooks', { headers: { authorization: key.authorization } }),
    );
    expect(listed).toEqual({ webhooks: [{ ...body, secret: undefined }], count: 1 });
    expect(JSON.stringify(listed)).not.toContain(valid.secret);
  });

  it('makes a whsec_ secret when none is given', async () => {
    const res = await subscribe(await t.createKey('provider'), {
      url: valid.url,
      events: ['reputation.updated'],
    });
    expect(res.status).toBe(201);
    expect((await readJson(res)).secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
  });

  it('refuses plain http, internal addresses and localhost names unless allow-listed (400)', async () => {
    const key = await t.createKey('buyer');
    for (const [url, detail] of [
      ['http://my-agent.example.com/webhook', 'url: must use HTTPS'],
      ['https://10.0.0.5/hook', 'url: 10.0.0.5 is an internal address'],
      ['https://169.254.169.254/latest', 'url: 169.254.169.254 is an internal address'],
      ['https://[::1]/hook', 'url: ::1 is an internal address'],
      ['https://localhost/hook', 'url: localhost is an internal address'],
      ['https://user:pw@example.com/hook', 'url: credentials in the URL are not allowed'],
      ['ftp://example.com/hook', 'url: scheme ftp: is not allowed: use http:// or https://'],
      ['not a url', 'url: not a valid URL'],
    ]) {
      const res = await subscribe(key, { ...valid, url });
      expect(res.status, url).toBe(400);
      expect(await res.json()).toEqual({ detail });
    }
    const receiver = await startTestReceiver();
    try {
      expect((await subscribe(key, { ...valid, url: receiver.url })).status).toBe(201);
    } finally {
      await receiver.close();
    }
  });

  it('answers 400 for unknown events, no events, a short secret and a missing url', async () => {
    const key = await t.createKey('buyer');
    for (const [body, where] of [
      [{ ...valid, events: ['service.deleted'] }, 'body.events.0'],
      [{ ...valid, events: [] }, 'body.events'],
      [{ ...valid, secret: 'short' }, 'body.secret'],
      [{ ...valid, secret: 'whsec_!!!!!!!!!!!!!!!!' }, 'body.secret'],
      [{ events: valid.events }, 'body.url'],
    ] as const) {
      const res = await subscribe(key, body);
      expect(res.status).toBe(400);
      expect((await readJson(res)).detail).toContain(where);
    }
  });

  it('allows at most 20 subscriptions per owner', async () => {
    const key = await t.createKey('buyer');
    const made = await Promise.all(Array.from({ length: 22 }, () => subscribe(key, valid)));
    expect(made.map((r) => r.status).sort()).toEqual([...Array(20).fill(201), 400, 400]);
    const refused = made.find((r) => r.status === 400)!;
    expect(await refused.json()).toEqual({ detail: 'Maximum 20 webhooks per owner' });
    const listed = await readJson(await t.fetch('/api/v1/webhooks', { headers: { authorization: key } }));
    expect(listed.count).toBe(20);
    await t.fetch(`/api/v1/webhooks/${listed.webhooks[0].id}`, {
      method: 'DELETE',
      headers: { authorization: key },
    });
    expect((await subscribe(key, valid)).status).toBe(201);
  });
});

describe('GET and DELETE /api/v1/webhooks', () => {
  it("lists only the caller's own subscriptions", async () => {
    const [a, b] = [await t.createKey('buyer'), await t.createKey('admin')];
    await subscribe(a, valid);
    const listed = await readJson(await t.fetch('/api/v1/webhooks', { headers: { authorization: b } }));
    expect(listed).toEqual({ webhooks: [], count: 0 });
  });

  it('lets only the owner delete (403 for another owner, admin included; 404 when unknown)', async () => {
    const owner = await t.createKey('buyer');
    const id = (await readJson(await subscribe(owner, valid))).id;
    const del = (authorization?: string, which = id) =>
      t.fetch(`/api/v1/webhooks/${which}`, {
        method: 'DELETE',
        headers: authorization ? { authorization } : {},
      });
    expect((await del()).status).toBe(401);
    expect((await del(await t.createKey('provider'))).status).toBe(403);
    expect((await del(await t.createKey('admin'))).status).toBe(403);
    const ok = await del(owner);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: 'deleted', webhook_id: id });
    expect((await del(owner)).status).toBe(404);
    expect(await (await del(owner, 'wh-nope')).json()).toEqual({ detail: 'Webhook not found' });
  });
});

describe('delivery through the server', () => {
  it('delivers a queued event to a loopback receiver, signed with the subscription secret', async () => {
    const receiver = await startTestReceiver();
    try {
      const key = await t.issueTestKey('provider');
      const created = await readJson(
        await subscribe(key.authorization, { ...valid, url: receiver.url, events: ['settlement.completed'] }),
      );
      await enqueueWebhookEvent(t.database.db, {
        event: 'settlement.completed',
        payload: { settlement_id: 's-1', net_amount: '9.45' },
        audience: [key.ownerId],
      });
      const [got] = await receiver.waitFor(1);
      expect(JSON.parse(got!.body)).toMatchObject({ event: 'settlement.completed', webhook_id: created.id });
      const check = verifyWebhook({
        secret: valid.secret,
        body: got!.body,
        headers: got!.headers as Record<string, string>,
        nowSeconds: Math.floor(Date.now() / 1000),
      });
      expect(check).toEqual({ ok: true, scheme: 'standard-webhooks' });
    } finally {
      await receiver.close();
    }
  });

  it('delivers rows left pending by a stopped server once a new one starts on the same database', async () => {
    const receiver = await startTestReceiver();
    receiver.respond = () => 503;
    // A slower backoff here, so that the first server stops before it has used up the retries.
    const first = await createTestServer({
      allowInternalHosts: ['127.0.0.1'],
      webhookDelivery: { ...FAST, backoffBaseMs: 300 },
    });
    let second: TestServer | undefined;
    try {
      const key = await first.issueTestKey('buyer');
      await subscribe(
        key.authorization,
        { ...valid, url: receiver.url, events: ['payment.completed'] },
        first,
      );
      await enqueueWebhookEvent(first.database.db, {
        event: 'payment.completed',
        payload: {},
        audience: [key.ownerId],
      });
      await receiver.waitFor(1);
      await first.server.close();
      const attempts = receiver.received.length;
      const pending = await first.database.db.one<{ delivered_at: Date | null; failed_at: Date | null }>(
        'SELECT delivered_at, failed_at FROM webhook_outbox',
      );
      expect(pending).toEqual({ delivered_at: null, failed_at: null });
      receiver.respond = () => 200;
      second = await createTestServer({
        database: first.database,
        allowInternalHosts: ['127.0.0.1'],
        webhookDelivery: FAST,
      });
      await receiver.waitFor(attempts + 1);
      await expect
        .poll(() =>
          first.database.db.one('SELECT delivered_at FROM webhook_outbox WHERE delivered_at IS NOT NULL'),
        )
        .toBeTruthy();
    } finally {
      await second?.close();
      await first.close();
      await receiver.close();
    }
  });
});

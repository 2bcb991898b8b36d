import { verifyWebhook } from '@tollway/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../http/logger.js';
import { createSafeFetch } from '../net/safe-fetch.js';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database.js';
import { createWebhookWorker, type WebhookDeliverySettings } from './delivery-worker.js';
import { enqueueWebhookEvent } from './enqueue-event.js';
import { retryDelayMs } from './retry-delay.js';
import { startTestReceiver, type TestReceiver } from './test-receiver.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const T0 = Date.UTC(2026, 2, 19, 10, 0, 0);

let database: TestDatabase;
let receiver: TestReceiver;
let clock = T0;
let owner = 0;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());
afterEach(() => receiver?.close());

/** A new owner subscribed to service.called at the receiver; returns the owner id. */
async function subscribe(url: string): Promise<string> {
  const ownerId = `owner-${++owner}`;
  await database.db.query(
    'INSERT INTO webhooks (id, owner_id, url, events, secret) VALUES ($1, $2, $3, $4, $5)',
    [`wh-${ownerId}`, ownerId, url, ['service.called'], SECRET],
  );
  return ownerId;
}

/** A receiver answering with `respond`, one owner subscribed to it and one event queued at T0; returns the owner. */
async function oneQueued(
  respond: TestReceiver['respond'] = () => 200,
  payload: Record<string, unknown> = {},
  url = (r: TestReceiver) => r.url,
): Promise<string> {
  receiver = await startTestReceiver();
  receiver.respond = respond;
  const ownerId = await subscribe(url(receiver));
  clock = T0;
  await enqueueWebhookEvent(database.db, { event: 'service.called', payload, audience: [ownerId], now: T0 });
  return ownerId;
}

function worker(settings: WebhookDeliverySettings = {}) {
  return createWebhookWorker(
    {
      db: database.db,
      fetch: createSafeFetch({ allowInternalHosts: ['127.0.0.1'] }),
      now: () => clock,
      logger: silentLogger,
    },
    settings,
  );
}

interface OutboxRow {
  attempts: number;
  next_attempt_at: Date;
  delivered_at: Date | null;
  failed_at: Date | null;
  last_status_code: number | null;
}

const rowsOf = (ownerId: string) =>
  database.db.many<OutboxRow>('SELECT * FROM webhook_outbox WHERE webhook_id = $1 ORDER BY created_at', [
    `wh-${ownerId}`,
  ]);

describe('retryDelayMs', () => {
  it('doubles from the base: the documented 1 s, 2 s, 4 s', () => {
    expect([1, 2, 3].map((n) => retryDelayMs(n))).toEqual([1000, 2000, 4000]);
    expect([1, 2, 3].map((n) => retryDelayMs(n, 10))).toEqual([10, 20, 40]);
  });
});

describe('the delivery worker', () => {
  it('sends the body with headers that verifyWebhook accepts under both schemes', async () => {
    const ownerId = await oneQueued(undefined, { usage_id: 'u-1', amount_usd: '0.05' });
    expect(await worker().runOnce()).toBe(1);
    const [got] = receiver.received;
    expect(JSON.parse(got!.body)).toEqual({
      event: 'service.called',
      payload: { usage_id: 'u-1', amount_usd: '0.05' },
      timestamp: '2026-03-19T10:00:00+00:00',
      webhook_id: `wh-${ownerId}`,
    });
    expect(got!.headers['x-acf-event']).toBe('service.called');
    expect(got!.headers['content-type']).toBe('application/json');
    const headers = got!.headers as Record<string, string>;
    const nowSeconds = T0 / 1000;
    expect(verifyWebhook({ secret: SECRET, body: got!.body, headers, nowSeconds })).toEqual({
      ok: true,
      scheme: 'standard-webhooks',
    });
    const acfOnly = { 'x-acf-signature': headers['x-acf-signature'] };
    expect(verifyWebhook({ secret: SECRET, body: got!.body, headers: acfOnly, nowSeconds })).toEqual({
      ok: true,
      scheme: 'acf',
    });
    expect(
      verifyWebhook({ secret: SECRET.replace('Mf', 'Mg'), body: got!.body, headers, nowSeconds }).ok,
    ).toBe(false);
    expect(await rowsOf(ownerId)).toMatchObject([
      { attempts: 1, delivered_at: new Date(T0), last_status_code: 200 },
    ]);
  });

  it('retries on the documented 1 s, 2 s, 4 s schedule and then marks the delivery failed', async () => {
    const ownerId = await oneQueued(() => 500);
    const w = worker();
    const expected = [T0 + 1000, T0 + 3000, T0 + 7000];
    for (const [i, due] of expected.entries()) {
      expect(await w.runOnce()).toBe(1);
      const [row] = await rowsOf(ownerId);
      expect(row).toMatchObject({ attempts: i + 1, next_attempt_at: new Date(due), failed_at: null });
      clock = due - 1;
      expect(await w.runOnce()).toBe(0);
      clock = due;
    }
    expect(await w.runOnce()).toBe(1);
    expect(await rowsOf(ownerId)).toMatchObject([
      { attempts: 4, failed_at: new Date(T0 + 7000), delivered_at: null, last_status_code: 500 },
    ]);
    clock = T0 + 3_600_000;
    expect(await w.runOnce()).toBe(0);
    const ids = receiver.received.map((r) => r.headers['webhook-id']);
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(1);
    expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);
  });

  it('delivers after the receiver fails twice, polling on its own with a short backoff', async () => {
    receiver = await startTestReceiver();
    receiver.respond = (i) => (i < 2 ? 503 : 204);
    const ownerId = await subscribe(receiver.url);
    clock = Date.now();
    await enqueueWebhookEvent(database.db, {
      event: 'service.called',
      payload: {},
      audience: [ownerId],
      now: clock,
    });
    const live = createWebhookWorker(
      {
        db: database.db,
        fetch: createSafeFetch({ allowInternalHosts: ['127.0.0.1'] }),
        now: Date.now,
        logger: silentLogger,
      },
      { backoffBaseMs: 10, pollIntervalMs: 10 },
    );
    live.start();
    try {
      await receiver.waitFor(3);
      await expect
        .poll(async () => (await rowsOf(ownerId))[0]?.delivered_at, { timeout: 5000 })
        .not.toBeNull();
    } finally {
      await live.stop();
    }
    expect(await rowsOf(ownerId)).toMatchObject([{ attempts: 3, last_status_code: 204, failed_at: null }]);
  });

  it('refuses a receiver on an internal address that is not allow-listed, and records why', async () => {
    const ownerId = await oneQueued(undefined, {}, (r) => r.url.replace('127.0.0.1', '127.0.0.2'));
    expect(await worker().runOnce()).toBe(1);
    const row = await database.db.one<{ last_error: string; attempts: number }>(
      'SELECT last_error, attempts FROM webhook_outbox WHERE webhook_id = $1',
      [`wh-${ownerId}`],
    );
    expect(row).toMatchObject({ attempts: 1, last_error: expect.stringContaining('internal_address') });
    expect(receiver.received).toEqual([]);
  });

  it('never sends one delivery twice when several workers claim at once', async () => {
    receiver = await startTestReceiver();
    const ownerIds = [
      await subscribe(receiver.url),
      await subscribe(receiver.url),
      await subscribe(receiver.url),
    ];
    clock = T0;
    for (let i = 0; i < 10; i++) {
      await enqueueWebhookEvent(database.db, {
        event: 'service.called',
        payload: { i },
        audience: ownerIds,
        now: T0,
      });
    }
    const workers = [worker({ batchSize: 4 }), worker({ batchSize: 4 }), worker({ batchSize: 4 })];
    let claimed = 0;
    for (let round = 0; round < 20 && claimed < 30; round++) {
      const counts = await Promise.all(workers.map((w) => w.runOnce()));
      claimed += counts.reduce((a, b) => a + b, 0);
    }
    expect(claimed).toBe(30);
    const ids = receiver.received.map((r) => r.headers['webhook-id']);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
  });

  it('hands a delivery cut short by stop() back untouched, for the next start to send', async () => {
    const ownerId = await oneQueued((i) => (i === 0 ? 'hang' : 200));
    const first = worker();
    const round = first.runOnce();
    await receiver.waitFor(1);
    await first.stop();
    expect(await round).toBe(1);
    expect(await rowsOf(ownerId)).toMatchObject([{ attempts: 0, delivered_at: null, failed_at: null }]);
    expect(await worker().runOnce()).toBe(1);
    expect(await rowsOf(ownerId)).toMatchObject([{ attempts: 1, delivered_at: new Date(T0) }]);
    expect(receiver.received.map((r) => r.headers['webhook-id'])).toEqual([
      receiver.received[0]!.headers['webhook-id'],
      receiver.received[0]!.headers['webhook-id'],
    ]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database.js';
import { enqueueWebhookEvent } from './enqueue-event.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  const subscribe = (id: string, owner: string, events: string[], active = true) =>
    database.db.query(
      `INSERT INTO webhooks (id, owner_id, url, events, secret, active) VALUES ($1, $2, $3, $4, $5, $6)`,
      [id, owner, `https://${id}.example/hook`, events, 'whsec_test_secret_1234', active],
    );
  await subscribe('wh-a1', 'alice', ['service.called', 'payment.completed']);
  await subscribe('wh-a2', 'alice', ['payment.completed']);
  await subscribe('wh-a3', 'alice', ['service.called'], false);
  await subscribe('wh-b1', 'bob', ['service.called']);
  await subscribe('wh-c1', 'carol', ['service.called']);
});
afterAll(() => database?.close());

interface OutboxRow {
  webhook_id: string;
  event: string;
  body: string;
  attempts: number;
  next_attempt_at: Date;
}

const outbox = (event: string) =>
  database.db.many<OutboxRow>('SELECT * FROM webhook_outbox WHERE event = $1 ORDER BY webhook_id', [event]);

describe('enqueueWebhookEvent', () => {
  it('adds one row per active subscription of the audience to the event, with the final body', async () => {
    const now = Date.UTC(2026, 2, 19, 10, 0, 1, 250);
    await enqueueWebhookEvent(database.db, {
      event: 'service.called',
      payload: { usage_id: 'u-1', status_code: 200 },
      audience: ['alice', 'bob', 'alice', 'nobody'],
      now,
    });
    const rows = await outbox('service.called');
    expect(rows.map((r) => r.webhook_id)).toEqual(['wh-a1', 'wh-b1']);
    expect(rows[0]!.body).toBe(
      '{"event":"service.called","payload":{"usage_id":"u-1","status_code":200},"timestamp":"2026-03-19T10:00:01+00:00","webhook_id":"wh-a1"}',
    );
    expect(rows.every((r) => r.attempts === 0 && r.next_attempt_at.getTime() === now)).toBe(true);
  });

  it('adds nothing for an empty audience or an event nobody subscribed to', async () => {
    await enqueueWebhookEvent(database.db, { event: 'payment.completed', payload: {}, audience: [] });
    await enqueueWebhookEvent(database.db, {
      event: 'settlement.completed',
      payload: {},
      audience: ['alice'],
    });
    expect(await outbox('payment.completed')).toEqual([]);
    expect(await outbox('settlement.completed')).toEqual([]);
  });

  it("joins the caller's transaction: nothing is queued when it rolls back", async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await enqueueWebhookEvent(tx, { event: 'payment.completed', payload: { n: 1 }, audience: ['alice'] });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await outbox('payment.completed')).toEqual([]);
    await database.db.transaction((tx) =>
      enqueueWebhookEvent(tx, { event: 'payment.completed', payload: { n: 2 }, audience: ['alice'] }),
    );
    expect((await outbox('payment.completed')).map((r) => r.webhook_id)).toEqual(['wh-a1', 'wh-a2']);
  });
});

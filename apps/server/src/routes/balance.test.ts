import { createNowPaymentsClient, createPayPalClient } from '@tollway/payments';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeNowPayments, startFakeNowPayments } from '../test-support/fakes/fake-nowpayments.js';
import { type FakePayPal, startFakePayPal } from '../test-support/fakes/fake-paypal.js';
import { type FakeProvider, startFakeProvider } from '../test-support/fakes/fake-provider.js';
import { insertTestService } from '../test-support/fakes/service-rows.js';
import { createTestServer, readJson, type TestKey, type TestServer } from '../test-support/test-server.js';
import type { EnqueueWebhookEventInput } from '../webhooks/enqueue-event.js';
import { createBalanceRoutes } from './balance.js';
import { createProxyRoutes } from './proxy.js';
import { registerUsageRoutes } from './usage.js';

let t: TestServer;
let paypal: FakePayPal;
let nowpayments: FakeNowPayments;
let provider: FakeProvider;
const events: EnqueueWebhookEventInput[] = [];
const enqueueWebhookEvent = async (_db: unknown, input: EnqueueWebhookEventInput) => void events.push(input);

beforeAll(async () => {
  [paypal, nowpayments, provider] = await Promise.all([
    startFakePayPal(),
    startFakeNowPayments(),
    startFakeProvider(),
  ]);
  t = await createTestServer({
    allowInternalHosts: ['127.0.0.1'],
    routeGroups: [
      createProxyRoutes({ enqueueWebhookEvent }),
      createBalanceRoutes({
        enqueueWebhookEvent,
        providers: {
          paypal: createPayPalClient({
            baseUrl: paypal.url,
            clientId: paypal.clientId,
            clientSecret: paypal.clientSecret,
          }),
          nowpayments: {
            client: createNowPaymentsClient({ baseUrl: nowpayments.url, apiKey: nowpayments.apiKey }),
            ipnSecret: nowpayments.ipnSecret,
            payCurrency: 'usdcbase',
          },
        },
      }),
      registerUsageRoutes,
    ],
  });
});
afterAll(async () => {
  await t?.close();
  await Promise.all([paypal?.close(), nowpayments?.close(), provider?.close()]);
});

const send = (
  path: string,
  key: TestKey | string | null,
  body?: unknown,
  method = body === undefined ? 'GET' : 'POST',
) =>
  t.fetch(path, {
    method,
    headers: {
      ...(key ? { authorization: typeof key === 'string' ? key : key.authorization } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
const balance = async (key: TestKey) => (await readJson(await send('/api/v1/balance', key))).balance;

describe('balance and admin credit', () => {
  it('starts at zero, is credited by an admin, and refuses credit from others and bad amounts', async () => {
    const buyer = await t.issueTestKey('buyer');
    expect(await readJson(await send('/api/v1/balance', buyer))).toEqual({
      buyer_id: buyer.ownerId,
      balance: '0.00',
      reserved: '0.00',
      currency: 'USDC',
    });
    const admin = await t.createKey('admin');
    const credited = await send('/api/v1/balance/credit', admin, { buyer_id: buyer.ownerId, amount: '2.5' });
    expect(credited.status).toBe(200);
    expect(await readJson(credited)).toEqual({ buyer_id: buyer.ownerId, credited: '2.50', balance: '2.50' });
    expect(await balance(buyer)).toBe('2.50');

    expect(
      (await send('/api/v1/balance/credit', buyer, { buyer_id: buyer.ownerId, amount: '1' })).status,
    ).toBe(403);
    expect(
      (await send('/api/v1/balance/credit', null, { buyer_id: buyer.ownerId, amount: '1' })).status,
    ).toBe(401);
    for (const amount of ['1.234', '-1', 'ten', '0']) {
      const bad = await send('/api/v1/balance/credit', admin, { buyer_id: buyer.ownerId, amount });
      expect(bad.status, amount).toBe(400);
      expect((await readJson(bad)).detail).toMatch(/^body\.amount/);
    }
    expect((await send('/api/v1/balance', null)).status).toBe(401);
  });
});

describe('PayPal deposits', () => {
  it('creates an order, refuses capture before approval, credits once after capture, and pays proxy calls', async () => {
    const buyer = await t.issueTestKey('buyer', { rateLimit: 1000 });
    const created = await send('/api/v1/deposits', buyer, { amount: '10.00', payment_method: 'paypal' });
    expect(created.status).toBe(201);
    const deposit = await readJson(created);
    expect(deposit).toMatchObject({
      buyer_id: buyer.ownerId,
      amount: '10.00',
      payment_method: 'paypal',
      status: 'pending',
      approve_url: expect.stringContaining(`token=${deposit.external_id}`),
    });
    const order = paypal.orders.get(deposit.external_id)!;
    expect(order).toMatchObject({
      intent: 'CAPTURE',
      purchase_units: [{ reference_id: deposit.id, amount: { currency_code: 'USD', value: '10.00' } }],
    });

    const early = await send(`/api/v1/deposits/${deposit.id}/capture`, buyer, {});
    expect(early.status).toBe(409);
    expect(await balance(buyer)).toBe('0.00');

    paypal.approve(deposit.external_id);
    const captured = await send(`/api/v1/deposits/${deposit.id}/capture`, buyer, {});
    expect(await readJson(captured)).toMatchObject({ status: 'confirmed', confirmed_at: expect.any(String) });
    expect(await readJson(await send(`/api/v1/deposits/${deposit.id}/capture`, buyer, {}))).toMatchObject({
      status: 'confirmed',
    });
    expect(await balance(buyer)).toBe('10.00');
    expect(
      events.filter((e) => e.event === 'payment.completed' && e.payload.deposit_id === deposit.id),
    ).toEqual([
      expect.objectContaining({
        audience: [buyer.ownerId],
        payload: expect.objectContaining({ amount: '10.00', payment_method: 'paypal' }),
      }),
    ]);
    const tokenCalls = paypal.requests.filter((r) => r.path === '/v1/oauth2/token');
    expect(tokenCalls).toHaveLength(1);
    expect(
      paypal.requests
        .filter((r) => r.path.startsWith('/v2/'))
        .every((r) => r.headers.authorization?.startsWith('Bearer A21AA')),
    ).toBe(true);

    const id = await insertTestService(t.database.db, {
      endpoint: provider.url,
      priceUnits: 250_000n,
      paymentMethod: 'paypal',
    });
    const res = await send(`/api/v1/proxy/${id}/run`, buyer);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-acf-amount')).toBe('0.25');
    expect(await balance(buyer)).toBe('9.75');
    const usage = await t.database.db.one<{ payment_method: string }>(
      'SELECT payment_method FROM usage_records WHERE id = $1',
      [res.headers.get('x-acf-usage-id')],
    );
    expect(usage?.payment_method).toBe('paypal');

    const stranger = await t.issueTestKey('buyer');
    expect((await send(`/api/v1/deposits/${deposit.id}`, stranger)).status).toBe(404);
    expect((await send(`/api/v1/deposits/${deposit.id}/capture`, stranger, {})).status).toBe(404);
    expect((await send(`/api/v1/deposits/${deposit.id}`, await t.createKey('admin'))).status).toBe(200);
  });

  it('validates deposits: method, amount bounds and cents, and the buyer id', async () => {
    const buyer = await t.issueTestKey('buyer');
    for (const body of [
      { amount: '10.00', payment_method: 'x402' },
      { amount: '10.001', payment_method: 'paypal' },
      { amount: '0.50', payment_method: 'paypal' },
      { amount: '10001', payment_method: 'paypal' },
      { payment_method: 'paypal' },
    ]) {
      expect((await send('/api/v1/deposits', buyer, body)).status, JSON.stringify(body)).toBe(400);
    }
    const other = await send('/api/v1/deposits', buyer, {
      amount: 10,
      payment_method: 'paypal',
      buyer_id: 'someone-else',
    });
    expect(other.status).toBe(403);
    expect(
      (await send('/api/v1/deposits', await t.createKey('admin'), { amount: 10, payment_method: 'paypal' }))
        .status,
    ).toBe(403);
  });
});

describe('NOWPayments deposits', () => {
  it('creates a payment, refuses unsigned callbacks, credits once on a finished IPN, and pays proxy calls', async () => {
    const buyer = await t.issueTestKey('buyer');
    const deposit = await readJson(
      await send('/api/v1/deposits', buyer, { amount: 25, payment_method: 'nowpayments' }),
    );
    expect(deposit).toMatchObject({
      amount: '25.00',
      status: 'pending',
      pay_address: expect.stringMatching(/^0x[0-9a-f]{40}$/),
      pay_amount: 25,
      pay_currency: 'usdcbase',
    });
    const created = nowpayments.requests.find((r) => r.method === 'POST')!;
    expect(created.headers['x-api-key']).toBe(nowpayments.apiKey);
    expect(JSON.parse(created.body)).toMatchObject({
      price_amount: 25,
      price_currency: 'usd',
      order_id: deposit.id,
    });

    const ipnUrl = '/api/v1/ipn/nowpayments';
    const forged = await t.fetch(ipnUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-nowpayments-sig': 'ab'.repeat(64) },
      body: JSON.stringify({
        payment_id: Number(deposit.external_id),
        payment_status: 'finished',
        order_id: deposit.id,
        price_amount: 25,
        price_currency: 'usd',
      }),
    });
    expect(forged.status).toBe(400);
    expect(await balance(buyer)).toBe('0.00');

    const waiting = await nowpayments.settle(deposit.external_id, 'confirming', `${t.url}${ipnUrl}`);
    expect(waiting).toEqual({ status: 200, body: { status: 'ok', action: 'pending' } });
    const finished = await nowpayments.settle(deposit.external_id, 'finished', `${t.url}${ipnUrl}`);
    expect(finished).toEqual({ status: 200, body: { status: 'ok', action: 'credited' } });
    const again = await nowpayments.settle(deposit.external_id, 'finished', `${t.url}${ipnUrl}`);
    expect(again.body).toEqual({ status: 'ok', action: 'already_confirmed' });
    expect(await balance(buyer)).toBe('25.00');
    expect((await readJson(await send(`/api/v1/deposits/${deposit.id}`, buyer))).status).toBe('confirmed');

    const id = await insertTestService(t.database.db, {
      endpoint: provider.url,
      priceUnits: 1_000_000n,
      paymentMethod: 'nowpayments',
    });
    const res = await send(`/api/v1/proxy/${id}/run`, buyer);
    expect(res.headers.get('x-acf-amount')).toBe('1.00');
    expect(await balance(buyer)).toBe('24.00');
  });

  it('reads the payment status on capture and marks expired payments failed', async () => {
    const buyer = await t.issueTestKey('buyer');
    const deposit = await readJson(
      await send('/api/v1/deposits', buyer, { amount: '5', payment_method: 'nowpayments' }),
    );
    expect((await readJson(await send(`/api/v1/deposits/${deposit.id}/capture`, buyer, {}))).status).toBe(
      'pending',
    );
    nowpayments.payments.get(deposit.external_id)!.payment_status = 'expired';
    expect((await readJson(await send(`/api/v1/deposits/${deposit.id}/capture`, buyer, {}))).status).toBe(
      'failed',
    );
    expect(await balance(buyer)).toBe('0.00');
  });
});

describe('GET /api/v1/usage/me', () => {
  it('counts every call, sums what was charged and averages latency', async () => {
    const buyer = await t.issueTestKey('buyer');
    expect(await readJson(await send('/api/v1/usage/me', buyer))).toEqual({
      buyer_id: buyer.ownerId,
      total_calls: 0,
      total_spent_usd: '0.00',
      avg_latency_ms: 0,
    });
    await send('/api/v1/balance/credit', await t.createKey('admin'), {
      buyer_id: buyer.ownerId,
      amount: '1',
    });
    const id = await insertTestService(t.database.db, { endpoint: provider.url, priceUnits: 50_000n });
    for (let i = 0; i < 3; i++) expect((await send(`/api/v1/proxy/${id}/x`, buyer)).status).toBe(200);
    const usage = await readJson(await send('/api/v1/usage/me', buyer));
    expect(usage).toMatchObject({ buyer_id: buyer.ownerId, total_calls: 3, total_spent_usd: '0.15' });
    expect(usage.avg_latency_ms).toBeGreaterThanOrEqual(0);
    expect((await send('/api/v1/usage/me', null)).status).toBe(401);
  });
});

describe('unconfigured providers', () => {
  it('answers 503 for deposits and IPN callbacks when PayPal and NOWPayments are not configured', async () => {
    const bare = await createTestServer({
      database: t.database,
      routeGroups: [createBalanceRoutes({ providers: {} })],
    });
    try {
      const buyer = await t.issueTestKey('buyer');
      const res = await bare.fetch('/api/v1/deposits', {
        method: 'POST',
        headers: { authorization: buyer.authorization, 'content-type': 'application/json' },
        body: JSON.stringify({ amount: '10', payment_method: 'paypal' }),
      });
      expect(res.status).toBe(503);
      expect((await readJson(res)).detail).toBe('PayPal deposits are not configured on this server');
      expect((await bare.fetch('/api/v1/ipn/nowpayments', { method: 'POST', body: '{}' })).status).toBe(503);
    } finally {
      await bare.close();
    }
  });
});

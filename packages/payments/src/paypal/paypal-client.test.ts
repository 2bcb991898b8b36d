import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PaymentProviderError } from '../errors/payment-provider-error.js';
import { createPayPalClient, isPayPalOrderCaptured, payPalApproveUrl } from './paypal-client.js';

const seen: { path: string; auth: string | undefined; requestId: string | undefined; body: string }[] = [];
let answer: (path: string) => [number, unknown] = () => [500, {}];
let url = '';
const server = createServer(async (req: IncomingMessage, res) => {
  let body = '';
  for await (const chunk of req) body += chunk;
  seen.push({
    path: req.url ?? '',
    auth: req.headers.authorization,
    requestId: req.headers['paypal-request-id'] as string,
    body,
  });
  const [status, json] = answer(req.url ?? '');
  res
    .writeHead(status, { 'content-type': 'application/json' })
    .end(typeof json === 'string' ? json : JSON.stringify(json));
});
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const order = {
  id: '5O190127TN364715T',
  status: 'CREATED',
  links: [
    { href: 'https://www.paypal.com/checkoutnow?token=5O190127TN364715T', rel: 'approve', method: 'GET' },
  ],
};
let tokens = 0;
const paypalApi = (path: string): [number, unknown] => {
  if (path === '/v1/oauth2/token')
    return [200, { access_token: `tok-${++tokens}`, token_type: 'Bearer', expires_in: 3600 }];
  return [201, order];
};

describe('createPayPalClient', () => {
  it('authenticates with client credentials, reuses the token until a minute before it expires, and sends orders in the v2 format', async () => {
    seen.length = 0;
    answer = paypalApi;
    let clock = 0;
    const paypal = createPayPalClient({
      baseUrl: `${url}/`,
      clientId: 'id',
      clientSecret: 'secret',
      now: () => clock,
    });
    const created = await paypal.createOrder({ amount: '10.00', referenceId: 'dep_1', requestId: 'dep_1' });
    expect(payPalApproveUrl(created)).toBe(order.links[0]!.href);
    await paypal.getOrder(created.id);
    clock = (3600 - 59) * 1000;
    await paypal.getOrder(created.id);
    expect(seen.map((s) => s.path)).toEqual([
      '/v1/oauth2/token',
      '/v2/checkout/orders',
      '/v2/checkout/orders/5O190127TN364715T',
      '/v1/oauth2/token',
      '/v2/checkout/orders/5O190127TN364715T',
    ]);
    expect(seen[0]).toMatchObject({
      auth: `Basic ${Buffer.from('id:secret').toString('base64')}`,
      body: 'grant_type=client_credentials',
    });
    expect(seen[1]).toMatchObject({ auth: 'Bearer tok-1', requestId: 'dep_1' });
    expect(JSON.parse(seen[1]!.body)).toEqual({
      intent: 'CAPTURE',
      purchase_units: [
        { reference_id: 'dep_1', custom_id: 'dep_1', amount: { currency_code: 'USD', value: '10.00' } },
      ],
    });
    expect(seen[4]?.auth).toBe('Bearer tok-2');
  });

  it('turns failures into typed errors: refused credentials, business errors, odd bodies, no server, bad amounts', async () => {
    const paypal = () => createPayPalClient({ baseUrl: url, clientId: 'id', clientSecret: 'wrong' });
    answer = () => [401, { error: 'invalid_client', error_description: 'Client Authentication failed' }];
    await expect(paypal().getOrder('X')).rejects.toMatchObject({
      code: 'provider_auth_failed',
      status: 401,
      providerCode: 'invalid_client',
    });
    answer = (path) =>
      path === '/v1/oauth2/token'
        ? paypalApi(path)
        : [422, { name: 'UNPROCESSABLE_ENTITY', details: [{ issue: 'ORDER_NOT_APPROVED' }] }];
    await expect(paypal().captureOrder('X', 'r')).rejects.toMatchObject({
      code: 'provider_rejected',
      providerCode: 'ORDER_NOT_APPROVED',
    });
    answer = (path) => (path === '/v1/oauth2/token' ? paypalApi(path) : [200, '<html>']);
    await expect(paypal().getOrder('X')).rejects.toMatchObject({ code: 'provider_invalid_response' });
    answer = (path) => (path === '/v1/oauth2/token' ? paypalApi(path) : [200, { id: 'X' }]);
    await expect(paypal().getOrder('X')).rejects.toBeInstanceOf(PaymentProviderError);
    const gone = createPayPalClient({ baseUrl: 'http://127.0.0.1:1', clientId: 'id', clientSecret: 's' });
    await expect(gone.getOrder('X')).rejects.toMatchObject({ code: 'provider_unreachable' });
    await expect(
      paypal().createOrder({ amount: '1.005', referenceId: 'r', requestId: 'r' }),
    ).rejects.toMatchObject({
      code: 'provider_rejected',
    });
  });

  it('counts an order as captured only when the order and its capture are COMPLETED', () => {
    const captured = (status: string) => ({
      id: 'X',
      status: 'COMPLETED' as const,
      purchase_units: [{ payments: { captures: [{ id: 'C', status }] } }],
    });
    expect(isPayPalOrderCaptured(captured('COMPLETED'))).toBe(true);
    expect(isPayPalOrderCaptured(captured('DECLINED'))).toBe(false);
    expect(isPayPalOrderCaptured({ id: 'X', status: 'APPROVED' })).toBe(false);
  });
});

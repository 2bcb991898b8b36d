import { randomBytes } from 'node:crypto';
import { type FakeApiRequest, type JsonServer, startJsonServer } from './json-server.js';

/** A fake of PayPal's REST API: OAuth2 client credentials and Orders v2, in PayPal's wire format. */
export interface FakePayPal extends JsonServer {
  clientId: string;
  clientSecret: string;
  /** The payer approves an order (what happens on PayPal's approval page). */
  approve(orderId: string): void;
  orders: Map<string, Record<string, unknown>>;
}

/**
 * Starts a fake PayPal on 127.0.0.1: `POST /v1/oauth2/token` (Basic client credentials),
 * `POST /v2/checkout/orders` (honours `PayPal-Request-Id`), `GET /v2/checkout/orders/{id}`,
 * `POST /v2/checkout/orders/{id}/capture` (422 `ORDER_NOT_APPROVED` before approval,
 * `ORDER_ALREADY_CAPTURED` after capture). Bearer tokens are checked on every order call.
 *
 * @example
 * ```ts
 * const paypal = await startFakePayPal();
 * createPayPalClient({ baseUrl: paypal.url, clientId: paypal.clientId, clientSecret: paypal.clientSecret });
 * ```
 */
export async function startFakePayPal(): Promise<FakePayPal> {
  const clientId = `client-${randomBytes(4).toString('hex')}`;
  const clientSecret = randomBytes(16).toString('hex');
  const tokens = new Set<string>();
  const orders = new Map<string, Record<string, unknown>>();
  const byRequestId = new Map<string, string>();
  const unprocessable = (issue: string): [number, unknown] => [
    422,
    {
      name: 'UNPROCESSABLE_ENTITY',
      details: [{ issue, description: issue.toLowerCase().replaceAll('_', ' ') }],
      message:
        'The requested action could not be performed, semantically incorrect, or failed business validation.',
      debug_id: randomBytes(6).toString('hex'),
    },
  ];

  const route = (req: FakeApiRequest): [number, unknown] => {
    if (req.method === 'POST' && req.path === '/v1/oauth2/token') {
      const basic = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
      if (req.headers.authorization !== basic || req.body !== 'grant_type=client_credentials') {
        return [401, { error: 'invalid_client', error_description: 'Client Authentication failed' }];
      }
      const token = `A21AA${randomBytes(24).toString('hex')}`;
      tokens.add(token);
      return [
        200,
        {
          scope: 'https://uri.paypal.com/services/payments/payment',
          access_token: token,
          token_type: 'Bearer',
          app_id: 'APP-80W284485P519543T',
          expires_in: 32400,
          nonce: randomBytes(8).toString('hex'),
        },
      ];
    }
    const bearer = req.headers.authorization?.replace(/^Bearer /, '') ?? '';
    if (!tokens.has(bearer)) {
      return [401, { error: 'invalid_token', error_description: 'Token signature verification failed' }];
    }
    const match = /^\/v2\/checkout\/orders(?:\/([A-Z0-9]+))?(\/capture)?$/.exec(req.path);
    if (!match) return [404, { name: 'RESOURCE_NOT_FOUND', details: [{ issue: 'INVALID_RESOURCE_ID' }] }];
    const [, id, capture] = match;
    if (!id && req.method === 'POST') {
      const requestId = req.headers['paypal-request-id'] as string | undefined;
      const earlier = requestId ? byRequestId.get(requestId) : undefined;
      if (earlier) return [200, orders.get(earlier)];
      const body = JSON.parse(req.body) as {
        intent?: string;
        purchase_units?: { amount?: { value?: string } }[];
      };
      const unit = body.purchase_units?.[0];
      if (body.intent !== 'CAPTURE' || !unit?.amount?.value)
        return unprocessable('MISSING_REQUIRED_PARAMETER');
      const orderId = randomBytes(8).toString('hex').toUpperCase().slice(0, 17);
      const order = {
        id: orderId,
        intent: 'CAPTURE',
        status: 'CREATED',
        purchase_units: [unit],
        create_time: new Date().toISOString(),
        links: [
          {
            href: `https://api.sandbox.paypal.com/v2/checkout/orders/${orderId}`,
            rel: 'self',
            method: 'GET',
          },
          {
            href: `https://www.sandbox.paypal.com/checkoutnow?token=${orderId}`,
            rel: 'approve',
            method: 'GET',
          },
          {
            href: `https://api.sandbox.paypal.com/v2/checkout/orders/${orderId}/capture`,
            rel: 'capture',
            method: 'POST',
          },
        ],
      };
      orders.set(orderId, order);
      if (requestId) byRequestId.set(requestId, orderId);
      return [201, order];
    }
    const order = id ? orders.get(id) : undefined;
    if (!order) return [404, { name: 'RESOURCE_NOT_FOUND', details: [{ issue: 'INVALID_RESOURCE_ID' }] }];
    if (req.method === 'GET' && !capture) return [200, order];
    if (order.status === 'COMPLETED') return unprocessable('ORDER_ALREADY_CAPTURED');
    if (order.status !== 'APPROVED') return unprocessable('ORDER_NOT_APPROVED');
    const unit = (order.purchase_units as { amount: unknown }[])[0]!;
    order.status = 'COMPLETED';
    order.purchase_units = [
      {
        ...unit,
        payments: {
          captures: [
            {
              id: randomBytes(8).toString('hex').toUpperCase(),
              status: 'COMPLETED',
              amount: unit.amount,
              final_capture: true,
            },
          ],
        },
      },
    ];
    return [201, order];
  };

  const server = await startJsonServer(route);
  return {
    ...server,
    clientId,
    clientSecret,
    orders,
    approve: (orderId) => {
      const order = orders.get(orderId);
      if (order?.status === 'CREATED') order.status = 'APPROVED';
    },
  };
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../test-support/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(() => server?.close());

describe('GET /metrics', () => {
  it('is for admins, and counts requests by route pattern and status with the webhook backlog', async () => {
    expect((await server.fetch('/metrics')).status).toBe(401);
    const buyer = await server.createKey('buyer');
    expect((await server.fetch('/metrics', { headers: { authorization: buyer } })).status).toBe(403);

    await server.fetch('/api/v1/services/00000000-0000-0000-0000-000000000000');
    await server.fetch('/no/such/path');
    const admin = await server.createKey('admin');
    const res = await server.fetch('/metrics', { headers: { authorization: admin } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toMatch(
      /^tollway_marketplace_requests_total\{method="GET",route="\/api\/v1\/services\/:service_id",status="404"\} 1$/m,
    );
    expect(text).toMatch(
      /^tollway_marketplace_requests_total\{method="GET",route="unmatched",status="404"\} 1$/m,
    );
    expect(text).toMatch(
      /^tollway_marketplace_requests_total\{method="GET",route="\/metrics",status="401"\} 1$/m,
    );
    expect(text).toMatch(/^tollway_marketplace_webhook_deliveries\{state="pending"\} 0$/m);
    expect(text).toMatch(/^tollway_marketplace_active_services 0$/m);
  });
});

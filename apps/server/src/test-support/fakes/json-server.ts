import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as a fake server received it. */
export interface FakeApiRequest {
  method: string;
  /** Path with query string. */
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A fake server on 127.0.0.1 that records every request. */
export interface LoopbackServer {
  /** `http://127.0.0.1:port` */
  url: string;
  port: number;
  requests: FakeApiRequest[];
  close(): Promise<void>;
}

/**
 * Starts a loopback server that records each request (body read) and hands it to `handle`.
 *
 * @example
 * ```ts
 * const server = await startLoopbackServer((req, res) => res.writeHead(204).end());
 * ```
 */
export async function startLoopbackServer(
  handle: (req: FakeApiRequest, res: ServerResponse) => unknown,
): Promise<LoopbackServer> {
  const requests: FakeApiRequest[] = [];
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    requests.push(request);
    try {
      await handle(request, res);
    } catch {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback server answering JSON, for fakes of payment provider APIs. */
export type JsonServer = LoopbackServer;

/**
 * Starts a loopback server whose `route` answers each request with `[status, json]`.
 *
 * @example
 * ```ts
 * const api = await startJsonServer((req) => [200, { ok: true }]);
 * ```
 */
export function startJsonServer(
  route: (req: FakeApiRequest) => [number, unknown] | Promise<[number, unknown]>,
): Promise<JsonServer> {
  return startLoopbackServer(async (req, res) => {
    const [status, body] = await route(req);
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
}

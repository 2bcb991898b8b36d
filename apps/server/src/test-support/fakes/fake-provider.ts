import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the fake provider received. */
export interface ProviderRequest {
  method: string;
  /** Path with query string. */
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A service provider on 127.0.0.1 whose answers each test chooses. */
export interface FakeProvider {
  /** `http://127.0.0.1:port` */
  url: string;
  port: number;
  requests: ProviderRequest[];
  /** Answers the next requests (default: 200 `{"ok":true,"path":…}`). */
  handle(handler: (req: ProviderRequest, res: ServerResponse) => unknown): void;
  close(): Promise<void>;
}

/**
 * Starts a fake service provider on a loopback port for proxy tests.
 *
 * @example
 * ```ts
 * const provider = await startFakeProvider();
 * provider.handle((req, res) => res.writeHead(500).end('boom'));
 * ```
 */
export async function startFakeProvider(): Promise<FakeProvider> {
  const requests: ProviderRequest[] = [];
  let handler: (req: ProviderRequest, res: ServerResponse) => unknown = defaultHandler;
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const recorded = {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    requests.push(recorded);
    try {
      await handler(recorded, res);
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
    handle: (next) => {
      handler = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function defaultHandler(req: ProviderRequest, res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json', 'x-provider': 'fake' });
  res.end(JSON.stringify({ ok: true, method: req.method, path: req.url }));
}

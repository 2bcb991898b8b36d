import type { ServerResponse } from 'node:http';
import { type FakeApiRequest, type LoopbackServer, startLoopbackServer } from './json-server.js';

/** A service provider on 127.0.0.1 whose answers each test chooses. */
export interface FakeProvider extends LoopbackServer {
  /** Answers the next requests (default: 200 `{"ok":true,"method":…,"path":…}`). */
  handle(handler: (req: FakeApiRequest, res: ServerResponse) => unknown): void;
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
  let handler: (req: FakeApiRequest, res: ServerResponse) => unknown = defaultHandler;
  const server = await startLoopbackServer((req, res) => handler(req, res));
  return {
    ...server,
    handle: (next) => {
      handler = next;
    },
  };
}

function defaultHandler(req: FakeApiRequest, res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json', 'x-provider': 'fake' });
  res.end(JSON.stringify({ ok: true, method: req.method, path: req.path }));
}

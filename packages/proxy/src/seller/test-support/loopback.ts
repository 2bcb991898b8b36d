import { once } from 'node:events';
import type { Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

/** Starts a server on a free loopback port and returns its base URL (`http(s)://127.0.0.1:PORT`). */
export async function listenOnLoopback(server: HttpServer | HttpsServer): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  // Only a TLS server can add a context for another host name.
  const scheme = 'addContext' in server ? 'https' : 'http';
  return `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Stops a server, cutting kept-alive connections so that the close does not wait for them. */
export async function closeServer(server: HttpServer | HttpsServer): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

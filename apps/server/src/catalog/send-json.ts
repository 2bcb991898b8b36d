import type { TestServer } from '../test-support/test-server.js';

/** Sends one request to a test server, with a JSON body when given and the key when given. */
export type SendJson = (
  method: string,
  path: string,
  body?: unknown,
  authorization?: string,
) => Promise<Response>;

/**
 * A small JSON client for catalog route tests.
 *
 * @example
 * ```ts
 * const send = sendJson(() => t);
 * const res = await send('POST', '/api/v1/agents', { display_name: 'A' }, key);
 * ```
 */
export function sendJson(server: () => TestServer): SendJson {
  return (method, path, body, authorization) =>
    server().fetch(path, {
      method,
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
}

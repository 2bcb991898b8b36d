import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a {@link TestReceiver} got. */
export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A plain-http webhook receiver on 127.0.0.1 for tests. */
export interface TestReceiver {
  /** `http://127.0.0.1:<port>/hook`. */
  url: string;
  received: ReceivedWebhook[];
  /**
   * Decides each answer: a status, or `'hang'` to never answer (until close). Called with the
   * 0-based index of the request. Default: 200.
   */
  respond: (index: number) => number | 'hang';
  /** Resolves once `count` requests have arrived (rejects after `timeoutMs`, default 10 s). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedWebhook[]>;
  close(): Promise<void>;
}

/**
 * Starts a receiver that records every request's headers and raw body.
 *
 * @example
 * ```ts
 * const receiver = await startTestReceiver();
 * receiver.respond = (i) => (i < 2 ? 500 : 200);
 * const [first] = await receiver.waitFor(1);
 * ```
 */
export async function startTestReceiver(): Promise<TestReceiver> {
  const waiters: { count: number; resolve: () => void }[] = [];
  const hanging: ServerResponse[] = [];
  const receiver: TestReceiver = {
    url: '',
    received: [],
    respond: () => 200,
    waitFor: (count, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        if (receiver.received.length >= count) return resolve(receiver.received);
        const timer = setTimeout(
          () => reject(new Error(`only ${receiver.received.length} of ${count} webhooks arrived`)),
          timeoutMs,
        );
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve(receiver.received);
          },
        });
      }),
    close: () =>
      new Promise((resolve) => {
        for (const res of hanging) res.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const index = receiver.received.length;
      receiver.received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      for (const waiter of waiters.filter((w) => receiver.received.length >= w.count)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
      const answer = receiver.respond(index);
      if (answer === 'hang') {
        hanging.push(res);
        return;
      }
      res.writeHead(answer, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return receiver;
}

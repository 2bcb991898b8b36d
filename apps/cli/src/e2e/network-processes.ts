// Sellers, buyers and a held upstream for the process tests: each started the way the README
// tells a user to, and found ready by what it prints.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CliProcess, dataDir, freePort, runCli } from './cli-process.js';

/** A `tollway seller start` process, ready. */
export interface SellerProcess {
  proc: CliProcess;
  url: string;
  peerId: string;
  dataDir: string;
}

/**
 * Starts `tollway --data-dir DIR seller start ARGS… --port N` on a free port and reads its URL
 * and peer id from what it prints.
 *
 * @example
 * ```ts
 * const seller = await startSellerProcess(['--test-model']);
 * ```
 */
export async function startSellerProcess(args: string[]): Promise<SellerProcess> {
  const dir = await dataDir('seller');
  const port = await freePort();
  const proc = runCli(['--data-dir', dir, 'seller', 'start', ...args, '--port', String(port)]);
  const [, url, peerId] = await proc.waitFor(/listening on (\S+)\n\s*peer id:\s+([0-9a-f]{40})/);
  await proc.waitFor(/Press Ctrl-C to stop/);
  return { proc, url: url!, peerId: peerId!, dataDir: dir };
}

/** A `tollway buyer start` process, ready. */
export interface BuyerProcess {
  proc: CliProcess;
  url: string;
  port: number;
}

/**
 * Starts `tollway --data-dir DIR buyer start ARGS… --port N` on a free port (or `port`).
 *
 * @example
 * ```ts
 * const buyer = await startBuyerProcess(dir, ['--bootstrap', seller.url]);
 * ```
 */
export async function startBuyerProcess(dir: string, args: string[], port?: number): Promise<BuyerProcess> {
  const chosen = port ?? (await freePort());
  const proc = runCli(['--data-dir', dir, 'buyer', 'start', ...args, '--port', String(chosen)]);
  const [, url] = await proc.waitFor(/buyer proxy listening on (\S+)/);
  await proc.waitFor(/Press Ctrl-C to stop/);
  return { proc, url: url!, port: chosen };
}

/** A {@link startHeldUpstream}: an OpenAI Chat upstream whose streams wait for `release()`. */
export interface HeldUpstream {
  /** `http://127.0.0.1:PORT/v1`. */
  baseUrl: string;
  /** How many streams have started. */
  started(): number;
  /** Lets every held stream (and every later one) finish. */
  release(): void;
  close(): Promise<void>;
}

const HEAD = { id: 'chatcmpl-held', object: 'chat.completion.chunk', created: 1_767_225_600, model: 'held' };

function chunk(res: ServerResponse, delta: Record<string, unknown>, finish: string | null = null): void {
  res.write(
    `data: ${JSON.stringify({ ...HEAD, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`,
  );
}

/**
 * An OpenAI Chat upstream on loopback whose streamed answers send their first words at once
 * and the rest only after `release()`: a stream that is surely in flight when a test kills or
 * stops a process. Answers `First words, then the rest.` with usage.
 *
 * @example
 * ```ts
 * const upstream = await startHeldUpstream();
 * // tollway seller start --upstream-url ${upstream.baseUrl} --upstream-format openai-chat --service held
 * ```
 */
export async function startHeldUpstream(): Promise<HeldUpstream> {
  let released = false;
  let started = 0;
  const waiting = new Set<() => void>();
  const server = createServer(async (req, res) => {
    let size = 0;
    for await (const part of req) {
      size += (part as Buffer).length;
      if (size > 1024 * 1024) return void res.writeHead(413).end();
    }
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    chunk(res, { role: 'assistant', content: 'First words' });
    started += 1;
    if (!released) await new Promise<void>((resolve) => waiting.add(resolve));
    if (res.destroyed) return;
    chunk(res, { content: ', then the rest.' });
    chunk(res, {}, 'stop');
    res.write(
      `data: ${JSON.stringify({ ...HEAD, choices: [], usage: { prompt_tokens: 5, completion_tokens: 6, total_tokens: 11 } })}\n\n`,
    );
    res.end('data: [DONE]\n\n');
  });
  server.requestTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const release = () => {
    released = true;
    for (const resolve of waiting) resolve();
    waiting.clear();
  };
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    started: () => started,
    release,
    async close() {
      release();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

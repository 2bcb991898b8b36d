// Runs `tollway` as a user does, in a child process, for end-to-end tests: readiness by polling
// the output with a deadline, never by sleeping, and every child killed at the end.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: `--import tsx` and the workspace packages resolve from there. */
const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const BIN = fileURLToPath(new URL('../bin.ts', import.meta.url));

/** How long a `tollway` process may take to start (tsx compiles the workspace on the fly). */
export const START_DEADLINE_MS = 30_000;

/** A running (or finished) `tollway` process. */
export interface CliProcess {
  child: ChildProcess;
  /** Everything written so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal's name) when the process ends. */
  exited: Promise<number | string>;
  /** Waits until stdout matches `pattern`, failing with the output when the process ends first or time runs out. */
  waitFor(pattern: RegExp, deadlineMs?: number): Promise<RegExpMatchArray>;
}

const running = new Set<CliProcess>();

/**
 * Starts `tollway ARGS…` exactly as `node_modules/.bin/tollway` does in the repository, with a
 * clean environment (`HOME` in a temporary dir, no `TOLLWAY_*`/`ANTSEED_*`) plus `env`.
 *
 * @example
 * ```ts
 * const seller = runCli(['--data-dir', dir, 'seller', 'start', '--test-model', '--port', String(port)]);
 * await seller.waitFor(/listening on (\S+)/);
 * ```
 */
export function runCli(args: string[], env: Record<string, string> = {}): CliProcess {
  const child = spawn(process.execPath, ['--conditions=tollway-source', '--import', 'tsx', BIN, ...args], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: tmpdir(), NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of listeners) listener();
  };
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    notify();
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  let ended = false;
  const exited = new Promise<number | string>((resolve) => {
    child.on('exit', (code, signal) => {
      ended = true;
      notify();
      resolve(code ?? signal ?? 'unknown');
    });
  });
  const proc: CliProcess = {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor(pattern, deadlineMs = START_DEADLINE_MS) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = out.match(pattern);
          if (match) return done(() => resolve(match));
          if (ended) return done(() => reject(failure(`exited before printing ${pattern}`)));
        };
        const failure = (why: string) =>
          new Error(`tollway ${args.join(' ')}: ${why}\n--- stdout\n${out}\n--- stderr\n${err}`);
        const timer = setTimeout(
          () => done(() => reject(failure(`did not print ${pattern} within ${deadlineMs} ms`))),
          deadlineMs,
        );
        const done = (settle: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          settle();
        };
        listeners.add(check);
        check();
      });
    },
  };
  running.add(proc);
  void exited.then(() => running.delete(proc));
  return proc;
}

/**
 * Runs `tollway ARGS…` to the end and returns its exit code and output.
 *
 * @example
 * ```ts
 * const { code, stdout } = await runCliToEnd(['--data-dir', dir, 'network', 'browse', '--json']);
 * ```
 */
export async function runCliToEnd(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | string; stdout: string; stderr: string }> {
  const proc = runCli(args, env);
  const code = await proc.exited;
  return { code, stdout: proc.stdout(), stderr: proc.stderr() };
}

/** Kills every `tollway` process still running (SIGKILL) and waits for them to end. */
export async function killAll(): Promise<void> {
  const procs = [...running];
  for (const proc of procs) proc.child.kill('SIGKILL');
  await Promise.all(procs.map((proc) => proc.exited));
}

/**
 * A free loopback port: listen on 0, read the port, close. (A daemon told `--port 0` would pick
 * one itself, but then the test could not name it to the next command.)
 *
 * @example
 * ```ts
 * const port = await freePort();
 * ```
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

const dirs: string[] = [];

/**
 * A fresh temporary data dir, removed by {@link removeDataDirs}.
 *
 * @example
 * ```ts
 * const buyerDir = await dataDir('buyer');
 * ```
 */
export async function dataDir(label: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `tollway-e2e-${label}-`));
  dirs.push(dir);
  return dir;
}

/** Removes every dir made by {@link dataDir}. */
export async function removeDataDirs(): Promise<void> {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/**
 * Calls `read` until it returns something other than `undefined` (errors count as not yet),
 * failing after `deadlineMs`.
 *
 * @example
 * ```ts
 * await eventually(async () => ((await fetch(url)).ok ? true : undefined));
 * ```
 */
export async function eventually<T>(read: () => Promise<T | undefined>, deadlineMs = 10_000): Promise<T> {
  const end = Date.now() + deadlineMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await read();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > end) throw new Error(`condition not met within ${deadlineMs} ms`, { cause: last });
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

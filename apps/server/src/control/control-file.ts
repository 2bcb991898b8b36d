import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The file a running server on a PGlite data dir leaves there, for CLI commands to find it. */
export const CONTROL_FILE = 'marketplace.control.json';

/** What the control file holds: who runs the data dir's database, and how to ask it. */
export interface ServerControl {
  pid: number;
  /** A loopback URL of the running server. */
  url: string;
  /** A random bearer token for the server's `/internal/*` routes (the file is mode 0600). */
  token: string;
}

/** A new random control token. */
export function newControlToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Writes `<dataDir>/marketplace.control.json` (mode 0600, atomically).
 *
 * @example
 * ```ts
 * await writeControlFile('/srv/market', { pid: process.pid, url: 'http://127.0.0.1:8000', token: newControlToken() });
 * ```
 */
export async function writeControlFile(dataDir: string, control: ServerControl): Promise<void> {
  const path = join(dataDir, CONTROL_FILE);
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(control)}\n`, { mode: 0o600 });
  await rename(temp, path);
}

/**
 * The control file of a server that is still running (its process exists), or `undefined`:
 * a file left by a server that died is ignored.
 *
 * @example
 * ```ts
 * const running = await readLiveControl('/srv/market');
 * if (running) console.log(`a server (pid ${running.pid}) serves ${running.url}`);
 * ```
 */
export async function readLiveControl(dataDir: string): Promise<ServerControl | undefined> {
  let control: ServerControl;
  try {
    control = JSON.parse(await readFile(join(dataDir, CONTROL_FILE), 'utf8')) as ServerControl;
  } catch {
    return undefined;
  }
  if (
    typeof control.pid !== 'number' ||
    typeof control.url !== 'string' ||
    typeof control.token !== 'string'
  ) {
    return undefined;
  }
  return isAlive(control.pid) ? control : undefined;
}

/** Removes the control file if it is still the one this process wrote. */
export async function removeControlFile(dataDir: string, token: string): Promise<void> {
  const current = await readLiveControl(dataDir);
  if (current?.token === token) await rm(join(dataDir, CONTROL_FILE), { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

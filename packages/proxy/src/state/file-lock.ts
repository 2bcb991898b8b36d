import { randomUUID } from 'node:crypto';
import { open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { StateFileError } from './state-file-error.js';

/** How long and how patiently {@link withFileLock} waits for a lock another process holds. */
export interface FileLockOptions {
  /** A lock file older than this is left over from a crashed process and is taken over. Default 10 s. */
  staleMs?: number;
  /** Give up after waiting this long. Default 15 s. */
  waitMs?: number;
}

const DEFAULT_STALE_MS = 10_000;
const DEFAULT_WAIT_MS = 15_000;

/**
 * Runs `fn` while holding `lockPath`, a lock file created with `O_EXCL` so that only one process
 * (or one caller in this process) holds it at a time. A lock older than `staleMs` belongs to a
 * process that died while holding it, and is taken over. `dataPath` only names the protected
 * file in errors.
 */
export async function withFileLock<T>(
  lockPath: string,
  dataPath: string,
  fn: () => Promise<T>,
  options: FileLockOptions = {},
): Promise<T> {
  const token = await acquire(lockPath, dataPath, options);
  try {
    return await fn();
  } finally {
    await release(lockPath, token);
  }
}

async function acquire(lockPath: string, dataPath: string, options: FileLockOptions): Promise<string> {
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  const deadline = Date.now() + (options.waitMs ?? DEFAULT_WAIT_MS);
  const token = `${process.pid} ${randomUUID()}`;
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(lockPath, 'wx');
      try {
        await handle.writeFile(token);
      } finally {
        await handle.close();
      }
      return token;
    } catch (cause) {
      if (errorCode(cause) !== 'EEXIST') {
        throw new StateFileError('state_file_io', dataPath, `cannot create ${lockPath}`, { cause });
      }
    }
    if (await takeOverIfStale(lockPath, staleMs)) continue;
    if (Date.now() > deadline) {
      throw new StateFileError('state_file_locked', dataPath, `${lockPath} still exists`);
    }
    // Short, growing, jittered waits: updates hold the lock for a few milliseconds.
    const wait = Math.min(50, 2 + attempt * 2) + Math.random() * 5;
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

/**
 * Removes a lock older than `staleMs`. It is first renamed to a unique name, so that of two
 * processes finding the same stale lock only one removes it.
 */
async function takeOverIfStale(lockPath: string, staleMs: number): Promise<boolean> {
  let mtimeMs: number;
  try {
    mtimeMs = (await stat(lockPath)).mtimeMs;
  } catch {
    return true; // gone meanwhile: try again at once
  }
  if (Date.now() - mtimeMs < staleMs) return false;
  const aside = `${lockPath}.${randomUUID()}.stale`;
  try {
    await rename(lockPath, aside);
    await unlink(aside);
  } catch {
    // Someone else took it over first.
  }
  return true;
}

async function release(lockPath: string, token: string): Promise<void> {
  try {
    // Only our own lock: a lock taken over as stale belongs to someone else now.
    if ((await readFile(lockPath, 'utf8')) === token) await unlink(lockPath);
  } catch {
    // Already gone.
  }
}

/** The `code` of a Node system error, if it has one. */
export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error
    ? String((error as { code: unknown }).code)
    : undefined;
}

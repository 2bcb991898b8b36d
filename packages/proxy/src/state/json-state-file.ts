import { randomUUID } from 'node:crypto';
import { type Stats, unwatchFile, watchFile } from 'node:fs';
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { z } from 'zod';
import { errorCode, type FileLockOptions, withFileLock } from './file-lock.js';
import { StateFileError } from './state-file-error.js';

/** Options of {@link JsonStateFile}. */
export interface JsonStateFileOptions extends FileLockOptions {
  /** Polling interval of {@link JsonStateFile.watch}. Default 300 ms. */
  watchIntervalMs?: number;
}

/**
 * A JSON object on disk shared by several processes, each of which changes only its own keys:
 * every update is a read-merge-write under a lock file, written to a temporary file in the same
 * directory and renamed over the old one, so readers never see half a file and no writer loses
 * another's keys. The schema must keep unknown keys (`z.looseObject`).
 *
 * @example
 * ```ts
 * const file = new JsonStateFile('data/daemon.state.json', z.looseObject({ port: z.number().optional() }));
 * await file.update((s) => ({ ...s, port: 8443 }));
 * ```
 */
export class JsonStateFile<S extends z.ZodType<Record<string, unknown>>> {
  readonly path: string;
  private readonly lockPath: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    path: string,
    private readonly schema: S,
    private readonly options: JsonStateFileOptions = {},
  ) {
    this.path = path;
    this.lockPath = `${path}.lock`;
  }

  /** The current contents; `{}` parsed by the schema when the file does not exist yet. */
  async read(): Promise<z.infer<S>> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (cause) {
      if (errorCode(cause) === 'ENOENT') return this.parse({});
      throw new StateFileError('state_file_io', this.path, String((cause as Error).message), { cause });
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (cause) {
      throw new StateFileError('state_file_corrupt', this.path, 'not valid JSON', { cause });
    }
    return this.parse(json);
  }

  /**
   * Changes the file: under the lock, re-reads it, passes the value to `mutator` and writes what
   * it returns, atomically. Calls from this object run one at a time, in order.
   * Returns what was written.
   */
  update(mutator: (current: z.infer<S>) => z.infer<S>): Promise<z.infer<S>> {
    const run = this.queue.then(async () => {
      // The lock file lives beside the state file: a data dir that does not exist yet is made first.
      await mkdir(dirname(this.path), { recursive: true }).catch((cause) => {
        throw new StateFileError('state_file_io', this.path, String((cause as Error).message), { cause });
      });
      return withFileLock(
        this.lockPath,
        this.path,
        async () => {
          const current = await this.read();
          const next = this.parse(mutator(current));
          await this.write(next);
          return next;
        },
        this.options,
      );
    });
    this.queue = run.catch(() => {});
    return run;
  }

  /**
   * Calls `listener` with the new contents whenever the file changes, by this process or any
   * other. Polls with `fs.watchFile`, because `fs.watch` loses track of a file replaced by
   * rename. A change that cannot be read goes to `onError`. Returns the unsubscribe function.
   */
  watch(listener: (value: z.infer<S>) => void, onError: (error: unknown) => void = () => {}): () => void {
    const onChange = (curr: Stats, prev: Stats) => {
      if (curr.mtimeMs === prev.mtimeMs && curr.ino === prev.ino && curr.size === prev.size) return;
      this.read().then(listener, onError);
    };
    watchFile(this.path, { interval: this.options.watchIntervalMs ?? 300, persistent: false }, onChange);
    return () => unwatchFile(this.path, onChange);
  }

  private parse(json: unknown): z.infer<S> {
    const parsed = this.schema.safeParse(json);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '';
    throw new StateFileError('state_file_corrupt', this.path, `${where}${issue?.message ?? 'invalid'}`);
  }

  private async write(value: z.infer<S>): Promise<void> {
    const dir = dirname(this.path);
    const temp = join(dir, `.${basename(this.path)}.${randomUUID()}.tmp`);
    try {
      await writeFile(temp, `${JSON.stringify(value, null, 2)}\n`);
      await rename(temp, this.path);
    } catch (cause) {
      await unlink(temp).catch(() => {});
      throw new StateFileError('state_file_io', this.path, String((cause as Error).message), { cause });
    }
  }
}

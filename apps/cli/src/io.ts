/** Where a command reads and writes, so that tests can run commands in-process. */
export interface CommandIo {
  stdin: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Reads a file named on the command line. */
  readFile(path: string): Promise<string>;
  /** The environment the command sees. */
  env: Record<string, string | undefined>;
  /**
   * Resolves when a long-running command (`seller start`, `buyer start`, `dev`) should stop:
   * Ctrl-C or SIGTERM in a terminal, whatever the caller decides in tests.
   */
  untilShutdown(): Promise<void>;
}

/** Reads a whole input (a file, or standard input for `-` or no name). */
export async function readAllText(io: CommandIo, file: string | undefined): Promise<string> {
  if (file && file !== '-') return io.readFile(file);
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of io.stdin)
    text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}

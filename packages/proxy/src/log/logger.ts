/** Structured fields attached to a log line. Never put secrets here. */
export type LogFields = Record<string, unknown>;

/**
 * Where the servers write what they do. The CLI passes a JSON-lines logger; embedders pass
 * their own (pino fits as it is).
 *
 * @example
 * ```ts
 * const logger: Logger = { info: (msg, f) => console.log(msg, f), warn: console.warn, error: console.error };
 * ```
 */
export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** A logger that drops everything: the default of embedded servers. */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/**
 * A logger writing one JSON object per line (`{"time","level","msg",…fields}`).
 *
 * @example
 * ```ts
 * const logger = jsonLineLogger((line) => process.stderr.write(line));
 * logger.info('listening', { url: 'http://127.0.0.1:8377' });
 * ```
 */
export function jsonLineLogger(write: (line: string) => void, now: () => Date = () => new Date()): Logger {
  const log = (level: string) => (message: string, fields?: LogFields) =>
    write(`${JSON.stringify({ time: now().toISOString(), level, msg: message, ...fields })}\n`);
  return { info: log('info'), warn: log('warn'), error: log('error') };
}

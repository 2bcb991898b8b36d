/**
 * Bad input on the command line: printed as one line, exit status 2. Other failures (a peer
 * that cannot be reached, a config file with a wrong key) exit with 1.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

import { readFile } from 'node:fs/promises';
import { main } from './cli.js';
import type { CommandIo } from './io.js';

// The process entry of `tollway`: wires the real terminal, environment and signals to `main`.
let stop: () => void = () => {};
const stopped = new Promise<void>((resolve) => {
  stop = resolve;
});
let signals = 0;
const onSignal = () => {
  signals += 1;
  if (signals > 1) process.exit(130); // a second Ctrl-C does not wait for the graceful shutdown
  stop();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

const io: CommandIo = {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  readFile: (path) => readFile(path, 'utf8'),
  env: process.env,
  untilShutdown: () => stopped,
};
process.exitCode = await main(process.argv.slice(2), io);
process.off('SIGINT', onSignal);
process.off('SIGTERM', onSignal);

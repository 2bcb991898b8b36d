import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { demoCommand } from './commands/demo.js';
import { TRANSLATE_HELP, translateCommand } from './commands/translate.js';
import type { CommandIo } from './io.js';

const HELP = `Usage: tollway <command> [options]

Commands:
  translate   translate a request, response or stream between LLM API formats
  demo        show the translation engine at work on sample traffic
  help        show this help, or "tollway help translate"

Run "tollway <command> --help" for a command's options.
`;

/** Runs the `tollway` command line; returns the exit code. */
export async function main(argv: string[], io: CommandIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'translate':
        return await translateCommand(rest, io);
      case 'demo':
        return await demoCommand(io);
      case 'help':
        io.stdout.write(rest[0] === 'translate' ? TRANSLATE_HELP : HELP);
        return 0;
      case undefined:
      case '--help':
      case '-h':
        io.stdout.write(HELP);
        return 0;
      default:
        io.stderr.write(`tollway: unknown command "${command}"\n\n${HELP}`);
        return 2;
    }
  } catch (error) {
    // Bad flags from node:util parseArgs and unreadable files end here: one line, no stack.
    io.stderr.write(`tollway ${command}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const io: CommandIo = {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    readFile: (path) => readFile(path, 'utf8'),
  };
  process.exitCode = await main(process.argv.slice(2), io);
}

import packageJson from '../package.json' with { type: 'json' };
import { BUYER_CONNECTION_HELP, buyerConnectionCommand } from './commands/buyer-connection.js';
import { BUYER_START_HELP, buyerStartCommand } from './commands/buyer-start.js';
import { demoCommand } from './commands/demo.js';
import { DEV_HELP, devCommand } from './commands/dev.js';
import { NETWORK_HELP, networkCommand } from './commands/network.js';
import { SELLER_START_HELP, sellerStartCommand } from './commands/seller-start.js';
import { SERVER_HELP, serverCommand } from './commands/server.js';
import { TRANSLATE_HELP, translateCommand } from './commands/translate.js';
import { CLAUDE_HELP, CODEX_HELP, wrappedToolCommand } from './commands/wrapped-tools.js';
import type { GlobalOptions } from './context.js';
import type { CommandIo } from './io.js';
import { UsageError } from './usage-error.js';

const HELP = `Usage: tollway [--data-dir DIR] [--config FILE] <command> [options]

Buy AI services from independent providers through a local proxy that any tool can use.

Local network:
  dev                        start a seller with the test model and a buyer proxy pinned to it
Buyer:
  buyer start                start the buyer proxy (http://localhost:8377)
  buyer connection get|set|clear   show, set or clear the session pin
  network browse             list peers and their services with prices
  network peer <id>          show one peer in detail
  codex, claude              run Codex or Claude Code through the buyer proxy
Seller:
  seller start               sell an upstream model (or the built-in test model)
Marketplace:
  server start               run the marketplace server (http://localhost:8000/api/v1)
  server admin-key           print a new admin key for a server's data dir
Tools:
  translate                  translate a request, response or stream between LLM API formats
  demo                       show the translation engine at work on sample traffic

Global options:
  --data-dir DIR   state, identity and config (default: TOLLWAY_DATA_DIR, ANTSEED_DATA_DIR, ~/.tollway)
  --config FILE    config file (default: TOLLWAY_CONFIG, ANTSEED_CONFIG, <data dir>/config.json)
  --version        print the version

Run "tollway <command> --help" for a command's options.
`;

type Handler = (argv: string[], globals: GlobalOptions, io: CommandIo) => Promise<number>;

const COMMANDS: Record<
  string,
  { run: Handler; help: string } | Record<string, { run: Handler; help: string }>
> = {
  dev: { run: devCommand, help: DEV_HELP },
  translate: { run: (argv, _g, io) => translateCommand(argv, io), help: TRANSLATE_HELP },
  demo: { run: (_argv, _g, io) => demoCommand(io), help: 'Usage: tollway demo\n' },
  codex: { run: (argv, g, io) => wrappedToolCommand('codex', argv, g, io), help: CODEX_HELP },
  claude: { run: (argv, g, io) => wrappedToolCommand('claude', argv, g, io), help: CLAUDE_HELP },
  buyer: {
    start: { run: buyerStartCommand, help: BUYER_START_HELP },
    connection: { run: buyerConnectionCommand, help: BUYER_CONNECTION_HELP },
  },
  seller: { start: { run: sellerStartCommand, help: SELLER_START_HELP } },
  network: {
    browse: { run: (argv, g, io) => networkCommand('browse', argv, g, io), help: NETWORK_HELP },
    peer: { run: (argv, g, io) => networkCommand('peer', argv, g, io), help: NETWORK_HELP },
  },
  server: {
    start: { run: (argv, g, io) => serverCommand('start', argv, g, io), help: SERVER_HELP },
    'admin-key': { run: (argv, g, io) => serverCommand('admin-key', argv, g, io), help: SERVER_HELP },
  },
};

/** Runs the `tollway` command line; returns the exit code. */
export async function main(argv: string[], io: CommandIo): Promise<number> {
  const globals: GlobalOptions = {};
  let rest = argv;
  let label = 'tollway';
  try {
    rest = takeGlobalOptions(argv, globals);
    const [name, ...afterName] = rest;
    if (name === '--version' || name === '-V' || name === 'version') {
      io.stdout.write(`${packageJson.version}\n`);
      return 0;
    }
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      const topic = name === 'help' ? afterName : [];
      io.stdout.write(topic.length ? helpFor(topic) : HELP);
      return 0;
    }
    const entry = COMMANDS[name];
    if (!entry) throw new UsageError(`unknown command "${name}"; run "tollway --help" for the list`);
    label = `tollway ${name}`;
    if (isLeaf(entry)) return await entry.run(afterName, globals, io);
    const [sub, ...args] = afterName;
    if (sub === undefined || sub === '--help' || sub === '-h') {
      io.stdout.write(Object.values(entry)[0]?.help ?? HELP);
      return sub === undefined ? 2 : 0;
    }
    const leaf = entry[sub];
    if (!leaf)
      throw new UsageError(
        `unknown command "${name} ${sub}"; try: ${Object.keys(entry)
          .map((k) => `${name} ${k}`)
          .join(', ')}`,
      );
    label = `tollway ${name} ${sub}`;
    return await leaf.run(args, globals, io);
  } catch (error) {
    // Bad flags (node:util parseArgs), bad config and unreachable peers end here: one line, no stack.
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    io.stderr.write(`${label}: ${message}\n`);
    return error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
      ? 2
      : 1;
  }
}

function isLeaf(entry: object): entry is { run: Handler; help: string } {
  return 'run' in entry;
}

function helpFor(topic: string[]): string {
  const entry = COMMANDS[topic[0] ?? ''];
  if (!entry) return HELP;
  if (isLeaf(entry)) return entry.help;
  return entry[topic[1] ?? '']?.help ?? Object.values(entry)[0]?.help ?? HELP;
}

/** Consumes `--data-dir`, `--config` (and their `=` forms) before the command name. */
function takeGlobalOptions(argv: string[], globals: GlobalOptions): string[] {
  let i = 0;
  for (; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.startsWith('--')
      ? (arg.split(/=(.*)/s, 2) as [string, string | undefined])
      : [arg, undefined];
    if (flag !== '--data-dir' && flag !== '--config') break;
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    if (flag === '--data-dir') globals.dataDir = value;
    else globals.config = value;
  }
  return argv.slice(i);
}

import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadIdentity } from '@tollway/payments';
import {
  BuyerStateStore,
  createBuyerProxy,
  createSellerNode,
  jsonLineLogger,
  type Logger,
  silentLogger,
} from '@tollway/proxy';
import { GLOBAL_ARG_OPTIONS, type GlobalOptions } from '../context.js';
import type { CommandIo } from '../io.js';
import { DEFAULT_TEST_SERVICE, parsePort, resolveSellerSetup } from '../seller/seller-setup.js';

export const DEV_HELP = `Usage: tollway dev [--port 8377] [--data-dir DIR] [--verbose] [--json]

Starts a whole local network: a seller node selling the built-in test model over HTTPS, and a
buyer proxy pinned to it (peer and service), each with its own identity in a temporary data dir
(or DIR/seller and DIR/buyer). Then prints what to paste into curl, the OpenAI SDK, Claude Code
and Codex. "npm start" runs this.

  --port N     the buyer proxy's port (default 8377; if it is taken, a free port is used)
  --verbose    print every request's log line
  --json       print the addresses as one JSON object instead of the guide
`;

/** `tollway dev`: runs until Ctrl-C; returns the exit code. */
export async function devCommand(argv: string[], globals: GlobalOptions, io: CommandIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...GLOBAL_ARG_OPTIONS,
      port: { type: 'string', short: 'p' },
      verbose: { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout.write(DEV_HELP);
    return 0;
  }
  const explicitDir = values['data-dir'] ?? globals.dataDir;
  const root = explicitDir ? resolve(explicitDir) : await mkdtemp(join(tmpdir(), 'tollway-dev-'));
  const sellerDir = join(root, 'seller');
  const buyerDir = join(root, 'buyer');
  await Promise.all([mkdir(sellerDir, { recursive: true }), mkdir(buyerDir, { recursive: true })]);
  const logger: Logger = values.verbose ? jsonLineLogger((line) => io.stderr.write(line)) : silentLogger;
  // The dev network's identities are its own: an identity in the environment is for real use.
  const env = { ...io.env, TOLLWAY_IDENTITY_HEX: undefined, ANTSEED_IDENTITY_HEX: undefined };

  const sellerIdentity = await loadIdentity({ dataDir: sellerDir, env });
  const setup = resolveSellerSetup({ 'test-model': true, port: '0' }, undefined, env);
  const seller = createSellerNode({
    identity: sellerIdentity.identity,
    dataDir: sellerDir,
    host: '127.0.0.1',
    port: 0,
    displayName: 'Tollway dev seller',
    services: setup.services,
    tls: 'self-signed',
    logger,
  });
  await seller.listen();

  const store = new BuyerStateStore(buyerDir);
  await store.update((state) => ({
    ...state,
    pinnedPeerId: seller.peerId,
    pinnedService: DEFAULT_TEST_SERVICE,
  }));
  const buyerIdentity = await loadIdentity({ dataDir: buyerDir, env });
  const wantedPort = values.port !== undefined ? parsePort(values.port) : 8377;
  const startBuyer = async (port: number) => {
    const proxy = createBuyerProxy({
      dataDir: buyerDir,
      identity: buyerIdentity.identity,
      host: '127.0.0.1',
      port,
      bootstrap: [seller.url],
      logger,
    });
    return { proxy, ...(await proxy.listen()) };
  };
  let buyer: Awaited<ReturnType<typeof startBuyer>>;
  let portNote = '';
  try {
    buyer = await startBuyer(wantedPort);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || wantedPort === 0) {
      await seller.close();
      throw error;
    }
    buyer = await startBuyer(0);
    portNote = ` (port ${wantedPort} is taken)`;
  }

  const url = buyer.url;
  if (values.json) {
    io.stdout.write(
      `${JSON.stringify({ buyer: { url, dataDir: buyerDir }, seller: { url: seller.url, peerId: seller.peerId, dataDir: sellerDir }, service: DEFAULT_TEST_SERVICE })}\n`,
    );
  } else {
    io.stdout.write(
      devGuide({ url, portNote, sellerUrl: seller.url, peerId: seller.peerId, root, buyerDir }),
    );
  }
  await io.untilShutdown();
  io.stdout.write('Stopping the local network…\n');
  await buyer.proxy.close();
  await seller.close();
  return 0;
}

function devGuide(d: {
  url: string;
  portNote: string;
  sellerUrl: string;
  peerId: string;
  root: string;
  buyerDir: string;
}): string {
  const chat = JSON.stringify({
    model: DEFAULT_TEST_SERVICE,
    messages: [{ role: 'user', content: 'Hello' }],
  });
  const messages = JSON.stringify({
    model: DEFAULT_TEST_SERVICE,
    max_tokens: 256,
    stream: true,
    messages: [{ role: 'user', content: 'Hello' }],
  });
  return `Tollway local network is up.

  seller  ${d.sellerUrl}  peer ${d.peerId}
          sells "${DEFAULT_TEST_SERVICE}" (the built-in test model, free) over HTTPS, self-signed, pinned
  buyer   ${d.url}${d.portNote}
          pinned to that peer and service: every request goes there, whatever its model
  data    ${d.root}

Try it:

  curl ${d.url}/v1/chat/completions -H 'content-type: application/json' \\
    -d '${chat}'

  curl -N ${d.url}/v1/messages -H 'content-type: application/json' \\
    -d '${messages}'

  OpenAI SDK (Node):
    const client = new OpenAI({ baseURL: '${d.url}/v1', apiKey: 'tollway' });
    await client.chat.completions.create({ model: '${DEFAULT_TEST_SERVICE}', messages: [{ role: 'user', content: 'Hi' }] });

  Anthropic SDK (Node):
    const client = new Anthropic({ baseURL: '${d.url}', apiKey: 'tollway' });

  Claude Code:
    ANTHROPIC_BASE_URL=${d.url} ANTHROPIC_AUTH_TOKEN=tollway claude
    (or: npx tollway --data-dir ${d.buyerDir} claude)

  Codex (a "responses" provider on the command line):
    npx tollway --data-dir ${d.buyerDir} codex --model ${DEFAULT_TEST_SERVICE}

  Pins and peers:
    npx tollway --data-dir ${d.buyerDir} buyer connection get
    npx tollway --data-dir ${d.buyerDir} network browse

Press Ctrl-C to stop.
`;
}

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
  startAnnouncing,
} from '@tollway/proxy';
import { startMarketplaceServer } from '@tollway/server';
import { GLOBAL_ARG_OPTIONS, type GlobalOptions } from '../context.js';
import type { CommandIo } from '../io.js';
import { DEFAULT_TEST_SERVICE, parsePort, resolveSellerSetup } from '../seller/seller-setup.js';

export const DEV_HELP = `Usage: tollway dev [--port 8377] [--marketplace-port 8000] [--no-marketplace] [--data-dir DIR] [--verbose] [--json]

Starts a whole local network: a marketplace server (the peers registry and the Agent Commerce
API), a seller node selling the built-in test model over HTTPS and announcing itself to the
marketplace, and a buyer proxy that discovers it there and is pinned to it (peer and service).
Each has its own identity and data in a temporary dir (or DIR/seller, DIR/buyer,
DIR/marketplace). Then prints what to paste into curl, the OpenAI SDK, Claude Code and Codex.
"npm start" runs this.

  --port N              the buyer proxy's port (default 8377; if taken, a free port is used)
  --marketplace-port N  the marketplace's port (default 8000; if taken, a free port is used)
  --no-marketplace      only the seller and the buyer
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
      'marketplace-port': { type: 'string' },
      'no-marketplace': { type: 'boolean' },
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
  const marketDir = join(root, 'marketplace');
  await Promise.all([sellerDir, buyerDir, marketDir].map((dir) => mkdir(dir, { recursive: true })));
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

  const market = values['no-marketplace']
    ? undefined
    : await onFreePort(
        values['marketplace-port'] !== undefined ? parsePort(values['marketplace-port']) : 8000,
        (port) =>
          startMarketplaceServer({
            port,
            host: '127.0.0.1',
            dataDir: marketDir,
            env: {},
            allowInternalHosts: ['127.0.0.1'],
            logger,
          }),
      ).catch(async (error) => {
        await seller.close();
        throw error;
      });
  const announcer = startAnnouncing({
    registries: market ? [market.value.url] : [],
    signedMetadata: () => seller.signedMetadata(),
    logger,
  });
  if (market) await announcer.announceNow();

  const store = new BuyerStateStore(buyerDir);
  await store.update((state) => ({
    ...state,
    pinnedPeerId: seller.peerId,
    pinnedService: DEFAULT_TEST_SERVICE,
  }));
  const buyerIdentity = await loadIdentity({ dataDir: buyerDir, env });
  const wantedPort = values.port !== undefined ? parsePort(values.port) : 8377;
  const started = await onFreePort(wantedPort, async (port) => {
    const proxy = createBuyerProxy({
      dataDir: buyerDir,
      identity: buyerIdentity.identity,
      host: '127.0.0.1',
      port,
      bootstrap: market ? [market.value.url] : [seller.url],
      logger,
    });
    return { proxy, ...(await proxy.listen()) };
  }).catch(async (error) => {
    announcer.stop();
    await market?.value.close();
    await seller.close();
    throw error;
  });
  const buyer = started.value;
  const portNote = started.note;
  const marketUrl = market?.value.url;

  const url = buyer.url;
  if (values.json) {
    io.stdout.write(
      `${JSON.stringify({
        buyer: { url, dataDir: buyerDir },
        seller: { url: seller.url, peerId: seller.peerId, dataDir: sellerDir },
        marketplace: marketUrl ? { url: marketUrl, dataDir: marketDir } : null,
        service: DEFAULT_TEST_SERVICE,
      })}\n`,
    );
  } else {
    io.stdout.write(
      devGuide({
        url,
        portNote,
        sellerUrl: seller.url,
        peerId: seller.peerId,
        root,
        buyerDir,
        market: market ? { url: market.value.url, note: market.note, dir: marketDir } : undefined,
      }),
    );
  }
  await io.untilShutdown();
  io.stdout.write('Stopping the local network…\n');
  await buyer.proxy.close();
  announcer.stop();
  await seller.close();
  await market?.value.close();
  return 0;
}

/** Starts something on `port`, or on a free port when that one is taken (`note` says so). */
async function onFreePort<T>(
  port: number,
  start: (port: number) => Promise<T>,
): Promise<{ value: T; note: string }> {
  try {
    return { value: await start(port), note: '' };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0) throw error;
    return { value: await start(0), note: ` (port ${port} is taken)` };
  }
}

function devGuide(d: {
  url: string;
  portNote: string;
  sellerUrl: string;
  peerId: string;
  root: string;
  buyerDir: string;
  market: { url: string; note: string; dir: string } | undefined;
}): string {
  const market = d.market
    ? `  market  ${d.market.url}/api/v1${d.market.note}
          the marketplace: the seller announced itself here, the buyer found it here
          docs ${d.market.url}/docs; an admin key: npx tollway server admin-key --data-dir ${d.market.dir}
`
    : '';
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
${market}  data    ${d.root}

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

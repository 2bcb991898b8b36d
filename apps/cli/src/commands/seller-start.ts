import { parseArgs } from 'node:util';
import { loadIdentity } from '@tollway/payments';
import { createSellerNode, jsonLineLogger, startAnnouncing } from '@tollway/proxy';
import { describeContext, GLOBAL_ARG_OPTIONS, type GlobalOptions, loadContext } from '../context.js';
import type { CommandIo } from '../io.js';
import { resolveSellerSetup } from '../seller/seller-setup.js';
import { renderTable } from '../table.js';

export const SELLER_START_HELP = `Usage: tollway seller start [options]

Sells an upstream model to buyers over HTTPS (a self-signed certificate pinned through the
seller's signed metadata). Flags win over the "seller" section of config.json.

Upstream (one of):
  --test-model                   the built-in deterministic test model (no network)
  --upstream-url URL             an OpenAI Chat, Anthropic Messages or OpenAI Responses endpoint,
                                 e.g. https://api.openai.com/v1, https://api.anthropic.com,
                                 http://localhost:11434/v1 (Ollama), http://localhost:8000/v1 (vLLM)
  --upstream-format FORMAT       anthropic-messages | openai-chat | openai-responses (default openai-chat)
  --upstream-key-env NAME        environment variable holding the upstream API key

Services and prices:
  --service NAME[=UPSTREAM_MODEL]  a service buyers request by NAME (repeatable)
  --category NAME                  a category of every service (repeatable)
  --input-usd-per-million N        price of input tokens (default 0)
  --output-usd-per-million N       price of output tokens (default 0)
  --cached-input-usd-per-million N price of cached input tokens (default: the input price)

Listener:
  --port N              port (default 8378)          --host ADDR   address (default 127.0.0.1)
  --public-url URL      the URL buyers reach this seller at (default from host and port)
  --display-name NAME   the name buyers see
  --announce URL        a marketplace server to announce this seller to (repeatable; also
                        seller.announce in config.json); buyers bootstrapping from it find it
  --insecure-http       serve plain HTTP (buyers accept it only for loopback or with --insecure-http)
  --data-dir DIR        identity.key, tls/ and config.json live here (default ~/.tollway)
  --json                print one JSON line (url, peerId, tlsFingerprint256, services) when ready

Examples:
  tollway seller start --test-model
  OPENAI_API_KEY=sk-… tollway seller start --upstream-url https://api.openai.com/v1 \\
    --upstream-key-env OPENAI_API_KEY --service gpt-4o-mini --input-usd-per-million 0.15 --output-usd-per-million 0.6
`;

/** `tollway seller start`: runs until Ctrl-C; returns the exit code. */
export async function sellerStartCommand(
  argv: string[],
  globals: GlobalOptions,
  io: CommandIo,
): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...GLOBAL_ARG_OPTIONS,
      port: { type: 'string' },
      host: { type: 'string' },
      'public-url': { type: 'string' },
      'display-name': { type: 'string' },
      'upstream-url': { type: 'string' },
      'upstream-format': { type: 'string' },
      'upstream-key-env': { type: 'string' },
      service: { type: 'string', multiple: true },
      category: { type: 'string', multiple: true },
      'input-usd-per-million': { type: 'string' },
      'output-usd-per-million': { type: 'string' },
      'cached-input-usd-per-million': { type: 'string' },
      'test-model': { type: 'boolean' },
      'insecure-http': { type: 'boolean' },
      announce: { type: 'string', multiple: true },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout.write(SELLER_START_HELP);
    return 0;
  }
  const context = await loadContext(globals, values, io);
  const setup = resolveSellerSetup(values, context.config.seller, io.env);
  const { identity, source } = await loadIdentity({ dataDir: context.dataDir, env: io.env });
  const logger = jsonLineLogger((line) => io.stderr.write(line));
  const seller = createSellerNode({
    identity,
    dataDir: context.dataDir,
    host: setup.host,
    port: setup.port,
    publicUrl: setup.publicUrl,
    displayName: setup.displayName ?? context.config.identity?.displayName,
    services: setup.services,
    tls: setup.insecureHttp ? 'insecure-http' : 'self-signed',
    logger,
  });
  await seller.listen();
  const registries = values.announce ?? context.config.seller?.announce ?? [];
  const announcer = startAnnouncing({ registries, signedMetadata: () => seller.signedMetadata(), logger });
  const announced = registries.length > 0 ? await announcer.announceNow() : [];
  if (values.json) {
    // One line a script can read, then nothing else on standard output until shutdown.
    io.stdout.write(
      `${JSON.stringify({
        url: seller.url,
        peerId: seller.peerId,
        tlsFingerprint256: seller.tlsFingerprint256,
        dataDir: context.dataDir,
        services: setup.services.map((s) => ({ name: s.name, format: s.format, pricing: s.pricing })),
        announced,
      })}\n`,
    );
    await io.untilShutdown();
    announcer.stop();
    await seller.close();
    return 0;
  }
  io.stdout.write(
    [
      `Tollway seller listening on ${seller.url}`,
      `  peer id:    ${seller.peerId} (identity from ${source})`,
      `  tls:        ${seller.tlsFingerprint256 ? `self-signed, sha256 ${seller.tlsFingerprint256}` : 'none (plain HTTP)'}`,
      describeContext(context),
    ].join('\n'),
  );
  io.stdout.write(
    renderTable(
      ['SERVICE', 'UPSTREAM', 'FORMAT', 'IN $/M', 'OUT $/M'],
      setup.services.map((s) => [
        s.name,
        s.upstream.kind === 'test-model' ? 'test model' : `${s.upstream.baseUrl} ${s.upstreamModel}`,
        s.format,
        s.pricing.inputUsdPerMillion,
        s.pricing.outputUsdPerMillion,
      ]),
    ),
  );
  for (const result of announced) {
    io.stdout.write(
      `  announced to ${result.registry}: ${result.ok ? 'ok' : `refused (${result.message})`}\n`,
    );
  }
  io.stdout.write(
    `\nBuyers connect with:\n  tollway buyer start --bootstrap ${seller.url} --peer ${seller.peerId}\n\nPress Ctrl-C to stop.\n`,
  );
  await io.untilShutdown();
  io.stdout.write('Stopping the seller: letting in-flight requests finish…\n');
  announcer.stop();
  await seller.close();
  return 0;
}

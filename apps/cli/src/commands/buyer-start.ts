import { parseArgs } from 'node:util';
import { loadIdentity } from '@tollway/payments';
import { createBuyerProxy, jsonLineLogger } from '@tollway/proxy';
import { describeContext, GLOBAL_ARG_OPTIONS, type GlobalOptions, loadContext } from '../context.js';
import type { CommandIo } from '../io.js';
import { parsePort } from '../seller/seller-setup.js';
import { UsageError } from '../usage-error.js';

export const BUYER_START_HELP = `Usage: tollway buyer start [options]

Starts the buyer proxy: point Claude Code, Codex, curl or any OpenAI/Anthropic SDK at it.
It needs no config.json and no API key (any placeholder is accepted and stripped).

  --port N            port (default 8377, or buyer.proxyPort in config.json)
  --host ADDR         address to listen on (default 127.0.0.1)
  --peer ID           pin this peer for the session (same as "tollway buyer connection set --peer")
  --bootstrap URL     a seller or marketplace URL to discover peers from (repeatable;
                      adds to network.bootstrap in config.json)
  --insecure-http     also accept plain-HTTP peers that are not on loopback
  --body-limit-mb N   largest request body accepted (default 64)
  --data-dir DIR      buyer.state.json, identity.key and config.json live here (default ~/.tollway)
  --json              print one JSON line (url, buyer id, data dir, state file) when ready

Then pin a peer ("tollway network browse", "tollway buyer connection set --peer ID") and try:
  curl http://localhost:8377/v1/chat/completions -H 'content-type: application/json' \\
    -d '{"model":"SERVICE","messages":[{"role":"user","content":"Hello"}]}'
`;

/** `tollway buyer start`: runs until Ctrl-C; returns the exit code. */
export async function buyerStartCommand(
  argv: string[],
  globals: GlobalOptions,
  io: CommandIo,
): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...GLOBAL_ARG_OPTIONS,
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      peer: { type: 'string' },
      bootstrap: { type: 'string', multiple: true },
      'insecure-http': { type: 'boolean' },
      'body-limit-mb': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout.write(BUYER_START_HELP);
    return 0;
  }
  const context = await loadContext(globals, values, io);
  const buyer = context.config.buyer ?? {};
  const bodyLimitMb =
    values['body-limit-mb'] !== undefined ? Number(values['body-limit-mb']) : buyer.bodyLimitMb;
  if (bodyLimitMb !== undefined && !(bodyLimitMb > 0)) {
    throw new UsageError(`--body-limit-mb must be a positive number (got "${values['body-limit-mb']}")`);
  }
  const { identity, source } = await loadIdentity({ dataDir: context.dataDir, env: io.env });
  const proxy = createBuyerProxy({
    dataDir: context.dataDir,
    identity,
    host: values.host ?? '127.0.0.1',
    port: values.port !== undefined ? parsePort(values.port) : (buyer.proxyPort ?? 8377),
    bootstrap: [...(context.config.network?.bootstrap ?? []), ...(values.bootstrap ?? [])],
    pinPeer: values.peer,
    allowInsecureHttp: values['insecure-http'] ?? buyer.insecureHttp ?? false,
    ...(bodyLimitMb !== undefined ? { bodyLimitBytes: Math.floor(bodyLimitMb * 1024 * 1024) } : {}),
    ...(buyer.peerRefreshIntervalMs !== undefined ? { refreshIntervalMs: buyer.peerRefreshIntervalMs } : {}),
    logger: jsonLineLogger((line) => io.stderr.write(line)),
  });
  const { url } = await proxy.listen();
  if (values.json) {
    io.stdout.write(
      `${JSON.stringify({ url, peerId: identity.peerId, dataDir: context.dataDir, configPath: context.configPath, statePath: context.statePath })}\n`,
    );
  } else {
    io.stdout.write(
      [
        `Tollway buyer proxy listening on ${url}`,
        `  buyer id:   ${identity.peerId} (identity from ${source})`,
        describeContext(context),
        `OpenAI base URL: ${url}/v1    Anthropic base URL: ${url}`,
        'Press Ctrl-C to stop.',
        '',
      ].join('\n'),
    );
  }
  await io.untilShutdown();
  io.stdout.write('Stopping the buyer proxy: letting in-flight streams finish…\n');
  await proxy.close();
  return 0;
}

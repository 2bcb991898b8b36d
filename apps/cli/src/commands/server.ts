import { parseArgs } from 'node:util';
import { jsonLineLogger } from '@tollway/proxy';
import { createAdminKey, startMarketplaceServer } from '@tollway/server';
import { describeContext, GLOBAL_ARG_OPTIONS, type GlobalOptions, loadContext } from '../context.js';
import type { CommandIo } from '../io.js';
import { parsePort } from '../seller/seller-setup.js';
import { UsageError } from '../usage-error.js';

export const SERVER_HELP = `Usage: tollway server <start|admin-key> [options]

The marketplace server: the Agent Commerce API under /api/v1 (keys, services, discovery, a
payment proxy, agents, reputation, settlements, teams, webhooks, provider portal, admin),
on embedded PGlite in the data dir, or on Postgres when DATABASE_URL is set.

  start [--port 8000] [--host 127.0.0.1] [--allow-internal-host HOST]... [--trust-proxy]
        [--ip-rate-limit N] [--ip-burst N]
      --allow-internal-host lets that host (e.g. 127.0.0.1) be a service endpoint or a
      plain-http webhook receiver, for development (also TOLLWAY_ALLOWED_INTERNAL_HOSTS=a,b).
      --trust-proxy takes the client address from X-Forwarded-For for rate limits.
      --ip-rate-limit / --ip-burst: requests a minute per client address, and the burst
      allowed above it (default 60 and 120). Per-key limits are each key's rate_limit.
  admin-key [--json]
      create an admin key for this data dir's database and print it once.

  --data-dir DIR   the PGlite database lives in DIR/marketplace.pglite (default ~/.tollway)

Docs of the running server: http://127.0.0.1:8000/docs (OpenAPI at /openapi.json).
`;

/** `tollway server start` and `tollway server admin-key`: returns the exit code. */
export async function serverCommand(
  action: 'start' | 'admin-key',
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
      'allow-internal-host': { type: 'string', multiple: true },
      'trust-proxy': { type: 'boolean' },
      'ip-rate-limit': { type: 'string' },
      'ip-burst': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout.write(SERVER_HELP);
    return 0;
  }
  const context = await loadContext(globals, values, io);
  const storage = { dataDir: context.dataDir, databaseUrl: io.env.DATABASE_URL };

  if (action === 'admin-key') {
    const key = await createAdminKey(storage);
    if (values.json) io.stdout.write(`${JSON.stringify(key)}\n`);
    else {
      io.stdout.write(
        `key_id: ${key.key_id}\nsecret: ${key.secret}\n\nUse it as "Authorization: Bearer ${key.key_id}:<secret>". The secret is shown only once.\n`,
      );
    }
    return 0;
  }

  const fromEnv = (io.env.TOLLWAY_ALLOWED_INTERNAL_HOSTS ?? '')
    .split(',')
    .map((host) => host.trim())
    .filter(Boolean);
  const ratePerMinute = positiveInt('--ip-rate-limit', values['ip-rate-limit'], 60);
  const burst = positiveInt('--ip-burst', values['ip-burst'], Math.max(120, ratePerMinute));
  const server = await startMarketplaceServer({
    ipRateLimit: { ratePerMinute, burst },
    ...storage,
    port: values.port !== undefined ? parsePort(values.port) : 8000,
    host: values.host ?? '127.0.0.1',
    allowInternalHosts: [...fromEnv, ...(values['allow-internal-host'] ?? [])],
    trustProxy: values['trust-proxy'] ?? false,
    logger: jsonLineLogger((line) => io.stderr.write(line)),
  });
  io.stdout.write(
    [
      `Tollway marketplace listening on ${server.url}/api/v1`,
      `  database:   ${storage.databaseUrl ? 'Postgres (DATABASE_URL)' : `PGlite in ${storage.dataDir}/marketplace.pglite`}`,
      describeContext(context),
      `Docs: ${server.url}/docs    Admin key: tollway server admin-key --data-dir ${context.dataDir}`,
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
  await io.untilShutdown();
  await server.close();
  return 0;
}

function positiveInt(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new UsageError(`${flag} must be a whole number of at least 1 (got "${value}")`);
  return Number(value);
}

import { API_FORMATS, type ApiFormat, isApiFormat } from '@tollway/core';
import type { SellerConfig, SellerServiceConfig, UsdPerMillion } from '@tollway/proxy';
import { UsageError } from '../usage-error.js';

/** The name of the service `--test-model` offers when no `--service` is given. */
export const DEFAULT_TEST_SERVICE = 'tollway-test-model';

/** `tollway seller start` flags, as parsed. */
export interface SellerFlags {
  port?: string | undefined;
  host?: string | undefined;
  'public-url'?: string | undefined;
  'display-name'?: string | undefined;
  'upstream-url'?: string | undefined;
  'upstream-format'?: string | undefined;
  'upstream-key-env'?: string | undefined;
  service?: string[] | undefined;
  category?: string[] | undefined;
  'input-usd-per-million'?: string | undefined;
  'output-usd-per-million'?: string | undefined;
  'cached-input-usd-per-million'?: string | undefined;
  'test-model'?: boolean | undefined;
  'insecure-http'?: boolean | undefined;
}

/** What the seller node is started with, resolved from flags over `config.json`. */
export interface SellerSetup {
  host: string;
  port: number;
  publicUrl: string | undefined;
  displayName: string | undefined;
  insecureHttp: boolean;
  services: SellerServiceConfig[];
}

const FORMAT_ALIASES: Record<string, ApiFormat> = {
  anthropic: 'anthropic-messages',
  messages: 'anthropic-messages',
  openai: 'openai-chat',
  chat: 'openai-chat',
  'openai-chat-completions': 'openai-chat',
  responses: 'openai-responses',
};

/** The default seller port: one above the buyer proxy's 8377. */
export const DEFAULT_SELLER_PORT = 8378;

/**
 * Resolves the seller's services and listener from flags and the `seller` section of
 * `config.json` (flags win), reading the upstream API key from the named environment variable.
 *
 * @example
 * ```ts
 * resolveSellerSetup({ 'test-model': true }, {}, {});
 * // { services: [{ name: 'tollway-test-model', upstream: { kind: 'test-model' }, format: 'openai-chat', … }], … }
 * ```
 */
export function resolveSellerSetup(
  flags: SellerFlags,
  config: SellerConfig | undefined,
  env: Record<string, string | undefined>,
): SellerSetup {
  const cfg = config ?? {};
  const format = parseFormat(flags['upstream-format'] ?? cfg.upstreamFormat ?? 'openai-chat');
  const upstreamUrl = flags['upstream-url'] ?? (flags['test-model'] ? undefined : cfg.upstreamUrl);
  const testModel = flags['test-model'] ?? (flags['upstream-url'] ? false : (cfg.testModel ?? false));
  if (testModel && upstreamUrl) throw new UsageError('give either --test-model or --upstream-url, not both');
  if (!testModel && !upstreamUrl) {
    throw new UsageError(
      'no upstream: pass --upstream-url URL --upstream-format FORMAT [--upstream-key-env NAME], or --test-model for the built-in model',
    );
  }
  const upstream = testModel
    ? ({ kind: 'test-model' } as const)
    : { kind: 'http' as const, baseUrl: checkUrl(upstreamUrl as string), ...apiKey(flags, cfg, env) };

  const sellerPricing = {
    inputUsdPerMillion: price(
      '--input-usd-per-million',
      flags['input-usd-per-million'] ?? cfg.inputUsdPerMillion,
    ),
    outputUsdPerMillion: price(
      '--output-usd-per-million',
      flags['output-usd-per-million'] ?? cfg.outputUsdPerMillion,
    ),
    cachedInputUsdPerMillion: price(
      '--cached-input-usd-per-million',
      flags['cached-input-usd-per-million'] ?? cfg.cachedInputUsdPerMillion,
    ),
  };
  const pricingFlagsGiven =
    flags['input-usd-per-million'] !== undefined ||
    flags['output-usd-per-million'] !== undefined ||
    flags['cached-input-usd-per-million'] !== undefined;

  const declared = flags.service?.length
    ? flags.service.map(parseServiceFlag)
    : (cfg.services ?? []).map((s) => ({
        name: s.name,
        upstreamModel: s.upstreamModel ?? s.name,
        categories: s.categories,
        pricing: s.pricing,
      }));
  if (declared.length === 0) {
    if (!testModel) throw new UsageError('name at least one service: --service NAME[=UPSTREAM_MODEL]');
    declared.push({
      name: DEFAULT_TEST_SERVICE,
      upstreamModel: DEFAULT_TEST_SERVICE,
      categories: undefined,
      pricing: undefined,
    });
  }
  const names = new Set<string>();
  const services = declared.map((service): SellerServiceConfig => {
    if (names.has(service.name)) throw new UsageError(`service "${service.name}" is named twice`);
    names.add(service.name);
    const own = pricingFlagsGiven ? undefined : service.pricing;
    const input =
      own?.inputUsdPerMillion !== undefined
        ? price('pricing', own.inputUsdPerMillion)
        : sellerPricing.inputUsdPerMillion;
    const output =
      own?.outputUsdPerMillion !== undefined
        ? price('pricing', own.outputUsdPerMillion)
        : sellerPricing.outputUsdPerMillion;
    const cached =
      own?.cachedInputUsdPerMillion !== undefined
        ? price('pricing', own.cachedInputUsdPerMillion)
        : sellerPricing.cachedInputUsdPerMillion;
    return {
      name: service.name,
      upstreamModel: service.upstreamModel,
      format,
      categories: flags.category?.length
        ? flags.category
        : (service.categories ?? (testModel ? ['test'] : [])),
      pricing: {
        inputUsdPerMillion: input ?? '0',
        outputUsdPerMillion: output ?? '0',
        ...(cached !== undefined ? { cachedInputUsdPerMillion: cached } : {}),
      },
      upstream,
    };
  });

  const port = flags.port !== undefined ? parsePort(flags.port) : (cfg.port ?? DEFAULT_SELLER_PORT);
  return {
    host: flags.host ?? cfg.host ?? '127.0.0.1',
    port,
    publicUrl: flags['public-url'] ? checkUrl(flags['public-url']) : cfg.publicUrl,
    displayName: flags['display-name'] ?? cfg.displayName,
    insecureHttp: flags['insecure-http'] ?? cfg.insecureHttp ?? false,
    services,
  };
}

/** Accepts the three format names and the common short names (`openai`, `anthropic`, `responses`). */
export function parseFormat(value: string): ApiFormat {
  if (isApiFormat(value)) return value;
  const alias = FORMAT_ALIASES[value.toLowerCase()];
  if (alias) return alias;
  throw new UsageError(`--upstream-format must be one of ${API_FORMATS.join(', ')} (got "${value}")`);
}

/** Parses a port number flag. */
export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535)
    throw new UsageError(`--port must be a number from 0 to 65535 (got "${value}")`);
  return port;
}

function parseServiceFlag(value: string) {
  const [name, upstreamModel] = value.split('=', 2) as [string, string | undefined];
  if (!name) throw new UsageError(`--service needs a name: --service NAME[=UPSTREAM_MODEL] (got "${value}")`);
  return { name, upstreamModel: upstreamModel || name, categories: undefined, pricing: undefined };
}

function price(flag: string, value: UsdPerMillion | undefined): string | undefined {
  if (value === undefined) return undefined;
  const text = typeof value === 'number' ? numberToDecimal(value) : value;
  if (!/^\d+(\.\d+)?$/.test(text))
    throw new UsageError(`${flag} must be a non-negative decimal number (got "${value}")`);
  return text;
}

/** A JSON number as the decimal string it was written as (`1e-7` → `0.0000001`). */
function numberToDecimal(value: number): string {
  if (!Number.isFinite(value) || value < 0) return String(value);
  const text = String(value);
  return text.includes('e') ? value.toFixed(20).replace(/\.?0+$/, '') : text;
}

function checkUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`"${value}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`"${value}" must be an http(s) URL`);
  return value.replace(/\/+$/, '');
}

function apiKey(
  flags: SellerFlags,
  cfg: SellerConfig,
  env: Record<string, string | undefined>,
): { apiKey?: string } {
  const name = flags['upstream-key-env'] ?? cfg.upstreamKeyEnv;
  if (!name) return {};
  const value = env[name];
  if (!value) throw new UsageError(`the environment variable ${name} (--upstream-key-env) is not set`);
  return { apiKey: value };
}

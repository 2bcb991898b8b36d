import { API_FORMATS } from '@tollway/core';
import { z } from 'zod';

/** A price in USD per million tokens: a number or an exact decimal string (`"2.50"`). */
const usdPerMillion = z.union([
  z.number().nonnegative().finite(),
  z.string().regex(/^\d+(\.\d+)?$/, 'expected a decimal number such as "2.50"'),
]);

const pricingSchema = z.strictObject({
  inputUsdPerMillion: usdPerMillion.optional(),
  outputUsdPerMillion: usdPerMillion.optional(),
  cachedInputUsdPerMillion: usdPerMillion.optional(),
});

const serviceSchema = z.strictObject({
  name: z.string().min(1),
  upstreamModel: z.string().min(1).optional(),
  categories: z.array(z.string().min(1)).optional(),
  pricing: pricingSchema.optional(),
});

const sellerSchema = z.strictObject({
  port: z.number().int().min(0).max(65535).optional(),
  host: z.string().min(1).optional(),
  publicUrl: z.url().optional(),
  displayName: z.string().min(1).max(64).optional(),
  upstreamUrl: z.url().optional(),
  upstreamFormat: z.enum(API_FORMATS).optional(),
  upstreamKeyEnv: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name')
    .optional(),
  testModel: z.boolean().optional(),
  insecureHttp: z.boolean().optional(),
  services: z.array(serviceSchema).optional(),
  inputUsdPerMillion: usdPerMillion.optional(),
  outputUsdPerMillion: usdPerMillion.optional(),
  cachedInputUsdPerMillion: usdPerMillion.optional(),
  bodyLimitMb: z.number().positive().optional(),
  announce: z.array(z.url()).optional(),
});

const buyerSchema = z.strictObject({
  minPeerReputation: z.number().min(0).max(100).optional(),
  maxPricing: z
    .strictObject({
      defaults: pricingSchema.optional(),
      services: z.record(z.string(), pricingSchema).optional(),
    })
    .optional(),
  proxyPort: z.number().int().min(0).max(65535).optional(),
  peerRefreshIntervalMs: z.number().int().min(1000).optional(),
  bodyLimitMb: z.number().positive().optional(),
  insecureHttp: z.boolean().optional(),
});

const paymentsSchema = z.strictObject({
  preferredMethod: z.enum(['crypto']).optional(),
  crypto: z
    .strictObject({
      chainId: z.enum(['base-mainnet', 'base-sepolia', 'base-local']).optional(),
      rpcUrl: z.url().optional(),
    })
    .optional(),
  maxPerRequestUsdc: z.string().regex(/^\d+$/, 'expected USDC base units as a string of digits').optional(),
});

/**
 * The optional `config.json` of a data dir: every key is optional, unknown keys are an error.
 * The `buyer` and `payments` keys of AntSeed's documented example load as they are.
 *
 * @example
 * ```ts
 * configSchema.parse({ buyer: { minPeerReputation: 0 }, payments: { crypto: { chainId: 'base-mainnet' } } });
 * ```
 */
export const configSchema = z.strictObject({
  identity: z.strictObject({ displayName: z.string().min(1).max(64).optional() }).optional(),
  buyer: buyerSchema.optional(),
  seller: sellerSchema.optional(),
  payments: paymentsSchema.optional(),
  network: z.strictObject({ bootstrap: z.array(z.url()).optional() }).optional(),
});

/** A parsed `config.json`. */
export type TollwayConfig = z.infer<typeof configSchema>;
/** The `seller` section of {@link TollwayConfig}. */
export type SellerConfig = NonNullable<TollwayConfig['seller']>;
/** A price as `config.json` or a flag gives it. */
export type UsdPerMillion = z.infer<typeof usdPerMillion>;

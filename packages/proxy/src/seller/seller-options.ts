import type { ApiFormat } from '@tollway/core';
import type { Identity } from '@tollway/payments';
import type { Logger } from '../log/logger.js';
import type { UpstreamTimeouts } from '../upstream/forward-to-upstream.js';

/** Where a service's answers come from: an HTTP model server, or the built-in test model. */
export type SellerUpstream =
  | {
      kind: 'http';
      /** `https://api.openai.com/v1`, `https://api.anthropic.com`, `http://localhost:11434/v1`. */
      baseUrl: string;
      apiKey?: string;
      /** Extra headers sent on every upstream call. */
      headers?: Record<string, string>;
    }
  | { kind: 'test-model' };

/** One model a seller sells. */
export interface SellerServiceConfig {
  /** The name buyers put in `model`. */
  name: string;
  /** The model name sent upstream in place of `name`. */
  upstreamModel: string;
  /** The format the upstream speaks; buyers send bodies in it. */
  format: ApiFormat;
  categories: string[];
  /** USD per million tokens, as decimal strings. */
  pricing: { inputUsdPerMillion: string; outputUsdPerMillion: string; cachedInputUsdPerMillion?: string };
  upstream: SellerUpstream;
}

/** What {@link PaymentGate.authorize} is asked about. */
export interface PaymentContext {
  buyerPeerId: string;
  service: SellerServiceConfig;
  /** The parsed request body, before `model` is replaced. */
  body: unknown;
}

/** A refusal by the payment gate, rendered in the request's format. */
export interface PaymentRefusal {
  ok: false;
  status: number;
  code: string;
  message: string;
}

/**
 * Decides whether a verified buyer may make a call: the seam where payment channels plug in.
 * The default gate lets every call through.
 *
 * @example
 * ```ts
 * const gate: PaymentGate = {
 *   async authorize({ buyerPeerId }) {
 *     return allowed.has(buyerPeerId)
 *       ? { ok: true }
 *       : { ok: false, status: 402, code: 'insufficient_deposit', message: 'Deposit USDC first.' };
 *   },
 * };
 * ```
 */
export interface PaymentGate {
  authorize(ctx: PaymentContext): Promise<{ ok: true } | PaymentRefusal>;
}

/** TLS of the seller's server: a self-signed certificate in the data dir (default), your own, or none. */
export type SellerTls = 'self-signed' | { certPem: string; keyPem: string } | 'insecure-http';

/** Options of `createSellerNode`. */
export interface SellerNodeOptions {
  identity: Identity;
  /** Where the TLS certificate lives (`<dataDir>/tls/`). */
  dataDir: string;
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Port; default 0 (any free port). */
  port?: number;
  /** The URL buyers reach this node at; default derived from the host and the bound port. */
  publicUrl?: string;
  displayName?: string;
  services: SellerServiceConfig[];
  /** Default `'self-signed'`. `'insecure-http'` only on loopback or when explicitly asked for. */
  tls?: SellerTls;
  logger?: Logger;
  /** Largest request body accepted. Default 64 MiB. */
  bodyLimitBytes?: number;
  /** Upstream timeouts (connect 10 s, headers 120 s, idle body 300 s by default). */
  timeouts?: UpstreamTimeouts;
  /** Clock, ms since the epoch. Default `Date.now`. */
  now?: () => number;
  /** Default: every call is free. */
  paymentGate?: PaymentGate;
  /** How long `close()` lets in-flight streams finish before cutting them. Default 5 000 ms. */
  shutdownGraceMs?: number;
}

import type { ApiFormat, IrUsage, TokenPrices } from '@tollway/core';

/** What a payment step knows about one request. */
export interface BuyerPaymentContext {
  /** The proxy's id of the request (also its `x-request-id`). */
  requestId: string;
  peerId: string;
  /** The service (model) name at the peer. */
  service: string;
  serviceFormat: ApiFormat;
  clientFormat: ApiFormat;
  stream: boolean;
  /** The peer's announced prices, in USDC base units per million tokens. */
  prices: TokenPrices;
}

/** What {@link PaymentStep.beforeRequest} decides. */
export type PaymentDecision =
  /** Go ahead; `headers` (a voucher, a channel id) are added to the request to the seller. */
  | { ok: true; headers?: Record<string, string> }
  /** Refuse the request: answered with `status` and `code` in the client's format. */
  | { ok: false; status: number; code: string; message: string };

/**
 * Where payments plug into the buyer proxy. `beforeRequest` runs once the peer and service are
 * known, before anything is sent; `afterResponse` runs after the answer was delivered, with
 * the usage the proxy metered and its cost (`undefined` when the answer reported no usage).
 */
export interface PaymentStep {
  beforeRequest(ctx: BuyerPaymentContext): Promise<PaymentDecision>;
  afterResponse(
    ctx: BuyerPaymentContext,
    usage: IrUsage | undefined,
    costBaseUnits: bigint | undefined,
  ): Promise<void>;
}

/**
 * The default payment step: services are free, nothing is paid or refused.
 *
 * @example
 * ```ts
 * const proxy = createBuyerProxy({ dataDir, identity, paymentStep: freePaymentStep });
 * ```
 */
export const freePaymentStep: PaymentStep = {
  beforeRequest: async () => ({ ok: true }),
  afterResponse: async () => {},
};

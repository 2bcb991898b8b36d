import { randomUUID } from 'node:crypto';
import { formatUsdc, parseUsdc } from '@tollway/core';
import {
  isPayPalOrderCaptured,
  NOWPAYMENTS_SIGNATURE_HEADER,
  type NowPayment,
  PaymentProviderError,
  type PayPalOrder,
  payPalApproveUrl,
  verifyNowPaymentsIpn,
} from '@tollway/payments';
import { z } from 'zod';
import type { AppDeps } from '../app-deps.js';
import type { ApiKey } from '../auth/api-key.js';
import { creditBalance, getBalance, releaseExpiredReservations } from '../billing/balance-store.js';
import { confirmDeposit, type Deposit, failDeposit, getDeposit, insertDeposit } from '../billing/deposits.js';
import { type PaymentProviders, paymentProvidersFromEnv } from '../billing/payment-providers.js';
import { formatUsdAmount } from '../billing/proxy-headers.js';
import type { Queryable } from '../db/db.js';
import { HttpError } from '../http/http-error.js';
import type { RouteRegistry } from '../http/route-registry.js';
import {
  type EnqueueWebhookEventInput,
  enqueueWebhookEvent as realEnqueue,
} from '../webhooks/enqueue-event.js';

/** A USD amount as a decimal string or number, at most 2 decimals (cents), as deposits take it. */
const UsdAmount = z
  .union([z.string(), z.number()])
  .transform((v, ctx) => {
    const text = String(v).trim();
    if (!/^\d+(\.\d{1,2})?$/.test(text)) {
      ctx.addIssue({ code: 'custom', message: 'must be a USD amount with at most 2 decimals, like "10.00"' });
      return z.NEVER;
    }
    return parseUsdc(text);
  })
  .describe('USD amount, e.g. "10.00" (1 USD = 1 USDC)');

const MIN_DEPOSIT = 1_000_000n;
const MAX_DEPOSIT = 10_000_000_000n;

const BalanceResponse = z.object({
  buyer_id: z.string(),
  balance: z.string().describe('Available to spend, USDC'),
  reserved: z.string().describe('Held by calls in flight, USDC'),
  currency: z.literal('USDC'),
});

const CreditBody = z.object({
  buyer_id: z.string().trim().min(1).max(200),
  amount: UsdAmount,
});

const CreditResponse = z.object({ buyer_id: z.string(), credited: z.string(), balance: z.string() });

const DepositBody = z.object({
  amount: UsdAmount,
  payment_method: z.enum(['paypal', 'nowpayments']).describe('paypal or nowpayments'),
  buyer_id: z.string().optional().describe('Your own owner id (optional; other ids are refused)'),
});

const DepositView = z.object({
  id: z.string(),
  buyer_id: z.string(),
  amount: z.string(),
  currency: z.literal('USDC'),
  payment_method: z.enum(['paypal', 'nowpayments']),
  status: z.enum(['pending', 'confirmed', 'failed']),
  external_id: z.string().nullable(),
  approve_url: z.string().nullable().describe('PayPal: where the payer approves the order'),
  pay_address: z.string().nullable().describe('NOWPayments: where the payer sends the coins'),
  pay_amount: z.number().nullable(),
  pay_currency: z.string().nullable(),
  created_at: z.string(),
  confirmed_at: z.string().nullable(),
});

const DepositParams = z.object({ deposit_id: z.string().min(1).max(100) });
const IpnResponse = z.object({ status: z.literal('ok'), action: z.string() });

/** What the balance routes need beside the app's dependencies. */
export interface BalanceRouteOptions {
  providers: PaymentProviders;
  /** Default: the webhook outbox. */
  enqueueWebhookEvent?: (db: Queryable, input: EnqueueWebhookEventInput) => Promise<void>;
}

/**
 * The prepaid balance and its deposits, with PayPal and NOWPayments configured from the
 * process environment (see `paymentProvidersFromEnv`). These routes are beyond the documented
 * API (which has none for balances); they follow the reference implementation's billing routes.
 *
 * @example
 * ```ts
 * registerBalanceRoutes(registry, deps);
 * ```
 */
export function registerBalanceRoutes(registry: RouteRegistry, deps: AppDeps): void {
  createBalanceRoutes({ providers: paymentProvidersFromEnv(process.env) })(registry, deps);
}

/**
 * The balance routes with chosen providers (tests point them at fake PayPal and NOWPayments
 * servers):
 * - `GET /api/v1/balance`: the caller's balance.
 * - `POST /api/v1/balance/credit` (admin): adds to a buyer's balance.
 * - `POST /api/v1/deposits`: starts a deposit: a PayPal order (answer has `approve_url`) or a
 *   NOWPayments payment (answer has `pay_address`, `pay_amount`, `pay_currency`).
 * - `GET /api/v1/deposits/{id}`; `POST /api/v1/deposits/{id}/capture`: after the payer approved,
 *   captures the PayPal order, or asks NOWPayments for the payment's status; a completed payment
 *   credits the balance once and sends `payment.completed`.
 * - `POST /api/v1/ipn/nowpayments`: NOWPayments' signed IPN callback; `finished` credits.
 *
 * @example
 * ```ts
 * createTestServer({ routeGroups: [createBalanceRoutes({ providers: { paypal: createPayPalClient(options) } })] });
 * ```
 */
export function createBalanceRoutes(options: BalanceRouteOptions) {
  const { providers } = options;
  const enqueue = options.enqueueWebhookEvent ?? realEnqueue;
  return (registry: RouteRegistry, deps: AppDeps): void => {
    registry.add({
      method: 'GET',
      path: '/api/v1/balance',
      summary: 'Your prepaid balance (what proxy calls to prepaid, PayPal and NOWPayments services draw on)',
      tag: 'Balance',
      auth: 'key',
      response: BalanceResponse,
      handler: async ({ c, key }) => {
        await releaseExpiredReservations(deps.db, new Date(deps.now()), key.ownerId);
        const balance = await getBalance(deps.db, key.ownerId);
        return c.json({
          buyer_id: key.ownerId,
          balance: formatUsdAmount(balance.available),
          reserved: formatUsdAmount(balance.reserved),
          currency: 'USDC' as const,
        });
      },
    });

    registry.add({
      method: 'POST',
      path: '/api/v1/balance/credit',
      summary: "Credit a buyer's prepaid balance",
      tag: 'Balance',
      auth: 'admin',
      body: CreditBody,
      response: CreditResponse,
      handler: async ({ c, body }) => {
        if (body.amount <= 0n) throw new HttpError(400, 'body.amount: must be more than 0');
        const balance = await creditBalance(deps.db, body.buyer_id, body.amount);
        return c.json({
          buyer_id: body.buyer_id,
          credited: formatUsdAmount(body.amount),
          balance: formatUsdAmount(balance.available),
        });
      },
    });

    registry.add({
      method: 'POST',
      path: '/api/v1/deposits',
      summary: 'Start a deposit to your balance through PayPal or NOWPayments',
      tag: 'Balance',
      auth: 'buyer',
      body: DepositBody,
      response: DepositView,
      status: 201,
      handler: async ({ c, body, key }) => {
        if (body.buyer_id !== undefined && body.buyer_id !== key.ownerId) {
          throw new HttpError(403, 'You can only deposit to your own balance');
        }
        if (body.amount < MIN_DEPOSIT || body.amount > MAX_DEPOSIT) {
          throw new HttpError(400, 'body.amount: deposits are between 1.00 and 10000.00 USD');
        }
        const id = `dep_${randomUUID().replaceAll('-', '')}`;
        const usd = formatUsdc(body.amount).slice(0, -4);
        const started = await providerCall(() =>
          body.payment_method === 'paypal' ? startPayPal(id, usd) : startNowPayments(id, usd),
        );
        const deposit = await insertDeposit(deps.db, {
          id,
          ownerId: key.ownerId,
          amount: body.amount,
          paymentMethod: body.payment_method,
          ...started,
        });
        return c.json(depositView(deposit), 201);
      },
    });

    registry.add({
      method: 'GET',
      path: '/api/v1/deposits/:deposit_id',
      summary: 'One of your deposits',
      tag: 'Balance',
      auth: 'key',
      params: DepositParams,
      response: DepositView,
      handler: async ({ c, params, key }) => c.json(depositView(await ownDeposit(params.deposit_id, key))),
    });

    registry.add({
      method: 'POST',
      path: '/api/v1/deposits/:deposit_id/capture',
      summary: 'Complete a deposit: capture the approved PayPal order or check the NOWPayments payment',
      tag: 'Balance',
      auth: 'buyer',
      params: DepositParams,
      response: DepositView,
      handler: async ({ c, params, key }) => {
        const deposit = await ownDeposit(params.deposit_id, key);
        if (deposit.status === 'pending' && deposit.externalId) {
          if (deposit.paymentMethod === 'paypal') await capturePayPal(deposit, deposit.externalId);
          else await refreshNowPayments(deposit, deposit.externalId);
        }
        return c.json(depositView((await getDeposit(deps.db, deposit.id))!));
      },
    });

    registry.add({
      method: 'POST',
      path: '/api/v1/ipn/nowpayments',
      summary: 'NOWPayments IPN callback (signed with x-nowpayments-sig)',
      tag: 'Balance',
      auth: 'none',
      bodyLimitBytes: 64 * 1024,
      response: IpnResponse,
      handler: async ({ c }) => {
        const config = providers.nowpayments;
        if (!config) throw new HttpError(503, 'NOWPayments is not configured on this server');
        const verified = verifyNowPaymentsIpn({
          rawBody: await c.req.text(),
          signature: c.req.header(NOWPAYMENTS_SIGNATURE_HEADER),
          ipnSecret: config.ipnSecret,
        });
        if (!verified.ok) throw new HttpError(400, `Invalid IPN: ${verified.reason.replaceAll('_', ' ')}`);
        const deposit = verified.payment.order_id
          ? await getDeposit(deps.db, verified.payment.order_id)
          : undefined;
        if (deposit?.paymentMethod !== 'nowpayments' || deposit.externalId !== verified.payment.payment_id) {
          return c.json({ status: 'ok' as const, action: 'no_matching_deposit' });
        }
        return c.json({ status: 'ok' as const, action: await applyNowPayment(deposit, verified.payment) });
      },
    });

    async function ownDeposit(id: string, key: ApiKey): Promise<Deposit> {
      const deposit = await getDeposit(deps.db, id);
      if (!deposit || (deposit.ownerId !== key.ownerId && key.role !== 'admin')) {
        throw new HttpError(404, 'Deposit not found');
      }
      return deposit;
    }

    async function startPayPal(id: string, usd: string): Promise<StartedDeposit> {
      const paypal = configured(providers.paypal, 'PayPal');
      const order = await paypal.createOrder({
        amount: usd,
        referenceId: id,
        requestId: id,
        description: 'Balance deposit',
      });
      return { externalId: order.id, details: { approve_url: payPalApproveUrl(order) ?? null } };
    }

    async function startNowPayments(id: string, usd: string): Promise<StartedDeposit> {
      const config = configured(providers.nowpayments, 'NOWPayments');
      const payment = await config.client.createPayment({
        priceAmount: usd,
        payCurrency: config.payCurrency,
        orderId: id,
        orderDescription: 'Balance deposit',
        ...(config.ipnCallbackUrl ? { ipnCallbackUrl: config.ipnCallbackUrl } : {}),
      });
      return {
        externalId: payment.payment_id,
        details: {
          pay_address: payment.pay_address ?? null,
          pay_amount: payment.pay_amount ?? null,
          pay_currency: payment.pay_currency ?? null,
        },
      };
    }

    async function capturePayPal(deposit: Deposit, orderId: string): Promise<void> {
      const paypal = configured(providers.paypal, 'PayPal');
      let order: PayPalOrder;
      try {
        order = await paypal.captureOrder(orderId, `${deposit.id}-capture`);
      } catch (error) {
        if (error instanceof PaymentProviderError && error.providerCode === 'ORDER_NOT_APPROVED') {
          throw new HttpError(
            409,
            'The payer has not approved this PayPal order yet: open approve_url first',
          );
        }
        if (!(error instanceof PaymentProviderError && error.providerCode === 'ORDER_ALREADY_CAPTURED')) {
          throw providerFailure(error);
        }
        order = await providerCall(() => paypal.getOrder(orderId));
      }
      const captured = order.purchase_units?.[0]?.payments?.captures?.[0]?.amount;
      const paid = captured?.currency_code === 'USD' && sameAmount(captured.value, deposit.amount);
      if (isPayPalOrderCaptured(order) && paid) await confirmDeposit(deps.db, deposit.id, enqueue);
    }

    async function refreshNowPayments(deposit: Deposit, paymentId: string): Promise<void> {
      const config = configured(providers.nowpayments, 'NOWPayments');
      await applyNowPayment(deposit, await providerCall(() => config.client.getPayment(paymentId)));
    }

    /** Credits a `finished` payment of the deposit's amount; fails an expired, failed or refunded one. */
    async function applyNowPayment(deposit: Deposit, payment: NowPayment): Promise<string> {
      if (payment.payment_status === 'finished') {
        const paid =
          payment.price_currency.toLowerCase() === 'usd' &&
          sameAmount(String(payment.price_amount), deposit.amount);
        if (!paid) return 'amount_mismatch';
        return (await confirmDeposit(deps.db, deposit.id, enqueue)) ? 'credited' : 'already_confirmed';
      }
      if (['failed', 'expired', 'refunded'].includes(payment.payment_status)) {
        await failDeposit(deps.db, deposit.id);
        return 'marked_failed';
      }
      return 'pending';
    }
  };
}

/** What a provider returned for a new deposit. */
interface StartedDeposit {
  externalId: string;
  details: Record<string, unknown>;
}

function sameAmount(value: string, units: bigint): boolean {
  try {
    return parseUsdc(value) === units;
  } catch {
    return false;
  }
}

function configured<T>(provider: T | undefined, name: string): T {
  if (!provider) throw new HttpError(503, `${name} deposits are not configured on this server`);
  return provider;
}

async function providerCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw providerFailure(error);
  }
}

function providerFailure(error: unknown): unknown {
  if (error instanceof HttpError || !(error instanceof PaymentProviderError)) return error;
  return new HttpError(502, `Payment provider error: ${error.shortMessage}`, { cause: error });
}

function depositView(d: Deposit): z.input<typeof DepositView> {
  const detail = (name: string) => (d.details[name] as never) ?? null;
  return {
    id: d.id,
    buyer_id: d.ownerId,
    amount: formatUsdAmount(d.amount),
    currency: 'USDC',
    payment_method: d.paymentMethod,
    status: d.status,
    external_id: d.externalId,
    approve_url: detail('approve_url'),
    pay_address: detail('pay_address'),
    pay_amount: detail('pay_amount'),
    pay_currency: detail('pay_currency'),
    created_at: d.createdAt.toISOString(),
    confirmed_at: d.confirmedAt?.toISOString() ?? null,
  };
}

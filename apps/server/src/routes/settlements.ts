import { z } from 'zod';
import { usdAmount } from '../analytics/usd-amount.js';
import type { AppDeps } from '../app-deps.js';
import { HttpError } from '../http/http-error.js';
import { queryInt } from '../http/query-params.js';
import type { RouteRegistry } from '../http/route-registry.js';
import {
  createSettlement,
  isoUtc,
  listSettlements,
  markSettlementPaid,
  type SettlementRow,
} from '../settlements/settlement-store.js';

const STATUSES = ['pending', 'processing', 'completed', 'failed'] as const;

const instant = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()])
  .transform((text) => new Date(text.length === 10 ? `${text}T00:00:00Z` : text));

const CreateSettlementBody = z
  .object({
    provider_id: z.string().trim().min(1).max(200).describe('Provider to settle'),
    period_start: instant.describe('ISO 8601 start (inclusive), e.g. "2026-03-01T00:00:00Z"'),
    period_end: instant.describe('ISO 8601 end (exclusive), e.g. "2026-04-01T00:00:00Z"'),
  })
  .refine((b) => b.period_end > b.period_start, {
    path: ['period_end'],
    message: 'must be after period_start',
  });

const Amounts = {
  total_amount: z.string(),
  platform_fee: z.string(),
  net_amount: z.string(),
};

const CreatedSettlement = z.object({
  id: z.string(),
  provider_id: z.string(),
  ...Amounts,
  call_count: z.number().int(),
  status: z.enum(STATUSES),
});

const ListedSettlement = z.object({
  id: z.string(),
  provider_id: z.string(),
  period_start: z.string(),
  period_end: z.string(),
  ...Amounts,
  status: z.enum(STATUSES),
  payment_tx: z.string().nullable(),
});

function amounts(row: SettlementRow) {
  return {
    total_amount: usdAmount(row.total_units),
    platform_fee: usdAmount(row.fee_units),
    net_amount: usdAmount(row.net_units),
  };
}

/**
 * `POST /api/v1/settlements` (admin), `GET /api/v1/settlements` (providers see their own,
 * admins all) and `PATCH /api/v1/settlements/{settlement_id}/pay` (admin, once).
 *
 * A settlement covers the provider's usage in `[period_start, period_end)`: the gross of its
 * calls, the platform fee (core `platformFee` once per recorded commission rate, 10 % where
 * none was recorded) and the net, all exact decimal strings. A period must be over before it is
 * settled (so no later call can fall into it) and must not overlap another settlement of the
 * provider (409). Paying it queues `settlement.completed` for the provider.
 *
 * @example
 * ```ts
 * registerSettlementRoutes(registry, deps);
 * ```
 */
export function registerSettlementRoutes(registry: RouteRegistry, deps: AppDeps): void {
  registry.add({
    method: 'POST',
    path: '/api/v1/settlements',
    summary: "Settle a provider's earnings for a period (admin)",
    tag: 'Settlements',
    auth: 'admin',
    body: CreateSettlementBody,
    response: CreatedSettlement,
    status: 201,
    handler: async ({ c, body }) => {
      const now = deps.now();
      if (body.period_end.getTime() > now) {
        throw new HttpError(400, 'period_end is in the future: settle a period once it is over');
      }
      const known = await deps.db.one(
        `SELECT 1 FROM services WHERE provider_id = $1
         UNION ALL SELECT 1 FROM api_keys WHERE owner_id = $1 LIMIT 1`,
        [body.provider_id],
      );
      if (!known) throw new HttpError(404, 'Provider not found');
      const result = await createSettlement(deps.db, {
        providerId: body.provider_id,
        start: body.period_start,
        end: body.period_end,
        now,
      });
      if (!result.ok) {
        const { existing } = result;
        throw new HttpError(
          409,
          `Settlement ${existing.id} already covers part of this period for ${body.provider_id} (${isoUtc(existing.period_start)} to ${isoUtc(existing.period_end)})`,
        );
      }
      const { settlement } = result;
      return c.json(
        {
          id: settlement.id,
          provider_id: settlement.provider_id,
          ...amounts(settlement),
          call_count: settlement.call_count,
          status: settlement.status,
        },
        201,
      );
    },
  });

  registry.add({
    method: 'GET',
    path: '/api/v1/settlements',
    summary: 'List settlements (providers see their own, admins all)',
    tag: 'Settlements',
    auth: 'key',
    query: z.object({
      provider_id: z.string().min(1).max(200).optional().describe('Filter by provider (admin only)'),
      status: z.enum(STATUSES).optional().describe('pending, processing, completed or failed'),
      limit: queryInt(50, 1, 100).describe('Max results (1–100)'),
    }),
    response: z.object({ settlements: z.array(ListedSettlement), count: z.number().int() }),
    handler: async ({ c, query, key }) => {
      if (key.role !== 'admin' && query.provider_id !== undefined && query.provider_id !== key.ownerId) {
        throw new HttpError(403, 'Only an admin can list the settlements of another provider');
      }
      const rows = await listSettlements(deps.db, {
        providerId: key.role === 'admin' ? query.provider_id : key.ownerId,
        ...(query.status ? { status: query.status } : {}),
        limit: query.limit,
      });
      const settlements = rows.map((row) => ({
        id: row.id,
        provider_id: row.provider_id,
        period_start: isoUtc(row.period_start),
        period_end: isoUtc(row.period_end),
        ...amounts(row),
        status: row.status,
        payment_tx: row.payment_tx,
      }));
      return c.json({ settlements, count: settlements.length });
    },
  });

  registry.add({
    method: 'PATCH',
    path: '/api/v1/settlements/:settlement_id/pay',
    summary: 'Mark a settlement paid with its transaction reference (admin, once)',
    tag: 'Settlements',
    auth: 'admin',
    params: z.object({ settlement_id: z.string().min(1).max(128) }),
    body: z.object({
      payment_tx: z.string().trim().min(1).max(200).describe('Transaction hash or reference'),
    }),
    response: z.object({ status: z.literal('completed'), payment_tx: z.string() }),
    handler: async ({ c, params, body }) => {
      const paid = await markSettlementPaid(deps.db, params.settlement_id, body.payment_tx, deps.now());
      if (!paid) throw new HttpError(404, 'Settlement not found or already paid');
      return c.json({ status: 'completed' as const, payment_tx: body.payment_tx });
    },
  });
}

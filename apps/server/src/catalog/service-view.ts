import { z } from 'zod';
import { renderPrice } from './price-per-call.js';

/** How a buyer pays for calls to a service (`prepaid` draws on the buyer's marketplace balance). */
export const PAYMENT_METHODS = ['x402', 'paypal', 'nowpayments', 'prepaid'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** A service's lifecycle: `removed` is the soft delete. */
export const SERVICE_STATUSES = ['active', 'paused', 'removed'] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

/** A `services` row as the catalog reads it. */
export interface ServiceRow {
  id: string;
  provider_id: string;
  name: string;
  description: string;
  endpoint: string;
  price_units: bigint;
  price_text: string | null;
  currency: string;
  payment_method: PaymentMethod;
  free_tier_calls: number;
  status: ServiceStatus;
  category: string;
  tags: string[];
  created_at: Date;
  updated_at: Date;
}

/** The columns {@link toServiceView} needs, for `SELECT` lists. */
export const SERVICE_COLUMNS =
  'id, provider_id, name, description, endpoint, price_units, price_text, currency, payment_method, free_tier_calls, status, category, tags, created_at, updated_at';

/** A service as the API answers it (the endpoint stays private to the marketplace). */
export const ServiceSchema = z.object({
  id: z.string(),
  provider_id: z.string(),
  name: z.string(),
  description: z.string(),
  pricing: z.object({
    price_per_call: z.string(),
    currency: z.string(),
    payment_method: z.enum(PAYMENT_METHODS),
    free_tier_calls: z.number().int(),
  }),
  status: z.enum(SERVICE_STATUSES),
  category: z.string(),
  tags: z.array(z.string()),
  created_at: z.string(),
  updated_at: z.string(),
});
export type ServiceView = z.infer<typeof ServiceSchema>;

/**
 * A service row as the API answers it.
 *
 * @example
 * ```ts
 * const row = await db.one<ServiceRow>(`SELECT ${SERVICE_COLUMNS} FROM services WHERE id = $1`, [id]);
 * return c.json(toServiceView(row));
 * ```
 */
export function toServiceView(row: ServiceRow): ServiceView {
  return {
    id: row.id,
    provider_id: row.provider_id,
    name: row.name,
    description: row.description,
    pricing: {
      price_per_call: renderPrice(row.price_units, row.price_text),
      currency: row.currency,
      payment_method: row.payment_method,
      free_tier_calls: row.free_tier_calls,
    },
    status: row.status,
    category: row.category,
    tags: row.tags,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

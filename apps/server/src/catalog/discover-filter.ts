import type { SqlParam } from '../db/db.js';
import type { PaymentMethod } from './service-view.js';

/** The orders `GET /api/v1/discover` can sort by (`relevance` needs `q`; it falls back to newest). */
export const DISCOVER_SORTS = ['created_at', 'price', 'name', 'relevance'] as const;
export type DiscoverSort = (typeof DISCOVER_SORTS)[number];

/** Parsed discovery filters; prices are USDC base units. */
export interface DiscoverFilters {
  q?: string | undefined;
  category?: string | undefined;
  tags?: readonly string[] | undefined;
  minPriceUnits?: bigint | undefined;
  maxPriceUnits?: bigint | undefined;
  paymentMethod?: PaymentMethod | undefined;
  hasFreeTier?: boolean | undefined;
  sortBy: DiscoverSort;
}

/** The SQL parts of a discovery query over `services`. */
export interface DiscoverSql {
  where: string;
  orderBy: string;
  params: SqlParam[];
}

const SEARCH_VECTOR = 'catalog_search_vector(name, description, tags)';

/**
 * Turns discovery filters into a `WHERE` clause (active services only) and an `ORDER BY`, with
 * `$n` parameters. Text search is Postgres full-text search (English stemming, web-search
 * syntax: quotes, `or`, `-word`) over name (weighted highest), tags and description; tags must
 * all be present; prices compare exactly in base units.
 *
 * @example
 * ```ts
 * const { where, orderBy, params } = discoverSql({ q: 'sentiment', maxPriceUnits: 100_000n, sortBy: 'price' });
 * await db.many(`SELECT * FROM services WHERE ${where} ORDER BY ${orderBy}`, params);
 * ```
 */
export function discoverSql(filters: DiscoverFilters): DiscoverSql {
  const params: SqlParam[] = [];
  const where = ["status = 'active'"];
  const add = (value: SqlParam) => {
    params.push(value);
    return `$${params.length}`;
  };
  let query: string | undefined;
  if (filters.q?.trim()) {
    query = `websearch_to_tsquery('english', ${add(filters.q.trim())})`;
    where.push(`${SEARCH_VECTOR} @@ ${query}`);
  }
  if (filters.category) where.push(`category = ${add(filters.category)}`);
  if (filters.tags?.length) where.push(`tags @> ${add([...filters.tags])}::text[]`);
  if (filters.minPriceUnits !== undefined) where.push(`price_units >= ${add(filters.minPriceUnits)}`);
  if (filters.maxPriceUnits !== undefined) where.push(`price_units <= ${add(filters.maxPriceUnits)}`);
  if (filters.paymentMethod) where.push(`payment_method = ${add(filters.paymentMethod)}`);
  if (filters.hasFreeTier !== undefined)
    where.push(filters.hasFreeTier ? 'free_tier_calls > 0' : 'free_tier_calls = 0');

  const orders: Record<DiscoverSort, string> = {
    created_at: 'created_at DESC',
    price: 'price_units ASC',
    name: 'lower(name) ASC, name ASC',
    relevance: query ? `ts_rank(${SEARCH_VECTOR}, ${query}) DESC, created_at DESC` : 'created_at DESC',
  };
  return { where: where.join(' AND '), orderBy: `${orders[filters.sortBy]}, id ASC`, params };
}

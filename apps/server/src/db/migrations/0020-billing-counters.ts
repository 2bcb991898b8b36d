import type { Migration } from './migration.js';

/**
 * The payment proxy's own state beside the initial schema: one free-tier counter per buyer and
 * service (claimed with one conditional upsert, so concurrent calls can never exceed the free
 * tier), and what a deposit's payer needs (PayPal approval link, NOWPayments address and amount).
 */
export const migration0020: Migration = {
  version: 20,
  name: 'billing counters and deposit details',
  sql: `
CREATE TABLE free_tier_counters (
  service_id  TEXT NOT NULL REFERENCES services (id),
  buyer_id    TEXT NOT NULL,
  used        INTEGER NOT NULL DEFAULT 0 CHECK (used >= 0),
  updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (service_id, buyer_id)
);
ALTER TABLE deposits ADD COLUMN details JSONB NOT NULL DEFAULT '{}';
CREATE INDEX usage_buyer_created_idx ON usage_records (buyer_id, created_at);
`,
};

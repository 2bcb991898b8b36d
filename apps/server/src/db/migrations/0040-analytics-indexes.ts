import type { Migration } from './migration.js';

/**
 * Indexes for the provider portal and admin analytics: per-service daily series and a
 * provider's settlements by status. (Buyer metrics use the payment proxy's `(buyer_id,
 * created_at)` index.) `IF NOT EXISTS`, so another area may create the same index first.
 */
export const migration0040: Migration = {
  version: 40,
  name: 'analytics indexes',
  sql: `
CREATE INDEX IF NOT EXISTS usage_service_created_idx ON usage_records (service_id, created_at);
CREATE INDEX IF NOT EXISTS settlements_provider_status_idx ON settlements (provider_id, status);
`,
};

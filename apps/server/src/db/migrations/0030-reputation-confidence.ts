import type { Migration } from './migration.js';

/**
 * Stored reputation keeps how far it can be trusted beside the score: `confidence`
 * (`n / (n + 20)` for `n` calls) and the `ranking_score` leaderboards sort by.
 */
export const migration0030: Migration = {
  version: 30,
  name: 'reputation confidence',
  sql: `
ALTER TABLE reputation_records
  ADD COLUMN confidence     DOUBLE PRECISION NOT NULL DEFAULT 0,
  ADD COLUMN ranking_score  DOUBLE PRECISION NOT NULL DEFAULT 5;
`,
};

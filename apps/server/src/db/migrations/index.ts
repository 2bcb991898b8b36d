import { migration0001 } from './0001-initial-schema.js';
import { migration0010 } from './0010-catalog-search.js';
import { migration0020 } from './0020-billing-counters.js';
import { migration0030 } from './0030-reputation-confidence.js';
import { migration0040 } from './0040-analytics-indexes.js';
import type { Migration } from './migration.js';

export type { Migration } from './migration.js';

/**
 * Every migration, in order. Append new ones here, one file each (`00NN-what-it-does.ts`),
 * numbered within your area's range: 0010–0019 services, discovery, agents, teams, templates;
 * 0020–0029 payment proxy; 0030–0039 webhooks, reputation, settlements, peers; 0040–0049
 * provider portal and admin.
 */
export const MIGRATIONS: readonly Migration[] = [
  migration0001,
  migration0010,
  migration0020,
  migration0030,
  migration0040,
];

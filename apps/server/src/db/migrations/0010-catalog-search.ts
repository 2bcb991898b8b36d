import type { Migration } from './migration.js';

/**
 * Catalog: the price text a provider registered (answered back unchanged beside the exact
 * `price_units`), a weighted full-text search vector over name, tags and description with its
 * GIN index, a tag index, and routing rules that may target a role instead of one agent.
 */
export const migration0010: Migration = {
  version: 10,
  name: 'catalog search, price text and role-targeted routing rules',
  sql: `
ALTER TABLE services ADD COLUMN price_text TEXT;

-- IMMUTABLE so that it can back an expression index (array_to_string alone is only STABLE).
CREATE FUNCTION catalog_search_vector(name TEXT, description TEXT, tags TEXT[])
RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT setweight(to_tsvector('english'::regconfig, coalesce(name, '')), 'A')
      || setweight(to_tsvector('english'::regconfig, coalesce(array_to_string(tags, ' '), '')), 'B')
      || setweight(to_tsvector('english'::regconfig, coalesce(description, '')), 'C')
$$;
CREATE INDEX services_search_idx ON services USING GIN (catalog_search_vector(name, description, tags));
CREATE INDEX services_tags_idx ON services USING GIN (tags);

ALTER TABLE routing_rules ALTER COLUMN target_agent_id DROP NOT NULL;
ALTER TABLE routing_rules ADD COLUMN target_role TEXT
  CHECK (target_role IN ('leader', 'worker', 'reviewer', 'router'));
ALTER TABLE routing_rules ADD CONSTRAINT routing_rules_target_check
  CHECK (target_agent_id IS NOT NULL OR target_role IS NOT NULL);
`,
};

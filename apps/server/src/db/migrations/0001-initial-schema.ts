import type { Migration } from './migration.js';

/**
 * Every table of the marketplace. Conventions: ids are TEXT (UUIDs or prefixed ids made in
 * TypeScript); money is BIGINT in integer USDC base units (6 decimals) in columns ending in
 * `_units`; string lists are TEXT[]; free-form objects are JSONB; times are TIMESTAMPTZ.
 */
export const migration0001: Migration = {
  version: 1,
  name: 'initial schema',
  sql: `
CREATE TABLE api_keys (
  key_id          TEXT PRIMARY KEY,
  secret_hash     TEXT NOT NULL,
  owner_id        TEXT NOT NULL,
  role            TEXT NOT NULL CHECK (role IN ('buyer', 'provider', 'admin')),
  rate_limit      INTEGER NOT NULL DEFAULT 60 CHECK (rate_limit > 0),
  wallet_address  TEXT,
  created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  expires_at      TIMESTAMPTZ,
  revoked_at      TIMESTAMPTZ
);
CREATE INDEX api_keys_owner_idx ON api_keys (owner_id);

CREATE TABLE services (
  id               TEXT PRIMARY KEY,
  provider_id      TEXT NOT NULL,
  name             TEXT NOT NULL,
  description      TEXT NOT NULL DEFAULT '',
  endpoint         TEXT NOT NULL,
  price_units      BIGINT NOT NULL CHECK (price_units >= 0),
  currency         TEXT NOT NULL DEFAULT 'USDC',
  payment_method   TEXT NOT NULL DEFAULT 'x402'
                   CHECK (payment_method IN ('x402', 'prepaid', 'paypal', 'nowpayments')),
  free_tier_calls  INTEGER NOT NULL DEFAULT 0 CHECK (free_tier_calls >= 0),
  status           TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'removed')),
  category         TEXT NOT NULL DEFAULT '',
  tags             TEXT[] NOT NULL DEFAULT '{}',
  metadata         JSONB NOT NULL DEFAULT '{}',
  timeout_ms       INTEGER NOT NULL DEFAULT 30000 CHECK (timeout_ms > 0),
  created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  removed_at       TIMESTAMPTZ
);
CREATE INDEX services_provider_idx ON services (provider_id);
CREATE INDEX services_status_category_idx ON services (status, category);
CREATE INDEX services_created_idx ON services (created_at);

CREATE TABLE agents (
  agent_id          TEXT PRIMARY KEY,
  owner_id          TEXT NOT NULL,
  display_name      TEXT NOT NULL,
  identity_type     TEXT NOT NULL DEFAULT 'api_key_only'
                    CHECK (identity_type IN ('api_key_only', 'kya_jwt', 'did_vc')),
  capabilities      TEXT[] NOT NULL DEFAULT '{}',
  wallet_address    TEXT,
  verified          BOOLEAN NOT NULL DEFAULT false,
  reputation_score  DOUBLE PRECISION NOT NULL DEFAULT 0,
  status            TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'deactivated')),
  metadata          JSONB NOT NULL DEFAULT '{}',
  created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX agents_owner_idx ON agents (owner_id);
CREATE INDEX agents_status_idx ON agents (status);

CREATE TABLE usage_records (
  id               TEXT PRIMARY KEY,
  buyer_key_id     TEXT NOT NULL,
  buyer_id         TEXT NOT NULL,
  service_id       TEXT NOT NULL REFERENCES services (id),
  provider_id      TEXT NOT NULL,
  agent_id         TEXT,
  amount_units     BIGINT NOT NULL DEFAULT 0 CHECK (amount_units >= 0),
  latency_ms       INTEGER NOT NULL DEFAULT 0,
  status_code      INTEGER NOT NULL DEFAULT 0,
  success          BOOLEAN NOT NULL DEFAULT false,
  free_tier        BOOLEAN NOT NULL DEFAULT false,
  payment_method   TEXT NOT NULL,
  payment_tx       TEXT,
  idempotency_key  TEXT,
  request_id       TEXT,
  commission_bps   INTEGER,
  settlement_id    TEXT,
  created_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX usage_idempotency_idx ON usage_records (buyer_id, idempotency_key)
  WHERE idempotency_key IS NOT NULL;
CREATE INDEX usage_service_buyer_idx ON usage_records (service_id, buyer_id);
CREATE INDEX usage_provider_created_idx ON usage_records (provider_id, created_at);
CREATE INDEX usage_agent_idx ON usage_records (agent_id);
CREATE INDEX usage_created_idx ON usage_records (created_at);

CREATE TABLE balances (
  owner_id         TEXT PRIMARY KEY,
  available_units  BIGINT NOT NULL DEFAULT 0 CHECK (available_units >= 0),
  reserved_units   BIGINT NOT NULL DEFAULT 0 CHECK (reserved_units >= 0),
  updated_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE balance_reservations (
  id            TEXT PRIMARY KEY,
  owner_id      TEXT NOT NULL REFERENCES balances (owner_id),
  service_id    TEXT REFERENCES services (id),
  amount_units  BIGINT NOT NULL CHECK (amount_units >= 0),
  status        TEXT NOT NULL DEFAULT 'held' CHECK (status IN ('held', 'committed', 'released')),
  usage_id      TEXT,
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  expires_at    TIMESTAMPTZ NOT NULL,
  resolved_at   TIMESTAMPTZ
);
CREATE INDEX balance_reservations_held_idx ON balance_reservations (expires_at) WHERE status = 'held';

CREATE TABLE deposits (
  id              TEXT PRIMARY KEY,
  owner_id        TEXT NOT NULL,
  amount_units    BIGINT NOT NULL CHECK (amount_units > 0),
  payment_method  TEXT NOT NULL,
  external_id     TEXT UNIQUE,
  status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'failed')),
  created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  confirmed_at    TIMESTAMPTZ
);
CREATE INDEX deposits_owner_idx ON deposits (owner_id);

CREATE TABLE idempotency_records (
  owner_id          TEXT NOT NULL,
  idempotency_key   TEXT NOT NULL,
  request_hash      TEXT NOT NULL,
  state             TEXT NOT NULL DEFAULT 'in_progress' CHECK (state IN ('in_progress', 'completed')),
  status_code       INTEGER,
  response_headers  JSONB,
  response_body     BYTEA,
  created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
  expires_at        TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (owner_id, idempotency_key)
);
CREATE INDEX idempotency_expires_idx ON idempotency_records (expires_at);

CREATE TABLE reputation_records (
  id                 TEXT PRIMARY KEY,
  agent_id           TEXT NOT NULL,
  service_id         TEXT NOT NULL DEFAULT '',
  period             TEXT NOT NULL DEFAULT 'all-time',
  overall_score      DOUBLE PRECISION NOT NULL DEFAULT 0,
  latency_score      DOUBLE PRECISION NOT NULL DEFAULT 0,
  reliability_score  DOUBLE PRECISION NOT NULL DEFAULT 0,
  response_quality   DOUBLE PRECISION NOT NULL DEFAULT 0,
  call_count         INTEGER NOT NULL DEFAULT 0,
  computed_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (agent_id, service_id, period)
);
CREATE INDEX reputation_service_period_idx ON reputation_records (service_id, period);

CREATE TABLE settlements (
  id            TEXT PRIMARY KEY,
  provider_id   TEXT NOT NULL,
  period_start  TIMESTAMPTZ NOT NULL,
  period_end    TIMESTAMPTZ NOT NULL CHECK (period_end > period_start),
  total_units   BIGINT NOT NULL DEFAULT 0 CHECK (total_units >= 0),
  fee_units     BIGINT NOT NULL DEFAULT 0 CHECK (fee_units >= 0),
  net_units     BIGINT NOT NULL DEFAULT 0 CHECK (net_units >= 0),
  call_count    INTEGER NOT NULL DEFAULT 0,
  status        TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'processing', 'completed', 'failed')),
  payment_tx    TEXT,
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  paid_at       TIMESTAMPTZ,
  UNIQUE (provider_id, period_start, period_end)
);
CREATE INDEX settlements_status_idx ON settlements (status);
ALTER TABLE usage_records ADD CONSTRAINT usage_settlement_fk
  FOREIGN KEY (settlement_id) REFERENCES settlements (id);
CREATE INDEX usage_settlement_idx ON usage_records (settlement_id);

CREATE TABLE teams (
  id           TEXT PRIMARY KEY,
  owner_id     TEXT NOT NULL,
  name         TEXT NOT NULL CHECK (length(name) <= 200),
  description  TEXT NOT NULL DEFAULT '',
  config       JSONB NOT NULL DEFAULT '{}',
  status       TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX teams_owner_idx ON teams (owner_id);

CREATE TABLE team_members (
  id         TEXT PRIMARY KEY,
  team_id    TEXT NOT NULL REFERENCES teams (id),
  agent_id   TEXT NOT NULL,
  role       TEXT NOT NULL DEFAULT 'worker' CHECK (role IN ('leader', 'worker', 'reviewer', 'router')),
  skills     TEXT[] NOT NULL DEFAULT '{}',
  joined_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (team_id, agent_id)
);

CREATE TABLE routing_rules (
  id               TEXT PRIMARY KEY,
  team_id          TEXT NOT NULL REFERENCES teams (id),
  name             TEXT NOT NULL,
  keywords         TEXT[] NOT NULL DEFAULT '{}',
  target_agent_id  TEXT NOT NULL,
  priority         INTEGER NOT NULL DEFAULT 0,
  enabled          BOOLEAN NOT NULL DEFAULT true,
  created_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX routing_rules_team_idx ON routing_rules (team_id, priority DESC);

CREATE TABLE quality_gates (
  id          TEXT PRIMARY KEY,
  team_id     TEXT NOT NULL REFERENCES teams (id),
  gate_type   TEXT NOT NULL
              CHECK (gate_type IN ('quality_score', 'latency', 'error_rate', 'coverage', 'custom')),
  threshold   DOUBLE PRECISION NOT NULL CHECK (threshold >= 0 AND threshold <= 10),
  gate_order  INTEGER NOT NULL DEFAULT 0,
  config      JSONB NOT NULL DEFAULT '{}',
  enabled     BOOLEAN NOT NULL DEFAULT true,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX quality_gates_team_idx ON quality_gates (team_id, gate_order);

CREATE TABLE webhooks (
  id          TEXT PRIMARY KEY,
  owner_id    TEXT NOT NULL,
  url         TEXT NOT NULL,
  events      TEXT[] NOT NULL,
  secret      TEXT NOT NULL,
  active      BOOLEAN NOT NULL DEFAULT true,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX webhooks_owner_idx ON webhooks (owner_id);

CREATE TABLE webhook_outbox (
  id                TEXT PRIMARY KEY,
  webhook_id        TEXT NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
  event             TEXT NOT NULL,
  body              TEXT NOT NULL,
  attempts          INTEGER NOT NULL DEFAULT 0,
  max_attempts      INTEGER NOT NULL DEFAULT 4,
  next_attempt_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  locked_until      TIMESTAMPTZ,
  delivered_at      TIMESTAMPTZ,
  failed_at         TIMESTAMPTZ,
  last_status_code  INTEGER,
  last_error        TEXT,
  created_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX webhook_outbox_due_idx ON webhook_outbox (next_attempt_at)
  WHERE delivered_at IS NULL AND failed_at IS NULL;

CREATE TABLE peers (
  peer_id       TEXT PRIMARY KEY CHECK (peer_id ~ '^[0-9a-f]{40}$'),
  public_url    TEXT NOT NULL,
  metadata      JSONB NOT NULL,
  signature     TEXT NOT NULL,
  signed_at     TIMESTAMPTZ NOT NULL,
  received_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  last_seen_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE rate_limit_buckets (
  bucket      TEXT PRIMARY KEY,
  state       JSONB NOT NULL,
  expires_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX rate_limit_buckets_expires_idx ON rate_limit_buckets (expires_at);
`,
};

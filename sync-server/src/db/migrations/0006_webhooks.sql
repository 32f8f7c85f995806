-- Outbound webhooks, version 6: a tenant's endpoints and the deliveries queued for them (webhooks/README.md).
-- Both are tenant-owned with row-level security like the other tenant tables. The delivery worker is not a
-- request: it claims due deliveries of every tenant as the connecting role (as backup and seed read across
-- tenants), then records each attempt in that delivery's tenant scope.

CREATE TABLE webhook_endpoints (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  url text NOT NULL CHECK (length(url) BETWEEN 1 AND 2000),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 500),
  -- Needed in clear to sign every delivery; shown to people once, when the endpoint is created.
  secret text NOT NULL CHECK (secret ~ '^whsec_[A-Za-z0-9+/]{32,44}={0,2}$'),
  events text[] NOT NULL CHECK (
    cardinality(events) >= 1
    AND events <@ ARRAY['alert.raised', 'playbook_run.completed', 'import.committed']::text[]
  ),
  enabled boolean NOT NULL DEFAULT true,
  disabled_reason text,
  -- Failed attempts since the last success, across deliveries: the endpoint is disabled at a threshold.
  consecutive_failures integer NOT NULL DEFAULT 0 CHECK (consecutive_failures >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  -- Lets a delivery name its endpoint together with the tenant, so it can never point into another tenant.
  UNIQUE (tenant_id, id)
);

CREATE TABLE webhook_deliveries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  endpoint_id uuid NOT NULL,
  -- The Standard Webhooks `webhook-id`: the same on every retry, so receivers can drop duplicates.
  message_id text NOT NULL CHECK (message_id ~ '^msg_[A-Za-z0-9]{1,64}$'),
  event_type text NOT NULL,
  -- The body sent, `{ type, timestamp, data }`, the same on every retry.
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  -- When it is due (pending only); while an attempt is in flight, the end of its claim.
  next_attempt_at timestamptz,
  last_status integer,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz,
  FOREIGN KEY (tenant_id, endpoint_id) REFERENCES webhook_endpoints (tenant_id, id) ON DELETE CASCADE,
  UNIQUE (endpoint_id, message_id),
  CHECK ((status = 'pending') = (next_attempt_at IS NOT NULL))
);
-- The worker's question: which pending deliveries are due now.
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
-- The delivery log of one endpoint, newest first.
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (endpoint_id, created_at DESC);
-- Pruning old finished deliveries.
CREATE INDEX webhook_deliveries_finished ON webhook_deliveries (created_at) WHERE status <> 'pending';

ALTER TABLE webhook_endpoints ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_endpoints FORCE ROW LEVEL SECURITY;
ALTER TABLE webhook_deliveries ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_deliveries FORCE ROW LEVEL SECURITY;

CREATE POLICY tenant_isolation ON webhook_endpoints
  USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
CREATE POLICY tenant_isolation ON webhook_deliveries
  USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());

GRANT SELECT, INSERT, UPDATE, DELETE ON webhook_endpoints TO vitals_app;
-- No DELETE: deliveries go with their endpoint (cascade) or are pruned by the worker.
GRANT SELECT, INSERT, UPDATE ON webhook_deliveries TO vitals_app;

-- Version 8: plans and billing. One row per tenant that has ever had a plan decided (a trial started, a Stripe
-- subscription); a tenant without a row is on the configured default. Stripe's word is final: the row mirrors the
-- subscription as last read from Stripe (`stripe_synced_at`), and each webhook event is recorded once by id so a
-- replayed event changes nothing.
CREATE TABLE tenant_billing (
  tenant_id uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
  plan text NOT NULL CHECK (plan IN ('free', 'professional', 'enterprise')),
  status text NOT NULL CHECK (status IN ('trialing', 'active', 'past_due', 'canceled', 'none')),
  trial_ends_at timestamptz,
  stripe_customer_id text UNIQUE,
  stripe_subscription_id text UNIQUE,
  current_period_end timestamptz,
  stripe_synced_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE stripe_events (
  id text PRIMARY KEY CHECK (id ~ '^evt_[A-Za-z0-9_]{1,255}$'),
  type text NOT NULL,
  tenant_id uuid REFERENCES tenants (id) ON DELETE SET NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);

-- AI questions answered by the server's model, per tenant and calendar month (UTC), for the plan's monthly limit.
CREATE TABLE ai_usage (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  month text NOT NULL CHECK (month ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  questions integer NOT NULL DEFAULT 0 CHECK (questions >= 0),
  PRIMARY KEY (tenant_id, month)
);

ALTER TABLE tenant_billing ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_billing FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_billing
  USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
GRANT SELECT, INSERT, UPDATE ON tenant_billing TO vitals_app;

ALTER TABLE ai_usage ENABLE ROW LEVEL SECURITY;
ALTER TABLE ai_usage FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ai_usage
  USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
GRANT SELECT, INSERT, UPDATE ON ai_usage TO vitals_app;

-- stripe_events is written by the webhook route outside any tenant scope (the event names its tenant only once
-- read): like users and sessions, it is not granted to vitals_app.

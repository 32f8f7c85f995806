-- Vitals schema, version 1.
-- Tenant-owned tables carry tenant_id and row-level security with FORCE; requests run as the
-- non-superuser role vitals_app with the tenant set per transaction (set_config(..., true)), so a query
-- that forgets its WHERE tenant_id still cannot leak. Auth tables (users, sessions, …) are not tenant-owned
-- and are never granted to vitals_app.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'vitals_app') THEN
    CREATE ROLE vitals_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
  END IF;
END
$$;

-- The connecting role must be able to SET ROLE vitals_app.
DO $$
BEGIN
  EXECUTE format('GRANT vitals_app TO %I', current_user);
EXCEPTION WHEN others THEN
  -- Already a member, or a superuser (who may SET ROLE to anything).
  NULL;
END
$$;

CREATE FUNCTION app_tenant_id() RETURNS uuid LANGUAGE sql STABLE AS
  $$ SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid $$;
CREATE FUNCTION app_user_id() RETURNS uuid LANGUAGE sql STABLE AS
  $$ SELECT NULLIF(current_setting('app.user_id', true), '')::uuid $$;

CREATE TABLE tenants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  mfa_required boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL CHECK (email = lower(email) AND length(email) <= 320),
  name text NOT NULL DEFAULT '',
  password_hash text NOT NULL,
  totp_key bytea,
  totp_last_counter bigint,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email ON users (email);

CREATE TABLE recovery_codes (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  code_hash text NOT NULL,
  used_at timestamptz,
  PRIMARY KEY (user_id, code_hash)
);

CREATE TABLE sessions (
  -- SHA-256 of the session token, hex: the token itself is never stored.
  id text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL,
  -- Set once the second factor is verified for a user who has MFA.
  mfa_verified boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE rate_limits (
  key text PRIMARY KEY,
  window_start timestamptz NOT NULL,
  failures integer NOT NULL DEFAULT 0,
  locked_until timestamptz
);

CREATE TABLE memberships (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('owner', 'admin', 'manager', 'csm', 'viewer')),
  manager_id uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id);

-- Every synced document of every collection: RxDB's replication reads and writes these.
CREATE SEQUENCE sync_seq AS bigint;
CREATE TABLE sync_documents (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  collection text NOT NULL,
  id text NOT NULL,
  data jsonb NOT NULL,
  deleted boolean NOT NULL DEFAULT false,
  -- Assigned under the tenant's write lock, so within a tenant seq order is commit order.
  seq bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid,
  PRIMARY KEY (tenant_id, collection, id)
);
CREATE INDEX sync_documents_pull ON sync_documents (tenant_id, collection, seq);

-- Append-only: who, when, what, before/after for every write.
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  user_id uuid,
  at timestamptz NOT NULL DEFAULT now(),
  action text NOT NULL,
  collection text,
  document_id text,
  before jsonb,
  after jsonb
);
CREATE INDEX audit_log_tenant ON audit_log (tenant_id, id);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

-- Emails that would be sent (invitations, password resets) when no SMTP is configured.
CREATE TABLE outbox (
  id bigserial PRIMARY KEY,
  tenant_id uuid REFERENCES tenants (id) ON DELETE CASCADE,
  to_email text NOT NULL,
  kind text NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);

-- Row-level security on every tenant-owned table.
ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
ALTER TABLE memberships FORCE ROW LEVEL SECURITY;
ALTER TABLE sync_documents ENABLE ROW LEVEL SECURITY;
ALTER TABLE sync_documents FORCE ROW LEVEL SECURITY;
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
ALTER TABLE outbox ENABLE ROW LEVEL SECURITY;
ALTER TABLE outbox FORCE ROW LEVEL SECURITY;

-- Policies apply to every role that is not a superuser. The server runs all request and auth queries as
-- vitals_app; app.tenant_id selects the tenant, app.user_id lets a user see their own memberships (sign-in
-- lists them before a tenant is chosen).
CREATE POLICY tenant_isolation ON tenants
  USING (id = app_tenant_id() OR EXISTS (
    SELECT 1 FROM memberships m WHERE m.tenant_id = tenants.id AND m.user_id = app_user_id()))
  WITH CHECK (id = app_tenant_id());
CREATE POLICY tenant_isolation ON memberships
  USING (tenant_id = app_tenant_id() OR user_id = app_user_id())
  WITH CHECK (tenant_id = app_tenant_id());
CREATE POLICY tenant_isolation ON sync_documents
  USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
CREATE POLICY tenant_isolation ON audit_log
  USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
-- Password-reset mail belongs to no tenant: visible only when no tenant is selected.
CREATE POLICY tenant_isolation ON outbox
  USING (tenant_id IS NOT DISTINCT FROM app_tenant_id())
  WITH CHECK (tenant_id IS NOT DISTINCT FROM app_tenant_id());

GRANT USAGE ON SCHEMA public TO vitals_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON tenants, memberships, sync_documents TO vitals_app;
GRANT SELECT, INSERT ON audit_log TO vitals_app;
GRANT SELECT, INSERT, UPDATE ON outbox TO vitals_app;
-- Auth tables are not tenant-owned; the server reaches them only by id, email or token hash.
GRANT SELECT, INSERT, UPDATE, DELETE ON users, sessions, recovery_codes, rate_limits TO vitals_app;
GRANT USAGE ON SEQUENCE sync_seq, audit_log_id_seq, outbox_id_seq TO vitals_app;
GRANT EXECUTE ON FUNCTION app_tenant_id(), app_user_id() TO vitals_app;

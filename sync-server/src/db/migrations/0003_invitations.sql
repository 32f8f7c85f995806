-- Invitations, version 3: a member with team.manage invites an email address to a role; the link in the
-- emailed invitation (written to the outbox when there is no SMTP server) carries a token, and only its
-- SHA-256 is stored here, so a leaked database holds no usable invitation.

CREATE TABLE invitations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  email text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 320),
  role text NOT NULL CHECK (role IN ('owner', 'admin', 'manager', 'csm', 'viewer')),
  invited_by uuid REFERENCES users (id) ON DELETE SET NULL,
  -- SHA-256 of the emailed token, hex: the token itself is never stored.
  token_hash text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  expires_at timestamptz NOT NULL,
  accepted_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (accepted_at IS NULL OR revoked_at IS NULL)
);
-- One open invitation per address and tenant: inviting again replaces its token (and role).
CREATE UNIQUE INDEX invitations_open ON invitations (tenant_id, email) WHERE accepted_at IS NULL AND revoked_at IS NULL;

ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
ALTER TABLE invitations FORCE ROW LEVEL SECURITY;

-- The token hash presented by someone accepting an invitation, set per transaction like app.tenant_id.
CREATE FUNCTION app_invitation_token_hash() RETURNS text LANGUAGE sql STABLE AS
  $$ SELECT NULLIF(current_setting('app.invitation_token_hash', true), '') $$;

CREATE POLICY tenant_isolation ON invitations
  USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
-- Accepting starts from the token alone, before the tenant is known: whoever holds a token may read that
-- one row (to learn its tenant), and nothing else. Writing it still needs the tenant scope above.
CREATE POLICY token_holder ON invitations FOR SELECT
  USING (token_hash = app_invitation_token_hash());

-- No DELETE: revoked and accepted invitations stay as the team's history.
GRANT SELECT, INSERT, UPDATE ON invitations TO vitals_app;
GRANT EXECUTE ON FUNCTION app_invitation_token_hash() TO vitals_app;

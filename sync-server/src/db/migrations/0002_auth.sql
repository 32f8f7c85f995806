-- Auth, version 2: password-reset tokens and the TOTP key a user is setting up but has not confirmed yet.
-- Like the other auth tables these are not tenant-owned (no RLS); the server reaches them only by user id
-- or by the SHA-256 of a token.

-- Set by POST /api/auth/mfa/setup, moved to totp_key once the user proves their app with a code, so a
-- half-finished setup never locks anyone out.
ALTER TABLE users ADD COLUMN totp_pending_key bytea;

CREATE TABLE password_resets (
  -- SHA-256 of the emailed token, hex: the token itself is never stored.
  id text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX password_resets_user ON password_resets (user_id);

GRANT SELECT, INSERT, UPDATE, DELETE ON password_resets TO vitals_app;

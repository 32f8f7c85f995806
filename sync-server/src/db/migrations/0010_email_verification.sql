-- Version 10: self-service sign-up confirms the email address (auth/README.md, "Sign-up and email
-- verification"). A user signed up on their own starts unverified and gets an emailed link; everyone else
-- (invited through an emailed link, made by an operator with the CLI or the seed) counts as verified.

-- NULL until the address is confirmed. The default is for rows an operator makes (CLI, seed, tests): only
-- sign-up writes NULL, explicitly. Existing users came from those routes or from the old sign-up, which
-- gave every account a workspace already; they are taken as verified since they joined.
ALTER TABLE users ADD COLUMN email_verified_at timestamptz;
UPDATE users SET email_verified_at = created_at;
ALTER TABLE users ALTER COLUMN email_verified_at SET DEFAULT now();

-- Like password_resets: not tenant-owned (no RLS); reached only by user id or by the SHA-256 of a token.
CREATE TABLE email_verifications (
  -- SHA-256 of the emailed token, hex: the token itself is never stored.
  id text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX email_verifications_user ON email_verifications (user_id);

GRANT SELECT, INSERT, UPDATE, DELETE ON email_verifications TO vitals_app;

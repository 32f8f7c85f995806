-- Web Push, version 5: the server's VAPID key pair, the devices people subscribed, and each member's
-- notification preferences per tenant (push/README.md).

-- The key pair push services know this server by, generated once when VAPID_PUBLIC_KEY/VAPID_PRIVATE_KEY are
-- not set. One row at most. It holds a private key that no request needs, so it is not granted to vitals_app:
-- only the push service, running as the connecting role, reads it.
CREATE TABLE vapid_keys (
  id smallint PRIMARY KEY CHECK (id = 1),
  -- base64url without padding: a 65-byte uncompressed P-256 point, and a 32-byte scalar.
  public_key text NOT NULL CHECK (public_key ~ '^[A-Za-z0-9_-]{87}$'),
  private_key text NOT NULL CHECK (private_key ~ '^[A-Za-z0-9_-]{43}$'),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- One row per subscribed browser (device) of a person. Not tenant-owned: a device gets the pushes of every
-- tenant its person belongs to (each payload names its tenant). The endpoint is a bearer capability of the
-- push service, so it is unique: subscribing again from the same browser moves it to whoever signed in.
CREATE TABLE push_subscriptions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  endpoint text NOT NULL UNIQUE CHECK (length(endpoint) BETWEEN 10 AND 2048),
  -- The browser's ECDH public key (65 bytes) and auth secret (16 bytes), base64url without padding.
  p256dh text NOT NULL CHECK (p256dh ~ '^[A-Za-z0-9_-]{87}$'),
  auth text NOT NULL CHECK (auth ~ '^[A-Za-z0-9_-]{22}$'),
  user_agent text CHECK (length(user_agent) <= 500),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_success_at timestamptz,
  -- When the push service said the subscription ends (PushSubscription.expirationTime), if it said.
  expiration_time timestamptz
);
CREATE INDEX push_subscriptions_user ON push_subscriptions (user_id);

-- Like sessions: reached only by the signed-in user's id or by the endpoint the device holds.
GRANT SELECT, INSERT, UPDATE, DELETE ON push_subscriptions TO vitals_app;

-- Which alerts a member wants pushed in a tenant (muted rules, quiet hours); a member without a row gets the
-- defaults. Tenant-owned: rules and quiet hours are a tenant's business.
CREATE TABLE notification_prefs (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  prefs jsonb NOT NULL CHECK (jsonb_typeof(prefs) = 'object'),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, user_id)
);

ALTER TABLE notification_prefs ENABLE ROW LEVEL SECURITY;
ALTER TABLE notification_prefs FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON notification_prefs
  USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());

GRANT SELECT, INSERT, UPDATE, DELETE ON notification_prefs TO vitals_app;

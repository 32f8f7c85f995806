-- Version 11: push to the mobile apps (mobile-shell/), whose WebViews have no Web Push. Each installed app
-- registers the token Firebase Cloud Messaging gave it (on iOS, FCM's token for the device's APNs token), and the
-- server sends through FCM HTTP v1 (push/native/README.md).

-- One row per installed app of a person, like push_subscriptions (0005): not tenant-owned, since one device
-- gets the pushes of every tenant its person belongs to (each message names its tenant). The token is FCM's
-- bearer capability for the device, so it is unique: registering it again moves it to whoever signed in last.
CREATE TABLE native_push_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- FCM registration tokens are about 160 characters today; FCM documents no maximum, so leave room.
  token text NOT NULL UNIQUE CHECK (length(token) BETWEEN 20 AND 4096),
  platform text NOT NULL CHECK (platform IN ('android', 'ios')),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_success_at timestamptz
);
CREATE INDEX native_push_tokens_user ON native_push_tokens (user_id);

-- Like push_subscriptions and sessions: reached only by the signed-in user's id or by the token the app holds.
GRANT SELECT, INSERT, UPDATE, DELETE ON native_push_tokens TO vitals_app;

/**
 * Signing a request in for tests, the way the auth routes do (Lucia's guide: a random token in the
 * `vitals_session` cookie, its SHA-256 as the session id), without going through the password and MFA
 * flows that tests of other routes do not care about.
 */
import { SESSION_COOKIE } from '../auth/cookies';
import { createSession } from '../auth/sessions';
import type { Database } from '../db/connect';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Returns the `cookie` header value that signs a request in as the user. */
export async function signIn(
  db: Database,
  userId: string,
  options: { now: Date; days?: number },
): Promise<string> {
  const expiresAt = new Date(options.now.getTime() + (options.days ?? 30) * DAY_MS);
  const { token } = await db.sql.begin((tx) =>
    createSession(tx, { userId, mfaVerified: true, expiresAt, now: options.now }),
  );
  return `${SESSION_COOKIE}=${token}`;
}

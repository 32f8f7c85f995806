/**
 * Confirming the email address of a self-service sign-up. Sign-up signs the browser in at once (so the
 * "check your inbox" page can offer a new link) and mails a link; the link confirms the address and nothing
 * else: it needs no session and creates none, since anyone holding a forwarded mail must not be signed in by
 * it. Only a confirmed address may create a workspace (../tenants/create.ts).
 */
import type { AppDeps, SessionUser } from '../context';
import type { TransactionSql } from '../db/connect';
import { withScope } from '../db/tenant-scope';
import { ApiError } from '../errors';
import { enqueueEmail } from '../mail/outbox';
import { consumeEmailVerification, createEmailVerification, markEmailVerified, VERIFICATION_TOKEN_LIFETIME_MS } from './email-verifications';
import { AUTH_ERROR_CODES } from './errors';
import { limitKey, lockedFor, recordFailure, VERIFY_EMAIL_LIMIT } from './rate-limit';
import { findUserById, publicUser } from './users';

/** Writes a new confirmation link to the outbox, in the caller's transaction (a scope without a tenant). */
export async function sendVerificationEmail(
  tx: TransactionSql,
  options: { user: { id: string; email: string }; publicOrigin: string; now: Date },
): Promise<void> {
  const { user, publicOrigin, now } = options;
  const token = await createEmailVerification(tx, user.id, now);
  const link = `${publicOrigin}/verify-email?token=${token}`;
  const hours = VERIFICATION_TOKEN_LIFETIME_MS / 3_600_000;
  await enqueueEmail(
    tx,
    {
      tenantId: null,
      to: user.email,
      kind: 'email-verification',
      subject: 'Confirm your email for Vitals',
      body: `Welcome to Vitals.\n\nTo confirm that this is your email address, open this link within ${hours} hours:\n${link}\n\nIf you did not sign up for Vitals, ignore this email: no workspace is created without it.\n`,
    },
    now,
  );
}

/** The user the link confirms, as the API shows them (now verified). Refuses a link unknown, used or expired. */
export async function verifyEmail(deps: AppDeps, token: string): Promise<SessionUser> {
  const now = deps.now();
  return withScope(deps.db.sql, {}, async (tx) => {
    const userId = await consumeEmailVerification(tx, token, now);
    if (!userId) {
      throw new ApiError(400, AUTH_ERROR_CODES.invalidToken, 'This confirmation link is invalid, used or expired. Sign in and ask for a new one.');
    }
    await markEmailVerified(tx, userId, now);
    const user = await findUserById(tx, userId);
    if (!user) throw new Error(`Email verification for user ${userId}, who has no row.`);
    return publicUser(user);
  });
}

export type ResendOutcome = { readonly kind: 'locked'; readonly retryAfterSeconds: number } | { readonly kind: 'sent' };

/**
 * Mails the signed-in user a new link. Every request counts against the user (not only failures, as with a
 * reset), so the button cannot be used to flood an inbox. An address confirmed already answers 409.
 */
export async function resendVerification(deps: AppDeps, user: SessionUser): Promise<ResendOutcome> {
  const now = deps.now();
  const key = limitKey('verify-email', user.id);
  return withScope(deps.db.sql, {}, async (tx): Promise<ResendOutcome> => {
    const record = await findUserById(tx, user.id);
    if (!record) throw new Error(`Signed-in user ${user.id} has no row.`);
    if (record.emailVerifiedAt !== null) {
      throw new ApiError(409, AUTH_ERROR_CODES.alreadyVerified, 'Your email address is already confirmed.');
    }
    const wait = await lockedFor(tx, [key], now);
    if (wait !== null) return { kind: 'locked', retryAfterSeconds: wait };
    await recordFailure(tx, key, VERIFY_EMAIL_LIMIT, now);
    await sendVerificationEmail(tx, { user: record, publicOrigin: deps.config.publicOrigin, now });
    return { kind: 'sent' };
  });
}

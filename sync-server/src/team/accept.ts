/**
 * Accepting an invitation from its link. The token alone says which workspace and role; the address it was
 * sent to decides who joins:
 * - an address with an account joins as that account, which must be the one signed in (anyone holding the
 *   link must not be able to add someone else's account to a workspace, nor use it to sign in as them);
 * - an address without one gets a new account (sign-up's rules), signed in at once as sign-up does.
 * Unknown, expired, withdrawn and used links get one answer, so the answer says nothing about which.
 * Either way the address is confirmed: the link came to it by email (auth/email-verification.ts).
 *
 * Joining writes the person's `members` document too, under the tenant's write lock as every writer of
 * synced documents must (sync/tenant-lock.ts), and tells open sync streams once committed: without it the
 * team's devices would never show them (as membership.ts does for every later change).
 */
import { appendAudit } from '../audit/append';
import { markEmailVerified } from '../auth/email-verifications';
import { AUTH_ERROR_CODES } from '../auth/errors';
import { createSession, sessionLifetimeMs, type NewSession } from '../auth/sessions';
import { hashToken, isWellFormedToken } from '../auth/tokens';
import { createUser, findUserByEmail, publicUser } from '../auth/users';
import type { AppDeps, SessionUser } from '../context';
import type { TransactionSql } from '../db/connect';
import { withScope } from '../db/tenant-scope';
import { ApiError, ERROR_CODES } from '../errors';
import { writeDocuments, type WrittenDocument } from '../sync/documents';
import { lockTenantWrites } from '../sync/tenant-lock';
import { TEAM_ERROR_CODES } from './errors';
import { findInvitationByToken, markAccepted } from './invitations';
import { addMemberOnce } from './members';
import { memberDocument, type Member } from './membership';
import type { AcceptInput } from './schemas';

export interface Accepted {
  readonly user: SessionUser;
  /** The workspace joined. */
  readonly tenantId: string;
  /** The new account's session, for the cookie; null when an existing (signed-in) account joined. */
  readonly created: NewSession | null;
}

function invalidToken(): ApiError {
  return new ApiError(
    400,
    AUTH_ERROR_CODES.invalidToken,
    'This invitation link is invalid, used, withdrawn or expired. Ask for a new invitation.',
  );
}

/** Who joins: the signed-in owner of the invited address, or a new account for it. */
type Joiner =
  | { readonly kind: 'existing'; readonly user: SessionUser }
  | { readonly kind: 'new'; readonly name: string; readonly password: string };

/** A new account needs what sign-up needs; the answer names the missing fields the way a form wants them. */
function newAccount(input: AcceptInput): Joiner {
  const { name, password } = input;
  if (name !== undefined && password !== undefined) return { kind: 'new', name, password };
  const issues = [
    ...(name === undefined ? [{ path: 'name', message: 'Enter your name.' }] : []),
    ...(password === undefined
      ? [{ path: 'password', message: 'Choose a password for your new account.' }]
      : []),
  ];
  throw new ApiError(400, ERROR_CODES.invalidInput, issues[0]!.message, { issues });
}

/**
 * The joining account, its address confirmed by the link: the signed-in one, or a new one made by sign-up's
 * own `createUser` (verified from the start).
 */
async function accountOf(
  tx: TransactionSql,
  joiner: Joiner,
  options: { email: string; passwordCost: number; now: Date },
): Promise<SessionUser> {
  if (joiner.kind === 'existing') {
    await markEmailVerified(tx, joiner.user.id, options.now);
    return { ...joiner.user, emailVerified: true };
  }
  const { email } = options;
  const { id } = await createUser(tx, { email, name: joiner.name, password: joiner.password }, options.passwordCost);
  return { id, email, name: joiner.name, mfaEnabled: false, emailVerified: true };
}

export async function acceptInvitation(
  deps: AppDeps,
  input: AcceptInput,
  signedIn: SessionUser | null,
): Promise<Accepted> {
  if (!isWellFormedToken(input.token)) throw invalidToken();
  const now = deps.now();
  const tokenHash = hashToken(input.token);
  const found = await withScope(deps.db.sql, {}, async (tx) => {
    const invitation = await findInvitationByToken(tx, tokenHash, now);
    return invitation ? { invitation, existing: await findUserByEmail(tx, invitation.email) } : null;
  });
  if (!found) throw invalidToken();
  const { invitation, existing } = found;
  if (existing && signedIn?.id !== existing.id) {
    throw new ApiError(
      401,
      TEAM_ERROR_CODES.signInRequired,
      `This invitation is for ${invitation.email}, who already has a Vitals account. Sign in as ${invitation.email}, then open the invitation link again.`,
    );
  }
  const joiner: Joiner = existing ? { kind: 'existing', user: publicUser(existing) } : newAccount(input);

  const { tenantId } = invitation;
  const { accepted, written } = await withScope(deps.db.sql, { tenantId }, async (tx) => {
    // First, as membership.ts takes it: the lock orders this write of `members` among the tenant's others.
    await lockTenantWrites(tx, tenantId);
    // Checked again with the row locked: a second accept, a withdrawal or a new token may have come first.
    if (!(await markAccepted(tx, { id: invitation.id, tokenHash, now }))) throw invalidToken();
    const user = await accountOf(tx, joiner, { email: invitation.email, passwordCost: deps.config.passwordCost, now });
    if (!(await addMemberOnce(tx, { tenantId, userId: user.id, role: invitation.role }))) {
      throw new ApiError(409, TEAM_ERROR_CODES.alreadyMember, 'You are already a member of this workspace.');
    }
    await appendAudit(tx, {
      tenantId,
      userId: user.id,
      at: now,
      entries: [
        {
          action: 'create',
          collection: 'memberships',
          documentId: user.id,
          before: null,
          after: {
            email: invitation.email,
            role: invitation.role,
            invitationId: invitation.id,
            newAccount: joiner.kind === 'new',
          },
        },
      ],
    });
    const member: Member = {
      id: user.id,
      name: user.name,
      email: user.email,
      role: invitation.role,
      managerId: null,
      joinedAt: now.toISOString(),
    };
    const written = await writeDocuments(tx, {
      tenantId,
      collection: 'members',
      userId: user.id,
      documents: [memberDocument(member, false)],
      at: now,
    });
    if (joiner.kind === 'existing') return { accepted: { user, tenantId, created: null }, written };
    const expiresAt = new Date(now.getTime() + sessionLifetimeMs(deps.config.sessionDays));
    const created = await createSession(tx, { userId: user.id, mfaVerified: false, expiresAt, now });
    return { accepted: { user, tenantId, created }, written };
  });
  await publishMembers(deps, tenantId, written);
  return accepted;
}

/** After commit: a stream that misses this catches up at its next change or RESYNC (as in membership.ts). */
async function publishMembers(
  deps: AppDeps,
  tenantId: string,
  written: readonly WrittenDocument[],
): Promise<void> {
  const last = written.at(-1);
  if (!last) return;
  await deps.feed
    .publish({ tenantId, collection: 'members', checkpoint: { id: last.id, seq: last.seq } })
    .catch((error: unknown) => {
      deps.log.error('change feed publish failed', { tenantId, collection: 'members', error });
    });
}

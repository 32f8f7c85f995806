/**
 * Inviting someone to a workspace and withdrawing the invitation. The caller has `team.manage` (the route
 * checks it); here the role itself is checked: one may only invite to, or withdraw, a role one may assign,
 * so an admin can neither make nor cancel an owner's invitation. Both writes are audited.
 */
import { canAssignRole, ROLE_NAMES, type Role } from '@vitals/shared';
import { appendAudit } from '../audit/append';
import { generateToken, hashToken } from '../auth/tokens';
import { enforceLimit } from '../billing/limits';
import type { AppDeps, Membership } from '../context';
import { withScope } from '../db/tenant-scope';
import { ApiError, ERROR_CODES, notFound } from '../errors';
import { enqueueEmail } from '../mail/outbox';
import { TEAM_ERROR_CODES } from './errors';
import { invitationEmail, invitationLink } from './invitation-email';
import {
  markRevoked,
  openInvitation,
  readInvitation,
  upsertInvitation,
  type Invitation,
} from './invitations';
import { isMemberByEmail } from './members';
import type { InviteInput } from './schemas';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function refuseUnassignable(actor: Role, role: Role, doing: string): void {
  if (!canAssignRole(actor, role)) {
    throw new ApiError(
      403,
      ERROR_CODES.forbidden,
      `Your role cannot ${doing} the ${ROLE_NAMES[role]} role. Ask an owner.`,
    );
  }
}

/**
 * Writes the invitation and its email to the outbox. Inviting an address that already has an open
 * invitation gives it a new token (the old link stops working), the new role and a new week.
 */
export async function inviteMember(
  deps: AppDeps,
  member: Membership,
  input: InviteInput,
): Promise<Invitation> {
  const { tenantId, userId } = member;
  refuseUnassignable(member.role, input.role, 'invite someone to');
  const now = deps.now();
  return withScope(deps.db.sql, { tenantId, userId }, async (tx) => {
    if (await isMemberByEmail(tx, tenantId, input.email)) {
      throw new ApiError(
        409,
        TEAM_ERROR_CODES.alreadyMember,
        `${input.email} is already a member of this workspace.`,
      );
    }
    const previous = await openInvitation(tx, tenantId, input.email);
    // Plan limit (billing/limits.ts): a pending invitation already holds its seat, so inviting that
    // address again needs none; a new one, or one that expired, needs room for one more user.
    const holdsSeat = previous !== null && Date.parse(previous.expiresAt) > now.getTime();
    await enforceLimit(tx, deps, tenantId, 'users', holdsSeat ? 0 : 1);
    const [names] = await tx<{ tenant_name: string; inviter_name: string; inviter_email: string }[]>`
      select t.name as tenant_name, u.name as inviter_name, u.email as inviter_email
      from tenants t, users u where t.id = ${tenantId} and u.id = ${userId}`;
    if (!names) throw new Error(`Member ${userId} of tenant ${tenantId} has no tenant or user row.`);

    const token = generateToken();
    const id = await upsertInvitation(tx, {
      tenantId,
      email: input.email,
      role: input.role,
      invitedBy: userId,
      tokenHash: hashToken(token),
      now,
    });
    const email = invitationEmail({
      tenantName: names.tenant_name,
      inviterName: names.inviter_name,
      inviterEmail: names.inviter_email,
      role: input.role,
      link: invitationLink(deps.config.publicOrigin, token),
    });
    await enqueueEmail(tx, { tenantId, to: input.email, kind: 'invitation', ...email }, now);
    const invitation = await readInvitation(tx, tenantId, id);
    if (!invitation) throw new Error(`Invitation ${id} vanished inside its own transaction.`);
    // Who invited whom to what, never the token: the audit trail is readable by every admin.
    await appendAudit(tx, {
      tenantId,
      userId,
      at: now,
      entries: [
        {
          action: previous ? 'update' : 'create',
          collection: 'invitations',
          documentId: id,
          before: previous
            ? { email: previous.email, role: previous.role, expiresAt: previous.expiresAt }
            : null,
          after: { email: invitation.email, role: invitation.role, expiresAt: invitation.expiresAt },
        },
      ],
    });
    return invitation;
  });
}

/** Withdraws an open invitation; withdrawing one already withdrawn answers it again (DELETE is idempotent). */
export async function revokeInvitation(deps: AppDeps, member: Membership, id: string): Promise<Invitation> {
  const { tenantId, userId } = member;
  if (!UUID.test(id)) throw notFound('That invitation');
  const now = deps.now();
  return withScope(deps.db.sql, { tenantId, userId }, async (tx) => {
    const invitation = await readInvitation(tx, tenantId, id);
    if (!invitation) throw notFound('That invitation');
    refuseUnassignable(member.role, invitation.role, 'withdraw an invitation to');
    if (invitation.revokedAt) return invitation;
    if (invitation.acceptedAt || !(await markRevoked(tx, tenantId, id, now))) {
      throw new ApiError(
        409,
        ERROR_CODES.conflict,
        `${invitation.email} has already accepted this invitation. Change their membership instead.`,
      );
    }
    await appendAudit(tx, {
      tenantId,
      userId,
      at: now,
      entries: [
        {
          action: 'delete',
          collection: 'invitations',
          documentId: id,
          before: { email: invitation.email, role: invitation.role, expiresAt: invitation.expiresAt },
          after: null,
        },
      ],
    });
    return { ...invitation, revokedAt: now.toISOString() };
  });
}

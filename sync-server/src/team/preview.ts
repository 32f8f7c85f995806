/**
 * What the invitation page shows before anyone accepts: the workspace, who invited, the address and role,
 * and whether that address has an account already (so the page asks for a name and password, or for
 * sign-in). Only the token is needed, as for accepting; it shows nothing the emailed invitation did not say.
 * Unknown, expired, withdrawn and used links get one answer, as accepting gives.
 */
import type { InvitationPreview } from '@vitals/shared';
import { hashToken, isWellFormedToken } from '../auth/tokens';
import { findUserByEmail } from '../auth/users';
import type { AppDeps } from '../context';
import { withScope } from '../db/tenant-scope';
import { ApiError } from '../errors';
import { TEAM_ERROR_CODES } from './errors';
import { findInvitationByToken } from './invitations';


function notFound(): ApiError {
  return new ApiError(
    404,
    TEAM_ERROR_CODES.invitationNotFound,
    'This invitation link is invalid, used, withdrawn or expired. Ask for a new invitation.',
  );
}

export async function previewInvitation(deps: AppDeps, token: string): Promise<InvitationPreview> {
  if (!isWellFormedToken(token)) throw notFound();
  const now = deps.now();
  const tokenHash = hashToken(token);
  return withScope(deps.db.sql, {}, async (tx) => {
    const invitation = await findInvitationByToken(tx, tokenHash, now);
    if (!invitation) throw notFound();
    // The token holder may read its invitation row (the `token_holder` policy); the tenant's name needs its scope.
    await tx`select set_config('app.tenant_id', ${invitation.tenantId}, true)`;
    const [row] = await tx<{ tenant_name: string; inviter_name: string | null; expires_at: Date }[]>`
      select t.name as tenant_name, coalesce(nullif(u.name, ''), u.email) as inviter_name, i.expires_at
      from invitations i join tenants t on t.id = i.tenant_id left join users u on u.id = i.invited_by
      where i.id = ${invitation.id}`;
    if (!row) throw new Error(`Invitation ${invitation.id} vanished while read.`);
    return {
      tenantName: row.tenant_name,
      inviterName: row.inviter_name,
      email: invitation.email,
      role: invitation.role,
      expiresAt: row.expires_at.toISOString(),
      accountExists: (await findUserByEmail(tx, invitation.email)) !== null,
    };
  });
}

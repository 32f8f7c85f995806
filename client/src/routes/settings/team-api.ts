/**
 * The workspace's team (`/api/tenants/:tenantId/members` and `/invitations`), through the app's one HTTP
 * module. Shapes as sync-server/src/team/membership.ts and team/invitations.ts send them.
 */
import type { InvitationView, MemberView, Role } from '@vitals/shared';
import { request } from '../../api/http';

const tenantPath = (tenantId: string, rest: string): string =>
  `/api/tenants/${encodeURIComponent(tenantId)}${rest}`;

export type TeamMember = MemberView;

export type TeamInvitation = InvitationView;

export interface MemberChange {
  readonly role?: Role;
  readonly managerId?: string | null;
}

export interface NewInvitation {
  readonly email: string;
  readonly role: Role;
}

export const fetchMembers = (tenantId: string): Promise<{ members: TeamMember[] }> =>
  request(tenantPath(tenantId, '/members'));

export const changeMember = (
  tenantId: string,
  userId: string,
  change: MemberChange,
): Promise<{ member: TeamMember }> =>
  request(tenantPath(tenantId, `/members/${encodeURIComponent(userId)}`), { method: 'PATCH', body: change });

/** The member is removed and signed out on every device. */
export const removeMember = (tenantId: string, userId: string): Promise<unknown> =>
  request(tenantPath(tenantId, `/members/${encodeURIComponent(userId)}`), { method: 'DELETE' });

/** The caller leaves; refused with 409 `last-owner` for the workspace's only owner. */
export const leaveWorkspace = (tenantId: string): Promise<unknown> =>
  request(tenantPath(tenantId, '/members/leave'), { method: 'POST' });

/** The caller (an owner) makes `userId` owner and becomes an admin, in one step. */
export const transferOwnership = (
  tenantId: string,
  userId: string,
): Promise<{ owner: TeamMember; formerOwner: TeamMember }> =>
  request(tenantPath(tenantId, '/members/transfer-ownership'), { method: 'POST', body: { userId } });

/** Invitations that can still be accepted, newest first (`team.manage` only). */
export const fetchInvitations = (tenantId: string): Promise<{ invitations: TeamInvitation[] }> =>
  request(tenantPath(tenantId, '/invitations'));

/** Inviting an address with an open invitation replaces it (new link, role and week). */
export const inviteMember = (
  tenantId: string,
  input: NewInvitation,
): Promise<{ invitation: TeamInvitation }> =>
  request(tenantPath(tenantId, '/invitations'), { method: 'POST', body: input });

export const withdrawInvitation = (tenantId: string, id: string): Promise<{ invitation: TeamInvitation }> =>
  request(tenantPath(tenantId, `/invitations/${encodeURIComponent(id)}`), { method: 'DELETE' });

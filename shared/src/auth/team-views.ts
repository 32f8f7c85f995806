/**
 * What the team routes answer, as both sides read it: the server builds these (sync-server/src/team/) and the
 * app shows them (client/src/routes/settings/team-api.ts, the invitation page). Plain JSON, dates as ISO text.
 */
import type { Role } from './roles';

/** A member of a workspace. */
export interface MemberView {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly role: Role;
  readonly managerId: string | null;
  readonly joinedAt: string;
}

/** An invitation as admins see it: never its token or the token's hash. */
export interface InvitationView {
  readonly id: string;
  readonly email: string;
  readonly role: Role;
  readonly invitedBy: { readonly id: string; readonly name: string; readonly email: string } | null;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly acceptedAt: string | null;
  readonly revokedAt: string | null;
}

/** What an invitation link offers before anyone accepts it; only the token is needed to see it. */
export interface InvitationPreview {
  readonly tenantName: string;
  /** The inviter's name (their address when they have none); `null` when their account was deleted since. */
  readonly inviterName: string | null;
  readonly email: string;
  readonly role: Role;
  readonly expiresAt: string;
  /** The address has an account: it signs in to accept instead of choosing a password. */
  readonly accountExists: boolean;
}

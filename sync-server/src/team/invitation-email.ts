/**
 * The invitation email and its link. Pure: the outbox (or, one day, SMTP) sends what this writes. The link
 * format lives here alone, beside the pattern that finds its token again (outbox.ts hides links from
 * members whose role could not have made the invitation).
 */
import { ROLE_NAMES, type Role } from '@vitals/shared';
import { INVITATION_LIFETIME_MS } from './invitations';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The token in an invitation link, as `invitationLink` writes it. Global: for matchAll and replace, not test(). */
export const INVITATION_LINK_TOKEN = /\/accept-invitation\?token=([a-z2-7]{32})\b/g;

export function invitationLink(publicOrigin: string, token: string): string {
  return `${publicOrigin}/accept-invitation?token=${token}`;
}

export interface InvitationEmailInput {
  readonly tenantName: string;
  readonly inviterName: string;
  readonly inviterEmail: string;
  readonly role: Role;
  readonly link: string;
}

export function invitationEmail(input: InvitationEmailInput): { subject: string; body: string } {
  // A user's name may be empty (accounts made by older tools); the address always says who it was.
  const inviter = input.inviterName.trim()
    ? `${input.inviterName.trim()} (${input.inviterEmail})`
    : input.inviterEmail;
  const who = input.inviterName.trim() || input.inviterEmail;
  const days = INVITATION_LIFETIME_MS / DAY_MS;
  return {
    subject: `${who} invited you to ${input.tenantName} on Vitals`,
    body:
      `${inviter} invited you to join the workspace ${input.tenantName} on Vitals as ${ROLE_NAMES[input.role]}.\n\n` +
      `To accept, open this link within ${days} days:\n${input.link}\n\n` +
      `If you did not expect this invitation, ignore this email: nothing happens unless the link is opened.\n`,
  };
}

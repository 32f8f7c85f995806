/**
 * Reason codes of the team routes (invitations and the outbox), beside the app-wide ones in ../errors.ts.
 * The client turns each into its own message; the server's message is the fallback.
 */
export const TEAM_ERROR_CODES = {
  /** The invited address already belongs to a member of this workspace. */
  alreadyMember: 'already-member',
  /** The invitation is for an existing account: accepting it needs that account signed in. */
  signInRequired: 'sign-in-required',
  /** Previewing an invitation whose link is unknown, used, withdrawn or expired (one code for all four). */
  invitationNotFound: 'invitation-not-found',
} as const;

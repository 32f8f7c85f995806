/**
 * Reason codes the auth routes answer with, beside the app-wide ones in ../errors.ts. The client turns each
 * into its own message; the server's message is the fallback.
 */
export const AUTH_ERROR_CODES = {
  /** Wrong password or unknown email: deliberately one code, so the answer does not say which. */
  invalidCredentials: 'invalid-credentials',
  emailTaken: 'email-taken',
  invalidCode: 'invalid-code',
  /** The current password, when re-entered to confirm a sensitive change, was wrong. */
  invalidPassword: 'invalid-password',
  /**
   * A password-reset, confirmation or invitation link that is unknown, used or expired (one code: the
   * answer does not say which).
   */
  invalidToken: 'invalid-token',
  /** Creating a workspace needs a confirmed email address. */
  emailUnverified: 'email-unverified',
  /** A new confirmation link was asked for an address that is confirmed already. */
  alreadyVerified: 'already-verified',
  mfaSetupRequired: 'mfa-setup-required',
  mfaAlreadyEnabled: 'mfa-already-enabled',
  mfaNotEnabled: 'mfa-not-enabled',
  mfaSetupNotStarted: 'mfa-setup-not-started',
  mfaNotPending: 'mfa-not-pending',
} as const;

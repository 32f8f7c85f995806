/**
 * Reason codes of creating a workspace and loading the sample into it, beside the app-wide ones in
 * ../errors.ts and auth's `email-unverified`. The client turns each into its own message; the server's
 * message is the fallback.
 */
export const TENANT_ERROR_CODES = {
  /** The sample goes only into a workspace without accounts: mixed with real data it would mislead. */
  tenantNotEmpty: 'tenant-not-empty',
} as const;

/** Sign-in and account calls (`/api/auth/*`). */
import type { InvitationPreview, Role } from '@vitals/shared';
import { request } from './http';

export interface User {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly mfaEnabled: boolean;
  /**
   * Whether the address is confirmed (the link in the sign-up email). Sessions stored before the server
   * sent it lack it: `accountDestination` treats a missing value as confirmed, as those accounts predate it.
   */
  readonly emailVerified: boolean;
}

export interface TenantRef {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly role: Role;
}

export interface SignedIn {
  readonly user: User;
  readonly tenants: TenantRef[];
}

export type LoginResult = SignedIn | { readonly mfaRequired: true };

export const login = (email: string, password: string): Promise<LoginResult> =>
  request('/api/auth/login', { method: 'POST', body: { email, password } });

export const verifyMfa = (code: string): Promise<SignedIn> =>
  request('/api/auth/mfa/verify', { method: 'POST', body: /^\d{6}$/.test(code.trim()) ? { code: code.trim() } : { recoveryCode: code.trim() } });

/** A new account with no workspace yet, signed in (the cookie) but not confirmed: an email is on its way. */
export const signUp = (input: { name: string; email: string; password: string }): Promise<SignedIn> =>
  request('/api/auth/signup', { method: 'POST', body: input });

/** Confirms the address of the link's account. Signs nobody in: the browser that opens it may be another. */
export const verifyEmail = (token: string): Promise<SignedIn> =>
  request('/api/auth/verify-email', { method: 'POST', body: { token } });

/** A new confirmation link for the signed-in account (202; 409 `already-verified`; 429 when asked too often). */
export const resendVerification = (): Promise<unknown> =>
  request('/api/auth/verify-email/resend', { method: 'POST' });


export const fetchInvitation = (token: string): Promise<{ invitation: InvitationPreview }> =>
  request(`/api/auth/invitations/${encodeURIComponent(token)}`);

/** `name` and `password` for an address without an account (which is then created and signed in). */
export const acceptInvitation = (input: {
  token: string;
  name?: string;
  password?: string;
}): Promise<SignedIn & { readonly tenantId: string }> =>
  request('/api/auth/invitations/accept', { method: 'POST', body: input });

export const me = (): Promise<SignedIn> => request('/api/auth/me');

export const logout = (): Promise<unknown> => request('/api/auth/logout', { method: 'POST' });

export const changePassword = (currentPassword: string, newPassword: string): Promise<unknown> =>
  request('/api/auth/password', { method: 'POST', body: { currentPassword, newPassword } });

export const setupMfa = (): Promise<{ secret: string; uri: string }> => request('/api/auth/mfa/setup', { method: 'POST' });

export const enableMfa = (code: string): Promise<{ recoveryCodes: string[] }> =>
  request('/api/auth/mfa/enable', { method: 'POST', body: { code } });

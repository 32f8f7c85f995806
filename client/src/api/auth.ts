/** Sign-in and account calls (`/api/auth/*`). */
import type { Role } from '@vitals/shared';
import { request } from './http';

export interface User {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly mfaEnabled: boolean;
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

export const me = (): Promise<SignedIn> => request('/api/auth/me');

export const logout = (): Promise<unknown> => request('/api/auth/logout', { method: 'POST' });

export const changePassword = (currentPassword: string, newPassword: string): Promise<unknown> =>
  request('/api/auth/password', { method: 'POST', body: { currentPassword, newPassword } });

export const setupMfa = (): Promise<{ secret: string; uri: string }> => request('/api/auth/mfa/setup', { method: 'POST' });

export const enableMfa = (code: string): Promise<{ recoveryCodes: string[] }> =>
  request('/api/auth/mfa/enable', { method: 'POST', body: { code } });

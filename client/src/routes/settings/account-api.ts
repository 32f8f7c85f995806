/**
 * Settings' account calls that api/auth.ts does not have yet, through the app's one HTTP module, and the
 * reason codes of /api/auth turned into messages for people in one place.
 */
import { me, type SignedIn } from '../../api/auth';
import { HttpError, request } from '../../api/http';
import { signedIn } from '../../session/session';

/** `code` is a 6-digit code or a recovery code: someone who lost their phone can still turn MFA off. */
export const disableMfa = (password: string, code: string): Promise<{ user: SignedIn['user'] }> =>
  request('/api/auth/mfa/disable', { method: 'POST', body: { password, code: code.trim() } });

/** Re-reads the profile (e.g. the MFA flag) into the device session. */
export async function refreshProfile(): Promise<void> {
  signedIn(await me());
}

export type AuthField = 'current' | 'new' | 'code' | 'password' | 'form';

export interface FieldError {
  readonly field: AuthField;
  readonly message: string;
}

/** Which field an error belongs to, and what to tell the person. */
export function authError(error: unknown, formField: AuthField = 'form'): FieldError {
  if (!(error instanceof HttpError))
    return { field: 'form', message: 'Something went wrong. Please try again.' };
  switch (error.code) {
    case 'offline':
      return {
        field: 'form',
        message:
          'You are offline. This needs a connection to the server: try again when you are back online.',
      };
    case 'invalid-password':
      return {
        field: formField === 'current' ? 'current' : 'password',
        message: 'That password is not correct.',
      };
    case 'invalid-code':
      return {
        field: 'code',
        message:
          'That code did not match. Enter the code your app shows now: codes change every 30 seconds and work once.',
      };
    case 'invalid-input':
      return { field: formField, message: error.message };
    case 'session-expired':
    case 'unauthenticated':
      return { field: 'form', message: 'Your session has ended. Sign in again, then try once more.' };
    case 'mfa-setup-not-started':
      return { field: 'form', message: 'This setup has expired. Start again to get a new QR code.' };
    default:
      return { field: 'form', message: error.message };
  }
}

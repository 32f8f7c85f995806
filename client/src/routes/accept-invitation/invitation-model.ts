/**
 * Accepting an invitation, as data: what the link offers in words, which way to accept it (a new account
 * here, "Join" when signed in as the invited address, or signing in first), and every refusal in words.
 */
import { ROLE_NAMES, type InvitationPreview } from '@vitals/shared';
import { HttpError } from '../../api/http';
import { problemsFromDetails } from '../settings/server-settings';
import { checkName, checkPassword } from '../sign-up/signup-model';

/** "Jane Doe invited you (ana@example.com) to ACME as CSM." */
export function invitationText(invitation: InvitationPreview): string {
  const inviter = invitation.inviterName?.trim() || 'Someone';
  return `${inviter} invited you (${invitation.email}) to ${invitation.tenantName} as ${ROLE_NAMES[invitation.role]}.`;
}

/**
 * - `create`: the address has no account: choose a name and password here.
 * - `join`: signed in as the invited address: one button.
 * - `sign-in`: the address has an account and this browser is not signed in to it.
 * - `switch`: signed in, but as another address: sign in as the invited one.
 */
export type AcceptMode = 'create' | 'join' | 'sign-in' | 'switch';

export function acceptMode(invitation: InvitationPreview, signedInEmail: string | null): AcceptMode {
  if (!invitation.accountExists) return 'create';
  if (signedInEmail === null) return 'sign-in';
  return signedInEmail.trim().toLowerCase() === invitation.email.trim().toLowerCase() ? 'join' : 'switch';
}

/** `/sign-in?next=…`: back to this invitation once signed in. */
export function signInToAccept(currentPath: string): string {
  return `/sign-in?next=${encodeURIComponent(currentPath)}`;
}

export const INVALID_LINK =
  'This invitation link is not valid any more: it was used, withdrawn, or it expired. Ask the person who invited you for a new one.';

/** Why the invitation could not be shown. */
export function invitationLoadError(error: unknown): string {
  if (!(error instanceof HttpError)) return 'The invitation could not be loaded. Try again in a moment.';
  if (error.offline) return 'Opening an invitation needs a connection. Try again when you are back online.';
  if (error.status === 404)
    return error.message && !error.message.startsWith('The server answered') ? error.message : INVALID_LINK;
  return error.message;
}

export interface AcceptErrors {
  readonly name?: string;
  readonly password?: string;
  readonly form?: string;
}

/** The new account's form, checked before it is sent (sign-up's rules). */
export function checkNewAccount(form: { readonly name: string; readonly password: string }): AcceptErrors {
  const name = checkName(form.name);
  const password = checkPassword(form.password);
  return { ...(name ? { name } : {}), ...(password ? { password } : {}) };
}

/** A refused acceptance → messages on the fields they are about, the rest on the form. */
export function acceptErrors(error: unknown): AcceptErrors {
  if (!(error instanceof HttpError))
    return { form: 'The invitation could not be accepted. Try again in a moment.' };
  if (error.offline)
    return { form: 'Accepting an invitation needs a connection. Try again when you are back online.' };
  if (error.status === 400) {
    const errors: { name?: string; password?: string } = {};
    for (const problem of problemsFromDetails(error.details)) {
      if (problem.path === 'name' || problem.path === 'password') errors[problem.path] ??= problem.message;
    }
    if (errors.name || errors.password) return errors;
  }
  if (error.status === 404) return { form: invitationLoadError(error) };
  return { form: error.message };
}

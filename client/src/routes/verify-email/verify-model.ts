/**
 * Confirming an address, as data: what the "check your inbox" screen says, what a resend did, why a link
 * did not work, and where a confirmed account goes next (only a browser signed in as that account goes on;
 * confirming signs nobody in, as the link may be opened on another device).
 */
import type { SignedIn } from '../../api/auth';
import { HttpError } from '../../api/http';
import { accountDestination, DESTINATION_PATHS } from '../../session/account-model';

/** How long a confirmation link works (the server's rule). */
export const VERIFY_LINK_HOURS = 48;

export const NO_EMAIL_NOTE_PREFIX =
  'No email? On a server without an email service, your administrator finds the message with';
export const NO_EMAIL_COMMAND = 'vitals outbox';

export function inboxText(email: string): string {
  return `We sent a link to ${email}. Open it to confirm your address: it is valid for ${VERIFY_LINK_HOURS} hours.`;
}

export interface Outcome {
  readonly kind: 'done' | 'info' | 'error';
  readonly text: string;
  /** The address turned out to be confirmed already: offer to continue. */
  readonly verified?: boolean;
  /** The session ended: offer to sign in again. */
  readonly signIn?: boolean;
}

/** What a "Resend email" did: sent, already confirmed, asked too often, or could not. */
export function resendOutcome(email: string, error?: unknown): Outcome {
  if (error === undefined) {
    return {
      kind: 'done',
      text: `A new link is on its way to ${email}. It is valid for ${VERIFY_LINK_HOURS} hours; earlier links still work until they expire.`,
    };
  }
  if (!(error instanceof HttpError))
    return { kind: 'error', text: 'The email could not be sent. Try again in a moment.' };
  if (error.offline)
    return {
      kind: 'error',
      text: 'Sending a new email needs a connection. Try again when you are back online.',
    };
  switch (error.code) {
    case 'already-verified':
      return { kind: 'info', text: 'Your address is already confirmed.', verified: true };
    case 'session-expired':
    case 'unauthenticated':
      return {
        kind: 'error',
        text: 'Your session has ended. Sign in again to get a new link.',
        signIn: true,
      };
    default:
      if (error.status === 429)
        return {
          kind: 'error',
          text:
            error.message ||
            'You asked for several emails in a short time. Wait a few minutes, then try again.',
        };
      return { kind: 'error', text: error.message };
  }
}

/** Why a confirmation link did not work: the server's own sentence (expired, used), or the connection. */
export function verifyFailure(error: unknown): string {
  if (!(error instanceof HttpError))
    return 'The address could not be confirmed. Try the link again in a moment.';
  if (error.offline)
    return 'Confirming your address needs a connection. Open the link again when you are back online.';
  return error.message;
}

/**
 * After a link worked: this browser signed in as that account goes on (`path`); any other browser asks to
 * sign in, as confirming creates no session.
 */
export function afterConfirmed(
  result: SignedIn,
  signedInUserId: string | null,
): { readonly kind: 'continue'; readonly path: string } | { readonly kind: 'sign-in' } {
  if (signedInUserId !== result.user.id) return { kind: 'sign-in' };
  return { kind: 'continue', path: DESTINATION_PATHS[accountDestination(result)] };
}

/**
 * Where a signed-in account belongs, apart from the screens so each case is tested: an unconfirmed address
 * with no workspace waits on "check your inbox", a confirmed one without a workspace starts the wizard, the
 * rest goes into the app. And which `next` addresses sign-in may follow (this app's own pages only).
 */
import type { SignedIn } from '../api/auth';

export type AccountDestination = 'verify-email' | 'welcome' | 'app';

export const DESTINATION_PATHS: Readonly<Record<AccountDestination, string>> = {
  'verify-email': '/verify-email',
  welcome: '/welcome',
  app: '/',
};

/**
 * A workspace wins over confirmation: a member (invited, so their address was proven by the invitation
 * link) is never locked out of data they already share. A missing `emailVerified` (a session stored before
 * the server sent it) counts as confirmed: those accounts were all made by an admin.
 */
export function accountDestination(account: {
  readonly user: { readonly emailVerified?: boolean };
  readonly tenants: readonly unknown[];
}): AccountDestination {
  if (account.tenants.length > 0) return 'app';
  return account.user.emailVerified === false ? 'verify-email' : 'welcome';
}

/** The account's user is confirmed (or predates confirmation). */
export function isVerified(user: { readonly emailVerified?: boolean }): boolean {
  return user.emailVerified !== false;
}

const BASE = 'https://vitals.invalid';

/**
 * `next` as a path of this app (`/accept-invitation?token=…`), or `null` for anything that could lead
 * elsewhere: absolute and protocol-relative addresses (`//evil.example`, `/\evil.example`), other schemes,
 * control characters. Sign-in follows it only after a successful sign-in.
 */
export function safeNext(next: unknown): string | null {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\'))
    return null;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (/[\u0000-\u001f\u007f]/.test(next)) return null;
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE) return null;
  // Back to sign-in (or sign-up) would only loop.
  if (url.pathname === '/sign-in' || url.pathname === '/sign-up') return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** Where to go once signed in: a safe `next` first, else where the account belongs. */
export function afterSignIn(account: SignedIn, next: unknown): string {
  return safeNext(next) ?? DESTINATION_PATHS[accountDestination(account)];
}

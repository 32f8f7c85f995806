/**
 * Signing this device out, one way for every screen that ends with it (Sign out, deleting one's account):
 * push notifications stop, the server session ends, replication stops, local data goes when asked, and the
 * device session is cleared. The caller then goes to sign-in.
 *
 * And leaving the open workspace, one way for leaving it and for deleting it: its copy goes, and the device
 * moves to where the person can carry on.
 */
import { logout, me } from '../../api/auth';
import { removeClosedTenantDatabase } from '../../db/database';
import { syncStatus } from '../../db/sync-status';
import { unsubscribeThisDevice } from '../../push/push-subscription';
import { clearSession, session, signedIn } from '../../session/session';
import type { TenantData } from '../../state/tenant-data';
import { withoutWorkspace } from './privacy-model';

export interface SignOutOptions {
  /** Delete the open workspace's data from this device (its unsynced writes with it). */
  readonly deleteLocalData: boolean;
  /** The server already ended the session (the account is deleted): nothing to log out of. */
  readonly sessionGone?: boolean;
  /** Other workspaces whose data on this device goes too (an account's erasure). */
  readonly alsoDelete?: { readonly userId: string; readonly tenantIds: readonly string[] };
}

export async function signOutThisDevice(
  data: Pick<TenantData, 'db' | 'sync'>,
  options: SignOutOptions,
): Promise<void> {
  // Notifications name accounts: a signed-out device must not keep receiving them. Before logout, while the
  // session can still tell the server; offline, the browser drops it anyway and the server's next push gets 410.
  await unsubscribeThisDevice(undefined, { evenIfServerUnreachable: true }).catch(() => undefined);
  // Offline: the server session simply expires; this device forgets it now.
  if (!options.sessionGone) await logout().catch(() => undefined);
  await data.sync.stop();
  if (options.deleteLocalData) {
    await data.db.remove();
    syncStatus.reset();
  }
  for (const tenantId of options.alsoDelete?.tenantIds ?? []) {
    // Best effort: a database that will not go must not keep anyone signed in to a deleted account.
    await removeClosedTenantDatabase(options.alsoDelete!.userId, tenantId).catch(() => undefined);
  }
  clearSession();
}

/**
 * The open workspace is gone for this person (they left it, or deleted it): its data leaves this device, and
 * the answer is where to go next — another workspace (`/`), the welcome to name a new one when none is left,
 * or sign-in (signed out) when the server cannot say and the device knows of no other.
 */
export async function leaveWorkspaceOnThisDevice(
  data: Pick<TenantData, 'db' | 'sync'>,
  tenantId: string,
): Promise<'/' | '/welcome' | '/sign-in'> {
  await data.sync.stop().catch(() => undefined);
  await data.db.remove().catch(() => undefined);
  syncStatus.reset();
  const before = session();
  const account = await me().catch(() => null);
  // Another workspace, or none left: then the person, still signed in, may name a new one.
  if (account) return signedIn(account) ? '/' : '/welcome';
  // The server could not say which workspaces are left: the ones this device knew, less this one.
  const rest = before ? withoutWorkspace(before, tenantId) : null;
  if (rest && signedIn(rest)) return '/';
  // Nothing known to be left: sign-in explains what comes next.
  await logout().catch(() => undefined);
  clearSession();
  return '/sign-in';
}

/**
 * Signing this device out, one way for every screen that ends with it (Sign out, deleting one's account):
 * push notifications stop, the server session ends, replication stops, local data goes when asked, and the
 * device session is cleared. The caller then goes to sign-in.
 */
import { logout } from '../../api/auth';
import { removeClosedTenantDatabase } from '../../db/database';
import { syncStatus } from '../../db/sync-status';
import { unsubscribeThisDevice } from '../../push/push-subscription';
import { clearSession } from '../../session/session';
import type { TenantData } from '../../state/tenant-data';

export interface SignOutOptions {
  /** Delete the open workspace's data from this device (its unsynced writes with it). */
  readonly deleteLocalData: boolean;
  /** The server already ended the session (the account is deleted): nothing to log out of. */
  readonly sessionGone?: boolean;
  /** Other workspaces whose data on this device goes too (an account's erasure). */
  readonly alsoDelete?: { readonly userId: string; readonly tenantIds: readonly string[] };
}

export async function signOutThisDevice(data: Pick<TenantData, 'db' | 'sync'>, options: SignOutOptions): Promise<void> {
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

/**
 * Questions for the assistant asked offline are answered when the connection returns, whichever screen is
 * open then. This watcher is all of it that sits in the start-up bundle: when the device is (back) online and
 * a hint in localStorage says questions wait, it loads the assistant's queue code and lets it send them.
 */
import { createEffect, type JSX } from 'solid-js';
import { databaseName } from '../db/database';
import { syncStatus } from '../db/sync-status';
import { useTenantData } from './tenant-data';

const HINT = 'vitals.chat-queued.v1:';

export function ChatQueueWatcher(props: { userId: string; tenantId: string }): JSX.Element {
  const data = useTenantData();
  createEffect(() => {
    // Re-checked whenever the device comes back online or hears from the server again.
    syncStatus.lastSynced();
    if (!syncStatus.online()) return;
    // The same key as outbox.ts's hint, read here without loading that module.
    if (localStorage.getItem(HINT + databaseName(props.userId, props.tenantId)) === null) return;
    import('../routes/assistant/queue-runner')
      .then((m) => m.sendQueuedQuestions(data, props.userId, props.tenantId))
      .catch((error: unknown) => {
        // The code could not load (offline before it was ever cached). Nothing is lost: the questions stay
        // queued — the assistant shows them so — and the next reconnect or visit to the assistant sends them.
        console.error('Queued assistant questions could not be sent yet', error);
      });
  });
  return null;
}

import type { JSX } from 'solid-js';
import { syncStatus } from '../db/sync-status';

function ago(date: Date | null): string {
  if (!date) return 'not yet';
  const seconds = Math.round((Date.now() - date.getTime()) / 1000);
  if (seconds < 10) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? `${minutes} min ago` : date.toLocaleTimeString();
}

/** Always visible: online or offline, pending writes, last synced. */
export function SyncIndicator(): JSX.Element {
  const state = (): string => (!syncStatus.online() ? 'offline' : syncStatus.error() ? 'error' : 'online');
  return (
    <span class={`sync ${state()}`} role="status" aria-live="polite" data-testid="sync-indicator" title={syncStatus.error() ?? undefined}>
      <span class="dot" aria-hidden="true" />
      <span>{!syncStatus.online() ? 'Offline' : syncStatus.error() ? 'Sync problem, retrying' : 'Online'}</span>
      <span aria-hidden="true">·</span>
      <span data-testid="pending-count">
        {syncStatus.pending() === 0 ? 'All changes synced' : `${syncStatus.pending()} change${syncStatus.pending() === 1 ? '' : 's'} waiting`}
      </span>
      <span class="visually-hidden">Last synced {ago(syncStatus.lastSynced())}</span>
    </span>
  );
}

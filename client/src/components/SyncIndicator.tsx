import { Show, type JSX } from 'solid-js';
import { syncStatus } from '../db/sync-status';
import { PlanLimitNotice } from './PlanLimitNotice';
import './SyncIndicator.css';

function ago(date: Date | null): string {
  if (!date) return 'not yet';
  const seconds = Math.round((Date.now() - date.getTime()) / 1000);
  if (seconds < 10) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? `${minutes} min ago` : date.toLocaleTimeString();
}

type State = 'offline' | 'limit' | 'error' | 'online';

const STATE_TEXT: Record<State, string> = {
  offline: 'Offline',
  limit: 'Not syncing: plan limit',
  error: 'Sync problem, retrying',
  online: 'Online',
};

function Pill(props: { state: State }): JSX.Element {
  return (
    <span
      class={`sync ${props.state}`}
      role="status"
      aria-live="polite"
      data-testid="sync-indicator"
      title={props.state === 'error' ? (syncStatus.error() ?? undefined) : undefined}
    >
      <span class="dot" aria-hidden="true" />
      <span>{STATE_TEXT[props.state]}</span>
      <span aria-hidden="true">·</span>
      <span data-testid="pending-count">
        {syncStatus.pending() === 0 ? 'All changes synced' : `${syncStatus.pending()} change${syncStatus.pending() === 1 ? '' : 's'} waiting`}
      </span>
      <span class="visually-hidden">Last synced {ago(syncStatus.lastSynced())}</span>
    </span>
  );
}

/**
 * Always visible: online or offline, pending writes, last synced. When the server refuses this device's writes
 * over a plan limit, a note under it says which limit, that the changes are kept here, and the way up.
 */
export function SyncIndicator(): JSX.Element {
  const state = (): State =>
    !syncStatus.online() ? 'offline' : syncStatus.limitRefusal() ? 'limit' : syncStatus.error() ? 'error' : 'online';
  return (
    <Show when={syncStatus.limitRefusal()} fallback={<Pill state={state()} />}>
      {(refusal) => (
        <span class="sync-area">
          <Pill state={state()} />
          <PlanLimitNotice refusal={refusal()} />
        </span>
      )}
    </Show>
  );
}

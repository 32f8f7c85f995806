/**
 * The alert inbox (`/alerts`): the signed-in person's alerts, newest first, or (for those who oversee the
 * workspace) every alert; the ones still waiting, or all. Read from the local database, so it opens offline;
 * an acknowledgement is stored on the device and syncs when it can. Whose and which alerts are in the
 * address (`?scope=all&show=all`), so a view can be linked and survives a reload.
 */
import { useSearchParams } from '@solidjs/router';
import type { AlertDoc } from '@vitals/shared';
import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import { SyncIndicator } from '../../components/SyncIndicator';
import { AlertList } from './AlertList';
import { createAlertsData, type AlertsData } from './alerts-data';
import { visibleAlerts, type InboxScope, type InboxShow } from './inbox-model';
import './inbox.css';

/** Enough for any day's alerts; more are a click away, so a long history never slows the screen. */
const PAGE_SIZE = 50;

function Toggle<T extends string>(props: {
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (value: T) => void;
  testId: string;
}): JSX.Element {
  return (
    <div class="segmented" role="group" aria-label={props.label} data-testid={props.testId}>
      <For each={props.options}>
        {(option) => (
          <button
            type="button"
            aria-pressed={props.value === option.value}
            data-value={option.value}
            onClick={() => props.onChange(option.value)}
          >
            {option.label}
          </button>
        )}
      </For>
    </div>
  );
}

function EmptyInbox(props: { scope: InboxScope; anyAlerts: boolean; showAll: () => void }): JSX.Element {
  return (
    <div class="card empty alerts-empty" data-testid="alerts-empty">
      <p class="alerts-empty-mark" aria-hidden="true">
        ✓
      </p>
      <Show
        when={props.anyAlerts}
        fallback={
          <p>
            {props.scope === 'mine'
              ? 'No alerts — you’ll see one here when an account you own needs attention.'
              : 'No alerts in this workspace yet — one appears here when an account needs attention.'}
          </p>
        }
      >
        <p>Nothing waiting: every alert here has been acknowledged.</p>
        <button type="button" class="button secondary" onClick={() => props.showAll()}>
          Show acknowledged alerts
        </button>
      </Show>
    </div>
  );
}

function summary(alerts: AlertsData, scope: InboxScope, list: readonly AlertDoc[]): string {
  const open = list.filter((a) => a.acknowledgedAt === null).length;
  const where = scope === 'mine' ? 'for you' : 'in this workspace';
  const count = open === 0 ? 'None unacknowledged' : `${open} unacknowledged`;
  return `${count} ${where}${alerts.canAcknowledge() ? '' : ' · view only'}`;
}

export function AlertsInbox(): JSX.Element {
  const alerts = createAlertsData();
  const [params, setParams] = useSearchParams<{ scope?: string; show?: string }>();
  const scope = (): InboxScope => (params.scope === 'all' && alerts.canSeeAll() ? 'all' : 'mine');
  const show = (): InboxShow => (params.show === 'all' ? 'all' : 'open');
  // Acknowledged during this visit: stays in the "unacknowledged" list, marked done, until the view changes.
  const [kept, setKept] = createSignal<ReadonlySet<string>>(new Set());
  const [limit, setLimit] = createSignal(PAGE_SIZE);

  const inScope = createMemo(() => (scope() === 'all' ? alerts.all() : alerts.mine()));
  const visible = createMemo(() => visibleAlerts(inScope(), { show: show(), kept: kept() }));
  const shown = createMemo(() => visible().slice(0, limit()));

  const change = (next: { scope?: InboxScope; show?: InboxShow }): void => {
    setKept(new Set<string>());
    setLimit(PAGE_SIZE);
    setParams(
      {
        scope: (next.scope ?? scope()) === 'all' ? 'all' : undefined,
        show: (next.show ?? show()) === 'all' ? 'all' : undefined,
      },
      { replace: true },
    );
  };
  const keep = (alert: AlertDoc): void => {
    setKept(new Set([...kept(), alert.id]));
  };

  return (
    <>
      <header class="topbar">
        <div>
          <h1>Alerts</h1>
          <span class="muted" data-testid="alerts-summary">
            {summary(alerts, scope(), inScope())}
          </span>
        </div>
        <SyncIndicator />
      </header>
      <div class="alerts-controls">
        <Show when={alerts.canSeeAll()}>
          <Toggle
            label="Whose alerts"
            testId="alerts-scope"
            value={scope()}
            options={[
              { value: 'mine', label: 'Mine' },
              { value: 'all', label: 'All alerts' },
            ]}
            onChange={(value) => change({ scope: value })}
          />
        </Show>
        <Toggle
          label="Which alerts"
          testId="alerts-show"
          value={show()}
          options={[
            { value: 'open', label: 'Unacknowledged' },
            { value: 'all', label: 'All' },
          ]}
          onChange={(value) => change({ show: value })}
        />
      </div>
      <Show
        when={alerts.loaded()}
        fallback={
          <p class="card muted" role="status">
            Reading alerts on this device…
          </p>
        }
      >
        <Show
          when={visible().length > 0}
          fallback={
            <EmptyInbox
              scope={scope()}
              anyAlerts={inScope().length > 0}
              showAll={() => change({ show: 'all' })}
            />
          }
        >
          <AlertList
            items={shown()}
            alerts={alerts}
            label={scope() === 'mine' ? 'Your alerts' : 'All alerts'}
            headingLevel={2}
            showAccount
            onAcknowledge={keep}
          />
          <Show when={visible().length > shown().length}>
            <button
              type="button"
              class="button secondary alerts-more"
              onClick={() => setLimit(limit() + PAGE_SIZE)}
            >
              Show {Math.min(PAGE_SIZE, visible().length - shown().length)} more
            </button>
          </Show>
        </Show>
      </Show>
    </>
  );
}

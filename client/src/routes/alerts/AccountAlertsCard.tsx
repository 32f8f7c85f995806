/**
 * The account screen's "Alerts" card: the account's alerts still waiting for someone, each with its
 * acknowledge button, so the person a notification brought here can deal with it where they landed.
 */
import { A } from '@solidjs/router';
import type { AlertDoc } from '@vitals/shared';
import { createMemo, createSignal, Show, type JSX } from 'solid-js';
import { AlertList } from './AlertList';
import { createAlertsData } from './alerts-data';
import { visibleAlerts } from './inbox-model';

/** The card stays small beside the account's health; the rest are in the inbox. */
const SHOWN = 3;

export function AccountAlertsCard(props: { accountId: string }): JSX.Element {
  const alerts = createAlertsData();
  // Acknowledged here during this visit: stays on the card, marked done, so the person sees it worked.
  const [kept, setKept] = createSignal<ReadonlySet<string>>(new Set());
  const accountAlerts = createMemo(() => alerts.all().filter((a) => a.accountId === props.accountId));
  const open = createMemo(() => visibleAlerts(accountAlerts(), { show: 'open', kept: kept() }));
  const more = (): number => Math.max(0, open().length - SHOWN);
  const keep = (alert: AlertDoc): void => {
    setKept(new Set([...kept(), alert.id]));
  };

  return (
    <section
      class="card alerts-account-card"
      aria-labelledby="acct-alerts-title"
      data-testid="account-alerts"
    >
      <div class="alerts-account-head">
        <h2 id="acct-alerts-title" class="acct-section-title">
          Alerts
        </h2>
        <A href="/alerts" class="alerts-all-link">
          Alert inbox <span aria-hidden="true">→</span>
        </A>
      </div>
      <Show
        when={open().length > 0}
        fallback={
          <p class="muted" data-testid="account-alerts-empty">
            {accountAlerts().length === 0
              ? 'No alerts on this account.'
              : 'No open alerts: every alert on this account has been acknowledged.'}
          </p>
        }
      >
        <AlertList
          items={open().slice(0, SHOWN)}
          alerts={alerts}
          label="Open alerts on this account"
          headingLevel={3}
          showAccount={false}
          onAcknowledge={keep}
        />
        <Show when={more() > 0}>
          <p class="alerts-account-more">
            <A href="/alerts?scope=all">
              {more()} more open {more() === 1 ? 'alert' : 'alerts'} in the inbox
            </A>
          </p>
        </Show>
      </Show>
    </section>
  );
}

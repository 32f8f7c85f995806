/**
 * One alert, as the inbox and the account card list it: severity (word and shape), title, what happened,
 * the account, when, whether it escalated, and who acknowledged it — or the button to do so.
 */
import { A } from '@solidjs/router';
import type { AlertDoc } from '@vitals/shared';
import { createEffect, createSignal, Show, type JSX } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import { syncStatus } from '../../db/sync-status';
import type { AlertsData } from './alerts-data';
import { accountPath, acknowledgedText, formatAlertTime, kindName, SEVERITY_LOOK } from './inbox-model';
import './alerts.css';

export function SeverityBadge(props: { severity: AlertDoc['severity'] }): JSX.Element {
  const look = (): (typeof SEVERITY_LOOK)[AlertDoc['severity']] => SEVERITY_LOOK[props.severity];
  return (
    <span class={`status ${look().tone}`} data-testid="alert-severity">
      <span class="shape" aria-hidden="true">
        {look().shape}
      </span>
      {look().label}
    </span>
  );
}

export interface AlertItemProps {
  readonly alert: AlertDoc;
  readonly alerts: AlertsData;
  /** The title's heading level: 2 in the inbox, 3 inside the account screen's card. */
  readonly headingLevel: 2 | 3;
  /** The account link is left out where the alert is shown on its own account's screen. */
  readonly showAccount: boolean;
  /**
   * Called as the person acknowledges, before the write: a screen listing open alerts keeps this one in
   * place (marked acknowledged) instead of dropping it from under the pointer and the keyboard focus.
   */
  readonly onAcknowledge?: (alert: AlertDoc) => void;
}

export function AlertItem(props: AlertItemProps): JSX.Element {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  // Set by this item's button: the confirmation that replaces it takes the keyboard focus, which would
  // otherwise fall back to the top of the page.
  const [justAcknowledged, setJustAcknowledged] = createSignal(false);
  const acknowledged = (): string | null =>
    acknowledgedText(props.alert, { userId: props.alerts.userId(), memberName: props.alerts.memberName });
  const pending = (): boolean => syncStatus.isPending('alerts', props.alert.id);
  let confirmation: HTMLParagraphElement | undefined;
  createEffect(() => {
    if (!justAcknowledged() || !acknowledged() || !confirmation) return;
    confirmation.focus();
    setJustAcknowledged(false);
  });

  const acknowledge = async (): Promise<void> => {
    if (busy()) return;
    setBusy(true);
    setError(null);
    props.onAcknowledge?.(props.alert);
    try {
      // Before the write: the confirmation may be drawn before the write's promise settles.
      setJustAcknowledged(true);
      await props.alerts.acknowledge(props.alert.id);
    } catch (failure) {
      setJustAcknowledged(false);
      console.error('Acknowledging an alert failed', failure);
      setError(
        failure instanceof Error ? failure.message : 'The alert could not be acknowledged. Please try again.',
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <li
      class={`alert-item ${props.alert.acknowledgedAt === null ? 'alert-open' : 'alert-done'}`}
      data-testid="alert-item"
      data-alert-id={props.alert.id}
      data-account={props.alerts.accountName(props.alert.accountId)}
      data-severity={props.alert.severity}
    >
      <div class="alert-head">
        <SeverityBadge severity={props.alert.severity} />
        <Show when={props.alert.escalatedAt}>
          <span class="alert-escalated" data-testid="alert-escalated">
            <span aria-hidden="true">⇧</span> Escalated
          </span>
        </Show>
        <span class="muted alert-kind">{kindName(props.alert.kind)}</span>
      </div>
      <Dynamic component={`h${props.headingLevel}`} class="alert-title" data-testid="alert-title">
        {props.alert.title}
      </Dynamic>
      <Show when={props.alert.body}>
        <p class="alert-body">{props.alert.body}</p>
      </Show>
      <p class="alert-meta muted">
        <Show when={props.showAccount}>
          <A class="alert-account" href={accountPath(props.alert.accountId)}>
            {props.alerts.accountName(props.alert.accountId)}
          </A>
          <span aria-hidden="true"> · </span>
        </Show>
        <time datetime={props.alert.createdAt}>{formatAlertTime(props.alert.createdAt)}</time>
        <Show when={props.alert.escalatedAt}>
          {(at) => (
            <>
              <span aria-hidden="true"> · </span>
              escalated at <time datetime={at()}>{formatAlertTime(at())}</time>
            </>
          )}
        </Show>
      </p>
      <div class="alert-actions">
        <Show
          when={acknowledged()}
          fallback={
            <Show when={props.alerts.canAcknowledge()}>
              <button
                type="button"
                class="button secondary alert-ack"
                data-testid="alert-ack"
                aria-disabled={busy()}
                onClick={() => void acknowledge()}
              >
                {busy() ? 'Acknowledging…' : 'Acknowledge'}
                <span class="visually-hidden">: {props.alert.title}</span>
              </button>
            </Show>
          }
        >
          {(text) => (
            <p class="alert-acknowledged" data-testid="alert-acknowledged" tabindex="-1" ref={confirmation}>
              <span aria-hidden="true">✓ </span>
              {text()}
              <Show when={pending()}>
                <span class="alert-pending"> · waiting to sync</span>
              </Show>
            </p>
          )}
        </Show>
      </div>
      <Show when={error()}>
        <p class="error alert-error" role="alert">
          {error()}
        </p>
      </Show>
    </li>
  );
}

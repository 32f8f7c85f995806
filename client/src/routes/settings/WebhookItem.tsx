/**
 * One webhook endpoint: where it sends, which events, whether it is on (and why not), its failures, and the
 * actions: enable or disable, delete (asked twice), and its delivery log.
 */
import type { WebhookEndpointView } from '@vitals/shared';
import { createSignal, Show, type JSX } from 'solid-js';
import { session } from '../../session/session';
import { WebhookDeliveries } from './WebhookDeliveries';
import { serverSettingsMessage } from './server-settings';
import { formatWhen } from './format-when';
import { endpointState, eventNames, failuresText } from './webhook-model';
import { changeWebhook, deleteWebhook } from './webhooks-api';

export function WebhookItem(props: {
  endpoint: WebhookEndpointView;
  onChanged: (endpoint: WebhookEndpointView) => void;
  onDeleted: (id: string) => void;
}): JSX.Element {
  const [busy, setBusy] = createSignal(false);
  const [confirming, setConfirming] = createSignal(false);
  const [showLog, setShowLog] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const state = () => endpointState(props.endpoint);
  const logId = (): string => `webhook-log-${props.endpoint.id}`;
  let keepButton: HTMLButtonElement | undefined;
  let deleteButton: HTMLButtonElement | undefined;

  const act = async (work: (tenantId: string) => Promise<void>): Promise<void> => {
    const tenantId = session()?.tenantId;
    if (!tenantId) return;
    setBusy(true);
    setError(null);
    try {
      await work(tenantId);
    } catch (failure) {
      setError(serverSettingsMessage(failure, 'Webhooks'));
    } finally {
      setBusy(false);
    }
  };

  const setEnabled = (enabled: boolean): Promise<void> =>
    act(async (tenantId) => {
      const { endpoint } = await changeWebhook(tenantId, props.endpoint.id, { enabled });
      props.onChanged(endpoint);
    });

  const remove = (): Promise<void> =>
    act(async (tenantId) => {
      await deleteWebhook(tenantId, props.endpoint.id);
      props.onDeleted(props.endpoint.id);
    });

  return (
    <li class="wh-item" data-testid="webhook-item" data-enabled={String(props.endpoint.enabled)}>
      <div class="wh-head">
        {/* A heading per endpoint: its delivery log (h4) and the page outline hang under it. */}
        <h3 class="wh-url">{props.endpoint.url}</h3>
        <span class={`pill ${state().on ? 'on' : 'off'}`} data-testid="webhook-state">
          <span aria-hidden="true">{state().on ? '✓' : '○'}</span> {state().on ? 'Enabled' : 'Disabled'}
        </span>
      </div>
      <Show when={props.endpoint.description}>
        <p class="wh-description">{props.endpoint.description}</p>
      </Show>
      <dl class="wh-facts">
        <div>
          <dt>Events</dt>
          <dd>{eventNames(props.endpoint.events)}</dd>
        </div>
        <Show when={!state().on}>
          <div>
            <dt>Why disabled</dt>
            <dd>{props.endpoint.disabledReason ?? 'Turned off by an owner or admin.'}</dd>
          </div>
        </Show>
        <Show when={failuresText(props.endpoint)}>
          {(text) => (
            <div>
              <dt>Failures</dt>
              <dd class="wh-failures">
                <span aria-hidden="true">⚠ </span>
                {text()}
              </dd>
            </div>
          )}
        </Show>
        <div>
          <dt>Added</dt>
          <dd>{formatWhen(props.endpoint.createdAt)}</dd>
        </div>
      </dl>

      <Show when={error()}>
        <p class="error" role="alert">
          {error()}
        </p>
      </Show>

      <Show
        when={confirming()}
        fallback={
          <div class="button-row">
            <button
              class="button secondary small"
              type="button"
              disabled={busy()}
              onClick={() => void setEnabled(!props.endpoint.enabled)}
            >
              {props.endpoint.enabled ? 'Disable' : 'Enable'}
            </button>
            <button
              class="button secondary small"
              type="button"
              aria-expanded={showLog()}
              aria-controls={showLog() ? logId() : undefined}
              onClick={() => setShowLog(!showLog())}
            >
              {showLog() ? 'Hide delivery log' : 'Delivery log'}
            </button>
            <button
              class="button secondary small"
              type="button"
              disabled={busy()}
              ref={deleteButton}
              onClick={() => {
                setConfirming(true);
                queueMicrotask(() => keepButton?.focus());
              }}
            >
              Delete…
            </button>
          </div>
        }
      >
        <div class="wh-confirm" role="group" aria-label="Confirm deletion">
          <p>Delete this endpoint? Vitals stops sending to it at once and its delivery log is removed.</p>
          <div class="button-row">
            <button class="button danger small" type="button" disabled={busy()} onClick={() => void remove()}>
              {busy() ? 'Deleting…' : 'Delete endpoint'}
            </button>
            <button
              class="button secondary small"
              type="button"
              ref={keepButton}
              onClick={() => {
                setConfirming(false);
                queueMicrotask(() => deleteButton?.focus());
              }}
            >
              Keep it
            </button>
          </div>
        </div>
      </Show>

      <Show when={showLog()}>
        <WebhookDeliveries endpoint={props.endpoint} id={logId()} />
      </Show>
    </li>
  );
}

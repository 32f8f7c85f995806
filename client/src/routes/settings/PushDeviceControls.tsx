/**
 * Push on this device: whether the browser can do it, the on/off switch, a test message, and the person's
 * devices that get notifications. The switch reflects the browser's real state (re-read when the page
 * regains focus, since the permission can change in the browser's settings), never what was last clicked.
 */
import { createSignal, For, onCleanup, onMount, Show, type JSX } from 'solid-js';
import { HttpError } from '../../api/http';
import { fetchPushDevices, sendTestNotification } from '../../push/push-api';
import { appName, deviceName, pushSwitchView, testResultText } from '../../push/push-state';
import {
  devicePushStatus,
  subscribeThisDevice,
  toPushError,
  unsubscribeThisDevice,
  type DevicePushStatus,
} from '../../push/push-subscription';
import { syncStatus } from '../../db/sync-status';
import { session } from '../../session/session';
import { formatWhen } from './format-when';
import { createServerData, serverSettingsMessage } from './server-settings';

/** `info`: nothing went wrong, but nothing happened either (no device to send to). */
type Outcome = { readonly kind: 'done' | 'info' | 'error'; readonly text: string };
const OUTCOME_LOOK = {
  done: { class: 'success', mark: '✓ ' },
  info: { class: 'warning-note', mark: 'ℹ ' },
  error: { class: 'error', mark: '⚠ ' },
} as const;

export function PushDeviceControls(): JSX.Element {
  const userId = (): string | null => session()?.user.id ?? null;
  const [status, setStatus] = createSignal<DevicePushStatus | null>(null);
  const [busy, setBusy] = createSignal<'switch' | 'test' | null>(null);
  const [outcome, setOutcome] = createSignal<Outcome | null>(null);
  const devices = createServerData(userId, () => fetchPushDevices());
  const view = () => pushSwitchView(status(), { online: syncStatus.online() });

  const refresh = async (): Promise<void> => {
    const id = userId();
    if (id) setStatus(await devicePushStatus(id));
  };
  onMount(() => {
    void refresh();
    const onVisible = (): void => {
      if (document.visibilityState === 'visible') void refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    onCleanup(() => document.removeEventListener('visibilitychange', onVisible));
  });

  const flip = async (on: boolean): Promise<void> => {
    const id = userId();
    if (!id) return;
    setBusy('switch');
    setOutcome(null);
    try {
      if (on) await subscribeThisDevice(id);
      else await unsubscribeThisDevice();
      setOutcome({
        kind: 'done',
        text: on ? 'Notifications are on for this device.' : 'Notifications are off for this device.',
      });
    } catch (error) {
      setOutcome({ kind: 'error', text: toPushError(error).message });
    } finally {
      await refresh();
      devices.reload();
      setBusy(null);
    }
  };

  const sendTest = async (): Promise<void> => {
    const tenantId = session()?.tenantId;
    if (!tenantId) return;
    setBusy('test');
    setOutcome(null);
    try {
      const result = await sendTestNotification(tenantId);
      setOutcome({ kind: result.sent > 0 ? 'done' : 'info', text: testResultText(result) });
      if (result.gone > 0) devices.reload();
    } catch (error) {
      setOutcome({ kind: 'error', text: serverSettingsMessage(error, 'Test notifications') });
    } finally {
      setBusy(null);
    }
  };

  return (
    <div class="push-device">
      <p class="push-ready" data-testid="push-support">
        <Show
          when={status()?.support === 'supported' || status() === null}
          fallback={
            <>
              <span aria-hidden="true">○ </span>Push notifications: not available in this browser
            </>
          }
        >
          <Show when={status()}>
            <span aria-hidden="true">✓ </span>Push notifications: ready
          </Show>
        </Show>
      </p>

      <label class="switch-row">
        <input
          type="checkbox"
          data-testid="push-toggle"
          checked={view().on}
          disabled={!view().enabled || busy() !== null}
          aria-describedby="push-state push-hint"
          onChange={(event) => {
            const wanted = event.currentTarget.checked;
            // The switch shows the device's real state: it moves once subscribing has worked.
            event.currentTarget.checked = view().on;
            void flip(wanted);
          }}
        />
        <span>
          <span class="choice-label">Notifications on this device</span>
          <span class="choice-hint" id="push-state" data-testid="push-state">
            {busy() === 'switch' ? (view().on ? 'Turning off…' : 'Turning on…') : view().state}
          </span>
          <span class="muted choice-hint" id="push-hint">
            {view().hint ??
              'Alerts for your accounts arrive here even when Vitals is closed; a tap opens the account.'}
          </span>
        </span>
      </label>

      <div class="button-row push-actions">
        <button
          class="button secondary"
          type="button"
          data-testid="push-test"
          disabled={busy() !== null || !syncStatus.online()}
          aria-describedby={syncStatus.online() ? undefined : 'push-test-offline'}
          onClick={() => void sendTest()}
        >
          {busy() === 'test' ? 'Sending…' : 'Send a test notification'}
        </button>
        <Show when={!syncStatus.online()}>
          <span class="muted" id="push-test-offline">
            Needs a connection.
          </span>
        </Show>
      </div>
      <p class="form-status" role="status">
        <Show when={outcome()}>
          {(o) => (
            <span class={OUTCOME_LOOK[o().kind].class}>
              <span aria-hidden="true">{OUTCOME_LOOK[o().kind].mark}</span>
              {o().text}
            </span>
          )}
        </Show>
      </p>

      <h4 class="push-devices-title">Your devices with notifications on</h4>
      <Show
        when={!devices.error()}
        fallback={
          <p class="muted" data-testid="push-devices-error">
            {devices.error() instanceof HttpError && (devices.error() as HttpError).offline
              ? 'You are offline: the list of your devices loads once you are back online.'
              : serverSettingsMessage(devices.error(), 'Your devices')}
          </p>
        }
      >
        <Show when={devices.value()} fallback={<p class="muted">Loading your devices…</p>}>
          {(list) => (
            <Show
              when={list().subscriptions.length + list().apps.length > 0}
              fallback={
                <p class="muted">None yet. Turn notifications on above on each device you want alerts on.</p>
              }
            >
              <ul class="push-devices" data-testid="push-devices">
                <For each={list().subscriptions}>
                  {(device) => (
                    <li>
                      <span class="choice-label">
                        {deviceName(device.userAgent)}
                        <Show when={device.id === status()?.deviceId}>
                          <span class="pill on">This device</span>
                        </Show>
                      </span>
                      <span class="muted choice-hint">
                        Added {formatWhen(device.createdAt)} · last notified{' '}
                        {device.lastSuccessAt ? formatWhen(device.lastSuccessAt) : 'never'} · via{' '}
                        {device.endpointHost}
                      </span>
                    </li>
                  )}
                </For>
                <For each={list().apps}>
                  {(app) => (
                    <li>
                      <span class="choice-label">{appName(app.platform)}</span>
                      <span class="muted choice-hint">
                        Added {formatWhen(app.createdAt)} · last notified{' '}
                        {app.lastSuccessAt ? formatWhen(app.lastSuccessAt) : 'never'} · via Firebase Cloud Messaging
                      </span>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          )}
        </Show>
      </Show>
    </div>
  );
}

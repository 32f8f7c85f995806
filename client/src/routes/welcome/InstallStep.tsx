/**
 * Step 4 (`/welcome/install`): install the app (the browser's own offer when it made one, else where to find
 * it) and turn on notifications on this device (the same subscription as Settings → Notifications). Both
 * optional; "Go to your dashboard" ends the wizard.
 */
import { useNavigate } from '@solidjs/router';
import { createSignal, onMount, Show, type JSX } from 'solid-js';
import { syncStatus } from '../../db/sync-status';
import { pushSwitchView } from '../../push/push-state';
import {
  devicePushStatus,
  readPushEnvironment,
  subscribeThisDevice,
  toPushError,
  type DevicePushStatus,
} from '../../push/push-subscription';
import { appInstalled, installOffered, promptInstall } from '../../session/install-prompt';
import { signedInUser } from '../../session/session';
import { OutcomeLine } from '../sign-up/AuthCard';
import { installHelp, nextPath } from './welcome-model';

type Outcome = { readonly kind: 'done' | 'info' | 'error'; readonly text: string };

function InstallApp(): JSX.Element {
  const env = readPushEnvironment();
  const [outcome, setOutcome] = createSignal<Outcome | null>(null);
  const help = (): ReturnType<typeof installHelp> =>
    installHelp({
      standalone: env.standalone,
      appleMobile: env.appleMobile,
      offered: installOffered(),
      installed: appInstalled(),
    });
  const install = async (): Promise<void> => {
    const result = await promptInstall().catch(() => 'unavailable' as const);
    setOutcome(
      result === 'accepted'
        ? { kind: 'done', text: 'Vitals is being installed on this device.' }
        : result === 'dismissed'
          ? { kind: 'info', text: "Not installed. You can install Vitals later from your browser's menu." }
          : { kind: 'info', text: "Use your browser's Install app menu instead." },
    );
  };
  return (
    <section class="welcome-part" aria-labelledby="install-title">
      <h2 id="install-title">Install the app</h2>
      <p>
        <Show when={help().kind === 'installed'}>
          <span aria-hidden="true">✓ </span>
        </Show>
        {help().text}
      </p>
      <Show when={help().kind === 'button'}>
        <button type="button" class="button secondary" onClick={() => void install()}>
          Install
        </button>
      </Show>
      <OutcomeLine outcome={outcome()} />
    </section>
  );
}

function TurnOnNotifications(): JSX.Element {
  const userId = (): string | null => signedInUser()?.id ?? null;
  const [status, setStatus] = createSignal<DevicePushStatus | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [outcome, setOutcome] = createSignal<Outcome | null>(null);
  const view = (): ReturnType<typeof pushSwitchView> =>
    pushSwitchView(status(), { online: syncStatus.online() });

  const refresh = async (): Promise<void> => {
    const id = userId();
    if (id) setStatus(await devicePushStatus(id));
  };
  onMount(() => void refresh());

  const turnOn = async (): Promise<void> => {
    const id = userId();
    if (!id || busy()) return;
    setBusy(true);
    setOutcome(null);
    try {
      await subscribeThisDevice(id);
      setOutcome({ kind: 'done', text: 'Notifications are on for this device.' });
    } catch (error) {
      setOutcome({ kind: 'error', text: toPushError(error).message });
    } finally {
      await refresh();
      setBusy(false);
    }
  };

  return (
    <section class="welcome-part" aria-labelledby="notify-title">
      <h2 id="notify-title">Notifications</h2>
      <p>Get an alert on this device when a customer's health drops, or a playbook step is yours.</p>
      <p data-testid="welcome-push-state">Notifications on this device: {view().state}</p>
      <Show when={view().hint}>
        <p class="muted">{view().hint}</p>
      </Show>
      <Show when={!view().on && view().enabled}>
        <button
          type="button"
          class="button secondary"
          disabled={busy()}
          aria-busy={busy()}
          onClick={() => void turnOn()}
        >
          {busy() ? 'Turning on…' : 'Turn on notifications'}
        </button>
      </Show>
      <OutcomeLine outcome={outcome()} />
    </section>
  );
}

export function InstallStep(): JSX.Element {
  const navigate = useNavigate();
  return (
    <>
      <p class="muted">Both are optional, and both can be changed later in Settings.</p>
      <InstallApp />
      <TurnOnNotifications />
      <div class="welcome-actions">
        <button type="button" class="button" onClick={() => navigate(nextPath('install'), { replace: true })}>
          Go to your dashboard
        </button>
      </div>
    </>
  );
}

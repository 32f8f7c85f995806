import { A, useLocation, useNavigate } from '@solidjs/router';
import { can, type Role } from '@vitals/shared';
import { createEffect, createSignal, For, on, Show, type JSX } from 'solid-js';
import { SyncIndicator } from '../../components/SyncIndicator';
import { syncStatus } from '../../db/sync-status';
import { currentTenant, session, setKeepOffline, switchTenant } from '../../session/session';
import { useTenantData } from '../../state/tenant-data';
import { applyTheme, loadTheme, type ThemeChoice } from '../../theme';
import { AlertRulesSection } from './AlertRulesSection';
import { BillingSection } from './BillingSection';
import { MfaSection } from './MfaSection';
import { NotificationsSection } from './NotificationsSection';
import { PasswordForm } from './PasswordForm';
import { PrivacySection } from './PrivacySection';
import { TeamSection } from './TeamSection';
import { WebhooksSection } from './WebhooksSection';
import { createAlertRules } from './alert-rules-data';
import { signOutThisDevice } from './sign-out';
import './settings.css';

const ROLE_NAMES: Record<Role, string> = {
  owner: 'Owner',
  admin: 'Admin',
  manager: 'Manager',
  csm: 'CSM',
  viewer: 'Viewer',
};
const THEMES: { value: ThemeChoice; label: string; hint: string }[] = [
  { value: 'system', label: 'Match this device', hint: 'Light or dark as the system is set' },
  { value: 'light', label: 'Light', hint: 'Best in bright rooms' },
  { value: 'dark', label: 'Dark', hint: 'Easier on the eyes at night' },
];

/** Sections other screens link to (`/settings#notifications`): moved to, and focused, when the hash names them. */
const LINKED_SECTIONS = ['notifications', 'team', 'alert-rules', 'billing', 'webhooks', 'privacy'] as const;

export function Settings(): JSX.Element {
  const data = useTenantData();
  const navigate = useNavigate();
  const location = useLocation();
  const alertRules = createAlertRules(data);
  const canManageWebhooks = (): boolean => {
    const role = currentTenant()?.role;
    return role ? can(role, 'settings.tenant') : false;
  };

  // The router scrolls to a hash only when it navigates, often before this page has drawn (and never on a
  // first load), so the page does it once drawn; focus follows, for keyboard and screen-reader users.
  createEffect(
    on(
      () => location.hash,
      (hash) => {
        const id = decodeURIComponent(hash.replace(/^#/, ''));
        if (!(LINKED_SECTIONS as readonly string[]).includes(id)) return;
        const section = document.getElementById(id);
        section?.scrollIntoView();
        section?.focus({ preventScroll: true });
      },
    ),
  );
  const [theme, setTheme] = createSignal<ThemeChoice>(loadTheme());
  const [confirming, setConfirming] = createSignal(false);
  const [signingOut, setSigningOut] = createSignal(false);
  const keep = (): boolean => session()?.keepOffline ?? true;
  const tenants = (): readonly { id: string; name: string; role: Role }[] => session()?.tenants ?? [];

  const signOut = async (): Promise<void> => {
    // Deleting local data would also delete writes the server has not seen: ask first.
    if (!keep() && syncStatus.pending() > 0 && !confirming()) {
      setConfirming(true);
      return;
    }
    setSigningOut(true);
    await signOutThisDevice(data, { deleteLocalData: !keep() });
    navigate('/sign-in', { replace: true });
  };

  return (
    <>
      <header class="topbar">
        <h1>Settings</h1>
        <SyncIndicator />
      </header>

      <div class="settings">
        <nav class="settings-toc" aria-label="Settings sections">
          <a href="#notifications">Notifications</a>
          <a href="#team">Team</a>
          <a href="#alert-rules">Alert rules</a>
          <Show when={canManageWebhooks()}>
            <a href="#billing">Plan and usage</a>
            <a href="#webhooks">Webhooks</a>
          </Show>
          <a href="#privacy">Privacy and data</a>
        </nav>

        <section class="card settings-card" aria-labelledby="profile-title">
          <h2 id="profile-title">Profile</h2>
          <dl class="profile">
            <div>
              <dt>Name</dt>
              <dd data-testid="profile-name">{session()?.user.name}</dd>
            </div>
            <div>
              <dt>Email</dt>
              <dd>{session()?.user.email}</dd>
            </div>
            <div>
              <dt>Workspace</dt>
              <dd>
                {currentTenant()?.name ?? '—'}
                <Show when={currentTenant()}>
                  <span class="muted"> · {ROLE_NAMES[currentTenant()!.role]}</span>
                </Show>
              </dd>
            </div>
          </dl>
          <Show when={tenants().length > 1}>
            <fieldset class="choice-group" data-testid="tenant-switcher">
              <legend>Switch workspace</legend>
              <p class="muted">Each workspace keeps its own data on this device.</p>
              <For each={tenants()}>
                {(t) => (
                  <label class="choice">
                    <input
                      type="radio"
                      name="tenant"
                      value={t.id}
                      checked={session()?.tenantId === t.id}
                      onChange={() => switchTenant(t.id)}
                    />
                    <span>
                      <span class="choice-label">{t.name}</span>
                      <span class="muted choice-hint">{ROLE_NAMES[t.role]}</span>
                    </span>
                  </label>
                )}
              </For>
            </fieldset>
          </Show>
          <p>
            <A href="/welcome" data-testid="new-workspace">
              Create another workspace
            </A>
            <span class="muted"> — for another team or company, with its own data, members and plan.</span>
          </p>
        </section>

        <NotificationsSection rules={alertRules} />

        <TeamSection />

        <AlertRulesSection rules={alertRules} />

        <section class="card settings-card" aria-labelledby="security-title">
          <h2 id="security-title">Sign-in and security</h2>
          <PasswordForm />
          <hr />
          <MfaSection />
        </section>

        <section class="card settings-card" aria-labelledby="appearance-title">
          <h2 id="appearance-title">Appearance</h2>
          <fieldset class="choice-group theme-choices" id="theme">
            <legend>Theme</legend>
            <For each={THEMES}>
              {(t) => (
                <label class="choice">
                  <input
                    type="radio"
                    name="theme"
                    value={t.value}
                    checked={theme() === t.value}
                    onChange={() => {
                      setTheme(t.value);
                      applyTheme(t.value);
                    }}
                  />
                  <span>
                    <span class="choice-label">{t.label}</span>
                    <span class="muted choice-hint">{t.hint}</span>
                  </span>
                </label>
              )}
            </For>
          </fieldset>
        </section>

        <section class="card settings-card" aria-labelledby="device-title">
          <h2 id="device-title">This device</h2>
          <label class="switch-row">
            <input
              type="checkbox"
              checked={keep()}
              onChange={(e) => {
                setKeepOffline(e.currentTarget.checked);
                setConfirming(false);
              }}
              aria-describedby="keep-offline-hint"
            />
            <span>
              <span class="choice-label">Keep offline data on this device when I sign out</span>
              <span class="muted choice-hint" id="keep-offline-hint">
                On: the next sign-in opens instantly, even without a connection. Off: signing out deletes{' '}
                {currentTenant()?.name ?? 'this workspace'}’s data from this device; choose this on a shared
                device.
              </span>
            </span>
          </label>
          <div class="sign-out">
            <p class="muted">
              {keep()
                ? `Signing out keeps ${currentTenant()?.name ?? 'this workspace'}’s data on this device.`
                : `Signing out deletes ${currentTenant()?.name ?? 'this workspace'}’s data from this device.`}
              {syncStatus.pending() > 0
                ? ` ${syncStatus.pending()} change${syncStatus.pending() === 1 ? ' has' : 's have'} not synced yet.`
                : ''}
            </p>
            <Show when={confirming()}>
              <p class="error" role="alert">
                {syncStatus.pending()} change{syncStatus.pending() === 1 ? '' : 's'} made on this device{' '}
                {syncStatus.pending() === 1 ? 'has' : 'have'} not reached the server. Signing out now deletes{' '}
                {syncStatus.pending() === 1 ? 'it' : 'them'}. Connect and wait for “All changes synced”, or
                keep the offline data.
              </p>
            </Show>
            <div class="button-row">
              <button
                class={`button ${confirming() ? 'danger' : 'secondary'}`}
                type="button"
                onClick={() => void signOut()}
                disabled={signingOut()}
              >
                {signingOut()
                  ? 'Signing out…'
                  : confirming()
                    ? 'Sign out and delete unsynced changes'
                    : 'Sign out'}
              </button>
              <Show when={confirming()}>
                <button class="button secondary" type="button" onClick={() => setConfirming(false)}>
                  Cancel
                </button>
              </Show>
            </div>
          </div>
        </section>

        <Show when={canManageWebhooks()}>
          <BillingSection />
          <WebhooksSection />
        </Show>

        <PrivacySection />
      </div>
    </>
  );
}

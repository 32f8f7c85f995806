import { A } from '@solidjs/router';
import { For, Show, type Accessor, type JSX } from 'solid-js';
import { createAlertsData } from '../routes/alerts/alerts-data';
import { AlertsNavBadge } from '../routes/alerts/AlertsNavBadge';
import { NewAlertNotice } from '../routes/alerts/NewAlertNotice';
import { currentTenant, session, sessionEnded, switchTenant } from '../session/session';

/**
 * `wideOnly`: left out of the phone's bottom bar, which fits five labels: meeting mode is for tablets, and
 * reports and imports for desktops (DESIGN.md's situations); all three stay in the sidebar. Alerts are on
 * the phone's bar: phones are where people act on them.
 */
const NAV: readonly { href: string; label: string; icon: string; wideOnly?: boolean }[] = [
  { href: '/', label: 'Portfolio', icon: '▦' },
  { href: '/assistant', label: 'Assistant', icon: '✦' },
  { href: '/playbooks', label: 'Playbooks', icon: '☑' },
  { href: '/alerts', label: 'Alerts', icon: '⚑' },
  { href: '/meeting', label: 'Meeting', icon: '◫', wideOnly: true },
  { href: '/reports', label: 'Reports', icon: '▤', wideOnly: true },
  { href: '/import', label: 'Import', icon: '⇪', wideOnly: true },
  { href: '/settings', label: 'Settings', icon: '⚙' },
];

/** The main destinations, the same in the sidebar and the bottom navigation. */
function NavLinks(props: { unacknowledged: Accessor<number> }): JSX.Element {
  return (
    <For each={NAV}>
      {(item) => (
        <A href={item.href} end={item.href === '/'} class={item.wideOnly ? 'nav-wide-only' : undefined}>
          <span aria-hidden="true">{item.icon}</span>
          {item.label}
          <Show when={item.href === '/alerts'}>
            <AlertsNavBadge count={props.unacknowledged()} />
          </Show>
        </A>
      )}
    </For>
  );
}

/**
 * Sidebar on desktop, bottom navigation on phones; the session-expired banner above every page, and the
 * notice of an alert arriving while the app is open.
 */
export function AppShell(props: { children?: JSX.Element }): JSX.Element {
  const alerts = createAlertsData();
  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <nav class="sidebar nav" aria-label="Main">
        <div class="brand">
          <img src="/icons/icon.svg" alt="" />
          <span>Vitals</span>
        </div>
        <NavLinks unacknowledged={alerts.unacknowledged} />
        <Show when={(session()?.tenants.length ?? 0) > 1}>
          <label class="field" style={{ 'margin-top': 'auto' }}>
            <span class="muted">Workspace</span>
            <select value={session()?.tenantId} onChange={(e) => switchTenant(e.currentTarget.value)}>
              <For each={session()?.tenants}>{(t) => <option value={t.id}>{t.name}</option>}</For>
            </select>
          </label>
        </Show>
        <Show when={(session()?.tenants.length ?? 0) <= 1}>
          <p class="muted" style={{ 'margin-top': 'auto', padding: '0 12px' }}>
            {currentTenant()?.name}
          </p>
        </Show>
      </nav>
      <main class="main" id="main">
        <Show when={sessionEnded()}>
          <div class="banner" role="alert">
            <span>Your session has ended. Your data and changes are safe on this device; sign in again to sync them.</span>
            <A class="button" href="/sign-in">
              Sign in again
            </A>
          </div>
        </Show>
        {props.children}
        <NewAlertNotice alerts={alerts} />
      </main>
      <nav class="bottom-nav nav" aria-label="Main">
        <NavLinks unacknowledged={alerts.unacknowledged} />
      </nav>
    </div>
  );
}

/**
 * The wizard's steps after the first run inside the new workspace's local database (importing writes into
 * it, and it syncs like any change), under the wizard's frame rather than the app's shell. Without a
 * workspace yet, back to naming one.
 */
import { Navigate, type RouteSectionProps } from '@solidjs/router';
import { createMemo, Show, type JSX } from 'solid-js';
import { session } from '../../session/session';
import { TenantDataProvider } from '../../state/tenant-data';

export function WelcomeTenant(props: RouteSectionProps): JSX.Element {
  // Re-open the database only when the user or workspace changes (as the app's SignedIn does).
  const key = createMemo(() => {
    const s = session();
    return s ? JSON.stringify([s.user.id, s.tenantId]) : null;
  });
  return (
    <Show when={key()} fallback={<Navigate href="/welcome" />} keyed>
      {(_key) => {
        const s = session()!;
        return (
          <TenantDataProvider
            userId={s.user.id}
            tenantId={s.tenantId}
            fallback={<p class="muted">Opening your workspace…</p>}
          >
            {props.children}
          </TenantDataProvider>
        );
      }}
    </Show>
  );
}

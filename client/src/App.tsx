import { Navigate, Route, Router, type RouteSectionProps } from '@solidjs/router';
import { Show, type JSX } from 'solid-js';
import { AppShell } from './components/AppShell';
import { Account } from './routes/account/Account';
import { Portfolio } from './routes/portfolio/Portfolio';
import { Settings } from './routes/settings/Settings';
import { SignIn } from './routes/sign-in/SignIn';
import { session } from './session/session';
import { TenantDataProvider } from './state/tenant-data';

/** Signed-in pages: the tenant's local database around the shell. Offline start needs no network here. */
function SignedIn(props: RouteSectionProps): JSX.Element {
  return (
    <Show when={session()} fallback={<Navigate href="/sign-in" />} keyed>
      {(s) => (
        <TenantDataProvider userId={s.user.id} tenantId={s.tenantId} fallback={<div class="center-page muted">Opening your data…</div>}>
          <AppShell>{props.children}</AppShell>
        </TenantDataProvider>
      )}
    </Show>
  );
}

export function App(): JSX.Element {
  return (
    <Router>
      <Route path="/sign-in" component={SignIn} />
      <Route path="/" component={SignedIn}>
        <Route path="/" component={Portfolio} />
        <Route path="/accounts/:id" component={Account} />
        <Route path="/settings" component={Settings} />
      </Route>
      <Route path="*" component={() => <Navigate href="/" />} />
    </Router>
  );
}

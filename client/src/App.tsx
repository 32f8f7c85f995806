import { Navigate, Route, Router, useNavigate, type RouteSectionProps } from '@solidjs/router';
import { createMemo, lazy, onMount, Show, type JSX } from 'solid-js';
import { AppShell } from './components/AppShell';
import { Account } from './routes/account/Account';
import { Portfolio } from './routes/portfolio/Portfolio';
import { SignIn } from './routes/sign-in/SignIn';
import { accountDestination, DESTINATION_PATHS } from './session/account-model';
import { pendingAccount, session, switchTenant } from './session/session';
import { ChatQueueWatcher } from './state/chat-queue-watcher';
import { TenantDataProvider } from './state/tenant-data';

// Meeting mode is for tablets in meetings: loaded on first use (and precached for offline), not at start-up.
const Meeting = lazy(() => import('./routes/meeting/Meeting').then((m) => ({ default: m.Meeting })));
// Reports are made now and then, on desktops mostly: loaded on first use, like Meeting.
const Reports = lazy(() => import('./routes/reports/Reports').then((m) => ({ default: m.Reports })));
// Imports are a desktop task now and then; the spreadsheet reader itself loads only in its Web Worker.
const Upload = lazy(() => import('./routes/upload/Upload').then((m) => ({ default: m.Upload })));
// The assistant (with its query engine and charts) loads on first use, like the others.
const Assistant = lazy(() => import('./routes/assistant/Assistant').then((m) => ({ default: m.Assistant })));
// Playbooks (overview, runs, thresholds): one module, loaded on first use like the others.
const playbooks = () => import('./routes/playbooks/routes');
const PlaybooksOverview = lazy(() => playbooks().then((m) => ({ default: m.PlaybooksOverview })));
const PlaybookRun = lazy(() => playbooks().then((m) => ({ default: m.RunPage })));
const PlaybookThresholds = lazy(() => playbooks().then((m) => ({ default: m.ConfigurePage })));
// The alert inbox loads on first use; the nav badge and the account card need only the small alert views.
// Settings holds the notification, alert-rule and webhook forms: loaded when opened, not with every start.
const Settings = lazy(() => import('./routes/settings/Settings').then((m) => ({ default: m.Settings })));
const AlertsInbox = lazy(() => import('./routes/alerts/AlertsInbox').then((m) => ({ default: m.AlertsInbox })));
// Signing up, confirming an address, accepting an invitation and the first-workspace wizard happen once per
// person: each loaded when opened (sign-in stays in the start-up bundle).
const SignUp = lazy(() => import('./routes/sign-up/SignUp').then((m) => ({ default: m.SignUp })));
const VerifyEmail = lazy(() => import('./routes/verify-email/VerifyEmail').then((m) => ({ default: m.VerifyEmail })));
const AcceptInvitation = lazy(() =>
  import('./routes/accept-invitation/AcceptInvitation').then((m) => ({ default: m.AcceptInvitation })),
);
const welcome = () => import('./routes/welcome/routes');
const WelcomeFrame = lazy(() => welcome().then((m) => ({ default: m.WelcomeFrame })));
const WelcomeTenant = lazy(() => welcome().then((m) => ({ default: m.WelcomeTenant })));
const WorkspaceStep = lazy(() => welcome().then((m) => ({ default: m.WorkspaceStep })));
const DataStep = lazy(() => welcome().then((m) => ({ default: m.DataStep })));
const TeamStep = lazy(() => welcome().then((m) => ({ default: m.TeamStep })));
const InstallStep = lazy(() => welcome().then((m) => ({ default: m.InstallStep })));

/** Not in a workspace: an account without one goes to confirm its address or name its first; else sign in. */
function NotInWorkspace(): JSX.Element {
  const pending = pendingAccount();
  return <Navigate href={pending ? DESTINATION_PATHS[accountDestination(pending)] : '/sign-in'} />;
}

/** Signed-in pages: the tenant's local database around the shell. Offline start needs no network here. */
function SignedIn(props: RouteSectionProps): JSX.Element {
  // A notification names its workspace (`?tenant=`, sw.ts): open that one before the page, so an alert of
  // another workspace does not land on "Account not found". Unknown ids are ignored (switchTenant checks).
  const navigate = useNavigate();
  const tenant = props.location.query.tenant;
  if (typeof tenant === 'string' && tenant !== '') {
    switchTenant(tenant);
    // Then out of the address, so a reload or a shared link does not switch again.
    onMount(() => {
      const query = new URLSearchParams(props.location.search);
      query.delete('tenant');
      const rest = query.toString();
      navigate(`${props.location.pathname}${rest ? `?${rest}` : ''}${props.location.hash}`, { replace: true });
    });
  }
  // Re-open the database only when the user or tenant changes. A refreshed profile or the offline-data
  // choice also replace the session object, and must not remount every page (losing focus and form state).
  const key = createMemo(() => {
    const s = session();
    return s ? JSON.stringify([s.user.id, s.tenantId]) : null;
  });
  return (
    <Show when={key()} fallback={<NotInWorkspace />} keyed>
      {(_key) => {
        const s = session()!;
        return (
          <TenantDataProvider userId={s.user.id} tenantId={s.tenantId} fallback={<div class="center-page muted">Opening your data…</div>}>
            <ChatQueueWatcher userId={s.user.id} tenantId={s.tenantId} />
            <AppShell>{props.children}</AppShell>
          </TenantDataProvider>
        );
      }}
    </Show>
  );
}

export function App(): JSX.Element {
  return (
    <Router>
      <Route path="/sign-in" component={SignIn} />
      <Route path="/sign-up" component={SignUp} />
      <Route path="/verify-email" component={VerifyEmail} />
      <Route path="/accept-invitation" component={AcceptInvitation} />
      {/* The wizard: its own small frame; the steps after the first inside the new workspace's database. */}
      <Route path="/welcome" component={WelcomeFrame}>
        <Route path="/" component={WorkspaceStep} />
        <Route path="/" component={WelcomeTenant}>
          <Route path="/data" component={DataStep} />
          <Route path="/team" component={TeamStep} />
          <Route path="/install" component={InstallStep} />
        </Route>
      </Route>
      <Route path="/" component={SignedIn}>
        <Route path="/" component={Portfolio} />
        <Route path="/accounts/:id" component={Account} />
        <Route path="/reports" component={Reports} />
        <Route path="/import" component={Upload} />
        <Route path="/assistant/:conversationId?" component={Assistant} />
        <Route path="/playbooks" component={PlaybooksOverview} />
        <Route path="/playbooks/runs/:id" component={PlaybookRun} />
        <Route path="/playbooks/configure" component={PlaybookThresholds} />
        <Route path="/alerts" component={AlertsInbox} />
        <Route path="/settings" component={Settings} />
        {/* One route for both views, so moving between accounts keeps the component (and full screen). */}
        <Route path="/meeting/:accountId?" component={Meeting} />
      </Route>
      <Route path="*" component={() => <Navigate href="/" />} />
    </Router>
  );
}

import { render } from 'solid-js/web';
import { me } from './api/auth';
import { whenSessionEnds } from './api/http';
import { App } from './App';
import { captureInstallPrompt } from './session/install-prompt';
import { markSessionEnded, pendingAccount, session, signedIn } from './session/session';
import './styles.css';
import { applyTheme, loadTheme } from './theme';
import { registerServiceWorker } from './sw-register';

applyTheme(loadTheme());
// Before anything else loads: the browser offers the install once, early (the welcome wizard uses it).
captureInstallPrompt();
whenSessionEnds(markSessionEnded);
render(() => <App />, document.getElementById('root')!);
registerServiceWorker();
// In the mobile app, a tapped notification opens its account (push/native.ts); nothing happens in a browser.
if ('Capacitor' in window) void import('./push/native').then((m) => m.listenForNotificationTaps());

// Confirm the stored session (or the account still without a workspace) in the background; offline, the
// app keeps working from local data.
if (session() || pendingAccount()) {
  me()
    .then((result) => signedIn(result))
    .catch(() => undefined);
}

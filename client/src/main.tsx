import { render } from 'solid-js/web';
import { me } from './api/auth';
import { whenSessionEnds } from './api/http';
import { App } from './App';
import { markSessionEnded, session, signedIn } from './session/session';
import './styles.css';
import { applyTheme, loadTheme } from './theme';
import { registerServiceWorker } from './sw-register';

applyTheme(loadTheme());
whenSessionEnds(markSessionEnded);
render(() => <App />, document.getElementById('root')!);
registerServiceWorker();

// Confirm the stored session in the background; offline, the app keeps working from local data.
if (session()) {
  me()
    .then((result) => signedIn(result))
    .catch(() => undefined);
}

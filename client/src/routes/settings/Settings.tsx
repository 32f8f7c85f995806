import { useNavigate } from '@solidjs/router';
import { createSignal, type JSX } from 'solid-js';
import { logout } from '../../api/auth';
import { SyncIndicator } from '../../components/SyncIndicator';
import { syncStatus } from '../../db/sync-status';
import { clearSession, session, setKeepOffline } from '../../session/session';
import { useTenantData } from '../../state/tenant-data';
import { applyTheme, loadTheme, type ThemeChoice } from '../../theme';

export function Settings(): JSX.Element {
  const data = useTenantData();
  const navigate = useNavigate();
  const [theme, setTheme] = createSignal<ThemeChoice>(loadTheme());

  const signOut = async (): Promise<void> => {
    const keep = session()?.keepOffline ?? true;
    await logout().catch(() => undefined);
    await data.sync.stop();
    if (!keep) {
      await data.db.remove();
      syncStatus.reset();
    }
    clearSession();
    navigate('/sign-in', { replace: true });
  };

  return (
    <>
      <header class="topbar">
        <h1>Settings</h1>
        <SyncIndicator />
      </header>
      <section class="card">
        <h2 style={{ 'font-size': '1.1rem', 'margin-top': 0 }}>Profile</h2>
        <p>
          {session()?.user.name} <span class="muted">({session()?.user.email})</span>
        </p>
        <div class="field">
          <label for="theme">Theme</label>
          <select
            id="theme"
            value={theme()}
            onChange={(e) => {
              const choice = e.currentTarget.value as ThemeChoice;
              setTheme(choice);
              applyTheme(choice);
            }}
          >
            <option value="system">Follow the system</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </div>
        <div class="field">
          <label>
            <input type="checkbox" checked={session()?.keepOffline ?? true} onChange={(e) => setKeepOffline(e.currentTarget.checked)} /> Keep offline data on this
            device when I sign out
          </label>
        </div>
        <button class="button secondary" type="button" onClick={() => void signOut()}>
          Sign out
        </button>
      </section>
    </>
  );
}

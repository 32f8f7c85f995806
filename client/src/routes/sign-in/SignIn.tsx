import { A, useNavigate, useSearchParams } from '@solidjs/router';
import { createSignal, Show, type JSX } from 'solid-js';
import { login, verifyMfa } from '../../api/auth';
import { HttpError } from '../../api/http';
import { afterSignIn } from '../../session/account-model';
import { signedIn, signedInUser } from '../../session/session';

/**
 * Email and password, then a TOTP or recovery code when the account has MFA. Afterwards `?next=` (a page of
 * this app, such as an invitation waiting to be accepted) or wherever the account belongs: the app, the
 * first-workspace wizard, or "check your inbox" for an address not confirmed yet.
 */
export function SignIn(): JSX.Element {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = createSignal(signedInUser()?.email ?? '');
  const [password, setPassword] = createSignal('');
  const [code, setCode] = createSignal('');
  const [step, setStep] = createSignal<'password' | 'mfa'>('password');
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  const finish = (result: Parameters<typeof signedIn>[0]): void => {
    signedIn(result);
    navigate(afterSignIn(result, params.next), { replace: true });
  };

  const submit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (step() === 'password') {
        const result = await login(email().trim(), password());
        if ('mfaRequired' in result) setStep('mfa');
        else finish(result);
      } else {
        finish(await verifyMfa(code()));
      }
    } catch (e) {
      setError(e instanceof HttpError ? e.message : 'Something went wrong. Please try again.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="center-page">
      <main class="card sign-in" id="main">
        <div class="brand">
          <img src="/icons/icon.svg" alt="" />
          <h1 style={{ margin: 0, 'font-size': '1.4rem' }}>Sign in to Vitals</h1>
        </div>
        <form onSubmit={submit} novalidate>
          <Show
            when={step() === 'password'}
            fallback={
              <div class="field">
                <label for="code">Authentication code</label>
                <input id="code" inputmode="numeric" autocomplete="one-time-code" value={code()} onInput={(e) => setCode(e.currentTarget.value)} required />
                <span class="muted">The 6-digit code from your authenticator app, or a recovery code.</span>
              </div>
            }
          >
            <div class="field">
              <label for="email">Email</label>
              <input id="email" type="email" autocomplete="username" value={email()} onInput={(e) => setEmail(e.currentTarget.value)} required />
            </div>
            <div class="field">
              <label for="password">Password</label>
              <input id="password" type="password" autocomplete="current-password" value={password()} onInput={(e) => setPassword(e.currentTarget.value)} required />
            </div>
          </Show>
          <Show when={params.deleted === 'account' && !error()}>
            <p class="notice-info" role="status">
              Your Vitals account was deleted, with what this device kept of it.
            </p>
          </Show>
          <Show when={error()}>
            <p class="error" role="alert">
              {error()}
            </p>
          </Show>
          <button class="button" type="submit" disabled={busy()} style={{ width: '100%' }}>
            {busy() ? 'Signing in…' : step() === 'password' ? 'Sign in' : 'Verify'}
          </button>
        </form>
        <p class="auth-switch">
          New to Vitals? <A href="/sign-up">Create an account</A>
        </p>
      </main>
    </div>
  );
}

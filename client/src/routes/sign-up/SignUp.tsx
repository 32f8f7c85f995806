/**
 * `/sign-up`: name, work email and password (its rule shown before typing). The new account is signed in
 * at once but has no workspace and an unconfirmed address: next is "check your inbox" (`/verify-email`).
 */
import { A, useNavigate } from '@solidjs/router';
import { createSignal, Show, type JSX } from 'solid-js';
import { signUp } from '../../api/auth';
import { signedIn } from '../../session/session';
import { AuthCard, FieldError, NameField, NewPasswordField } from './AuthCard';
import { checkAccountForm, signUpErrors, type AccountErrors } from './signup-model';

export function SignUp(): JSX.Element {
  const navigate = useNavigate();
  const [name, setName] = createSignal('');
  const [email, setEmail] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [errors, setErrors] = createSignal<AccountErrors>({});
  const [busy, setBusy] = createSignal(false);

  const submit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    if (busy()) return;
    const checked = checkAccountForm({ name: name(), email: email(), password: password() });
    if (!checked.ok) {
      setErrors(checked.errors);
      focusFirstError();
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      signedIn(await signUp(checked.input));
      navigate('/verify-email', { replace: true });
    } catch (error) {
      setErrors(signUpErrors(error));
      focusFirstError();
    } finally {
      setBusy(false);
    }
  };

  const focusFirstError = (): void => {
    queueMicrotask(() => document.querySelector<HTMLElement>('.auth-card [aria-invalid="true"]')?.focus());
  };

  return (
    <AuthCard title="Create your Vitals account">
      <p class="muted auth-lead">Free to start. You name your workspace and invite your team next.</p>
      <form onSubmit={submit} novalidate>
        <NameField id="signup-name" value={name()} onInput={setName} error={errors().name} />
        <div class="field">
          <label for="signup-email">Work email</label>
          <input
            id="signup-email"
            type="email"
            autocomplete="email"
            value={email()}
            onInput={(e) => setEmail(e.currentTarget.value)}
            aria-invalid={errors().email ? 'true' : undefined}
            aria-describedby={errors().email ? 'signup-email-error' : undefined}
            required
          />
          <FieldError id="signup-email-error" message={errors().email} />
          <Show when={errors().emailTaken}>
            <A href="/sign-in">Sign in with this address</A>
          </Show>
        </div>
        <NewPasswordField
          id="signup-password"
          value={password()}
          onInput={setPassword}
          error={errors().password}
        />
        <Show when={errors().form}>
          <p class="error" role="alert">
            <span aria-hidden="true">⚠ </span>
            {errors().form}
          </p>
        </Show>
        <button class="button" type="submit" disabled={busy()} aria-busy={busy()} style={{ width: '100%' }}>
          {busy() ? 'Creating your account…' : 'Create account'}
        </button>
      </form>
      <p class="auth-switch">
        Already have an account? <A href="/sign-in">Sign in</A>
      </p>
    </AuthCard>
  );
}

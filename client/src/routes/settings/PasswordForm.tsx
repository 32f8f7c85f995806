import { createSignal, Show, type JSX } from 'solid-js';
import { changePassword } from '../../api/auth';
import { authError, type AuthField } from './account-api';

/** The server's rule (sync-server auth/passwords.ts): at least 10 characters, at most 256. */
export const PASSWORD_MIN_LENGTH = 10;
const PASSWORD_MAX_LENGTH = 256;

type Errors = Partial<Record<AuthField | 'confirm', string>>;

export function PasswordForm(): JSX.Element {
  const [current, setCurrent] = createSignal('');
  const [next, setNext] = createSignal('');
  const [confirm, setConfirm] = createSignal('');
  const [errors, setErrors] = createSignal<Errors>({});
  const [busy, setBusy] = createSignal(false);
  const [done, setDone] = createSignal(false);
  let form: HTMLFormElement | undefined;

  const validate = (): Errors => {
    const out: Errors = {};
    if (!current()) out.current = 'Enter your current password.';
    if (next().length < PASSWORD_MIN_LENGTH)
      out.new = `Use at least ${PASSWORD_MIN_LENGTH} characters (${next().length} so far).`;
    else if (next().length > PASSWORD_MAX_LENGTH) out.new = `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
    else if (next() === current()) out.new = 'Choose a password different from the current one.';
    if (!out.new && confirm() !== next()) out.confirm = 'The two new passwords do not match.';
    return out;
  };

  const focusFirstError = (found: Errors): void => {
    const order: [keyof Errors, string][] = [
      ['current', 'current-password'],
      ['new', 'new-password'],
      ['confirm', 'confirm-password'],
    ];
    const first = order.find(([key]) => found[key]);
    if (first) form?.querySelector<HTMLInputElement>(`#${first[1]}`)?.focus();
  };

  const submit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    setDone(false);
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirstError(found);
      return;
    }
    setBusy(true);
    try {
      await changePassword(current(), next());
      setCurrent('');
      setNext('');
      setConfirm('');
      setDone(true);
    } catch (error) {
      const { field, message } = authError(error, 'new');
      const mapped: Errors = field === 'password' ? { current: message } : { [field]: message };
      setErrors(mapped);
      focusFirstError(mapped);
    } finally {
      setBusy(false);
    }
  };

  const described = (key: keyof Errors, hint?: string): string | undefined =>
    [hint, errors()[key] ? `${key}-password-error` : undefined].filter(Boolean).join(' ') || undefined;

  return (
    <form
      ref={form}
      class="settings-form"
      onSubmit={(e) => void submit(e)}
      novalidate
      aria-labelledby="password-title"
    >
      <h3 id="password-title">Change password</h3>
      <div class="field">
        <label for="current-password">Current password</label>
        <input
          id="current-password"
          type="password"
          autocomplete="current-password"
          value={current()}
          onInput={(e) => setCurrent(e.currentTarget.value)}
          aria-invalid={errors().current ? true : undefined}
          aria-describedby={described('current')}
        />
        <Show when={errors().current}>
          <span class="field-error" id="current-password-error">
            <span aria-hidden="true">⚠ </span>
            {errors().current}
          </span>
        </Show>
      </div>
      <div class="field">
        <label for="new-password">New password</label>
        <input
          id="new-password"
          type="password"
          autocomplete="new-password"
          minLength={PASSWORD_MIN_LENGTH}
          maxLength={PASSWORD_MAX_LENGTH}
          value={next()}
          onInput={(e) => setNext(e.currentTarget.value)}
          aria-invalid={errors().new ? true : undefined}
          aria-describedby={described('new', 'new-password-hint')}
        />
        <span class="muted field-hint" id="new-password-hint">
          At least {PASSWORD_MIN_LENGTH} characters. A few unrelated words make a strong one.
        </span>
        <Show when={errors().new}>
          <span class="field-error" id="new-password-error">
            <span aria-hidden="true">⚠ </span>
            {errors().new}
          </span>
        </Show>
      </div>
      <div class="field">
        <label for="confirm-password">Repeat the new password</label>
        <input
          id="confirm-password"
          type="password"
          autocomplete="new-password"
          value={confirm()}
          onInput={(e) => setConfirm(e.currentTarget.value)}
          aria-invalid={errors().confirm ? true : undefined}
          aria-describedby={described('confirm')}
        />
        <Show when={errors().confirm}>
          <span class="field-error" id="confirm-password-error">
            <span aria-hidden="true">⚠ </span>
            {errors().confirm}
          </span>
        </Show>
      </div>
      <Show when={errors().form}>
        <p class="error" role="alert">
          {errors().form}
        </p>
      </Show>
      <p role="status" class="form-status">
        <Show when={done()}>
          <span class="success">
            <span aria-hidden="true">✓ </span>Password changed. Your other devices have been signed out; this
            one stays signed in.
          </span>
        </Show>
      </p>
      <button class="button" type="submit" disabled={busy()}>
        {busy() ? 'Changing…' : 'Change password'}
      </button>
    </form>
  );
}

import { createSignal, For, Match, Show, Switch, type JSX } from 'solid-js';
import { enableMfa, setupMfa } from '../../api/auth';
import { CopyButton } from '../../components/CopyButton';
import { QrCode } from '../../components/QrCode';
import { session } from '../../session/session';
import { authError, disableMfa, refreshProfile, type FieldError } from './account-api';

type Step =
  | { kind: 'idle' }
  | { kind: 'scan'; secret: string; uri: string }
  | { kind: 'codes'; codes: string[] }
  | { kind: 'disable' };

/** "JBSW Y3DP EHPK 3PXP": easier to type from the screen. */
function grouped(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

/**
 * Two-factor authentication: set up (QR code and key, confirmed with a code), then the ten recovery codes,
 * shown once; or turn it off with the password and a code (a recovery code works too).
 */
export function MfaSection(): JSX.Element {
  const [step, setStep] = createSignal<Step>({ kind: 'idle' });
  const [code, setCode] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [error, setError] = createSignal<FieldError | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [notice, setNotice] = createSignal<string | null>(null);
  // What this screen just did wins over the stored profile until the server confirms it (or when offline).
  const [known, setKnown] = createSignal<boolean | null>(null);
  const enabled = (): boolean => known() ?? session()?.user.mfaEnabled ?? false;

  const run = async (work: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } finally {
      setBusy(false);
    }
  };

  const start = (): Promise<void> =>
    run(async () => {
      setNotice(null);
      try {
        const { secret, uri } = await setupMfa();
        setCode('');
        setStep({ kind: 'scan', secret, uri });
      } catch (e) {
        setError(authError(e));
      }
    });

  const confirm = (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const value = code().replace(/\s/g, '');
    if (!/^\d{6}$/.test(value)) {
      setError({ field: 'code', message: 'Enter the 6-digit code your authenticator app shows.' });
      document.getElementById('mfa-code')?.focus();
      return Promise.resolve();
    }
    return run(async () => {
      try {
        const { recoveryCodes } = await enableMfa(value);
        setKnown(true);
        setStep({ kind: 'codes', codes: recoveryCodes });
      } catch (e) {
        setError(authError(e));
        document.getElementById('mfa-code')?.focus();
      }
    });
  };

  // The session is refreshed only after the codes are put away, so they stay on screen until then.
  const finish = (): Promise<void> =>
    run(async () => {
      setStep({ kind: 'idle' });
      setNotice('Two-factor authentication is on. You will be asked for a code when you sign in.');
      await refreshProfile().catch(() => undefined);
    });

  const disable = (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    if (!password() || !code().trim()) {
      setError({
        field: !password() ? 'password' : 'code',
        message: !password() ? 'Enter your password.' : 'Enter a code from your app, or a recovery code.',
      });
      return Promise.resolve();
    }
    return run(async () => {
      try {
        await disableMfa(password(), code());
        setPassword('');
        setCode('');
        setKnown(false);
        setStep({ kind: 'idle' });
        setNotice('Two-factor authentication is off.');
        await refreshProfile().catch(() => undefined);
      } catch (e) {
        setError(authError(e, 'password'));
      }
    });
  };

  const fieldError = (field: FieldError['field'], id: string): JSX.Element => (
    <Show when={error()?.field === field}>
      <span class="field-error" id={id}>
        <span aria-hidden="true">⚠ </span>
        {error()!.message}
      </span>
    </Show>
  );
  const formError = (): JSX.Element => (
    <Show when={error()?.field === 'form'}>
      <p class="error" role="alert">
        {error()!.message}
      </p>
    </Show>
  );

  const downloadCodes = (codes: readonly string[]): void => {
    const text = `Vitals recovery codes for ${session()?.user.email ?? 'your account'}\nEach code works once.\n\n${codes.join('\n')}\n`;
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    const link = Object.assign(document.createElement('a'), {
      href: url,
      download: 'vitals-recovery-codes.txt',
    });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <section class="settings-form mfa" aria-labelledby="mfa-title">
      <div class="mfa-head">
        <h3 id="mfa-title">Two-factor authentication</h3>
        <span class={`pill ${enabled() ? 'on' : 'off'}`} data-testid="mfa-state">
          <span aria-hidden="true">{enabled() ? '✓' : '○'}</span> {enabled() ? 'On' : 'Off'}
        </span>
      </div>
      <p role="status" class="form-status">
        <Show when={notice()}>
          <span class="success">{notice()}</span>
        </Show>
      </p>
      <Switch>
        <Match when={step().kind === 'idle' && !enabled()}>
          <p class="muted">
            Add a second step at sign-in: a 6-digit code from an authenticator app such as 1Password, Google
            Authenticator or Authy.
          </p>
          {formError()}
          <button class="button" type="button" onClick={() => void start()} disabled={busy()}>
            {busy() ? 'Starting…' : 'Set up two-factor authentication'}
          </button>
        </Match>

        <Match when={step().kind === 'idle' && enabled()}>
          <p class="muted">
            Each sign-in asks for a code from your authenticator app. Lost the phone? A recovery code works
            instead.
          </p>
          <button
            class="button secondary"
            type="button"
            onClick={() => (setError(null), setCode(''), setStep({ kind: 'disable' }))}
          >
            Turn off…
          </button>
        </Match>

        <Match when={step().kind === 'scan' && (step() as Extract<Step, { kind: 'scan' }>)}>
          {(scan) => (
            <form class="mfa-setup" onSubmit={(e) => void confirm(e)} novalidate>
              <ol class="mfa-steps">
                <li>
                  <p>Scan this QR code with your authenticator app.</p>
                  <div class="mfa-qr">
                    <QrCode
                      text={scan().uri}
                      label="QR code that adds Vitals to an authenticator app. The same key is written out below."
                      size={184}
                    />
                    <div class="mfa-key">
                      <p class="muted">
                        On this phone? <a href={scan().uri}>Open in your authenticator app</a>.
                      </p>
                      <p class="muted" id="mfa-key-label">
                        Can’t scan it? Enter this key in the app (time-based, 6 digits):
                      </p>
                      <code class="secret" data-testid="mfa-secret">
                        {grouped(scan().secret)}
                      </code>
                      <CopyButton text={scan().secret} label="Copy key" class="button secondary small" />
                    </div>
                  </div>
                </li>
                <li>
                  <div class="field">
                    <label for="mfa-code">Enter the 6-digit code the app shows</label>
                    <input
                      id="mfa-code"
                      class="code-input"
                      inputmode="numeric"
                      autocomplete="one-time-code"
                      maxLength={7}
                      value={code()}
                      onInput={(e) => setCode(e.currentTarget.value)}
                      aria-invalid={error()?.field === 'code' ? true : undefined}
                      aria-describedby={error()?.field === 'code' ? 'mfa-code-error' : undefined}
                    />
                    {fieldError('code', 'mfa-code-error')}
                  </div>
                </li>
              </ol>
              {formError()}
              <div class="button-row">
                <button class="button" type="submit" disabled={busy()}>
                  {busy() ? 'Checking…' : 'Turn on'}
                </button>
                <button
                  class="button secondary"
                  type="button"
                  onClick={() => (setError(null), setStep({ kind: 'idle' }))}
                >
                  Cancel
                </button>
              </div>
            </form>
          )}
        </Match>

        <Match when={step().kind === 'codes' && (step() as Extract<Step, { kind: 'codes' }>)}>
          {(result) => (
            <div class="recovery" data-testid="recovery-codes">
              <p class="success">
                <span aria-hidden="true">✓ </span>Two-factor authentication is on.
              </p>
              <p class="warning-note">
                <strong>Save these recovery codes now.</strong> Each one signs you in once if you lose your
                phone. They are shown only this once.
              </p>
              <ol class="recovery-codes" aria-label="Recovery codes">
                <For each={result().codes}>{(c) => <li>{c}</li>}</For>
              </ol>
              <div class="button-row">
                <CopyButton text={result().codes.join('\n')} label="Copy codes" />
                <button class="button secondary" type="button" onClick={() => downloadCodes(result().codes)}>
                  <span aria-hidden="true">⤓</span> Download
                </button>
                <button class="button" type="button" onClick={() => void finish()}>
                  I have saved them
                </button>
              </div>
            </div>
          )}
        </Match>

        <Match when={step().kind === 'disable'}>
          <form onSubmit={(e) => void disable(e)} novalidate>
            <p class="muted">
              To turn it off, confirm with your password and a code from your app (or one of your recovery
              codes).
            </p>
            <div class="field">
              <label for="mfa-disable-password">Password</label>
              <input
                id="mfa-disable-password"
                type="password"
                autocomplete="current-password"
                value={password()}
                onInput={(e) => setPassword(e.currentTarget.value)}
                aria-invalid={error()?.field === 'password' ? true : undefined}
                aria-describedby={error()?.field === 'password' ? 'mfa-disable-password-error' : undefined}
              />
              {fieldError('password', 'mfa-disable-password-error')}
            </div>
            <div class="field">
              <label for="mfa-disable-code">Code from your app, or a recovery code</label>
              <input
                id="mfa-disable-code"
                autocomplete="one-time-code"
                value={code()}
                onInput={(e) => setCode(e.currentTarget.value)}
                aria-invalid={error()?.field === 'code' ? true : undefined}
                aria-describedby={error()?.field === 'code' ? 'mfa-disable-code-error' : undefined}
              />
              {fieldError('code', 'mfa-disable-code-error')}
            </div>
            {formError()}
            <div class="button-row">
              <button class="button danger" type="submit" disabled={busy()}>
                {busy() ? 'Turning off…' : 'Turn off two-factor authentication'}
              </button>
              <button
                class="button secondary"
                type="button"
                onClick={() => (setError(null), setStep({ kind: 'idle' }))}
              >
                Keep it on
              </button>
            </div>
          </form>
        </Match>
      </Switch>
    </section>
  );
}

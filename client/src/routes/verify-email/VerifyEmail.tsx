/**
 * `/verify-email`: without a token, "check your inbox" for the signed-in account (resend, another address);
 * with `?token=`, the link from that email, confirmed once; `?confirmed` is where another browser lands
 * after confirming ("sign in to continue"), so a reload does not spend the used link again.
 */
import { A, Navigate, useNavigate, useSearchParams } from '@solidjs/router';
import { createEffect, createSignal, Match, on, Show, Switch, type JSX } from 'solid-js';
import { logout, me, resendVerification, verifyEmail } from '../../api/auth';
import { accountDestination, DESTINATION_PATHS, isVerified } from '../../session/account-model';
import { clearSession, session, signedIn, signedInUser } from '../../session/session';
import { AuthCard, OutcomeLine } from '../sign-up/AuthCard';
import {
  afterConfirmed,
  inboxText,
  NO_EMAIL_COMMAND,
  NO_EMAIL_NOTE_PREFIX,
  resendOutcome,
  verifyFailure,
  type Outcome,
} from './verify-model';

/** "Resend email" and what it did. */
function ResendButton(props: { email: string }): JSX.Element {
  const navigate = useNavigate();
  const [busy, setBusy] = createSignal(false);
  const [outcome, setOutcome] = createSignal<Outcome | null>(null);
  const resend = async (): Promise<void> => {
    setBusy(true);
    setOutcome(null);
    try {
      await resendVerification();
      setOutcome(resendOutcome(props.email));
    } catch (error) {
      setOutcome(resendOutcome(props.email, error));
    } finally {
      setBusy(false);
    }
  };
  const continueOn = async (): Promise<void> => {
    const result = await me().catch(() => null);
    if (result) signedIn(result);
    navigate(result ? DESTINATION_PATHS[accountDestination(result)] : '/sign-in', { replace: true });
  };
  return (
    <div class="verify-resend">
      <button
        type="button"
        class="button secondary"
        disabled={busy()}
        aria-busy={busy()}
        onClick={() => void resend()}
      >
        {busy() ? 'Sending…' : 'Resend email'}
      </button>
      <OutcomeLine outcome={outcome()} />
      <Show when={outcome()?.verified}>
        <button type="button" class="button" onClick={() => void continueOn()}>
          Continue
        </button>
      </Show>
      <Show when={outcome()?.signIn}>
        <A class="button" href="/sign-in?next=/verify-email">
          Sign in again
        </A>
      </Show>
    </div>
  );
}

function NoEmailNote(): JSX.Element {
  return (
    <p class="muted verify-note">
      {NO_EMAIL_NOTE_PREFIX} <code>{NO_EMAIL_COMMAND}</code>.
    </p>
  );
}

/** "Check your inbox": the signed-in account's address, resend, and a way back to sign up with another. */
function CheckInbox(): JSX.Element {
  const navigate = useNavigate();
  const user = signedInUser;
  const [checking, setChecking] = createSignal(false);
  const [stillWaiting, setStillWaiting] = createSignal<Outcome | null>(null);

  const differentAddress = async (): Promise<void> => {
    await logout().catch(() => undefined);
    clearSession();
    navigate('/sign-up', { replace: true });
  };
  // Confirmed in another browser (or on the phone that got the email): ask the server, then go on.
  const checkAgain = async (): Promise<void> => {
    setChecking(true);
    setStillWaiting(null);
    try {
      const result = await me();
      signedIn(result);
      if (isVerified(result.user) || result.tenants.length > 0) {
        navigate(DESTINATION_PATHS[accountDestination(result)], { replace: true });
        return;
      }
      setStillWaiting({ kind: 'info', text: 'Not confirmed yet: open the link in the email first.' });
    } catch (error) {
      setStillWaiting({ kind: 'error', text: verifyFailure(error) });
    } finally {
      setChecking(false);
    }
  };

  return (
    <Show when={user()} fallback={<Navigate href="/sign-in" />}>
      {(u) => (
        <Show
          when={!isVerified(u())}
          fallback={
            <Navigate
              href={DESTINATION_PATHS[accountDestination({ user: u(), tenants: session()?.tenants ?? [] })]}
            />
          }
        >
          <AuthCard title="Check your inbox">
            <p data-testid="verify-address">{inboxText(u().email)}</p>
            <ResendButton email={u().email} />
            <div class="verify-actions">
              <button
                type="button"
                class="link-button"
                disabled={checking()}
                onClick={() => void checkAgain()}
              >
                I have confirmed my address
              </button>
              <button type="button" class="link-button" onClick={() => void differentAddress()}>
                Use a different address
              </button>
            </div>
            <OutcomeLine outcome={stillWaiting()} />
            <NoEmailNote />
          </AuthCard>
        </Show>
      )}
    </Show>
  );
}

type Confirming = { readonly state: 'working' } | { readonly state: 'failed'; readonly message: string };

/** The link from the email: confirms once, then goes on (this browser) or asks to sign in (another). */
function ConfirmLink(props: { token: string }): JSX.Element {
  const navigate = useNavigate();
  const [status, setStatus] = createSignal<Confirming>({ state: 'working' });
  createEffect(
    on(
      () => props.token,
      async (token) => {
        setStatus({ state: 'working' });
        try {
          const result = await verifyEmail(token);
          const next = afterConfirmed(result, signedInUser()?.id ?? null);
          if (next.kind === 'continue') {
            signedIn(result);
            navigate(next.path, { replace: true });
          } else {
            navigate('/verify-email?confirmed', { replace: true });
          }
        } catch (error) {
          setStatus({ state: 'failed', message: verifyFailure(error) });
        }
      },
    ),
  );
  return (
    <Switch>
      <Match when={status().state === 'working'}>
        <AuthCard title="Confirming your address">
          <p role="status" aria-busy="true">
            Confirming your address…
          </p>
        </AuthCard>
      </Match>
      <Match when={status().state === 'failed'}>
        <AuthCard title="This link did not work">
          <p class="error" role="alert">
            <span aria-hidden="true">⚠ </span>
            {(status() as Extract<Confirming, { state: 'failed' }>).message}
          </p>
          <Show
            when={signedInUser() && !isVerified(signedInUser()!)}
            fallback={
              <Show
                when={signedInUser()}
                fallback={
                  <p>
                    <A href="/sign-in">Sign in</A> to ask for a new link.
                  </p>
                }
              >
                {(u) => (
                  <p>
                    Your address {u().email} is confirmed already.{' '}
                    <A
                      href={
                        DESTINATION_PATHS[
                          accountDestination({ user: u(), tenants: session()?.tenants ?? [] })
                        ]
                      }
                    >
                      Continue
                    </A>
                  </p>
                )}
              </Show>
            }
          >
            <p>Ask for a new link: it goes to {signedInUser()!.email}.</p>
            <ResendButton email={signedInUser()!.email} />
          </Show>
          <NoEmailNote />
        </AuthCard>
      </Match>
    </Switch>
  );
}

export function VerifyEmail(): JSX.Element {
  const [params] = useSearchParams();
  const token = (): string | null =>
    typeof params.token === 'string' && params.token !== '' ? params.token : null;
  return (
    <Switch fallback={<CheckInbox />}>
      <Match when={token()}>{(t) => <ConfirmLink token={t()} />}</Match>
      <Match when={params.confirmed !== undefined}>
        <AuthCard title="Email confirmed">
          <p role="status">
            <span aria-hidden="true">✓ </span>Email confirmed — sign in to continue.
          </p>
          <A class="button" href="/sign-in">
            Sign in
          </A>
        </AuthCard>
      </Match>
    </Switch>
  );
}

/**
 * `/accept-invitation?token=…`: what the invitation offers, then one of three ways in: a name and password
 * for an address without an account, "Join" when signed in as the invited address, or signing in first
 * (and coming back here). Accepted, the person is in that workspace, on the dashboard.
 */
import { A, useLocation, useNavigate, useSearchParams } from '@solidjs/router';
import { createResource, createSignal, Match, Show, Switch, type JSX } from 'solid-js';
import type { InvitationPreview } from '@vitals/shared';
import { acceptInvitation, fetchInvitation } from '../../api/auth';
import { signedIn, signedInUser } from '../../session/session';
import { expiresText } from '../settings/team-model';
import { AuthCard, NameField, NewPasswordField } from '../sign-up/AuthCard';
import {
  acceptErrors,
  acceptMode,
  checkNewAccount,
  INVALID_LINK,
  invitationLoadError,
  invitationText,
  signInToAccept,
  type AcceptErrors,
} from './invitation-model';

function Accept(props: { token: string; invitation: InvitationPreview }): JSX.Element {
  const navigate = useNavigate();
  const location = useLocation();
  const [name, setName] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [errors, setErrors] = createSignal<AcceptErrors>({});
  const [busy, setBusy] = createSignal(false);
  const mode = (): ReturnType<typeof acceptMode> =>
    acceptMode(props.invitation, signedInUser()?.email ?? null);
  const here = (): string => `${location.pathname}${location.search}`;

  const accept = async (event?: SubmitEvent): Promise<void> => {
    event?.preventDefault();
    if (busy()) return;
    let body: { token: string; name?: string; password?: string } = { token: props.token };
    if (mode() === 'create') {
      const problems = checkNewAccount({ name: name(), password: password() });
      if (problems.name || problems.password) {
        setErrors(problems);
        return;
      }
      body = { ...body, name: name().trim(), password: password() };
    }
    setBusy(true);
    setErrors({});
    try {
      const result = await acceptInvitation(body);
      signedIn(result, result.tenantId);
      navigate('/', { replace: true });
    } catch (error) {
      setErrors(acceptErrors(error));
    } finally {
      setBusy(false);
    }
  };

  const joinLabel = (): string => `Join ${props.invitation.tenantName}`;

  return (
    <>
      <p data-testid="invitation-summary">{invitationText(props.invitation)}</p>
      <p class="muted">{expiresText(props.invitation.expiresAt, new Date())}</p>
      <Switch>
        <Match when={mode() === 'create'}>
          <form onSubmit={(e) => void accept(e)} novalidate>
            <p class="muted">Create your account to accept: you sign in with {props.invitation.email}.</p>
            <NameField id="invite-name" value={name()} onInput={setName} error={errors().name} />
            <NewPasswordField
              id="invite-password"
              value={password()}
              onInput={setPassword}
              error={errors().password}
            />
            <FormError message={errors().form} />
            <button
              class="button"
              type="submit"
              disabled={busy()}
              aria-busy={busy()}
              style={{ width: '100%' }}
            >
              {busy() ? 'Accepting…' : 'Accept invitation'}
            </button>
          </form>
        </Match>
        <Match when={mode() === 'join'}>
          <FormError message={errors().form} />
          <button
            class="button"
            type="button"
            disabled={busy()}
            aria-busy={busy()}
            style={{ width: '100%' }}
            onClick={() => void accept()}
          >
            {busy() ? 'Joining…' : joinLabel()}
          </button>
        </Match>
        <Match when={mode() === 'sign-in' || mode() === 'switch'}>
          <Show
            when={mode() === 'switch'}
            fallback={
              <p>{props.invitation.email} already has a Vitals account: sign in with it to accept.</p>
            }
          >
            <p>
              You are signed in as {signedInUser()?.email}. The invitation is for {props.invitation.email}:
              sign in with that address to accept.
            </p>
          </Show>
          <A class="button" href={signInToAccept(here())} style={{ width: '100%' }}>
            Sign in to accept
          </A>
        </Match>
      </Switch>
    </>
  );
}

function FormError(props: { message: string | undefined }): JSX.Element {
  return (
    <Show when={props.message}>
      <p class="error" role="alert">
        <span aria-hidden="true">⚠ </span>
        {props.message}
      </p>
    </Show>
  );
}

function InvalidLink(props: { message: string }): JSX.Element {
  return (
    <AuthCard title="This invitation cannot be used">
      <p class="error" role="alert">
        <span aria-hidden="true">⚠ </span>
        {props.message}
      </p>
      <p>
        Have an account? <A href="/sign-in">Sign in</A>
      </p>
    </AuthCard>
  );
}

export function AcceptInvitation(): JSX.Element {
  const [params] = useSearchParams();
  const token = (): string | null =>
    typeof params.token === 'string' && params.token !== '' ? params.token : null;
  const [invitation] = createResource(token, (t) => fetchInvitation(t).then((r) => r.invitation));
  return (
    <Show when={token()} fallback={<InvalidLink message={INVALID_LINK} />}>
      {(t) => (
        <Switch>
          <Match when={invitation.error}>
            <InvalidLink message={invitationLoadError(invitation.error)} />
          </Match>
          <Match when={invitation()}>
            {(inv) => (
              <AuthCard title={`Join ${inv().tenantName} on Vitals`}>
                <Accept token={t()} invitation={inv()} />
              </AuthCard>
            )}
          </Match>
          <Match when={invitation.loading}>
            <AuthCard title="Your invitation">
              <p role="status" aria-busy="true">
                Opening your invitation…
              </p>
            </AuthCard>
          </Match>
        </Switch>
      )}
    </Show>
  );
}

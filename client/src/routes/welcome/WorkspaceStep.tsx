/** Step 1 (`/welcome`): name the workspace; the device then switches into it. */
import { A, useNavigate } from '@solidjs/router';
import { createSignal, Show, type JSX } from 'solid-js';
import { createWorkspace } from '../../api/tenants';
import { currentTenant, signedIn } from '../../session/session';
import { FieldError } from '../sign-up/AuthCard';
import { checkWorkspaceName, nextPath, workspaceError, type WorkspaceError } from './welcome-model';

export function WorkspaceStep(): JSX.Element {
  const navigate = useNavigate();
  const [name, setName] = createSignal('');
  const [fieldError, setFieldError] = createSignal<string | undefined>();
  const [failure, setFailure] = createSignal<WorkspaceError | null>(null);
  const [busy, setBusy] = createSignal(false);

  const submit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    if (busy()) return;
    const problem = checkWorkspaceName(name());
    setFieldError(problem);
    setFailure(null);
    if (problem) {
      document.getElementById('workspace-name')?.focus();
      return;
    }
    setBusy(true);
    try {
      const result = await createWorkspace(name().trim());
      signedIn(result, result.tenant.id);
      navigate(nextPath('workspace'));
    } catch (error) {
      setFailure(workspaceError(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <p class="muted">
        A workspace holds your customers, their KPIs and your team. Most people use their company's name.
      </p>
      <Show when={currentTenant()}>
        {(tenant) => (
          <p class="notice-info">
            <span aria-hidden="true">ℹ </span>
            You already have {tenant().name}.{' '}
            <A href={nextPath('workspace')}>Continue setting up {tenant().name}</A>, or create another
            workspace below.
          </p>
        )}
      </Show>
      <form onSubmit={submit} novalidate>
        <div class="field">
          <label for="workspace-name">Workspace name</label>
          <input
            id="workspace-name"
            autocomplete="organization"
            value={name()}
            onInput={(e) => setName(e.currentTarget.value)}
            aria-invalid={fieldError() ? 'true' : undefined}
            aria-describedby={fieldError() ? 'workspace-name-error' : undefined}
            required
          />
          <FieldError id="workspace-name-error" message={fieldError()} />
        </div>
        <Show when={failure()}>
          {(f) => (
            <p class="error" role="alert">
              <span aria-hidden="true">⚠ </span>
              {f().message}
              <Show when={f().unverified}>
                {' '}
                <A href="/verify-email">Check your inbox</A>
              </Show>
            </p>
          )}
        </Show>
        <button class="button" type="submit" disabled={busy()} aria-busy={busy()}>
          {busy() ? 'Creating…' : 'Create workspace'}
        </button>
      </form>
    </>
  );
}

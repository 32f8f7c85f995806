/**
 * Settings → Privacy and data (anchor `#privacy`): anyone downloads what the server holds about them and may
 * delete their account; an owner also downloads the workspace's data and may delete the workspace. Each
 * deletion is asked for in place with the proof the server requires (the password; the workspace's address
 * typed out), says what goes and that it cannot be undone. All of it happens on the server, so it needs the
 * network: offline, each action says so.
 */
import { useNavigate } from '@solidjs/router';
import { createSignal, Show, type JSX } from 'solid-js';
import type { TenantRef } from '../../api/auth';
import { syncStatus } from '../../db/sync-status';
import { saveFile } from '../../export/download';
import { currentTenant, session } from '../../session/session';
import { useTenantData } from '../../state/tenant-data';
import { BILLING_LINK } from './billing-model';
import {
  deleteMyAccount,
  deleteWorkspace,
  exportMyData,
  exportWorkspace,
  type Download,
} from './privacy-api';
import {
  canManageWorkspaceData,
  confirmationProblem,
  exportFileName,
  passwordProblem,
  privacyError,
  type PrivacyError,
  type PrivacyField,
  type PrivacyTask,
} from './privacy-model';
import { leaveWorkspaceOnThisDevice, signOutThisDevice } from './sign-out';
import { createTaskRunner, type TaskRunner } from './task-runner';
import './privacy.css';

/** One action at a time for the whole section, with the error of the last one that failed. */
type PrivacyTaskRunner = TaskRunner<PrivacyTask, PrivacyError>;

/** An error on the whole form (field errors show under their field), with the way to billing when it helps. */
function FormError(props: { error: PrivacyError | null }): JSX.Element {
  return (
    <Show when={props.error?.field === 'form' ? props.error : null}>
      {(error) => (
        <p class="error" role="alert">
          {error().message}
          <Show when={error().billing}>
            {' '}
            <a href={BILLING_LINK}>Open Plan and usage</a>
          </Show>
        </p>
      )}
    </Show>
  );
}

/**
 * The state of a "type to confirm" step: open or not, what was typed, its own problem, the server's refusal
 * of that field, and focus handed to the input on open and back to the opening button on cancel.
 */
function createConfirmation(task: PrivacyTaskRunner, name: PrivacyTask, field: PrivacyField) {
  const [confirming, setConfirming] = createSignal(false);
  const [value, setValue] = createSignal('');
  const [problem, setProblem] = createSignal<string | null>(null);
  const refs: { button?: HTMLButtonElement; input?: HTMLInputElement } = {};
  const fieldError = (): string | null => {
    const error = task.error(name);
    return problem() ?? (error?.field === field ? error.message : null);
  };
  return {
    confirming,
    value,
    fieldError,
    refs,
    /** Shows `found` under the field (null: none); the input gets focus when there is one. */
    check(found: string | null): boolean {
      setProblem(found);
      if (found) refs.input?.focus();
      return found === null;
    },
    focusIfRefused(): void {
      if (fieldError()) refs.input?.focus();
    },
    input(next: string): void {
      setValue(next);
      setProblem(null);
    },
    open(): void {
      task.clear();
      setConfirming(true);
      queueMicrotask(() => refs.input?.focus());
    },
    close(): void {
      setConfirming(false);
      setValue('');
      setProblem(null);
      task.clear();
      queueMicrotask(() => refs.button?.focus());
    },
  };
}

export function PrivacySection(): JSX.Element {
  const task: PrivacyTaskRunner = createTaskRunner(privacyError);
  const [status, setStatus] = createSignal('');
  const tenant = (): TenantRef | null => currentTenant();
  const owner = (): boolean => canManageWorkspaceData(tenant()?.role);

  const download = async (file: Download, name: string): Promise<void> => {
    saveFile({ fileName: name, mimeType: 'application/json', contents: file.contents });
    setStatus(`Downloaded ${name}.`);
  };
  const exportAccount = (): void => {
    setStatus('');
    void task.run('export-account', async () => {
      const file = await exportMyData();
      await download(file, exportFileName(file, { kind: 'account' }, new Date()));
    });
  };
  const exportTenant = (): void => {
    const t = tenant();
    if (!t) return;
    setStatus('');
    void task.run('export-workspace', async () => {
      const file = await exportWorkspace(t.id);
      await download(file, exportFileName(file, { kind: 'workspace', slug: t.slug }, new Date()));
    });
  };

  return (
    <section
      class="card settings-card privacy"
      id="privacy"
      aria-labelledby="privacy-title"
      data-testid="privacy"
      tabindex="-1"
    >
      <h2 id="privacy-title">Privacy and data</h2>
      <p class="form-status success" role="status" data-testid="privacy-status">
        {status()}
      </p>

      <h3>Your data</h3>
      <p class="muted">
        A JSON file with what Vitals keeps about you: your profile, your workspaces and roles, your sign-in
        sessions, your assistant conversations and the changes you made in each workspace. Passwords and
        security keys are never included.
      </p>
      <div class="button-row">
        <button
          class="button secondary"
          type="button"
          data-testid="export-account"
          disabled={task.busy() !== null}
          onClick={exportAccount}
        >
          {task.busy() === 'export-account' ? 'Preparing your data…' : 'Export my data'}
        </button>
      </div>
      <FormError error={task.error('export-account')} />

      <Show when={owner() ? tenant() : null}>
        {(t) => (
          <>
            <hr />
            <h3>Workspace data: {t().name}</h3>
            <p class="muted">
              A JSON file with all of {t().name}: the workspace, its members and invitations, every synced
              account, KPI value, alert, playbook run and import version, and the whole audit trail. Assistant
              conversations are included only if they are yours. Only owners can export it.
            </p>
            <div class="button-row">
              <button
                class="button secondary"
                type="button"
                data-testid="export-workspace"
                disabled={task.busy() !== null}
                onClick={exportTenant}
              >
                {task.busy() === 'export-workspace'
                  ? 'Preparing the workspace data…'
                  : 'Export workspace data'}
              </button>
            </div>
            <FormError error={task.error('export-workspace')} />
            <DeleteWorkspace tenant={t()} task={task} />
          </>
        )}
      </Show>

      <DeleteAccount task={task} />
    </section>
  );
}

/**
 * Deleting one's account: the password again (the server asks for it, rate-limited). Refused while the person is
 * the last owner of a workspace. On success the server has already ended the session; this device forgets
 * every workspace's data of this person and goes to sign-in.
 */
function DeleteAccount(props: { task: PrivacyTaskRunner }): JSX.Element {
  const data = useTenantData();
  const navigate = useNavigate();
  const step = createConfirmation(props.task, 'delete-account', 'password');
  const { confirming, fieldError, close } = step;
  const password = step.value;

  const submit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    if (!step.check(passwordProblem(password()))) return;
    const current = session();
    const done = await props.task.run('delete-account', () =>
      deleteMyAccount(password()).then(() => undefined),
    );
    if (!done) {
      step.focusIfRefused();
      return;
    }
    // The account is gone: so is what this device kept of it, in every workspace.
    await signOutThisDevice(data, {
      deleteLocalData: true,
      sessionGone: true,
      alsoDelete: current
        ? {
            userId: current.user.id,
            tenantIds: current.tenants.map((t) => t.id).filter((id) => id !== current.tenantId),
          }
        : undefined,
    });
    // Sign-in then says the account is gone, so nobody wonders whether it worked.
    navigate('/sign-in?deleted=account', { replace: true });
  };

  return (
    <div class="privacy-danger">
      <h3>Delete my account</h3>
      <p>
        Deletes your Vitals account and signs you out. You leave every workspace you belong to: your name and
        email address are removed from them and your assistant conversations are deleted. The accounts and KPI
        data you entered stay with each workspace, and its audit trail keeps its record of what was done, no
        longer under your name. This device forgets your workspaces’ data, including changes not synced yet.{' '}
        <strong>This cannot be undone.</strong>
      </p>
      <p class="muted">
        If you are the only owner of a workspace, transfer ownership in Team or delete the workspace first.
      </p>
      <Show
        when={confirming()}
        fallback={
          <button
            class="button secondary"
            type="button"
            ref={(el) => (step.refs.button = el)}
            data-testid="delete-account"
            onClick={() => step.open()}
          >
            Delete my account…
          </button>
        }
      >
        <form
          class="privacy-confirm settings-form"
          novalidate
          onSubmit={(e) => void submit(e)}
          aria-labelledby="delete-account-title"
        >
          <p id="delete-account-title">
            <strong>Delete your account permanently?</strong>
            <Show when={syncStatus.pending() > 0}>
              {' '}
              {syncStatus.pending()} change{syncStatus.pending() === 1 ? '' : 's'} on this device{' '}
              {syncStatus.pending() === 1 ? 'has' : 'have'} not synced and will be lost.
            </Show>
          </p>
          <div class="field">
            <label for="delete-account-password">Your password</label>
            <input
              id="delete-account-password"
              ref={(el) => (step.refs.input = el)}
              type="password"
              autocomplete="current-password"
              value={password()}
              onInput={(e) => step.input(e.currentTarget.value)}
              aria-invalid={fieldError() ? true : undefined}
              aria-describedby={fieldError() ? 'delete-account-password-error' : undefined}
            />
            <Show when={fieldError()}>
              <span class="field-error" id="delete-account-password-error">
                <span aria-hidden="true">⚠ </span>
                {fieldError()}
              </span>
            </Show>
          </div>
          <FormError error={props.task.error('delete-account')} />
          <div class="button-row">
            <button
              class="button danger small"
              type="submit"
              data-testid="delete-account-confirm"
              disabled={props.task.busy() !== null}
            >
              {props.task.busy() === 'delete-account'
                ? 'Deleting your account…'
                : 'Delete my account permanently'}
            </button>
            <button class="button secondary small" type="button" onClick={close}>
              Cancel
            </button>
          </div>
        </form>
      </Show>
    </div>
  );
}

/**
 * Deleting the workspace (owners): its address typed out, as the server checks it. Refused while a Stripe
 * subscription is live. On success this device forgets the workspace's data and moves to another workspace,
 * or to sign-in when none is left.
 */
function DeleteWorkspace(props: { tenant: TenantRef; task: PrivacyTaskRunner }): JSX.Element {
  const data = useTenantData();
  const navigate = useNavigate();
  const step = createConfirmation(props.task, 'delete-workspace', 'confirm');
  const { confirming, fieldError, close } = step;
  const typed = step.value;

  const submit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const { id, slug } = props.tenant;
    if (!step.check(confirmationProblem(typed(), slug))) return;
    const done = await props.task.run('delete-workspace', () =>
      deleteWorkspace(id, typed().trim()).then(() => undefined),
    );
    if (!done) {
      step.focusIfRefused();
      return;
    }
    // The workspace no longer exists: its copy on this device goes too.
    navigate(await leaveWorkspaceOnThisDevice(data, id), { replace: true });
  };

  return (
    <div class="privacy-danger">
      <h3>Delete workspace</h3>
      <p>
        Deletes {props.tenant.name} for everyone, on the server and on every device: its accounts, KPI values,
        import versions, alerts and alert rules, playbook runs, assistant conversations, members and
        invitations, webhooks, and its whole audit trail. Its members keep their own Vitals accounts and their
        other workspaces. <strong>This cannot be undone:</strong> export the workspace data first if you may
        need it.
      </p>
      <p class="muted">
        A workspace with an active subscription cannot be deleted: cancel it in Plan and usage first.
      </p>
      <Show
        when={confirming()}
        fallback={
          <button
            class="button secondary"
            type="button"
            ref={(el) => (step.refs.button = el)}
            data-testid="delete-workspace"
            onClick={() => step.open()}
          >
            Delete {props.tenant.name}…
          </button>
        }
      >
        <form
          class="privacy-confirm settings-form"
          novalidate
          onSubmit={(e) => void submit(e)}
          aria-labelledby="delete-workspace-title"
        >
          <p id="delete-workspace-title">
            <strong>Delete {props.tenant.name} and everything in it permanently?</strong>
          </p>
          <div class="field">
            <label for="delete-workspace-confirm-input">
              Type the workspace’s address, <code class="privacy-slug">{props.tenant.slug}</code>, to confirm
            </label>
            <input
              id="delete-workspace-confirm-input"
              ref={(el) => (step.refs.input = el)}
              type="text"
              autocomplete="off"
              autocapitalize="none"
              spellcheck={false}
              value={typed()}
              onInput={(e) => step.input(e.currentTarget.value)}
              aria-invalid={fieldError() ? true : undefined}
              aria-describedby={fieldError() ? 'delete-workspace-confirm-error' : undefined}
            />
            <Show when={fieldError()}>
              <span class="field-error" id="delete-workspace-confirm-error">
                <span aria-hidden="true">⚠ </span>
                {fieldError()}
              </span>
            </Show>
          </div>
          <FormError error={props.task.error('delete-workspace')} />
          <div class="button-row">
            <button
              class="button danger small"
              type="submit"
              data-testid="delete-workspace-confirm"
              disabled={props.task.busy() !== null}
            >
              {props.task.busy() === 'delete-workspace'
                ? 'Deleting the workspace…'
                : `Delete ${props.tenant.name} permanently`}
            </button>
            <button class="button secondary small" type="button" onClick={close}>
              Cancel
            </button>
          </div>
        </form>
      </Show>
    </div>
  );
}

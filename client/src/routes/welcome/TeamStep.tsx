/**
 * Step 3 (`/welcome/team`): rows of address and role, sent as Settings → Team sends one invitation each, and
 * the list of who was invited. A plan limit stops the sending with its message and the way to the plans.
 */
import { useNavigate } from '@solidjs/router';
import { ROLE_NAMES, type Role } from '@vitals/shared';
import { createSignal, For, Index, Show, type JSX } from 'solid-js';
import { currentTenant, session } from '../../session/session';
import { BILLING_LINK } from '../settings/billing-model';
import { inviteMember, type NewInvitation } from '../settings/team-api';
import { assignableRoles, canManageTeam, inviteErrors, type InviteErrors } from '../settings/team-model';
import { FieldError } from '../sign-up/AuthCard';
import {
  checkInviteRows,
  DEFAULT_INVITE_ROLE,
  invitedLine,
  isPlanLimit,
  nextPath,
  NO_EMAIL_SERVICE_NOTE,
  type InviteRow,
  type StepError,
} from './welcome-model';

let nextKey = 0;
const blankRow = (): InviteRow => ({ key: nextKey++, email: '', role: DEFAULT_INVITE_ROLE });

export function TeamStep(): JSX.Element {
  const navigate = useNavigate();
  const actor = (): Role => currentTenant()?.role ?? 'viewer';
  const [rows, setRows] = createSignal<InviteRow[]>([blankRow()]);
  const [rowErrors, setRowErrors] = createSignal<ReadonlyMap<number, InviteErrors>>(new Map());
  const [failure, setFailure] = createSignal<StepError | null>(null);
  const [invited, setInvited] = createSignal<NewInvitation[]>([]);
  const [sending, setSending] = createSignal(false);

  const update = (key: number, change: Partial<InviteRow>): void => {
    setRows(rows().map((r) => (r.key === key ? { ...r, ...change } : r)));
  };
  const remove = (key: number): void => {
    setRows(rows().filter((r) => r.key !== key));
  };
  const focusFirstError = (errors: ReadonlyMap<number, InviteErrors>): void => {
    const [key, error] = [...errors][0] ?? [];
    if (key === undefined || !error) return;
    queueMicrotask(() => document.getElementById(`invite-${error.email ? 'email' : 'role'}-${key}`)?.focus());
  };

  const send = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const tenantId = session()?.tenantId;
    if (!tenantId || sending()) return;
    setFailure(null);
    const checked = checkInviteRows(rows(), { actor: actor(), invited: invited().map((i) => i.email) });
    const errors = new Map(checked.errors);
    if (checked.send.length === 0 && errors.size === 0) {
      setFailure({ message: 'Enter at least one email address, or skip this step.', upgrade: false });
      return;
    }
    setSending(true);
    const sent = new Set<number>();
    try {
      for (const invitation of checked.send) {
        try {
          await inviteMember(tenantId, { email: invitation.email, role: invitation.role });
          sent.add(invitation.key);
          setInvited([...invited(), { email: invitation.email, role: invitation.role }]);
        } catch (error) {
          const found = inviteErrors(error);
          if (found.form) {
            // Offline or a plan limit: the next ones would fail the same way.
            setFailure({ message: found.form, upgrade: found.upgrade === true || isPlanLimit(error) });
            break;
          }
          errors.set(invitation.key, found);
        }
      }
    } finally {
      const left = rows().filter((r) => !sent.has(r.key));
      setRows(left.length > 0 ? left : [blankRow()]);
      setRowErrors(errors);
      focusFirstError(errors);
      setSending(false);
    }
  };

  return (
    <Show
      when={canManageTeam(actor())}
      fallback={
        <>
          <p>Your role in this workspace cannot invite people: an owner or admin can.</p>
          <div class="welcome-actions">
            <button type="button" class="button" onClick={() => navigate(nextPath('team'))}>
              Continue
            </button>
          </div>
        </>
      }
    >
      <p class="muted">
        Invite the people who look after your customers. Each gets their own sign-in and role.
      </p>
      <form onSubmit={(e) => void send(e)} novalidate>
        <Index each={rows()}>
          {(row, index) => {
            const error = (): InviteErrors => rowErrors().get(row().key) ?? {};
            return (
              <fieldset class="invite-row">
                <legend class="visually-hidden">Person {index + 1}</legend>
                <div class="field">
                  <label for={`invite-email-${row().key}`}>Email</label>
                  <input
                    id={`invite-email-${row().key}`}
                    type="email"
                    autocomplete="off"
                    value={row().email}
                    onInput={(e) => update(row().key, { email: e.currentTarget.value })}
                    aria-invalid={error().email ? 'true' : undefined}
                    aria-describedby={error().email ? `invite-email-${row().key}-error` : undefined}
                  />
                  <FieldError id={`invite-email-${row().key}-error`} message={error().email} />
                </div>
                <div class="field">
                  <label for={`invite-role-${row().key}`}>Role</label>
                  <select
                    id={`invite-role-${row().key}`}
                    value={row().role}
                    onChange={(e) => update(row().key, { role: e.currentTarget.value as Role })}
                    aria-invalid={error().role ? 'true' : undefined}
                    aria-describedby={error().role ? `invite-role-${row().key}-error` : undefined}
                  >
                    <For each={assignableRoles(actor())}>
                      {(role) => <option value={role}>{ROLE_NAMES[role]}</option>}
                    </For>
                  </select>
                  <FieldError id={`invite-role-${row().key}-error`} message={error().role} />
                </div>
                <Show when={rows().length > 1}>
                  <button type="button" class="link-button invite-remove" onClick={() => remove(row().key)}>
                    Remove<span class="visually-hidden"> person {index + 1}</span>
                  </button>
                </Show>
              </fieldset>
            );
          }}
        </Index>
        <button type="button" class="link-button" onClick={() => setRows([...rows(), blankRow()])}>
          + Add another person
        </button>
        <Show when={failure()}>
          {(f) => (
            <p class="error" role="alert">
              <span aria-hidden="true">⚠ </span>
              {f().message}
              <Show when={f().upgrade}>
                {' '}
                <a href={BILLING_LINK}>See plans and usage</a>
              </Show>
            </p>
          )}
        </Show>
        <p class="muted">{NO_EMAIL_SERVICE_NOTE}</p>
        <div class="welcome-actions">
          <button type="submit" class="button" disabled={sending()} aria-busy={sending()}>
            {sending() ? 'Sending…' : 'Send invitations'}
          </button>
          <Show
            when={invited().length > 0}
            fallback={
              <button type="button" class="button secondary" onClick={() => navigate(nextPath('team'))}>
                Skip
              </button>
            }
          >
            <button type="button" class="button secondary" onClick={() => navigate(nextPath('team'))}>
              Continue
            </button>
          </Show>
        </div>
      </form>
      <Show when={invited().length > 0}>
        <section class="welcome-invited" aria-labelledby="invited-title">
          <h2 id="invited-title">Invited</h2>
          <ul>
            <For each={invited()}>
              {(invitation) => (
                <li>
                  <span aria-hidden="true">✓ </span>
                  {invitedLine(invitation)} <span class="muted">· invitation sent</span>
                </li>
              )}
            </For>
          </ul>
        </section>
      </Show>
    </Show>
  );
}

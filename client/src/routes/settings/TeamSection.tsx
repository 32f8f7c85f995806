/**
 * Settings → Team: who is in the workspace, with their role and manager. Owners and admins change roles and
 * managers, remove people (asked in place), invite by email and withdraw pending invitations; an owner hands
 * ownership over; anyone may leave. Membership lives on the server (it ends sessions, sends invitations and
 * keeps a workspace from losing its last owner), so this needs the network: offline it says so and loads
 * once the connection is back. The server checks every rule again; the role matrix here only hides what it
 * would refuse.
 */
import { useNavigate } from '@solidjs/router';
import { ROLE_NAMES, type Role } from '@vitals/shared';
import { createEffect, createSignal, For, on, Show, type JSX } from 'solid-js';
import { currentTenant, session } from '../../session/session';
import { useTenantData } from '../../state/tenant-data';
import { refreshProfile } from './account-api';
import { BILLING_LINK } from './billing-model';
import { leaveWorkspaceOnThisDevice } from './sign-out';
import { createTaskRunner, type TaskRunner } from './task-runner';
import { formatWhen } from './format-when';
import { createServerData } from './server-settings';
import {
  changeMember,
  fetchInvitations,
  fetchMembers,
  inviteMember,
  leaveWorkspace,
  removeMember,
  transferOwnership,
  withdrawInvitation,
  type TeamInvitation,
  type TeamMember,
} from './team-api';
import {
  assignableRoles,
  canManageTeam,
  checkInvitation,
  expiresText,
  inviteErrors,
  managerChoices,
  memberActions,
  memberChange,
  memberName,
  memberSummary,
  teamError,
  teamLoadError,
  type InviteErrors,
  type TeamActor,
  type TeamError,
  type TeamTask,
} from './team-model';
import './team.css';

/** An error in words, and the way to the plans when a plan limit was what refused it. */
function ErrorNote(props: { error: TeamError | null }): JSX.Element {
  return (
    <Show when={props.error}>
      {(error) => (
        <p class="error" role="alert">
          {error().message}
          <Show when={error().upgrade}>
            {' '}
            <a href={BILLING_LINK}>See plans and usage</a>
          </Show>
        </p>
      )}
    </Show>
  );
}

/** Runs one change at a time for a piece of the screen, keeping its busy state and its error. */
/**
 * The section's task runner, handing each action the open workspace's id (no workspace open: nothing runs).
 */
function createTask(): Omit<TaskRunner<TeamTask, TeamError>, 'run'> & {
  run: (task: TeamTask, work: (tenantId: string) => Promise<void>) => Promise<boolean>;
} {
  const runner = createTaskRunner(teamError);
  return {
    ...runner,
    run: (task, work) => {
      const tenantId = session()?.tenantId;
      return tenantId ? runner.run(task, () => work(tenantId)) : Promise.resolve(false);
    },
  };
}

export function TeamSection(): JSX.Element {
  const tenantId = (): string | null => session()?.tenantId ?? null;
  const actor = (): TeamActor | null => {
    const userId = session()?.user.id;
    const role = currentTenant()?.role;
    return userId && role ? { id: userId, role } : null;
  };
  const manage = (): boolean => canManageTeam(currentTenant()?.role);
  const members = createServerData(tenantId, fetchMembers);
  const invitations = createServerData(() => (manage() ? tenantId() : null), fetchInvitations);
  const [status, setStatus] = createSignal('');
  let membersHeading: HTMLHeadingElement | undefined;
  let invitesHeading: HTMLHeadingElement | undefined;

  const list = (): TeamMember[] => members.value()?.members ?? [];
  const setMembers = (change: (all: TeamMember[]) => TeamMember[]): void => {
    const current = members.value();
    if (current) members.set({ members: change(current.members) });
  };
  const setInvitations = (change: (all: TeamInvitation[]) => TeamInvitation[]): void => {
    const current = invitations.value();
    if (current) invitations.set({ invitations: change(current.invitations) });
  };
  const replace = (...changed: TeamMember[]): void =>
    setMembers((all) => all.map((m) => changed.find((c) => c.id === m.id) ?? m));

  return (
    <section
      class="card settings-card"
      id="team"
      aria-labelledby="team-title"
      data-testid="team"
      tabindex="-1"
    >
      <h2 id="team-title">Team</h2>
      <p class="muted">
        The people in {currentTenant()?.name ?? 'this workspace'} and what each may do.
        <Show when={manage()}>
          {' '}
          Owners and admins invite people and change roles; only owners make owners.
        </Show>
      </p>
      <p class="team-status" role="status" aria-live="polite" data-testid="team-status">
        {status()}
      </p>

      <Show
        when={!members.error()}
        fallback={
          <div class="warning-note" role="status" data-testid="team-offline">
            <p>{teamLoadError(members.error())}</p>
            <button class="button secondary small" type="button" onClick={() => members.reload()}>
              Try again
            </button>
          </div>
        }
      >
        <Show when={members.value() && actor()} fallback={<p class="muted">Loading the team…</p>}>
          <h3 class="team-heading" ref={membersHeading} tabindex="-1">
            Members <span class="muted">({list().length})</span>
          </h3>
          <ul class="team-list" data-testid="team-members">
            {/* Keyed by id: a member who changes keeps their item (an open confirmation, the focused button). */}
            <For each={list().map((m) => m.id)}>
              {(id) => (
                <Show when={list().find((m) => m.id === id)}>
                  {(member) => (
                    <MemberItem
                      member={member()}
                      members={list()}
                      actor={actor()!}
                      onChanged={(next) => {
                        replace(next);
                        setStatus(`Saved: ${memberName(next)} is now ${memberSummary(next, list())}.`);
                      }}
                      onRemoved={(gone) => {
                        setMembers((all) =>
                          all
                            .filter((m) => m.id !== gone.id)
                            .map((m) => (m.managerId === gone.id ? { ...m, managerId: null } : m)),
                        );
                        setStatus(`${memberName(gone)} was removed and signed out on every device.`);
                        membersHeading?.focus();
                      }}
                      onTransferred={(owner, formerOwner) => {
                        replace(owner, formerOwner);
                        setStatus(`${memberName(owner)} is now the owner. You are an admin.`);
                        // The device session still says "owner": read the role back from the server.
                        void refreshProfile().catch(() => undefined);
                      }}
                    />
                  )}
                </Show>
              )}
            </For>
          </ul>

          <Show when={manage()}>
            <InviteForm
              actor={actor()!.role}
              members={list()}
              onInvited={(invitation) => {
                setInvitations((all) => [invitation, ...all.filter((i) => i.id !== invitation.id)]);
                setStatus(`Invitation sent to ${invitation.email} as ${ROLE_NAMES[invitation.role]}.`);
              }}
            />
            <h3 class="team-heading" ref={invitesHeading} tabindex="-1">
              Pending invitations
            </h3>
            <Show
              when={!invitations.error()}
              fallback={
                <div class="warning-note" role="status">
                  <p>{teamLoadError(invitations.error())}</p>
                  <button class="button secondary small" type="button" onClick={() => invitations.reload()}>
                    Try again
                  </button>
                </div>
              }
            >
              <Show when={invitations.value()} fallback={<p class="muted">Loading invitations…</p>}>
                {(loaded) => (
                  <Show
                    when={loaded().invitations.length > 0}
                    fallback={<p class="muted">No invitations waiting to be accepted.</p>}
                  >
                    <ul class="team-list" data-testid="team-invitations">
                      <For each={loaded().invitations}>
                        {(invitation) => (
                          <InvitationItem
                            invitation={invitation}
                            actor={actor()!.role}
                            onWithdrawn={() => {
                              setInvitations((all) => all.filter((i) => i.id !== invitation.id));
                              setStatus(`The invitation to ${invitation.email} was withdrawn.`);
                              invitesHeading?.focus();
                            }}
                          />
                        )}
                      </For>
                    </ul>
                  </Show>
                )}
              </Show>
            </Show>
          </Show>
        </Show>
      </Show>

      <LeaveWorkspace />
    </section>
  );
}

function MemberItem(props: {
  member: TeamMember;
  members: TeamMember[];
  actor: TeamActor;
  onChanged: (member: TeamMember) => void;
  onRemoved: (member: TeamMember) => void;
  onTransferred: (owner: TeamMember, formerOwner: TeamMember) => void;
}): JSX.Element {
  const task = createTask();
  const [role, setRole] = createSignal<Role>(props.member.role);
  const [managerId, setManagerId] = createSignal(props.member.managerId ?? '');
  const [confirming, setConfirming] = createSignal<'remove' | 'transfer' | null>(null);
  const actions = () => memberActions(props.actor, props.member);
  const change = () => memberChange(props.member, { role: role(), managerId: managerId() });
  const self = (): boolean => props.actor.id === props.member.id;
  const idFor = (what: string): string => `team-${what}-${props.member.id}`;
  let transferButton: HTMLButtonElement | undefined;
  let removeButton: HTMLButtonElement | undefined;
  let cancelButton: HTMLButtonElement | undefined;

  // What the server saved (or a change from elsewhere) becomes the form's starting point again.
  createEffect(
    on(
      () => [props.member.role, props.member.managerId] as const,
      ([r, m]) => {
        setRole(r);
        setManagerId(m ?? '');
      },
    ),
  );

  const ask = (what: 'remove' | 'transfer'): void => {
    task.clear();
    setConfirming(what);
    queueMicrotask(() => cancelButton?.focus());
  };
  // Back to the button that asked (drawn anew when the confirmation closes, so read after it is).
  const cancel = (): void => {
    const was = confirming();
    setConfirming(null);
    queueMicrotask(() => (was === 'remove' ? removeButton : transferButton)?.focus());
  };

  const save = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const body = change();
    if (!body) return;
    await task.run('change', async (tenantId) => {
      const { member } = await changeMember(tenantId, props.member.id, body);
      props.onChanged(member);
    });
  };
  const remove = (): Promise<boolean> =>
    task.run('remove', async (tenantId) => {
      await removeMember(tenantId, props.member.id);
      props.onRemoved(props.member);
    });
  const transfer = async (): Promise<void> => {
    const done = await task.run('transfer', async (tenantId) => {
      const { owner, formerOwner } = await transferOwnership(tenantId, props.member.id);
      props.onTransferred(owner, formerOwner);
    });
    if (done) setConfirming(null);
  };

  return (
    <li class="team-item" data-testid="team-member" data-role={props.member.role}>
      <div class="team-who">
        <span class="team-name">
          {memberName(props.member)}
          <Show when={self()}>
            <span class="muted"> (you)</span>
          </Show>
        </span>
        <span class="muted team-email">{props.member.email}</span>
        <span class="team-summary" data-testid="team-member-role">
          {memberSummary(props.member, props.members)}
        </span>
        <span class="muted team-meta">Joined {formatWhen(props.member.joinedAt)}</span>
      </div>

      <Show when={actions().change}>
        <form
          class="team-edit"
          onSubmit={(e) => void save(e)}
          aria-label={`Role and manager of ${memberName(props.member)}`}
        >
          <div class="field">
            <label for={idFor('role')}>Role</label>
            <select
              id={idFor('role')}
              value={role()}
              onChange={(e) => setRole(e.currentTarget.value as Role)}
            >
              <For each={assignableRoles(props.actor.role)}>
                {(r) => <option value={r}>{ROLE_NAMES[r]}</option>}
              </For>
            </select>
          </div>
          <div class="field">
            <label for={idFor('manager')}>Manager</label>
            <select
              id={idFor('manager')}
              value={managerId()}
              onChange={(e) => setManagerId(e.currentTarget.value)}
            >
              <option value="">No manager</option>
              <For each={managerChoices(props.members, props.member)}>
                {(m) => <option value={m.id}>{memberName(m)}</option>}
              </For>
            </select>
          </div>
          <button class="button secondary small" type="submit" disabled={!change() || task.busy() !== null}>
            {task.busy() === 'change' ? 'Saving…' : 'Save'}
          </button>
        </form>
      </Show>

      <ErrorNote error={task.error()} />

      <Show
        when={confirming()}
        fallback={
          <Show when={actions().remove || actions().makeOwner}>
            <div class="button-row">
              <Show when={actions().makeOwner}>
                <button
                  class="button secondary small"
                  type="button"
                  disabled={task.busy() !== null}
                  ref={transferButton}
                  onClick={() => ask('transfer')}
                >
                  Make owner…
                </button>
              </Show>
              <Show when={actions().remove}>
                <button
                  class="button secondary small"
                  type="button"
                  disabled={task.busy() !== null}
                  ref={removeButton}
                  onClick={() => ask('remove')}
                >
                  Remove…
                </button>
              </Show>
            </div>
          </Show>
        }
      >
        {(what) => (
          <div
            class="team-confirm"
            role="group"
            aria-label={what() === 'remove' ? 'Confirm removal' : 'Confirm the transfer of ownership'}
          >
            <p>
              {what() === 'remove'
                ? `Remove ${memberName(props.member)}? They lose access at once and are signed out on every device. The accounts they own keep them as owner until someone reassigns them.`
                : `Make ${memberName(props.member)} the owner? You become an admin: you can no longer manage billing, delete the workspace or change owners.`}
            </p>
            <div class="button-row">
              <button
                class="button danger small"
                type="button"
                disabled={task.busy() !== null}
                onClick={() => void (what() === 'remove' ? remove() : transfer())}
              >
                {what() === 'remove'
                  ? task.busy() === 'remove'
                    ? 'Removing…'
                    : 'Remove member'
                  : task.busy() === 'transfer'
                    ? 'Transferring…'
                    : 'Make owner'}
              </button>
              <button class="button secondary small" type="button" ref={cancelButton} onClick={cancel}>
                Cancel
              </button>
            </div>
          </div>
        )}
      </Show>
    </li>
  );
}

function InviteForm(props: {
  actor: Role;
  members: TeamMember[];
  onInvited: (invitation: TeamInvitation) => void;
}): JSX.Element {
  const [email, setEmail] = createSignal('');
  const [role, setRole] = createSignal<Role | ''>('csm');
  const [errors, setErrors] = createSignal<InviteErrors>({});
  const [saving, setSaving] = createSignal(false);
  const roles = () => assignableRoles(props.actor);

  const focusFirst = (found: InviteErrors): void => {
    const id = found.email ? 'team-invite-email' : found.role ? 'team-invite-role' : null;
    if (id) queueMicrotask(() => document.getElementById(id)?.focus());
  };

  const submit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const tenantId = session()?.tenantId;
    if (!tenantId || saving()) return;
    const checked = checkInvitation(
      { email: email(), role: role() },
      { actor: props.actor, members: props.members },
    );
    if (!checked.ok) {
      setErrors(checked.errors);
      focusFirst(checked.errors);
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      const { invitation } = await inviteMember(tenantId, checked.input);
      setEmail('');
      props.onInvited(invitation);
    } catch (failure) {
      const found = inviteErrors(failure);
      setErrors(found);
      focusFirst(found);
    } finally {
      setSaving(false);
    }
  };

  const describedBy = (field: 'email' | 'role', hint?: string): string | undefined =>
    [hint, errors()[field] ? `team-invite-${field}-error` : undefined].filter(Boolean).join(' ') || undefined;
  const fieldError = (field: 'email' | 'role'): JSX.Element => (
    <Show when={errors()[field]}>
      <span class="field-error" id={`team-invite-${field}-error`}>
        <span aria-hidden="true">⚠ </span>
        {errors()[field]}
      </span>
    </Show>
  );

  return (
    <form class="team-invite" onSubmit={(e) => void submit(e)} novalidate aria-labelledby="team-invite-title">
      <h3 id="team-invite-title" class="team-heading">
        Invite someone
      </h3>
      <div class="team-invite-fields">
        <div class="field">
          <label for="team-invite-email">Email</label>
          <input
            id="team-invite-email"
            type="email"
            inputmode="email"
            autocomplete="off"
            spellcheck={false}
            placeholder="ana@example.com"
            value={email()}
            aria-invalid={errors().email ? true : undefined}
            aria-describedby={describedBy('email', 'team-invite-hint')}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
          {fieldError('email')}
        </div>
        <div class="field">
          <label for="team-invite-role">Role</label>
          <select
            id="team-invite-role"
            value={role()}
            aria-invalid={errors().role ? true : undefined}
            aria-describedby={describedBy('role')}
            onChange={(e) => setRole(e.currentTarget.value as Role)}
          >
            <For each={roles()}>{(r) => <option value={r}>{ROLE_NAMES[r]}</option>}</For>
          </select>
          {fieldError('role')}
        </div>
      </div>
      <p class="muted field-hint" id="team-invite-hint">
        They get an email with a link that works for a week. Inviting the same address again sends a new link.
      </p>
      <Show when={errors().form}>
        <ErrorNote error={{ message: errors().form ?? '', upgrade: errors().upgrade ?? false }} />
      </Show>
      <button class="button" type="submit" disabled={saving()} data-testid="team-invite-submit">
        {saving() ? 'Sending…' : 'Send invitation'}
      </button>
    </form>
  );
}

function InvitationItem(props: {
  invitation: TeamInvitation;
  actor: Role;
  onWithdrawn: () => void;
}): JSX.Element {
  const task = createTask();
  // The matrix again: an admin can neither make nor withdraw an owner's invitation.
  const mayWithdraw = () => assignableRoles(props.actor).includes(props.invitation.role);
  const withdraw = (): Promise<boolean> =>
    task.run('withdraw', async (tenantId) => {
      await withdrawInvitation(tenantId, props.invitation.id);
      props.onWithdrawn();
    });

  return (
    <li class="team-item" data-testid="team-invitation">
      <div class="team-who">
        <span class="team-name team-email">{props.invitation.email}</span>
        <span class="team-summary">
          Invited as {ROLE_NAMES[props.invitation.role]}
          {props.invitation.invitedBy ? ` by ${memberName(props.invitation.invitedBy)}` : ''}
        </span>
        <span class="muted team-meta">
          Sent {formatWhen(props.invitation.createdAt)} ·{' '}
          {expiresText(props.invitation.expiresAt, new Date())}
        </span>
      </div>
      <ErrorNote error={task.error()} />
      <Show when={mayWithdraw()}>
        <div class="button-row">
          <button
            class="button secondary small"
            type="button"
            disabled={task.busy() !== null}
            aria-label={`Withdraw the invitation to ${props.invitation.email}`}
            onClick={() => void withdraw()}
          >
            {task.busy() === 'withdraw' ? 'Withdrawing…' : 'Withdraw'}
          </button>
        </div>
      </Show>
    </li>
  );
}

/**
 * Leaving: the server refuses the last owner (409, with the reason shown as it says it). On success this
 * device forgets the workspace's data, then moves to another workspace, or to sign-in when none is left.
 */
function LeaveWorkspace(): JSX.Element {
  const data = useTenantData();
  const navigate = useNavigate();
  const task = createTask();
  const [confirming, setConfirming] = createSignal(false);
  let openButton: HTMLButtonElement | undefined;
  let cancelButton: HTMLButtonElement | undefined;
  const name = (): string => currentTenant()?.name ?? 'this workspace';

  const leave = async (): Promise<void> => {
    const leaving = session()?.tenantId;
    const done = await task.run('leave', (tenantId) => leaveWorkspace(tenantId).then(() => undefined));
    if (!done || !leaving) return;
    // The server no longer lets this device read the workspace: its local copy goes too.
    navigate(await leaveWorkspaceOnThisDevice(data, leaving), { replace: true });
  };

  return (
    <div class="team-leave">
      <h3 class="team-heading">Leave this workspace</h3>
      <Show
        when={confirming()}
        fallback={
          <>
            <p class="muted">You lose access to {name()} and its data is removed from this device.</p>
            <button
              class="button secondary"
              type="button"
              ref={openButton}
              data-testid="team-leave"
              onClick={() => {
                task.clear();
                setConfirming(true);
                queueMicrotask(() => cancelButton?.focus());
              }}
            >
              Leave {name()}…
            </button>
          </>
        }
      >
        <div class="team-confirm" role="group" aria-label="Confirm leaving the workspace">
          <p>
            Leave {name()}? You can only come back if someone invites you again. Changes not yet synced from
            this device are lost.
          </p>
          <div class="button-row">
            <button
              class="button danger small"
              type="button"
              disabled={task.busy() !== null}
              data-testid="team-leave-confirm"
              onClick={() => void leave()}
            >
              {task.busy() === 'leave' ? 'Leaving…' : 'Leave workspace'}
            </button>
            <button
              class="button secondary small"
              type="button"
              ref={cancelButton}
              onClick={() => {
                setConfirming(false);
                queueMicrotask(() => openButton?.focus());
              }}
            >
              Cancel
            </button>
          </div>
        </div>
      </Show>
      <ErrorNote error={task.error()} />
    </div>
  );
}

/**
 * Settings → Team as data, apart from the screen so each case is tested: what the person may do to whom
 * (the role matrix in `@vitals/shared` decides; the server checks again), the invite form checked before it
 * is sent, and every refusal in words (a plan limit with the way to upgrade, the last owner told why).
 */
import { can, canAssignRole, ROLE_NAMES, ROLES, type Role } from '@vitals/shared';
import { HttpError } from '../../api/http';
import { limitErrorText } from './billing-model';
import { problemsFromDetails, serverSettingsMessage } from './server-settings';
import type { MemberChange, NewInvitation, TeamMember } from './team-api';

/** Who is looking at the team: their id (to tell "you" apart) and their role in this workspace. */
export interface TeamActor {
  readonly id: string;
  readonly role: Role;
}

export function canManageTeam(role: Role | null | undefined): boolean {
  return role ? can(role, 'team.manage') : false;
}

/** The roles `actor` may give, invite to, or withdraw an invitation to, in the matrix's order. */
export function assignableRoles(actor: Role): Role[] {
  if (!can(actor, 'team.manage')) return [];
  return ROLES.filter((role) => canAssignRole(actor, role));
}

export interface MemberActions {
  /** Change role and manager. */
  readonly change: boolean;
  readonly remove: boolean;
  /** Transfer ownership to this member. */
  readonly makeOwner: boolean;
}

/**
 * What `actor` may do to `member`. Never to oneself: one's own role changes through "Make owner" or by
 * leaving, so nobody locks themselves out with a select. Only an owner touches owners.
 */
export function memberActions(actor: TeamActor, member: TeamMember): MemberActions {
  const self = actor.id === member.id;
  const manage = !self && can(actor.role, 'team.manage') && canAssignRole(actor.role, member.role);
  return {
    change: manage,
    remove: manage,
    makeOwner: !self && actor.role === 'owner' && member.role !== 'owner',
  };
}

/** "Ana Ruiz", or the address when an account has no name. */
export function memberName(member: Pick<TeamMember, 'name' | 'email'>): string {
  return member.name.trim() || member.email;
}

/** The manager's name, or `null` when none (or one no longer in the workspace). */
export function managerName(members: readonly TeamMember[], managerId: string | null): string | null {
  if (managerId === null) return null;
  const manager = members.find((m) => m.id === managerId);
  return manager ? memberName(manager) : null;
}

/** Who can manage `member`: anyone else in the workspace. */
export function managerChoices(members: readonly TeamMember[], member: TeamMember): TeamMember[] {
  return members.filter((m) => m.id !== member.id);
}

export interface MemberForm {
  readonly role: Role;
  /** `''` for no manager, as a select's value. */
  readonly managerId: string;
}

/** Only what changed, or `null` when nothing did (the save button stays off). */
export function memberChange(member: TeamMember, form: MemberForm): MemberChange | null {
  const managerId = form.managerId === '' ? null : form.managerId;
  const change: { role?: Role; managerId?: string | null } = {};
  if (form.role !== member.role) change.role = form.role;
  if (managerId !== member.managerId) change.managerId = managerId;
  return Object.keys(change).length > 0 ? change : null;
}

export type InviteField = 'email' | 'role' | 'form';

export interface InviteErrors {
  readonly email?: string;
  readonly role?: string;
  readonly form?: string;
  /** The form error is a plan limit: show the link to the plans beside it. */
  readonly upgrade?: boolean;
}

/** Enough to catch a typo; the server checks the address by sign-up's own rules. */
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const EMAIL_MAX_LENGTH = 254;

/** What can be told before asking the server: the address's shape, a member already, a role one may give. */
export function checkInvitation(
  form: { readonly email: string; readonly role: Role | '' },
  options: { readonly actor: Role; readonly members: readonly TeamMember[] },
):
  | { readonly ok: true; readonly input: NewInvitation }
  | { readonly ok: false; readonly errors: InviteErrors } {
  const email = form.email.trim();
  const errors: { email?: string; role?: string } = {};
  if (!email) errors.email = 'Enter the email address to send the invitation to.';
  else if (email.length > EMAIL_MAX_LENGTH || !EMAIL_SHAPE.test(email))
    errors.email = 'Enter a full email address, such as ana@example.com.';
  else if (options.members.some((m) => m.email.toLowerCase() === email.toLowerCase()))
    errors.email = `${email} is already a member of this workspace.`;
  if (form.role === '') errors.role = 'Choose the role they will have.';
  else if (!canAssignRole(options.actor, form.role))
    errors.role = `Your role cannot invite someone as ${ROLE_NAMES[form.role]}. Ask an owner.`;
  if (errors.email || errors.role || form.role === '') return { ok: false, errors };
  return { ok: true, input: { email, role: form.role } };
}

export type TeamTask = 'invite' | 'change' | 'remove' | 'leave' | 'transfer' | 'withdraw';

const DOING: Record<TeamTask, string> = {
  invite: 'Inviting',
  change: 'Changing a role',
  remove: 'Removing a member',
  leave: 'Leaving the workspace',
  transfer: 'Transferring ownership',
  withdraw: 'Withdrawing an invitation',
};

export interface TeamError {
  readonly message: string;
  /** A plan limit stood in the way: offer the plans (`BILLING_LINK`). */
  readonly upgrade: boolean;
}

/**
 * What to say when a team change failed. The server's own sentence wins where it is the most precise
 * one (the last owner, a role one may not touch, an address already in the team); offline says it needs
 * a connection; a plan limit says which and offers the way up.
 */
export function teamError(error: unknown, task: TeamTask): TeamError {
  const plain = (message: string): TeamError => ({ message, upgrade: false });
  if (!(error instanceof HttpError)) return plain(`${DOING[task]} did not work. Try again in a moment.`);
  if (error.offline) return plain(`${DOING[task]} needs a connection. Try again when you are back online.`);
  const limit = limitErrorText(error.details);
  if (limit !== null) return { message: limit, upgrade: true };
  switch (error.code) {
    case 'forbidden':
    case 'last-owner':
    case 'already-member':
    case 'not-found':
    case 'conflict':
      return plain(error.message);
    default:
      return plain(serverSettingsMessage(error, 'Team settings'));
  }
}

const INVITE_FIELDS: readonly InviteField[] = ['email', 'role'];

/** A failed invitation → messages on the fields they are about; the rest (and plan limits) on the form. */
export function inviteErrors(error: unknown): InviteErrors {
  if (error instanceof HttpError && error.code === 'already-member') return { email: error.message };
  const errors: { email?: string; role?: string } = {};
  if (error instanceof HttpError && error.status === 400) {
    for (const problem of problemsFromDetails(error.details)) {
      const field = INVITE_FIELDS.find((f) => problem.path === f || problem.path.startsWith(`${f}.`));
      if (field === 'email' || field === 'role') errors[field] ??= problem.message;
    }
  }
  if (errors.email || errors.role) return errors;
  const { message, upgrade } = teamError(error, 'invite');
  return upgrade ? { form: message, upgrade } : { form: message };
}

/** The team list could not be read. */
export function teamLoadError(error: unknown): string {
  if (error instanceof HttpError && error.offline) {
    return 'You are offline. The team is managed on the server, so this needs a connection: it loads again when you are back online.';
  }
  return serverSettingsMessage(error, 'Team members');
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** "Expires in 3 days", "Expires within a day", "Expired": whole days, a part day counted as one. */
export function expiresText(expiresAt: string, now: Date): string {
  const end = Date.parse(expiresAt);
  if (Number.isNaN(end)) return '';
  const days = Math.ceil((end - now.getTime()) / DAY_MS);
  if (days <= 0) return 'Expired';
  if (days === 1) return 'Expires within a day';
  return `Expires in ${String(days)} days`;
}

/** The line under a member's name: role, and manager when there is one. */
export function memberSummary(member: TeamMember, members: readonly TeamMember[]): string {
  const manager = managerName(members, member.managerId);
  const role = ROLE_NAMES[member.role];
  return manager ? `${role} · reports to ${manager}` : role;
}

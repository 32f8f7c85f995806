import type { LimitExceeded, Role } from '@vitals/shared';
import { describe, expect, it } from 'vitest';
import { HttpError, offlineError } from '../../api/http';
import type { TeamMember } from './team-api';
import {
  assignableRoles,
  canManageTeam,
  checkInvitation,
  expiresText,
  inviteErrors,
  managerChoices,
  managerName,
  memberActions,
  memberChange,
  memberSummary,
  teamError,
  teamLoadError,
} from './team-model';

function member(id: string, role: Role, extra: Partial<TeamMember> = {}): TeamMember {
  return {
    id,
    name: `Name ${id}`,
    email: `${id}@example.com`,
    role,
    managerId: null,
    joinedAt: '2025-01-01T00:00:00.000Z',
    ...extra,
  };
}

const owner = member('owner', 'owner');
const admin = member('admin', 'admin');
const csm = member('csm', 'csm', { managerId: 'manager' });
const manager = member('manager', 'manager');
const team = [owner, admin, manager, csm];

const limit: LimitExceeded = {
  kind: 'users',
  plan: 'free',
  limit: 2,
  current: 2,
  requested: 1,
  message: 'The Free plan allows 2 users. Upgrade to Professional for up to 10.',
  upgradeTo: 'professional',
};

describe('who may do what', () => {
  it.each<[Role, boolean]>([
    ['owner', true],
    ['admin', true],
    ['manager', false],
    ['csm', false],
    ['viewer', false],
  ])('%s manages the team: %s', (role, expected) => {
    expect(canManageTeam(role)).toBe(expected);
  });

  it('says no without a role', () => {
    expect(canManageTeam(null)).toBe(false);
  });

  it.each<[Role, Role[]]>([
    ['owner', ['owner', 'admin', 'manager', 'csm', 'viewer']],
    ['admin', ['admin', 'manager', 'csm', 'viewer']],
    ['manager', []],
    ['viewer', []],
  ])('%s may give %j', (role, roles) => {
    expect(assignableRoles(role)).toEqual(roles);
  });

  it.each<[string, TeamMember, TeamMember, { change: boolean; remove: boolean; makeOwner: boolean }]>([
    ['an owner, an admin', owner, admin, { change: true, remove: true, makeOwner: true }],
    [
      'an owner, another owner',
      owner,
      member('o2', 'owner'),
      { change: true, remove: true, makeOwner: false },
    ],
    ['an owner, themselves', owner, owner, { change: false, remove: false, makeOwner: false }],
    ['an admin, a CSM', admin, csm, { change: true, remove: true, makeOwner: false }],
    ['an admin, an owner', admin, owner, { change: false, remove: false, makeOwner: false }],
    ['an admin, themselves', admin, admin, { change: false, remove: false, makeOwner: false }],
    ['a manager, a CSM', manager, csm, { change: false, remove: false, makeOwner: false }],
  ])('%s', (_, actor, target, expected) => {
    expect(memberActions({ id: actor.id, role: actor.role }, target)).toEqual(expected);
  });
});

describe('names and managers', () => {
  it('names the manager, or nobody', () => {
    expect(managerName(team, 'manager')).toBe('Name manager');
    expect(managerName(team, null)).toBeNull();
    expect(managerName(team, 'gone')).toBeNull();
  });

  it('falls back to the address for an account without a name', () => {
    expect(managerName([member('x', 'csm', { name: '  ' })], 'x')).toBe('x@example.com');
  });

  it('summarises role and manager', () => {
    expect(memberSummary(csm, team)).toBe('CSM · reports to Name manager');
    expect(memberSummary(admin, team)).toBe('Admin');
  });

  it('offers everyone else as manager', () => {
    expect(managerChoices(team, csm).map((m) => m.id)).toEqual(['owner', 'admin', 'manager']);
  });
});

describe('memberChange', () => {
  it.each<[string, { role: Role; managerId: string }, ReturnType<typeof memberChange>]>([
    ['nothing', { role: 'csm', managerId: 'manager' }, null],
    ['the role', { role: 'viewer', managerId: 'manager' }, { role: 'viewer' }],
    ['the manager', { role: 'csm', managerId: 'admin' }, { managerId: 'admin' }],
    ['no manager', { role: 'csm', managerId: '' }, { managerId: null }],
    ['both', { role: 'manager', managerId: '' }, { role: 'manager', managerId: null }],
  ])('sends only what changed: %s', (_, form, expected) => {
    expect(memberChange(csm, form)).toEqual(expected);
  });
});

describe('checkInvitation', () => {
  const options = { actor: 'admin' as Role, members: team };

  it('passes a good form, trimmed', () => {
    expect(checkInvitation({ email: ' new@example.com ', role: 'csm' }, options)).toEqual({
      ok: true,
      input: { email: 'new@example.com', role: 'csm' },
    });
  });

  it.each<[string, { email: string; role: Role | '' }, 'email' | 'role', RegExp]>([
    ['no address', { email: ' ', role: 'csm' }, 'email', /Enter the email/],
    ['not an address', { email: 'ana@example', role: 'csm' }, 'email', /full email address/],
    ['a member already', { email: 'CSM@example.com', role: 'csm' }, 'email', /already a member/],
    ['no role', { email: 'new@example.com', role: '' }, 'role', /Choose the role/],
    ['a role the admin may not give', { email: 'new@example.com', role: 'owner' }, 'role', /Ask an owner/],
  ])('refuses %s on its field', (_, form, field, message) => {
    const result = checkInvitation(form, options);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[field]).toMatch(message);
  });
});

describe('teamError', () => {
  it.each<[string, unknown, string, RegExp, boolean]>([
    ['offline', offlineError(), 'leave', /Leaving the workspace needs a connection/, false],
    [
      'the last owner',
      new HttpError(409, 'last-owner', 'A workspace needs an owner: make someone else owner first.'),
      'leave',
      /needs an owner/,
      false,
    ],
    [
      'a forbidden role',
      new HttpError(403, 'forbidden', 'Your role cannot change an Owner. Ask an owner.'),
      'change',
      /cannot change an Owner/,
      false,
    ],
    [
      'a plan limit',
      new HttpError(402, 'plan-limit', limit.message, limit),
      'invite',
      /Free plan allows 2/,
      true,
    ],
    ['an ended session', new HttpError(401, 'session-expired', 'Expired.'), 'remove', /Sign in again/, false],
    ['something else', new Error('boom'), 'transfer', /Transferring ownership did not work/, false],
  ])('%s', (_, error, task, message, upgrade) => {
    const result = teamError(error, task as Parameters<typeof teamError>[1]);
    expect(result.message).toMatch(message);
    expect(result.upgrade).toBe(upgrade);
  });

  it('says the list needs a connection offline', () => {
    expect(teamLoadError(offlineError())).toMatch(/needs a connection/);
  });
});

describe('inviteErrors', () => {
  it('puts the server’s field problems on their fields', () => {
    const error = new HttpError(400, 'invalid-input', 'Check the form.', {
      issues: [{ path: ['email'], message: 'That address is not valid.' }],
    });
    expect(inviteErrors(error)).toEqual({ email: 'That address is not valid.' });
  });

  it('puts "already a member" on the address', () => {
    expect(inviteErrors(new HttpError(409, 'already-member', 'a@example.com is already a member.'))).toEqual({
      email: 'a@example.com is already a member.',
    });
  });

  it('offers the upgrade for a plan limit', () => {
    expect(inviteErrors(new HttpError(402, 'plan-limit', limit.message, limit))).toEqual({
      form: limit.message,
      upgrade: true,
    });
  });

  it('says offline on the form', () => {
    expect(inviteErrors(offlineError()).form).toMatch(/Inviting needs a connection/);
  });
});

describe('expiresText', () => {
  const now = new Date('2025-03-01T12:00:00.000Z');
  it.each<[string, string]>([
    ['2025-03-08T12:00:00.000Z', 'Expires in 7 days'],
    ['2025-03-02T11:00:00.000Z', 'Expires within a day'],
    ['2025-03-02T13:00:00.000Z', 'Expires in 2 days'],
    ['2025-03-01T11:00:00.000Z', 'Expired'],
    ['not a date', ''],
  ])('%s → %s', (iso, text) => {
    expect(expiresText(iso, now)).toBe(text);
  });
});

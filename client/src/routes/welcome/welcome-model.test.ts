import { describe, expect, it } from 'vitest';
import { HttpError, offlineError } from '../../api/http';
import {
  accountsText,
  checkInviteRows,
  checkWorkspaceName,
  installHelp,
  invitedLine,
  isPlanLimit,
  nextPath,
  sampleError,
  sampleText,
  stepAt,
  stepCount,
  stepState,
  WELCOME_STEPS,
  workspaceError,
  type InviteRow,
} from './welcome-model';

describe('steps', () => {
  it.each<[string, string | null]>([
    ['/welcome', 'workspace'],
    ['/welcome/', 'workspace'],
    ['/welcome/data', 'data'],
    ['/welcome/team/', 'team'],
    ['/welcome/install', 'install'],
    ['/welcome/other', null],
    ['/', null],
  ])('%s → %s', (path, id) => {
    expect(stepAt(path)?.id ?? null).toBe(id);
  });

  it.each(WELCOME_STEPS.map((s, i) => [s, `Step ${i + 1} of 4`] as const))('counts %j', (step, text) => {
    expect(stepCount(step)).toBe(text);
  });

  it('tells each step where it stands', () => {
    const current = stepAt('/welcome/team')!;
    expect(WELCOME_STEPS.map((s) => stepState(s, current))).toEqual(['done', 'done', 'current', 'next']);
  });

  it.each([
    ['workspace', '/welcome/data'],
    ['data', '/welcome/team'],
    ['team', '/welcome/install'],
    ['install', '/'],
  ] as const)('after %s comes %s', (id, path) => {
    expect(nextPath(id)).toBe(path);
  });

  it('names the headings the pages use', () => {
    expect(WELCOME_STEPS.map((s) => s.title)).toEqual([
      'Name your workspace',
      'Add your data',
      'Invite your team',
      'Install Vitals',
    ]);
  });
});

describe('checkWorkspaceName', () => {
  it.each<[string, string | undefined]>([
    ['ACME', undefined],
    ['  ', 'Enter a name for your workspace.'],
    ['x'.repeat(201), 'Keep the name under 200 characters.'],
  ])('%j', (name, error) => {
    expect(checkWorkspaceName(name)).toBe(error);
  });
});

describe('workspaceError', () => {
  it.each<[unknown, ReturnType<typeof workspaceError>]>([
    [
      new HttpError(403, 'email-unverified', 'Verify first.'),
      {
        message: 'Confirm your email address first: open the link we sent you, then come back here.',
        unverified: true,
      },
    ],
    [
      new HttpError(400, 'invalid-input', 'Invalid.', [{ path: ['name'], message: 'Enter a name.' }]),
      { message: 'Enter a name.' },
    ],
    [new HttpError(429, 'too-many', 'Slow down.'), { message: 'Slow down.' }],
    [
      offlineError(),
      { message: 'Creating a workspace needs a connection. Try again when you are back online.' },
    ],
  ])('%#', (error, expected) => {
    expect(workspaceError(error)).toEqual(expected);
  });
});

describe('data step', () => {
  it('says what the sample added', () => {
    expect(sampleText({ accounts: 23, documents: 1 })).toBe(
      'Sample data added: 23 accounts with their KPI history (1 record). It appears on this device as it syncs.',
    );
  });

  it.each<[number, Parameters<typeof accountsText>[1], string]>([
    [1, 'upload', '1 account in your workspace.'],
    [1234, 'sample', '1,234 accounts in your workspace.'],
    [0, 'empty', 'Your workspace starts empty: import a spreadsheet any time from Import.'],
    [0, 'sample', 'Waiting for the sample accounts to arrive…'],
    [0, null, 'No accounts in your workspace yet.'],
  ])('%d accounts after %s', (n, choice, text) => {
    expect(accountsText(n, choice)).toBe(text);
  });

  it.each<[unknown, ReturnType<typeof sampleError>]>([
    [
      new HttpError(402, 'plan-limit', 'The Free plan holds 25 accounts.'),
      { message: 'The Free plan holds 25 accounts.', upgrade: true },
    ],
    [
      new HttpError(409, 'tenant-not-empty', 'This workspace already has data.'),
      { message: 'This workspace already has data.', upgrade: false },
    ],
    [
      offlineError(),
      {
        message: 'Adding the sample data needs a connection. Try again when you are back online.',
        upgrade: false,
      },
    ],
  ])('%#', (error, expected) => {
    expect(sampleError(error)).toEqual(expected);
  });
});

describe('checkInviteRows', () => {
  const rows = (...list: [string, InviteRow['role']][]): InviteRow[] =>
    list.map(([email, role], key) => ({ key, email, role }));

  it('sends filled rows, leaves blank ones out', () => {
    const result = checkInviteRows(
      rows(['ana@example.com', 'csm'], ['  ', 'csm'], ['bo@example.com', 'admin']),
      { actor: 'owner', invited: [] },
    );
    expect(result.send).toEqual([
      { key: 0, email: 'ana@example.com', role: 'csm' },
      { key: 2, email: 'bo@example.com', role: 'admin' },
    ]);
    expect(result.errors.size).toBe(0);
  });

  it.each<[string, [string, InviteRow['role']][], string[], number, string]>([
    ['a broken address', [['ana@', 'csm']], [], 0, 'Enter a full email address, such as ana@example.com.'],
    [
      'the same address twice',
      [
        ['ana@example.com', 'csm'],
        ['ANA@example.com', 'viewer'],
      ],
      [],
      1,
      'ANA@example.com is already on this list.',
    ],
    [
      'an address invited before',
      [['ana@example.com', 'csm']],
      ['Ana@Example.com'],
      0,
      'ana@example.com is already on this list.',
    ],
  ])('%s', (_, list, invited, key, message) => {
    const result = checkInviteRows(rows(...list), { actor: 'owner', invited });
    expect(result.errors.get(key)?.email).toBe(message);
  });

  it('refuses a role the inviter cannot give', () => {
    const result = checkInviteRows(rows(['ana@example.com', 'owner']), { actor: 'admin', invited: [] });
    expect(result.errors.get(0)?.role).toBe('Your role cannot invite someone as Owner. Ask an owner.');
  });

  it('lists an invitation in words', () => {
    expect(invitedLine({ email: 'ana@example.com', role: 'manager' })).toBe('ana@example.com · CS Manager');
  });
});

describe('installHelp', () => {
  const base = { standalone: false, appleMobile: false, offered: false, installed: false };
  it.each<[string, Partial<typeof base>, ReturnType<typeof installHelp>['kind']]>([
    ['running installed', { standalone: true }, 'installed'],
    ['just installed', { installed: true, offered: true }, 'installed'],
    ['the browser offers it', { offered: true }, 'button'],
    ['an iPhone', { appleMobile: true }, 'instructions'],
    ['any other browser', {}, 'instructions'],
  ])('%s', (_, env, kind) => {
    expect(installHelp({ ...base, ...env }).kind).toBe(kind);
  });
  it('tells iPhone users where to look', () => {
    expect(installHelp({ ...base, appleMobile: true }).text).toBe(
      'On iPhone or iPad: tap Share, then Add to Home Screen.',
    );
  });
});

describe('isPlanLimit', () => {
  it.each<[unknown, boolean]>([
    [new HttpError(402, 'plan-limit', 'The Free plan has 3 seats.'), true],
    [new HttpError(403, 'plan-limit', 'x'), true],
    [new HttpError(409, 'already-member', 'x'), false],
    [offlineError(), false],
    [new Error('x'), false],
  ])('%#', (error, expected) => {
    expect(isPlanLimit(error)).toBe(expected);
  });
});

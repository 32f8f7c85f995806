import type { Role } from '@vitals/shared';
import { describe, expect, it } from 'vitest';
import type { TenantRef, User } from '../../api/auth';
import { HttpError, offlineError } from '../../api/http';
import {
  canManageWorkspaceData,
  confirmationProblem,
  exportFileName,
  fileNameFromDisposition,
  passwordProblem,
  privacyError,
  slugConfirmed,
  withoutWorkspace,
  type PrivacyTask,
} from './privacy-model';

const now = new Date('2026-03-09T23:30:00.000Z');

describe('canManageWorkspaceData', () => {
  it.each<[Role | null, boolean]>([
    ['owner', true],
    ['admin', false],
    ['manager', false],
    ['csm', false],
    ['viewer', false],
    [null, false],
  ])('%s → %s', (role, expected) => {
    expect(canManageWorkspaceData(role)).toBe(expected);
  });
});

describe('exportFileName', () => {
  it('keeps the name the server gave', () => {
    expect(exportFileName({ fileName: 'vitals-acme-2026-03-09.json' }, { kind: 'account' }, now)).toBe(
      'vitals-acme-2026-03-09.json',
    );
  });

  it.each([
    [{ kind: 'account' } as const, 'vitals-account-2026-03-09.json'],
    [{ kind: 'workspace', slug: 'acme-co' } as const, 'vitals-acme-co-2026-03-09.json'],
    [{ kind: 'workspace', slug: '../../' } as const, 'vitals-workspace-2026-03-09.json'],
  ])('makes one like it without a header (%o)', (what, expected) => {
    expect(exportFileName({ fileName: null }, what, now)).toBe(expected);
  });
});

describe('confirming a workspace deletion', () => {
  it.each([
    ['acme', true],
    ['  ACME ', true],
    ['acm', false],
    ['', false],
    ['acme-co', false],
  ])('typed %j for acme → %s', (typed, expected) => {
    expect(slugConfirmed(typed, 'acme')).toBe(expected);
    expect(confirmationProblem(typed, 'acme') === null).toBe(expected);
  });

  it('says what to type', () => {
    expect(confirmationProblem('', 'acme')).toBe("Type the workspace's address, acme, to confirm.");
    expect(confirmationProblem('acne', 'acme')).toBe("That is not the workspace's address. Type acme to confirm.");
  });

  it('asks for the password before asking the server', () => {
    expect(passwordProblem('')).toBe('Enter your password to confirm.');
    expect(passwordProblem(' ')).toBeNull();
  });
});

describe('privacyError', () => {
  const lastOwner = new HttpError(409, 'last-owner', 'Transfer ownership of Acme or delete it first.');
  const subscription = new HttpError(
    409,
    'subscription-active',
    'Cancel the subscription of Acme in Billing first: deleting the workspace does not stop Stripe from charging it.',
  );
  it.each<[string, unknown, PrivacyTask, ReturnType<typeof privacyError>]>([
    [
      'no connection',
      offlineError(),
      'export-account',
      { field: 'form', message: 'Exporting your data needs a connection. Try again when you are back online.' },
    ],
    [
      'a wrong password',
      new HttpError(401, 'invalid-password', 'Your password is not correct.'),
      'delete-account',
      { field: 'password', message: 'That password is not correct. Your account was not deleted.' },
    ],
    [
      'an empty password the server refused',
      new HttpError(400, 'invalid-input', 'Enter your password.'),
      'delete-account',
      { field: 'password', message: 'Enter your password.' },
    ],
    [
      'the last owner',
      lastOwner,
      'delete-account',
      {
        field: 'form',
        message:
          'You are the only owner of a workspace, and a workspace always keeps an owner. Transfer ownership of Acme or delete it first. Your account was not deleted.',
      },
    ],
    [
      'a confirmation that does not match',
      new HttpError(400, 'confirmation-mismatch', "Type the workspace's address, acme, to confirm."),
      'delete-workspace',
      { field: 'confirm', message: "Type the workspace's address, acme, to confirm." },
    ],
    [
      'a live subscription',
      subscription,
      'delete-workspace',
      { field: 'form', message: `${subscription.message} The workspace was not deleted.`, billing: true },
    ],
    [
      'someone who is not an owner',
      new HttpError(403, 'forbidden', 'Only an owner of this workspace can do this.'),
      'export-workspace',
      { field: 'form', message: 'Only an owner of this workspace can do this.' },
    ],
    [
      'an ended session',
      new HttpError(401, 'session-expired', 'Your session expired.'),
      'export-account',
      { field: 'form', message: 'Your session has ended. Sign in again, then try once more.' },
    ],
    [
      'too many attempts',
      new HttpError(429, 'rate-limited', 'Too many attempts. Please try again in 15 minutes.'),
      'delete-account',
      { field: 'form', message: 'Too many attempts. Please try again in 15 minutes.' },
    ],
    [
      'something that is not an HttpError',
      new TypeError('x is undefined'),
      'delete-workspace',
      { field: 'form', message: 'Deleting the workspace did not work. Try again in a moment.' },
    ],
  ])('%s', (_name, error, task, expected) => {
    expect(privacyError(error, task)).toEqual(expected);
  });
});

describe('withoutWorkspace', () => {
  // Asserted, not annotated: the profile grows fields this code does not read.
  const user = { id: 'u1', email: 'ana@example.com', name: 'Ana', mfaEnabled: false, emailVerified: true } as User;
  const tenant = (id: string): TenantRef => ({ id, slug: id, name: id.toUpperCase(), role: 'owner' });

  it('keeps the other workspaces', () => {
    expect(withoutWorkspace({ user, tenants: [tenant('a'), tenant('b')] }, 'a')).toEqual({ user, tenants: [tenant('b')] });
  });

  it('is null when none is left', () => {
    expect(withoutWorkspace({ user, tenants: [tenant('a')] }, 'a')).toBeNull();
  });
});

describe('fileNameFromDisposition', () => {
  it.each([
    ['attachment; filename="vitals-acme-2026-03-09.json"', 'vitals-acme-2026-03-09.json'],
    ['attachment; filename=vitals.json', 'vitals.json'],
    ["attachment; filename*=UTF-8''vitals%20a.json", 'vitals a.json'],
    ['attachment; filename="../../etc/passwd"', 'passwd'],
    ['attachment', null],
    [null, null],
  ])('%j → %j', (header, expected) => {
    expect(fileNameFromDisposition(header)).toBe(expected);
  });
});

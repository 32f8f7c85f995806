import { describe, expect, it } from 'vitest';
import type { SignedIn, TenantRef } from '../api/auth';
import { accountDestination, afterSignIn, isVerified, safeNext } from './account-model';

const TENANT: TenantRef = { id: 't1', slug: 'acme', name: 'ACME', role: 'owner' };

function account(emailVerified: boolean | undefined, tenants: TenantRef[]): SignedIn {
  const user = { id: 'u1', email: 'ana@example.com', name: 'Ana', mfaEnabled: false, emailVerified };
  return { user: user as SignedIn['user'], tenants };
}

describe('accountDestination', () => {
  it.each<[string, boolean | undefined, TenantRef[], ReturnType<typeof accountDestination>]>([
    ['unconfirmed, no workspace', false, [], 'verify-email'],
    ['confirmed, no workspace', true, [], 'welcome'],
    ['confirmed with a workspace', true, [TENANT], 'app'],
    ['unconfirmed but already a member (invited)', false, [TENANT], 'app'],
    ['a session stored before confirmation existed', undefined, [TENANT], 'app'],
    ['an older account without a workspace', undefined, [], 'welcome'],
  ])('%s', (_, verified, tenants, expected) => {
    expect(accountDestination(account(verified, tenants))).toBe(expected);
  });
});

describe('isVerified', () => {
  it.each([
    [true, true],
    [false, false],
    [undefined, true],
  ])('%j → %j', (verified, expected) => {
    expect(isVerified({ emailVerified: verified })).toBe(expected);
  });
});

describe('safeNext', () => {
  it.each<[unknown, string | null]>([
    ['/accept-invitation?token=abc', '/accept-invitation?token=abc'],
    ['/accounts/a1#kpis', '/accounts/a1#kpis'],
    ['/', '/'],
    ['/a/../settings', '/settings'],
    ['//evil.example/x', null],
    ['/\\evil.example', null],
    ['https://evil.example/', null],
    ['javascript:alert(1)', null],
    ['accept-invitation', null],
    ['/x\nSet-Cookie: a', null],
    ['/sign-in?next=/', null],
    ['/sign-up', null],
    ['', null],
    [undefined, null],
    [['/a'], null],
  ])('%j → %j', (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });
});

describe('afterSignIn', () => {
  it('follows a safe next, whatever the account', () => {
    expect(afterSignIn(account(false, []), '/accept-invitation?token=t')).toBe('/accept-invitation?token=t');
  });
  it.each<[boolean, TenantRef[], unknown, string]>([
    [false, [], '//evil.example', '/verify-email'],
    [true, [], undefined, '/welcome'],
    [true, [TENANT], undefined, '/'],
  ])('otherwise where the account belongs (%j, %j, %j)', (verified, tenants, next, expected) => {
    expect(afterSignIn(account(verified, tenants), next)).toBe(expected);
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import type { SignedIn, TenantRef } from '../api/auth';
import { clearSession, pendingAccount, session, signedIn, signedInUser } from './session';

const USER: SignedIn['user'] = {
  id: 'u1',
  email: 'ana@example.com',
  name: 'Ana',
  mfaEnabled: false,
  emailVerified: false,
};
const ACME: TenantRef = { id: 't1', slug: 'acme', name: 'ACME', role: 'owner' };
const BETA: TenantRef = { id: 't2', slug: 'beta', name: 'Beta', role: 'csm' };

describe('session with and without a workspace', () => {
  beforeEach(() => clearSession());

  it('keeps an account without a workspace as pending, stored for a reload', () => {
    expect(signedIn({ user: USER, tenants: [] })).toBeNull();
    expect(session()).toBeNull();
    expect(pendingAccount()?.user.email).toBe('ana@example.com');
    expect(signedInUser()?.id).toBe('u1');
    expect(JSON.parse(localStorage.getItem('vitals.account.v1') ?? 'null')).toMatchObject({
      user: { id: 'u1' },
    });
  });

  it('moves into the workspace once there is one, preferring the one asked for', () => {
    signedIn({ user: USER, tenants: [] });
    const next = signedIn({ user: { ...USER, emailVerified: true }, tenants: [ACME, BETA] }, 't2');
    expect(next?.tenantId).toBe('t2');
    expect(pendingAccount()).toBeNull();
    expect(localStorage.getItem('vitals.account.v1')).toBeNull();
    expect(signedInUser()?.emailVerified).toBe(true);
  });

  it('leaves the workspace session when the account has none left', () => {
    signedIn({ user: USER, tenants: [ACME] });
    signedIn({ user: USER, tenants: [] });
    expect(session()).toBeNull();
    expect(localStorage.getItem('vitals.session.v1')).toBeNull();
    expect(pendingAccount()).not.toBeNull();
  });

  it('signs both out', () => {
    signedIn({ user: USER, tenants: [] });
    clearSession();
    expect(signedInUser()).toBeNull();
    expect(localStorage.getItem('vitals.account.v1')).toBeNull();
  });
});

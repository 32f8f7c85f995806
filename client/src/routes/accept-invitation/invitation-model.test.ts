import { describe, expect, it } from 'vitest';
import type { InvitationPreview } from '@vitals/shared';
import { HttpError, offlineError } from '../../api/http';
import {
  acceptErrors,
  acceptMode,
  checkNewAccount,
  INVALID_LINK,
  invitationLoadError,
  invitationText,
  signInToAccept,
  type AcceptErrors,
} from './invitation-model';

const INVITATION: InvitationPreview = {
  tenantName: 'ACME',
  inviterName: 'Jane Doe',
  email: 'Ana@Example.com',
  role: 'csm',
  expiresAt: '2026-12-01T00:00:00.000Z',
  accountExists: true,
};

describe('invitationText', () => {
  it.each<[Partial<InvitationPreview>, string]>([
    [{}, 'Jane Doe invited you (Ana@Example.com) to ACME as CSM.'],
    [{ inviterName: null, role: 'manager' }, 'Someone invited you (Ana@Example.com) to ACME as CS Manager.'],
    [{ inviterName: '  ' }, 'Someone invited you (Ana@Example.com) to ACME as CSM.'],
  ])('%j', (change, text) => {
    expect(invitationText({ ...INVITATION, ...change })).toBe(text);
  });
});

describe('acceptMode', () => {
  it.each<[string, boolean, string | null, ReturnType<typeof acceptMode>]>([
    ['no account yet', false, null, 'create'],
    ['no account yet, someone else signed in', false, 'bo@example.com', 'create'],
    ['an account, not signed in', true, null, 'sign-in'],
    ['signed in as the address (any case)', true, 'ana@example.com', 'join'],
    ['signed in as another address', true, 'bo@example.com', 'switch'],
  ])('%s', (_, accountExists, email, mode) => {
    expect(acceptMode({ ...INVITATION, accountExists }, email)).toBe(mode);
  });
});

describe('signInToAccept', () => {
  it('comes back to the invitation', () => {
    expect(signInToAccept('/accept-invitation?token=a b')).toBe(
      '/sign-in?next=%2Faccept-invitation%3Ftoken%3Da%20b',
    );
  });
});

describe('invitationLoadError', () => {
  it.each<[unknown, string]>([
    [new HttpError(404, 'not-found', 'This invitation has expired.'), 'This invitation has expired.'],
    [new HttpError(404, 'http-404', 'The server answered 404.'), INVALID_LINK],
    [offlineError(), 'Opening an invitation needs a connection. Try again when you are back online.'],
    [new TypeError('x'), 'The invitation could not be loaded. Try again in a moment.'],
  ])('%#', (error, text) => {
    expect(invitationLoadError(error)).toBe(text);
  });
});

describe('checkNewAccount', () => {
  it.each<[{ name: string; password: string }, AcceptErrors]>([
    [{ name: 'Ana', password: 'long enough!' }, {}],
    [{ name: ' ', password: 'long enough!' }, { name: 'Enter your name.' }],
    [{ name: 'Ana', password: 'short' }, { password: 'Use at least 10 characters for your password.' }],
  ])('%j', (form, errors) => {
    expect(checkNewAccount(form)).toEqual(errors);
  });
});

describe('acceptErrors', () => {
  it.each<[unknown, AcceptErrors]>([
    [
      new HttpError(400, 'invalid-input', 'Invalid.', {
        issues: [{ path: 'password', message: 'Too short.' }],
      }),
      { password: 'Too short.' },
    ],
    [
      new HttpError(403, 'forbidden', 'Sign in as ana@example.com to accept.'),
      { form: 'Sign in as ana@example.com to accept.' },
    ],
    [new HttpError(404, 'http-404', 'The server answered 404.'), { form: INVALID_LINK }],
    [
      offlineError(),
      { form: 'Accepting an invitation needs a connection. Try again when you are back online.' },
    ],
  ])('%#', (error, errors) => {
    expect(acceptErrors(error)).toEqual(errors);
  });
});

import { describe, expect, it } from 'vitest';
import type { SignedIn } from '../../api/auth';
import { HttpError, offlineError } from '../../api/http';
import { afterConfirmed, inboxText, resendOutcome, verifyFailure } from './verify-model';

const ACCOUNT: SignedIn = {
  user: { id: 'u1', email: 'ana@example.com', name: 'Ana', mfaEnabled: false, emailVerified: true },
  tenants: [],
};

describe('inboxText', () => {
  it('names the address and how long the link works', () => {
    expect(inboxText('ana@example.com')).toBe(
      'We sent a link to ana@example.com. Open it to confirm your address: it is valid for 48 hours.',
    );
  });
});

describe('resendOutcome', () => {
  it.each<[string, unknown, Partial<ReturnType<typeof resendOutcome>>]>([
    ['sent', undefined, { kind: 'done' }],
    [
      'already confirmed',
      new HttpError(409, 'already-verified', 'Already verified.'),
      { kind: 'info', verified: true },
    ],
    [
      'asked too often',
      new HttpError(429, 'too-many-requests', 'Wait 5 minutes before asking again.'),
      { kind: 'error', text: 'Wait 5 minutes before asking again.' },
    ],
    ['session ended', new HttpError(401, 'unauthenticated', 'Sign in.'), { kind: 'error', signIn: true }],
    [
      'offline',
      offlineError(),
      { kind: 'error', text: 'Sending a new email needs a connection. Try again when you are back online.' },
    ],
    [
      'not an HTTP error',
      new Error('x'),
      { kind: 'error', text: 'The email could not be sent. Try again in a moment.' },
    ],
  ])('%s', (_, error, expected) => {
    expect(resendOutcome('ana@example.com', error)).toMatchObject(expected);
  });

  it('names the address when sent', () => {
    expect(resendOutcome('ana@example.com').text).toContain('ana@example.com');
  });
});

describe('verifyFailure', () => {
  it.each<[unknown, string]>([
    [
      new HttpError(400, 'invalid-token', 'This link has expired. Ask for a new one.'),
      'This link has expired. Ask for a new one.',
    ],
    [
      offlineError(),
      'Confirming your address needs a connection. Open the link again when you are back online.',
    ],
    [new Error('x'), 'The address could not be confirmed. Try the link again in a moment.'],
  ])('%#', (error, text) => {
    expect(verifyFailure(error)).toBe(text);
  });
});

describe('afterConfirmed', () => {
  it.each<[string, SignedIn, string | null, ReturnType<typeof afterConfirmed>]>([
    ['signed in as that account, no workspace', ACCOUNT, 'u1', { kind: 'continue', path: '/welcome' }],
    [
      'signed in as that account, a member already',
      { ...ACCOUNT, tenants: [{ id: 't1', slug: 'acme', name: 'ACME', role: 'csm' }] },
      'u1',
      { kind: 'continue', path: '/' },
    ],
    ['signed in as someone else', ACCOUNT, 'u2', { kind: 'sign-in' }],
    ['not signed in', ACCOUNT, null, { kind: 'sign-in' }],
  ])('%s', (_, result, userId, expected) => {
    expect(afterConfirmed(result, userId)).toEqual(expected);
  });
});

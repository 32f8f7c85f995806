import { describe, expect, it } from 'vitest';
import { HttpError, offlineError } from '../../api/http';
import { checkAccountForm, signUpErrors, type AccountErrors, type AccountForm } from './signup-model';

const GOOD: AccountForm = { name: 'Ana Ruiz', email: 'ana@example.com', password: 'correct horse battery' };

describe('checkAccountForm', () => {
  it('trims the name and address, never the password', () => {
    expect(checkAccountForm({ name: ' Ana ', email: ' ana@example.com ', password: ' ten chars ' })).toEqual({
      ok: true,
      input: { name: 'Ana', email: 'ana@example.com', password: ' ten chars ' },
    });
  });

  it.each<[string, Partial<AccountForm>, AccountErrors]>([
    ['no name', { name: '  ' }, { name: 'Enter your name.' }],
    ['a long name', { name: 'x'.repeat(201) }, { name: 'Keep your name under 200 characters.' }],
    ['no address', { email: '' }, { email: 'Enter your email address.' }],
    [
      'half an address',
      { email: 'ana@example' },
      { email: 'Enter a valid email address, such as ana@example.com.' },
    ],
    [
      'a short password',
      { password: 'nine char' },
      { password: 'Use at least 10 characters for your password.' },
    ],
    [
      'a huge password',
      { password: 'x'.repeat(257) },
      { password: 'Use at most 256 characters for your password.' },
    ],
  ])('%s', (_, change, errors) => {
    expect(checkAccountForm({ ...GOOD, ...change })).toEqual({ ok: false, errors });
  });
});

describe('signUpErrors', () => {
  it.each<[string, unknown, AccountErrors]>([
    [
      'an address with an account',
      new HttpError(409, 'email-taken', 'That email is taken.'),
      {
        email: 'This address already has a Vitals account. Sign in instead, or use another address.',
        emailTaken: true,
      },
    ],
    [
      'validation on a field',
      new HttpError(400, 'invalid-input', 'Invalid.', [
        { path: ['password'], message: 'Use at least 10 characters for your password.' },
      ]),
      { password: 'Use at least 10 characters for your password.' },
    ],
    [
      'validation without a field',
      new HttpError(400, 'invalid-input', 'Send a JSON object.', []),
      { form: 'Send a JSON object.' },
    ],
    [
      'too many attempts',
      new HttpError(429, 'too-many-attempts', 'Too many sign-ups. Try again in 10 minutes.'),
      { form: 'Too many sign-ups. Try again in 10 minutes.' },
    ],
    [
      'offline',
      offlineError(),
      { form: 'Creating an account needs a connection. Try again when you are back online.' },
    ],
    ['anything else', new Error('boom'), { form: 'Something went wrong. Please try again.' }],
  ])('%s', (_, error, expected) => {
    expect(signUpErrors(error)).toEqual(expected);
  });
});

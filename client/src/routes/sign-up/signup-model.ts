/**
 * The sign-up form as data: the server's password rule shown before typing, the form checked before it is
 * sent (the same messages the server would give), and every refusal put on the field it is about.
 */
import { HttpError } from '../../api/http';
import { problemsFromDetails } from '../settings/server-settings';

/** The server's rule (sync-server/src/auth/passwords.ts): length only, so passphrases are welcome. */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;
export const PASSWORD_RULE = `At least ${PASSWORD_MIN_LENGTH} characters. A few unrelated words make a strong, memorable password.`;

const NAME_MAX_LENGTH = 200;
const EMAIL_MAX_LENGTH = 320;
/** Enough to catch a typo; the server has the last word on what an address is. */
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface AccountForm {
  readonly name: string;
  readonly email: string;
  readonly password: string;
}

export type AccountField = keyof AccountForm;

export interface AccountErrors {
  readonly name?: string;
  readonly email?: string;
  readonly password?: string;
  /** About the whole form (too many attempts, offline, …). */
  readonly form?: string;
  /** The address has an account already: offer to sign in instead. */
  readonly emailTaken?: boolean;
}

export function checkName(name: string): string | undefined {
  const trimmed = name.trim();
  if (!trimmed) return 'Enter your name.';
  if (trimmed.length > NAME_MAX_LENGTH) return `Keep your name under ${NAME_MAX_LENGTH} characters.`;
  return undefined;
}

export function checkPassword(password: string): string | undefined {
  if (password.length < PASSWORD_MIN_LENGTH)
    return `Use at least ${PASSWORD_MIN_LENGTH} characters for your password.`;
  if (password.length > PASSWORD_MAX_LENGTH)
    return `Use at most ${PASSWORD_MAX_LENGTH} characters for your password.`;
  return undefined;
}

function checkEmail(email: string): string | undefined {
  const trimmed = email.trim();
  if (!trimmed) return 'Enter your email address.';
  if (trimmed.length > EMAIL_MAX_LENGTH || !EMAIL_SHAPE.test(trimmed))
    return 'Enter a valid email address, such as ana@example.com.';
  return undefined;
}

/** What can be told before asking the server; `ok` with the trimmed input to send. */
export function checkAccountForm(
  form: AccountForm,
):
  | { readonly ok: true; readonly input: AccountForm }
  | { readonly ok: false; readonly errors: AccountErrors } {
  const errors: AccountErrors = {
    ...(checkName(form.name) ? { name: checkName(form.name) } : {}),
    ...(checkEmail(form.email) ? { email: checkEmail(form.email) } : {}),
    ...(checkPassword(form.password) ? { password: checkPassword(form.password) } : {}),
  };
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, input: { name: form.name.trim(), email: form.email.trim(), password: form.password } };
}

const FIELDS: readonly AccountField[] = ['name', 'email', 'password'];

/** A refused sign-up → messages on the fields they are about, the rest on the form. */
export function signUpErrors(error: unknown): AccountErrors {
  if (!(error instanceof HttpError)) return { form: 'Something went wrong. Please try again.' };
  if (error.offline)
    return { form: 'Creating an account needs a connection. Try again when you are back online.' };
  if (error.code === 'email-taken') {
    return {
      email: 'This address already has a Vitals account. Sign in instead, or use another address.',
      emailTaken: true,
    };
  }
  if (error.status === 400) {
    const errors: { -readonly [F in AccountField]?: string } = {};
    for (const problem of problemsFromDetails(error.details)) {
      const field = FIELDS.find((f) => problem.path === f || problem.path.startsWith(`${f}.`));
      if (field) errors[field] ??= problem.message;
    }
    if (Object.keys(errors).length > 0) return errors;
  }
  return { form: error.message };
}

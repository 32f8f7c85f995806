/**
 * Request bodies of /api/auth. Messages are shown to the user as they are.
 * (Candidates for shared/ once the client's forms want the same rules.)
 */
import * as v from 'valibot';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './passwords';

const email = v.pipe(
  v.string('Enter your email address.'),
  v.trim(),
  v.toLowerCase(),
  v.nonEmpty('Enter your email address.'),
  v.maxLength(320, 'That email address is too long.'),
);
/** A new email must look like one; at sign-in anything is accepted and simply does not match. */
const newEmail = v.pipe(email, v.email('Enter a valid email address, such as ana@example.com.'));

/** At sign-in, only an upper bound: older passwords may predate today's rules. */
const password = v.pipe(
  v.string('Enter your password.'),
  v.nonEmpty('Enter your password.'),
  v.maxLength(PASSWORD_MAX_LENGTH, `Passwords are at most ${PASSWORD_MAX_LENGTH} characters.`),
);
const newPassword = v.pipe(
  v.string('Choose a password.'),
  v.minLength(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters for your password.`),
  v.maxLength(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters for your password.`),
);
const name = (what: string) =>
  v.pipe(v.string(`Enter ${what}.`), v.trim(), v.nonEmpty(`Enter ${what}.`), v.maxLength(200, `Keep ${what} under 200 characters.`));

const totpCode = v.pipe(
  v.string('Enter the 6-digit code from your authenticator app.'),
  v.trim(),
  v.regex(/^\d{6}$/, 'Enter the 6-digit code from your authenticator app.'),
);
const recoveryCode = v.pipe(
  v.string('Enter one of your recovery codes.'),
  v.trim(),
  v.nonEmpty('Enter one of your recovery codes.'),
  v.maxLength(64, 'That is not a recovery code.'),
);

const OBJECT = 'Send a JSON object.';

/** No workspace name: a workspace is created later (POST /api/tenants), once the address is confirmed. */
export const signupBody = v.object({ email: newEmail, password: newPassword, name: name('your name') }, OBJECT);
export const loginBody = v.object({ email, password }, OBJECT);
export const mfaVerifyBody = v.union(
  [v.object({ code: totpCode }, OBJECT), v.object({ recoveryCode }, OBJECT)],
  'Enter the 6-digit code from your authenticator app, or a recovery code.',
);
export const mfaEnableBody = v.object({ code: totpCode }, OBJECT);
/** `code` may be a recovery code too: disabling MFA is what someone who lost their phone needs. */
export const mfaDisableBody = v.object({ password, code: recoveryCode }, OBJECT);
export const passwordChangeBody = v.object({ currentPassword: password, newPassword }, OBJECT);
export const resetRequestBody = v.object({ email }, OBJECT);
export const resetConfirmBody = v.object({
  token: v.pipe(v.string('The reset link is incomplete.'), v.trim(), v.maxLength(64, 'The reset link is not valid.')),
  newPassword,
}, OBJECT);

export const verifyEmailBody = v.object({
  token: v.pipe(v.string('The confirmation link is incomplete.'), v.trim(), v.maxLength(64, 'The confirmation link is not valid.')),
}, OBJECT);

export type SecondFactorInput = v.InferOutput<typeof mfaVerifyBody>;

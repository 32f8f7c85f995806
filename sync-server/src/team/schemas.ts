/**
 * Request bodies of the invitation routes. The email, name and password rules are sign-up's own (read from
 * its schema), so an account made from an invitation obeys exactly the rules of one made by signing up.
 */
import { ROLES } from '@vitals/shared';
import * as v from 'valibot';
import { signupBody } from '../auth/schemas';

const OBJECT = 'Send a JSON object.';
const { email, name, password } = signupBody.entries;

export const inviteBody = v.object(
  { email, role: v.picklist(ROLES, `Choose a role: ${ROLES.join(', ')}.`) },
  OBJECT,
);

/** `name` and `password` are needed only when the invited address has no account yet (see accept.ts). */
export const acceptBody = v.object(
  {
    token: v.pipe(
      v.string('The invitation link is incomplete.'),
      v.trim(),
      v.maxLength(64, 'The invitation link is not valid.'),
    ),
    name: v.optional(name),
    password: v.optional(password),
  },
  OBJECT,
);

export type InviteInput = v.InferOutput<typeof inviteBody>;
export type AcceptInput = v.InferOutput<typeof acceptBody>;

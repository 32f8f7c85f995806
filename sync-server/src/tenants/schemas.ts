/** Request bodies of /api/tenants. Messages are shown to the user as they are. */
import * as v from 'valibot';

/** 80 characters: a name that fits the workspace switcher; the table allows more for older tools. */
export const WORKSPACE_NAME_MAX = 80;

export const createTenantBody = v.object(
  {
    name: v.pipe(
      v.string('Enter a name for your workspace.'),
      v.trim(),
      v.nonEmpty('Enter a name for your workspace.'),
      v.maxLength(WORKSPACE_NAME_MAX, `Use at most ${WORKSPACE_NAME_MAX} characters for the workspace name.`),
    ),
  },
  'Send a JSON object.',
);

/**
 * Invitations. Under `/api/tenants/:tenantId/invitations` (membership checked by `requireMember`, and
 * `team.manage` here):
 * - `POST /` `{ email, role }` → 201 `{ invitation }`, and the email in the outbox;
 * - `GET /` → `{ invitations }`: those that can still be accepted, newest first;
 * - `DELETE /:id` → `{ invitation }`, withdrawn.
 * And under `/api/auth/invitations`, for whoever holds the emailed link:
 * - `GET /:token` → `{ invitation: { tenantName, inviterName, email, role, expiresAt, accountExists } }`, for
 *   the page to ask for a new account's name and password or for sign-in; 404 `invitation-not-found`;
 * - `POST /accept` `{ token, name?, password? }` → `{ user, tenants, tenantId }`, like sign-in, with the
 *   workspace joined.
 * The work lives in ../team/.
 */
import { Hono } from 'hono';
import { accountBody } from '../auth/account';
import { setSessionCookie } from '../auth/cookies';
import { jsonBody } from '../auth/json-body';
import { invalidateSession } from '../auth/sessions';
import type { AppEnv } from '../context';
import { withScope } from '../db/tenant-scope';
import { requirePermission } from '../middleware/tenant';
import { acceptInvitation } from '../team/accept';
import { listPendingInvitations } from '../team/invitations';
import { previewInvitation } from '../team/preview';
import { inviteMember, revokeInvitation } from '../team/invite';
import { acceptBody, inviteBody } from '../team/schemas';

export const invitationRoutes = new Hono<AppEnv>()
  .use('*', requirePermission('team.manage'))

  .post('/', jsonBody(inviteBody), async (c) => {
    const invitation = await inviteMember(c.get('deps'), c.get('member'), c.req.valid('json'));
    return c.json({ invitation }, 201);
  })

  .get('/', async (c) => {
    const { sql } = c.get('deps').db;
    const { tenantId, userId } = c.get('member');
    const now = c.get('deps').now();
    const invitations = await withScope(sql, { tenantId, userId }, (tx) =>
      listPendingInvitations(tx, tenantId, now),
    );
    return c.json({ invitations });
  })

  .delete('/:id', async (c) => {
    const invitation = await revokeInvitation(c.get('deps'), c.get('member'), c.req.param('id'));
    return c.json({ invitation });
  });

export const invitationAcceptRoutes = new Hono<AppEnv>()
  .get('/:token', async (c) => {
    const invitation = await previewInvitation(c.get('deps'), c.req.param('token'));
    return c.json({ invitation });
  })

  .post('/accept', jsonBody(acceptBody), async (c) => {
    const deps = c.get('deps');
    const { user, tenantId, created } = await acceptInvitation(deps, c.req.valid('json'), c.get('user'));
    if (created) {
      // A new account is signed in at once, as at sign-up; whatever session this browser had is ended.
      const previous = c.get('session');
      if (previous) await withScope(deps.db.sql, {}, (tx) => invalidateSession(tx, previous.id));
      setSessionCookie(c, created.token, created.session.expiresAt);
    }
    return c.json({ ...(await accountBody(deps, user)), tenantId });
  });

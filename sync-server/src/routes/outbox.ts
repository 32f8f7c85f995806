/**
 * `GET /api/tenants/:tenantId/outbox` (`team.manage`): the tenant's outgoing email, newest first, and a note
 * that it was not sent. With no SMTP server configured this is how invitations reach people (DESIGN.md,
 * "Embedded defaults"). See ../team/outbox.ts for what it never shows.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../context';
import { withScope } from '../db/tenant-scope';
import { requirePermission } from '../middleware/tenant';
import { OUTBOX_NOTE, readOutbox } from '../team/outbox';

export const outboxRoutes = new Hono<AppEnv>().get('/', requirePermission('team.manage'), async (c) => {
  const { tenantId, userId, role } = c.get('member');
  const messages = await withScope(c.get('deps').db.sql, { tenantId, userId }, (tx) =>
    readOutbox(tx, tenantId, role),
  );
  return c.json({ smtpConfigured: false, note: OUTBOX_NOTE, messages });
});

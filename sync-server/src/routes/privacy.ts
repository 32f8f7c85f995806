/**
 * Privacy (GDPR): exporting and erasing. The work lives in ../privacy/.
 * Under `/api/tenants/:tenantId` (membership checked by `requireMember`; owners only):
 * - `GET /privacy/export` → the tenant's data as a JSON download;
 * - `DELETE /` `{ confirm: "<slug>" }` → 204, the tenant and everything in it deleted.
 * Under `/api/auth/me`, for the signed-in user:
 * - `GET /export` → their own data as a JSON download;
 * - `DELETE /` `{ password }` → 204, their account deleted and the session cookie cleared.
 */
import { can } from '@vitals/shared';
import { Hono, type Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import * as v from 'valibot';
import { clearSessionCookie } from '../auth/cookies';
import { unwrap } from '../auth/http';
import { jsonBody } from '../auth/json-body';
import type { AppEnv } from '../context';
import { ApiError, ERROR_CODES } from '../errors';
import { requireSession, requireUser } from '../middleware/session';
import { deleteTenant, deleteUser } from '../privacy/delete';
import { exportTenant, exportUser, type ExportFile } from '../privacy/export';

const OBJECT = 'Send a JSON object.';
const tenantDeleteBody = v.object(
  { confirm: v.pipe(v.string("Type the workspace's address to confirm."), v.maxLength(64)) },
  OBJECT,
);
const userDeleteBody = v.object(
  {
    password: v.pipe(
      v.string('Enter your password.'),
      v.minLength(1, 'Enter your password.'),
      v.maxLength(256),
    ),
  },
  OBJECT,
);

/** Owners only: the two permissions only the owner role holds (@vitals/shared's role matrix). */
const requireOwner = createMiddleware<AppEnv>(async (c, next) => {
  const { role } = c.get('member');
  if (!can(role, 'tenant.delete') || !can(role, 'billing.manage')) {
    throw new ApiError(403, ERROR_CODES.forbidden, 'Only an owner of this workspace can do this.');
  }
  return next();
});

function download(c: Context<AppEnv>, file: ExportFile): Response {
  c.header('content-disposition', `attachment; filename="${file.fileName}"`);
  c.header('cache-control', 'no-store');
  return c.json(file.body);
}

/** Mounted at `/api/tenants/:tenantId/privacy`. */
export const tenantPrivacyRoutes = new Hono<AppEnv>()
  .use('*', requireOwner)
  .get('/export', async (c) => download(c, await exportTenant(c.get('deps'), c.get('member'))));

/** Mounted at `/api/tenants/:tenantId`. */
export const tenantDeletionRoutes = new Hono<AppEnv>().delete(
  '/',
  requireOwner,
  jsonBody(tenantDeleteBody),
  async (c) => {
    await deleteTenant(c.get('deps'), c.get('member'), c.req.valid('json').confirm);
    return c.body(null, 204);
  },
);

/** Mounted at `/api/auth/me`. */
export const accountPrivacyRoutes = new Hono<AppEnv>()
  .get('/export', async (c) => {
    const user = requireUser(c);
    return download(c, await exportUser(c.get('deps'), user.id, requireSession(c).id));
  })
  .delete('/', jsonBody(userDeleteBody), async (c) => {
    const user = requireUser(c);
    unwrap(c, await deleteUser(c.get('deps'), user.id, c.req.valid('json').password));
    clearSessionCookie(c);
    return c.body(null, 204);
  });

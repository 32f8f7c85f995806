/**
 * `/api/tenants/:tenantId/*`: the signed-in user must be a member of that tenant. A tenant that does
 * not exist and one the user is not a member of get the same 404, so ids cannot be probed.
 */
import { createMiddleware } from 'hono/factory';
import { can, isRole, type Permission } from '@vitals/shared';
import type { AppEnv } from '../context';
import { withScope } from '../db/tenant-scope';
import { ApiError, ERROR_CODES, notFound } from '../errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const requireMember = createMiddleware<AppEnv>(async (c, next) => {
  const user = c.get('user');
  if (!user) throw new ApiError(401, ERROR_CODES.unauthenticated, 'Please sign in.');
  const tenantId = c.req.param('tenantId') ?? '';
  if (!UUID.test(tenantId)) throw notFound('That workspace');
  const { sql } = c.get('deps').db;
  const rows = await withScope(sql, { userId: user.id }, (tx) =>
    tx<{ role: string }[]>`select role from memberships where tenant_id = ${tenantId} and user_id = ${user.id}`,
  );
  const role = rows[0]?.role;
  if (!isRole(role)) throw notFound('That workspace');
  c.set('member', { tenantId: tenantId.toLowerCase(), userId: user.id, role });
  return next();
});

export function requirePermission(permission: Permission) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (!can(c.get('member').role, permission)) {
      throw new ApiError(403, ERROR_CODES.forbidden, 'Your role does not allow this.');
    }
    return next();
  });
}

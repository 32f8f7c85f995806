/**
 * `/api/tenants/:tenantId/*`: the signed-in user must be a member of that tenant. A tenant that does
 * not exist and one the user is not a member of get the same 404, so ids cannot be probed.
 */
import { createMiddleware } from 'hono/factory';
import { can, isRole, type Permission } from '@vitals/shared';
import { AUTH_ERROR_CODES } from '../auth/errors';
import type { AppEnv } from '../context';
import { withScope } from '../db/tenant-scope';
import { requireUser } from './session';
import { ApiError, ERROR_CODES, notFound } from '../errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const requireMember = createMiddleware<AppEnv>(async (c, next) => {
  const user = requireUser(c);
  const tenantId = c.req.param('tenantId') ?? '';
  if (!UUID.test(tenantId)) throw notFound('That workspace');
  const { sql } = c.get('deps').db;
  const rows = await withScope(sql, { userId: user.id }, (tx) =>
    tx<{ role: string; mfa_required: boolean }[]>`
      select m.role, t.mfa_required from memberships m join tenants t on t.id = m.tenant_id
      where m.tenant_id = ${tenantId} and m.user_id = ${user.id}`,
  );
  const role = rows[0]?.role;
  if (!isRole(role)) throw notFound('That workspace');
  // Checked after membership, so it says nothing about workspaces the user is not in.
  if (rows[0]?.mfa_required && !user.mfaEnabled) {
    throw new ApiError(403, AUTH_ERROR_CODES.mfaSetupRequired, 'This workspace requires two-factor authentication. Turn it on in your account settings to continue.');
  }
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

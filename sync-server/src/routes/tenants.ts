/**
 * Workspaces made by their users:
 * - `POST /api/tenants` `{ name }` → 201 `{ tenant, user, tenants }`: a new workspace owned by the signed-in
 *   user, whose address must be confirmed (403 `email-unverified`);
 * - `POST /api/tenants/:tenantId/sample` → 201 `{ accounts, documents }`: the sample's data in an empty
 *   workspace (`settings.tenant`: owners and admins; 409 `tenant-not-empty`, 402 `plan-limit`). Mounted after
 *   `requireMember`, which checks the membership.
 * The work lives in ../tenants/.
 */
import { Hono } from 'hono';
import { accountBody } from '../auth/account';
import { jsonBody } from '../auth/json-body';
import type { AppEnv } from '../context';
import { requireUser } from '../middleware/session';
import { requirePermission } from '../middleware/tenant';
import { createWorkspace } from '../tenants/create';
import { loadSample } from '../tenants/sample';
import { createTenantBody } from '../tenants/schemas';

export const tenantCreationRoutes = new Hono<AppEnv>().post('/', jsonBody(createTenantBody), async (c) => {
  const deps = c.get('deps');
  const user = requireUser(c);
  const tenant = await createWorkspace(deps, user, c.req.valid('json').name);
  return c.json({ tenant, ...(await accountBody(deps, user)) }, 201);
});

export const sampleDataRoutes = new Hono<AppEnv>().post('/', requirePermission('settings.tenant'), async (c) => {
  return c.json(await loadSample(c.get('deps'), c.get('member')), 201);
});

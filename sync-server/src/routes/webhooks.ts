/**
 * Outbound webhooks of a tenant. Under `/api/tenants/:tenantId/webhooks` (membership checked by
 * `requireMember`; owners and admins only, `settings.tenant`):
 * - `GET /` → `{ endpoints, allowPrivateDestinations }`;
 * - `POST /` `{ url, description?, events }` → 201 `{ endpoint, secret }` (the only time the secret is shown);
 * - `PATCH /:id` `{ url?, description?, events?, enabled? }` → `{ endpoint }`;
 * - `DELETE /:id` → 204;
 * - `GET /:id/deliveries` → `{ deliveries }`, the last 50, newest first.
 * Another tenant's endpoint id is 404, like one that does not exist. The work lives in ../webhooks/.
 */
import { can } from '@vitals/shared';
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { jsonBody } from '../auth/json-body';
import type { AppEnv } from '../context';
import { ApiError, ERROR_CODES } from '../errors';
import { resolveWithDns, type ResolveHost } from '../webhooks/destination';
import { changeEndpoint, createEndpoint, endpointDeliveries, listTenantEndpoints, removeEndpoint } from '../webhooks/manage';
import { createEndpointBody, updateEndpointBody } from '../webhooks/schemas';

const requireSettingsPermission = createMiddleware<AppEnv>(async (c, next) => {
  if (!can(c.get('member').role, 'settings.tenant')) {
    throw new ApiError(403, ERROR_CODES.forbidden, 'Only owners and admins can manage webhooks.');
  }
  return next();
});

export interface WebhookRoutesOptions {
  /** The SSRF check's resolver (tests give a fake one; the default asks the system). */
  readonly resolveHost?: ResolveHost;
}

export function createWebhookRoutes(options: WebhookRoutesOptions = {}) {
  const resolveHost = options.resolveHost ?? resolveWithDns;
  return new Hono<AppEnv>()
    .use('*', requireSettingsPermission)

    .get('/', async (c) => {
      const deps = c.get('deps');
      const endpoints = await listTenantEndpoints(deps, c.get('member'));
      return c.json({ endpoints, allowPrivateDestinations: deps.config.outbound.allowPrivateDestinations });
    })

    .post('/', jsonBody(createEndpointBody), async (c) => {
      const created = await createEndpoint(c.get('deps'), c.get('member'), c.req.valid('json'), resolveHost);
      return c.json(created, 201);
    })

    .patch('/:id', jsonBody(updateEndpointBody), async (c) => {
      const endpoint = await changeEndpoint(c.get('deps'), c.get('member'), c.req.param('id'), c.req.valid('json'), resolveHost);
      return c.json({ endpoint });
    })

    .delete('/:id', async (c) => {
      await removeEndpoint(c.get('deps'), c.get('member'), c.req.param('id'));
      return c.body(null, 204);
    })

    .get('/:id/deliveries', async (c) => {
      const deliveries = await endpointDeliveries(c.get('deps'), c.get('member'), c.req.param('id'));
      return c.json({ deliveries });
    });
}

export const webhookRoutes = createWebhookRoutes();

/**
 * Web Push. Devices belong to the signed-in person, under `/api/push`:
 * - `GET /key` → `{ publicKey, generated }`: the VAPID key to subscribe with (`generated`: stored, not from env);
 * - `GET /subscriptions` → `{ subscriptions: [{ id, endpointHost, userAgent, createdAt, lastSuccessAt }],
 *   apps: [{ id, platform, createdAt, lastSuccessAt }] }`: the person's browsers and mobile apps (never a token);
 * - `POST /subscriptions` `{ subscription }` → 201 `{ id }` (a browser's `PushSubscription.toJSON()`);
 * - `DELETE /subscriptions` `{ endpoint }` → 204, only the caller's own device;
 * - `POST /subscriptions/renew` `{ oldEndpoint, subscription }` → `{ id }` (the service worker's
 *   `pushsubscriptionchange`).
 * - `POST /native` `{ token, platform: 'android' | 'ios' }` → 201 `{ id }`: the mobile app's FCM registration
 *   token (mobile-shell/; sent through FCM by ../push/native/). A `tenantId` in the body is ignored: like a
 *   browser, an app gets the pushes of every tenant of its person;
 * - `DELETE /native/:token` → 204, only the caller's own app.
 * Preferences and the test message are per tenant, under `/api/tenants/:tenantId/push` (`requireMember`):
 * - `GET /prefs` → `{ prefs }`; `PUT /prefs` NotificationPrefs → `{ prefs }`;
 * - `POST /test` → `{ sent, gone, failed }`: a test notification to the caller's devices.
 * The work lives in ../push/.
 */
import { testPushPayload, validateNotificationPrefs, type NotificationPrefs } from '@vitals/shared';
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { validator } from 'hono/validator';
import * as v from 'valibot';
import { appendAudit } from '../audit/append';
import { jsonBody } from '../auth/json-body';
import type { AppEnv } from '../context';
import { withScope } from '../db/tenant-scope';
import { ApiError, ERROR_CODES, notFound } from '../errors';
import { requireUser } from '../middleware/session';
import { endpointProblem, MAX_ENDPOINT_LENGTH } from '../push/endpoint';
import { readNotificationPrefs, writeNotificationPrefs } from '../push/prefs';
import {
  listDevices,
  pushSubscriptionSchema,
  removeSubscription,
  renewSubscription,
  saveSubscription,
  type PushSubscriptionInput,
} from '../push/subscriptions';
import {
  listNativeApps,
  nativePlatformSchema,
  nativeTokenSchema,
  removeNativeToken,
  saveNativeToken,
} from '../push/native/tokens';
import type { PushReport } from '../outbound/types';

const endpointSchema = v.pipe(
  v.string('The endpoint must be a URL.'),
  v.minLength(1, 'The endpoint is missing.'),
  v.maxLength(MAX_ENDPOINT_LENGTH, `The endpoint is longer than ${MAX_ENDPOINT_LENGTH} characters.`),
);
const subscribeBody = v.object({ subscription: pushSubscriptionSchema });
const renewBody = v.object({ oldEndpoint: v.nullable(endpointSchema), subscription: pushSubscriptionSchema });
const unsubscribeBody = v.object({ endpoint: endpointSchema });
const nativeBody = v.object({ token: nativeTokenSchema, platform: nativePlatformSchema });

const signedIn = createMiddleware<AppEnv>(async (c, next) => {
  requireUser(c);
  return next();
});

/** The address rules need the server's settings, so they are checked after the shape (jsonBody). */
function assertEndpointAllowed(subscription: PushSubscriptionInput, allowPrivate: boolean): void {
  const problem = endpointProblem(subscription.endpoint, { allowPrivate });
  if (problem === null) return;
  throw new ApiError(400, ERROR_CODES.invalidInput, problem, {
    issues: [{ path: 'subscription.endpoint', message: problem }],
  });
}

export const pushRoutes = new Hono<AppEnv>()
  .use('*', signedIn)

  .get('/key', async (c) => c.json(await c.get('deps').outbound.push.vapidPublicKey()))

  .get('/subscriptions', async (c) => {
    const userId = requireUser(c).id;
    const { subscriptions, apps } = await withScope(c.get('deps').db.sql, { userId }, async (tx) => ({
      subscriptions: await listDevices(tx, userId),
      apps: await listNativeApps(tx, userId),
    }));
    return c.json({ subscriptions, apps });
  })

  .post('/subscriptions', jsonBody(subscribeBody), async (c) => {
    const deps = c.get('deps');
    const userId = requireUser(c).id;
    const { subscription } = c.req.valid('json');
    assertEndpointAllowed(subscription, deps.config.outbound.allowPrivateDestinations);
    const input = { userId, subscription, userAgent: c.req.header('user-agent') ?? null, now: deps.now() };
    const id = await withScope(deps.db.sql, { userId }, (tx) => saveSubscription(tx, input));
    return c.json({ id }, 201);
  })

  .delete('/subscriptions', jsonBody(unsubscribeBody), async (c) => {
    const userId = requireUser(c).id;
    const { endpoint } = c.req.valid('json');
    const removed = await withScope(c.get('deps').db.sql, { userId }, (tx) =>
      removeSubscription(tx, userId, endpoint),
    );
    // Someone else's device and no device at all look the same: endpoints cannot be probed.
    if (!removed) throw notFound('That device');
    return c.body(null, 204);
  })

  .post('/subscriptions/renew', jsonBody(renewBody), async (c) => {
    const deps = c.get('deps');
    const userId = requireUser(c).id;
    const { oldEndpoint, subscription } = c.req.valid('json');
    assertEndpointAllowed(subscription, deps.config.outbound.allowPrivateDestinations);
    const input = {
      userId,
      oldEndpoint,
      subscription,
      userAgent: c.req.header('user-agent') ?? null,
      now: deps.now(),
    };
    const id = await withScope(deps.db.sql, { userId }, (tx) => renewSubscription(tx, input));
    return c.json({ id });
  })

  .post('/native', jsonBody(nativeBody), async (c) => {
    const deps = c.get('deps');
    const userId = requireUser(c).id;
    const { token, platform } = c.req.valid('json');
    const id = await withScope(deps.db.sql, { userId }, (tx) =>
      saveNativeToken(tx, { userId, token, platform, now: deps.now() }),
    );
    return c.json({ id }, 201);
  })

  .delete('/native/:token', async (c) => {
    const userId = requireUser(c).id;
    const token = c.req.param('token');
    const removed = await withScope(c.get('deps').db.sql, { userId }, (tx) =>
      removeNativeToken(tx, userId, token),
    );
    // Someone else's app and no app at all look the same: tokens cannot be probed.
    if (!removed) throw notFound('That device');
    return c.body(null, 204);
  });

/** NotificationPrefs from the body, through shared/'s one validator; refusals list every problem. */
const prefsBody = validator('json', (value): NotificationPrefs => {
  const result = validateNotificationPrefs(value);
  if (result.ok) return result.settings;
  const issues = result.errors.map(({ path, message }) => ({ path, message }));
  throw new ApiError(
    400,
    ERROR_CODES.invalidInput,
    issues[0]?.message ?? 'The notification settings are not valid.',
    { issues },
  );
});

function countOutcomes(report: PushReport): { sent: number; gone: number; failed: number } {
  const counts = { sent: 0, gone: 0, failed: 0 };
  for (const attempt of report.attempts) counts[attempt.outcome] += 1;
  return counts;
}

export const tenantPushRoutes = new Hono<AppEnv>()
  .get('/prefs', async (c) => {
    const { tenantId, userId } = c.get('member');
    const prefs = await withScope(c.get('deps').db.sql, { tenantId, userId }, (tx) =>
      readNotificationPrefs(tx, tenantId, [userId]),
    );
    return c.json({ prefs: prefs.get(userId)! });
  })

  .put('/prefs', prefsBody, async (c) => {
    const deps = c.get('deps');
    const { tenantId, userId } = c.get('member');
    const now = deps.now();
    const prefs = await withScope(deps.db.sql, { tenantId, userId }, async (tx) => {
      const before = (await readNotificationPrefs(tx, tenantId, [userId])).get(userId)!;
      const saved = await writeNotificationPrefs(tx, { tenantId, userId, prefs: c.req.valid('json'), now });
      await appendAudit(tx, {
        tenantId,
        userId,
        at: now,
        entries: [
          {
            action: 'update',
            collection: 'notification_prefs',
            documentId: userId,
            before: { ...before },
            after: { ...saved },
          },
        ],
      });
      return saved;
    });
    return c.json({ prefs });
  })

  .post('/test', async (c) => {
    const { tenantId, userId } = c.get('member');
    const report = await c.get('deps').outbound.push.sendToUsers([userId], testPushPayload(tenantId));
    return c.json(countOutcomes(report));
  });

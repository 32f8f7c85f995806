/**
 * The Hono app: one sub-app per resource under routes/, one error shape, request ids and logs. Built
 * from its dependencies so tests run it in-process with `app.request()`.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { createAssistantServices } from './assistant/services';
import type { AppDeps, AppEnv } from './context';
import { ApiError, ERROR_CODES, errorBody } from './errors';
import { apiNoStore } from './http/caching';
import { compression } from './http/compression';
import { securityHeaders } from './http/security-headers';
import { originCheck } from './middleware/origin';
import { loadSession } from './middleware/session';
import { requireMember } from './middleware/tenant';
import { auditRoutes } from './routes/audit';
import { billingRoutes, stripeWebhookRoutes } from './routes/billing';
import { authRoutes } from './routes/auth';
import { chatRoutes } from './routes/chat';
import { clientRoutes } from './routes/client';
import { healthRoutes } from './routes/health';
import { invitationAcceptRoutes, invitationRoutes } from './routes/invitations';
import { memberRoutes } from './routes/members';
import { outboxRoutes } from './routes/outbox';
import { accountPrivacyRoutes, tenantDeletionRoutes, tenantPrivacyRoutes } from './routes/privacy';
import { pushRoutes, tenantPushRoutes } from './routes/push';
import { syncRoutes } from './routes/sync';
import { sampleDataRoutes, tenantCreationRoutes } from './routes/tenants';
import { webhookRoutes } from './routes/webhooks';

/** Default largest request body (a push batch or a spreadsheet upload); MAX_BODY_MB changes it (config.ts). */
export const MAX_BODY_BYTES = 20 * 1024 * 1024;

export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.use('*', requestId());
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    c.set('session', null);
    c.set('user', null);
    const started = performance.now();
    await next();
    deps.log.debug('request', {
      id: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
    });
  });
  // Production behaviour of every response (http/): security headers, compression (never the SSE
  // stream), and no caching of API answers; the built app's own Cache-Control is in routes/client.ts.
  app.use('*', securityHeaders(deps.config));
  app.use('*', compression());
  app.use('/api/*', apiNoStore());
  const maxBodyBytes = deps.config.maxBodyBytes;
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: () => {
        throw new ApiError(413, ERROR_CODES.payloadTooLarge, `The request is larger than ${Math.round(maxBodyBytes / 1024 / 1024)} MB.`);
      },
    }),
  );
  // Stripe calls its webhook from its servers, with no Origin: its signature is the check (routes/billing.ts).
  app.use('/api/*', originCheck({ allowedOrigins: deps.config.allowedOrigins, exemptPaths: [/^\/api\/stripe\/webhook$/] }));
  app.use('/api/*', loadSession);

  app.route('/api/health', healthRoutes);
  app.route('/api/auth', authRoutes);
  app.route('/api/auth/me', accountPrivacyRoutes);
  app.route('/api/auth/invitations', invitationAcceptRoutes);
  app.route('/api/push', pushRoutes);
  app.route('/api/stripe', stripeWebhookRoutes);
  app.route('/api/tenants', tenantCreationRoutes);
  app.use('/api/tenants/:tenantId/*', requireMember);
  app.route('/api/tenants/:tenantId/sync', syncRoutes);
  app.route('/api/tenants/:tenantId/sample', sampleDataRoutes);
  app.route('/api/tenants/:tenantId/audit', auditRoutes);
  app.route('/api/tenants/:tenantId/invitations', invitationRoutes);
  app.route('/api/tenants/:tenantId/members', memberRoutes);
  app.route('/api/tenants/:tenantId/billing', billingRoutes);
  app.route('/api/tenants/:tenantId/privacy', tenantPrivacyRoutes);
  app.route('/api/tenants/:tenantId', tenantDeletionRoutes);
  app.route('/api/tenants/:tenantId/outbox', outboxRoutes);
  app.route('/api/tenants/:tenantId/webhooks', webhookRoutes);
  app.route('/api/tenants/:tenantId/push', tenantPushRoutes);
  app.route('/api/tenants/:tenantId/chat', chatRoutes(createAssistantServices(deps.config.assistant, deps.db.sql, deps.log)));

  // Last: everything that is not the API is the app.
  app.route('/', clientRoutes());

  app.notFound((c) => c.json(errorBody(ERROR_CODES.notFound, `No such endpoint: ${c.req.method} ${c.req.path}`), 404));
  app.onError((error, c) => {
    if (error instanceof ApiError) return c.json(errorBody(error.code, error.message, error.details), error.status);
    if (error instanceof HTTPException && error.status < 500) {
      return c.json(errorBody(ERROR_CODES.badRequest, error.message || 'Bad request.'), error.status);
    }
    deps.log.error('unhandled error', { id: c.get('requestId'), path: c.req.path, error });
    return c.json(errorBody(ERROR_CODES.internal, 'Something went wrong on the server. It has been logged.'), 500);
  });
  return app;
}

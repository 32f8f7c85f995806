/**
 * `/api/tenants/:tenantId/sync`: RxDB's HTTP replication (shared/src/sync/protocol.ts). requireMember has
 * already checked that the signed-in user belongs to the tenant in the path; the tenant comes from there
 * and nowhere else.
 *
 *   GET  /:collection/pull?checkpoint=<json>&limit=<n>  → { documents, checkpoint }
 *   POST /:collection/push  [{ assumedMasterState, newDocumentState }]  → conflicting master documents
 *   GET  /stream  → server-sent events: RESYNC, CHANGES, HEARTBEAT
 */
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { streamSSE } from 'hono/streaming';
import * as v from 'valibot';
import {
  STREAM_HEARTBEAT_MS,
  SYNC_PROTOCOL_HEADER,
  can,
  canWriteCollection,
  checkProtocolVersion,
  encodeStreamMessage,
  isCollectionName,
  pullQuerySchema,
  type CollectionName,
} from '@vitals/shared';
import type { AppEnv } from '../context';
import { findFutureStamp } from '../sync/clock-skew';
import { renderSyncError, syncFailure } from '../sync/errors';
import { pullDocuments } from '../sync/pull';
import { pushDocuments } from '../sync/push';
import { streamAccess } from '../sync/stream-access';
import { parsePushBody } from '../sync/push-body';
import { runChangeStream } from '../sync/stream';

/**
 * Devices send their protocol version in a header; EventSource cannot set headers, so the stream may
 * carry it as `?protocol=`. A request without one is let through (curl, health probes, old tests).
 */
const protocolVersion = createMiddleware<AppEnv>(async (c, next) => {
  const version = c.req.header(SYNC_PROTOCOL_HEADER) ?? c.req.query('protocol');
  if (version !== undefined) {
    const reason = checkProtocolVersion(version);
    if (reason) throw syncFailure(reason);
  }
  return next();
});

function collectionParam(name: string | undefined): CollectionName {
  if (!isCollectionName(name)) throw syncFailure('unknown-collection');
  return name;
}

async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw syncFailure('invalid-request', { issues: [{ path: '', message: 'The body must be JSON' }] });
  }
}

function createSyncRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.onError(renderSyncError);
  routes.use('*', protocolVersion);
  // Every role reads (data.read); checked anyway, so a role without it would be refused here.
  routes.use('*', async (c, next) => {
    if (!can(c.get('member').role, 'data.read')) throw syncFailure('forbidden');
    return next();
  });

  routes.get('/stream', (c) => {
    const deps = c.get('deps');
    const { db, feed, log } = deps;
    const { tenantId, userId } = c.get('member');
    const stillAllowed = streamAccess(deps, { tenantId, userId, sessionId: c.get('session')?.id ?? null });
    return streamSSE(c, async (stream) => {
      const gone = new Promise<void>((resolve) => stream.onAbort(resolve));
      await runChangeStream({
        sql: db.sql,
        feed,
        log,
        tenantId,
        userId,
        heartbeatMs: STREAM_HEARTBEAT_MS,
        gone,
        stopping: deps.stopping,
        stillAllowed,
        send: (message) => stream.write(encodeStreamMessage(message)),
      });
    });
  });

  routes.get('/:collection/pull', async (c) => {
    const collection = collectionParam(c.req.param('collection'));
    const query = v.safeParse(pullQuerySchema, c.req.query());
    if (!query.success) {
      throw syncFailure('invalid-request', {
        issues: query.issues.map((issue) => ({ path: v.getDotPath(issue) ?? '', message: issue.message })),
      });
    }
    const { tenantId, userId } = c.get('member');
    const body = await pullDocuments(c.get('deps').db.sql, {
      tenantId,
      userId,
      collection,
      checkpoint: query.output.checkpoint ?? null,
      limit: query.output.limit,
    });
    return c.body(body, 200, { 'content-type': 'application/json; charset=utf-8' });
  });

  routes.post('/:collection/push', async (c) => {
    const collection = collectionParam(c.req.param('collection'));
    const member = c.get('member');
    if (!canWriteCollection(member.role, collection)) throw syncFailure('forbidden');
    const rows = parsePushBody(collection, await readJson(c.req.raw));
    const deps = c.get('deps');
    const nowMs = deps.now().getTime();
    rows.forEach((row, index) => {
      const path = findFutureStamp(row.next, nowMs);
      if (path !== null) {
        const issue = { path: `${index}.newDocumentState.${path}`, message: 'This time is in the future' };
        throw syncFailure('clock-skew', { issues: [issue] });
      }
    });
    const { conflicts, changes } = await pushDocuments(deps, { ...member, collection, rows });
    // Committed: alerts, pushes and webhooks follow in the background, after the device has its answer.
    deps.outbound.alerts.afterWrite({ tenantId: member.tenantId, userId: member.userId, collection, changes });
    return c.json(conflicts);
  });

  return routes;
}

export const syncRoutes = createSyncRoutes();

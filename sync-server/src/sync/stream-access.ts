/**
 * A stream outlives the request that opened it, for hours. Signing out, a password change (which ends
 * every session) or removal from the tenant must end it too, so the stream asks this at every heartbeat.
 */
import type { AppDeps } from '../context';
import { withScope } from '../db/tenant-scope';

export interface StreamViewer {
  readonly tenantId: string;
  readonly userId: string;
  /** The session the stream was opened with (`null` only for requests not signed in by a session). */
  readonly sessionId: string | null;
}

export function streamAccess(
  deps: Pick<AppDeps, 'db' | 'now'>,
  viewer: StreamViewer,
): () => Promise<boolean> {
  const { tenantId, userId, sessionId } = viewer;
  return async () => {
    const now = deps.now();
    const rows = await withScope(
      deps.db.sql,
      { tenantId, userId },
      (tx) => tx`
      select 1 from memberships m
      where m.tenant_id = ${tenantId} and m.user_id = ${userId}
        and (${sessionId}::text is null
          or exists (select 1 from sessions s where s.id = ${sessionId} and s.expires_at > ${now}))`,
    );
    return rows.length > 0;
  };
}

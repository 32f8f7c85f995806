/**
 * Writing alerts: new ones from candidates (never twice for one dedupe key) and escalations of old ones. Alert
 * documents are written like any synced document (tenant lock, seq, audit entry, change feed), by no user:
 * every device of the tenant pulls them, and the audit trail shows the system raised them.
 */
import { randomUUID } from 'node:crypto';
import { alertDocument, escalateAlert, type AlertCandidate, type AlertDoc } from '@vitals/shared';
import { appendAudit, auditAction } from '../audit/append';
import type { BaseDeps } from '../context';
import type { TransactionSql } from '../db/connect';
import { withScope } from '../db/tenant-scope';
import { importStamp } from '../imports/import-clock';
import { writeDocuments, type StoredDocument } from '../sync/documents';
import { lockTenantWrites } from '../sync/tenant-lock';

/** Node id of the alert engine's clock stamps: no device is called that. */
export const ALERTS_NODE_ID = 'server-alerts';

type WriteDeps = Pick<BaseDeps, 'db' | 'feed' | 'log' | 'now'>;

async function existingKeys(tx: TransactionSql, tenantId: string, keys: readonly string[]): Promise<Set<string>> {
  const rows = await tx<{ key: string }[]>`
    select d.data->>'dedupeKey' as key
    from sync_documents d join unnest(${tx.array([...keys])}::text[]) as k(key) on d.data->>'dedupeKey' = k.key
    where d.tenant_id = ${tenantId} and d.collection = 'alerts'`;
  return new Set(rows.map((row) => row.key));
}

async function writeAlerts(
  deps: WriteDeps,
  tenantId: string,
  plan: (tx: TransactionSql, at: Date) => Promise<{ docs: AlertDoc[]; before: Map<string, AlertDoc> }>,
): Promise<AlertDoc[]> {
  const at = deps.now();
  const { docs, last } = await withScope(deps.db.sql, { tenantId }, async (tx) => {
    await lockTenantWrites(tx, tenantId);
    const { docs, before } = await plan(tx, at);
    const stored = docs as unknown as StoredDocument[];
    const written = await writeDocuments(tx, { tenantId, collection: 'alerts', userId: null, documents: stored, at });
    await appendAudit(tx, {
      tenantId,
      userId: null,
      at,
      entries: docs.map((doc) => {
        const previous = (before.get(doc.id) ?? null) as StoredDocument | null;
        return { action: auditAction(previous, doc as unknown as StoredDocument), collection: 'alerts', documentId: doc.id, before: previous, after: doc };
      }),
    });
    return { docs, last: written.at(-1) ?? null };
  });
  if (last) {
    await deps.feed.publish({ tenantId, collection: 'alerts', checkpoint: { id: last.id, seq: last.seq } }).catch((error: unknown) => {
      deps.log.error('change feed publish failed', { tenantId, collection: 'alerts', error });
    });
  }
  return docs;
}

/** Writes the candidates no alert exists for yet; returns the alerts raised. */
export function raiseAlerts(deps: WriteDeps, tenantId: string, candidates: readonly AlertCandidate[], newId: () => string = randomUUID): Promise<AlertDoc[]> {
  if (candidates.length === 0) return Promise.resolve([]);
  return writeAlerts(deps, tenantId, async (tx, at) => {
    // Under the tenant's lock: two writes racing to raise the same alert see each other's.
    const seen = await existingKeys(tx, tenantId, candidates.map((c) => c.dedupeKey));
    const docs: AlertDoc[] = [];
    for (const candidate of candidates) {
      if (seen.has(candidate.dedupeKey)) continue;
      seen.add(candidate.dedupeKey);
      docs.push(alertDocument(candidate, { id: newId(), createdAt: at.toISOString(), stamp: importStamp([], at, ALERTS_NODE_ID) }));
    }
    return { docs, before: new Map() };
  });
}

/** Marks alerts escalated, re-reading each under the lock: one acknowledged meanwhile is left alone. */
export function escalateAlerts(deps: WriteDeps, tenantId: string, ids: readonly string[]): Promise<AlertDoc[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return writeAlerts(deps, tenantId, async (tx, at) => {
    const rows = await tx<{ data: AlertDoc }[]>`
      select d.data from sync_documents d join unnest(${tx.array([...ids])}::text[]) as k(id) on d.id = k.id
      where d.tenant_id = ${tenantId} and d.collection = 'alerts' and not d.deleted
      for update of d`;
    const current = rows.map((row) => row.data).filter((alert) => alert.acknowledgedAt === null && alert.escalatedAt === null);
    const docs = current.map((alert) =>
      escalateAlert(alert, { escalatedAt: at.toISOString(), stamp: importStamp([alert], at, ALERTS_NODE_ID) }),
    );
    return { docs, before: new Map(current.map((alert) => [alert.id, alert])) };
  });
}

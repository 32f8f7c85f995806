/**
 * A spreadsheet import committed by the server (the `vitals import` command): the same preview and plan as
 * on a device (shared/src/import), written the way the server writes pushed documents (sync/push.ts), so
 * devices receive it on their next pull like any other change:
 *
 * - one transaction, under the tenant's write lock (sync/tenant-lock.ts), taken before anything is read, so
 *   the preview and the plan are made from the state the write lands on and seq order stays commit order;
 * - every document validated against its collection's schema and authorised with the role matrix, as a
 *   pushed one is (`authorizeWrite`);
 * - `writeDocuments` (each document its next seq) and an audit entry per document (before → after);
 * - after commit, one change-feed notification per collection, so open sync streams pull at once.
 *
 * A file whose values are all stored already writes nothing, not even a version: importing the same
 * file twice changes nothing the second time.
 */
import { randomUUID } from 'node:crypto';
import {
  COLLECTIONS,
  authorizeWrite,
  hasBlockingErrors,
  planImport,
  previewImport,
  type CollectionName,
  type ImportPreview,
  type ImportedTable,
  type Role,
  type VersionDoc,
} from '@vitals/shared';
import { appendAudit, auditAction, type AuditEntry } from '../audit/append';
import { findGrowthExceeded, growthOf, totalGrowth } from '../billing/limits';
import type { Config } from '../config';
import type { AppDeps } from '../context';
import type { TransactionSql } from '../db/connect';
import { withScope } from '../db/tenant-scope';
import { writeDocuments, type StoredDocument, type WrittenDocument } from '../sync/documents';
import { lockTenantWrites } from '../sync/tenant-lock';
import { ImportError } from './errors';
import { importStamp } from './import-clock';
import { readTenantDocuments } from './tenant-data';

/** `config` for the plan's limits (billing/limits.ts); the app's deps have it. */
export type ImportDeps = Pick<AppDeps, 'db' | 'feed' | 'log' | 'now'> & { readonly config?: Pick<Config, 'billing'> };

export interface ImportInput {
  readonly tenantId: string;
  /** The member committing it: the version's `createdBy`, every value's `by`, the audit trail's user. */
  readonly userId: string;
  readonly role: Role;
  readonly table: ImportedTable;
  readonly fileName: string;
  /** SHA-256 of the file, hex. */
  readonly fileHash: string;
  /** Preview only: nothing is locked or written. */
  readonly dryRun?: boolean;
  /** Ids of new documents (tests pass deterministic ones). */
  readonly newId?: () => string;
}

export interface ImportOutcome {
  readonly preview: ImportPreview;
  /** The version written; `null` for a dry run or when there was nothing to write. */
  readonly version: VersionDoc | null;
  /** Documents written per collection (accounts new or changed, month documents, the version). */
  readonly written: { readonly accounts: number; readonly measurements: number; readonly versions: number };
}

/** Statements stay below a few MB of JSON each, as a push batch does. */
const CHUNK = 500;

/** True when committing would change nothing: every value and attribute is stored already. */
export function isNoOp(preview: ImportPreview): boolean {
  return preview.newAccounts.length === 0 && preview.changed.length === 0 && preview.accountChanges.length === 0;
}

interface CollectionWrite {
  readonly collection: CollectionName;
  readonly documents: readonly StoredDocument[];
}

/** Schema and role matrix, per document, exactly as a push is checked; a refusal refuses the whole import. */
function checkDocuments(input: ImportInput, write: CollectionWrite, before: ReadonlyMap<string, StoredDocument>, owners: ReadonlyMap<string, string | null>): void {
  const { validate } = COLLECTIONS[write.collection];
  for (const doc of write.documents) {
    const result = validate(doc);
    // The plan comes from shared/ code and validated input: an invalid document is a bug, not the file's fault.
    if (!result.ok) throw new Error(`The import planned an invalid ${write.collection} document ${doc.id}: ${JSON.stringify(result.issues)}`);
    const decision = authorizeWrite({
      role: input.role,
      userId: input.userId,
      collection: write.collection,
      before: before.get(doc.id) ?? null,
      after: doc,
      accountOwner: (accountId) => (owners.has(accountId) ? owners.get(accountId) : undefined),
    });
    if (!decision.ok) throw new ImportError('forbidden', decision.message);
  }
}

async function writeCollection(
  tx: TransactionSql,
  context: { tenantId: string; userId: string; at: Date },
  write: CollectionWrite,
  before: ReadonlyMap<string, StoredDocument>,
): Promise<WrittenDocument[]> {
  const written: WrittenDocument[] = [];
  for (let i = 0; i < write.documents.length; i += CHUNK) {
    const chunk = write.documents.slice(i, i + CHUNK);
    written.push(...(await writeDocuments(tx, { ...context, collection: write.collection, documents: chunk })));
    const entries: AuditEntry[] = chunk.map((after) => {
      const previous = before.get(after.id) ?? null;
      return { action: auditAction(previous, after), collection: write.collection, documentId: after.id, before: previous, after };
    });
    await appendAudit(tx, { ...context, entries });
  }
  return written;
}

export async function importTable(deps: ImportDeps, input: ImportInput): Promise<ImportOutcome> {
  const { tenantId, userId, table } = input;
  if (hasBlockingErrors(table)) throw new ImportError('blocking-errors', 'The file has errors: fix them, or leave their rows out, before importing.');
  const at = deps.now();
  const outcome = await withScope(deps.db.sql, { tenantId, userId }, async (tx) => {
    // Before reading: the preview must describe the state the write lands on (and before any nextval).
    if (!input.dryRun) await lockTenantWrites(tx, tenantId);
    const existing = await readTenantDocuments(tx, tenantId);
    const preview = previewImport(table, existing);
    const nothing = { accounts: 0, measurements: 0, versions: 0 };
    if (input.dryRun || isNoOp(preview)) return { preview, version: null, written: nothing, last: [] };

    const stamp = importStamp([...existing.accounts, ...existing.measurements], at);
    const plan = planImport({
      table,
      existing,
      fileName: input.fileName,
      fileHash: input.fileHash,
      userId,
      now: at.toISOString(),
      nextHlc: () => stamp,
      newId: input.newId ?? randomUUID,
    });
    const stored = (docs: readonly { id: string }[]): Map<string, StoredDocument> => new Map(docs.map((d) => [d.id, d as unknown as StoredDocument]));
    const before: Record<string, Map<string, StoredDocument>> = {
      accounts: stored(existing.accounts),
      measurements: stored(existing.measurements),
      versions: new Map(),
    };
    const owners = new Map<string, string | null>();
    for (const account of [...existing.accounts, ...plan.accounts]) if (!account._deleted) owners.set(account.id, account.ownerId);
    // Accounts first (values name them), the version last: it is the receipt for everything it describes.
    const writes: CollectionWrite[] = [
      { collection: 'accounts', documents: plan.accounts as unknown as StoredDocument[] },
      { collection: 'measurements', documents: plan.measurements as unknown as StoredDocument[] },
      { collection: 'versions', documents: [plan.version as unknown as StoredDocument] },
    ];
    for (const write of writes) checkDocuments(input, write, before[write.collection]!, owners);
    // Plan limits (billing/limits.ts): the import's new accounts and bytes, all collections together, refused
    // whole before anything is written. Without `config` (the CLI does not pass it yet) there is no check.
    if (deps.config) {
      const growth = totalGrowth(writes.map((write) => growthOf(write.collection, write.documents, before[write.collection]!)));
      const exceeded = await findGrowthExceeded(tx, { config: deps.config, now: deps.now }, tenantId, growth);
      if (exceeded) throw new ImportError('forbidden', exceeded.message);
    }
    const last: { collection: CollectionName; doc: WrittenDocument }[] = [];
    for (const write of writes) {
      const written = await writeCollection(tx, { tenantId, userId, at }, write, before[write.collection]!);
      const newest = written.reduce<WrittenDocument | null>((max, doc) => (max === null || doc.seq > max.seq ? doc : max), null);
      if (newest) last.push({ collection: write.collection, doc: newest });
    }
    return {
      preview,
      version: plan.version,
      written: { accounts: plan.accounts.length, measurements: plan.measurements.length, versions: 1 },
      last,
    };
  });

  // Committed: tell every open stream of the tenant. As in a push, a failed notification is logged, not
  // fatal — the write is there, and a stream that missed it catches up at its next change or RESYNC.
  for (const { collection, doc } of outcome.last) {
    await deps.feed.publish({ tenantId, collection, checkpoint: { id: doc.id, seq: doc.seq } }).catch((error: unknown) => {
      deps.log.error('change feed publish failed', { tenantId, collection, error });
    });
  }
  return { preview: outcome.preview, version: outcome.version, written: outcome.written };
}

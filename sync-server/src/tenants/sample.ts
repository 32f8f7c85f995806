/**
 * Loading the sample (ACME's accounts, a half-year of KPI values, playbook runs and alerts, from shared's
 * sample/) into a new, empty workspace, so someone trying Vitals sees a working product before importing
 * their own spreadsheet. Every sample person becomes the caller: the accounts are theirs, and the workspace
 * gains no made-up members (its `members` collection is left as it is).
 *
 * The documents are the seed's (seed/seed.ts builds them with the same `sampleDocuments`), but written the way
 * a live workspace is written, as imports/commit-import.ts does: the seed's bulk insert takes no write lock and
 * is only safe before anyone pulls, while here devices may be syncing already. So: one transaction under the
 * tenant's write lock, taken before anything is read; the plan's limits checked for everything at once before
 * anything is written (a refusal writes nothing); `writeDocuments` in chunks; and after commit a change-feed
 * notification per collection, so open sync streams pull at once.
 */
import { createHash, randomUUID } from 'node:crypto';
import { generateSampleTenants, sampleDocuments, sampleToLongCsv, type CollectionName, type SampleTenant } from '@vitals/shared';
import { enforceGrowth, growthOf, totalGrowth } from '../billing/limits';
import type { AppDeps, Membership } from '../context';
import type { TransactionSql } from '../db/connect';
import { withScope } from '../db/tenant-scope';
import { ApiError } from '../errors';
import { writeDocuments, type StoredDocument, type WrittenDocument } from '../sync/documents';
import { lockTenantWrites } from '../sync/tenant-lock';
import { appendTenantAudit } from './audit';
import { TENANT_ERROR_CODES } from './errors';
import { publishWrites, type CollectionWritten } from './publish';

/** The larger sample tenant: a CS manager's team, every status and every playbook. */
export const SAMPLE_SLUG = 'acme';

/** Accounts first (values name them), then what refers to them; `members` is never written (see above). */
const SAMPLE_COLLECTIONS = ['accounts', 'measurements', 'versions', 'playbook_runs', 'alerts', 'settings'] as const satisfies readonly CollectionName[];

/** Statements stay below a few MB of JSON each, as a push batch does. */
const CHUNK = 500;

export interface SampleLoaded {
  readonly accounts: number;
  readonly documents: number;
}

function sampleTenant(): SampleTenant {
  const tenant = generateSampleTenants().find((t) => t.slug === SAMPLE_SLUG);
  if (!tenant) throw new Error(`shared/ has no sample tenant ${SAMPLE_SLUG}.`);
  return tenant;
}

interface CollectionWrite {
  readonly collection: CollectionName;
  readonly documents: readonly StoredDocument[];
}

/** The sample's documents with every sample person (with a login or not) standing for `userId`. */
function sampleWrites(userId: string, now: Date): CollectionWrite[] {
  const sample = sampleTenant();
  const documents = sampleDocuments(sample, {
    userIds: new Map(sample.users.map((u) => [u.id, userId])),
    newId: randomUUID,
    seededAt: now.toISOString(),
    fileHash: createHash('sha256').update(sampleToLongCsv(sample)).digest('hex'),
  });
  return SAMPLE_COLLECTIONS.map((collection) => ({
    collection,
    documents: documents[collection] as unknown as StoredDocument[],
  }));
}

async function hasAccounts(tx: TransactionSql, tenantId: string): Promise<boolean> {
  const rows = await tx`
    select 1 from sync_documents where tenant_id = ${tenantId} and collection = 'accounts' and not deleted limit 1`;
  return rows.length > 0;
}

async function writeChunked(tx: TransactionSql, context: { tenantId: string; userId: string; at: Date }, write: CollectionWrite): Promise<WrittenDocument[]> {
  const written: WrittenDocument[] = [];
  for (let i = 0; i < write.documents.length; i += CHUNK) {
    const documents = write.documents.slice(i, i + CHUNK);
    written.push(...(await writeDocuments(tx, { ...context, collection: write.collection, documents })));
  }
  return written;
}

export async function loadSample(deps: AppDeps, member: Membership): Promise<SampleLoaded> {
  const { tenantId, userId } = member;
  const at = deps.now();
  const writes = sampleWrites(userId, at);
  const { result, written } = await withScope(deps.db.sql, { tenantId, userId }, async (tx) => {
    // Before reading: two loads at once must not both find the workspace empty (and before any nextval).
    await lockTenantWrites(tx, tenantId);
    if (await hasAccounts(tx, tenantId)) {
      throw new ApiError(409, TENANT_ERROR_CODES.tenantNotEmpty, 'This workspace already has data, so the sample was not added.');
    }
    // Plan limits (billing/limits.ts): the sample's accounts and bytes, refused whole before anything is written.
    // Nothing it writes exists yet (no live account, and its other documents hang off accounts), so it all counts.
    await enforceGrowth(tx, deps, tenantId, totalGrowth(writes.map((w) => growthOf(w.collection, w.documents, new Map()))));
    const written: CollectionWritten[] = [];
    for (const write of writes) written.push({ collection: write.collection, written: await writeChunked(tx, { tenantId, userId, at }, write) });
    const result: SampleLoaded = {
      accounts: writes.find((w) => w.collection === 'accounts')?.documents.length ?? 0,
      documents: written.reduce((sum, w) => sum + w.written.length, 0),
    };
    await appendTenantAudit(tx, { tenantId, userId, at, action: 'sample.loaded', after: { sample: SAMPLE_SLUG, ...result } });
    return { result, written };
  });
  await publishWrites(deps, tenantId, written);
  return result;
}

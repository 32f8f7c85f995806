/**
 * Data access for synced documents (`sync_documents`): each row is a document's JSON (`data`, without the
 * server's `seq`), its tombstone flag and the seq of its last write. Every function takes a transaction
 * opened by withScope, so row-level security confines it to the tenant; the explicit `tenant_id` is for the
 * index, not for safety.
 */
import type { Checkpoint, CollectionName } from '@vitals/shared';
import type { TransactionSql } from '../db/connect';

export type StoredDocument = Record<string, unknown> & { readonly id: string; readonly _deleted: boolean };

/** A document as stored and audited: the server's `seq` lives in its own column. */
export function withoutSeq<T extends Record<string, unknown>>(doc: T): Omit<T, 'seq'> {
  const { seq: _seq, ...rest } = doc;
  return rest;
}

export interface Page {
  /** Each document's JSON text with `_deleted` and `seq`, in seq order: sent as is, never re-parsed. */
  readonly documents: readonly string[];
  /** The last document's checkpoint, `null` for an empty page. */
  readonly last: Checkpoint | null;
}

export interface PageQuery {
  readonly tenantId: string;
  readonly collection: CollectionName;
  readonly after: Checkpoint | null;
  readonly limit: number;
  /** Only documents whose `userId` is this (assistant conversations are private). */
  readonly ownedBy?: string;
}

/** The documents written after a checkpoint, oldest write first. */
export async function readPage(tx: TransactionSql, query: PageQuery): Promise<Page> {
  const { tenantId, collection, after, limit, ownedBy } = query;
  // seq is unique across the whole table, so it alone orders and resumes; the checkpoint's id is informative.
  const rows = await tx<{ id: string; seq: string; doc: string }[]>`
    select id, seq, (data || jsonb_build_object('_deleted', deleted, 'seq', seq))::text as doc
    from sync_documents
    where tenant_id = ${tenantId} and collection = ${collection} and seq > ${after?.seq ?? 0}
      ${ownedBy === undefined ? tx`` : tx`and data->>'userId' = ${ownedBy}`}
    order by seq
    limit ${limit}`;
  const lastRow = rows[rows.length - 1];
  return {
    documents: rows.map((row) => row.doc),
    last: lastRow ? { id: lastRow.id, seq: Number(lastRow.seq) } : null,
  };
}

/** The newest seq of each collection of the tenant that has committed (0 when empty): where a stream starts. */
export async function readHeads(
  tx: TransactionSql,
  tenantId: string,
  collections: readonly CollectionName[],
): Promise<Map<CollectionName, number>> {
  const rows = await tx<{ collection: CollectionName; seq: string | null }[]>`
    select c.collection, (
      select max(seq) from sync_documents d where d.tenant_id = ${tenantId} and d.collection = c.collection
    ) as seq
    from unnest(${tx.array([...collections])}::text[]) as c(collection)`;
  return new Map(rows.map((row) => [row.collection, row.seq === null ? 0 : Number(row.seq)]));
}

/** The current copies of some documents, locked until the transaction ends. */
export async function readMasters(
  tx: TransactionSql,
  tenantId: string,
  collection: CollectionName,
  ids: readonly string[],
): Promise<Map<string, StoredDocument>> {
  if (ids.length === 0) return new Map();
  // A join rather than `id = any(...)`: PGlite never refreshes its planner statistics, and without them
  // `any` becomes a filter comparing every row of the collection with every id (a push of 500 documents into
  // a collection of 10,000 spent 60 ms here, growing with the collection); the join hashes the ids instead,
  // and once statistics exist it becomes primary-key lookups.
  const rows = await tx<{ id: string; data: Record<string, unknown>; deleted: boolean; seq: string }[]>`
    select d.id, d.data, d.deleted, d.seq
    from sync_documents d join unnest(${tx.array([...ids])}::text[]) as k(id) on d.id = k.id
    where d.tenant_id = ${tenantId} and d.collection = ${collection}
    for update of d`;
  return new Map(
    rows.map((row) => [row.id, { ...row.data, id: row.id, _deleted: row.deleted, seq: Number(row.seq) }]),
  );
}

export interface WrittenDocument {
  readonly id: string;
  readonly seq: number;
}

/**
 * Writes documents (insert or replace), each with the next seq. The caller holds the tenant's write lock
 * (tenant-lock.ts). Returns each document's new seq, in the order given.
 */
export async function writeDocuments(
  tx: TransactionSql,
  options: {
    tenantId: string;
    collection: CollectionName;
    /** `null`: written by the server itself (alerts). */
    userId: string | null;
    documents: readonly StoredDocument[];
    at: Date;
  },
): Promise<WrittenDocument[]> {
  const { tenantId, collection, userId, documents, at } = options;
  if (documents.length === 0) return [];
  // One statement per push: a 500-document batch is one round trip, not 500.
  const rows = await tx<{ id: string; seq: string }[]>`
    insert into sync_documents as s (tenant_id, collection, id, data, deleted, seq, updated_at, updated_by)
    select ${tenantId}, ${collection}, d->>'id', d, (d->>'_deleted')::boolean, nextval('sync_seq'), ${at}, ${userId}
    from jsonb_array_elements(${tx.json(documents as never)}::jsonb) with ordinality as t(d, n)
    order by n
    on conflict (tenant_id, collection, id) do update
      set data = excluded.data, deleted = excluded.deleted, seq = excluded.seq,
          updated_at = excluded.updated_at, updated_by = excluded.updated_by
    returning id, seq`;
  const seqs = new Map(rows.map((row) => [row.id, Number(row.seq)]));
  return documents.map((doc) => ({ id: doc.id, seq: seqs.get(doc.id)! }));
}

/**
 * The default vector index: the `assistant_passages` table (migration 0004), searched in process. Every query
 * runs in the tenant's scope, so row-level security keeps tenants apart even if a WHERE were forgotten.
 * Brute-force cosine over a tenant's few thousand passages takes milliseconds; no extension is needed, so it
 * runs the same on PGlite and on any PostgreSQL.
 */
import type { Sql } from '../db/connect';
import { withScope } from '../db/tenant-scope';
import { cosine } from './lexical-embedding';
import type { IndexHit, IndexedPoint, VectorIndex } from './vector-index';

/** Rows per insert statement: bounds the statement's size with 1,536-dimension vectors. */
const UPSERT_BATCH = 200;

export function createEmbeddedIndex(sql: Sql, space: string): VectorIndex {
  const scoped = <T>(tenantId: string, fn: Parameters<typeof withScope<T>>[2]): Promise<T> =>
    withScope(sql, { tenantId }, fn);
  return {
    description: 'embedded (PostgreSQL)',

    async manifest(tenantId) {
      const rows = await scoped(
        tenantId,
        (tx) => tx<{ passage_id: string; content_hash: string }[]>`
        select passage_id, content_hash from assistant_passages where tenant_id = ${tenantId} and space = ${space}`,
      );
      return new Map(rows.map((r) => [r.passage_id, r.content_hash]));
    },

    async upsert(tenantId, points) {
      for (let start = 0; start < points.length; start += UPSERT_BATCH) {
        const batch = points.slice(start, start + UPSERT_BATCH).map(toRow);
        await scoped(
          tenantId,
          (tx) => tx`
          insert into assistant_passages (tenant_id, space, passage_id, content_hash, vector)
          select ${tenantId}, ${space}, p->>'id', p->>'hash',
                 array(select jsonb_array_elements_text(p->'vector')::real)
          from jsonb_array_elements(${tx.json(batch)}::jsonb) as t(p)
          on conflict (tenant_id, space, passage_id) do update
            set content_hash = excluded.content_hash, vector = excluded.vector, updated_at = now()`,
        );
      }
    },

    async remove(tenantId, passageIds) {
      if (passageIds.length === 0) return;
      await scoped(
        tenantId,
        (tx) => tx`
        delete from assistant_passages
        where tenant_id = ${tenantId} and space = ${space} and passage_id = any(${tx.array([...passageIds])}::text[])`,
      );
    },

    async search(tenantId, vector, limit) {
      const rows = await scoped(
        tenantId,
        (tx) => tx<{ passage_id: string; vector: number[] }[]>`
        select passage_id, vector from assistant_passages where tenant_id = ${tenantId} and space = ${space}`,
      );
      return topHits(
        rows.map((r) => ({ passageId: r.passage_id, score: cosine(vector, r.vector) })),
        limit,
      );
    },
  };
}

function toRow(point: IndexedPoint): { id: string; hash: string; vector: number[] } {
  return { id: point.passageId, hash: point.contentHash, vector: [...point.vector] };
}

function topHits(hits: IndexHit[], limit: number): IndexHit[] {
  return hits.sort((a, b) => b.score - a.score || (a.passageId < b.passageId ? -1 : 1)).slice(0, limit);
}

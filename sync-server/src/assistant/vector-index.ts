/**
 * Where retrieval's vectors live: Qdrant when QDRANT_URL is set, otherwise a table in PostgreSQL searched in
 * process. An index is bound to one vector space (the embedder's id) and confines every call to one tenant.
 *
 * It stores passage ids, content hashes and vectors only, never the passages' text: the text is rebuilt from
 * the tenant's documents on every question (retrieval.ts), so the index can never show stale or deleted
 * notes, and an external Qdrant holds no customer prose.
 */

export interface IndexedPoint {
  readonly passageId: string;
  /** SHA-256 of the passage's text: the index is brought up to date by comparing these. */
  readonly contentHash: string;
  readonly vector: readonly number[];
}

export interface IndexHit {
  readonly passageId: string;
  /** Cosine similarity, −1…1. */
  readonly score: number;
}

export interface VectorIndex {
  /** For logs: "embedded" or "qdrant <collection>". */
  readonly description: string;
  /** What the index holds for the tenant: passage id → content hash. */
  manifest(tenantId: string): Promise<Map<string, string>>;
  /** Inserts or replaces points. */
  upsert(tenantId: string, points: readonly IndexedPoint[]): Promise<void>;
  remove(tenantId: string, passageIds: readonly string[]): Promise<void>;
  /** The nearest passages of the tenant, most similar first. */
  search(tenantId: string, vector: readonly number[], limit: number): Promise<IndexHit[]>;
}

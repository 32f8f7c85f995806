/**
 * Retrieval over a tenant's playbook knowledge: bring the index up to date with the passages built from the
 * tenant's documents, then find the passages nearest the question.
 *
 * Keeping the index current: each passage's SHA-256 is compared with the hash the index holds for it; only
 * new or edited passages are embedded (embedding costs money with a hosted model), and passages that no
 * longer exist are removed. A fingerprint of all hashes, remembered per tenant, skips even that comparison
 * while nothing changed — i.e. the index is rebuilt exactly when the tenant's runs (or the playbook texts,
 * or the embedder) change, checked on each question. The fingerprint is only an in-memory shortcut: a new
 * process, or another server instance, compares hashes once and finds the index current.
 */
import { createHash } from 'node:crypto';
import type { Logger } from '../logger';
import type { Embedder } from './embedder';
import type { Passage } from './passages';
import type { IndexedPoint, VectorIndex } from './vector-index';

export interface RetrievedPassage {
  readonly passage: Passage;
  readonly score: number;
}

export interface RetrieveOptions {
  readonly limit: number;
  readonly signal?: AbortSignal;
}

export interface Retriever {
  readonly embedder: Embedder;
  readonly index: VectorIndex;
  /** Syncs the tenant's index with `passages`, then returns the most relevant ones, best first. */
  retrieve(
    tenantId: string,
    passages: readonly Passage[],
    question: string,
    options: RetrieveOptions,
  ): Promise<RetrievedPassage[]>;
  /** Brings the tenant's index up to date; returns how many passages were embedded and removed. */
  sync(
    tenantId: string,
    passages: readonly Passage[],
    signal?: AbortSignal,
  ): Promise<{ embedded: number; removed: number }>;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export function createRetriever(options: { index: VectorIndex; embedder: Embedder; log: Logger }): Retriever {
  const { index, embedder, log } = options;
  const current = new Map<string, string>();
  // One sync per tenant at a time: two questions at once must not embed the same passages twice.
  const queues = new Map<string, Promise<void>>();

  async function syncNow(tenantId: string, passages: readonly Passage[], signal?: AbortSignal) {
    const hashes = new Map(passages.map((p) => [p.id, sha256(p.text)]));
    const fingerprint = sha256(
      [embedder.id, ...[...hashes].map(([id, hash]) => `${id}\0${hash}`)].join('\n'),
    );
    if (current.get(tenantId) === fingerprint) return { embedded: 0, removed: 0 };

    const held = await index.manifest(tenantId);
    const changed = passages.filter((p) => held.get(p.id) !== hashes.get(p.id));
    const gone = [...held.keys()].filter((id) => !hashes.has(id));
    if (changed.length > 0) {
      const vectors = await embedder.embed(
        changed.map((p) => p.text),
        signal,
      );
      const points: IndexedPoint[] = changed.map((p, i) => ({
        passageId: p.id,
        contentHash: hashes.get(p.id)!,
        vector: vectors[i]!,
      }));
      await index.upsert(tenantId, points);
    }
    await index.remove(tenantId, gone);
    current.set(tenantId, fingerprint);
    if (changed.length > 0 || gone.length > 0) {
      log.info('assistant index updated', {
        tenantId,
        index: index.description,
        embedded: changed.length,
        removed: gone.length,
      });
    }
    return { embedded: changed.length, removed: gone.length };
  }

  function sync(tenantId: string, passages: readonly Passage[], signal?: AbortSignal) {
    const run = (queues.get(tenantId) ?? Promise.resolve()).then(() => syncNow(tenantId, passages, signal));
    // The queue goes on after a failed sync (the caller sees the failure); it is dropped once idle.
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    queues.set(tenantId, settled);
    void settled.then(() => {
      if (queues.get(tenantId) === settled) queues.delete(tenantId);
    });
    return run;
  }

  return {
    embedder,
    index,
    sync,
    async retrieve(tenantId, passages, question, { limit, signal }) {
      await sync(tenantId, passages, signal);
      const [vector] = await embedder.embed([question], signal);
      const byId = new Map(passages.map((p) => [p.id, p]));
      const hits = await index.search(tenantId, vector!, limit);
      return hits.flatMap((hit) => {
        const passage = byId.get(hit.passageId);
        return passage && hit.score >= embedder.minScore ? [{ passage, score: hit.score }] : [];
      });
    },
  };
}

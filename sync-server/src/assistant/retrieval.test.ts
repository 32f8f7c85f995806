import { randomUUID } from 'node:crypto';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/connect';
import { withScope } from '../db/tenant-scope';
import { databaseKinds, openTestDatabase } from '../testing/databases';
import { startFakeOpenAI, type FakeOpenAI } from '../testing/fake-openai';
import { startFakeQdrant, type FakeQdrant } from '../testing/fake-qdrant';
import { recordingLogger } from '../testing/silent-logger';
import { createEmbeddedIndex } from './embedded-index';
import { lexicalEmbedder, openaiEmbedder, type Embedder } from './embedder';
import type { Passage } from './passages';
import { collectionName, createQdrantIndex } from './qdrant-index';
import { createRetriever } from './retrieval';
import type { VectorIndex } from './vector-index';

const note = (id: string, text: string): Passage => ({ id: `run:${id}:step:s`, text, runId: id });

const A_PASSAGES: Passage[] = [
  note(
    'a-sponsor',
    'Note on step "Interview users" of VoC Sprint for Northwind: met the new executive sponsor, who wants a quarterly review.',
  ),
  note(
    'a-sla',
    'Note on step "Triage" of SLA Stabilizer for Contoso: every open P2 ticket has an owner; weekend cover added.',
  ),
  note(
    'a-adoption',
    'Note on step "Training" of Activation Blitz for Fabrikam: two admin trainings, single sign-on switched on.',
  ),
  {
    id: 'playbook:renewal-safeguard',
    text: 'Playbook Renewal Safeguard: protect a renewal at risk with a value review and a mutual plan.',
    runId: null,
  },
];
const B_PASSAGES: Passage[] = [
  note(
    'b-sponsor',
    'Note of another workspace: the executive sponsor of Globex cancelled every executive sponsor meeting.',
  ),
];
const QUESTION = 'Which runs involved the executive sponsor?';

type IndexKind = 'embedded' | 'qdrant';

describe.each(databaseKinds())('retrieval on %s PostgreSQL', (dbKind) => {
  let db: Database;
  let qdrant: FakeQdrant;
  let openai: FakeOpenAI;

  beforeAll(async () => {
    db = await openTestDatabase(dbKind);
    qdrant = await startFakeQdrant({ apiKey: 'qdrant-secret' });
    openai = await startFakeOpenAI();
  });
  afterAll(async () => {
    await Promise.all([db.close(), qdrant.close(), openai.close()]);
  });

  async function tenants(): Promise<[string, string]> {
    const ids: [string, string] = [randomUUID(), randomUUID()];
    for (const id of ids)
      await db.sql`insert into tenants (id, slug, name) values (${id}, ${`t-${id.slice(0, 8)}`}, 'T')`;
    return ids;
  }

  function indexFor(kind: IndexKind, embedder: Embedder): VectorIndex {
    return kind === 'embedded'
      ? createEmbeddedIndex(db.sql, embedder.id)
      : createQdrantIndex({ url: qdrant.url, apiKey: 'qdrant-secret', space: embedder.id });
  }

  describe.each<IndexKind>(['embedded', 'qdrant'])('with the %s index', (indexKind) => {
    it('finds the run whose note mentions the executive sponsor, and only in the asking tenant', async () => {
      const [a, b] = await tenants();
      const retriever = createRetriever({
        index: indexFor(indexKind, lexicalEmbedder),
        embedder: lexicalEmbedder,
        log: recordingLogger(),
      });
      await retriever.sync(b, B_PASSAGES);
      const hits = await retriever.retrieve(a, A_PASSAGES, QUESTION, { limit: 3 });
      expect(hits[0]?.passage.runId).toBe('a-sponsor');
      expect(hits.map((h) => h.passage.runId)).not.toContain('b-sponsor');
      // Unrelated notes fall below the relevance floor instead of padding the answer.
      expect(hits.map((h) => h.passage.runId)).not.toContain('a-adoption');
      const other = await retriever.retrieve(b, B_PASSAGES, QUESTION, { limit: 3 });
      expect(other.map((h) => h.passage.runId)).toEqual(['b-sponsor']);
    });

    it('embeds only new or edited passages, and forgets deleted ones', async () => {
      const [a] = await tenants();
      const index = indexFor(indexKind, lexicalEmbedder);
      const retriever = createRetriever({ index, embedder: lexicalEmbedder, log: recordingLogger() });
      expect(await retriever.sync(a, A_PASSAGES)).toEqual({ embedded: 4, removed: 0 });
      expect(await retriever.sync(a, A_PASSAGES)).toEqual({ embedded: 0, removed: 0 });

      const edited = [
        note('a-sponsor', 'Note: the executive sponsor left the company in May.'),
        ...A_PASSAGES.slice(1, 3),
      ];
      expect(await retriever.sync(a, edited)).toEqual({ embedded: 1, removed: 1 });
      expect([...(await index.manifest(a)).keys()].sort()).toEqual(edited.map((p) => p.id).sort());
      const hits = await retriever.retrieve(a, edited, 'sponsor left the company', { limit: 1 });
      expect(hits[0]?.passage.text).toContain('left the company');

      // Another process (or server instance) finds the index current without embedding anything.
      const restarted = createRetriever({
        index: indexFor(indexKind, lexicalEmbedder),
        embedder: lexicalEmbedder,
        log: recordingLogger(),
      });
      expect(await restarted.sync(a, edited)).toEqual({ embedded: 0, removed: 0 });
    });

    it('uses the configured embedding model when there is one', async () => {
      const [a] = await tenants();
      const client = new OpenAI({ apiKey: openai.apiKey, baseURL: openai.baseUrl, maxRetries: 0 });
      const embedder = openaiEmbedder(client, { model: 'text-embedding-3-small', timeoutMs: 5000 });
      const before = openai.requests.length;
      const retriever = createRetriever({
        index: indexFor(indexKind, embedder),
        embedder,
        log: recordingLogger(),
      });
      const hits = await retriever.retrieve(a, A_PASSAGES, 'executive sponsor quarterly review', {
        limit: 2,
      });
      expect(hits[0]?.passage.runId).toBe('a-sponsor');
      const calls = openai.requests.slice(before).filter((r) => r.path === '/v1/embeddings');
      expect(calls.map((r) => (r.body as { model: string }).model)).toEqual([
        'text-embedding-3-small',
        'text-embedding-3-small',
      ]);
    });
  });

  it('confines the embedded table to the tenant by row-level security, even without a WHERE', async () => {
    const [a, b] = await tenants();
    const retriever = createRetriever({
      index: indexFor('embedded', lexicalEmbedder),
      embedder: lexicalEmbedder,
      log: recordingLogger(),
    });
    await retriever.sync(a, A_PASSAGES);
    await retriever.sync(b, B_PASSAGES);
    const seen = await withScope(
      db.sql,
      { tenantId: a },
      (tx) => tx<{ tenant_id: string }[]>`select distinct tenant_id from assistant_passages`,
    );
    expect(seen.map((r) => r.tenant_id)).toEqual([a]);
  });

  describe('Qdrant specifics', () => {
    it('keeps one collection per vector space, tenant ids in an is_tenant index, and no passage text', async () => {
      const [a] = await tenants();
      const retriever = createRetriever({
        index: indexFor('qdrant', lexicalEmbedder),
        embedder: lexicalEmbedder,
        log: recordingLogger(),
      });
      await retriever.sync(a, A_PASSAGES);
      const collection = qdrant.collections.get(collectionName(lexicalEmbedder.id));
      expect(collection?.size).toBe(1024);
      expect(collection?.payloadIndexes.get('tenant_id')).toEqual({ type: 'keyword', is_tenant: true });
      const mine = [...(collection?.points.values() ?? [])].filter((p) => p.payload.tenant_id === a);
      expect(mine).toHaveLength(A_PASSAGES.length);
      // Ids and hashes only: the customer's notes never leave PostgreSQL.
      expect(mine.map((p) => Object.keys(p.payload).sort())).toEqual(
        mine.map(() => ['content_hash', 'passage_id', 'tenant_id']),
      );
      expect(JSON.stringify(mine)).not.toContain('quarterly review');
      expect(qdrant.requests.every((r) => r.headers['api-key'] === 'qdrant-secret')).toBe(true);
    });

    it('sends every search and scroll with the tenant filter', async () => {
      const [a] = await tenants();
      const before = qdrant.requests.length;
      const retriever = createRetriever({
        index: indexFor('qdrant', lexicalEmbedder),
        embedder: lexicalEmbedder,
        log: recordingLogger(),
      });
      await retriever.retrieve(a, A_PASSAGES, QUESTION, { limit: 3 });
      const reads = qdrant.requests
        .slice(before)
        .filter((r) => /\/points\/(query|scroll|search|delete)$/.test(r.path));
      expect(reads.length).toBeGreaterThan(0);
      for (const r of reads) expect(JSON.stringify((r.body as { filter: unknown }).filter)).toContain(a);
    });

    it('fails loudly when Qdrant is down, so the caller can say so', async () => {
      const [a] = await tenants();
      const retriever = createRetriever({
        index: indexFor('qdrant', lexicalEmbedder),
        embedder: lexicalEmbedder,
        log: recordingLogger(),
      });
      qdrant.failWith(503);
      try {
        await expect(retriever.retrieve(a, A_PASSAGES, QUESTION, { limit: 3 })).rejects.toThrow();
      } finally {
        qdrant.failWith(null);
      }
    });
  });
});

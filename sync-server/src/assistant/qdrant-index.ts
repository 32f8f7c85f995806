/**
 * The vector index in Qdrant (QDRANT_URL, optional QDRANT_API_KEY), through @qdrant/js-client-rest.
 *
 * One collection per deployment and vector space (`vitals_passages_<embedder id>`), every point carrying its
 * `tenant_id` in the payload, indexed as Qdrant's tenant key (`is_tenant`), and every read and write filtered
 * by it. This is the layout Qdrant recommends for many small tenants: one HNSW graph, co-located per tenant,
 * instead of thousands of tiny collections that each cost memory and a file handle. The isolation rests on
 * our filter (Qdrant has no row-level security), so every method here takes the tenant and builds the filter
 * itself; the tenant always comes from the route's verified membership.
 */
import { createHash } from 'node:crypto';
import { QdrantClient } from '@qdrant/js-client-rest';
import type { IndexHit, IndexedPoint, VectorIndex } from './vector-index';

const UPSERT_BATCH = 256;
const SCROLL_PAGE = 1000;
/** Qdrant answers in milliseconds; a chat question must not hang on it. */
const QDRANT_TIMEOUT_MS = 10_000;

export interface QdrantOptions {
  readonly url: string;
  readonly apiKey: string | null;
  /** The embedder's id: the collection is per vector space. */
  readonly space: string;
}

export function collectionName(space: string): string {
  return `vitals_passages_${space.toLowerCase().replace(/[^a-z0-9_-]+/g, '_')}`;
}

/**
 * Qdrant point ids are integers or UUIDs; ours are strings. A UUID from SHA-256 of tenant and passage id
 * (version 8, "custom") makes the same passage of the same tenant always the same point, so upserts replace.
 */
export function pointId(tenantId: string, passageId: string): string {
  const hex = createHash('sha256').update(`${tenantId}\n${passageId}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const tenantFilter = (tenantId: string) => ({ must: [{ key: 'tenant_id', match: { value: tenantId } }] });

export function createQdrantIndex(options: QdrantOptions): VectorIndex {
  const collection = collectionName(options.space);
  const client = new QdrantClient({
    url: options.url,
    // As a header rather than `apiKey`, which would also print a console warning for plain http (services.ts
    // logs that once, through the one logger); the wire format is the same.
    ...(options.apiKey === null ? {} : { headers: { 'api-key': options.apiKey } }),
    timeout: QDRANT_TIMEOUT_MS,
    // The check only prints to the console; a real incompatibility shows as failed calls, which we log.
    checkCompatibility: false,
  });
  const collections = collectionState(client, collection);

  return {
    description: `qdrant ${collection}`,

    async manifest(tenantId) {
      const manifest = new Map<string, string>();
      if (!(await collections.exists())) return manifest;
      let offset: string | number | null | undefined = undefined;
      do {
        const page: Awaited<ReturnType<typeof client.scroll>> = await client.scroll(collection, {
          filter: tenantFilter(tenantId),
          with_payload: ['passage_id', 'content_hash'],
          with_vector: false,
          limit: SCROLL_PAGE,
          ...(offset === undefined ? {} : { offset }),
        });
        for (const point of page.points) {
          const { passage_id, content_hash } = point.payload ?? {};
          if (typeof passage_id === 'string' && typeof content_hash === 'string')
            manifest.set(passage_id, content_hash);
        }
        offset = page.next_page_offset as string | number | null | undefined;
      } while (offset !== null && offset !== undefined);
      return manifest;
    },

    async upsert(tenantId, points) {
      if (points.length === 0) return;
      await collections.ensure(points[0]!.vector.length);
      for (let start = 0; start < points.length; start += UPSERT_BATCH) {
        await client.upsert(collection, {
          wait: true,
          points: points.slice(start, start + UPSERT_BATCH).map((p) => toPoint(tenantId, p)),
        });
      }
    },

    async remove(tenantId, passageIds) {
      if (passageIds.length === 0 || !(await collections.exists())) return;
      // By point id *and* tenant filter: a point id can only be one of this tenant's anyway, but the filter
      // makes that a property of the request rather than of the hash.
      await client.delete(collection, {
        wait: true,
        filter: {
          must: [...tenantFilter(tenantId).must, { has_id: passageIds.map((id) => pointId(tenantId, id)) }],
        },
      });
    },

    async search(tenantId, vector, limit) {
      if (!(await collections.exists())) return [];
      const result = await client.query(collection, {
        query: [...vector],
        filter: tenantFilter(tenantId),
        limit,
        with_payload: ['passage_id'],
      });
      return result.points.flatMap((point): IndexHit[] => {
        const passageId = point.payload?.passage_id;
        return typeof passageId === 'string' ? [{ passageId, score: point.score }] : [];
      });
    },
  };
}

function toPoint(tenantId: string, point: IndexedPoint) {
  return {
    id: pointId(tenantId, point.passageId),
    vector: [...point.vector],
    payload: { tenant_id: tenantId, passage_id: point.passageId, content_hash: point.contentHash },
  };
}

/** Whether the collection exists, remembered once it does; created (with its tenant index) on first write. */
function collectionState(client: QdrantClient, collection: string) {
  let known = false;
  let creating: Promise<void> | null = null;
  const exists = async (): Promise<boolean> => {
    if (!known) known = (await client.collectionExists(collection)).exists;
    return known;
  };
  const create = async (dimensions: number): Promise<void> => {
    if (await exists()) return;
    try {
      await client.createCollection(collection, { vectors: { size: dimensions, distance: 'Cosine' } });
    } catch (error) {
      // Another server instance may have created it a moment ago: fine if it now exists.
      known = false;
      if (!(await exists())) throw error;
      return;
    }
    await client.createPayloadIndex(collection, {
      field_name: 'tenant_id',
      field_schema: { type: 'keyword', is_tenant: true },
      wait: true,
    });
    known = true;
  };
  return {
    exists,
    ensure(dimensions: number): Promise<void> {
      creating ??= create(dimensions).catch((error: unknown) => {
        creating = null;
        throw error;
      });
      return creating;
    },
  };
}

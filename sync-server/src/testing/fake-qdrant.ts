/**
 * A fake Qdrant speaking the REST API that @qdrant/js-client-rest uses: collections (exists, get, create),
 * payload indexes, points (upsert, delete, scroll, count, search, query) with payload filters, cosine
 * similarity, and the `api-key` header. Enough of Qdrant's semantics to catch a client that forgets its
 * tenant filter: filters are applied exactly as written, nothing more.
 */
import type { ServerResponse } from 'node:http';
import { sendJson, startFakeServer, type FakeServer, type RecordedRequest } from './http-fake';

type Payload = Record<string, unknown>;
type PointId = string | number;

export interface FakePoint {
  readonly id: PointId;
  /** Normalised on upsert, as Qdrant does for cosine collections. */
  readonly vector: number[];
  readonly payload: Payload;
}

interface Collection {
  readonly size: number;
  readonly points: Map<string, FakePoint>;
  readonly payloadIndexes: Map<string, unknown>;
}

interface Condition {
  key?: string;
  match?: { value?: unknown; any?: unknown[] };
  has_id?: PointId[];
}
interface Filter {
  must?: Condition[];
  should?: Condition[];
  must_not?: Condition[];
}

export interface FakeQdrant extends FakeServer {
  readonly requests: RecordedRequest[];
  readonly collections: ReadonlyMap<string, Collection>;
  /** Makes every later request answer this status (e.g. 503), or stops doing so with `null`. */
  failWith(status: number | null): void;
}

const ok = (result: unknown) => ({ result, status: 'ok', time: 0.0001 });
const failure = (message: string) => ({ status: { error: message }, time: 0.0001 });

function normalise(vector: number[]): number[] {
  const norm = Math.hypot(...vector);
  return norm === 0 ? vector : vector.map((x) => x / norm);
}

function matches(point: FakePoint, condition: Condition): boolean {
  if (condition.has_id) return condition.has_id.map(String).includes(String(point.id));
  const value = condition.key === undefined ? undefined : point.payload[condition.key];
  if (condition.match && 'value' in condition.match) return value === condition.match.value;
  if (condition.match?.any) return condition.match.any.includes(value);
  throw new Error(`Fake Qdrant does not support the condition ${JSON.stringify(condition)}`);
}

function passes(point: FakePoint, filter: Filter | undefined): boolean {
  if (!filter) return true;
  return (
    (filter.must ?? []).every((c) => matches(point, c)) &&
    (filter.must_not ?? []).every((c) => !matches(point, c)) &&
    (filter.should === undefined ||
      filter.should.length === 0 ||
      filter.should.some((c) => matches(point, c)))
  );
}

function pickPayload(payload: Payload, selector: unknown): Payload | undefined {
  if (selector === false || selector === undefined) return undefined;
  if (Array.isArray(selector))
    return Object.fromEntries(Object.entries(payload).filter(([k]) => selector.includes(k)));
  return payload;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function startFakeQdrant(options: { apiKey?: string } = {}): Promise<FakeQdrant> {
  const requests: RecordedRequest[] = [];
  const collections = new Map<string, Collection>();
  let failing: number | null = null;

  function route(request: RecordedRequest, res: ServerResponse): void {
    if (options.apiKey !== undefined && request.headers['api-key'] !== options.apiKey) {
      return sendJson(res, 401, failure('Unauthorized: invalid api-key'));
    }
    if (failing !== null)
      return sendJson(res, failing, failure('Service unavailable (scripted by the test)'));
    const { method, path } = request;
    if (method === 'GET' && path === '/')
      return sendJson(res, 200, { title: 'qdrant - vector search engine', version: '1.15.0' });
    const found = /^\/collections\/([^/]+)(\/.*)?$/.exec(path);
    if (!found) return sendJson(res, 404, failure(`Not found: ${path}`));
    const name = decodeURIComponent(found[1]!);
    const rest = found[2] ?? '';
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (method === 'GET' && rest === '/exists')
      return sendJson(res, 200, ok({ exists: collections.has(name) }));
    if (method === 'PUT' && rest === '') return createCollection(res, name, body);
    const collection = collections.get(name);
    if (!collection) return sendJson(res, 404, failure(`Not found: Collection \`${name}\` doesn't exist!`));
    if (method === 'GET' && rest === '') {
      return sendJson(
        res,
        200,
        ok({
          status: 'green',
          points_count: collection.points.size,
          config: { params: { vectors: { size: collection.size, distance: 'Cosine' } } },
        }),
      );
    }
    if (method === 'PUT' && rest === '/index') {
      collection.payloadIndexes.set(String(body.field_name), body.field_schema);
      return sendJson(res, 200, ok({ operation_id: 1, status: 'completed' }));
    }
    if (method === 'PUT' && rest === '/points') return upsert(res, collection, body);
    if (method === 'POST' && rest === '/points/delete') return remove(res, collection, body);
    if (method === 'POST' && rest === '/points/scroll') return scroll(res, collection, body);
    if (method === 'POST' && rest === '/points/count') {
      const count = [...collection.points.values()].filter((p) =>
        passes(p, body.filter as Filter | undefined),
      ).length;
      return sendJson(res, 200, ok({ count }));
    }
    if (method === 'POST' && rest === '/points/query') {
      return sendJson(res, 200, ok({ points: nearest(collection, body.query as number[], body) }));
    }
    if (method === 'POST' && rest === '/points/search')
      return sendJson(res, 200, ok(nearest(collection, body.vector as number[], body)));
    return sendJson(res, 404, failure(`Fake Qdrant has no ${method} ${path}`));
  }

  function createCollection(res: ServerResponse, name: string, body: Record<string, unknown>): void {
    if (collections.has(name))
      return sendJson(res, 409, failure(`Wrong input: Collection \`${name}\` already exists!`));
    const vectors = body.vectors as { size?: number; distance?: string } | undefined;
    if (!vectors || typeof vectors.size !== 'number' || vectors.distance !== 'Cosine') {
      return sendJson(res, 400, failure('Fake Qdrant expects vectors: { size, distance: "Cosine" }'));
    }
    collections.set(name, { size: vectors.size, points: new Map(), payloadIndexes: new Map() });
    sendJson(res, 200, ok(true));
  }

  function upsert(res: ServerResponse, collection: Collection, body: Record<string, unknown>): void {
    const points = body.points as { id: PointId; vector: number[]; payload?: Payload }[];
    for (const p of points) {
      if (typeof p.id === 'string' && !UUID.test(p.id))
        return sendJson(res, 400, failure(`Format error: invalid point id ${p.id}`));
      if (p.vector.length !== collection.size) {
        return sendJson(
          res,
          400,
          failure(
            `Wrong input: Vector dimension error: expected dim: ${collection.size}, got ${p.vector.length}`,
          ),
        );
      }
    }
    for (const p of points)
      collection.points.set(String(p.id), {
        id: p.id,
        vector: normalise(p.vector),
        payload: p.payload ?? {},
      });
    sendJson(res, 200, ok({ operation_id: 2, status: 'completed' }));
  }

  function remove(res: ServerResponse, collection: Collection, body: Record<string, unknown>): void {
    const ids = body.points as PointId[] | undefined;
    const filter = body.filter as Filter | undefined;
    for (const [key, point] of collection.points) {
      if ((ids && ids.map(String).includes(key)) || (filter && passes(point, filter)))
        collection.points.delete(key);
    }
    sendJson(res, 200, ok({ operation_id: 3, status: 'completed' }));
  }

  function scroll(res: ServerResponse, collection: Collection, body: Record<string, unknown>): void {
    const limit = typeof body.limit === 'number' ? body.limit : 10;
    const sorted = [...collection.points.values()]
      .filter((p) => passes(p, body.filter as Filter | undefined))
      .sort((a, b) => (String(a.id) < String(b.id) ? -1 : 1));
    const start =
      body.offset === undefined || body.offset === null
        ? 0
        : sorted.findIndex((p) => String(p.id) >= String(body.offset));
    const page = start < 0 ? [] : sorted.slice(start, start + limit);
    const next = start < 0 ? undefined : sorted[start + limit];
    sendJson(
      res,
      200,
      ok({
        points: page.map((p) => ({ id: p.id, payload: pickPayload(p.payload, body.with_payload ?? true) })),
        next_page_offset: next ? next.id : null,
      }),
    );
  }

  function nearest(collection: Collection, vector: number[], body: Record<string, unknown>) {
    if (!Array.isArray(vector) || vector.length !== collection.size)
      throw new Error('Fake Qdrant: query vector of the wrong size');
    const query = normalise(vector);
    const limit = typeof body.limit === 'number' ? body.limit : 10;
    return [...collection.points.values()]
      .filter((p) => passes(p, body.filter as Filter | undefined))
      .map((p) => ({
        id: p.id,
        version: 1,
        score: p.vector.reduce((sum, x, i) => sum + x * query[i]!, 0),
        payload: pickPayload(p.payload, body.with_payload),
      }))
      .sort((a, b) => b.score - a.score)
      .slice(0, limit);
  }

  const server = await startFakeServer((request, res) => route(request, res), requests);
  return { ...server, requests, collections, failWith: (status) => void (failing = status) };
}

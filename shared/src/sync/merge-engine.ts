/**
 * The generic part of document merging: decompose both copies into registers (sync/registers.ts), merge them,
 * apply the tombstone rule, and compose a document again. `merge.ts` describes each collection's shape.
 */
import { HISTORY_PER_KEY } from '../schemas/history';
import type { Hlc } from './hlc';
import { mergeRegisters, type Register, type Replaced, type Stamp } from './registers';

export type Merge<TDoc> = (a: TDoc, b: TDoc) => TDoc;

export type Json = Record<string, unknown>;

export interface ListShape {
  readonly field: string;
  readonly idKey: string;
  readonly compare: (a: Json, b: Json) => number;
  /** A merged list can hold both copies' items; beyond the schema's maximum, keep the first or last ones. */
  readonly limit: number;
  readonly keep: 'first' | 'last';
}

export interface HistoryCodec {
  readonly decode: (entry: Json) => Register;
  readonly encode: (entry: Replaced) => Json;
}

export interface Shape {
  /** Arrays whose items carry their own `hlc`, merged item by item (keyed `${field}.${item[idKey]}`). */
  readonly lists?: readonly ListShape[];
  /** Objects whose values carry their own `hlc`, merged entry by entry (keyed `${field}.${key}`). */
  readonly maps?: readonly string[];
  readonly clocks: boolean;
  readonly history?: HistoryCodec;
}

/** Top-level fields that are not registers: identity, bookkeeping, and the merge's own state. */
const NOT_REGISTERS = new Set(['id', '_deleted', 'clocks', 'history', 'seq']);

function registersOf(doc: Json, shape: Shape): Register[] {
  const clocks = (doc.clocks ?? {}) as Readonly<Record<string, Hlc | undefined>>;
  const containers = new Set([...(shape.lists ?? []).map((list) => list.field), ...(shape.maps ?? [])]);
  const registers: Register[] = [];
  for (const [key, value] of Object.entries(doc)) {
    if (NOT_REGISTERS.has(key) || containers.has(key)) continue;
    registers.push({ key, value, hlc: clocks[key] ?? '' });
  }
  for (const list of shape.lists ?? []) {
    for (const item of (doc[list.field] ?? []) as Json[]) {
      const { hlc, ...value } = item;
      registers.push({ key: `${list.field}.${String(item[list.idKey])}`, value, hlc: (hlc ?? '') as Stamp });
    }
  }
  for (const map of shape.maps ?? []) {
    for (const [entryKey, cell] of Object.entries((doc[map] ?? {}) as Record<string, Json>)) {
      const { hlc, ...value } = cell;
      registers.push({ key: `${map}.${entryKey}`, value, hlc: (hlc ?? '') as Stamp });
    }
  }
  const history = shape.history;
  if (history) for (const entry of (doc.history ?? []) as Json[]) registers.push(history.decode(entry));
  return registers;
}

/** When this copy was deleted (`null`: never), by the rule in the header comment. */
function deleteStamp(doc: Json, registers: readonly Register[]): Stamp | null {
  const stamp = (doc.clocks as Record<string, Hlc | undefined> | undefined)?._deleted ?? null;
  if (doc._deleted !== true) return stamp;
  const latest = registers.reduce<Stamp>((max, r) => (r.hlc > max ? r.hlc : max), '');
  return stamp !== null && stamp > latest ? stamp : latest;
}

function laterStamp(a: Stamp | null, b: Stamp | null): Stamp | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}

function compose(
  id: unknown,
  shape: Shape,
  merged: ReturnType<typeof mergeRegisters>,
  deletedAt: Stamp | null,
  seq: number | undefined,
): Json {
  const fields: [string, unknown][] = [['id', id]];
  const clocks: [string, Hlc][] = [];
  const lists = new Map((shape.lists ?? []).map((list) => [list.field, [] as Json[]]));
  const maps = new Map((shape.maps ?? []).map((map) => [map, [] as [string, Json][]]));
  for (const { key, value, hlc } of merged.winners) {
    const dot = key.indexOf('.');
    if (dot === -1) {
      if (value !== undefined) fields.push([key, value]);
      if (hlc !== '') clocks.push([key, hlc]);
      continue;
    }
    const container = key.slice(0, dot);
    lists.get(container)?.push({ ...(value as Json), hlc });
    maps.get(container)?.push([key.slice(dot + 1), { ...(value as Json), hlc }]);
  }
  for (const list of shape.lists ?? []) {
    const items = (lists.get(list.field) ?? []).sort(list.compare);
    const kept =
      list.keep === 'first'
        ? items.slice(0, list.limit)
        : items.slice(Math.max(0, items.length - list.limit));
    fields.push([list.field, kept]);
  }
  // fromEntries defines own properties: a hostile key can never reach a prototype.
  for (const [map, entries] of maps)
    fields.push([map, Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : 1)))]);
  if (shape.clocks) {
    if (deletedAt) clocks.push(['_deleted', deletedAt]);
    fields.push(['clocks', Object.fromEntries(clocks.sort(([a], [b]) => (a < b ? -1 : 1)))]);
  }
  if (shape.history) fields.push(['history', merged.history.map(shape.history.encode)]);
  if (seq !== undefined) fields.push(['seq', seq]);
  fields.push(['_deleted', deletedAt !== null && deletedAt >= merged.latest]);
  return Object.fromEntries(fields);
}

export function makeMerge<TDoc extends { readonly id: string; readonly _deleted: boolean }>(
  shape: Shape,
): Merge<TDoc> {
  return (a, b) => {
    if (a.id !== b.id) throw new RangeError(`Cannot merge two different documents (${a.id}, ${b.id})`);
    const docA = a as unknown as Json;
    const docB = b as unknown as Json;
    const registersA = registersOf(docA, shape);
    const registersB = registersOf(docB, shape);
    const merged = mergeRegisters([...registersA, ...registersB], shape.history ? HISTORY_PER_KEY : 0);
    const deletedAt = laterStamp(deleteStamp(docA, registersA), deleteStamp(docB, registersB));
    const seqs = [docA.seq, docB.seq].filter((seq): seq is number => typeof seq === 'number');
    const seq = seqs.length ? Math.max(...seqs) : undefined;
    return compose(a.id, shape, merged, deletedAt, seq) as unknown as TDoc;
  };
}

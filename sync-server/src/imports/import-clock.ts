/**
 * The one hybrid-clock reading a server-side import stamps on every value it writes (shared/src/import:
 * "one clock reading stamps every write of the import"). It must sort after every stamp on the documents it
 * replaces, or the merge would keep the stored value and the import would silently not apply; and it should
 * be the wall clock where that is later, so any later edit on a device wins over the import.
 */
import { isHlc, parseHlc, tick, type Hlc } from '@vitals/shared';

/** The node id of imports written by the server; no device is called that, so history shows where a value came from. */
export const IMPORT_NODE_ID = 'server-import';

/** Every stamp a document carries: field clocks, KPI cells, and both ends of its history entries. */
function stampsOf(doc: object): unknown[] {
  const d = doc as {
    clocks?: Record<string, unknown>;
    values?: Record<string, { hlc?: unknown } | null | undefined>;
    history?: readonly { hlc?: unknown; replacedBy?: unknown }[];
  };
  const stamps: unknown[] = Object.values(d.clocks ?? {});
  for (const cell of Object.values(d.values ?? {})) stamps.push(cell?.hlc);
  for (const entry of d.history ?? []) stamps.push(entry.hlc, entry.replacedBy);
  return stamps;
}

/**
 * A stamp later than every stamp on `documents`, and at least the wall clock `now`. Other server-side
 * writers (the alert engine) pass their own node id, so a value's history says who wrote it.
 */
export function importStamp(documents: Iterable<object>, now: Date, nodeId: string = IMPORT_NODE_ID): Hlc {
  let latest: Hlc | null = null;
  for (const doc of documents) {
    for (const stamp of stampsOf(doc)) if (isHlc(stamp) && (latest === null || stamp > latest)) latest = stamp;
  }
  const seen = latest === null ? null : parseHlc(latest)!;
  const state = seen === null ? { nodeId, wallMs: 0, counter: 0 } : { nodeId, wallMs: seen.wallMs, counter: seen.counter };
  // Same wall time and counter as the latest stamp would tie and fall back to node ids: tick past it.
  return tick(state, now.getTime()).hlc;
}

/**
 * Conflict reconciliation, shared by the device's RxDB conflict handler and the server's push handler: a pure
 * function of the two copies, with no "local" or "remote" side, so every device reaches the same document.
 *
 * - Fields with a clock (`clocks[field]`), KPI values and playbook steps / chat messages (each with its own
 *   `hlc`) are separate registers: concurrent edits of different ones both survive.
 * - The same register edited twice: the later hybrid-clock time wins (the node id breaks exact ties); the
 *   other value goes to `history` with the time that replaced it, HISTORY_PER_KEY per register.
 * - Deletes are tombstones stamped `clocks._deleted`. A tombstone wins when it is at least as new as every value
 *   in the document; an edit made after the delete (typically offline, not knowing about it) brings the
 *   document back with everything in it, because an offline write is never lost. A tombstone without a stamp
 *   (RxDB's `remove()`) counts as made at the document's newest value. Documents without clocks (members,
 *   versions: one writer) stay deleted once either copy is.
 * - Fields without a clock (ids, creation times) are never edited; if copies disagree, the larger canonical
 *   JSON wins so the choice is still deterministic. `seq` is the server's: the larger wins.
 */
import type * as v from 'valibot';
import type { KpiId } from '../kpi/catalog';
import type { AccountDoc } from '../schemas/accounts';
import type { AlertDoc } from '../schemas/alerts';
import type { Collections } from '../schemas/collections';
import { CONVERSATION_MESSAGES_MAX, type ConversationDoc } from '../schemas/conversations';
import type { FieldHistoryEntry, KpiHistoryEntry } from '../schemas/history';
import type { KpiCell } from '../schemas/kpi-values';
import type { MeasurementDoc } from '../schemas/measurements';
import type { MemberDoc } from '../schemas/members';
import { RUN_STEPS_MAX, type PlaybookRunDoc } from '../schemas/playbook-runs';
import type { SettingsDoc } from '../schemas/settings';
import type { VersionDoc } from '../schemas/versions';
import { canonicalJson } from './canonical';
import type { Hlc } from './hlc';
import { makeMerge, type HistoryCodec, type Json, type Merge } from './merge-engine';
import type { CollectionName } from './protocol';

export type { Merge } from './merge-engine';
export type DocOf<TName extends CollectionName> = v.InferOutput<Collections[TName]['schema']>;

const fieldHistory: HistoryCodec = {
  decode: (entry) => ({ key: String(entry.field), value: entry.value, hlc: entry.hlc as Hlc }),
  encode: ({ key, value, hlc, replacedBy }) => {
    const entry: FieldHistoryEntry = {
      field: key,
      value: value as FieldHistoryEntry['value'],
      hlc,
      replacedBy,
    };
    return entry as unknown as Json;
  },
};

const VALUES_PREFIX = 'values.';

const kpiHistory: HistoryCodec = {
  decode: (entry) => {
    const { kpi, hlc, replacedBy: _replacedBy, ...cell } = entry;
    return { key: `${VALUES_PREFIX}${String(kpi)}`, value: cell, hlc: hlc as Hlc };
  },
  encode: ({ key, value, hlc, replacedBy }) => {
    const cell = value as Omit<KpiCell, 'hlc'>;
    const entry: KpiHistoryEntry = {
      kpi: key.slice(VALUES_PREFIX.length) as KpiId,
      value: cell.value,
      source: cell.source,
      ...(cell.by === undefined ? {} : { by: cell.by }),
      hlc,
      replacedBy,
    };
    return entry as unknown as Json;
  },
};

function compareBy(...keys: string[]): (a: Json, b: Json) => number {
  return (a, b) => {
    for (const key of keys) {
      const x = a[key] as string | number;
      const y = b[key] as string | number;
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };
}

export const mergeAccounts: Merge<AccountDoc> = makeMerge({ clocks: true, history: fieldHistory });
export const mergeMeasurements: Merge<MeasurementDoc> = makeMerge({
  clocks: true,
  maps: ['values'],
  history: kpiHistory,
});
export const mergeVersions: Merge<VersionDoc> = makeMerge({ clocks: false });
export const mergePlaybookRuns: Merge<PlaybookRunDoc> = makeMerge({
  clocks: true,
  lists: [
    {
      field: 'steps',
      idKey: 'stepId',
      compare: compareBy('position', 'stepId'),
      limit: RUN_STEPS_MAX,
      keep: 'first',
    },
  ],
  history: fieldHistory,
});
export const mergeConversations: Merge<ConversationDoc> = makeMerge({
  clocks: true,
  lists: [
    {
      field: 'messages',
      idKey: 'id',
      compare: compareBy('createdAt', 'id'),
      limit: CONVERSATION_MESSAGES_MAX,
      keep: 'last',
    },
  ],
});
export const mergeAlerts: Merge<AlertDoc> = makeMerge({ clocks: true });
export const mergeSettings: Merge<SettingsDoc> = makeMerge({ clocks: true, history: fieldHistory });
export const mergeMembers: Merge<MemberDoc> = makeMerge({ clocks: false });

export const MERGERS: { readonly [TName in CollectionName]: Merge<DocOf<TName>> } = {
  accounts: mergeAccounts,
  measurements: mergeMeasurements,
  versions: mergeVersions,
  playbook_runs: mergePlaybookRuns,
  conversations: mergeConversations,
  alerts: mergeAlerts,
  settings: mergeSettings,
  members: mergeMembers,
};

/** The same document state, ignoring key order and the server's `seq` (RxDB's conflict handler `isEqual`). */
export function isSameState(a: object, b: object): boolean {
  const { seq: _a, ...restA } = a as Json;
  const { seq: _b, ...restB } = b as Json;
  return canonicalJson(restA) === canonicalJson(restB);
}

type Clocked = {
  readonly clocks: Readonly<Record<string, Hlc | undefined>>;
  readonly _deleted: boolean;
  readonly id: string;
};

/**
 * A local edit of clocked fields, stamped `hlc`: the replaced values go to history exactly as if the edit
 * had arrived from another device. `patch` may only name fields that have a clock.
 */
export function editFields<TDoc extends Clocked>(
  merge: Merge<TDoc>,
  doc: TDoc,
  patch: Partial<TDoc>,
  hlc: Hlc,
): TDoc {
  const clocks: Record<string, Hlc | undefined> = { ...doc.clocks };
  for (const key of Object.keys(patch)) clocks[key] = hlc;
  return merge(doc, { ...doc, ...patch, clocks });
}

/** A local edit of one KPI value (`value: null` clears it); the replaced value goes to history. */
export function setKpiCell(doc: MeasurementDoc, kpi: KpiId, cell: KpiCell): MeasurementDoc {
  return mergeMeasurements(doc, { ...doc, values: { ...doc.values, [kpi]: cell } });
}

/** Deletes with a stamped tombstone, so a concurrent older edit cannot bring the document back. */
export function markDeleted<TDoc extends Clocked>(doc: TDoc, hlc: Hlc): TDoc {
  return { ...doc, _deleted: true, clocks: { ...doc.clocks, _deleted: hlc } };
}

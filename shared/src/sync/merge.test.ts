import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AccountDoc } from '../schemas/accounts';
import { COLLECTIONS } from '../schemas/collections';
import type { ConversationDoc } from '../schemas/conversations';
import { FIXTURES } from '../schemas/fixtures';
import { HISTORY_PER_KEY } from '../schemas/history';
import type { KpiCell } from '../schemas/kpi-values';
import type { MeasurementDoc } from '../schemas/measurements';
import type { MemberDoc } from '../schemas/members';
import type { PlaybookRunDoc } from '../schemas/playbook-runs';
import { formatHlc, type Hlc } from './hlc';
import {
  MERGERS,
  editFields,
  type DocOf,
  isSameState,
  markDeleted,
  mergeAccounts,
  mergeAlerts,
  mergeConversations,
  mergeMeasurements,
  mergeMembers,
  mergePlaybookRuns,
  setKpiCell,
} from './merge';
import type { CollectionName } from './protocol';

const T0 = 1_740_787_200_000;
/** A hybrid-clock time `minute` minutes after T0 on node `node`. */
const h = (minute: number, node = 'a'): Hlc =>
  formatHlc({ wallMs: T0 + minute * 60_000, counter: 0, nodeId: node });

function valid<TName extends CollectionName>(name: TName, doc: unknown): DocOf<TName> {
  const result = COLLECTIONS[name].validate(doc);
  if (!result.ok) throw new Error(`${name} fixture invalid: ${JSON.stringify(result.issues)}`);
  return result.value as DocOf<TName>;
}

const ACCOUNT: AccountDoc = valid('accounts', {
  ...FIXTURES.accounts,
  name: 'Northwind',
  segment: 'Enterprise',
  ownerId: 'u1',
  renewalDate: null,
  clocks: { name: h(1), segment: h(1), ownerId: h(1), renewalDate: h(1) },
  history: [],
});

const account = (patch: Partial<AccountDoc>): AccountDoc => ({ ...ACCOUNT, ...patch });

describe('mergeAccounts', () => {
  it.each<[string, AccountDoc, AccountDoc, Partial<AccountDoc>]>([
    [
      'concurrent edits of different fields both survive',
      account({ name: 'Northwind Ltd', clocks: { ...ACCOUNT.clocks, name: h(2, 'a') } }),
      account({ ownerId: 'u2', clocks: { ...ACCOUNT.clocks, ownerId: h(3, 'b') } }),
      {
        name: 'Northwind Ltd',
        ownerId: 'u2',
        clocks: { name: h(2, 'a'), segment: h(1), ownerId: h(3, 'b'), renewalDate: h(1) },
        history: [
          { field: 'name', value: 'Northwind', hlc: h(1), replacedBy: h(2, 'a') },
          { field: 'ownerId', value: 'u1', hlc: h(1), replacedBy: h(3, 'b') },
        ],
      },
    ],
    [
      'the same field: the later edit wins and the earlier one is kept in history',
      account({ name: 'Early', clocks: { ...ACCOUNT.clocks, name: h(5, 'b') } }),
      account({ name: 'Late', clocks: { ...ACCOUNT.clocks, name: h(6, 'a') } }),
      {
        name: 'Late',
        history: [{ field: 'name', value: 'Early', hlc: h(5, 'b'), replacedBy: h(6, 'a') }],
      },
    ],
    [
      'the same field at the same wall time: the node id breaks the tie',
      account({ segment: 'SMB', clocks: { ...ACCOUNT.clocks, segment: h(4, 'devB') } }),
      account({ segment: 'Mid-Market', clocks: { ...ACCOUNT.clocks, segment: h(4, 'devA') } }),
      {
        segment: 'SMB',
        history: [{ field: 'segment', value: 'Mid-Market', hlc: h(4, 'devA'), replacedBy: h(4, 'devB') }],
      },
    ],
    [
      'two values with one timestamp (a replayed clock): the larger JSON wins, nothing is "replaced"',
      account({ name: 'Alpha', clocks: { ...ACCOUNT.clocks, name: h(4) } }),
      account({ name: 'Beta', clocks: { ...ACCOUNT.clocks, name: h(4) } }),
      { name: 'Beta', history: [] },
    ],
    [
      'a tombstone newer than every edit wins, and keeps the concurrent edit in its data',
      markDeleted(ACCOUNT, h(9, 'a')),
      account({ ownerId: 'u2', clocks: { ...ACCOUNT.clocks, ownerId: h(8, 'b') } }),
      {
        _deleted: true,
        ownerId: 'u2',
        clocks: { ...ACCOUNT.clocks, ownerId: h(8, 'b'), _deleted: h(9, 'a') },
      },
    ],
    [
      'an edit made after the delete brings the document back (an offline write is never lost)',
      markDeleted(ACCOUNT, h(9, 'a')),
      account({ ownerId: 'u2', clocks: { ...ACCOUNT.clocks, ownerId: h(10, 'b') } }),
      {
        _deleted: false,
        ownerId: 'u2',
        clocks: { ...ACCOUNT.clocks, ownerId: h(10, 'b'), _deleted: h(9, 'a') },
      },
    ],
    [
      'an unstamped tombstone (RxDB remove) counts as made at its newest value: a later edit wins',
      account({ _deleted: true }),
      account({ name: 'Renamed', clocks: { ...ACCOUNT.clocks, name: h(2, 'b') } }),
      { _deleted: false, name: 'Renamed', clocks: { ...ACCOUNT.clocks, name: h(2, 'b'), _deleted: h(1) } },
    ],
    [
      'an unstamped tombstone of the same state stays deleted, now stamped',
      account({ _deleted: true }),
      ACCOUNT,
      { _deleted: true, clocks: { ...ACCOUNT.clocks, _deleted: h(1) } },
    ],
    ['the server sequence: the larger is kept', account({ seq: 4 }), account({ seq: 9 }), { seq: 9 }],
  ])('%s', (_label, a, b, expected) => {
    const merged = mergeAccounts(a, b);
    expect(merged).toMatchObject(expected);
    expect(mergeAccounts(b, a)).toEqual(merged);
    expect(COLLECTIONS.accounts.validate(merged)).toMatchObject({ ok: true });
  });

  it('keeps the full chain of replaced values, newest HISTORY_PER_KEY per field', () => {
    let doc = ACCOUNT;
    for (let minute = 2; minute <= 7; minute++)
      doc = editFields(mergeAccounts, doc, { name: `Name ${minute}` }, h(minute));
    doc = editFields(mergeAccounts, doc, { ownerId: 'u9' }, h(8));
    expect(HISTORY_PER_KEY).toBe(3);
    expect(doc.name).toBe('Name 7');
    expect(doc.history).toEqual([
      { field: 'ownerId', value: 'u1', hlc: h(1), replacedBy: h(8) },
      { field: 'name', value: 'Name 4', hlc: h(4), replacedBy: h(5) },
      { field: 'name', value: 'Name 5', hlc: h(5), replacedBy: h(6) },
      { field: 'name', value: 'Name 6', hlc: h(6), replacedBy: h(7) },
    ]);
  });

  it('refuses to merge two different documents', () => {
    expect(() => mergeAccounts(ACCOUNT, account({ id: 'acc-2' }))).toThrow(/different documents/);
  });

  it('changes nothing when both copies are the same', () => {
    expect(mergeAccounts(ACCOUNT, ACCOUNT)).toEqual(ACCOUNT);
  });
});

const MEASUREMENT: MeasurementDoc = valid('measurements', {
  ...FIXTURES.measurements,
  values: {
    nps: { value: 10, source: { kind: 'upload', versionId: 'v1' }, hlc: h(1) },
    csat: { value: 80, source: { kind: 'upload', versionId: 'v1' }, hlc: h(1) },
  },
  history: [],
});
const manual = (value: number | null, at: Hlc, user: string): KpiCell => ({
  value,
  source: { kind: 'manual', userId: user },
  hlc: at,
  by: user,
});

describe('mergeMeasurements', () => {
  it.each<[string, MeasurementDoc, MeasurementDoc, Partial<MeasurementDoc>]>([
    [
      'edits of different KPIs of one month both survive',
      setKpiCell(MEASUREMENT, 'nps', manual(25, h(2, 'a'), 'ana')),
      setKpiCell(MEASUREMENT, 'csat', manual(90, h(3, 'b'), 'ben')),
      {
        values: {
          nps: manual(25, h(2, 'a'), 'ana'),
          csat: manual(90, h(3, 'b'), 'ben'),
        },
      },
    ],
    [
      'the same KPI: the later value wins, the other is shown in history with who and where from',
      setKpiCell(MEASUREMENT, 'nps', manual(25, h(2, 'a'), 'ana')),
      setKpiCell(MEASUREMENT, 'nps', manual(30, h(3, 'b'), 'ben')),
      {
        values: { nps: manual(30, h(3, 'b'), 'ben'), csat: MEASUREMENT.values.csat },
        history: [
          {
            kpi: 'nps',
            value: 10,
            source: { kind: 'upload', versionId: 'v1' },
            hlc: h(1),
            replacedBy: h(2, 'a'),
          },
          {
            kpi: 'nps',
            value: 25,
            source: { kind: 'manual', userId: 'ana' },
            by: 'ana',
            hlc: h(2, 'a'),
            replacedBy: h(3, 'b'),
          },
        ],
      },
    ],
    [
      'a later clear (null) wins over an earlier value',
      setKpiCell(MEASUREMENT, 'csat', manual(null, h(4, 'a'), 'ana')),
      setKpiCell(MEASUREMENT, 'csat', manual(95, h(3, 'b'), 'ben')),
      { values: { nps: MEASUREMENT.values.nps, csat: manual(null, h(4, 'a'), 'ana') } },
    ],
    [
      'a KPI only one copy has is kept',
      MEASUREMENT,
      setKpiCell(MEASUREMENT, 'arr', { value: 50_000, source: { kind: 'computed' }, hlc: h(2) }),
      { values: { ...MEASUREMENT.values, arr: { value: 50_000, source: { kind: 'computed' }, hlc: h(2) } } },
    ],
  ])('%s', (_label, a, b, expected) => {
    const merged = mergeMeasurements(a, b);
    expect(merged).toMatchObject(expected);
    expect(mergeMeasurements(b, a)).toEqual(merged);
    expect(COLLECTIONS.measurements.validate(merged)).toMatchObject({ ok: true });
  });

  it('caps history per KPI, so a busy KPI cannot push another KPI’s conflict out', () => {
    let doc = setKpiCell(MEASUREMENT, 'csat', manual(70, h(2, 'b'), 'ben'));
    for (let minute = 3; minute <= 9; minute++)
      doc = setKpiCell(doc, 'nps', manual(minute, h(minute), 'ana'));
    expect(doc.history.filter((e) => e.kpi === 'nps').map((e) => e.value)).toEqual([6, 7, 8]);
    expect(doc.history.filter((e) => e.kpi === 'csat').map((e) => e.value)).toEqual([80]);
  });
});

const RUN: PlaybookRunDoc = valid('playbook_runs', { ...FIXTURES.playbook_runs, history: [] });
const withStep = (run: PlaybookRunDoc, stepId: string, patch: Partial<PlaybookRunDoc['steps'][number]>) => ({
  ...run,
  steps: run.steps.map((step) => (step.stepId === stepId ? { ...step, ...patch } : step)),
});

describe('mergePlaybookRuns', () => {
  it('two people checking off different steps offline both keep their check', () => {
    const a = withStep(RUN, 'review-feedback', { note: 'Five detractors', hlc: h(5, 'a') });
    const b = withStep(RUN, 'interviews', {
      done: true,
      doneBy: 'u2',
      doneAt: '2025-03-02T10:00:00.000Z',
      hlc: h(6, 'b'),
    });
    const merged = mergePlaybookRuns(a, b);
    expect(merged.steps.map((s) => [s.stepId, s.done, s.note])).toEqual([
      ['review-feedback', true, 'Five detractors'],
      ['interviews', true, null],
    ]);
    expect(mergePlaybookRuns(b, a)).toEqual(merged);
    expect(COLLECTIONS.playbook_runs.validate(merged)).toMatchObject({ ok: true });
  });

  it('the same step: the later change wins and the other is in history under steps.<id>', () => {
    const a = withStep(RUN, 'interviews', { note: 'Booked 3', hlc: h(5, 'a') });
    const b = withStep(RUN, 'interviews', { note: 'Booked 5', hlc: h(6, 'b') });
    const merged = mergePlaybookRuns(a, b);
    expect(merged.steps[1]?.note).toBe('Booked 5');
    expect(
      merged.history.map((e) => [e.field, (e.value as { note: string | null }).note, e.replacedBy]),
    ).toEqual([['steps.interviews', 'Booked 3', h(6, 'b')]]);
  });

  it('a state change and a step check on different devices both survive', () => {
    const a = editFields(mergePlaybookRuns, RUN, { state: 'completed' }, h(7, 'a'));
    const b = withStep(RUN, 'interviews', { done: true, hlc: h(6, 'b') });
    const merged = mergePlaybookRuns(a, b);
    expect(merged.state).toBe('completed');
    expect(merged.steps[1]?.done).toBe(true);
  });
});

const CONVERSATION: ConversationDoc = valid('conversations', FIXTURES.conversations);
const message = (id: string, minute: number, patch: Partial<ConversationDoc['messages'][number]> = {}) => ({
  id,
  role: 'user' as const,
  text: `question ${id}`,
  kind: 'analytical' as const,
  template: null,
  status: 'queued' as const,
  createdAt: new Date(T0 + minute * 60_000).toISOString(),
  hlc: h(minute),
  ...patch,
});

describe('mergeConversations', () => {
  it('questions asked on two devices offline are both kept, in the order they were asked', () => {
    const phone = { ...CONVERSATION, messages: [...CONVERSATION.messages, message('m-phone', 20)] };
    const desktop = { ...CONVERSATION, messages: [...CONVERSATION.messages, message('m-desk', 10)] };
    const merged = mergeConversations(phone, desktop);
    expect(merged.messages.map((m) => m.id)).toEqual(['msg-1', 'msg-2', 'm-desk', 'm-phone']);
    expect(mergeConversations(desktop, phone)).toEqual(merged);
  });

  it('an answer arriving later updates its question without losing the others', () => {
    const queued = { ...CONVERSATION, messages: [...CONVERSATION.messages, message('q', 10)] };
    const answered = {
      ...queued,
      messages: [...CONVERSATION.messages, message('q', 10, { status: 'answered', hlc: h(12) })],
    };
    expect(mergeConversations(queued, answered).messages.at(-1)).toMatchObject({
      id: 'q',
      status: 'answered',
    });
  });

  it('keeps the newest 200 messages when both copies together hold more', () => {
    const many = (prefix: string, from: number) =>
      Array.from({ length: 150 }, (_, i) => message(`${prefix}${i}`, from + i));
    const merged = mergeConversations(
      { ...CONVERSATION, messages: many('a', 100) },
      { ...CONVERSATION, messages: many('b', 200) },
    );
    expect(merged.messages).toHaveLength(200);
    expect(merged.messages.at(-1)?.id).toBe('b149');
    expect(COLLECTIONS.conversations.validate(merged)).toMatchObject({ ok: true });
  });
});

describe('mergeAlerts', () => {
  it('two acknowledgements: the later one is kept whole (who and when from the same edit)', () => {
    const alert = valid('alerts', FIXTURES.alerts);
    const ack = (user: string, at: string, stamp: Hlc) =>
      editFields(mergeAlerts, alert, { acknowledgedBy: user, acknowledgedAt: at }, stamp);
    const merged = mergeAlerts(
      ack('ana', '2025-03-02T09:00:00.000Z', h(3, 'a')),
      ack('ben', '2025-03-02T08:00:00.000Z', h(4, 'b')),
    );
    expect(merged).toMatchObject({ acknowledgedBy: 'ben', acknowledgedAt: '2025-03-02T08:00:00.000Z' });
    expect(COLLECTIONS.alerts.validate(merged)).toMatchObject({ ok: true });
  });
});

describe('mergeMembers (server-authoritative, no clocks)', () => {
  const member = valid('members', FIXTURES.members);

  it('a tombstone on either copy wins', () => {
    expect(mergeMembers(member, { ...member, _deleted: true })._deleted).toBe(true);
    expect(mergeMembers({ ...member, _deleted: true }, member)._deleted).toBe(true);
  });

  it('disagreeing copies still resolve the same way in both orders', () => {
    const renamed: MemberDoc = { ...member, name: 'Ana S.' };
    expect(mergeMembers(member, renamed)).toEqual(mergeMembers(renamed, member));
  });
});

describe('every collection', () => {
  it.each(Object.keys(MERGERS) as CollectionName[])(
    '%s: merging its fixture with itself changes nothing',
    (name) => {
      const doc = valid(name, FIXTURES[name]);
      const merge = MERGERS[name] as (a: unknown, b: unknown) => unknown;
      expect(merge(doc, doc)).toEqual(doc);
      expect(isSameState(merge(doc, doc) as object, doc)).toBe(true);
    },
  );
});

describe('isSameState', () => {
  it.each([
    ['key order', { a: 1, b: { c: 2, d: 3 } }, { b: { d: 3, c: 2 }, a: 1 }, true],
    ['the server sequence', { a: 1, seq: 1 }, { a: 1, seq: 7 }, true],
    ['a value', { a: 1 }, { a: 2 }, false],
    ['list order', { a: [1, 2] }, { a: [2, 1] }, false],
  ])('ignores %s: %s', (_label, a, b, same) => {
    expect(isSameState(a, b)).toBe(same);
  });
});

// ------------------------------------------------------------------------------------------------ properties

/** A small universe of times, so random copies collide often: same times, same fields, ties between nodes. */
const stampArb = fc
  .tuple(fc.integer({ min: 1, max: 6 }), fc.constantFrom('a', 'b', 'c'))
  .map(([m, node]) => h(m, node));
const maybeStamp = fc.option(stampArb, { nil: undefined });
const seqArb = fc.option(fc.nat(20), { nil: undefined });

const accountArb: fc.Arbitrary<AccountDoc> = fc
  .record({
    name: fc.constantFrom('N1', 'N2', 'N3'),
    segment: fc.constantFrom('SMB', 'Enterprise'),
    ownerId: fc.constantFrom(null, 'u1', 'u2'),
    renewalDate: fc.constantFrom(null, '2025-12-31'),
    clocks: fc.record(
      {
        name: maybeStamp,
        segment: maybeStamp,
        ownerId: maybeStamp,
        renewalDate: maybeStamp,
        _deleted: maybeStamp,
      },
      { requiredKeys: [] },
    ),
    history: fc.array(
      fc.record({
        field: fc.constantFrom('name', 'segment', 'ownerId', 'renewalDate'),
        value: fc.constantFrom('N1', 'N4', null),
        hlc: stampArb,
      }),
      { maxLength: 5 },
    ),
    _deleted: fc.boolean(),
    seq: seqArb,
  })
  .map((r) =>
    valid('accounts', {
      ...ACCOUNT,
      ...r,
      clocks: Object.fromEntries(Object.entries(r.clocks).filter(([, stamp]) => stamp !== undefined)),
      // As merges leave them: earlier values are older than the value in place.
      history: r.history
        .filter((entry) => {
          const current = r.clocks[entry.field];
          return current !== undefined && entry.hlc < current;
        })
        .map((entry) => ({ ...entry, replacedBy: h(9, 'z') })),
    }),
  );

const cellArb = fc.record({
  value: fc.constantFrom(0, 10, 50, null),
  source: fc.constantFrom({ kind: 'computed' as const }, { kind: 'manual' as const, userId: 'u1' }),
  hlc: stampArb,
  by: fc.constantFrom(undefined, 'u1', 'u2'),
});

const measurementArb: fc.Arbitrary<MeasurementDoc> = fc
  .record({
    values: fc.record({ nps: cellArb, csat: cellArb, arr: cellArb }, { requiredKeys: [] }),
    history: fc.array(fc.tuple(fc.constantFrom('nps' as const, 'csat' as const, 'arr' as const), cellArb), {
      maxLength: 6,
    }),
    deletedAt: maybeStamp,
    _deleted: fc.boolean(),
    seq: seqArb,
  })
  .map((r) =>
    valid('measurements', {
      ...MEASUREMENT,
      values: JSON.parse(JSON.stringify(r.values)),
      history: r.history
        .filter(([kpi, cell]) => {
          const current = r.values[kpi];
          return current !== undefined && cell.hlc < current.hlc;
        })
        .map(([kpi, cell]) => JSON.parse(JSON.stringify({ kpi, ...cell, replacedBy: h(9, 'z') }))),
      clocks: r.deletedAt ? { _deleted: r.deletedAt } : {},
      _deleted: r._deleted,
      ...(r.seq === undefined ? {} : { seq: r.seq }),
    }),
  );

const runArb: fc.Arbitrary<PlaybookRunDoc> = fc
  .record({
    state: fc.constantFrom('planned', 'active', 'completed'),
    stateClock: maybeStamp,
    steps: fc.subarray(['review-feedback', 'interviews', 'synthesize']),
    done: fc.boolean(),
    stepClock: stampArb,
    _deleted: fc.boolean(),
  })
  .map((r) =>
    valid('playbook_runs', {
      ...RUN,
      state: r.state,
      clocks: r.stateClock ? { state: r.stateClock } : {},
      steps: r.steps.map((stepId, position) => ({
        stepId,
        position,
        done: r.done,
        doneBy: null,
        doneAt: null,
        note: null,
        hlc: r.stepClock,
      })),
      _deleted: r._deleted,
    }),
  );

type AnyMerge = (a: unknown, b: unknown) => unknown;

describe.each<[CollectionName, fc.Arbitrary<unknown>, AnyMerge]>([
  ['accounts', accountArb, mergeAccounts as AnyMerge],
  ['measurements', measurementArb, mergeMeasurements as AnyMerge],
  ['playbook_runs', runArb, mergePlaybookRuns as AnyMerge],
])('%s merge properties (every device converges)', (name, arb, m) => {
  it('is commutative: the result does not depend on which copy is local', () => {
    fc.assert(
      fc.property(arb, arb, (a, b) => {
        expect(m(a, b)).toEqual(m(b, a));
      }),
    );
  });

  it('is associative: the order merges happen in does not matter', () => {
    fc.assert(
      fc.property(arb, arb, arb, (a, b, c) => {
        expect(m(m(a, b), c)).toEqual(m(a, m(b, c)));
      }),
    );
  });

  it('is idempotent: merging what is already known changes nothing', () => {
    fc.assert(
      fc.property(arb, arb, (a, b) => {
        const merged = m(a, b);
        expect(m(merged, merged)).toEqual(merged);
        expect(m(merged, a)).toEqual(merged);
      }),
    );
  });

  it('devices that saw the same copies in any order agree', () => {
    fc.assert(
      fc.property(fc.array(arb, { minLength: 2, maxLength: 5 }), fc.nat(), (copies, seed) => {
        const shuffled = [...copies].sort((x, y) => canonicalIndex(x, seed) - canonicalIndex(y, seed) || 0);
        const fold = (list: unknown[]) => list.reduce((acc, doc) => m(acc, doc));
        expect(fold(shuffled)).toEqual(fold(copies));
      }),
    );
  });

  it('produces valid documents', () => {
    fc.assert(
      fc.property(arb, arb, (a, b) => {
        expect(COLLECTIONS[name].validate(m(a, b))).toMatchObject({ ok: true });
      }),
    );
  });
});

/** A stable pseudo-random rank of a copy, to shuffle copies without Math.random. */
function canonicalIndex(doc: unknown, seed: number): number {
  let hash = seed;
  for (const char of JSON.stringify(doc)) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return hash;
}

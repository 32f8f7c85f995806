import { describe, expect, it } from 'vitest';
import { validatePlaybookRun, type PlaybookRunDoc } from '../schemas/playbook-runs';
import { mergePlaybookRuns } from '../sync/merge';
import type { Month } from '../units';
import { getPlaybook, type RunState } from './definitions';
import { DEFAULT_PLAYBOOK_RULES } from './triggers';
import {
  NOTE_MAX,
  RUN_REFUSALS,
  changeRun,
  createRun,
  defaultRaci,
  newestRunStamp,
  runTrigger,
  type NewRunInput,
  type RunChange,
  type RunResult,
} from './runs';
import { ACCOUNT, MEMBERS, stampAt, startedRun } from './testing';

function ok(result: RunResult): PlaybookRunDoc {
  if (!result.ok) throw new Error(`Refused: ${result.error.message}`);
  expect(validatePlaybookRun(result.run).ok, 'the document is valid').toBe(true);
  return result.run;
}

function newRun(overrides: Partial<NewRunInput> = {}): RunResult {
  return createRun({
    id: 'run-2',
    playbookId: 'voc-sprint',
    account: ACCOUNT,
    members: MEMBERS,
    trigger: { month: '2025-09' as Month, evidence: [] },
    baseline: { month: '2025-09' as Month, values: { nps: -12 } },
    runs: [],
    start: true,
    stamp: stampAt(0),
    ...overrides,
  });
}

/** A run in each state, reached through the changes a person makes. */
function runIn(state: RunState): PlaybookRunDoc {
  if (state === 'planned') return ok(newRun({ start: false }));
  const active = startedRun();
  if (state === 'active') return active;
  if (state === 'abandoned') return ok(changeRun(active, { type: 'abandon' }, stampAt(3)));
  const outcome = {
    criterionMet: false,
    before: { nps: -12 },
    after: { nps: -8 },
    measuredAt: stampAt(3).at,
  };
  return ok(changeRun(active, { type: 'complete', outcome }, stampAt(3)));
}

describe('createRun', () => {
  it('starts a run with the playbook’s steps, the baseline and default RACI', () => {
    const run = ok(newRun());
    expect(run).toMatchObject({
      state: 'active',
      accountId: 'acc-1',
      playbookId: 'voc-sprint',
      baseline: { month: '2025-09', values: { nps: -12 } },
      startedAt: stampAt(0).at,
      createdAt: stampAt(0).at,
      completedAt: null,
      outcome: null,
      raci: {
        csm: { kind: 'user', userId: 'user-csm' },
        cs_manager: { kind: 'user', userId: 'user-manager' },
      },
    });
    expect(run.steps.map((s) => [s.stepId, s.position, s.done])).toEqual(
      getPlaybook('voc-sprint').steps.map((s, i) => [s.id, i, false]),
    );
  });

  it('plans a run without a baseline or start', () => {
    expect(ok(newRun({ start: false }))).toMatchObject({ state: 'planned', baseline: null, startedAt: null });
  });

  it('keeps the trigger evidence of the recommendation, in words', () => {
    const context = {
      accountId: 'acc-1',
      latest: { nps: -12, csat: 80 },
      statusHistory: [],
      daysToRenewal: null,
      churnRisk: null,
      arr: null,
    };
    const trigger = runTrigger(DEFAULT_PLAYBOOK_RULES['voc-sprint'], context, '2025-09' as Month);
    expect(trigger).toEqual({
      month: '2025-09',
      evidence: [
        {
          metric: 'nps',
          value: -12,
          comparator: '<',
          threshold: 0,
          text: 'Net Promoter Score \u221212 is below 0',
        },
      ],
    });
    // Started by hand on an account the trigger does not fire on: what its KPIs read.
    const calm = runTrigger(
      DEFAULT_PLAYBOOK_RULES['voc-sprint'],
      { ...context, latest: { nps: 40 } },
      '2025-09' as Month,
    );
    expect(calm.evidence).toEqual([
      { metric: 'nps', value: 40, comparator: null, threshold: null, text: 'Net Promoter Score 40' },
    ]);
  });

  it.each<[string, RunState, boolean]>([
    ['an active run', 'active', true],
    ['a planned run', 'planned', true],
    ['a completed run', 'completed', false],
    ['an abandoned run', 'abandoned', false],
  ])('with %s of the same playbook on the account: refused %s', (_label, state, refused) => {
    const existing = { ...runIn(state), id: 'run-1' };
    const result = newRun({ runs: [existing] });
    expect(result.ok).toBe(!refused);
    if (!result.ok) {
      expect(result.error.code).toBe(RUN_REFUSALS.duplicateOpenRun);
      expect(result.error.message).toMatch(
        state === 'active'
          ? /^VoC Sprint has been under way since 10 Sep 2025 on Northwind\. Complete or abandon that run before starting another\.$/
          : /^VoC Sprint is already planned on Northwind\./,
      );
    }
  });

  it('allows the same playbook on another account, another playbook on the same one, or over a deleted run', () => {
    const active = startedRun();
    expect(newRun({ runs: [{ ...active, accountId: 'acc-2' }] }).ok).toBe(true);
    expect(newRun({ runs: [active], playbookId: 'sla-stabilizer' }).ok).toBe(true);
    expect(newRun({ runs: [{ ...active, _deleted: true }] }).ok).toBe(true);
  });
});

describe('defaultRaci', () => {
  it('makes the account owner the CSM and their manager the CS Manager', () => {
    expect(defaultRaci('user-csm', MEMBERS)).toEqual({
      csm: { kind: 'user', userId: 'user-csm' },
      cs_manager: { kind: 'user', userId: 'user-manager' },
    });
    expect(defaultRaci('user-manager', MEMBERS)).toEqual({ csm: { kind: 'user', userId: 'user-manager' } });
    expect(defaultRaci(null, MEMBERS)).toEqual({});
  });
});

describe('changeRun: legal changes', () => {
  it('starts a planned run, taking the baseline then', () => {
    const run = ok(
      changeRun(
        runIn('planned'),
        { type: 'start', baseline: { month: '2025-09' as Month, values: { nps: 3 } } },
        stampAt(2),
      ),
    );
    expect(run).toMatchObject({
      state: 'active',
      startedAt: stampAt(2).at,
      baseline: { values: { nps: 3 } },
    });
    expect(run.history.map((h) => [h.field, h.value])).toContainEqual(['state', 'planned']);
  });

  it('checks a step off with a note, by whom and when, and unchecks it keeping the note', () => {
    const checked = ok(
      changeRun(
        startedRun(),
        { type: 'check-step', stepId: 'interviews', done: true, note: '  Spoke to 4 users  ' },
        stampAt(5),
      ),
    );
    const step = checked.steps.find((s) => s.stepId === 'interviews')!;
    expect(step).toMatchObject({
      done: true,
      doneBy: 'user-csm',
      doneAt: stampAt(5).at,
      note: 'Spoke to 4 users',
      hlc: stampAt(5).hlc,
    });
    // The replaced value stays in history, like any edit.
    expect(checked.history).toContainEqual(
      expect.objectContaining({ field: 'steps.interviews', replacedBy: stampAt(5).hlc }),
    );
    const unchecked = ok(
      changeRun(checked, { type: 'check-step', stepId: 'interviews', done: false }, stampAt(6)),
    );
    expect(unchecked.steps.find((s) => s.stepId === 'interviews')).toMatchObject({
      done: false,
      doneBy: null,
      doneAt: null,
      note: 'Spoke to 4 users',
    });
  });

  it('edits or clears a note alone', () => {
    const noted = ok(
      changeRun(
        startedRun(),
        { type: 'note-step', stepId: 'synthesize', note: 'Top 3: SSO, reports, latency' },
        stampAt(1),
      ),
    );
    expect(noted.steps.find((s) => s.stepId === 'synthesize')).toMatchObject({
      done: false,
      note: 'Top 3: SSO, reports, latency',
    });
    const cleared = ok(
      changeRun(noted, { type: 'note-step', stepId: 'synthesize', note: '   ' }, stampAt(2)),
    );
    expect(cleared.steps.find((s) => s.stepId === 'synthesize')!.note).toBeNull();
  });

  it('assigns a role to a colleague or a typed name, and unassigns it', () => {
    let run = ok(
      changeRun(
        startedRun(),
        { type: 'assign', role: 'support_lead', assignee: { kind: 'name', name: '  Priya (Support)  ' } },
        stampAt(1),
      ),
    );
    expect(run.raci.support_lead).toEqual({ kind: 'name', name: 'Priya (Support)' });
    run = ok(
      changeRun(
        run,
        { type: 'assign', role: 'csm', assignee: { kind: 'user', userId: 'user-manager' } },
        stampAt(2),
      ),
    );
    expect(run.raci.csm).toEqual({ kind: 'user', userId: 'user-manager' });
    run = ok(changeRun(run, { type: 'assign', role: 'support_lead', assignee: null }, stampAt(3)));
    expect('support_lead' in run.raci).toBe(false);
    expect(run.clocks.raci).toBe(stampAt(3).hlc);
  });

  it('assigns roles while a run is only planned', () => {
    expect(
      changeRun(
        runIn('planned'),
        { type: 'assign', role: 'product_manager', assignee: { kind: 'name', name: 'Kim' } },
        stampAt(1),
      ).ok,
    ).toBe(true);
  });

  it('completes an active run with its outcome, and abandons a planned or active one', () => {
    const outcome = {
      criterionMet: true,
      before: { nps: -12 },
      after: { nps: 0 },
      measuredAt: stampAt(30).at,
    };
    expect(ok(changeRun(startedRun(), { type: 'complete', outcome }, stampAt(30)))).toMatchObject({
      state: 'completed',
      completedAt: stampAt(30).at,
      outcome,
    });
    expect(ok(changeRun(startedRun(), { type: 'abandon' }, stampAt(4)))).toMatchObject({
      state: 'abandoned',
      completedAt: stampAt(4).at,
      outcome: null,
    });
    expect(ok(changeRun(runIn('planned'), { type: 'abandon' }, stampAt(4))).state).toBe('abandoned');
  });
});

describe('changeRun: illegal changes are refused with a message', () => {
  const outcome = { criterionMet: true, before: {}, after: {}, measuredAt: stampAt(9).at };
  const check: RunChange = { type: 'check-step', stepId: 'interviews', done: true };
  it.each<[string, RunState, RunChange, string, string]>([
    [
      'completing an abandoned run',
      'abandoned',
      { type: 'complete', outcome },
      RUN_REFUSALS.finished,
      'This run was abandoned. Start a new run to try again.',
    ],
    [
      'completing a completed run',
      'completed',
      { type: 'complete', outcome },
      RUN_REFUSALS.finished,
      'This run is already completed. Start a new run to try again.',
    ],
    [
      'completing a planned run',
      'planned',
      { type: 'complete', outcome },
      RUN_REFUSALS.notStarted,
      'This run has not started yet. Start it before completing it.',
    ],
    [
      'starting an active run',
      'active',
      { type: 'start', baseline: null },
      RUN_REFUSALS.alreadyActive,
      'This run is already active.',
    ],
    [
      'starting a completed run',
      'completed',
      { type: 'start', baseline: null },
      RUN_REFUSALS.finished,
      'This run is already completed. Start a new run to try again.',
    ],
    [
      'abandoning a completed run',
      'completed',
      { type: 'abandon' },
      RUN_REFUSALS.finished,
      'This run is already completed. Start a new run to try again.',
    ],
    [
      'abandoning an abandoned run',
      'abandoned',
      { type: 'abandon' },
      RUN_REFUSALS.finished,
      'This run was abandoned. Start a new run to try again.',
    ],
    [
      'checking a step on a completed run',
      'completed',
      check,
      RUN_REFUSALS.finished,
      'This run is completed, so its steps can no longer change.',
    ],
    [
      'checking a step on an abandoned run',
      'abandoned',
      check,
      RUN_REFUSALS.finished,
      'This run was abandoned, so its steps can no longer change.',
    ],
    [
      'checking a step on a planned run',
      'planned',
      check,
      RUN_REFUSALS.notStarted,
      'This run has not started yet. Start it before checking off its steps.',
    ],
    [
      'a note on a completed run',
      'completed',
      { type: 'note-step', stepId: 'interviews', note: 'late' },
      RUN_REFUSALS.finished,
      'This run is completed, so its steps can no longer change.',
    ],
    [
      'assigning a role on a completed run',
      'completed',
      { type: 'assign', role: 'csm', assignee: null },
      RUN_REFUSALS.finished,
      'This run is completed, so its RACI roles can no longer change.',
    ],
    [
      'a step the playbook does not have',
      'active',
      { type: 'check-step', stepId: 'triage', done: true },
      RUN_REFUSALS.unknownStep,
      'VoC Sprint has no step "triage".',
    ],
    [
      'a note that is too long',
      'active',
      { type: 'note-step', stepId: 'interviews', note: 'x'.repeat(NOTE_MAX + 1) },
      RUN_REFUSALS.noteTooLong,
      'A note can be at most 2,000 characters; this one has 2,001.',
    ],
    [
      'an empty name for a role',
      'active',
      { type: 'assign', role: 'support_lead', assignee: { kind: 'name', name: '  ' } },
      RUN_REFUSALS.badAssignee,
      'Type a name for the Support Lead, or choose a colleague.',
    ],
    [
      'a name that is too long',
      'active',
      { type: 'assign', role: 'support_lead', assignee: { kind: 'name', name: 'n'.repeat(121) } },
      RUN_REFUSALS.badAssignee,
      "The Support Lead's name can be at most 120 characters.",
    ],
  ])('%s', (_label, state, change, code, message) => {
    const before = runIn(state);
    const result = changeRun(before, change, stampAt(10));
    expect(result).toEqual({ ok: false, error: { code, message } });
  });

  it('refuses any change to a run deleted meanwhile', () => {
    const deleted = { ...startedRun(), _deleted: true };
    expect(changeRun(deleted, { type: 'abandon' }, stampAt(1))).toEqual({
      ok: false,
      error: { code: RUN_REFUSALS.deleted, message: 'This run was deleted on another device.' },
    });
  });
});

describe('runs changed on two devices', () => {
  it('keep both devices’ steps, and the later state', () => {
    const base = startedRun();
    const phone = ok(
      changeRun(
        base,
        { type: 'check-step', stepId: 'review-feedback', done: true, note: 'From the field' },
        stampAt(2, 'user-csm', 'phone'),
      ),
    );
    const desktop = ok(
      changeRun(
        base,
        { type: 'check-step', stepId: 'interviews', done: true },
        stampAt(3, 'user-manager', 'desktop'),
      ),
    );
    for (const merged of [mergePlaybookRuns(phone, desktop), mergePlaybookRuns(desktop, phone)]) {
      expect(merged.steps.filter((s) => s.done).map((s) => [s.stepId, s.doneBy])).toEqual([
        ['review-feedback', 'user-csm'],
        ['interviews', 'user-manager'],
      ]);
      expect(validatePlaybookRun(merged).ok).toBe(true);
    }
  });

  it('know the newest clock time in a run, to stamp the next change after it', () => {
    const run = ok(
      changeRun(
        startedRun(),
        { type: 'check-step', stepId: 'interviews', done: true },
        stampAt(7, 'user-csm', 'zz'),
      ),
    );
    expect(newestRunStamp(run)).toBe(stampAt(7, 'user-csm', 'zz').hlc);
  });
});

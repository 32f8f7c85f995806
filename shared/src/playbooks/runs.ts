/**
 * Playbook runs as documents: a new run (from a recommendation or started by hand) and every change a person
 * makes to one — start, check or uncheck a step with a note, assign a RACI role, complete, abandon. Each
 * change is stamped with the caller's clock and merged the way sync merges (so it syncs and resolves like an
 * edit from another device), and an illegal change is refused with a reason code and a message for people,
 * never applied halfway.
 */
import type { Catalog } from '../kpi/overrides';
import { DEFAULT_CATALOG } from '../kpi/overrides';
import { RUN_CLOCKED_FIELDS, type PlaybookRunDoc, type RunStep } from '../schemas/playbook-runs';
import type { Hlc } from '../sync/hlc';
import { editFields, mergePlaybookRuns } from '../sync/merge';
import type { Month } from '../units';
import {
  RACI_ROLE_NAMES,
  RUN_ERRORS,
  getPlaybook,
  isOpenRun,
  transitionRun,
  type PlaybookId,
  type RaciRoleId,
  type RunAction,
} from './definitions';
import { runEvidence } from './evidence';
import { formatDay } from './format';
import type { Baseline, RunOutcome } from './outcome';
import { evaluateTrigger, type PlaybookRules, type TriggerContext } from './triggers';

export type Assignee = NonNullable<PlaybookRunDoc['raci'][RaciRoleId]>;
export type RunRaci = PlaybookRunDoc['raci'];
export type RunTrigger = PlaybookRunDoc['trigger'];

/** Who changes a run, and when, by the caller's clocks (shared code reads none). */
export interface RunStamp {
  /** The device's hybrid logical clock for this change. */
  readonly hlc: Hlc;
  /** Wall time of the change, an ISO timestamp in UTC. */
  readonly at: string;
  readonly userId: string;
}

export const NOTE_MAX = 2000;
export const ASSIGNEE_NAME_MAX = 120;

export const RUN_REFUSALS = {
  ...RUN_ERRORS,
  /** DOMAIN.md: a playbook already under way on an account is not started there again. */
  duplicateOpenRun: 'run-duplicate-open',
  /** A step id from another playbook, or from a newer version of this one. */
  unknownStep: 'run-unknown-step',
  noteTooLong: 'run-note-too-long',
  badAssignee: 'run-bad-assignee',
  /** Deleted on another device meanwhile. */
  deleted: 'run-deleted',
} as const;
export type RunRefusalCode = (typeof RUN_REFUSALS)[keyof typeof RUN_REFUSALS];

export interface RunRefusal {
  readonly code: RunRefusalCode;
  readonly message: string;
}

export type RunResult =
  { readonly ok: true; readonly run: PlaybookRunDoc } | { readonly ok: false; readonly error: RunRefusal };

const refuse = (code: RunRefusalCode, message: string): RunResult => ({
  ok: false,
  error: { code, message },
});

/* ------------------------------------------------------------------ a new run */

/** Why a run is started: the trigger on the account's latest month, as evidence the run keeps. */
export function runTrigger(
  rules: PlaybookRules,
  context: TriggerContext,
  month: Month,
  catalog: Catalog = DEFAULT_CATALOG,
): RunTrigger {
  const result = evaluateTrigger(rules, context, catalog);
  return { month, evidence: runEvidence(result, rules, context.latest) };
}

/**
 * Who fills each role when nobody has said yet: the account's owner is the CSM and their manager the CS
 * Manager. The other roles are people the team names on the run (Vitals does not know its support lead).
 */
export function defaultRaci(
  ownerId: string | null,
  members: readonly { readonly id: string; readonly managerId: string | null }[],
): RunRaci {
  const raci: { -readonly [R in RaciRoleId]?: Assignee } = {};
  if (ownerId === null) return raci;
  raci.csm = { kind: 'user', userId: ownerId };
  const managerId = members.find((m) => m.id === ownerId)?.managerId ?? null;
  if (managerId !== null) raci.cs_manager = { kind: 'user', userId: managerId };
  return raci;
}

export interface NewRunInput {
  readonly id: string;
  readonly playbookId: PlaybookId;
  readonly account: { readonly id: string; readonly name: string; readonly ownerId: string | null };
  readonly members: readonly { readonly id: string; readonly managerId: string | null }[];
  readonly trigger: RunTrigger;
  /** The account's latest values (`baselineSnapshot`); taken only when the run starts now. */
  readonly baseline: Baseline | null;
  /** The tenant's runs, for the rule that one playbook runs once at a time on an account. */
  readonly runs: readonly PlaybookRunDoc[];
  /** Start at once (active, baseline taken) rather than plan it. */
  readonly start: boolean;
  readonly stamp: RunStamp;
}

function duplicateOf(input: NewRunInput): PlaybookRunDoc | undefined {
  return input.runs.find(
    (r) =>
      !r._deleted &&
      r.accountId === input.account.id &&
      r.playbookId === input.playbookId &&
      isOpenRun(r.state),
  );
}

function duplicateMessage(input: NewRunInput, open: PlaybookRunDoc): string {
  const name = getPlaybook(input.playbookId).name;
  const since =
    open.startedAt === null ? 'is already planned' : `has been under way since ${formatDay(open.startedAt)}`;
  return `${name} ${since} on ${input.account.name}. Complete or abandon that run before starting another.`;
}

export function createRun(input: NewRunInput): RunResult {
  const open = duplicateOf(input);
  if (open) return refuse(RUN_REFUSALS.duplicateOpenRun, duplicateMessage(input, open));
  const { stamp } = input;
  const steps: RunStep[] = getPlaybook(input.playbookId).steps.map((step, position) => ({
    stepId: step.id,
    position,
    done: false,
    doneBy: null,
    doneAt: null,
    note: null,
    hlc: stamp.hlc,
  }));
  const clocks = Object.fromEntries(RUN_CLOCKED_FIELDS.map((field) => [field, stamp.hlc]));
  const run: PlaybookRunDoc = {
    id: input.id,
    accountId: input.account.id,
    playbookId: input.playbookId,
    state: input.start ? 'active' : 'planned',
    raci: defaultRaci(input.account.ownerId, input.members),
    steps,
    baseline: input.start ? input.baseline : null,
    trigger: input.trigger,
    outcome: null,
    createdAt: stamp.at,
    startedAt: input.start ? stamp.at : null,
    completedAt: null,
    clocks,
    history: [],
    _deleted: false,
  };
  return { ok: true, run };
}

/* ------------------------------------------------------------------ changes */

export type RunChange =
  | { readonly type: 'start'; readonly baseline: Baseline | null }
  | { readonly type: 'complete'; readonly outcome: RunOutcome }
  | { readonly type: 'abandon' }
  | {
      readonly type: 'check-step';
      readonly stepId: string;
      readonly done: boolean;
      readonly note?: string | null;
    }
  | { readonly type: 'note-step'; readonly stepId: string; readonly note: string | null }
  | { readonly type: 'assign'; readonly role: RaciRoleId; readonly assignee: Assignee | null };

function transition(
  run: PlaybookRunDoc,
  action: RunAction['type'],
  patch: Partial<PlaybookRunDoc>,
  stamp: RunStamp,
): RunResult {
  const next = transitionRun(run.state, { type: action });
  if (!next.ok) return { ok: false, error: { code: next.error.code, message: next.error.message } };
  return { ok: true, run: editFields(mergePlaybookRuns, run, { ...patch, state: next.state }, stamp.hlc) };
}

/** Steps and roles change only while a run is planned (roles) or active (both). */
function closedMessage(run: PlaybookRunDoc, what: 'steps' | 'roles'): RunResult | null {
  const noun = what === 'steps' ? 'its steps' : 'its RACI roles';
  if (run.state === 'completed')
    return refuse(RUN_REFUSALS.finished, `This run is completed, so ${noun} can no longer change.`);
  if (run.state === 'abandoned')
    return refuse(RUN_REFUSALS.finished, `This run was abandoned, so ${noun} can no longer change.`);
  if (what === 'steps' && run.state === 'planned') {
    return refuse(
      RUN_REFUSALS.notStarted,
      'This run has not started yet. Start it before checking off its steps.',
    );
  }
  return null;
}

/** A note as stored: trimmed, `null` when empty. */
function cleanNote(note: string | null | undefined): string | null | RunResult {
  const text = note?.trim() ?? '';
  if (text.length > NOTE_MAX) {
    return refuse(
      RUN_REFUSALS.noteTooLong,
      `A note can be at most ${NOTE_MAX.toLocaleString('en')} characters; this one has ${text.length.toLocaleString('en')}.`,
    );
  }
  return text === '' ? null : text;
}

function editStep(
  run: PlaybookRunDoc,
  stepId: string,
  edit: (step: RunStep) => RunStep | RunResult,
  stamp: RunStamp,
): RunResult {
  const closed = closedMessage(run, 'steps');
  if (closed) return closed;
  const step = run.steps.find((s) => s.stepId === stepId);
  if (!step)
    return refuse(RUN_REFUSALS.unknownStep, `${getPlaybook(run.playbookId).name} has no step "${stepId}".`);
  const edited = edit(step);
  if ('ok' in edited) return edited;
  const steps = run.steps.map((s) => (s.stepId === stepId ? { ...edited, hlc: stamp.hlc } : s));
  // Merged, not replaced: the old step goes to history exactly as if the edit came from another device.
  return { ok: true, run: mergePlaybookRuns(run, { ...run, steps }) };
}

function checkStep(
  run: PlaybookRunDoc,
  change: Extract<RunChange, { type: 'check-step' }>,
  stamp: RunStamp,
): RunResult {
  return editStep(
    run,
    change.stepId,
    (step) => {
      const note = change.note === undefined ? step.note : cleanNote(change.note);
      if (note !== null && typeof note === 'object') return note;
      return change.done
        ? { ...step, done: true, doneBy: stamp.userId, doneAt: stamp.at, note }
        : { ...step, done: false, doneBy: null, doneAt: null, note };
    },
    stamp,
  );
}

function noteStep(
  run: PlaybookRunDoc,
  change: Extract<RunChange, { type: 'note-step' }>,
  stamp: RunStamp,
): RunResult {
  return editStep(
    run,
    change.stepId,
    (step) => {
      const note = cleanNote(change.note);
      return note !== null && typeof note === 'object' ? note : { ...step, note };
    },
    stamp,
  );
}

function checkAssignee(role: RaciRoleId, assignee: Assignee | null): Assignee | null | RunResult {
  if (assignee === null || assignee.kind === 'user') return assignee;
  const name = assignee.name.trim();
  const roleName = RACI_ROLE_NAMES[role];
  if (name === '')
    return refuse(RUN_REFUSALS.badAssignee, `Type a name for the ${roleName}, or choose a colleague.`);
  if (name.length > ASSIGNEE_NAME_MAX) {
    return refuse(
      RUN_REFUSALS.badAssignee,
      `The ${roleName}'s name can be at most ${ASSIGNEE_NAME_MAX} characters.`,
    );
  }
  return { kind: 'name', name };
}

function assign(
  run: PlaybookRunDoc,
  change: Extract<RunChange, { type: 'assign' }>,
  stamp: RunStamp,
): RunResult {
  const closed = closedMessage(run, 'roles');
  if (closed) return closed;
  const assignee = checkAssignee(change.role, change.assignee);
  if (assignee !== null && 'ok' in assignee) return assignee;
  const { [change.role]: _previous, ...others } = run.raci;
  const raci: RunRaci = assignee === null ? others : { ...others, [change.role]: assignee };
  return { ok: true, run: editFields(mergePlaybookRuns, run, { raci }, stamp.hlc) };
}

/** Applies one change to a run, or says why it cannot be made. */
export function changeRun(run: PlaybookRunDoc, change: RunChange, stamp: RunStamp): RunResult {
  if (run._deleted) return refuse(RUN_REFUSALS.deleted, 'This run was deleted on another device.');
  switch (change.type) {
    case 'start':
      return transition(run, 'start', { startedAt: stamp.at, baseline: change.baseline }, stamp);
    case 'complete':
      return transition(run, 'complete', { completedAt: stamp.at, outcome: change.outcome }, stamp);
    case 'abandon':
      // `completedAt` is when the run finished, either way; `state` says which.
      return transition(run, 'abandon', { completedAt: stamp.at }, stamp);
    case 'check-step':
      return checkStep(run, change, stamp);
    case 'note-step':
      return noteStep(run, change, stamp);
    case 'assign':
      return assign(run, change, stamp);
  }
}

/**
 * The newest clock time in a run: a device moves its clock past it before changing the run, so the change
 * sorts after everything the person was looking at.
 */
export function newestRunStamp(run: PlaybookRunDoc): Hlc | null {
  let newest: Hlc | null = null;
  const see = (hlc: Hlc | undefined): void => {
    if (hlc !== undefined && (newest === null || hlc > newest)) newest = hlc;
  };
  for (const hlc of Object.values(run.clocks)) see(hlc);
  for (const step of run.steps) see(step.hlc);
  for (const entry of run.history) see(entry.replacedBy);
  return newest;
}

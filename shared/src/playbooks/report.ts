/**
 * The run report and the playbook summary (DOMAIN.md: "Run reports (Markdown and PDF) show: account, trigger
 * evidence, RACI matrix, timeline, before/after table, outcome"), computed once as plain text values and then
 * only laid out: Markdown in `report-markdown.ts`, PDF in `report-pdf.ts`, and the run page shows the same.
 */
import type { KpiId, KpiValues } from '../kpi/catalog';
import { DEFAULT_CATALOG } from '../kpi/overrides';
import type { PlaybookRunDoc } from '../schemas/playbook-runs';
import { addDays } from '../time/months';
import type { IsoDate, Month } from '../units';
import {
  RACI_ROLES,
  RACI_ROLE_NAMES,
  getPlaybook,
  raciMatrix,
  stepSchedule,
  type PlaybookId,
  type RaciRoleId,
  type RunState,
} from './definitions';
import { criterionText, triggerText } from './describe';
import { formatChange, formatDay, formatKpiNumber } from './format';
import { outcomeKpisOf } from './outcome';
import type { PlaybookResult } from './results';
import type { PlaybookRules } from './triggers';

export const RUN_STATE_LABELS: Readonly<Record<RunState, string>> = {
  planned: 'Planned',
  active: 'Active',
  completed: 'Completed',
  abandoned: 'Abandoned',
};

export interface ReportPerson {
  readonly id: string;
  readonly name: string;
}

export interface RunReportInput {
  readonly run: PlaybookRunDoc;
  readonly accountName: string;
  readonly tenantName: string;
  readonly members: readonly ReportPerson[];
  /** The tenant's rules for this playbook: the criterion the report quotes. */
  readonly rules: PlaybookRules;
  /** The account's latest values, compared with the baseline while the run is open. */
  readonly current?: KpiValues;
  /** When the report is made (ISO timestamp): also "today" for overdue steps. */
  readonly generatedAt: string;
}

export interface RaciAssignment {
  readonly role: RaciRoleId;
  readonly roleName: string;
  /** A colleague's name, a typed name, or `null` when nobody is assigned. */
  readonly assignee: string | null;
}

export interface TimelineRow {
  readonly stepId: string;
  readonly title: string;
  readonly description: string;
  readonly durationDays: number;
  /** The end of the step's slot in the plan; `null` until the run starts. */
  readonly due: IsoDate | null;
  readonly done: boolean;
  readonly doneAt: string | null;
  readonly doneBy: string | null;
  readonly note: string | null;
  /** Open past its due day (as of the report), or done after it. */
  readonly late: boolean;
}

export interface BeforeAfterRow {
  readonly kpi: KpiId;
  readonly label: string;
  readonly before: string;
  readonly after: string;
  readonly change: string;
  /** Whether the change is for the better; `null` when there is no change to judge. */
  readonly better: boolean | null;
}

export interface RunReport {
  readonly runId: string;
  readonly playbookId: PlaybookId;
  readonly playbookName: string;
  readonly accountName: string;
  readonly tenantName: string;
  readonly generatedAt: string;
  readonly state: RunState;
  readonly stateLabel: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly progress: { readonly done: number; readonly total: number };
  readonly trigger: { readonly month: Month; readonly evidence: readonly string[] };
  readonly criterion: string;
  readonly roles: readonly RaciAssignment[];
  /** One row per step; cells in `RACI_ROLES` order, "R/A", "C" or "". */
  readonly matrix: readonly { readonly title: string; readonly cells: readonly string[] }[];
  readonly timeline: readonly TimelineRow[];
  /** The month of the baseline snapshot; `null` before the run starts. */
  readonly baselineMonth: Month | null;
  /** Headers of the before/after table's value columns: "Before (Aug 2025)", "After" or "Now". */
  readonly beforeLabel: string;
  readonly afterLabel: string;
  readonly beforeAfter: readonly BeforeAfterRow[];
  /** `null` until the run is completed. */
  readonly outcome: { readonly met: boolean; readonly text: string; readonly measuredAt: string } | null;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const monthLabel = (m: Month): string => `${MONTHS[Number(m.slice(5, 7)) - 1]} ${m.slice(0, 4)}`;

function assigneeName(
  run: PlaybookRunDoc,
  role: RaciRoleId,
  members: readonly ReportPerson[],
): string | null {
  const who = run.raci[role];
  if (!who) return null;
  if (who.kind === 'name') return who.name;
  return members.find((m) => m.id === who.userId)?.name ?? 'A former member';
}

function timelineOf(input: RunReportInput): TimelineRow[] {
  const { run, members } = input;
  const definition = getPlaybook(run.playbookId);
  const schedule = new Map(stepSchedule(definition).map((s) => [s.stepId, s]));
  const start = run.startedAt === null ? null : (run.startedAt.slice(0, 10) as IsoDate);
  const today = input.generatedAt.slice(0, 10);
  return definition.steps.map((step) => {
    const state = run.steps.find((s) => s.stepId === step.id);
    const slot = schedule.get(step.id)!;
    const due = start === null ? null : addDays(start, slot.endDay);
    const done = state?.done ?? false;
    const doneAt = state?.doneAt ?? null;
    const late =
      due !== null &&
      (done ? doneAt !== null && doneAt.slice(0, 10) > due : run.state === 'active' && today > due);
    const doneBy = state?.doneBy
      ? (members.find((m) => m.id === state.doneBy)?.name ?? 'A former member')
      : null;
    return {
      stepId: step.id,
      title: step.title,
      description: step.description,
      durationDays: step.durationDays,
      due,
      done,
      doneAt: done ? doneAt : null,
      doneBy: done ? doneBy : null,
      note: state?.note ?? null,
      late,
    };
  });
}

function betterOf(kpi: KpiId, change: number): boolean | null {
  if (change === 0) return null;
  const direction = DEFAULT_CATALOG.byId[kpi].direction;
  // ARR has no scored direction, but more of it is better for every playbook that measures it.
  return direction === 'lower' ? change < 0 : change > 0;
}

function beforeAfterRows(kpis: readonly KpiId[], before: KpiValues, after: KpiValues): BeforeAfterRow[] {
  return kpis.map((kpi) => {
    const b = before[kpi];
    const a = after[kpi];
    const change = b === undefined || a === undefined ? null : Math.round((a - b) * 1e9) / 1e9;
    return {
      kpi,
      label: DEFAULT_CATALOG.byId[kpi].name,
      before: b === undefined ? '—' : formatKpiNumber(kpi, b),
      after: a === undefined ? '—' : formatKpiNumber(kpi, a),
      change: change === null ? '—' : formatChange(kpi, change),
      better: change === null ? null : betterOf(kpi, change),
    };
  });
}

function beforeAfterOf(input: RunReportInput): Pick<RunReport, 'beforeLabel' | 'afterLabel' | 'beforeAfter'> {
  const { run, rules } = input;
  const kpis = outcomeKpisOf(rules);
  const beforeLabel = run.baseline ? `Before (${monthLabel(run.baseline.month)})` : 'Before';
  if (run.outcome) {
    return {
      beforeLabel,
      afterLabel: `After (${formatDay(run.outcome.measuredAt)})`,
      beforeAfter: beforeAfterRows(kpis, run.outcome.before, run.outcome.after),
    };
  }
  return {
    beforeLabel,
    afterLabel: 'Now',
    beforeAfter: beforeAfterRows(kpis, run.baseline?.values ?? {}, input.current ?? {}),
  };
}

export function buildRunReport(input: RunReportInput): RunReport {
  const { run } = input;
  const definition = getPlaybook(run.playbookId);
  const timeline = timelineOf(input);
  const criterion = criterionText(input.rules);
  const outcome = run.state === 'completed' && run.outcome;
  return {
    runId: run.id,
    playbookId: run.playbookId,
    playbookName: definition.name,
    accountName: input.accountName,
    tenantName: input.tenantName,
    generatedAt: input.generatedAt,
    state: run.state,
    stateLabel: RUN_STATE_LABELS[run.state],
    startedAt: run.startedAt,
    finishedAt: run.state === 'completed' || run.state === 'abandoned' ? run.completedAt : null,
    progress: { done: timeline.filter((t) => t.done).length, total: timeline.length },
    trigger: { month: run.trigger.month, evidence: run.trigger.evidence.map((e) => e.text) },
    baselineMonth: run.baseline?.month ?? null,
    criterion,
    roles: RACI_ROLES.map((role) => ({
      role,
      roleName: RACI_ROLE_NAMES[role],
      assignee: assigneeName(run, role, input.members),
    })),
    matrix: raciMatrix(definition).map((row) => ({
      title: row.title,
      cells: RACI_ROLES.map((role) => row.cells[role].join('/')),
    })),
    timeline,
    ...beforeAfterOf(input),
    outcome: outcome
      ? {
          met: outcome.criterionMet,
          text: `The success criterion was ${outcome.criterionMet ? 'met' : 'not met'}: ${criterion}.`,
          measuredAt: outcome.measuredAt,
        }
      : null,
  };
}

/* ------------------------------------------------------------------ the playbook summary */

export interface PlaybookSummaryRow {
  readonly accountName: string;
  readonly state: string;
  readonly started: string;
  readonly finished: string;
  /** "Net Promoter Score −12 → 4" for each criterion metric; "—" when not measured. */
  readonly result: string;
  readonly met: string;
}

export interface PlaybookSummary {
  readonly playbookId: PlaybookId;
  readonly playbookName: string;
  readonly description: string;
  readonly tenantName: string;
  readonly generatedAt: string;
  readonly trigger: string;
  readonly criterion: string;
  /** "Completed 4 · Abandoned 1 · Active 2 · Planned 0". */
  readonly counts: readonly { readonly label: string; readonly value: number }[];
  /** "75% (3 of 4)" or "No completed runs yet". */
  readonly successRate: string;
  /** "Net Promoter Score: +12 points (median of 4 runs)". */
  readonly improvements: readonly string[];
  readonly rows: readonly PlaybookSummaryRow[];
}

export interface PlaybookSummaryInput {
  readonly result: PlaybookResult;
  readonly rules: PlaybookRules;
  readonly accountName: (accountId: string) => string;
  readonly tenantName: string;
  readonly generatedAt: string;
}

function signed(value: number, unit: string): string {
  const text = `${value > 0 ? '+' : value < 0 ? '\u2212' : ''}${Math.round(Math.abs(value) * 10) / 10}`;
  return unit === '%' ? `${text}%` : unit === '' ? text : `${text} ${unit}`;
}

function resultText(input: PlaybookSummaryInput, row: PlaybookResult['runs'][number]): string {
  if (row.criterionMet === null) return '—';
  return input.result.metrics
    .map((m) => {
      const b = row.before[m.metric];
      const a = row.after[m.metric];
      const fmt = (v: number | undefined): string => (v === undefined ? '—' : formatKpiNumber(m.metric, v));
      return `${DEFAULT_CATALOG.byId[m.metric].name} ${fmt(b)} → ${fmt(a)}`;
    })
    .join('; ');
}

export function buildPlaybookSummary(input: PlaybookSummaryInput): PlaybookSummary {
  const { result } = input;
  const definition = getPlaybook(result.playbookId);
  const rate = result.successRate;
  return {
    playbookId: result.playbookId,
    playbookName: result.name,
    description: definition.description,
    tenantName: input.tenantName,
    generatedAt: input.generatedAt,
    trigger: triggerText(input.rules),
    criterion: criterionText(input.rules),
    counts: (['completed', 'abandoned', 'active', 'planned'] as const).map((state) => ({
      label: RUN_STATE_LABELS[state],
      value: result.counts[state],
    })),
    successRate:
      rate === null
        ? 'No completed runs yet'
        : `${Math.round(rate * 100)}% (${result.met} of ${result.measured})`,
    improvements: result.metrics.map((m) =>
      m.median === null
        ? `${m.label}: not measured yet`
        : `${m.label}: ${signed(m.median, m.unit)} (median of ${m.runs} run${m.runs === 1 ? '' : 's'})`,
    ),
    rows: result.runs.map((row) => ({
      accountName: input.accountName(row.accountId),
      state: RUN_STATE_LABELS[row.state],
      started: row.startedAt === null ? '—' : formatDay(row.startedAt),
      finished:
        row.completedAt === null || (row.state !== 'completed' && row.state !== 'abandoned')
          ? '—'
          : formatDay(row.completedAt),
      result: resultText(input, row),
      met: row.criterionMet === null ? '—' : row.criterionMet ? 'Yes' : 'No',
    })),
  };
}

/**
 * What retrieval searches: short passages of text built from the five playbook definitions and from the
 * tenant's playbook runs (one per run with its trigger and outcome, one per step note). Rebuilt from the
 * documents on every question — cheap, and the only way the model can never read a deleted or edited note.
 */
import {
  DEFAULT_CATALOG,
  PLAYBOOKS,
  getPlaybook,
  isKpiId,
  type AssistantData,
  type Catalog,
  type Citation,
  type PlaybookDefinition,
  type PlaybookRunDoc,
} from '@vitals/shared';

export interface Passage {
  /** Stable across rebuilds: `playbook:<id>`, `run:<id>`, `run:<id>:step:<stepId>`. */
  readonly id: string;
  /** What is embedded, and what the model reads. */
  readonly text: string;
  /** The run a hit on this passage cites; `null` for a playbook definition. */
  readonly runId: string | null;
}

export function playbookPassage(playbook: PlaybookDefinition): Passage {
  const steps = playbook.steps.map(
    (s, i) => `${i + 1}. ${s.title} (${s.durationDays} days): ${s.description}`,
  );
  return {
    id: `playbook:${playbook.id}`,
    text: `Playbook ${playbook.name}: ${playbook.description} Steps: ${steps.join(' ')}`,
    runId: null,
  };
}

/** "VoC Sprint on Acme Corp": how a run is named in passages, citations and the engine's answers. */
export function runName(run: PlaybookRunDoc, accountName: string): string {
  return `${getPlaybook(run.playbookId).name} on ${accountName}`;
}

/** Labelled as the engine labels runs (template 13), so a run cited by a tool and by retrieval reads the same. */
export function runCitation(run: PlaybookRunDoc, accountName: string): Citation {
  const outcome = run.outcome ? `, ${run.outcome.criterionMet ? 'met' : 'not met'}` : '';
  return {
    kind: 'playbook_run',
    ref: run.id,
    label: `${runName(run, accountName)} (${run.state}${outcome})`.slice(0, 200),
  };
}

function day(timestamp: string | null): string | null {
  return timestamp === null ? null : timestamp.slice(0, 10);
}

function kpiName(metric: string, catalog: Catalog): string {
  return isKpiId(metric) ? catalog.byId[metric].name : metric.replace(/_/g, ' ');
}

/** ARR is stored in cents; everything else as shown. */
function kpiValue(metric: string, value: number): string {
  return metric === 'arr' ? `${Math.round(value / 100)} (currency units)` : String(value);
}

function outcomeText(run: PlaybookRunDoc, catalog: Catalog): string {
  if (run.outcome === null)
    return run.state === 'abandoned' ? 'It was abandoned before an outcome was measured.' : '';
  const { before, after, criterionMet } = run.outcome;
  const changes = Object.keys({ ...before, ...after }).map((metric) => {
    const b = (before as Record<string, number | undefined>)[metric];
    const a = (after as Record<string, number | undefined>)[metric];
    const show = (v: number | undefined): string => (v === undefined ? 'no value' : kpiValue(metric, v));
    return `${kpiName(metric, catalog)} ${show(b)} → ${show(a)}`;
  });
  return `Outcome: success criterion ${criterionMet ? 'met' : 'not met'}. Before → after: ${changes.join('; ')}.`;
}

export function runPassage(
  run: PlaybookRunDoc,
  accountName: string,
  catalog: Catalog = DEFAULT_CATALOG,
): Passage {
  const dates = [
    `created ${day(run.createdAt)}`,
    run.startedAt && `started ${day(run.startedAt)}`,
    run.completedAt && `ended ${day(run.completedAt)}`,
  ];
  const evidence = run.trigger.evidence.map(
    (e) => e.text || `${kpiName(e.metric, catalog)} ${e.comparator ?? ''} ${e.threshold ?? ''}`.trim(),
  );
  const parts = [
    `Playbook run: ${runName(run, accountName)}. State: ${run.state} (${dates.filter(Boolean).join(', ')}).`,
    evidence.length > 0
      ? `Triggered in ${run.trigger.month} by: ${evidence.join('; ')}.`
      : `Triggered in ${run.trigger.month}.`,
    outcomeText(run, catalog),
  ];
  return { id: `run:${run.id}`, text: parts.filter(Boolean).join(' '), runId: run.id };
}

export function notePassages(run: PlaybookRunDoc, accountName: string): Passage[] {
  const definition = getPlaybook(run.playbookId);
  return run.steps.flatMap((step) => {
    if (step.note === null || step.note.trim() === '') return [];
    const title = definition.steps.find((s) => s.id === step.stepId)?.title ?? step.stepId;
    const when = step.doneAt ? ` (done ${day(step.doneAt)})` : '';
    return [
      {
        id: `run:${run.id}:step:${step.stepId}`,
        text: `Note on step "${title}"${when} of ${runName(run, accountName)}: ${step.note.trim()}`,
        runId: run.id,
      },
    ];
  });
}

/** Every passage of the tenant, in a stable order. */
export function tenantPassages(data: Pick<AssistantData, 'accounts' | 'runs' | 'catalog'>): Passage[] {
  const names = new Map(data.accounts.map((a) => [a.id, a.name]));
  const passages = PLAYBOOKS.map(playbookPassage);
  for (const run of data.runs) {
    if (run._deleted) continue;
    const accountName = names.get(run.accountId) ?? 'an account that is no longer listed';
    passages.push(runPassage(run, accountName, data.catalog), ...notePassages(run, accountName));
  }
  return passages;
}

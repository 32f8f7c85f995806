/**
 * Trigger evidence as a run records it and people read it: "Net Promoter Score −12 is below 0". The sample
 * runs, new runs, the run page, the reports and the command line all word it here, one way.
 */
import { isKpiId, type KpiValues } from '../kpi/catalog';
import type { PlaybookRunDoc } from '../schemas/playbook-runs';
import {
  featureName,
  triggerConditions,
  type Operator,
  type PlaybookRules,
  type TriggerEvidence,
  type TriggerFeature,
  type TriggerResult,
} from './triggers';
import { formatKpiNumber, formatNumber } from './format';

/** One piece of evidence as the run document stores it. */
export type RunEvidence = PlaybookRunDoc['trigger']['evidence'][number];

export const OPERATOR_WORDS: Readonly<Record<Operator, string>> = {
  '<': 'is below',
  '<=': 'is at most',
  '>': 'is above',
  '>=': 'is at least',
};

const STATUS_BY_POINTS: ReadonlyMap<number, string> = new Map([
  [100, 'green'],
  [50, 'yellow'],
  [0, 'red'],
]);

export function formatFeature(feature: TriggerFeature, value: number): string {
  if (feature === 'status_points') return STATUS_BY_POINTS.get(value) ?? formatNumber(value);
  if (feature === 'churn_risk') return `${Math.round(value * 100)}%`;
  if (feature === 'green_months' || feature === 'days_to_renewal') return formatNumber(value);
  return formatKpiNumber(feature, value);
}

/** "Net Promoter Score −12 is below 0", "Health status yellow is below green". */
export function evidenceText(evidence: TriggerEvidence): string {
  const { feature, value, operator, threshold } = evidence;
  return `${featureName(feature)} ${formatFeature(feature, value)} ${OPERATOR_WORDS[operator]} ${formatFeature(feature, threshold)}`;
}

/** What crossed its threshold, as stored on a run. */
export function crossedEvidence(result: TriggerResult): RunEvidence[] {
  return result.evidence.map((e) => ({
    metric: e.feature,
    value: e.value,
    comparator: e.operator,
    threshold: e.threshold,
    text: evidenceText(e),
  }));
}

/** The trigger's KPIs as they stood, without a comparison: what a run started on judgement had in front of it. */
export function readingsEvidence(rules: PlaybookRules, latest: KpiValues): RunEvidence[] {
  const evidence: RunEvidence[] = [];
  for (const { feature } of triggerConditions(rules.trigger)) {
    if (!isKpiId(feature)) continue;
    const value = latest[feature];
    if (value === undefined) continue;
    evidence.push({
      metric: feature,
      value,
      comparator: null,
      threshold: null,
      text: `${featureName(feature)} ${formatFeature(feature, value)}`,
    });
  }
  return evidence;
}

/** The evidence of a trigger result: what crossed, or failing that what the trigger's KPIs read. */
export function runEvidence(result: TriggerResult, rules: PlaybookRules, latest: KpiValues): RunEvidence[] {
  return result.evidence.length > 0 ? crossedEvidence(result) : readingsEvidence(rules, latest);
}

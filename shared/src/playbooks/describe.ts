/**
 * A playbook's trigger and success criterion in words, with the tenant's thresholds: what the playbooks
 * screen, the settings form and the reports say the rules are.
 */
import { DEFAULT_CATALOG } from '../kpi/overrides';
import { formatFeature } from './evidence';
import { formatKpiDifference, formatKpiNumber } from './format';
import {
  featureName,
  type Operator,
  type PlaybookRules,
  type SuccessCondition,
  type TriggerNode,
} from './triggers';

export const OPERATOR_SYMBOLS: Readonly<Record<Operator, string>> = {
  '<': '<',
  '<=': '≤',
  '>': '>',
  '>=': '≥',
};

function nodeText(node: TriggerNode, nested: boolean): string {
  if (node.kind === 'condition') {
    return `${featureName(node.feature)} ${OPERATOR_SYMBOLS[node.operator]} ${formatFeature(node.feature, node.threshold)}`;
  }
  const text = node.conditions.map((c) => nodeText(c, true)).join(node.kind === 'any' ? ', or ' : ', and ');
  return nested ? `(${text})` : text;
}

/** "Net Promoter Score < 0, or Customer satisfaction < 70%, or Survey response rate < 15%". */
export function triggerText(rules: PlaybookRules): string {
  return nodeText(rules.trigger, false);
}

type KpiCondition = Extract<SuccessCondition, { kind: 'level' | 'change' }>;

function changeText(condition: KpiCondition): string {
  const up = condition.operator === '>' || condition.operator === '>=';
  const strict = condition.operator === '>' || condition.operator === '<';
  const size = formatKpiDifference(condition.kpi, Math.abs(condition.threshold));
  return `${DEFAULT_CATALOG.byId[condition.kpi].name} ${up ? 'up' : 'down'} by ${strict ? 'more than' : 'at least'} ${size}`;
}

export function successConditionText(condition: SuccessCondition): string {
  switch (condition.kind) {
    case 'renewed':
      return 'renewed';
    case 'arr_percent':
      return `ARR ${OPERATOR_SYMBOLS[condition.operator]} ${condition.threshold}% of the baseline`;
    case 'change':
      return changeText(condition);
    case 'level':
      return `${DEFAULT_CATALOG.byId[condition.kpi].name} ${OPERATOR_SYMBOLS[condition.operator]} ${formatKpiNumber(condition.kpi, condition.threshold)}`;
  }
}

/** "Net Promoter Score up by at least 10, or Customer satisfaction up by at least 10, within 60 days". */
export function criterionText(rules: PlaybookRules): string {
  const { mode, conditions, withinDays } = rules.success;
  const parts = conditions.map(successConditionText).join(mode === 'any' ? ', or ' : ', and ');
  const when = withinDays === null ? ', judged at the renewal' : `, within ${withinDays} days`;
  return `${parts.charAt(0).toUpperCase()}${parts.slice(1)}${when}`;
}

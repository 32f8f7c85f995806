/**
 * What an alert says: a title that fits a lock screen and a body with the numbers behind it, in the words the
 * playbook evidence uses ("Net Promoter Score −12"). Fixed English forms, so the server and every device word
 * the same alert the same way.
 */
import { drivers } from '../health/health';
import type { KpiId } from '../kpi/catalog';
import type { Catalog } from '../kpi/overrides';
import { getPlaybook, type PlaybookId } from '../playbooks/definitions';
import { readingsEvidence } from '../playbooks/evidence';
import { formatDay, formatKpiNumber, formatNumber } from '../playbooks/format';
import { monthLabel } from '../playbooks/report';
import { DEFAULT_PLAYBOOK_RULES } from '../playbooks/triggers';
import { previousMonth } from '../time/months';
import { OPERATOR_PHRASES } from './rules';
import { clipText } from './text';
import type { AccountAlertState, AlertRule } from './types';

/** The `alerts` schema's limits. */
export const ALERT_TITLE_MAX_LENGTH = 200;
export const ALERT_BODY_MAX_LENGTH = 2000;
/** Enough to say why without turning a notification into a report. */
const DRAGS_SHOWN = 3;

export interface AlertText {
  readonly title: string;
  readonly body: string;
}

function alertText(title: string, sentences: readonly (string | null)[]): AlertText {
  const body = sentences.filter((s): s is string => s !== null && s !== '').join(' ');
  return { title: clipText(title, ALERT_TITLE_MAX_LENGTH), body: clipText(body, ALERT_BODY_MAX_LENGTH) };
}

function kpiReading(kpi: KpiId, value: number, catalog: Catalog): string {
  return `${catalog.byId[kpi].name} ${formatKpiNumber(kpi, value)}`;
}

/** "Health score 42 in Nov 2026 (61 in Oct 2026)." */
function scoreSentence(state: AccountAlertState): string | null {
  if (state.month === null || state.score === null) return null;
  const previous =
    state.previousScore === null
      ? ''
      : ` (${state.previousScore} in ${monthLabel(previousMonth(state.month))})`;
  return `Health score ${state.score} in ${monthLabel(state.month)}${previous}.`;
}

/** "Biggest drags: Net Promoter Score −12, Escalations 5." */
function dragsSentence(state: AccountAlertState, catalog: Catalog): string | null {
  const costly = drivers(state.values, catalog).slice(0, DRAGS_SHOWN);
  if (costly.length === 0) return null;
  return `Biggest drags: ${costly.map((d) => kpiReading(d.kpi, d.value, catalog)).join(', ')}.`;
}

export function statusRedText(state: AccountAlertState, catalog: Catalog): AlertText {
  return alertText(`${state.accountName} turned red`, [scoreSentence(state), dragsSentence(state, catalog)]);
}

export function scoreDropText(state: AccountAlertState, drop: number, catalog: Catalog): AlertText {
  const points = `${formatNumber(drop)} point${drop === 1 ? '' : 's'}`;
  return alertText(`${state.accountName}: health score down ${points}`, [
    scoreSentence(state),
    dragsSentence(state, catalog),
  ]);
}

export function kpiThresholdText(
  rule: Extract<AlertRule, { kind: 'kpi-threshold' }>,
  state: AccountAlertState,
  value: number,
  catalog: Catalog,
): AlertText {
  const reading = kpiReading(rule.kpiId, value, catalog);
  const bound = `${OPERATOR_PHRASES[rule.operator]} ${formatKpiNumber(rule.kpiId, rule.threshold)}`;
  const month = state.month === null ? '' : ` in ${monthLabel(state.month)}`;
  return alertText(`${state.accountName}: ${reading} (${bound})`, [
    `${reading}${month} is ${bound} (rule "${rule.name}").`,
    scoreSentence(state),
  ]);
}

export function playbookTriggerText(playbookId: PlaybookId, state: AccountAlertState): AlertText {
  const name = getPlaybook(playbookId).name;
  // The trigger's KPIs as they stand; which KPIs a trigger reads is the same for every tenant.
  const readings = readingsEvidence(DEFAULT_PLAYBOOK_RULES[playbookId], state.values).map((e) => e.text);
  const month = state.month === null ? '' : ` on the ${monthLabel(state.month)} data`;
  const why = readings.length === 0 ? '.' : `: ${readings.join(', ')}.`;
  return alertText(`${state.accountName}: ${name} recommended`, [
    `The ${name} trigger fired${month}${why}`,
    scoreSentence(state),
  ]);
}

function renewsIn(days: number): string {
  if (days === 0) return 'renews today';
  if (days === 1) return 'renews tomorrow';
  return `renews in ${formatNumber(days)} days`;
}

export function renewalDueText(state: AccountAlertState, days: number, catalog: Catalog): AlertText {
  const renewal = state.renewalDate === null ? null : `Renewal on ${formatDay(state.renewalDate)}.`;
  return alertText(`${state.accountName} ${renewsIn(days)} and is ${state.status}`, [
    renewal,
    scoreSentence(state),
    dragsSentence(state, catalog),
  ]);
}

/**
 * The alert rules applied to one account's change, from its state before to its state after. Most rules are
 * transitions ("turned red"): they fire only when the condition holds now and did not before, so a change that
 * leaves a red account red raises nothing. "Renewal due" is a state: it holds on every evaluation inside its
 * window, and the dedupe key (one per renewal date) keeps it to one alert.
 */
import { DEFAULT_CATALOG, type Catalog } from '../kpi/overrides';
import { compareValues } from '../playbooks/triggers';
import {
  kpiThresholdText,
  playbookTriggerText,
  renewalDueText,
  scoreDropText,
  statusRedText,
  type AlertText,
} from './alert-text';
import type { AccountAlertState, AlertCandidate, AlertRule, AlertRuleSettings } from './types';

export interface EvaluateOptions {
  /** The tenant's catalog, for the KPI names and "biggest drags" in the texts; the defaults otherwise. */
  readonly catalog?: Catalog;
}

type RuleOf<K extends AlertRule['kind']> = Extract<AlertRule, { kind: K }>;

function candidate(
  rule: AlertRule,
  state: AccountAlertState,
  dedupeKey: string,
  text: AlertText,
): AlertCandidate {
  return {
    ruleId: rule.id,
    kind: rule.kind,
    accountId: state.accountId,
    title: text.title,
    body: text.body,
    severity: rule.severity,
    dedupeKey,
  };
}

function statusRed(
  rule: RuleOf<'status-red'>,
  before: AccountAlertState,
  after: AccountAlertState,
  catalog: Catalog,
): AlertCandidate[] {
  if (after.month === null || after.status !== 'red' || before.status === 'red') return [];
  return [
    candidate(rule, after, `status-red:${after.accountId}:${after.month}`, statusRedText(after, catalog)),
  ];
}

/** Points lost since the previous calendar month; `null` when either month has no score. */
function scoreDrop(state: AccountAlertState): number | null {
  return state.score === null || state.previousScore === null ? null : state.previousScore - state.score;
}

/**
 * "Already true before" only counts for the same month: a drop in a new month is a new drop, even when the
 * month before had dropped as well (its own dedupe key says so).
 */
function scoreDropped(
  rule: RuleOf<'score-drop'>,
  before: AccountAlertState,
  after: AccountAlertState,
  catalog: Catalog,
): AlertCandidate[] {
  const drop = scoreDrop(after);
  if (after.month === null || drop === null || drop < rule.points) return [];
  const seenBefore = before.month === after.month && (scoreDrop(before) ?? -Infinity) >= rule.points;
  if (seenBefore) return [];
  return [
    candidate(
      rule,
      after,
      `score-drop:${after.accountId}:${after.month}`,
      scoreDropText(after, drop, catalog),
    ),
  ];
}

function kpiValue(rule: RuleOf<'kpi-threshold'>, state: AccountAlertState): number | null {
  const value = state.values[rule.kpiId];
  return value !== undefined && Number.isFinite(value) ? value : null;
}

function crosses(rule: RuleOf<'kpi-threshold'>, state: AccountAlertState): boolean {
  const value = kpiValue(rule, state);
  return value !== null && compareValues(value, rule.operator, rule.threshold);
}

function kpiThreshold(
  rule: RuleOf<'kpi-threshold'>,
  before: AccountAlertState,
  after: AccountAlertState,
  catalog: Catalog,
): AlertCandidate[] {
  const value = kpiValue(rule, after);
  if (after.month === null || value === null || !crosses(rule, after) || crosses(rule, before)) return [];
  const key = `kpi-threshold:${rule.id}:${after.accountId}:${after.month}`;
  return [candidate(rule, after, key, kpiThresholdText(rule, after, value, catalog))];
}

function playbookTrigger(
  rule: RuleOf<'playbook-trigger'>,
  before: AccountAlertState,
  after: AccountAlertState,
): AlertCandidate[] {
  if (after.month === null) return [];
  const month = after.month;
  return after.firedPlaybooks
    .filter(
      (id) => (rule.playbookId === null || id === rule.playbookId) && !before.firedPlaybooks.includes(id),
    )
    .map((id) =>
      candidate(
        rule,
        after,
        `playbook-trigger:${rule.id}:${after.accountId}:${id}:${month}`,
        playbookTriggerText(id, after),
      ),
    );
}

/** Green is fine and unknown cannot be judged: only yellow and red accounts need their renewal watched. */
function renewalDue(
  rule: RuleOf<'renewal-due'>,
  after: AccountAlertState,
  catalog: Catalog,
): AlertCandidate[] {
  const days = after.daysToRenewal;
  if (after.renewalDate === null || days === null || days < 0 || days > rule.days) return [];
  if (after.status !== 'yellow' && after.status !== 'red') return [];
  const key = `renewal-due:${after.accountId}:${after.renewalDate}`;
  return [candidate(rule, after, key, renewalDueText(after, days, catalog))];
}

function evaluateRule(
  rule: AlertRule,
  before: AccountAlertState | null,
  after: AccountAlertState,
  catalog: Catalog,
): AlertCandidate[] {
  if (rule.kind === 'renewal-due') return renewalDue(rule, after, catalog);
  // Without an earlier state there is no transition to see: a first evaluation must not flood the inbox.
  if (before === null) return [];
  switch (rule.kind) {
    case 'status-red':
      return statusRed(rule, before, after, catalog);
    case 'score-drop':
      return scoreDropped(rule, before, after, catalog);
    case 'kpi-threshold':
      return kpiThreshold(rule, before, after, catalog);
    case 'playbook-trigger':
      return playbookTrigger(rule, before, after);
  }
}

/** The alerts a change raises, in rule order; disabled rules never fire. */
export function evaluateAlertRules(
  settings: Pick<AlertRuleSettings, 'rules'>,
  before: AccountAlertState | null,
  after: AccountAlertState,
  options: EvaluateOptions = {},
): AlertCandidate[] {
  const catalog = options.catalog ?? DEFAULT_CATALOG;
  return settings.rules
    .filter((rule) => rule.enabled)
    .flatMap((rule) => evaluateRule(rule, before, after, catalog));
}

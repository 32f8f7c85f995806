/**
 * A tenant's alert rules, kept in the `settings` document `alert-rules` as `AlertRuleSettings`: the defaults,
 * the schema managers' edits must pass (with messages they can act on), a forgiving reader for what is stored,
 * and each rule in words.
 */
import * as v from 'valibot';
import { KPI_IDS } from '../kpi/catalog';
import { DEFAULT_CATALOG } from '../kpi/overrides';
import { PLAYBOOK_IDS, getPlaybook } from '../playbooks/definitions';
import { formatKpiNumber, formatNumber } from '../playbooks/format';
import type { Operator } from '../playbooks/triggers';
import { pathTo } from '../schemas/history';
import { ALERT_SEVERITIES } from '../schemas/alerts';
import { SLUG_PATTERN } from '../schemas/common';
import type { AlertRule, AlertRuleKind, AlertRuleSettings } from './types';

export const DEFAULT_ALERT_RULE_SETTINGS: AlertRuleSettings = {
  rules: [
    { id: 'status-red', kind: 'status-red', name: 'Account turned red', enabled: true, severity: 'critical' },
    {
      id: 'score-drop',
      kind: 'score-drop',
      name: 'Health score dropped sharply',
      enabled: true,
      severity: 'warning',
      points: 15,
    },
    // Below 0 means more detractors than promoters: the point at which the Net Promoter Score turns red.
    {
      id: 'kpi-threshold',
      kind: 'kpi-threshold',
      name: 'Net Promoter Score turned negative',
      enabled: true,
      severity: 'warning',
      kpiId: 'nps',
      operator: '<',
      threshold: 0,
    },
    {
      id: 'playbook-trigger',
      kind: 'playbook-trigger',
      name: 'Playbook recommended',
      enabled: true,
      severity: 'info',
      playbookId: null,
    },
    {
      id: 'renewal-due',
      kind: 'renewal-due',
      name: 'Renewal at risk',
      enabled: true,
      severity: 'warning',
      days: 90,
    },
  ],
  // Half a working day: long enough for the owner to react, short enough that a red account is seen today.
  escalationMinutes: 240,
};

export const MAX_ALERT_RULES = 50;
export const RULE_NAME_MAX_LENGTH = 80;
/** A drop of 0 would fire on every month; a drop of more than 100 is impossible. */
export const SCORE_DROP_POINTS = { min: 1, max: 100 } as const;
/** Renewals are yearly: a window beyond a year always holds the next one. */
export const RENEWAL_DAYS = { min: 1, max: 365 } as const;
/** At least five minutes (the server checks every minute or so), at most a week. */
export const ESCALATION_MINUTES = { min: 5, max: 10_080 } as const;

export const ALERT_RULE_KIND_NAMES: Readonly<Record<AlertRuleKind, string>> = {
  'status-red': 'Status turned red',
  'score-drop': 'Health score dropped',
  'kpi-threshold': 'KPI crossed a threshold',
  'playbook-trigger': 'Playbook trigger fired',
  'renewal-due': 'Renewal near while not green',
};

const OPERATORS = ['<', '<=', '>', '>='] as const satisfies readonly Operator[];
export const OPERATOR_PHRASES: Readonly<Record<Operator, string>> = {
  '<': 'below',
  '<=': 'at or below',
  '>': 'above',
  '>=': 'at or above',
};

/* ------------------------------------------------------------------ the schema */

function wholeNumber(range: { readonly min: number; readonly max: number }, message: string) {
  return v.pipe(
    v.number(message),
    v.integer(message),
    v.minValue(range.min, message),
    v.maxValue(range.max, message),
  );
}

const ruleBase = {
  id: v.pipe(
    v.string('A rule needs an id.'),
    v.regex(
      SLUG_PATTERN,
      'A rule id uses lowercase letters, digits, "-" and "_", starting with a letter or digit.',
    ),
    v.maxLength(64, 'A rule id may be at most 64 characters.'),
  ),
  name: v.pipe(
    v.string('Give the rule a name.'),
    v.regex(/\S/, 'Give the rule a name.'),
    v.maxLength(RULE_NAME_MAX_LENGTH, `A rule name may be at most ${RULE_NAME_MAX_LENGTH} characters.`),
  ),
  enabled: v.boolean('Choose whether the rule is on or off.'),
  severity: v.picklist(ALERT_SEVERITIES, 'Choose a severity: info, warning or critical.'),
};

// `v.object`, not strict: settings saved by a newer version may carry fields this one does not know yet.
const ruleVariants = v.variant(
  'kind',
  [
    v.object({ ...ruleBase, kind: v.literal('status-red') }),
    v.object({
      ...ruleBase,
      kind: v.literal('score-drop'),
      points: wholeNumber(SCORE_DROP_POINTS, 'The drop must be a whole number of points from 1 to 100.'),
    }),
    v.object({
      ...ruleBase,
      kind: v.literal('kpi-threshold'),
      kpiId: v.picklist(KPI_IDS, 'Choose a KPI from the catalog.'),
      operator: v.picklist(OPERATORS, 'Choose a comparison: below, at or below, above, or at or above.'),
      threshold: v.pipe(
        v.number('The threshold must be a number.'),
        v.finite('The threshold must be a number.'),
      ),
    }),
    v.object({
      ...ruleBase,
      kind: v.literal('playbook-trigger'),
      playbookId: v.nullable(v.picklist(PLAYBOOK_IDS, 'Choose a playbook, or any playbook.')),
    }),
    v.object({
      ...ruleBase,
      kind: v.literal('renewal-due'),
      days: wholeNumber(RENEWAL_DAYS, 'The renewal window must be a whole number of days from 1 to 365.'),
    }),
  ],
  'Choose what the rule watches: status, score drop, KPI threshold, playbook trigger or renewal.',
);

function rangeText(min: number, max: number): string {
  return Number.isFinite(max)
    ? `from ${formatNumber(min)} to ${formatNumber(max)}`
    : `${formatNumber(min)} or more`;
}

/** A threshold no real value can cross (NPS below −200) is a typo, not a policy. */
export const alertRuleSchema = v.pipe(
  ruleVariants,
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed || dataset.value.kind !== 'kpi-threshold') return;
    const rule = dataset.value;
    const kpi = DEFAULT_CATALOG.byId[rule.kpiId];
    if (rule.threshold < kpi.plausible.min || rule.threshold > kpi.plausible.max) {
      addIssue({
        message: `The ${kpi.name} threshold must be ${rangeText(kpi.plausible.min, kpi.plausible.max)}.`,
        path: pathTo(rule, 'threshold'),
      });
    }
  }),
);

const rulesSchema = v.pipe(
  v.array(alertRuleSchema, 'The rules must be a list.'),
  v.maxLength(MAX_ALERT_RULES, `At most ${MAX_ALERT_RULES} alert rules; remove some before saving.`),
  // Alerts and muted preferences name rules by id: two rules with one id could not be told apart.
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const seen = new Set<string>();
    dataset.value.forEach((rule, index) => {
      if (!seen.has(rule.id)) {
        seen.add(rule.id);
        return;
      }
      const item: v.ArrayPathItem = {
        type: 'array',
        origin: 'value',
        input: dataset.value,
        key: index,
        value: rule,
      };
      addIssue({
        message: `Another rule already uses the id "${rule.id}"; each rule needs its own.`,
        path: [item, ...pathTo(rule, 'id')],
      });
    });
  }),
);

export const alertRuleSettingsSchema = v.object(
  {
    rules: rulesSchema,
    escalationMinutes: wholeNumber(
      ESCALATION_MINUTES,
      'The escalation time must be a whole number of minutes from 5 to 10080 (a week).',
    ),
  },
  'Alert rule settings must be an object with rules and an escalation time.',
);

/* ------------------------------------------------------------------ validating an edit */

export interface AlertSettingsError {
  /** Dot path into the settings (`rules.2.points`); `''` for the settings as a whole. */
  readonly path: string;
  readonly message: string;
}

export type AlertRuleSettingsValidation =
  | { readonly ok: true; readonly settings: AlertRuleSettings }
  | { readonly ok: false; readonly errors: AlertSettingsError[] };

/** One message per field: the first thing wrong with it is the one to fix. */
export function alertSettingsErrors(issues: readonly v.BaseIssue<unknown>[]): AlertSettingsError[] {
  const byPath = new Map<string, string>();
  for (const issue of issues) {
    const path = v.getDotPath(issue) ?? '';
    if (!byPath.has(path)) byPath.set(path, issue.message);
  }
  return [...byPath].map(([path, message]) => ({ path, message }));
}

/** What a manager's edit must pass before it is saved; never throws. */
export function validateAlertRuleSettings(value: unknown): AlertRuleSettingsValidation {
  const result = v.safeParse(alertRuleSettingsSchema, value, { abortPipeEarly: true });
  return result.success
    ? { ok: true, settings: result.output }
    : { ok: false, errors: alertSettingsErrors(result.issues) };
}

/* ------------------------------------------------------------------ reading what is stored */

export interface AlertRuleSettingsRead {
  readonly settings: AlertRuleSettings;
  /** Why some or all of the stored settings were left out, in plain words; empty when all were read. */
  readonly problems: string[];
}

const storedShape = v.object({ rules: v.array(v.unknown()), escalationMinutes: v.unknown() });

function ruleLabel(raw: unknown, index: number): string {
  const name = typeof raw === 'object' && raw !== null ? (raw as { name?: unknown }).name : undefined;
  return typeof name === 'string' && /\S/.test(name)
    ? `Rule ${index + 1} ("${name.slice(0, RULE_NAME_MAX_LENGTH)}")`
    : `Rule ${index + 1}`;
}

/** Every rule that can be read, the others left out and named: one bad rule must not silence the rest. */
function readRules(raw: readonly unknown[], problems: string[]): AlertRule[] {
  if (raw.length > MAX_ALERT_RULES) {
    problems.push(`Only the first ${MAX_ALERT_RULES} of ${raw.length} saved alert rules are used.`);
  }
  const rules: AlertRule[] = [];
  const ids = new Set<string>();
  raw.slice(0, MAX_ALERT_RULES).forEach((item, index) => {
    const parsed = v.safeParse(alertRuleSchema, item, { abortPipeEarly: true });
    if (!parsed.success) {
      problems.push(
        `${ruleLabel(item, index)} could not be read (${parsed.issues[0].message}), so it is left out.`,
      );
    } else if (ids.has(parsed.output.id)) {
      problems.push(`${ruleLabel(item, index)} repeats the id "${parsed.output.id}", so it is left out.`);
    } else {
      ids.add(parsed.output.id);
      rules.push(parsed.output);
    }
  });
  return rules;
}

/**
 * The settings document's data → the tenant's rules. No document means the defaults, and nothing to report:
 * the tenant simply has not changed them. A document that is not settings at all gives the defaults and
 * says so; otherwise the readable rules are kept, so a manager's choices (a rule switched off) survive one
 * rule that a newer or buggy writer got wrong.
 */
export function readAlertRuleSettings(data: unknown): AlertRuleSettingsRead {
  if (data === undefined || data === null) return { settings: DEFAULT_ALERT_RULE_SETTINGS, problems: [] };
  const whole = v.safeParse(alertRuleSettingsSchema, data);
  if (whole.success) return { settings: whole.output, problems: [] };
  const shape = v.safeParse(storedShape, data);
  if (!shape.success) {
    return {
      settings: DEFAULT_ALERT_RULE_SETTINGS,
      problems: ['The saved alert rules could not be read, so the default rules apply.'],
    };
  }
  const problems: string[] = [];
  const rules = readRules(shape.output.rules, problems);
  const minutes = v.safeParse(
    alertRuleSettingsSchema.entries.escalationMinutes,
    shape.output.escalationMinutes,
  );
  const escalationMinutes = minutes.success ? minutes.output : DEFAULT_ALERT_RULE_SETTINGS.escalationMinutes;
  if (!minutes.success) {
    problems.push(
      `The saved escalation time could not be read, so alerts escalate after ${escalationMinutes} minutes (the default).`,
    );
  }
  return { settings: { rules, escalationMinutes }, problems };
}

/* ------------------------------------------------------------------ in words */

const plural = (count: number, word: string): string =>
  `${formatNumber(count)} ${word}${count === 1 ? '' : 's'}`;

/** "Health score drops by 15 points or more in a month", "Net Promoter Score below 0". */
export function describeAlertRule(rule: AlertRule): string {
  switch (rule.kind) {
    case 'status-red':
      return 'Status turns red';
    case 'score-drop':
      return `Health score drops by ${plural(rule.points, 'point')} or more in a month`;
    case 'kpi-threshold':
      return `${DEFAULT_CATALOG.byId[rule.kpiId].name} ${OPERATOR_PHRASES[rule.operator]} ${formatKpiNumber(rule.kpiId, rule.threshold)}`;
    case 'playbook-trigger':
      return rule.playbookId === null
        ? 'Any playbook trigger fires'
        : `${getPlaybook(rule.playbookId).name} trigger fires`;
    case 'renewal-due':
      return `Renewal within ${plural(rule.days, 'day')} and not green`;
  }
}

/**
 * The alert rules form as data: stored settings → what the fields show (numbers as text, the escalation in
 * hours when it is whole hours, ARR in dollars), and back, checked by shared/'s `validateAlertRuleSettings`
 * (the same rules the server applies) with each problem keyed by its path (`rules.2.points`).
 */
import {
  DEFAULT_CATALOG,
  ESCALATION_MINUTES,
  validateAlertRuleSettings,
  type AlertRule,
  type AlertRuleKind,
  type AlertRuleSettings,
  type AlertSeverity,
  type KpiId,
  type Operator,
  type PlaybookId,
} from '@vitals/shared';

export type EscalationUnit = 'minutes' | 'hours';

/** One rule as its fields show it. Every kind's parameters are present; only the rule's own are used. */
export interface RuleForm {
  readonly id: string;
  readonly kind: AlertRuleKind;
  readonly name: string;
  readonly enabled: boolean;
  readonly severity: AlertSeverity;
  readonly points: string;
  readonly days: string;
  readonly kpiId: KpiId;
  readonly operator: Operator;
  /** In the KPI's unit; dollars for ARR (stored in cents). */
  readonly threshold: string;
  /** `''` for any playbook. */
  readonly playbookId: PlaybookId | '';
}

export interface AlertRulesForm {
  readonly rules: readonly RuleForm[];
  readonly escalation: string;
  readonly escalationUnit: EscalationUnit;
}

/** Problems by path; `''` is about the settings as a whole. */
export type FormErrors = Readonly<Record<string, string>>;

export type FormResult =
  | { readonly ok: true; readonly settings: AlertRuleSettings }
  | { readonly ok: false; readonly errors: FormErrors };

const isCurrency = (kpiId: KpiId): boolean => DEFAULT_CATALOG.byId[kpiId].unit === 'currency';

/** Text people type → a number; `NaN` when it is not one. Takes a decimal comma and a typographic minus. */
export function parseNumber(text: string): number {
  const t = text
    .trim()
    .replace(/\u2212/g, '-')
    .replace(/^([-+]?\d+),(\d+)$/, '$1.$2');
  return /^[-+]?(\d+\.?\d*|\.\d+)$/.test(t) ? Number(t) : Number.NaN;
}

const BLANK_PARAMS = {
  points: '',
  days: '',
  kpiId: 'nps',
  operator: '<',
  threshold: '',
  playbookId: '',
} as const;

function ruleForm(rule: AlertRule): RuleForm {
  const base = {
    id: rule.id,
    kind: rule.kind,
    name: rule.name,
    enabled: rule.enabled,
    severity: rule.severity,
  };
  switch (rule.kind) {
    case 'status-red':
      return { ...BLANK_PARAMS, ...base };
    case 'score-drop':
      return { ...BLANK_PARAMS, ...base, points: String(rule.points) };
    case 'renewal-due':
      return { ...BLANK_PARAMS, ...base, days: String(rule.days) };
    case 'playbook-trigger':
      return { ...BLANK_PARAMS, ...base, playbookId: rule.playbookId ?? '' };
    case 'kpi-threshold':
      return {
        ...BLANK_PARAMS,
        ...base,
        kpiId: rule.kpiId,
        operator: rule.operator,
        threshold: String(isCurrency(rule.kpiId) ? rule.threshold / 100 : rule.threshold),
      };
  }
}

export function formFromSettings(settings: AlertRuleSettings): AlertRulesForm {
  const hours = settings.escalationMinutes % 60 === 0;
  return {
    rules: settings.rules.map(ruleForm),
    escalation: String(hours ? settings.escalationMinutes / 60 : settings.escalationMinutes),
    escalationUnit: hours ? 'hours' : 'minutes',
  };
}

/** The rule as the validator takes it: numbers parsed (`NaN` when they are not, which it refuses in words). */
function ruleFrom(form: RuleForm): Record<string, unknown> {
  const base = {
    id: form.id,
    kind: form.kind,
    name: form.name.trim(),
    enabled: form.enabled,
    severity: form.severity,
  };
  switch (form.kind) {
    case 'status-red':
      return base;
    case 'score-drop':
      return { ...base, points: parseNumber(form.points) };
    case 'renewal-due':
      return { ...base, days: parseNumber(form.days) };
    case 'playbook-trigger':
      return { ...base, playbookId: form.playbookId === '' ? null : form.playbookId };
    case 'kpi-threshold': {
      const threshold = parseNumber(form.threshold);
      // Cents, whole: "1,234.5" dollars is 123450 cents, not a fraction of one.
      return {
        ...base,
        kpiId: form.kpiId,
        operator: form.operator,
        threshold: isCurrency(form.kpiId) ? Math.round(threshold * 100) : threshold,
      };
    }
  }
}

export const ESCALATION_PATH = 'escalationMinutes';

/** The escalation in minutes, whatever unit the field is in. */
export function escalationMinutes(form: Pick<AlertRulesForm, 'escalation' | 'escalationUnit'>): number {
  const value = parseNumber(form.escalation);
  return form.escalationUnit === 'hours' ? Math.round(value * 60 * 1000) / 1000 : value;
}

/** The validator speaks minutes; the person may be typing hours. */
const ESCALATION_MESSAGE = `Escalate after at least ${ESCALATION_MINUTES.min} minutes and at most a week (${ESCALATION_MINUTES.max / 60} hours), in whole minutes.`;

export function settingsFromForm(form: AlertRulesForm): FormResult {
  const result = validateAlertRuleSettings({
    rules: form.rules.map(ruleFrom),
    escalationMinutes: escalationMinutes(form),
  });
  if (result.ok) return result;
  const errors: Record<string, string> = {};
  for (const error of result.errors)
    errors[error.path] = error.path === ESCALATION_PATH ? ESCALATION_MESSAGE : error.message;
  return { ok: false, errors };
}

/** The field a problem's path names: `rules.2.points` → rule 2's `points`. */
export function ruleFieldOf(path: string): { readonly index: number; readonly field: string } | null {
  const match = /^rules\.(\d+)\.(\w+)/.exec(path);
  return match ? { index: Number(match[1]), field: match[2]! } : null;
}

/** The unit a threshold is typed in, for the label beside its field. */
export function thresholdUnit(kpiId: KpiId): string {
  switch (DEFAULT_CATALOG.byId[kpiId].unit) {
    case 'percent':
      return '%';
    case 'days':
      return 'days';
    case 'hours':
      return 'hours';
    case 'per100users':
      return 'per 100 users';
    case 'currency':
      return 'dollars';
    case 'score':
      return 'points';
    case 'count':
      return '';
  }
}

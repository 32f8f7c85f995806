/**
 * A tenant's playbook thresholds (DOMAIN.md: "thresholds configurable per tenant"), kept in the `settings`
 * document `playbooks` as `{ overrides: PlaybookOverrides }`, and the form owners and admins edit them with:
 * one field per trigger condition, success criterion and window, checked by `validatePlaybookOverrides`.
 */
import * as v from 'valibot';
import { isKpiId } from '../kpi/catalog';
import { DEFAULT_CATALOG } from '../kpi/overrides';
import type { JsonObject } from '../schemas/common';
import { PLAYBOOK_IDS, isPlaybookId, type PlaybookId } from './definitions';
import { OPERATOR_WORDS } from './evidence';
import {
  DEFAULT_PLAYBOOK_RULES,
  featureName,
  resolvePlaybookRules,
  triggerConditions,
  validatePlaybookOverrides,
  type PlaybookOverride,
  type PlaybookOverrides,
  type SuccessCondition,
  type TriggerCondition,
} from './triggers';

/** The settings document's id. */
export const PLAYBOOK_SETTINGS_ID = 'playbooks';

const thresholdsSchema = v.record(v.string(), v.pipe(v.number(), v.finite()));
const overrideSchema = v.strictObject({
  trigger: v.optional(thresholdsSchema),
  success: v.optional(thresholdsSchema),
  withinDays: v.optional(v.pipe(v.number(), v.finite())),
});
export const playbookSettingsSchema = v.strictObject({ overrides: v.record(v.string(), overrideSchema) });

export interface PlaybookSettingsRead {
  readonly overrides: PlaybookOverrides;
  /** Why the stored settings could not be read (they are then ignored); `null` when they could. */
  readonly problem: string | null;
}

/** The settings document's data → the tenant's overrides; no document means the defaults. */
export function readPlaybookSettings(data: unknown): PlaybookSettingsRead {
  if (data === undefined || data === null) return { overrides: {}, problem: null };
  const parsed = v.safeParse(playbookSettingsSchema, data);
  if (!parsed.success) {
    return {
      overrides: {},
      problem: `The saved playbook thresholds could not be read (${parsed.issues[0].message}), so the defaults apply.`,
    };
  }
  return { overrides: parsed.output.overrides, problem: null };
}

/* ------------------------------------------------------------------ the form */

export type ThresholdTarget = 'trigger' | 'success' | 'window';

export interface ThresholdField {
  /** Unique in the form: `<playbook>:<target>:<condition>`. */
  readonly key: string;
  readonly playbookId: PlaybookId;
  readonly target: ThresholdTarget;
  /** The condition or criterion id; `null` for the window. */
  readonly conditionId: string | null;
  readonly label: string;
  /** Shown after the input: "%", "days", "points". */
  readonly unit: string;
  /** Shown = stored × scale (churn risk is stored 0…1 and shown as a percentage). */
  readonly scale: number;
  /** In shown units. */
  readonly defaultValue: number;
  readonly value: number;
  /** A few fixed values instead of a number (health status: not green, or red only). */
  readonly choices: readonly { readonly value: number; readonly label: string }[] | null;
}

const UNIT_WORDS: Readonly<Record<string, string>> = {
  percent: '%',
  days: 'days',
  hours: 'hours',
  count: '',
  per100users: 'per 100 users',
  score: 'points',
  currency: 'cents',
};

export function fieldKey(
  playbookId: PlaybookId,
  target: ThresholdTarget,
  conditionId: string | null,
): string {
  return `${playbookId}:${target}:${conditionId ?? 'window'}`;
}

function triggerField(
  playbookId: PlaybookId,
  c: TriggerCondition,
  current: TriggerCondition,
): ThresholdField {
  const base = {
    key: fieldKey(playbookId, 'trigger', c.id),
    playbookId,
    target: 'trigger' as const,
    conditionId: c.id,
  };
  const label = `${featureName(c.feature)} ${OPERATOR_WORDS[c.operator]}`;
  if (c.feature === 'status_points') {
    const choices = [
      { value: 100, label: 'green (yellow or red fires)' },
      { value: 50, label: 'yellow (red only fires)' },
    ];
    return {
      ...base,
      label,
      unit: '',
      scale: 1,
      defaultValue: c.threshold,
      value: current.threshold,
      choices,
    };
  }
  const scale = c.feature === 'churn_risk' ? 100 : 1;
  const unit = isKpiId(c.feature)
    ? (UNIT_WORDS[DEFAULT_CATALOG.byId[c.feature].unit] ?? '')
    : c.feature === 'churn_risk'
      ? '%'
      : c.feature === 'days_to_renewal'
        ? 'days'
        : 'months';
  const shown = (n: number): number => Math.round(n * scale * 1e6) / 1e6;
  return {
    ...base,
    label,
    unit,
    scale,
    defaultValue: shown(c.threshold),
    value: shown(current.threshold),
    choices: null,
  };
}

function successField(
  playbookId: PlaybookId,
  c: SuccessCondition,
  current: SuccessCondition,
): ThresholdField | null {
  if (c.kind === 'renewed' || current.kind === 'renewed') return null;
  const base = {
    key: fieldKey(playbookId, 'success', c.id),
    playbookId,
    target: 'success' as const,
    conditionId: c.id,
  };
  const values = { scale: 1, defaultValue: c.threshold, value: current.threshold, choices: null };
  if (c.kind === 'arr_percent')
    return { ...base, ...values, label: 'ARR reaches, of the baseline', unit: '%' };
  const kpi = DEFAULT_CATALOG.byId[c.kpi];
  const unit = UNIT_WORDS[kpi.unit] ?? '';
  // A change of a percentage is in points (10 points, not 10 %, which would read as relative).
  const changeUnit = kpi.unit === 'percent' ? 'points' : unit;
  if (c.kind === 'change') return { ...base, ...values, label: `${kpi.name} improves by`, unit: changeUnit };
  return { ...base, ...values, label: `${kpi.name} reaches`, unit };
}

/** The form's fields for one playbook, showing the tenant's current values beside the defaults. */
export function thresholdFields(playbookId: PlaybookId, overrides: PlaybookOverrides): ThresholdField[] {
  const defaults = DEFAULT_PLAYBOOK_RULES[playbookId];
  const current = resolvePlaybookRules(overrides).rules[playbookId];
  const currentTrigger = triggerConditions(current.trigger);
  const fields: ThresholdField[] = triggerConditions(defaults.trigger).map((c, i) =>
    triggerField(playbookId, c, currentTrigger[i]!),
  );
  defaults.success.conditions.forEach((c, i) => {
    const field = successField(playbookId, c, current.success.conditions[i]!);
    if (field) fields.push(field);
  });
  if (defaults.success.withinDays !== null) {
    fields.push({
      key: fieldKey(playbookId, 'window', null),
      playbookId,
      target: 'window',
      conditionId: null,
      label: 'Success window',
      unit: 'days',
      scale: 1,
      defaultValue: defaults.success.withinDays,
      value: current.success.withinDays ?? defaults.success.withinDays,
      choices: null,
    });
  }
  return fields;
}

export type ThresholdFormResult =
  | { readonly ok: true; readonly data: JsonObject; readonly overrides: PlaybookOverrides }
  | { readonly ok: false; readonly errors: Readonly<Record<string, string>> };

/** "50%", " 12 ", "−3" → a number; `undefined` for an empty entry, `null` for something else. */
function parseEntry(text: string): number | null | undefined {
  const cleaned = text
    .trim()
    .replace(/\u2212/g, '-')
    .replace(/%$/, '')
    .trim();
  if (cleaned === '') return undefined;
  const value = Number(cleaned);
  return /^[-+]?(\d+\.?\d*|\.\d+)$/.test(cleaned) && Number.isFinite(value) ? value : null;
}

function setOverride(
  overrides: Map<PlaybookId, PlaybookOverride>,
  field: ThresholdField,
  stored: number,
): void {
  const previous = overrides.get(field.playbookId) ?? {};
  const id = field.conditionId ?? '';
  const next: PlaybookOverride =
    field.target === 'window'
      ? { ...previous, withinDays: stored }
      : { ...previous, [field.target]: { ...previous[field.target], [id]: stored } };
  overrides.set(field.playbookId, next);
}

/**
 * The form's entries (by field key, in shown units) → the settings document's data. An empty entry or the
 * default value means "use the default", so later changes to a default reach the tenant. Every problem is
 * reported on its field, with `validatePlaybookOverrides`'s words.
 */
export function overridesFromForm(entries: Readonly<Record<string, string>>): ThresholdFormResult {
  const errors: Record<string, string> = {};
  const overrides = new Map<PlaybookId, PlaybookOverride>();
  const byKey = new Map<string, ThresholdField>();
  for (const playbookId of PLAYBOOK_IDS) {
    for (const field of thresholdFields(playbookId, {})) {
      byKey.set(field.key, field);
      const entry = parseEntry(entries[field.key] ?? '');
      if (entry === null) errors[field.key] = 'Enter a number, or leave it empty for the default.';
      else if (entry !== undefined && field.scale !== 1 && (entry < 0 || entry > 100))
        errors[field.key] = 'Enter a percentage from 0 to 100.';
      else if (entry !== undefined && entry !== field.defaultValue)
        setOverride(overrides, field, entry / field.scale);
    }
  }
  const result: PlaybookOverrides = Object.fromEntries(overrides);
  for (const problem of validatePlaybookOverrides(result)) {
    if (!isPlaybookId(problem.playbook)) continue;
    const key = fieldKey(
      problem.playbook,
      problem.target === 'playbook' ? 'window' : problem.target,
      problem.condition,
    );
    if (byKey.has(key)) errors[key] ??= problem.message;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, overrides: result, data: { overrides: result as JsonObject } };
}

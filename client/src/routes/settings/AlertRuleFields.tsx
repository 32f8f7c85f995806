/**
 * One alert rule's fields in the rules form: on/off, name, severity and the parameters of its kind, each
 * problem shown under its field and tied to it (aria-describedby), in words as well as a red border.
 */
import {
  ALERT_RULE_KIND_NAMES,
  ALERT_SEVERITIES,
  DEFAULT_KPIS,
  OPERATOR_PHRASES,
  PLAYBOOKS,
  type KpiId,
  type Operator,
  type PlaybookId,
} from '@vitals/shared';
import { For, Show, type JSX } from 'solid-js';
import { SEVERITY_LOOK } from '../alerts/inbox-model';
import { thresholdUnit, type FormErrors, type RuleForm } from './alert-rules-form';

const OPERATORS = Object.keys(OPERATOR_PHRASES) as Operator[];

/** The input's id for a rule's field; problems (`rules.2.points`) link here from the error summary. */
export const ruleFieldId = (index: number, field: string): string => `alert-rule-${index}-${field}`;

interface FieldProps {
  readonly index: number;
  readonly field: string;
  readonly label: string;
  readonly errors: FormErrors;
  /** Text after the input (a unit), also read out as part of the hint. */
  readonly unit?: string;
  /** Takes a whole row (names are long). */
  readonly wide?: boolean;
  readonly children: (attrs: FieldAttrs) => JSX.Element;
}
interface FieldAttrs {
  readonly id: string;
  readonly 'aria-invalid': true | undefined;
  readonly 'aria-describedby': string | undefined;
}

function Field(props: FieldProps): JSX.Element {
  const id = (): string => ruleFieldId(props.index, props.field);
  const error = (): string | undefined => props.errors[`rules.${props.index}.${props.field}`];
  const describedBy = (): string | undefined =>
    [props.unit ? `${id()}-unit` : undefined, error() ? `${id()}-error` : undefined]
      .filter(Boolean)
      .join(' ') || undefined;
  // Getters, and the control made once: a new error must update the input, not replace it (and its focus).
  // Controls take these one by one, not spread: a spread <select> gets its value before its options.
  const control = props.children({
    get id() {
      return id();
    },
    get 'aria-invalid'() {
      return error() ? true : undefined;
    },
    get 'aria-describedby'() {
      return describedBy();
    },
  });
  return (
    <div class="field ar-field" classList={{ 'has-error': Boolean(error()), 'ar-wide': props.wide }}>
      <label for={id()}>{props.label}</label>
      <div class="ar-input-group">
        {control}
        <Show when={props.unit}>
          <span class="ar-unit" id={`${id()}-unit`}>
            {props.unit}
          </span>
        </Show>
      </div>
      <Show when={error()}>
        <span class="field-error" id={`${id()}-error`}>
          <span aria-hidden="true">⚠ </span>
          {error()}
        </span>
      </Show>
    </div>
  );
}

export function AlertRuleFields(props: {
  index: number;
  rule: RuleForm;
  errors: FormErrors;
  onChange: (patch: Partial<RuleForm>) => void;
}): JSX.Element {
  const numberInput = (field: 'points' | 'days' | 'threshold') => (attrs: FieldAttrs) => (
    <input
      id={attrs.id}
      aria-invalid={attrs['aria-invalid']}
      aria-describedby={attrs['aria-describedby']}
      type="text"
      inputmode={field === 'threshold' ? 'decimal' : 'numeric'}
      autocomplete="off"
      value={props.rule[field]}
      data-testid={`alert-rule-${props.rule.id}-${field}`}
      onInput={(e) => props.onChange({ [field]: e.currentTarget.value } as Partial<RuleForm>)}
    />
  );
  return (
    <fieldset
      class="ar-rule"
      classList={{ off: !props.rule.enabled }}
      data-testid={`alert-rule-${props.rule.id}`}
    >
      <legend>
        <span class="ar-rule-kind">{ALERT_RULE_KIND_NAMES[props.rule.kind]}</span>
      </legend>
      <label class="switch-row ar-switch">
        <input
          type="checkbox"
          checked={props.rule.enabled}
          data-testid={`alert-rule-${props.rule.id}-enabled`}
          onChange={(e) => props.onChange({ enabled: e.currentTarget.checked })}
        />
        <span>
          <span class="choice-label">Rule on</span>
          <span class="muted choice-hint">
            {props.rule.enabled ? 'Raises alerts' : 'Off: raises no alerts'}
          </span>
        </span>
      </label>
      <div class="ar-fields">
        <Field index={props.index} errors={props.errors} field="name" label="Name" wide>
          {(attrs) => (
            <input
              id={attrs.id}
              aria-invalid={attrs['aria-invalid']}
              aria-describedby={attrs['aria-describedby']}
              type="text"
              maxLength={80}
              value={props.rule.name}
              onInput={(e) => props.onChange({ name: e.currentTarget.value })}
            />
          )}
        </Field>
        <Field index={props.index} errors={props.errors} field="severity" label="Severity">
          {(attrs) => (
            <select
              id={attrs.id}
              aria-invalid={attrs['aria-invalid']}
              aria-describedby={attrs['aria-describedby']}
              value={props.rule.severity}
              onChange={(e) => props.onChange({ severity: e.currentTarget.value as RuleForm['severity'] })}
            >
              <For each={ALERT_SEVERITIES}>{(s) => <option value={s}>{SEVERITY_LOOK[s].label}</option>}</For>
            </select>
          )}
        </Field>
        <Show when={props.rule.kind === 'score-drop'}>
          <Field
            index={props.index}
            errors={props.errors}
            field="points"
            label="Score drops by at least"
            unit="points"
          >
            {numberInput('points')}
          </Field>
        </Show>
        <Show when={props.rule.kind === 'renewal-due'}>
          <Field index={props.index} errors={props.errors} field="days" label="Renewal within" unit="days">
            {numberInput('days')}
          </Field>
        </Show>
        <Show when={props.rule.kind === 'kpi-threshold'}>
          <Field index={props.index} errors={props.errors} field="kpiId" label="KPI">
            {(attrs) => (
              <select
                id={attrs.id}
                aria-invalid={attrs['aria-invalid']}
                aria-describedby={attrs['aria-describedby']}
                value={props.rule.kpiId}
                onChange={(e) => props.onChange({ kpiId: e.currentTarget.value as KpiId })}
              >
                <For each={DEFAULT_KPIS}>{(k) => <option value={k.id}>{k.name}</option>}</For>
              </select>
            )}
          </Field>
          <Field index={props.index} errors={props.errors} field="operator" label="When it is">
            {(attrs) => (
              <select
                id={attrs.id}
                aria-invalid={attrs['aria-invalid']}
                aria-describedby={attrs['aria-describedby']}
                value={props.rule.operator}
                onChange={(e) => props.onChange({ operator: e.currentTarget.value as Operator })}
              >
                <For each={OPERATORS}>{(o) => <option value={o}>{OPERATOR_PHRASES[o]}</option>}</For>
              </select>
            )}
          </Field>
          <Field
            index={props.index}
            errors={props.errors}
            field="threshold"
            label="Threshold"
            unit={thresholdUnit(props.rule.kpiId) || undefined}
          >
            {numberInput('threshold')}
          </Field>
        </Show>
        <Show when={props.rule.kind === 'playbook-trigger'}>
          <Field index={props.index} errors={props.errors} field="playbookId" label="Playbook">
            {(attrs) => (
              <select
                id={attrs.id}
                aria-invalid={attrs['aria-invalid']}
                aria-describedby={attrs['aria-describedby']}
                value={props.rule.playbookId}
                onChange={(e) => props.onChange({ playbookId: e.currentTarget.value as PlaybookId | '' })}
              >
                <option value="">Any playbook</option>
                <For each={PLAYBOOKS}>{(p) => <option value={p.id}>{p.name}</option>}</For>
              </select>
            )}
          </Field>
        </Show>
      </div>
    </fieldset>
  );
}

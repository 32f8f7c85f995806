/**
 * The alert rules form (CS managers and above): every rule's switch and parameters and the escalation time,
 * prefilled from the device database and saved there (offline too; it syncs), checked first by shared/'s
 * validator with every problem listed above the form and shown on its field.
 */
import { DEFAULT_ALERT_RULE_SETTINGS } from '@vitals/shared';
import { createEffect, createSignal, For, Index, Show, type JSX } from 'solid-js';
import { syncStatus } from '../../db/sync-status';
import { useTenantData } from '../../state/tenant-data';
import { AlertRuleFields, ruleFieldId } from './AlertRuleFields';
import type { AlertRulesView } from './alert-rules-data';
import { saveAlertRuleSettings } from './alert-rules-data';
import {
  ESCALATION_PATH,
  formFromSettings,
  ruleFieldOf,
  settingsFromForm,
  type AlertRulesForm,
  type EscalationUnit,
  type FormErrors,
  type RuleForm,
} from './alert-rules-form';

const ESCALATION_ID = 'alert-escalation';
/** The order fields appear in, so the summary lists problems in the order a person meets them. */
const FIELD_ORDER = [
  'enabled',
  'name',
  'severity',
  'points',
  'days',
  'kpiId',
  'operator',
  'threshold',
  'playbookId',
];

interface Problem {
  readonly fieldId: string | null;
  readonly text: string;
}

function problemList(form: AlertRulesForm, errors: FormErrors): Problem[] {
  const listed = new Set<string>();
  const problems: Problem[] = [];
  form.rules.forEach((rule, index) => {
    for (const field of FIELD_ORDER) {
      const path = `rules.${index}.${field}`;
      if (!errors[path]) continue;
      listed.add(path);
      problems.push({
        fieldId: ruleFieldId(index, field),
        text: `${rule.name.trim() || `Rule ${index + 1}`}: ${errors[path]}`,
      });
    }
  });
  if (errors[ESCALATION_PATH]) {
    listed.add(ESCALATION_PATH);
    problems.push({ fieldId: ESCALATION_ID, text: `Escalation: ${errors[ESCALATION_PATH]}` });
  }
  // Anything else (the list as a whole, a rule's id): said, with no field to go to.
  for (const [path, message] of Object.entries(errors)) {
    if (listed.has(path)) continue;
    const at = ruleFieldOf(path);
    problems.push({
      fieldId: null,
      text: at ? `${form.rules[at.index]?.name ?? `Rule ${at.index + 1}`}: ${message}` : message,
    });
  }
  return problems;
}

export function AlertRulesEditor(props: { rules: AlertRulesView }): JSX.Element {
  const data = useTenantData();
  const [form, setForm] = createSignal<AlertRulesForm>(formFromSettings(props.rules.settings()));
  const [touched, setTouched] = createSignal(false);
  const [errors, setErrors] = createSignal<FormErrors>({});
  const [message, setMessage] = createSignal<string | null>(null);
  const [saving, setSaving] = createSignal(false);
  let summary: HTMLDivElement | undefined;

  // Follow the stored rules (they may arrive by sync) until the person starts editing.
  createEffect(() => {
    const stored = formFromSettings(props.rules.settings());
    if (!touched()) setForm(stored);
  });

  const edit = (next: AlertRulesForm): void => {
    setTouched(true);
    setMessage(null);
    setForm(next);
  };
  const editRule = (index: number, patch: Partial<RuleForm>): void =>
    edit({ ...form(), rules: form().rules.map((r, i) => (i === index ? { ...r, ...patch } : r)) });

  const save = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const result = settingsFromForm(form());
    if (!result.ok) {
      setErrors(result.errors);
      setMessage(null);
      queueMicrotask(() => summary?.focus());
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      await saveAlertRuleSettings(data.db, result.settings);
      setTouched(false);
      setMessage(
        syncStatus.online()
          ? 'Saved. The server applies these rules as soon as this device has synced.'
          : 'Saved on this device. It syncs when you are back online; the server applies the rules from then on.',
      );
    } catch (failure) {
      console.error('Saving alert rules failed', failure);
      setMessage(failure instanceof Error ? failure.message : 'The alert rules could not be saved.');
    } finally {
      setSaving(false);
    }
  };

  const reset = (): void => {
    setErrors({});
    edit(formFromSettings(DEFAULT_ALERT_RULE_SETTINGS));
    setMessage('Default rules filled in. Save to apply them.');
  };

  const problems = (): Problem[] => problemList(form(), errors());
  const escalationError = (): string | undefined => errors()[ESCALATION_PATH];

  return (
    <form class="ar-form" onSubmit={(e) => void save(e)} novalidate>
      <Show when={props.rules.problems().length > 0}>
        <div class="warning-note ar-problems">
          <p>Some saved rules could not be read; saving keeps only the rules shown here:</p>
          <ul>
            <For each={props.rules.problems()}>{(p) => <li>{p}</li>}</For>
          </ul>
        </div>
      </Show>
      <Show when={problems().length > 0}>
        <div class="error ar-error-summary" role="alert" tabindex="-1" ref={summary}>
          <p>
            <strong>
              {problems().length === 1 ? 'One value needs fixing' : `${problems().length} values need fixing`}
            </strong>{' '}
            — nothing was saved:
          </p>
          <ul>
            <For each={problems()}>
              {(problem) => (
                <li>
                  <Show when={problem.fieldId} fallback={problem.text}>
                    {(id) => (
                      <a
                        href={`#${id()}`}
                        onClick={(event) => {
                          // Straight to the field, without the router treating the link as navigation.
                          event.preventDefault();
                          document.getElementById(id())?.focus();
                        }}
                      >
                        {problem.text}
                      </a>
                    )}
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </div>
      </Show>

      <div class="ar-rules">
        {/* By position, not by object: each keystroke makes a new rule object, and must not redraw its fields. */}
        <Index each={form().rules}>
          {(rule, index) => (
            <AlertRuleFields
              index={index}
              rule={rule()}
              errors={errors()}
              onChange={(patch) => editRule(index, patch)}
            />
          )}
        </Index>
      </div>

      <div class="field ar-escalation" classList={{ 'has-error': Boolean(escalationError()) }}>
        <label for={ESCALATION_ID}>Escalate unacknowledged alerts to the owner’s manager after</label>
        <div class="ar-input-group">
          <input
            id={ESCALATION_ID}
            type="text"
            inputmode="decimal"
            autocomplete="off"
            value={form().escalation}
            data-testid="alert-escalation"
            aria-invalid={escalationError() ? true : undefined}
            aria-describedby={`${ESCALATION_ID}-hint${escalationError() ? ` ${ESCALATION_ID}-error` : ''}`}
            onInput={(e) => edit({ ...form(), escalation: e.currentTarget.value })}
          />
          <select
            aria-label="Unit"
            value={form().escalationUnit}
            onChange={(e) => edit({ ...form(), escalationUnit: e.currentTarget.value as EscalationUnit })}
          >
            <option value="minutes">minutes</option>
            <option value="hours">hours</option>
          </select>
        </div>
        <span class="muted field-hint" id={`${ESCALATION_ID}-hint`}>
          From 5 minutes to a week. Without a known manager, the CS managers (or the admins) are told.
        </span>
        <Show when={escalationError()}>
          <span class="field-error" id={`${ESCALATION_ID}-error`}>
            <span aria-hidden="true">⚠ </span>
            {escalationError()}
          </span>
        </Show>
      </div>

      <div class="button-row">
        <button type="submit" class="button" disabled={saving()} data-testid="save-alert-rules">
          {saving() ? 'Saving…' : 'Save alert rules'}
        </button>
        <button type="button" class="button secondary" onClick={reset}>
          Reset to defaults
        </button>
      </div>
      <p class="form-status ar-message" role="status" aria-live="polite">
        {message() ?? ''}
      </p>
    </form>
  );
}

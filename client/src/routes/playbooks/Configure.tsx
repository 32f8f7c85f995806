/**
 * Playbook thresholds (`/playbooks/configure`, owners and admins): every trigger condition, success
 * criterion and window of the five playbooks, prefilled with the tenant's values, checked by shared/'s
 * `overridesFromForm` (the same rules the server and every device apply), each problem shown on its field.
 */
import { A } from '@solidjs/router';
import {
  PLAYBOOKS,
  overridesFromForm,
  thresholdFields,
  type PlaybookDefinition,
  type PlaybookOverrides,
  type ThresholdField,
} from '@vitals/shared';
import { createEffect, createSignal, For, Show, type JSX } from 'solid-js';
import { SyncIndicator } from '../../components/SyncIndicator';
import { savePlaybookSettings } from '../../db/playbook-runs';
import { useTenantData } from '../../state/tenant-data';
import { createPlaybookRules, playbookAccess } from './playbooks-data';
import './playbooks.css';

type Entries = Record<string, string>;

function entriesOf(overrides: PlaybookOverrides): Entries {
  const entries: Entries = {};
  for (const p of PLAYBOOKS)
    for (const f of thresholdFields(p.id, overrides)) entries[f.key] = String(f.value);
  return entries;
}

/** Every field, in the form's order: the error summary lists problems in the order a person meets them. */
const ALL_FIELDS: readonly ThresholdField[] = PLAYBOOKS.flatMap((p) => thresholdFields(p.id, {}));

/** The message without its "VoC Sprint: " prefix (the field sits inside that playbook's box), capitalised. */
function fieldMessage(field: ThresholdField, message: string): string {
  const name = PLAYBOOKS.find((p) => p.id === field.playbookId)!.name;
  const text = message.startsWith(`${name}: `) ? message.slice(name.length + 2) : message;
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

const inputId = (key: string): string => `threshold-${key.replace(/[^a-z0-9_-]/gi, '-')}`;

const TARGET_TITLES = {
  trigger: 'Trigger',
  success: 'Success criterion',
  window: 'Success criterion',
} as const;

function Field(props: {
  field: ThresholdField;
  value: string;
  error: string | undefined;
  onInput: (value: string) => void;
}): JSX.Element {
  const id = inputId(props.field.key);
  const hint = (): string => {
    const def =
      props.field.choices?.find((c) => c.value === props.field.defaultValue)?.label ??
      `${props.field.defaultValue}${props.field.unit === '%' ? '%' : props.field.unit ? ` ${props.field.unit}` : ''}`;
    return `Default: ${def}`;
  };
  return (
    <div class="pb-field" classList={{ 'has-error': Boolean(props.error) }}>
      <label for={id}>{props.field.label}</label>
      <div class="pb-input-group">
        <Show
          when={props.field.choices}
          fallback={
            <input
              id={id}
              type="text"
              inputmode="decimal"
              autocomplete="off"
              value={props.value}
              aria-invalid={props.error ? 'true' : undefined}
              aria-describedby={`${id}-hint${props.error ? ` ${id}-error` : ''}`}
              data-testid={`threshold-${props.field.key}`}
              onInput={(e) => props.onInput(e.currentTarget.value)}
            />
          }
        >
          {(choices) => (
            <select
              id={id}
              value={props.value}
              aria-describedby={`${id}-hint`}
              onChange={(e) => props.onInput(e.currentTarget.value)}
            >
              <For each={choices()}>{(c) => <option value={String(c.value)}>{c.label}</option>}</For>
            </select>
          )}
        </Show>
        <Show when={!props.field.choices && props.field.unit}>
          <span class="pb-unit" aria-hidden="true">
            {props.field.unit}
          </span>
        </Show>
      </div>
      <p id={`${id}-hint`} class="pb-hint">
        <Show when={!props.field.choices && props.field.unit}>
          <span class="visually-hidden">In {props.field.unit}. </span>
        </Show>
        {hint()}
      </p>
      <Show when={props.error}>
        <p id={`${id}-error`} class="pb-field-error">
          <span aria-hidden="true">■ </span>
          {fieldMessage(props.field, props.error!)}
        </p>
      </Show>
    </div>
  );
}

function PlaybookFields(props: {
  playbook: PlaybookDefinition;
  entries: Entries;
  errors: Entries;
  onInput: (key: string, value: string) => void;
}): JSX.Element {
  const fields = thresholdFields(props.playbook.id, {});
  const groups = (['trigger', 'success'] as const).map((target) => ({
    target,
    fields: fields.filter((f) => (target === 'trigger' ? f.target === 'trigger' : f.target !== 'trigger')),
  }));
  return (
    <fieldset class="card pb-config-card">
      <legend class="pb-config-legend">
        <h2>{props.playbook.name}</h2>
      </legend>
      <For each={groups}>
        {(group) => (
          <div class="pb-config-group">
            <h3 class="pb-subheading">{TARGET_TITLES[group.target]}</h3>
            <div class="pb-fields">
              <For each={group.fields}>
                {(field) => (
                  <Field
                    field={field}
                    value={props.entries[field.key] ?? ''}
                    error={props.errors[field.key]}
                    onInput={(v) => props.onInput(field.key, v)}
                  />
                )}
              </For>
            </div>
          </div>
        )}
      </For>
    </fieldset>
  );
}

export function ConfigurePage(): JSX.Element {
  const data = useTenantData();
  const settings = createPlaybookRules(data);
  const access = playbookAccess();
  const [entries, setEntries] = createSignal<Entries>(entriesOf({}));
  const [errors, setErrors] = createSignal<Entries>({});
  const [message, setMessage] = createSignal<string | null>(null);
  const [touched, setTouched] = createSignal(false);
  let summary: HTMLDivElement | undefined;

  // Follow the stored thresholds (they may arrive by sync) until the person starts editing.
  createEffect(() => {
    const current = entriesOf(settings.overrides());
    if (!touched()) setEntries(current);
  });

  const onInput = (key: string, value: string): void => {
    setTouched(true);
    setMessage(null);
    setEntries({ ...entries(), [key]: value });
  };

  const save = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const result = overridesFromForm(entries());
    if (!result.ok) {
      setErrors(result.errors);
      setMessage(null);
      queueMicrotask(() => summary?.focus());
      return;
    }
    setErrors({});
    try {
      await savePlaybookSettings(data.db, result.data);
      setTouched(false);
      setMessage('Saved. Recommendations on every device now use these thresholds.');
    } catch (failure) {
      console.error('Saving thresholds failed', failure);
      setMessage(failure instanceof Error ? failure.message : 'The thresholds could not be saved.');
    }
  };

  const reset = (): void => {
    setTouched(true);
    setErrors({});
    setEntries(entriesOf({}));
    setMessage('Defaults filled in. Save to apply them.');
  };

  const errorList = (): { key: string; text: string }[] =>
    ALL_FIELDS.filter((f) => errors()[f.key]).map((f) => {
      const playbook = PLAYBOOKS.find((p) => p.id === f.playbookId)!.name;
      return { key: f.key, text: `${playbook} · ${f.label}: ${fieldMessage(f, errors()[f.key]!)}` };
    });

  return (
    <>
      <header class="topbar">
        <div>
          <A href="/playbooks" class="acct-back">
            <span aria-hidden="true">←</span> Playbooks
          </A>
          <h1>Playbook thresholds</h1>
          <span class="muted">When each playbook is recommended, and what counts as success</span>
        </div>
        <SyncIndicator />
      </header>
      <Show
        when={access.canConfigure()}
        fallback={
          <div class="card empty">
            <p>Only owners and admins can change playbook thresholds.</p>
            <A class="button" href="/playbooks">
              Back to playbooks
            </A>
          </div>
        }
      >
        <form class="pb-config" onSubmit={(e) => void save(e)} novalidate>
          <p class="muted pb-config-intro">
            Leave a value at its default to follow Vitals’ defaults. Changes apply to this workspace on every
            device once synced; runs already started keep the evidence they started with.
          </p>
          <Show when={errorList().length > 0}>
            <div class="error pb-error-summary" role="alert" tabindex="-1" ref={summary}>
              <p>
                <strong>
                  {errorList().length === 1
                    ? 'One value needs fixing'
                    : `${errorList().length} values need fixing`}
                </strong>{' '}
                — nothing was saved:
              </p>
              <ul>
                <For each={errorList()}>
                  {(item) => (
                    <li>
                      <a
                        href={`#${inputId(item.key)}`}
                        onClick={(event) => {
                          // Straight to the field, without the router treating the link as navigation.
                          event.preventDefault();
                          document.getElementById(inputId(item.key))?.focus();
                        }}
                      >
                        {item.text}
                      </a>
                    </li>
                  )}
                </For>
              </ul>
            </div>
          </Show>
          <For each={PLAYBOOKS}>
            {(p) => <PlaybookFields playbook={p} entries={entries()} errors={errors()} onInput={onInput} />}
          </For>
          <div class="pb-config-actions">
            <button type="submit" class="button" data-testid="save-thresholds">
              Save thresholds
            </button>
            <button type="button" class="button secondary" onClick={reset}>
              Reset to defaults
            </button>
            <p class="pb-config-message" role="status" aria-live="polite">
              {message() ?? ''}
            </p>
          </div>
        </form>
      </Show>
    </>
  );
}

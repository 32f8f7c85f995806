/**
 * Inline edit of one KPI value for the latest month: a labelled box, Save and Cancel; Enter saves, Escape
 * cancels. The value is checked against its plausible range before anything is written.
 */
import type { KpiDefinition, Month } from '@vitals/shared';
import { createSignal, onMount, Show, type JSX } from 'solid-js';
import { writeErrorMessage } from '../../db/storage-errors';
import { formatMonth } from '../../format';
import { allowedText, inputText, parseKpiInput } from './value-input';

export interface KpiEditorProps {
  readonly kpi: KpiDefinition;
  readonly month: Month;
  readonly value: number | null | undefined;
  /** Resolves when the value is stored on this device; rejects with a message to show. */
  readonly onSave: (value: number | null) => Promise<void>;
  readonly onClose: () => void;
}

export function KpiEditor(props: KpiEditorProps): JSX.Element {
  let input: HTMLInputElement | undefined;
  const [text, setText] = createSignal(inputText(props.kpi, props.value));
  const [error, setError] = createSignal<string | null>(null);
  const [saving, setSaving] = createSignal(false);
  const id = `edit-${props.kpi.id}`;

  onMount(() => {
    input?.focus();
    input?.select();
  });

  const save = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (saving()) return;
    const parsed = parseKpiInput(props.kpi, text());
    if (!parsed.ok) {
      setError(parsed.message);
      input?.focus();
      return;
    }
    // Saving the value already there would only push a copy of it into the history.
    if (parsed.value === (props.value ?? null)) {
      props.onClose();
      return;
    }
    setSaving(true);
    try {
      await props.onSave(parsed.value);
      props.onClose();
    } catch (cause) {
      setError(`Not saved: ${writeErrorMessage(cause)}`);
      setSaving(false);
    }
  };

  return (
    <form
      class="kpi-editor"
      noValidate
      onSubmit={(e) => void save(e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          props.onClose();
        }
      }}
    >
      <label for={id} class="kpi-editor-label">
        {props.kpi.name}, {formatMonth(props.month)}
      </label>
      <div class="kpi-editor-row">
        <input
          ref={input}
          id={id}
          class="kpi-input"
          data-testid="kpi-input"
          type="text"
          inputMode="decimal"
          autocomplete="off"
          value={text()}
          aria-invalid={error() ? 'true' : undefined}
          aria-describedby={`${id}-hint${error() ? ` ${id}-error` : ''}`}
          onInput={(e) => {
            setText(e.currentTarget.value);
            setError(null);
          }}
        />
        <button type="submit" class="button" data-testid="kpi-save" disabled={saving()}>
          Save
        </button>
        <button type="button" class="button secondary" onClick={() => props.onClose()}>
          Cancel
        </button>
      </div>
      <p id={`${id}-hint`} class="kpi-editor-hint muted">
        Allowed: {allowedText(props.kpi)}. Leave empty to clear the value.
      </p>
      <Show when={error()}>
        <p id={`${id}-error`} class="kpi-editor-error" role="alert">
          {error()}
        </p>
      </Show>
    </form>
  );
}

/**
 * The run's steps as a checklist: due dates from the plan, who did what and when, and a note per step.
 * Checking a step off is one tap and is saved on the device at once, offline too.
 */
import { NOTE_MAX, RACI_ROLE_NAMES, getPlaybook, type PlaybookId, type TimelineRow } from '@vitals/shared';
import { createSignal, Index, Show, type JSX } from 'solid-js';
import { formatDay } from './format';
import type { RunView } from './run-view';

function whoText(playbookId: PlaybookId, stepId: string): string {
  const step = getPlaybook(playbookId).steps.find((s) => s.id === stepId);
  if (!step) return '';
  const responsible = step.raci.responsible.map((r) => RACI_ROLE_NAMES[r]).join(' and ');
  return `Responsible: ${responsible} · Accountable: ${RACI_ROLE_NAMES[step.raci.accountable]}`;
}

function StepNote(props: { view: RunView; row: TimelineRow; editable: boolean }): JSX.Element {
  const [editing, setEditing] = createSignal(false);
  const [text, setText] = createSignal('');
  const [saving, setSaving] = createSignal(false);
  const id = (): string => `note-${props.row.stepId}`;
  const open = (): void => {
    setText(props.row.note ?? '');
    setEditing(true);
    queueMicrotask(() => document.getElementById(id())?.focus());
  };
  const save = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    setSaving(true);
    const saved = await props.view.apply(
      { type: 'note-step', stepId: props.row.stepId, note: text() },
      `Note saved on “${props.row.title}”.`,
    );
    setSaving(false);
    if (saved) setEditing(false);
  };
  return (
    <div class="pb-note-area">
      <Show when={props.row.note && !editing()}>
        <p class="pb-note" data-testid={`step-note-${props.row.stepId}`}>
          <span class="visually-hidden">Note: </span>
          {props.row.note}
        </p>
      </Show>
      <Show
        when={editing()}
        fallback={
          <Show when={props.editable}>
            <button
              type="button"
              class="link-button pb-note-toggle"
              data-testid={`step-note-toggle-${props.row.stepId}`}
              onClick={open}
            >
              {props.row.note ? 'Edit note' : 'Add note'}
              <span class="visually-hidden"> on “{props.row.title}”</span>
            </button>
          </Show>
        }
      >
        <form class="pb-note-form" onSubmit={(e) => void save(e)}>
          <label for={id()}>Note on “{props.row.title}”</label>
          <textarea
            id={id()}
            rows={3}
            maxLength={NOTE_MAX}
            value={text()}
            data-testid={`step-note-input-${props.row.stepId}`}
            onInput={(e) => setText(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.stopPropagation();
                setEditing(false);
              }
            }}
          />
          <div class="pb-note-actions">
            <button
              type="submit"
              class="button"
              data-testid={`step-note-save-${props.row.stepId}`}
              aria-disabled={saving()}
            >
              Save note
            </button>
            <button type="button" class="button secondary" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      </Show>
    </div>
  );
}

function StepItem(props: {
  view: RunView;
  row: TimelineRow;
  index: number;
  editable: boolean;
  playbookId: PlaybookId;
}): JSX.Element {
  const id = (): string => `step-${props.row.stepId}`;
  const toggle = (done: boolean, input: HTMLInputElement): void => {
    void props.view
      .apply(
        { type: 'check-step', stepId: props.row.stepId, done },
        `“${props.row.title}” ${done ? 'checked off' : 'reopened'}.`,
      )
      .then((saved) => {
        // The box shows the stored state: a refused change must not leave it ticked.
        if (!saved) input.checked = props.row.done;
      });
  };
  const status = (): string => {
    const row = props.row;
    if (row.done)
      return `Done${row.doneAt ? ` ${formatDay(row.doneAt)}` : ''}${row.doneBy ? ` by ${row.doneBy}` : ''}${row.late ? ' (after its due date)' : ''}`;
    if (!row.due) return `${row.durationDays} days once started`;
    return `Due ${formatDay(row.due)}`;
  };
  return (
    <li
      class="pb-step"
      classList={{ 'is-done': props.row.done, 'is-late': props.row.late && !props.row.done }}
      data-testid={id()}
    >
      <div class="pb-step-row">
        <input
          type="checkbox"
          id={id()}
          class="pb-check"
          checked={props.row.done}
          disabled={!props.editable}
          aria-describedby={`${id()}-meta`}
          data-testid={`step-check-${props.row.stepId}`}
          onChange={(e) => toggle(e.currentTarget.checked, e.currentTarget)}
        />
        <label for={id()} class="pb-step-title">
          <span class="pb-step-number">{props.index + 1}.</span> {props.row.title}
        </label>
      </div>
      <p id={`${id()}-meta`} class="pb-step-meta">
        <span class="pb-step-status">
          <Show
            when={props.row.done}
            fallback={<span aria-hidden="true">{props.row.late ? '▲ ' : '○ '}</span>}
          >
            <span aria-hidden="true">✓ </span>
          </Show>
          {status()}
        </span>
        <Show when={props.row.late && !props.row.done}>
          <span class="pb-overdue">Overdue</span>
        </Show>
      </p>
      <p class="pb-step-who">{whoText(props.playbookId, props.row.stepId)}</p>
      <p class="pb-step-description">{props.row.description}</p>
      <StepNote view={props.view} row={props.row} editable={props.editable} />
    </li>
  );
}

export function StepList(props: { view: RunView }): JSX.Element {
  const report = (): NonNullable<ReturnType<RunView['report']>> => props.view.report()!;
  const editable = (): boolean => props.view.canEdit() && props.view.run()?.state === 'active';
  return (
    <section class="card pb-steps" aria-labelledby="pb-steps-title">
      <h2 id="pb-steps-title" class="pb-heading">
        Steps
      </h2>
      <Show when={props.view.run()?.state === 'planned'}>
        <p class="muted">Start the run to check off its steps; due dates count from the start.</p>
      </Show>
      <Show when={!props.view.canEdit()}>
        <p class="muted">View only: you can change runs on the accounts you own.</p>
      </Show>
      <ol class="pb-step-list">
        {/* By position, not by object: every change rebuilds the rows, and an open note must stay open. */}
        <Index each={report().timeline}>
          {(row, index) => (
            <StepItem
              view={props.view}
              row={row()}
              index={index}
              editable={editable()}
              playbookId={report().playbookId}
            />
          )}
        </Index>
      </ol>
    </section>
  );
}

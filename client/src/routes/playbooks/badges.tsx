/** Run state, outcome and progress as a word and a shape as well as a colour (WCAG: never colour alone). */
import { RUN_STATE_LABELS, type RunState } from '@vitals/shared';
import type { JSX } from 'solid-js';

const STATE_LOOK: Readonly<Record<RunState, { tone: string; shape: string }>> = {
  planned: { tone: 'unknown', shape: '○' },
  active: { tone: 'brand', shape: '▶' },
  completed: { tone: 'green', shape: '✓' },
  abandoned: { tone: 'unknown', shape: '✕' },
};

export function RunStateBadge(props: { state: RunState }): JSX.Element {
  return (
    <span class={`status ${STATE_LOOK[props.state].tone}`} data-testid="run-state">
      <span class="shape" aria-hidden="true">
        {STATE_LOOK[props.state].shape}
      </span>
      {RUN_STATE_LABELS[props.state]}
    </span>
  );
}

export function OutcomeBadge(props: { met: boolean }): JSX.Element {
  return (
    <span class={`status ${props.met ? 'green' : 'red'}`} data-testid="run-outcome">
      <span class="shape" aria-hidden="true">
        {props.met ? '●' : '■'}
      </span>
      {props.met ? 'Criterion met' : 'Criterion not met'}
    </span>
  );
}

/** "3 of 6 steps" with a bar; the words are the accessible value. */
export function StepProgress(props: { done: number; total: number }): JSX.Element {
  const percent = (): number => (props.total === 0 ? 0 : Math.round((props.done / props.total) * 100));
  return (
    <span class="pb-progress">
      <span class="pb-progress-text" data-testid="run-progress">
        {props.done} of {props.total} steps
      </span>
      <span class="pb-progress-bar" aria-hidden="true">
        <span style={{ width: `${percent()}%` }} />
      </span>
    </span>
  );
}

/** A change on this device the server has not confirmed yet. */
export function PendingBadge(): JSX.Element {
  return (
    <span class="pb-pending" data-testid="run-pending">
      <span aria-hidden="true">⟳</span> Waiting to sync
    </span>
  );
}

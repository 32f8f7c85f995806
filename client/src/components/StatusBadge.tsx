import type { HealthStatus } from '@vitals/shared';
import type { JSX } from 'solid-js';

const LABEL: Record<HealthStatus, string> = { green: 'Healthy', yellow: 'At risk', red: 'Critical', unknown: 'No data' };
const SHAPE: Record<HealthStatus, string> = { green: '●', yellow: '▲', red: '■', unknown: '○' };

/** Traffic-light status as colour, shape and word (WCAG: never colour alone). */
export function StatusBadge(props: { status: HealthStatus; score?: number | null }): JSX.Element {
  return (
    <span class={`status ${props.status}`}>
      <span class="shape" aria-hidden="true">
        {SHAPE[props.status]}
      </span>
      {LABEL[props.status]}
      {props.score !== undefined && props.score !== null ? <span> · {props.score}</span> : null}
    </span>
  );
}

/** The shape that goes with a status wherever its colour is shown. */
export function statusShape(status: HealthStatus): string {
  return SHAPE[status];
}

export function statusLabel(status: HealthStatus): string {
  return LABEL[status];
}

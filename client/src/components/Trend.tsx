import type { Trend as HealthTrend } from '@vitals/shared';
import type { JSX } from 'solid-js';

const ARROW = { up: '↑', down: '↓', flat: '→' } as const;
const WORD = { up: 'Improving', down: 'Declining', flat: 'Steady' } as const;

/** "+6 points since last month", "no previous month", … for screen readers and tooltips. */
export function trendText(trend: HealthTrend | undefined): string {
  if (!trend) return 'No trend yet';
  if (trend.delta === null) return `${WORD[trend.arrow]}, no score the month before`;
  if (trend.delta === 0) return `${WORD[trend.arrow]}, same score as last month`;
  const points = Math.abs(trend.delta) === 1 ? 'point' : 'points';
  return `${WORD[trend.arrow]}, ${trend.delta > 0 ? '+' : trend.delta < 0 ? '−' : '±'}${Math.abs(trend.delta)} ${points} since last month`;
}

/** The score trend as an arrow, a signed delta and (for assistive technology) words: never colour alone. */
export function TrendIndicator(props: { trend: HealthTrend | undefined; showWord?: boolean }): JSX.Element {
  const arrow = (): 'up' | 'down' | 'flat' => props.trend?.arrow ?? 'flat';
  const delta = (): string => {
    const d = props.trend?.delta;
    if (d === null || d === undefined) return '';
    return d > 0 ? `+${d}` : d < 0 ? `−${Math.abs(d)}` : '±0';
  };
  return (
    <span class={`trend trend-${arrow()}`} title={trendText(props.trend)}>
      <span aria-hidden="true" class="trend-arrow">
        {ARROW[arrow()]}
      </span>
      <span aria-hidden="true">{props.showWord ? ` ${WORD[arrow()]} ${delta()}` : ` ${delta()}`}</span>
      <span class="visually-hidden">{trendText(props.trend)}</span>
    </span>
  );
}

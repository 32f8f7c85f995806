/**
 * A KPI against its reference range: red, yellow and green zones laid out for the KPI's direction, the
 * bounds written under the bar, and a marker at the value. The whole reading is also one sentence for
 * screen readers, so nothing depends on seeing the colours.
 */
import { kpiStatus, type KpiDefinition, type KpiStatus } from '@vitals/shared';
import { For, Show, type JSX } from 'solid-js';
import { formatKpiValue } from '../format';
import './RangeBar.css';

export interface RangeZone {
  readonly status: KpiStatus;
  readonly from: number;
  readonly to: number;
}

export interface RangeLayout {
  readonly min: number;
  readonly max: number;
  readonly zones: readonly RangeZone[];
  /** Marker position 0…1, `null` without a value. */
  readonly position: number | null;
  /** The value lies beyond the drawn scale; the marker sits at the edge. */
  readonly offScale: 'below' | 'above' | null;
}

export const KPI_STATUS_WORD: Record<KpiStatus, string> = {
  green: 'On target',
  yellow: 'Watch',
  red: 'Off target',
};
export const KPI_STATUS_SHAPE: Record<KpiStatus, string> = { green: '●', yellow: '▲', red: '■' };

/**
 * The scale spans the yellow band with 1.5 of its widths on either side, so the three zones read alike on
 * every KPI (a 0…300 % NRR scale would squeeze its yellow band to a hairline), never less than a quarter
 * width (a green zone of "≤ 0 days" must still show), and stretches by up to half again to take in the value.
 */
export function rangeLayout(kpi: KpiDefinition, value: number | null | undefined): RangeLayout | null {
  if (kpi.direction === null) return null;
  const lo = Math.min(kpi.green, kpi.yellow);
  const hi = Math.max(kpi.green, kpi.yellow);
  const span = hi - lo || Math.max(Math.abs(hi), 1);
  let min = Math.min(Math.max(kpi.plausible.min, lo - 1.5 * span), lo - 0.25 * span);
  let max = Math.max(Math.min(kpi.plausible.max, hi + 1.5 * span), hi + 0.25 * span);
  const width = max - min;
  const has = value !== null && value !== undefined && Number.isFinite(value);
  if (has && value < min) min = Math.max(value - 0.05 * width, min - 0.5 * width);
  if (has && value > max) max = Math.min(value + 0.05 * width, max + 0.5 * width);
  const zones: RangeZone[] =
    kpi.direction === 'higher'
      ? [
          { status: 'red', from: min, to: kpi.yellow },
          { status: 'yellow', from: kpi.yellow, to: kpi.green },
          { status: 'green', from: kpi.green, to: max },
        ]
      : [
          { status: 'green', from: min, to: kpi.green },
          { status: 'yellow', from: kpi.green, to: kpi.yellow },
          { status: 'red', from: kpi.yellow, to: max },
        ];
  const raw = has ? (value - min) / (max - min) : null;
  return {
    min,
    max,
    zones: zones.filter((z) => z.to > z.from),
    position: raw === null ? null : Math.min(1, Math.max(0, raw)),
    offScale: raw === null ? null : raw < 0 ? 'below' : raw > 1 ? 'above' : null,
  };
}

/** "Green at 80% or more, yellow at 60% or more, red below." */
export function rangeSentence(kpi: KpiDefinition): string {
  if (kpi.direction === null) return 'Not scored.';
  const [better, worse] = kpi.direction === 'higher' ? ['or more', 'below'] : ['or less', 'above'];
  return `Green at ${formatKpiValue(kpi, kpi.green)} ${better}, yellow at ${formatKpiValue(kpi, kpi.yellow)} ${better}, red ${worse}.`;
}

export function RangeBar(props: { kpi: KpiDefinition; value: number | null | undefined }): JSX.Element {
  const layout = (): RangeLayout | null => rangeLayout(props.kpi, props.value);
  const percent = (v: number): number => {
    const l = layout()!;
    return ((v - l.min) / (l.max - l.min)) * 100;
  };
  const label = (): string => {
    const v = props.value;
    const reading =
      v === null || v === undefined
        ? 'no data'
        : `${formatKpiValue(props.kpi, v)}, ${KPI_STATUS_WORD[kpiStatus(props.kpi, v)].toLowerCase()}`;
    return `${props.kpi.name}: ${reading}. ${rangeSentence(props.kpi)}`;
  };
  return (
    <Show when={layout()} fallback={<span class="range-unscored muted">Tracked, not scored</span>}>
      {(l) => (
        <div class="range-bar" role="img" aria-label={label()}>
          <div class="range-track">
            <div class="range-zones">
              <For each={l().zones}>
                {(zone) => (
                  <span
                    class={`range-zone ${zone.status}`}
                    style={{
                      left: `${percent(zone.from)}%`,
                      width: `${percent(zone.to) - percent(zone.from)}%`,
                    }}
                  />
                )}
              </For>
            </div>
            <Show when={l().position !== null}>
              <span
                class={`range-marker${l().offScale ? ` off-${l().offScale}` : ''}`}
                style={{ left: `${l().position! * 100}%` }}
              />
            </Show>
          </div>
          <div class="range-ticks" aria-hidden="true">
            <For each={[props.kpi.yellow, props.kpi.green].sort((a, b) => a - b)}>
              {(bound) => (
                <span class="range-tick" style={{ left: `${percent(bound)}%` }}>
                  {formatKpiValue(props.kpi, bound)}
                </span>
              )}
            </For>
          </div>
        </div>
      )}
    </Show>
  );
}

/**
 * A monthly trend: the values so far, a dashed forecast with its interval as a band, unusual months ringed,
 * and optional reference zones behind. The canvas is decoration for sighted users; the caption says what
 * it shows in words and a visually hidden table holds every number, so the chart is never the only way in.
 */
import { createEffect, createSignal, For, onCleanup, onMount, Show, type JSX } from 'solid-js';
import type uPlot from 'uplot';
import { chartThemeVersion, readChartColors, withAlpha, type ChartColors } from './chart-theme';
import { ChartTable } from './ChartTable';
import { loadUplot } from './load-uplot';
import './charts.css';

export interface TrendData {
  /** Short axis labels, one per month ("Mar"). */
  readonly labels: readonly string[];
  /** Full month names for the table and the hover readout ("Mar 2025"). */
  readonly months: readonly string[];
  readonly actual: readonly (number | null)[];
  /** Forecast line; it starts at the last actual value so the two lines join. */
  readonly forecast: readonly (number | null)[];
  readonly low: readonly (number | null)[];
  readonly high: readonly (number | null)[];
  readonly anomaly: readonly boolean[];
}

export interface TrendZones {
  readonly direction: 'higher' | 'lower';
  readonly green: number;
  readonly yellow: number;
}

export interface TrendChartProps {
  readonly data: TrendData;
  /** What is plotted, for the table caption and the readout ("Health score"). */
  readonly title: string;
  readonly summary: string;
  readonly format: (value: number) => string;
  readonly formatAxis?: (value: number) => string;
  readonly yRange: readonly [number, number];
  readonly zones?: TrendZones;
  readonly height?: number;
}

const SERIES = { actual: 1, forecast: 2, low: 3, high: 4, anomaly: 5 } as const;

function lastIndex(values: readonly (number | null)[]): number {
  for (let i = values.length - 1; i >= 0; i--) if (values[i] !== null) return i;
  return -1;
}

function zoneRects(
  zones: TrendZones,
  range: readonly [number, number],
): { from: number; to: number; key: 'red' | 'yellow' | 'green' }[] {
  const [min, max] = range;
  const { green, yellow } = zones;
  return zones.direction === 'higher'
    ? [
        { from: min, to: yellow, key: 'red' },
        { from: yellow, to: green, key: 'yellow' },
        { from: green, to: max, key: 'green' },
      ]
    : [
        { from: min, to: green, key: 'green' },
        { from: green, to: yellow, key: 'yellow' },
        { from: yellow, to: max, key: 'red' },
      ];
}

function buildOptions(
  props: TrendChartProps,
  colors: ChartColors,
  width: number,
  onHover: (index: number | null) => void,
): uPlot.Options {
  const d = props.data;
  const n = d.labels.length;
  const font = `12px ${colors.font}`;
  const lastActual = lastIndex(d.actual);
  const hasForecast = d.forecast.some((v, i) => v !== null && i > lastActual);
  const drawBackground = (u: uPlot): void => {
    const ctx = u.ctx;
    const { left, top, width: w, height: h } = u.bbox;
    ctx.save();
    if (props.zones) {
      for (const zone of zoneRects(props.zones, props.yRange)) {
        const y1 = Math.max(top, Math.min(top + h, u.valToPos(zone.to, 'y', true)));
        const y2 = Math.max(top, Math.min(top + h, u.valToPos(zone.from, 'y', true)));
        if (y2 <= y1) continue;
        ctx.fillStyle = withAlpha(colors[zone.key], 0.09);
        ctx.fillRect(left, y1, w, y2 - y1);
      }
    }
    if (hasForecast && lastActual >= 0) {
      const x = u.valToPos(lastActual, 'x', true);
      ctx.fillStyle = withAlpha(colors.muted, 0.07);
      ctx.fillRect(x, top, left + w - x, h);
      ctx.strokeStyle = colors.muted;
      ctx.setLineDash([3 * devicePixelRatio, 3 * devicePixelRatio]);
      ctx.lineWidth = devicePixelRatio;
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, top + h);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = colors.muted;
      ctx.font = `${11 * devicePixelRatio}px ${colors.font}`;
      ctx.textAlign = 'right';
      ctx.fillText('Forecast', left + w - 6 * devicePixelRatio, top + 14 * devicePixelRatio);
    }
    ctx.restore();
  };
  return {
    width,
    height: props.height ?? 220,
    legend: { show: false },
    // Fixed padding: uPlot's automatic side padding leaves a wide empty strip on a phone.
    padding: [12, 14, 0, 0],
    cursor: { drag: { x: false, y: false, setScale: false }, points: { size: 8 } },
    scales: {
      x: { time: false, range: () => [-0.4, n - 0.6] },
      y: { range: () => [props.yRange[0], props.yRange[1]] },
    },
    axes: [
      {
        stroke: colors.muted,
        font,
        grid: { show: false },
        ticks: { stroke: colors.border, width: 1, size: 4 },
        space: 34,
        incrs: [1, 2, 3, 4, 6, 12],
        values: (_u, splits) => splits.map((i) => d.labels[i] ?? ''),
      },
      {
        stroke: colors.muted,
        font,
        size: 52,
        space: 36,
        grid: { stroke: withAlpha(colors.muted, 0.18), width: 1 },
        ticks: { show: false },
        values: (_u, splits) => splits.map((v) => (props.formatAxis ?? props.format)(v)),
      },
    ],
    series: [
      {},
      {
        label: props.title,
        stroke: colors.brand,
        width: 2.5,
        spanGaps: false,
        points: { show: true, size: 7, width: 2, fill: colors.surface, stroke: colors.brand },
      },
      { label: 'Forecast', stroke: colors.brand, width: 2, dash: [6, 5], points: { show: false } },
      { label: 'Forecast low', stroke: 'transparent', width: 0, points: { show: false } },
      { label: 'Forecast high', stroke: 'transparent', width: 0, points: { show: false } },
      {
        label: 'Unusual',
        stroke: 'transparent',
        width: 0,
        paths: () => null,
        points: { show: true, size: 16, width: 2.5, stroke: colors.red, fill: 'transparent' },
      },
    ],
    bands: [{ series: [SERIES.high, SERIES.low], fill: withAlpha(colors.brand, 0.16) }],
    hooks: {
      drawClear: [drawBackground],
      setCursor: [(u) => onHover(u.cursor.idx ?? null)],
    },
  };
}

function toAligned(d: TrendData): uPlot.AlignedData {
  const xs = d.labels.map((_, i) => i);
  const anomalies = d.actual.map((v, i) => (d.anomaly[i] ? v : null));
  return [
    xs,
    [...d.actual],
    [...d.forecast],
    [...d.low],
    [...d.high],
    anomalies,
  ] as unknown as uPlot.AlignedData;
}

export function TrendChart(props: TrendChartProps): JSX.Element {
  let host: HTMLDivElement | undefined;
  let chart: uPlot | null = null;
  const [ctor, setCtor] = createSignal<typeof uPlot | null>(null);
  const [failed, setFailed] = createSignal(false);
  const [hover, setHover] = createSignal<number | null>(null);

  onMount(() => {
    loadUplot()
      .then((u) => setCtor(() => u))
      // Without the chunk (an old cache, say) the caption and table still carry everything.
      .catch(() => setFailed(true));
    const observer = new ResizeObserver(() => {
      if (chart && host) chart.setSize({ width: host.clientWidth, height: props.height ?? 220 });
    });
    if (host) observer.observe(host);
    onCleanup(() => observer.disconnect());
  });

  createEffect(() => {
    const UPlot = ctor();
    chartThemeVersion();
    const data = toAligned(props.data);
    if (!UPlot || !host) return;
    const options = buildOptions(props, readChartColors(), host.clientWidth || 320, setHover);
    chart?.destroy();
    chart = new UPlot(options, data, host);
  });
  onCleanup(() => chart?.destroy());

  const readout = (): string => {
    const i = hover();
    const d = props.data;
    if (i === null || i < 0 || i >= d.labels.length) return '';
    const actual = d.actual[i];
    const forecast = d.forecast[i];
    if (actual !== null && actual !== undefined)
      return `${d.months[i]}: ${props.format(actual)}${d.anomaly[i] ? ' · unusual' : ''}`;
    if (forecast !== null && forecast !== undefined) {
      const low = d.low[i];
      const high = d.high[i];
      const range =
        low !== null && low !== undefined && high !== null && high !== undefined
          ? ` (${props.format(low)}–${props.format(high)})`
          : '';
      return `${d.months[i]}: forecast ${props.format(forecast)}${range}`;
    }
    return `${d.months[i]}: no data`;
  };

  return (
    <figure class="trend-chart">
      <figcaption class="trend-summary">{props.summary}</figcaption>
      <div class="trend-readout" aria-hidden="true">
        {readout() || '\u00a0'}
      </div>
      <div
        class="trend-canvas"
        ref={host}
        aria-hidden="true"
        style={{ height: `${props.height ?? 220}px` }}
      />
      <Show when={failed()}>
        <p class="muted">The chart could not be drawn; the values are listed below.</p>
      </Show>
      <ul class="trend-legend" aria-hidden="true">
        <li>
          <span class="key key-line" /> Actual
        </li>
        <Show when={props.data.forecast.some((v) => v !== null)}>
          <li>
            <span class="key key-dash" /> Forecast
          </li>
          <Show when={props.data.low.some((v) => v !== null)}>
            <li>
              <span class="key key-band" /> Likely range (80%)
            </li>
          </Show>
        </Show>
        <Show when={props.data.anomaly.some(Boolean)}>
          <li>
            <span class="key key-ring" /> Unusual month
          </li>
        </Show>
        <For each={props.zones ? (['green', 'yellow', 'red'] as const) : []}>
          {(zone) => (
            <li>
              <span class={`key key-zone ${zone}`} />{' '}
              {zone === 'green' ? 'Green zone' : zone === 'yellow' ? 'Yellow zone' : 'Red zone'}
            </li>
          )}
        </For>
      </ul>
      <ChartTable data={props.data} title={props.title} format={props.format} />
    </figure>
  );
}

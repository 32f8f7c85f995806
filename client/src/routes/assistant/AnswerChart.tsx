/**
 * An answer's chart (a KPI over months, accounts side by side): lines or grouped bars on uPlot, loaded on
 * first use. Series differ by colour and, for lines, by dash pattern; the legend names them, and a visually
 * hidden table holds every number, so the canvas is never the only way to the values.
 */
import type { AnswerChart as ChartData } from '@vitals/shared';
import { createEffect, createSignal, For, onCleanup, onMount, Show, type JSX } from 'solid-js';
import type uPlot from 'uplot';
import { chartThemeVersion, readChartColors, type ChartColors } from '../../components/charts/chart-theme';
import { loadUplot } from '../../components/charts/load-uplot';
import { formatMonth } from '../../format';
import '../../components/charts/charts.css';

const HEIGHT = 220;
const DASHES: readonly number[][] = [[], [7, 5], [2, 4], [10, 4, 2, 4]];

function palette(colors: ChartColors): string[] {
  const style = getComputedStyle(document.documentElement);
  const focus = style.getPropertyValue('--focus').trim() || '#2563eb';
  return [colors.brand, focus, colors.yellow, colors.muted];
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Axis labels: months short ("Sep 25"), anything else as given. */
function axisLabel(x: string): string {
  if (!MONTH.test(x)) return x;
  const [year, month] = x.split('-');
  return `${new Date(Date.UTC(Number(year), Number(month) - 1, 1)).toLocaleDateString(undefined, { month: 'short', timeZone: 'UTC' })} ${year!.slice(2)}`;
}

function fullLabel(x: string): string {
  return MONTH.test(x) ? formatMonth(x) : x;
}

export function formatChartValue(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return (Math.round(value * 10) / 10).toLocaleString();
}

/** y from the data with some air; bars start at zero. */
function yRange(chart: ChartData): [number, number] {
  const values = chart.series.flatMap((s) =>
    s.values.filter((v): v is number => v !== null && Number.isFinite(v)),
  );
  if (values.length === 0) return [0, 1];
  let min = Math.min(...values);
  let max = Math.max(...values);
  if (chart.type === 'bar') {
    min = Math.min(0, min);
    max = Math.max(0, max);
  }
  const pad = (max - min || Math.abs(max) || 1) * 0.1;
  return [chart.type === 'bar' && min === 0 ? 0 : min - pad, max + pad];
}

/** Bars for series `index` of `count`, side by side within each x slot. */
function groupedBars(index: number, count: number): uPlot.Series.PathBuilder {
  return (u, seriesIdx, idx0, idx1) => {
    const path = new Path2D();
    const xs = u.data[0];
    const ys = u.data[seriesIdx] as (number | null)[];
    const slot =
      xs.length > 1 ? Math.abs(u.valToPos(1, 'x', true) - u.valToPos(0, 'x', true)) : u.bbox.width / 2;
    const group = slot * 0.7;
    const bar = group / count;
    const zero = u.valToPos(Math.max(0, u.scales.y?.min ?? 0), 'y', true);
    for (let i = idx0; i <= idx1; i++) {
      const v = ys[i];
      if (v === null || v === undefined) continue;
      const left = u.valToPos(xs[i]!, 'x', true) - group / 2 + index * bar;
      const top = u.valToPos(v, 'y', true);
      path.rect(left + 1, Math.min(top, zero), Math.max(1, bar - 2), Math.abs(zero - top));
    }
    return { stroke: path, fill: path };
  };
}

const LABEL_MAX = 18;
/** Roughly the width of one character of the axis font, for deciding when labels need turning. */
const CHAR_PX = 6.5;

function shortLabel(x: string): string {
  const label = axisLabel(x);
  return label.length > LABEL_MAX ? `${label.slice(0, LABEL_MAX - 1)}…` : label;
}

/**
 * Category labels (KPI or account names under bars) are turned when they would not fit side by side, and
 * shortened; the legend, the table and the hidden data table carry them in full.
 */
function xAxisLayout(chart: ChartData, width: number): { rotate: number; size: number; space: number } {
  const plotWidth = Math.max(120, width - 70);
  const longest = Math.max(...chart.x.map((x) => shortLabel(x).length), 1);
  const fits = longest * CHAR_PX + 8 <= plotWidth / Math.max(1, chart.x.length);
  if (fits || chart.type === 'line') return { rotate: 0, size: 30, space: 40 };
  return { rotate: 40, size: Math.min(120, Math.ceil(longest * CHAR_PX * 0.7) + 16), space: 16 };
}

function options(chart: ChartData, colors: ChartColors, width: number): uPlot.Options {
  const font = `12px ${colors.font}`;
  const seriesColors = palette(colors);
  const n = chart.x.length;
  const [min, max] = yRange(chart);
  const xAxis = xAxisLayout(chart, width);
  return {
    width,
    // Turned labels take their room from below the plot, not from it.
    height: HEIGHT + xAxis.size - 30,
    legend: { show: false },
    // Turned labels reach left of their bar: room for the first one beside the y axis.
    padding: [12, 14, 0, xAxis.rotate ? 36 : 0],
    cursor: { drag: { x: false, y: false, setScale: false }, points: { size: 8 } },
    scales: { x: { time: false, range: () => [-0.5, n - 0.5] }, y: { range: () => [min, max] } },
    axes: [
      {
        stroke: colors.muted,
        font,
        grid: { show: false },
        ticks: { stroke: colors.border, width: 1, size: 4 },
        space: xAxis.space,
        size: xAxis.size,
        rotate: xAxis.rotate,
        incrs: [1, 2, 3, 4, 6, 12],
        values: (_u, splits) => splits.map((i) => (Number.isInteger(i) ? shortLabel(chart.x[i] ?? '') : '')),
      },
      {
        stroke: colors.muted,
        font,
        size: 56,
        space: 36,
        grid: { stroke: colors.border, width: 1 },
        ticks: { show: false },
        values: (_u, splits) => splits.map((v) => formatChartValue(v)),
      },
    ],
    series: [
      {},
      ...chart.series.map((s, i): uPlot.Series => {
        const color = seriesColors[i % seriesColors.length]!;
        return chart.type === 'bar'
          ? {
              label: s.label,
              stroke: color,
              fill: color,
              width: 0,
              paths: groupedBars(i, chart.series.length),
              points: { show: false },
            }
          : {
              label: s.label,
              stroke: color,
              width: 2.5,
              dash: DASHES[i % DASHES.length]!,
              spanGaps: false,
              points: { show: true, size: 6, width: 2, fill: colors.surface, stroke: color },
            };
      }),
    ],
  };
}

export function AnswerChart(props: { chart: ChartData }): JSX.Element {
  let host: HTMLDivElement | undefined;
  let plot: uPlot | null = null;
  const [ctor, setCtor] = createSignal<typeof uPlot | null>(null);
  const [failed, setFailed] = createSignal(false);
  // Rebuilt when the width changes: whether labels need turning depends on it.
  const [width, setWidth] = createSignal(0);

  onMount(() => {
    loadUplot()
      .then((u) => setCtor(() => u))
      // Without the chart's code (offline before it was cached) the legend and the table still say everything.
      .catch(() => setFailed(true));
    const observer = new ResizeObserver(() => setWidth(Math.round(host?.clientWidth ?? 0)));
    if (host) observer.observe(host);
    onCleanup(() => observer.disconnect());
  });

  createEffect(() => {
    const UPlot = ctor();
    chartThemeVersion();
    const w = width();
    if (!UPlot || !host || w === 0) return;
    const data = [
      props.chart.x.map((_, i) => i),
      ...props.chart.series.map((s) => [...s.values]),
    ] as unknown as uPlot.AlignedData;
    plot?.destroy();
    const opts = options(props.chart, readChartColors(), w);
    host.style.height = `${opts.height}px`;
    plot = new UPlot(opts, data, host);
  });
  onCleanup(() => plot?.destroy());

  const colorOf = (i: number): string => `var(--chart-${i % DASHES.length})`;

  return (
    <figure class="answer-chart">
      <figcaption class="answer-chart-title">{props.chart.title}</figcaption>
      <div class="trend-canvas" ref={host} aria-hidden="true" style={{ height: `${HEIGHT}px` }} />
      <Show when={failed()}>
        <p class="muted">The chart could not be drawn here; its values are in the table.</p>
      </Show>
      <ul class="trend-legend" aria-hidden="true">
        <For each={props.chart.series}>
          {(s, i) => (
            <li>
              <span
                class={`key ${props.chart.type === 'bar' ? 'key-bar' : 'key-series'}`}
                style={{
                  '--key-color': colorOf(i()),
                  'border-top-style':
                    props.chart.type === 'bar' || i() === 0 ? 'solid' : i() === 2 ? 'dotted' : 'dashed',
                }}
              />{' '}
              {fullLabel(s.label)}
            </li>
          )}
        </For>
      </ul>
      <div class="visually-hidden">
        <table>
          <caption>{props.chart.title}</caption>
          <thead>
            <tr>
              <th scope="col">{props.chart.type === 'line' ? 'Month' : 'Label'}</th>
              <For each={props.chart.series}>{(s) => <th scope="col">{fullLabel(s.label)}</th>}</For>
            </tr>
          </thead>
          <tbody>
            <For each={props.chart.x}>
              {(x, i) => (
                <tr>
                  <th scope="row">{fullLabel(x)}</th>
                  <For each={props.chart.series}>{(s) => <td>{formatChartValue(s.values[i()])}</td>}</For>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </figure>
  );
}

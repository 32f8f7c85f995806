import {
  CATEGORIES,
  CATEGORY_NAMES,
  GREEN_SCORE,
  statusForScore,
  YELLOW_SCORE,
  type Catalog,
  type HealthStatus,
  type ScorePoint,
} from '@vitals/shared';
import { createEffect, For, on, Show, type JSX } from 'solid-js';
import { StatusBadge, statusLabel } from '../../components/StatusBadge';
import { trendText } from '../../components/Trend';
import { formatCents, formatKpiValue, formatMonth } from '../../format';
import { formatDate } from '../portfolio/model';
import { shortKpiName, type MeetingEntry } from './model';

const SHAPE: Record<HealthStatus, string> = { green: '●', yellow: '▲', red: '■', unknown: '○' };
const ARROW = { up: '↑', down: '↓', flat: '→' } as const;

/** One account for the room: status and score with its trend, what drives it, and the five categories. */
export function MeetingAccount(props: {
  entry: MeetingEntry;
  catalog: Catalog;
  changed: boolean;
  pager: JSX.Element;
}): JSX.Element {
  let heading: HTMLHeadingElement | undefined;
  // Each new account moves focus to its name, so keyboard and screen-reader users hear where they are.
  createEffect(
    on(
      () => props.entry.account.id,
      () => heading?.focus({ preventScroll: true }),
    ),
  );

  const h = (): MeetingEntry['health'] => props.entry.health;
  const drivers = (): NonNullable<MeetingEntry['health']>['drivers'] => (h()?.drivers ?? []).slice(0, 4);

  return (
    <article
      class={`meeting-account status-${props.entry.status}`}
      classList={{ changed: props.changed }}
      aria-labelledby="meeting-account-name"
    >
      <header class="meeting-account-head">
        <div class="meeting-account-title">
          <h1 id="meeting-account-name" ref={heading} tabIndex={-1}>
            {props.entry.account.name}
          </h1>
          {props.pager}
        </div>
        <p class="meeting-account-meta">
          <span>{props.entry.account.segment || 'No segment'}</span>
          <Show when={props.entry.arr !== null}>
            <span>ARR {formatCents(props.entry.arr, true)}</span>
          </Show>
          <Show when={props.entry.account.renewalDate}>
            <span>
              Renews {formatDate(props.entry.account.renewalDate!)}
              {props.entry.renewalDays !== null && props.entry.renewalDays >= 0
                ? ` (in ${props.entry.renewalDays} days)`
                : props.entry.renewalDays !== null
                  ? ' (passed)'
                  : ''}
            </span>
          </Show>
          <Show when={props.entry.ownerName}>
            <span>CSM {props.entry.ownerName}</span>
          </Show>
        </p>
      </header>

      <div class="meeting-account-grid">
        <section class="meeting-panel meeting-health" aria-labelledby="meeting-health-title">
          <h2 id="meeting-health-title" class="meeting-panel-title">
            Health{h() ? ` · ${formatMonth(h()!.month)}` : ''}
          </h2>
          <div class="meeting-score-row">
            <p class="meeting-score">
              <span class="score-value">{h()?.score ?? '—'}</span>
              <span class="score-of">/ 100</span>
            </p>
            <p class={`meeting-status status-${props.entry.status}`}>
              <span aria-hidden="true">{SHAPE[props.entry.status]}</span> {statusLabel(props.entry.status)}
            </p>
          </div>
          <p class={`meeting-trend trend-${h()?.trend.arrow ?? 'flat'}`}>
            <span aria-hidden="true" class="trend-arrow">
              {ARROW[h()?.trend.arrow ?? 'flat']}
            </span>{' '}
            {trendText(h()?.trend)}
          </p>
          <Show when={h()?.critical}>
            <p class="meeting-note">A critical KPI is red, so the status is at most “At risk”.</p>
          </Show>
          <Show when={(h()?.history.filter((p) => p.score !== null).length ?? 0) > 1}>
            <Sparkline history={h()!.history} />
          </Show>
        </section>

        <section class="meeting-panel meeting-drivers" aria-labelledby="meeting-drivers-title">
          <h2 id="meeting-drivers-title" class="meeting-panel-title">
            What drives the score
          </h2>
          <Show
            when={drivers().length > 0}
            fallback={
              <p class="meeting-empty">
                {h()?.score === null || !h()
                  ? 'Not enough data to score this account yet.'
                  : 'Every scored KPI is on target.'}
              </p>
            }
          >
            <ol class="meeting-driver-list">
              <For each={drivers()}>
                {(d) => {
                  const kpi = props.catalog.byId[d.kpi];
                  return (
                    <li>
                      <span class="driver-name">{shortKpiName(props.catalog, d.kpi)}</span>
                      <span class="driver-value">{formatKpiValue(kpi, d.value)}</span>
                      <StatusBadge status={d.status} />
                      <span class="driver-target">
                        Target {kpi.direction === 'lower' ? '≤' : '≥'} {formatKpiValue(kpi, kpi.green)}
                      </span>
                    </li>
                  );
                }}
              </For>
            </ol>
          </Show>
        </section>
      </div>

      <section class="meeting-categories" aria-labelledby="meeting-categories-title">
        <h2 id="meeting-categories-title" class="meeting-panel-title">
          Categories
        </h2>
        <ul>
          <For each={[...CATEGORIES]}>
            {(category) => {
              const score = (): number | null => h()?.categories[category] ?? null;
              const status = (): HealthStatus => (score() === null ? 'unknown' : statusForScore(score()!));
              return (
                <li class={`meeting-category status-${status()}`}>
                  <span class="category-name">{CATEGORY_NAMES[category]}</span>
                  <span class="category-row">
                    <span class="category-score">{score() ?? '—'}</span>
                    <span class="category-status">
                      <span aria-hidden="true">{SHAPE[status()]}</span> {statusLabel(status())}
                    </span>
                  </span>
                  <span class="category-bar" aria-hidden="true">
                    <span style={{ width: `${score() ?? 0}%` }} />
                  </span>
                </li>
              );
            }}
          </For>
        </ul>
      </section>
    </article>
  );
}

/** Score over the months, with the green and yellow bounds as guides; the numbers are in the label. */
function Sparkline(props: { history: readonly ScorePoint[] }): JSX.Element {
  const W = 320;
  const H = 64;
  const points = (): { x: number; y: number; p: ScorePoint }[] => {
    const list = props.history;
    // The right edge is left for the guide labels.
    const step = list.length > 1 ? (W - 28) / (list.length - 1) : 0;
    return list.flatMap((p, i) => (p.score === null ? [] : [{ x: i * step, y: H - (p.score / 100) * H, p }]));
  };
  const y = (score: number): number => H - (score / 100) * H;
  const label = (): string =>
    `Score by month: ${props.history.map((p) => `${formatMonth(p.month)} ${p.score ?? 'no score'}`).join(', ')}`;
  const first = (): ScorePoint | undefined => props.history[0];
  const last = (): ScorePoint | undefined => props.history[props.history.length - 1];
  return (
    <figure class="meeting-spark">
      <svg viewBox={`-6 -6 ${W + 12} ${H + 12}`} role="img" aria-label={label()}>
        <line class="guide" x1="0" x2={W - 22} y1={y(GREEN_SCORE)} y2={y(GREEN_SCORE)} />
        <text class="guide-label" x={W} y={y(GREEN_SCORE) + 4} text-anchor="end">
          {GREEN_SCORE}
        </text>
        <line class="guide" x1="0" x2={W - 22} y1={y(YELLOW_SCORE)} y2={y(YELLOW_SCORE)} />
        <text class="guide-label" x={W} y={y(YELLOW_SCORE) + 4} text-anchor="end">
          {YELLOW_SCORE}
        </text>
        <polyline
          points={points()
            .map((p) => `${p.x},${p.y}`)
            .join(' ')}
        />
        <For each={points()}>{(p) => <circle cx={p.x} cy={p.y} r="4" />}</For>
      </svg>
      <figcaption aria-hidden="true">
        <span>{first() ? formatMonth(first()!.month) : ''}</span>
        <span>{last() ? formatMonth(last()!.month) : ''}</span>
      </figcaption>
    </figure>
  );
}

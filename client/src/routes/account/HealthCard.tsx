/** The account's status with its score and trend, and the "why": the KPIs costing the most points. */
import { previousMonth, type Driver } from '@vitals/shared';
import { For, Show, type JSX } from 'solid-js';
import { KPI_STATUS_SHAPE, KPI_STATUS_WORD } from '../../components/RangeBar';
import { StatusBadge } from '../../components/StatusBadge';
import { formatKpiValue, formatMonth } from '../../format';
import type { AccountView } from './account-view';

const ARROW = { up: '↑', down: '↓', flat: '→' } as const;
const TOP_DRIVERS = 3;

/** Score points a driver costs: its weighted cost spread over the weight that was scored. */
function scorePoints(driver: Driver, weight: number): string {
  const points = weight > 0 ? driver.cost / weight : 0;
  return points < 1 ? '<1' : String(Math.round(points));
}

export function HealthCard(props: { view: AccountView }): JSX.Element {
  const health = (): ReturnType<AccountView['health']> => props.view.health();
  const catalog = props.view.data.catalog;
  const trendWords = (): string => {
    const h = health();
    const month = props.view.latest();
    if (!h || h.trend.delta === null || !month) return 'No change to compare yet';
    const d = h.trend.delta;
    const since = formatMonth(previousMonth(month));
    return d === 0 ? `Unchanged since ${since}` : `${d > 0 ? 'Up' : 'Down'} ${Math.abs(d)} since ${since}`;
  };
  return (
    <section class="card acct-health" aria-labelledby="acct-health-title">
      <h2 id="acct-health-title" class="acct-section-title">
        Health
        <Show when={props.view.latest()}>
          {(m) => <span class="muted acct-asof"> · as of {formatMonth(m())}</span>}
        </Show>
      </h2>
      <div class="acct-status-row">
        <span class="acct-status" data-testid="account-status">
          <StatusBadge status={health()?.status ?? 'unknown'} score={health()?.score} />
        </span>
        <span class={`acct-trend ${health()?.trend.arrow ?? 'flat'}`}>
          <span aria-hidden="true" class="acct-trend-arrow">
            {ARROW[health()?.trend.arrow ?? 'flat']}
          </span>
          <span>{trendWords()}</span>
        </span>
        <Show when={health()?.trend.slope !== null && health()?.trend.slope !== undefined}>
          <span class="muted acct-slope">
            Slope {health()!.trend.slope! >= 0 ? '+' : '−'}
            {Math.abs(health()!.trend.slope!).toFixed(1)} points a month over{' '}
            {Math.min(6, health()!.history.filter((p) => p.score !== null).length)} months
          </span>
        </Show>
      </div>

      <Show when={health()?.critical}>
        <p class="acct-note">
          Capped at “At risk”: a critical KPI (weight 3) is in the red, whatever the score.
        </p>
      </Show>
      <Show when={health() && health()!.status === 'unknown'}>
        <p class="acct-note">
          Not enough data for a score: the KPIs with a value this month carry{' '}
          {Math.round((health()?.coverage ?? 0) * 100)}% of the scoring weight, and a score needs at least
          50%.
        </p>
      </Show>

      <h3 class="acct-why-title">Why</h3>
      <Show
        when={(health()?.drivers.length ?? 0) > 0}
        fallback={
          <p class="muted acct-why-empty">
            {health()?.score !== null && health()
              ? 'Every KPI with a value is on target.'
              : 'No KPI values this month to explain.'}
          </p>
        }
      >
        <ol class="acct-drivers">
          <For each={health()!.drivers.slice(0, TOP_DRIVERS)}>
            {(driver) => {
              const kpi = catalog.byId[driver.kpi];
              return (
                <li class="acct-driver">
                  <span class={`acct-driver-status ${driver.status}`} aria-hidden="true">
                    {KPI_STATUS_SHAPE[driver.status]}
                  </span>
                  <span class="acct-driver-name">
                    {kpi.name}{' '}
                    <span class="acct-driver-value">
                      {formatKpiValue(kpi, driver.value)} · {KPI_STATUS_WORD[driver.status].toLowerCase()}
                    </span>
                  </span>
                  <span
                    class="acct-driver-cost"
                    title={`Weight ${driver.weight} × ${100 - driver.points} points lost = ${driver.cost}`}
                  >
                    −{scorePoints(driver, props.view.weightWithValues())} pts
                  </span>
                </li>
              );
            }}
          </For>
        </ol>
      </Show>
    </section>
  );
}

/** Score and one chosen KPI over the months, each with its forecast band and unusual months marked. */
import { isKpiId, type KpiDefinition, type KpiId } from '@vitals/shared';
import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import { TrendChart } from '../../components/charts/TrendChart';
import { formatKpiValue } from '../../format';
import type { AccountView } from './account-view';
import { axisFormat, kpiTrend, scoreTrend, trendSummary } from './trend-model';

const formatScore = (v: number): string => String(Math.round(v));
const SCORE_ZONES = { direction: 'higher', green: 75, yellow: 50 } as const;

export function TrendsSection(props: { view: AccountView }): JSX.Element {
  const catalog = props.view.data.catalog;
  const [chosen, setChosen] = createSignal<KpiId | null>(null);
  // Until someone picks a KPI, show the one that costs the most: that is the one people ask about.
  const kpi = createMemo<KpiDefinition>(
    () => catalog.byId[chosen() ?? props.view.health()?.drivers[0]?.kpi ?? 'license_utilization'],
  );
  const score = createMemo(() => {
    const h = props.view.health();
    return h ? scoreTrend(h.history) : null;
  });
  const kpiData = createMemo(() => {
    const s = props.view.series();
    const month = props.view.latest();
    return s && month ? kpiTrend(s.months, kpi(), month) : null;
  });
  const kpiFormat = (v: number): string => formatKpiValue(kpi(), v);

  return (
    <div class="acct-grid acct-trends">
      <section class="card" aria-labelledby="acct-score-trend">
        <h2 id="acct-score-trend" class="acct-section-title">
          Score trend
        </h2>
        <Show
          when={score()}
          fallback={
            <p class="muted acct-chart-empty">
              No scores yet: a score needs KPI values carrying half of the scoring weight.
            </p>
          }
        >
          {(t) => (
            <TrendChart
              data={t().data}
              title="Health score"
              summary={trendSummary('Score', t(), formatScore)}
              format={formatScore}
              yRange={t().yRange}
              zones={SCORE_ZONES}
            />
          )}
        </Show>
      </section>
      <section class="card" aria-labelledby="acct-kpi-trend">
        <div class="acct-card-head">
          <h2 id="acct-kpi-trend" class="acct-section-title">
            KPI trend
          </h2>
          <label class="visually-hidden" for="acct-kpi-select">
            KPI to chart
          </label>
          <select
            id="acct-kpi-select"
            class="acct-select"
            value={kpi().id}
            onChange={(e) => {
              const value = e.currentTarget.value;
              if (isKpiId(value)) setChosen(value);
            }}
          >
            <For each={catalog.kpis}>{(k) => <option value={k.id}>{k.name}</option>}</For>
          </select>
        </div>
        <Show
          when={kpiData()}
          fallback={<p class="muted acct-chart-empty">No values of {kpi().name} for this account yet.</p>}
        >
          {(t) => (
            <TrendChart
              data={t().data}
              title={kpi().name}
              summary={trendSummary(kpi().name, t(), kpiFormat)}
              format={kpiFormat}
              formatAxis={axisFormat(kpi())}
              yRange={t().yRange}
              zones={
                kpi().direction
                  ? { direction: kpi().direction!, green: kpi().green, yellow: kpi().yellow }
                  : undefined
              }
            />
          )}
        </Show>
      </section>
    </div>
  );
}

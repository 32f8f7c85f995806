import { A, useParams } from '@solidjs/router';
import { accountHealth, CATEGORIES, CATEGORY_NAMES, type AccountHealth } from '@vitals/shared';
import { createMemo, For, Show, type JSX } from 'solid-js';
import { StatusBadge } from '../../components/StatusBadge';
import { SyncIndicator } from '../../components/SyncIndicator';
import { formatKpiValue, formatMonth } from '../../format';
import { useTenantData } from '../../state/tenant-data';

/** One account: status with the "why", and every KPI by category. */
export function Account(): JSX.Element {
  const params = useParams<{ id: string }>();
  const data = useTenantData();
  const account = createMemo(() => data.accounts().find((a) => a.id === params.id));
  const health = createMemo<AccountHealth | null>(() => {
    const month = data.latest();
    const series = data.series().find((s) => s.accountId === params.id);
    return month && series ? accountHealth(series, month, data.catalog) : null;
  });
  const values = createMemo(() => data.series().find((s) => s.accountId === params.id)?.months.get(data.latest()!) ?? {});

  return (
    <Show when={account()} fallback={<div class="card empty">{data.ready() ? 'This account does not exist in this workspace.' : 'Loading…'}</div>}>
      {(a) => (
        <>
          <header class="topbar">
            <div>
              <A href="/">← Portfolio</A>
              <h1>{a().name}</h1>
              <span class="muted">
                {a().segment}
                {a().renewalDate ? ` · renews ${a().renewalDate}` : ''}
              </span>
            </div>
            <SyncIndicator />
          </header>
          <section class="card" aria-label="Health">
            <StatusBadge status={health()?.status ?? 'unknown'} score={health()?.score} />
            <Show when={(health()?.drivers.length ?? 0) > 0}>
              <p>
                Why: <For each={health()!.drivers.slice(0, 3)}>{(d, i) => <>{i() > 0 ? ', ' : ''}{data.catalog.byId[d.kpi].name}</>}</For>
              </p>
            </Show>
            <Show when={data.latest()}>
              <p class="muted">As of {formatMonth(data.latest()!)}</p>
            </Show>
          </section>
          <For each={CATEGORIES}>
            {(category) => (
              <section class="card" style={{ 'margin-top': '12px' }} aria-label={CATEGORY_NAMES[category]}>
                <h2 style={{ 'font-size': '1.1rem', margin: '0 0 8px' }}>
                  {CATEGORY_NAMES[category]} <span class="muted">{health()?.categories[category] ?? '—'}</span>
                </h2>
                <table>
                  <tbody>
                    <For each={data.catalog.kpis.filter((k) => k.category === category)}>
                      {(kpi) => (
                        <tr>
                          <th scope="row" style={{ 'text-transform': 'none', 'font-size': '0.95rem', color: 'var(--text)' }}>
                            {kpi.name}
                          </th>
                          <td class="num" data-kpi={kpi.id}>
                            {formatKpiValue(kpi, values()[kpi.id])}
                          </td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </section>
            )}
          </For>
        </>
      )}
    </Show>
  );
}

import { useNavigate } from '@solidjs/router';
import { portfolioHealth, type AccountHealth, type HealthStatus, type KpiId } from '@vitals/shared';
import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import { StatusBadge, statusLabel } from '../../components/StatusBadge';
import { SyncIndicator } from '../../components/SyncIndicator';
import { formatCents, formatMonth } from '../../format';
import { useTenantData } from '../../state/tenant-data';

type SortKey = 'score' | 'arr' | 'renewal' | 'name';
const STATUSES: HealthStatus[] = ['red', 'yellow', 'green', 'unknown'];
const TREND: Record<string, string> = { up: '↑', down: '↓', flat: '→' };

export function Portfolio(): JSX.Element {
  const data = useTenantData();
  const navigate = useNavigate();
  const [status, setStatus] = createSignal<HealthStatus | 'all'>('all');
  const [segment, setSegment] = createSignal('all');
  const [owner, setOwner] = createSignal('all');
  const [query, setQuery] = createSignal('');
  const [sort, setSort] = createSignal<SortKey>('score');

  const health = createMemo(() => {
    const month = data.latest();
    return month ? portfolioHealth(data.series(), month, data.catalog) : null;
  });
  const byAccount = createMemo(() => new Map<string, AccountHealth>((health()?.accounts ?? []).map((h) => [h.accountId, h])));
  const memberName = createMemo(() => new Map(data.members().map((m) => [m.id, m.name])));
  const latestArr = (accountId: string): number | null => {
    const series = data.series().find((s) => s.accountId === accountId);
    const value = series?.months.get(data.latest()!)?.['arr' as KpiId];
    return value ?? null;
  };
  const segments = createMemo(() => [...new Set(data.accounts().map((a) => a.segment).filter(Boolean))].sort());

  const rows = createMemo(() => {
    const q = query().trim().toLowerCase();
    const list = data.accounts().filter((a) => {
      const h = byAccount().get(a.id);
      if (status() !== 'all' && (h?.status ?? 'unknown') !== status()) return false;
      if (segment() !== 'all' && a.segment !== segment()) return false;
      if (owner() !== 'all' && a.ownerId !== owner()) return false;
      return !q || a.name.toLowerCase().includes(q);
    });
    const score = (id: string): number => byAccount().get(id)?.score ?? -1;
    const sorters: Record<SortKey, (a: (typeof list)[number], b: (typeof list)[number]) => number> = {
      score: (a, b) => score(a.id) - score(b.id),
      arr: (a, b) => (latestArr(b.id) ?? 0) - (latestArr(a.id) ?? 0),
      renewal: (a, b) => (a.renewalDate ?? '9999').localeCompare(b.renewalDate ?? '9999'),
      name: (a, b) => a.name.localeCompare(b.name),
    };
    return [...list].sort(sorters[sort()]);
  });

  return (
    <>
      <header class="topbar">
        <div>
          <h1>Portfolio health</h1>
          <span class="muted">{data.latest() ? `As of ${formatMonth(data.latest()!)}` : 'Waiting for data'}</span>
        </div>
        <SyncIndicator />
      </header>

      <Show when={health()} fallback={<div class="card empty">{data.ready() ? 'No accounts yet. Upload a spreadsheet to get started.' : 'Loading your accounts…'}</div>}>
        {(h) => (
          <>
            <section class="grid stats" aria-label="Accounts by status">
              <For each={STATUSES}>
                {(s) => {
                  const delta = (): number => h().counts[s] - h().previousCounts[s];
                  return (
                    <button class="card stat" style={{ 'text-align': 'left', cursor: 'pointer' }} aria-pressed={status() === s} onClick={() => setStatus(status() === s ? 'all' : s)}>
                      <div class="label">
                        <StatusBadge status={s} />
                      </div>
                      <div class="value" data-testid={`count-${s}`}>
                        {h().counts[s]}
                      </div>
                      <div class="delta">{delta() === 0 ? 'no change since last month' : `${delta() > 0 ? '+' : ''}${delta()} since last month`}</div>
                    </button>
                  );
                }}
              </For>
            </section>

            <div class="filters" role="search">
              <label class="visually-hidden" for="search">
                Search accounts
              </label>
              <input id="search" type="search" placeholder="Search accounts" value={query()} onInput={(e) => setQuery(e.currentTarget.value)} />
              <label class="visually-hidden" for="filter-status">
                Status
              </label>
              <select id="filter-status" value={status()} onChange={(e) => setStatus(e.currentTarget.value as HealthStatus | 'all')}>
                <option value="all">All statuses</option>
                <For each={STATUSES}>{(s) => <option value={s}>{statusLabel(s)}</option>}</For>
              </select>
              <label class="visually-hidden" for="filter-segment">
                Segment
              </label>
              <select id="filter-segment" value={segment()} onChange={(e) => setSegment(e.currentTarget.value)}>
                <option value="all">All segments</option>
                <For each={segments()}>{(s) => <option value={s}>{s}</option>}</For>
              </select>
              <label class="visually-hidden" for="filter-owner">
                CSM
              </label>
              <select id="filter-owner" value={owner()} onChange={(e) => setOwner(e.currentTarget.value)}>
                <option value="all">All CSMs</option>
                <For each={data.members()}>{(m) => <option value={m.id}>{m.name}</option>}</For>
              </select>
              <label class="visually-hidden" for="sort">
                Sort by
              </label>
              <select id="sort" value={sort()} onChange={(e) => setSort(e.currentTarget.value as SortKey)}>
                <option value="score">Sort: lowest score first</option>
                <option value="arr">Sort: highest ARR first</option>
                <option value="renewal">Sort: soonest renewal first</option>
                <option value="name">Sort: name</option>
              </select>
            </div>

            <section class="card table-wrap" aria-label="Accounts">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Account</th>
                    <th scope="col">Health</th>
                    <th scope="col">Trend</th>
                    <th scope="col" class="num">
                      ARR
                    </th>
                    <th scope="col">Renewal</th>
                    <th scope="col">CSM</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={rows()} fallback={<tr><td colSpan={6} class="empty">No accounts match these filters.</td></tr>}>
                    {(account) => {
                      const h = (): AccountHealth | undefined => byAccount().get(account.id);
                      return (
                        <tr class="row-link" data-testid="account-row" onClick={() => navigate(`/accounts/${encodeURIComponent(account.id)}`)}>
                          <td>
                            <a href={`/accounts/${encodeURIComponent(account.id)}`} onClick={(e) => e.stopPropagation()}>
                              {account.name}
                            </a>
                            <div class="muted" style={{ 'font-size': '0.8rem' }}>
                              {account.segment}
                            </div>
                          </td>
                          <td>
                            <StatusBadge status={h()?.status ?? 'unknown'} score={h()?.score} />
                          </td>
                          <td>
                            <span aria-label={`Trend ${h()?.trend.arrow ?? 'flat'}`}>{TREND[h()?.trend.arrow ?? 'flat']}</span>{' '}
                            <span class="muted">{h()?.trend.delta !== null && h()?.trend.delta !== undefined ? `${h()!.trend.delta! > 0 ? '+' : ''}${h()!.trend.delta}` : ''}</span>
                          </td>
                          <td class="num">{formatCents(latestArr(account.id), true)}</td>
                          <td>{account.renewalDate ?? '—'}</td>
                          <td>{account.ownerId ? (memberName().get(account.ownerId) ?? '—') : '—'}</td>
                        </tr>
                      );
                    }}
                  </For>
                </tbody>
              </table>
            </section>
          </>
        )}
      </Show>
    </>
  );
}

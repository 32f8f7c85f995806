import { useNavigate } from '@solidjs/router';
import {
  addDays,
  emptyCounts,
  portfolioHealth,
  revenueBridge,
  type AccountDoc,
  type AccountHealth,
  type AccountSeries,
  type HealthStatus,
  type KpiId,
} from '@vitals/shared';
import { createEffect, createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import { periodLabel, RevenueCards } from '../../components/RevenueCards';
import { StatusBadge, statusLabel } from '../../components/StatusBadge';
import { SyncIndicator } from '../../components/SyncIndicator';
import { TrendIndicator } from '../../components/Trend';
import { formatCents, formatMonth } from '../../format';
import { useTenantData } from '../../state/tenant-data';
import {
  asOfDate,
  daysToRenewal,
  earliestMonth,
  formatDate,
  PERIOD_CHOICES,
  relativeDays,
  RENEWAL_WINDOWS,
  renewsWithin,
  revenueAccounts,
  trailingPeriod,
  type PeriodChoice,
} from './model';
import { RevenueBreakdown } from './RevenueBreakdown';
import './portfolio.css';

type SortKey = 'score' | 'arr' | 'renewal' | 'name';
type RenewalFilter = 'any' | (typeof RENEWAL_WINDOWS)[number];
const STATUSES: HealthStatus[] = ['red', 'yellow', 'green', 'unknown'];
const ARR = 'arr' as KpiId;

/** Rows drawn in the first frame: more than any screen shows. */
const FIRST_ROWS = 60;

export function Portfolio(): JSX.Element {
  const data = useTenantData();
  const navigate = useNavigate();
  const [status, setStatus] = createSignal<HealthStatus | 'all'>('all');
  const [segment, setSegment] = createSignal('all');
  const [owner, setOwner] = createSignal('all');
  const [renewal, setRenewal] = createSignal<RenewalFilter>('any');
  const [query, setQuery] = createSignal('');
  const [sort, setSort] = createSignal<SortKey>('score');
  const [periodLength, setPeriodLength] = createSignal<PeriodChoice>(12);

  const accounts = createMemo(() => data.accounts().filter((a) => !a._deleted));
  // Statuses need only the latest two months, read first at start-up; revenue waits for every month.
  const statusSeries = (): AccountSeries[] => data.recentSeries() ?? data.series();
  const health = createMemo(() => {
    const month = data.latest();
    return month ? portfolioHealth(statusSeries(), month, data.catalog) : null;
  });
  const byAccount = createMemo(
    () => new Map<string, AccountHealth>((health()?.accounts ?? []).map((h) => [h.accountId, h])),
  );
  const statusOf = (id: string): HealthStatus => byAccount().get(id)?.status ?? 'unknown';
  // Counted over the account list, so an account without any values yet still counts as "no data".
  const counts = createMemo(() => {
    const now = emptyCounts();
    const before = emptyCounts();
    for (const a of accounts()) {
      const h = byAccount().get(a.id);
      now[h?.status ?? 'unknown']++;
      before[h?.previousStatus ?? 'unknown']++;
    }
    return { now, before };
  });
  const memberName = createMemo(() => new Map(data.members().map((m) => [m.id, m.name])));
  const accountName = createMemo(() => new Map(accounts().map((a) => [a.id, a.name])));
  const nameOf = (id: string): string => accountName().get(id) ?? 'Removed account';
  const arrNow = createMemo(() => {
    const month = data.latest();
    const out = new Map<string, number>();
    if (!month) return out;
    for (const s of statusSeries()) {
      const value = s.months.get(month)?.[ARR];
      if (value !== undefined) out.set(s.accountId, value);
    }
    return out;
  });
  const asOf = createMemo(() => (data.latest() ? asOfDate(data.latest()!) : null));
  const renewalIn = (a: AccountDoc): number | null => (asOf() ? daysToRenewal(a.renewalDate, asOf()!) : null);
  const segments = createMemo(() =>
    [
      ...new Set(
        accounts()
          .map((a) => a.segment.trim())
          .filter(Boolean),
      ),
    ].sort(),
  );
  const owners = createMemo(() =>
    [...data.members()].filter((m) => !m._deleted).sort((a, b) => a.name.localeCompare(b.name)),
  );

  // Revenue: the trailing period ending at the latest month, clipped to where the data starts.
  const revenueInput = createMemo(() => revenueAccounts(accounts(), data.series()));
  const period = createMemo(() =>
    trailingPeriod(earliestMonth(data.series()), data.latest(), periodLength()),
  );
  const bridge = createMemo(() => {
    const p = period();
    return p ? revenueBridge(revenueInput(), p) : null;
  });

  const rows = createMemo(() => {
    const q = query().trim().toLowerCase();
    const list = accounts().filter((a) => {
      if (status() !== 'all' && statusOf(a.id) !== status()) return false;
      if (segment() !== 'all' && a.segment.trim() !== segment()) return false;
      if (owner() !== 'all' && a.ownerId !== owner()) return false;
      const window = renewal();
      if (window !== 'any' && !renewsWithin(renewalIn(a), window)) return false;
      return !q || a.name.toLowerCase().includes(q) || a.segment.toLowerCase().includes(q);
    });
    // Accounts without a score go last when sorting by score: "lowest first" means the ones we know are weakest.
    const score = (id: string): number => byAccount().get(id)?.score ?? Number.POSITIVE_INFINITY;
    const byName = (a: AccountDoc, b: AccountDoc): number => a.name.localeCompare(b.name);
    const sorters: Record<SortKey, (a: AccountDoc, b: AccountDoc) => number> = {
      score: (a, b) => score(a.id) - score(b.id) || byName(a, b),
      arr: (a, b) => (arrNow().get(b.id) ?? 0) - (arrNow().get(a.id) ?? 0) || byName(a, b),
      renewal: (a, b) => (a.renewalDate ?? '9999').localeCompare(b.renewalDate ?? '9999') || byName(a, b),
      name: byName,
    };
    return [...list].sort(sorters[sort()]);
  });

  // The first screenful of rows is drawn at once and the rest of a long list a frame later: a 2,000-account
  // portfolio shows its weakest accounts as soon as their health is known, not after 2,000 rows are laid out.
  const listShown = (): boolean => accounts().length > 0 && (data.ready() || data.recentSeries() !== null);
  const [allRows, setAllRows] = createSignal(false);
  createEffect(() => {
    if (!listShown() || allRows() || rows().length <= FIRST_ROWS) return;
    requestAnimationFrame(() => setTimeout(() => setAllRows(true), 0));
  });
  const shownRows = createMemo(() => (allRows() ? rows() : rows().slice(0, FIRST_ROWS)));

  const filtered = (): boolean =>
    status() !== 'all' ||
    segment() !== 'all' ||
    owner() !== 'all' ||
    renewal() !== 'any' ||
    query().trim() !== '';
  const clearFilters = (): void => {
    setStatus('all');
    setSegment('all');
    setOwner('all');
    setRenewal('any');
    setQuery('');
  };
  const openAccount = (id: string): void => navigate(`/accounts/${encodeURIComponent(id)}`);

  return (
    <>
      <header class="topbar">
        <div>
          <h1>Portfolio health</h1>
          <span class="muted">
            {data.latest() ? `As of ${formatMonth(data.latest()!)}` : 'Waiting for data'}
          </span>
        </div>
        <SyncIndicator />
      </header>

      <Show
        when={listShown()}
        fallback={
          <section class="card empty-state" aria-live="polite">
            <Show when={data.ready()} fallback={<p>Loading your accounts…</p>}>
              <h2>No accounts yet</h2>
              <p class="muted">
                When an admin uploads a KPI spreadsheet for this workspace, every account appears here with
                its health. On this device the list fills in as soon as it syncs.
              </p>
            </Show>
          </section>
        }
      >
        <section class="grid stats" aria-label="Accounts by status">
          <For each={STATUSES}>
            {(s) => {
              const delta = (): number => counts().now[s] - counts().before[s];
              return (
                <button
                  class="card stat"
                  type="button"
                  aria-pressed={status() === s}
                  onClick={() => setStatus(status() === s ? 'all' : s)}
                >
                  <span class="label">
                    <StatusBadge status={s} />
                  </span>
                  <span class="value" data-testid={`count-${s}`}>
                    {counts().now[s]}
                  </span>
                  <span class="delta">
                    {delta() === 0
                      ? 'same as last month'
                      : `${delta() > 0 ? '+' : '−'}${Math.abs(delta())} since last month`}
                  </span>
                </button>
              );
            }}
          </For>
        </section>

        <section class="portfolio-section" aria-labelledby="revenue-title">
          <div class="section-head">
            <div>
              <h2 id="revenue-title">Revenue retention</h2>
              <p class="muted period-note" data-testid="revenue-period">
                <Show when={period()} fallback={data.ready() ? 'Needs ARR in two different months' : 'Loading…'}>
                  {(p) => (
                    <>
                      {periodLabel(p())} · {p().months} {p().months === 1 ? 'month' : 'months'}
                      {p().clipped ? ' (all the data there is)' : ''}
                    </>
                  )}
                </Show>
              </p>
            </div>
            <div class="inline-field">
              <label for="revenue-period">Period</label>
              <select
                id="revenue-period"
                value={periodLength()}
                onChange={(e) => setPeriodLength(Number(e.currentTarget.value) as PeriodChoice)}
              >
                <For each={[...PERIOD_CHOICES]}>
                  {(n) => <option value={n}>{n === 1 ? 'Last month' : `Last ${n} months`}</option>}
                </For>
              </select>
            </div>
          </div>
          <Show
            when={bridge() && (bridge()!.startArr > 0 || bridge()!.newArr > 0) ? bridge() : null}
            fallback={
              <p class="card empty">
                {!data.ready()
                  ? 'Reading the earlier months on this device…'
                  : period()
                  ? `No account had ARR in ${formatMonth(period()!.start)} or ${formatMonth(period()!.end)}, so there is no retention to show yet.`
                  : 'Retention compares ARR between two months; this workspace has one month of data or none so far.'}
              </p>
            }
          >
            {(b) => <RevenueCards bridge={b()} nameOf={nameOf} />}
          </Show>
        </section>

        <section class="portfolio-section" aria-labelledby="accounts-title">
          <div class="section-head">
            <h2 id="accounts-title">Accounts</h2>
            <p class="muted result-count" aria-live="polite" data-testid="result-count">
              {filtered()
                ? `Showing ${rows().length} of ${accounts().length}`
                : `${accounts().length} accounts`}
            </p>
          </div>
          <div class="filters portfolio-filters" role="search" aria-label="Filter accounts">
            <div class="filter filter-search">
              <label for="search">Search</label>
              <input
                id="search"
                type="search"
                placeholder="Account or segment"
                value={query()}
                onInput={(e) => setQuery(e.currentTarget.value)}
              />
            </div>
            <div class="filter">
              <label for="filter-status">Status</label>
              <select
                id="filter-status"
                value={status()}
                onChange={(e) => setStatus(e.currentTarget.value as HealthStatus | 'all')}
              >
                <option value="all">All statuses</option>
                <For each={STATUSES}>{(s) => <option value={s}>{statusLabel(s)}</option>}</For>
              </select>
            </div>
            <div class="filter">
              <label for="filter-segment">Segment</label>
              <select
                id="filter-segment"
                value={segment()}
                onChange={(e) => setSegment(e.currentTarget.value)}
              >
                <option value="all">All segments</option>
                <For each={segments()}>{(s) => <option value={s}>{s}</option>}</For>
              </select>
            </div>
            <div class="filter">
              <label for="filter-owner">CSM</label>
              <select id="filter-owner" value={owner()} onChange={(e) => setOwner(e.currentTarget.value)}>
                <option value="all">All CSMs</option>
                <For each={owners()}>{(m) => <option value={m.id}>{m.name}</option>}</For>
              </select>
            </div>
            <div class="filter">
              <label for="filter-renewal">Renewal</label>
              <select
                id="filter-renewal"
                value={String(renewal())}
                aria-describedby={renewal() !== 'any' ? 'renewal-hint' : undefined}
                onChange={(e) =>
                  setRenewal(
                    e.currentTarget.value === 'any'
                      ? 'any'
                      : (Number(e.currentTarget.value) as RenewalFilter),
                  )
                }
              >
                <option value="any">Any date</option>
                <For each={[...RENEWAL_WINDOWS]}>{(d) => <option value={d}>Within {d} days</option>}</For>
              </select>
            </div>
            <div class="filter">
              <label for="sort">Sort by</label>
              <select id="sort" value={sort()} onChange={(e) => setSort(e.currentTarget.value as SortKey)}>
                <option value="score">Lowest score first</option>
                <option value="arr">Highest ARR first</option>
                <option value="renewal">Soonest renewal first</option>
                <option value="name">Name</option>
              </select>
            </div>
          </div>
          <Show when={renewal() !== 'any' && asOf()}>
            <p class="muted filter-hint" id="renewal-hint">
              Renewals from {formatDate(asOf()!)} (end of the latest data) to{' '}
              {formatDate(addDays(asOf()!, renewal() as number))}.
            </p>
          </Show>

          <div class="card table-wrap accounts-wrap">
            <table class="stack-table accounts-table">
              <caption class="visually-hidden">Accounts with health, trend, ARR, renewal and CSM</caption>
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
                <For
                  each={shownRows()}
                  fallback={
                    <tr class="empty-row">
                      <td colSpan={6} class="empty">
                        <p>No accounts match these filters.</p>
                        <button class="button secondary" type="button" onClick={clearFilters}>
                          Clear filters
                        </button>
                      </td>
                    </tr>
                  }
                >
                  {(account) => {
                    const h = (): AccountHealth | undefined => byAccount().get(account.id);
                    const days = (): number | null => renewalIn(account);
                    return (
                      <tr class="row-link" data-testid="account-row" onClick={() => openAccount(account.id)}>
                        <td class="cell-name">
                          <a
                            href={`/accounts/${encodeURIComponent(account.id)}`}
                            onClick={(e) => e.stopPropagation()}
                          >
                            {account.name}
                          </a>
                          <span class="muted cell-sub">{account.segment || 'No segment'}</span>
                        </td>
                        <td class="cell-status">
                          <StatusBadge status={h()?.status ?? 'unknown'} score={h()?.score} />
                        </td>
                        <td class="cell-trend" data-label="Trend">
                          <TrendIndicator trend={h()?.trend} />
                        </td>
                        <td class="num cell-arr" data-label="ARR">
                          {formatCents(arrNow().get(account.id), true)}
                        </td>
                        <td class="cell-renewal" data-label="Renewal">
                          <Show when={account.renewalDate} fallback="—">
                            <span class="renewal-date">{formatDate(account.renewalDate!)}</span>
                            <Show when={days() !== null}>
                              <span class={`muted cell-sub ${renewsWithin(days(), 90) ? 'soon' : ''}`}>
                                {relativeDays(days()!)}
                              </span>
                            </Show>
                          </Show>
                        </td>
                        <td class="cell-owner" data-label="CSM">
                          {account.ownerId ? (memberName().get(account.ownerId) ?? '—') : 'Unassigned'}
                        </td>
                      </tr>
                    );
                  }}
                </For>
              </tbody>
            </table>
          </div>
        </section>

        <Show when={period()}>
          {(p) => (
            <RevenueBreakdown
              accounts={revenueInput()}
              period={p()}
              nameOf={nameOf}
              memberName={(id) => memberName().get(id)}
            />
          )}
        </Show>
      </Show>
    </>
  );
}

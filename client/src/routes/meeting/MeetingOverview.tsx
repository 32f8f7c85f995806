import type { HealthStatus, KpiId } from '@vitals/shared';
import { For, onMount, Show, type JSX } from 'solid-js';
import { StatusBadge, statusLabel } from '../../components/StatusBadge';
import { TrendIndicator } from '../../components/Trend';
import { formatCents } from '../../format';
import { STATUS_ORDER, type MeetingEntry } from './model';

const SHAPE: Record<HealthStatus, string> = { green: '●', yellow: '▲', red: '■', unknown: '○' };

/** The portfolio for the room: counts by status, then every account as a large tile, grouped by status. */
export function MeetingOverview(props: {
  entries: readonly MeetingEntry[];
  counts: { now: Record<HealthStatus, number>; before: Record<HealthStatus, number> };
  changed: ReadonlySet<string>;
  /** The tile to focus on arrival (the account the presenter just came back from). */
  focusId: string | null;
  /** A KPI's name short enough to read across a room. */
  kpiName: (kpi: KpiId) => string;
}): JSX.Element {
  let grid: HTMLDivElement | undefined;
  onMount(() => {
    if (!props.focusId || !grid) return;
    grid
      .querySelector<HTMLElement>(`[data-account-id="${CSS.escape(props.focusId)}"]`)
      ?.focus({ preventScroll: false });
  });
  const groups = (): { status: HealthStatus; entries: MeetingEntry[] }[] =>
    STATUS_ORDER.map((status) => ({
      status,
      entries: props.entries.filter((e) => e.status === status),
    })).filter((g) => g.entries.length > 0);

  return (
    <div class="meeting-overview">
      <ul class="meeting-counts" aria-label="Accounts by status">
        <For each={[...STATUS_ORDER]}>
          {(s) => {
            const delta = (): number => props.counts.now[s] - props.counts.before[s];
            return (
              <li class={`meeting-count status-${s}`}>
                <span class="meeting-count-label">
                  <span aria-hidden="true">{SHAPE[s]}</span> {statusLabel(s)}
                </span>
                <span class="meeting-count-value" data-testid={`meeting-count-${s}`}>
                  {props.counts.now[s]}
                </span>
                <span class="meeting-count-delta">
                  {delta() === 0
                    ? 'same as last month'
                    : `${delta() > 0 ? '+' : '−'}${Math.abs(delta())} since last month`}
                </span>
              </li>
            );
          }}
        </For>
      </ul>

      <Show
        when={props.entries.length > 0}
        fallback={
          <p class="meeting-empty">
            No accounts in this workspace yet. They appear here as soon as they sync.
          </p>
        }
      >
        <div ref={grid}>
          <For each={groups()}>
            {(group) => (
              <section class="meeting-group" aria-labelledby={`meeting-group-${group.status}`}>
                <h2 id={`meeting-group-${group.status}`} class={`meeting-group-title status-${group.status}`}>
                  <span aria-hidden="true">{SHAPE[group.status]}</span> {statusLabel(group.status)}
                  <span class="meeting-group-count">
                    {group.entries.length} {group.entries.length === 1 ? 'account' : 'accounts'}
                  </span>
                </h2>
                <ul class="meeting-tiles">
                  <For each={group.entries}>
                    {(entry) => (
                      <li>
                        <a
                          class={`meeting-tile status-${entry.status}`}
                          classList={{ changed: props.changed.has(entry.account.id) }}
                          href={`/meeting/${encodeURIComponent(entry.account.id)}`}
                          data-account-id={entry.account.id}
                          data-testid="meeting-tile"
                        >
                          <span class="meeting-tile-name">{entry.account.name}</span>
                          <span class="meeting-tile-score">
                            <span class="score-value">{entry.health?.score ?? '—'}</span>
                            <span class="visually-hidden"> score</span>
                            <TrendIndicator trend={entry.health?.trend} />
                          </span>
                          <span class="meeting-tile-meta">
                            <StatusBadge status={entry.status} />
                            <span>
                              {entry.account.segment || 'No segment'}
                              {entry.arr !== null ? ` · ${formatCents(entry.arr, true)}` : ''}
                            </span>
                          </span>
                          <Show when={entry.health?.drivers[0]}>
                            {(d) => (
                              <span class="meeting-tile-driver">Weakest: {props.kpiName(d().kpi)}</span>
                            )}
                          </Show>
                          <Show
                            when={
                              entry.renewalDays !== null && entry.renewalDays >= 0 && entry.renewalDays <= 120
                            }
                          >
                            <span class="meeting-tile-renewal">Renews in {entry.renewalDays} days</span>
                          </Show>
                          <Show when={props.changed.has(entry.account.id)}>
                            <span class="meeting-tile-updated">Just updated</span>
                          </Show>
                        </a>
                      </li>
                    )}
                  </For>
                </ul>
              </section>
            )}
          </For>
        </div>
      </Show>
    </div>
  );
}

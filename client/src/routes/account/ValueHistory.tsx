/**
 * The values a KPI had before its current one: replaced by a later edit or upload, or the loser of two
 * edits made at the same time on different devices. DESIGN.md: conflicts that lost a value are shown, not
 * hidden, so the list is open by default.
 */
import { hlcWallTime, type KpiDefinition } from '@vitals/shared';
import { For, type JSX } from 'solid-js';
import { sourceLabel, type SourceNames } from '../../components/SourceBadge';
import { formatKpiValue } from '../../format';
import type { KpiHistoryEntry } from './account-view';

function when(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** "Nov 25, 2026, 8:39 PM until 8:45 PM": the day once when both ends fall on it. */
function span(from: number, to: number): string {
  const sameDay = new Date(from).toDateString() === new Date(to).toDateString();
  const end = sameDay ? new Date(to).toLocaleTimeString(undefined, { timeStyle: 'short' }) : when(to);
  return `${when(from)} until ${end}`;
}

export function ValueHistory(props: {
  kpi: KpiDefinition;
  entries: readonly KpiHistoryEntry[];
  names: SourceNames;
}): JSX.Element {
  return (
    <details class="kpi-history" open>
      <summary>
        {props.entries.length} earlier value{props.entries.length === 1 ? '' : 's'}
      </summary>
      <ol class="kpi-history-list" data-testid={`history-${props.kpi.id}`}>
        <For each={props.entries}>
          {(entry) => (
            <li class="kpi-history-entry">
              <span class="kpi-history-value">
                {entry.value === null ? '— (cleared)' : formatKpiValue(props.kpi, entry.value)}
              </span>
              <span class="kpi-history-source">{sourceLabel(entry.source, props.names)}</span>
              <span class="kpi-history-when">
                {span(hlcWallTime(entry.hlc), hlcWallTime(entry.replacedBy))}
              </span>
            </li>
          )}
        </For>
      </ol>
    </details>
  );
}

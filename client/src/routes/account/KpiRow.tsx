/** One KPI: name and status in words, its range bar, the value with its source, inline edit and history. */
import { kpiStatus, type KpiDefinition, type Month } from '@vitals/shared';
import { createSignal, Show, type JSX } from 'solid-js';
import { KPI_STATUS_SHAPE, KPI_STATUS_WORD, RangeBar } from '../../components/RangeBar';
import { SourceBadge, type SourceNames } from '../../components/SourceBadge';
import { formatKpiValue } from '../../format';
import type { KpiCell, KpiHistoryEntry } from './account-view';
import { KpiEditor } from './KpiEditor';
import { ValueHistory } from './ValueHistory';

export interface KpiRowProps {
  readonly kpi: KpiDefinition;
  readonly value: number | undefined;
  readonly cell: KpiCell | undefined;
  readonly history: readonly KpiHistoryEntry[];
  readonly month: Month | null;
  readonly names: SourceNames;
  readonly canEdit: boolean;
  readonly onSave: (value: number | null) => Promise<void>;
}

/** Units that the formatted number alone does not say. */
const UNIT_HINT: Partial<Record<KpiDefinition['unit'], string>> = {
  per100users: 'per 100 users',
};

export function KpiRow(props: KpiRowProps): JSX.Element {
  let editButton: HTMLButtonElement | undefined;
  const [editing, setEditing] = createSignal(false);
  const status = (): ReturnType<typeof kpiStatus> | null =>
    props.value === undefined || props.kpi.direction === null ? null : kpiStatus(props.kpi, props.value);
  const close = (): void => {
    setEditing(false);
    // Back to where the person was, so keyboard users can carry on down the list.
    queueMicrotask(() => editButton?.focus());
  };

  return (
    <li class="kpi-row" data-kpi={props.kpi.id}>
      <div class="kpi-head">
        <span class="kpi-name">{props.kpi.name}</span>
        <Show
          when={status()}
          fallback={<span class="kpi-chip none">{props.value === undefined ? 'No data' : 'Not scored'}</span>}
        >
          {(s) => (
            <span class={`kpi-chip ${s()}`}>
              <span aria-hidden="true">{KPI_STATUS_SHAPE[s()]}</span> {KPI_STATUS_WORD[s()]}
            </span>
          )}
        </Show>
      </div>
      <RangeBar kpi={props.kpi} value={props.value} />
      <Show
        when={editing() && props.month}
        fallback={
          <div class="kpi-foot">
            <span class="kpi-reading-block">
              <span class="kpi-reading">
                <span class="kpi-value" data-testid={`value-${props.kpi.id}`}>
                  {formatKpiValue(props.kpi, props.value)}
                </span>
                <Show when={props.value === undefined}>
                  <span class="muted kpi-nodata">no data</span>
                </Show>
                <Show when={props.value !== undefined && UNIT_HINT[props.kpi.unit]}>
                  <span class="muted kpi-unit">{UNIT_HINT[props.kpi.unit]}</span>
                </Show>
              </span>
              <Show when={props.cell}>
                {(cell) => <SourceBadge source={cell().source} names={props.names} />}
              </Show>
            </span>
            <Show when={props.canEdit && props.month}>
              <button
                ref={editButton}
                type="button"
                class="kpi-edit"
                data-testid={`edit-${props.kpi.id}`}
                onClick={() => setEditing(true)}
              >
                <span aria-hidden="true">✎</span> Edit<span class="visually-hidden"> {props.kpi.name}</span>
              </button>
            </Show>
          </div>
        }
      >
        {(month) => (
          <KpiEditor
            kpi={props.kpi}
            month={month()}
            value={props.value}
            onSave={props.onSave}
            onClose={close}
          />
        )}
      </Show>
      <Show when={props.history.length > 0}>
        <ValueHistory kpi={props.kpi} entries={props.history} names={props.names} />
      </Show>
    </li>
  );
}

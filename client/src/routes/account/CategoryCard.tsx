/** One of the five categories: its score and each of its KPIs against the reference range. */
import { CATEGORY_NAMES, type Category, type KpiId } from '@vitals/shared';
import { createMemo, For, type JSX } from 'solid-js';
import type { AccountView, KpiHistoryEntry } from './account-view';
import { KpiRow } from './KpiRow';

export function CategoryCard(props: {
  view: AccountView;
  category: Category;
  onSave: (kpi: KpiId, value: number | null) => Promise<void>;
}): JSX.Element {
  const catalog = props.view.data.catalog;
  const kpis = catalog.kpis.filter((k) => k.category === props.category);
  const score = (): number | null => props.view.health()?.categories[props.category] ?? null;
  // Newest replacement first: the value just overwritten is the one people look for.
  const history = createMemo(() => {
    const byKpi = new Map<KpiId, KpiHistoryEntry[]>();
    for (const entry of props.view.doc()?.history ?? []) {
      const list = byKpi.get(entry.kpi) ?? [];
      list.push(entry);
      byKpi.set(entry.kpi, list);
    }
    for (const list of byKpi.values()) list.sort((a, b) => (a.replacedBy < b.replacedBy ? 1 : -1));
    return byKpi;
  });
  const titleId = `cat-${props.category}`;
  return (
    <section class="card acct-category" aria-labelledby={titleId}>
      <div class="acct-card-head">
        <h3 id={titleId} class="acct-section-title">
          {CATEGORY_NAMES[props.category]}
        </h3>
        <span class="acct-category-score">
          {score() === null ? (
            <span class="muted">no score</span>
          ) : (
            <>
              <span class="acct-category-number">{score()}</span>
              <span class="muted"> / 100</span>
            </>
          )}
        </span>
      </div>
      <ul class="kpi-list">
        <For each={kpis}>
          {(kpi) => (
            <KpiRow
              kpi={kpi}
              value={props.view.values()[kpi.id]}
              cell={props.view.doc()?.values[kpi.id] ?? undefined}
              history={history().get(kpi.id) ?? []}
              month={props.view.latest()}
              names={props.view.names}
              canEdit={props.view.canEdit()}
              onSave={(value) => props.onSave(kpi.id, value)}
            />
          )}
        </For>
      </ul>
    </section>
  );
}

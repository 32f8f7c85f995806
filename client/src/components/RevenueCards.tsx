/**
 * NRR, GRR, expansion and churn for one revenue period (DOMAIN.md "Revenue intelligence"), each with the
 * accounts behind the figure one tap away in a dialog listing their start → end ARR.
 */
import type { AccountMovement, RevenueBridge, RevenuePeriod } from '@vitals/shared';
import { createSignal, For, Show, type JSX } from 'solid-js';
import { formatCents, formatMonth, formatPercentRatio } from '../format';
import { Dialog } from './Dialog';

/** Which accounts a dialog lists: the whole base, only the losses, or one movement. */
export type BridgeListKind = 'all' | 'base' | 'losses' | 'expanded' | 'churned';

interface Section {
  readonly title: string;
  readonly movements: readonly AccountMovement[];
}

function sectionsFor(bridge: RevenueBridge, kind: BridgeListKind): Section[] {
  const expanded = { title: 'Expanded', movements: bridge.expanded };
  const contracted = { title: 'Contracted', movements: bridge.contracted };
  const churned = { title: 'Churned', movements: bridge.churned };
  const unchanged = { title: 'Unchanged', movements: bridge.unchanged };
  const added = { title: 'New accounts (not in NRR or GRR)', movements: bridge.newAccounts };
  switch (kind) {
    case 'all':
      return [expanded, contracted, churned, unchanged, added];
    case 'base':
      return [expanded, contracted, churned, unchanged];
    case 'losses':
      return [contracted, churned];
    case 'expanded':
      return [expanded];
    case 'churned':
      return [churned];
  }
}

function signedCents(value: number): string {
  if (value === 0) return '±0';
  return `${value > 0 ? '+' : '−'}${formatCents(Math.abs(value), true)}`;
}

/** "Mar 2025 → Sep 2025" */
export function periodLabel(period: RevenuePeriod): string {
  return `${formatMonth(period.start)} → ${formatMonth(period.end)}`;
}

/** The accounts behind a figure, grouped by movement, each with its start → end ARR and a link to it. */
export function BridgeAccounts(props: {
  bridge: RevenueBridge;
  kind: BridgeListKind;
  nameOf: (id: string) => string;
}): JSX.Element {
  const sections = (): Section[] =>
    sectionsFor(props.bridge, props.kind).filter((s) => s.movements.length > 0);
  return (
    <Show
      when={sections().length > 0}
      fallback={<p class="empty">No accounts moved this way in this period.</p>}
    >
      <For each={sections()}>
        {(section) => (
          <section class="bridge-section" aria-label={section.title}>
            <h3>
              {section.title}
              <span class="muted">
                {' '}
                · {section.movements.length} {section.movements.length === 1 ? 'account' : 'accounts'} ·{' '}
                {signedCents(section.movements.reduce((sum, m) => sum + m.change, 0))}
              </span>
            </h3>
            <ul class="bridge-list">
              <For each={section.movements}>
                {(m) => (
                  <li>
                    <a href={`/accounts/${encodeURIComponent(m.accountId)}`}>{props.nameOf(m.accountId)}</a>
                    <span class="bridge-arr">
                      {formatCents(m.startArr, true)} <span aria-hidden="true">→</span>
                      <span class="visually-hidden">to</span> {formatCents(m.endArr, true)}
                    </span>
                    <span class={`bridge-change ${m.change > 0 ? 'up' : m.change < 0 ? 'down' : ''}`}>
                      {signedCents(m.change)}
                    </span>
                  </li>
                )}
              </For>
            </ul>
          </section>
        )}
      </For>
    </Show>
  );
}

interface CardSpec {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly detail: string;
  readonly kind: BridgeListKind;
  readonly count: number;
  readonly dialogTitle: string;
}

function share(part: number, whole: number): string {
  return whole > 0 ? `${((part / whole) * 100).toFixed(1)}% of start ARR` : '';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function RevenueCards(props: { bridge: RevenueBridge; nameOf: (id: string) => string }): JSX.Element {
  const [open, setOpen] = createSignal<CardSpec | null>(null);
  const cards = (): CardSpec[] => {
    const b = props.bridge;
    const lost = b.contraction + b.churn;
    return [
      {
        id: 'nrr',
        label: 'Net revenue retention',
        value: formatPercentRatio(b.nrr),
        detail: `${formatCents(b.startArr, true)} → ${formatCents(b.endArr, true)} from ${plural(b.accountCount, 'paying account')}`,
        kind: 'base',
        count: b.accountCount,
        dialogTitle: 'Accounts behind net revenue retention',
      },
      {
        id: 'grr',
        label: 'Gross revenue retention',
        value: formatPercentRatio(b.grr),
        detail:
          lost > 0
            ? `${formatCents(lost, true)} lost: ${formatCents(b.contraction, true)} contraction, ${formatCents(b.churn, true)} churn`
            : 'No revenue lost',
        kind: 'losses',
        count: b.contracted.length + b.churned.length,
        dialogTitle: 'Accounts that lost revenue',
      },
      {
        id: 'expansion',
        label: 'Expansion',
        value: formatCents(b.expansion, true),
        detail:
          b.expanded.length > 0
            ? `${plural(b.expanded.length, 'account')} grew · ${share(b.expansion, b.startArr)}`
            : 'No account grew',
        kind: 'expanded',
        count: b.expanded.length,
        dialogTitle: 'Accounts that expanded',
      },
      {
        id: 'churn',
        label: 'Churn',
        value: formatCents(b.churn, true),
        detail:
          b.churned.length > 0
            ? `${plural(b.churned.length, 'account')} left · ${share(b.churn, b.startArr)}`
            : 'No account churned',
        kind: 'churned',
        count: b.churned.length,
        dialogTitle: 'Accounts that churned',
      },
    ];
  };

  return (
    <>
      <div class="revenue-cards">
        <For each={cards()}>
          {(card) => (
            <article
              class="card revenue-card"
              data-testid={`revenue-${card.id}`}
              aria-labelledby={`revenue-${card.id}-label`}
            >
              <h3 class="label" id={`revenue-${card.id}-label`}>
                {card.label}
              </h3>
              <p class="value">{card.value}</p>
              <p class="detail">{card.detail}</p>
              <Show when={card.count > 0}>
                <button
                  class="link-button"
                  type="button"
                  aria-haspopup="dialog"
                  onClick={() => setOpen(card)}
                >
                  Show {plural(card.count, 'account')}
                  <span class="visually-hidden"> behind {card.label}</span>
                </button>
              </Show>
            </article>
          )}
        </For>
      </div>
      <Dialog
        open={open() !== null}
        title={open()?.dialogTitle ?? ''}
        subtitle={`ARR ${periodLabel(props.bridge.period)}`}
        onClose={() => setOpen(null)}
      >
        <BridgeAccounts bridge={props.bridge} kind={open()?.kind ?? 'base'} nameOf={props.nameOf} />
      </Dialog>
    </>
  );
}

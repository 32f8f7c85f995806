import {
  revenueByOwner,
  revenueBySegment,
  type RevenueAccount,
  type RevenueGroup,
  type RevenuePeriod,
} from '@vitals/shared';
import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import { Dialog } from '../../components/Dialog';
import { BridgeAccounts, periodLabel } from '../../components/RevenueCards';
import { formatCents, formatPercentRatio } from '../../format';

type GroupBy = 'segment' | 'owner';

/**
 * The revenue bridge per segment or per CSM in one compact table; each group opens the accounts behind
 * its figures. On phones the rows become cards (CSS), so nothing scrolls sideways.
 */
export function RevenueBreakdown(props: {
  accounts: readonly RevenueAccount[];
  period: RevenuePeriod;
  nameOf: (accountId: string) => string;
  memberName: (memberId: string) => string | undefined;
}): JSX.Element {
  const [by, setBy] = createSignal<GroupBy>('segment');
  const [open, setOpen] = createSignal<RevenueGroup | null>(null);
  const groups = createMemo(() =>
    (by() === 'segment' ? revenueBySegment : revenueByOwner)(props.accounts, props.period),
  );
  const groupName = (key: string | null): string =>
    by() === 'segment'
      ? (key ?? 'No segment')
      : key === null
        ? 'Unassigned'
        : (props.memberName(key) ?? 'Former member');

  return (
    <section class="card breakdown" aria-labelledby="breakdown-title">
      <div class="section-head">
        <h2 id="breakdown-title">Revenue by {by() === 'segment' ? 'segment' : 'CSM'}</h2>
        <div class="segmented" role="group" aria-label="Group revenue by">
          <button type="button" aria-pressed={by() === 'segment'} onClick={() => setBy('segment')}>
            Segment
          </button>
          <button type="button" aria-pressed={by() === 'owner'} onClick={() => setBy('owner')}>
            CSM
          </button>
        </div>
      </div>
      <Show when={groups().length > 0} fallback={<p class="empty">No ARR recorded in this period.</p>}>
        <table class="stack-table breakdown-table">
          <caption class="visually-hidden">
            Revenue retention by {by() === 'segment' ? 'segment' : 'CSM'}, {periodLabel(props.period)}
          </caption>
          <thead>
            <tr>
              <th scope="col">{by() === 'segment' ? 'Segment' : 'CSM'}</th>
              <th scope="col" class="num">
                Accounts
              </th>
              <th scope="col" class="num">
                Start ARR
              </th>
              <th scope="col" class="num">
                End ARR
              </th>
              <th scope="col" class="num">
                NRR
              </th>
              <th scope="col" class="num">
                GRR
              </th>
              <th scope="col" class="num">
                Expansion
              </th>
              <th scope="col" class="num">
                Churn
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={groups()}>
              {(group) => (
                <tr>
                  <th scope="row" class="group-name">
                    <button
                      class="link-button"
                      type="button"
                      aria-haspopup="dialog"
                      onClick={() => setOpen(group)}
                    >
                      {groupName(group.key)}
                      <span class="visually-hidden">: show accounts</span>
                    </button>
                  </th>
                  <td class="num" data-label="Accounts">
                    {group.bridge.accountCount + group.bridge.newAccounts.length}
                  </td>
                  <td class="num" data-label="Start ARR">
                    {formatCents(group.bridge.startArr, true)}
                  </td>
                  <td class="num" data-label="End ARR">
                    {formatCents(group.bridge.totalEndArr, true)}
                  </td>
                  <td class="num" data-label="NRR">
                    {formatPercentRatio(group.bridge.nrr)}
                  </td>
                  <td class="num" data-label="GRR">
                    {formatPercentRatio(group.bridge.grr)}
                  </td>
                  <td class="num" data-label="Expansion">
                    {formatCents(group.bridge.expansion, true)}
                  </td>
                  <td class="num" data-label="Churn">
                    {formatCents(group.bridge.churn, true)}
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
      <Dialog
        open={open() !== null}
        title={open() ? `${groupName(open()!.key)}: accounts` : ''}
        subtitle={
          open()
            ? `ARR ${periodLabel(open()!.bridge.period)} · NRR ${formatPercentRatio(open()!.bridge.nrr)} · GRR ${formatPercentRatio(open()!.bridge.grr)}`
            : undefined
        }
        onClose={() => setOpen(null)}
      >
        <Show when={open()}>
          {(g) => <BridgeAccounts bridge={g().bridge} kind="all" nameOf={props.nameOf} />}
        </Show>
      </Dialog>
    </section>
  );
}

/**
 * Says plainly when the screen has little to show: an account with no values at all, one whose latest
 * values are older than the portfolio's month, or one whose ARR went to 0 (churned).
 */
import type { Month } from '@vitals/shared';
import { Show, type JSX } from 'solid-js';
import { formatMonth } from '../../format';
import type { AccountView } from './account-view';

function lastMonthWithValues(view: AccountView): Month | null {
  let last: Month | null = null;
  for (const [month, values] of view.series()?.months ?? []) {
    if (Object.keys(values).some((k) => k !== 'arr') && (last === null || month > last)) last = month;
  }
  return last;
}

export function DataNotice(props: { view: AccountView }): JSX.Element {
  const latest = (): Month | null => props.view.latest();
  const hasScoredValues = (): boolean => Object.keys(props.view.values()).some((k) => k !== 'arr');
  const churned = (): boolean => props.view.values().arr === 0;
  const message = (): { title: string; detail: string } | null => {
    const month = latest();
    const editHint =
      props.view.canEdit() && month
        ? ` Enter ${formatMonth(month)} values below, or upload a spreadsheet.`
        : '';
    if (!props.view.series()) {
      return {
        title: 'No KPI values for this account yet.',
        detail: editHint || 'Values appear here once a spreadsheet with this account is uploaded.',
      };
    }
    if (!month || hasScoredValues()) return null;
    const last = lastMonthWithValues(props.view);
    const lead = churned()
      ? `ARR is $0 in ${formatMonth(month)}: this account has churned.`
      : `No KPI values for ${formatMonth(month)} yet.`;
    const since = last ? ` The latest values are from ${formatMonth(last)}; the trends below show them.` : '';
    return { title: lead, detail: `${since}${churned() ? '' : editHint}`.trim() };
  };
  return (
    <Show when={message()}>
      {(m) => (
        <div class="card acct-nodata" role="note">
          <strong>{m().title}</strong> <span class="muted">{m().detail}</span>
        </div>
      )}
    </Show>
  );
}

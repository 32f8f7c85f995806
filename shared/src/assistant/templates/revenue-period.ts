/**
 * From a period of months to the two months a revenue bridge compares. A period covers whole months, so
 * its change is measured from the end of the month before it (values are "as of" a month's end) to the end
 * of its last month: "last 3 months" in September is June → September, as on the dashboard. When the month
 * before has no data, the period's first month is the baseline instead, and the answer says so.
 */
import { addMonths } from '../../time/months';
import type { Month } from '../../units';
import { derived, memo, revenueAccounts } from '../derived';
import { DEFAULT_TREND_MONTHS, type Period, type Scope } from '../query';
import type { AssistantData } from '../types';
import { revenueBridge, type RevenueAccount, type RevenueBridge } from '../../revenue/revenue';
import { inScope } from './common';

export interface BridgeMonths {
  readonly start: Month;
  readonly end: Month;
  /** True when the data starts later than the period asked for. */
  readonly clipped: boolean;
}

/** `null` when the period holds fewer than two months of data to compare. */
export function bridgeMonths(data: AssistantData, period: Period | null): BridgeMonths | null {
  const { earliest, latest } = derived(data);
  if (earliest === null || latest === null) return null;
  const from = period?.from ?? addMonths(latest, -(DEFAULT_TREND_MONTHS - 1));
  const to = period?.to ?? latest;
  const end = to > latest ? latest : to;
  const wanted = addMonths(from, -1);
  const start = wanted >= earliest ? wanted : from >= earliest ? from : earliest;
  if (start >= end) return null;
  return { start, end, clipped: start !== wanted };
}

/** The months a bridge covers, as a period a follow-up can ask about again and get the same bridge. */
export function coveredPeriod(months: BridgeMonths): Period {
  return { from: months.clipped ? months.start : addMonths(months.start, 1), to: months.end };
}

export function scopedRevenue(data: AssistantData, scope: Scope): readonly RevenueAccount[] {
  if (scope.segment === null && scope.ownerId === null) return revenueAccounts(data);
  const accounts = derived(data).accountById;
  return revenueAccounts(data).filter((r) => {
    const account = accounts.get(r.accountId);
    return account !== undefined && inScope(account, scope);
  });
}

/** The tenant's (or a scope's) bridge, memoised per months and scope: the dashboard asks the same again and again. */
export function scopedBridge(data: AssistantData, months: BridgeMonths, scope: Scope): RevenueBridge {
  const key = `bridge:${months.start}:${months.end}:${scope.segment ?? ''}:${scope.ownerId ?? ''}`;
  return memo(data, key, () => revenueBridge(scopedRevenue(data, scope), { start: months.start, end: months.end }));
}

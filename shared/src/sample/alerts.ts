/**
 * The sample's alerts: what the default alert rules would have raised over the sample's last two months, so the
 * inbox is never empty on the demo tenants. Each account's state at the end of one month is compared with its
 * state a month earlier, as the server compares a write's before and after. The earlier month's alerts were
 * acknowledged by the account's owner; the latest month's are waiting. Ids are stable (`alert-acme-01`).
 */
import { acknowledgeAlert, alertDocument } from '../alerts/documents';
import { evaluateAlertRules } from '../alerts/evaluate';
import { DEFAULT_ALERT_RULE_SETTINGS } from '../alerts/rules';
import { accountAlertState } from '../alerts/state';
import type { AlertCandidate } from '../alerts/types';
import type { AccountSeries } from '../health/portfolio';
import type { AlertDoc } from '../schemas/alerts';
import type { Hlc } from '../sync/hlc';
import { lastDayOfMonth } from '../time/months';
import type { IsoDate, Month } from '../units';
import { SAMPLE_LATEST_MONTH, SAMPLE_MONTHS, type SampleTenant } from './model';

/** Series cut after `month`: the account as it stood then. */
function upTo(series: AccountSeries, month: Month): AccountSeries {
  return { accountId: series.accountId, months: new Map([...series.months].filter(([m]) => m <= month)) };
}

function candidatesIn(tenant: SampleTenant, seriesById: ReadonlyMap<string, AccountSeries>, month: Month, ownerOf: (id: string) => string): AlertCandidate[] {
  const previous = SAMPLE_MONTHS[SAMPLE_MONTHS.indexOf(month) - 1];
  if (previous === undefined) return [];
  return tenant.accounts.flatMap((account) => {
    const series = seriesById.get(account.id);
    if (!series) return [];
    const doc = { id: account.id, name: account.name, ownerId: ownerOf(account.ownerId), renewalDate: account.renewalDate };
    // A playbook already running on the account is not news (as on the server).
    const activePlaybooks = tenant.runs
      .filter((run) => run.accountId === account.id && (run.status === 'active' || run.status === 'planned'))
      .map((run) => run.playbookId);
    const state = (until: Month, today: IsoDate) =>
      accountAlertState({ account: doc, series: upTo(series, until), today, activePlaybooks });
    return evaluateAlertRules(DEFAULT_ALERT_RULE_SETTINGS, state(previous, lastDayOfMonth(previous)), state(month, lastDayOfMonth(month)));
  });
}

export function sampleAlerts(
  tenant: SampleTenant,
  seriesById: ReadonlyMap<string, AccountSeries>,
  options: { readonly ownerOf: (sampleUserId: string) => string; readonly seededAt: string; readonly hlc: Hlc },
): AlertDoc[] {
  const latest = SAMPLE_LATEST_MONTH;
  const earlier = SAMPLE_MONTHS[SAMPLE_MONTHS.length - 2]!;
  const owners = new Map(tenant.accounts.map((a) => [a.id, options.ownerOf(a.ownerId)]));
  const seen = new Set<string>();
  const docs: AlertDoc[] = [];
  for (const month of [earlier, latest]) {
    for (const candidate of candidatesIn(tenant, seriesById, month, options.ownerOf)) {
      if (seen.has(candidate.dedupeKey)) continue;
      seen.add(candidate.dedupeKey);
      const id = `alert-${tenant.slug}-${String(docs.length + 1).padStart(2, '0')}`;
      const createdAt = month === latest ? options.seededAt : `${lastDayOfMonth(month)}T09:00:00.000Z`;
      const alert = alertDocument(candidate, { id, createdAt, stamp: options.hlc });
      docs.push(
        month === latest
          ? alert
          : acknowledgeAlert(alert, { userId: owners.get(candidate.accountId)!, acknowledgedAt: `${lastDayOfMonth(month)}T15:00:00.000Z`, stamp: options.hlc }),
      );
    }
  }
  return docs;
}

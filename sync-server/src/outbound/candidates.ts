/**
 * Which alerts a write raises: each affected account's state after the write (the stored documents) against
 * its state before it (the same documents with the write's changes taken back), through the tenant's rules.
 * The state before needs no bookkeeping: the push already holds the server's copies it replaced.
 */
import {
  accountAlertState,
  evaluateAlertRules,
  seriesFromMeasurements,
  type AccountAlertState,
  type AccountDoc,
  type AccountSeries,
  type AlertCandidate,
  type IsoDate,
} from '@vitals/shared';
import type { StoredDocument } from '../sync/documents';
import type { AlertData, MeasurementRow } from './alert-data';
import type { DocumentChange } from './types';

type SeriesByAccount = ReadonlyMap<string, AccountSeries>;

function seriesByAccount(measurements: readonly MeasurementRow[]): SeriesByAccount {
  return new Map(seriesFromMeasurements(measurements).map((series) => [series.accountId, series]));
}

function stateOf(data: AlertData, account: AccountDoc, series: SeriesByAccount, today: IsoDate): AccountAlertState {
  return accountAlertState({
    account,
    series: series.get(account.id) ?? { accountId: account.id, months: new Map() },
    today,
    playbookRules: data.playbookRules,
    activePlaybooks: data.activePlaybooks.get(account.id) ?? [],
  });
}

/** The measurements as they were before the write: changed ones replaced by their earlier copies. */
function measurementsBefore(data: AlertData, changes: readonly DocumentChange[]): MeasurementRow[] {
  const previous = new Map<string, StoredDocument | null>(changes.map((c) => [c.after.id, c.before]));
  const kept = data.measurements.filter((m) => !previous.has(m.id));
  for (const before of previous.values()) {
    if (before !== null && !before._deleted) kept.push(before as unknown as MeasurementRow);
  }
  return kept;
}

/** The accounts a write of `collection` touches. */
export function affectedAccounts(collection: string, changes: readonly DocumentChange[]): string[] {
  const ids = new Set<string>();
  for (const { before, after } of changes) {
    if (collection === 'accounts') ids.add(after.id);
    else for (const doc of [before, after]) if (typeof doc?.accountId === 'string') ids.add(doc.accountId);
  }
  return [...ids];
}

export function candidatesForWrite(
  data: AlertData,
  collection: 'accounts' | 'measurements',
  changes: readonly DocumentChange[],
  today: IsoDate,
): AlertCandidate[] {
  const after = seriesByAccount(data.measurements);
  const before = collection === 'measurements' ? seriesByAccount(measurementsBefore(data, changes)) : after;
  const accountsBefore = new Map<string, StoredDocument | null>(
    collection === 'accounts' ? changes.map((c) => [c.after.id, c.before]) : [],
  );
  const candidates: AlertCandidate[] = [];
  for (const accountId of affectedAccounts(collection, changes)) {
    const account = data.accounts.get(accountId);
    if (!account) continue; // deleted, or never existed: nothing to alert about
    const earlier = accountsBefore.has(accountId) ? (accountsBefore.get(accountId) as unknown as AccountDoc | null) : account;
    const stateBefore = earlier === null || earlier._deleted ? null : stateOf(data, earlier, before, today);
    candidates.push(...evaluateAlertRules(data.rules, stateBefore, stateOf(data, account, after, today)));
  }
  return candidates;
}

/** The periodic sweep: nothing to compare with, so only time-based rules (renewals) can fire. */
export function candidatesForSweep(data: AlertData, today: IsoDate): AlertCandidate[] {
  const series = seriesByAccount(data.measurements);
  return [...data.accounts.values()].flatMap((account) =>
    evaluateAlertRules(data.rules, null, stateOf(data, account, series, today)),
  );
}

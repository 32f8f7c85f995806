/**
 * The signed-in tenant's data on this device: the local database, its replication, and reactive views of
 * the collections. Screens read only from here, never from the network.
 */
import {
  DEFAULT_CATALOG,
  alertInboxOrder,
  latestMonth,
  seriesFromMeasurements,
  type AccountDoc,
  type AccountSeries,
  type AlertDoc,
  type Catalog,
  type MeasurementDoc,
  type MemberDoc,
  type Month,
  type PlaybookRunDoc,
} from '@vitals/shared';
import type { RxDocument } from 'rxdb';
import { createContext, createMemo, createResource, from, onCleanup, useContext, type Accessor, type JSX } from 'solid-js';
import type { Observable } from 'rxjs';
import { map } from 'rxjs';
import { openTenantDatabase, type VitalsDatabase } from '../db/database';
import { newestMonthsFirst } from '../db/newest-months-first';
import { storageErrorMessage } from '../db/storage-errors';
import { startSync, type SyncHandle } from '../db/replication';
import { liveCollection } from './live-collection';

/** Lists sort by name, as the accounts index does (plain code-unit order, like RxDB's sort). */
function byName(a: AccountDoc, b: AccountDoc): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

export interface TenantData {
  readonly db: VitalsDatabase;
  readonly sync: SyncHandle;
  readonly catalog: Catalog;
  readonly accounts: Accessor<AccountDoc[]>;
  readonly measurements: Accessor<MeasurementDoc[]>;
  readonly members: Accessor<MemberDoc[]>;
  readonly runs: Accessor<PlaybookRunDoc[]>;
  /** Every alert of the tenant (server-raised, synced like the rest), newest first. */
  readonly alerts: Accessor<AlertDoc[]>;
  /** True once the alerts stored on this device have been read (so a later one is new, not just loaded). */
  readonly alertsLoaded: Accessor<boolean>;
  /** KPI values by account and month, the health engine's input: every month, once all are read. */
  readonly series: Accessor<AccountSeries[]>;
  /**
   * While a start-up read of the device database is under way: the latest two months of every account,
   * read first (enough for each account's status, score and change since last month); `null` otherwise.
   */
  readonly recentSeries: Accessor<AccountSeries[] | null>;
  /** The latest month with data (from `recentSeries` while the rest is read). */
  readonly latest: Accessor<Month | null>;
  /** True once the local database has answered in full (possibly with nothing yet). */
  readonly ready: Accessor<boolean>;
  /** Why the local database could not be read, if it could not. */
  readonly failure: Accessor<unknown>;
}

function live<T>(query: Observable<RxDocument<Record<string, unknown>>[]>): Accessor<T[]> {
  const signal = from(query.pipe(map((docs) => docs.map((d) => d.toJSON(true) as unknown as T))));
  return () => signal() ?? [];
}

/** Measurement documents → one series per account, months in order, cleared values left out (shared with the server). */
export const toSeries = seriesFromMeasurements;

const TenantDataContext = createContext<TenantData>();

export function TenantDataProvider(props: { userId: string; tenantId: string; fallback: JSX.Element; children: JSX.Element }): JSX.Element {
  const [opened] = createResource(
    () => [props.userId, props.tenantId] as const,
    async ([userId, tenantId]) => {
      const db = await openTenantDatabase(userId, tenantId);
      const sync = startSync(db, tenantId);
      return { db, sync };
    },
  );
  onCleanup(() => {
    if (opened.error) return;
    const o = opened();
    if (o) void o.sync.stop().then(() => o.db.close());
  });

  const data = createMemo<TenantData | null>(() => {
    if (opened.error) return null;
    const o = opened();
    if (!o) return null;
    const { db, sync } = o;
    // The two big collections follow change events (see live-collection.ts); the small ones use queries.
    const liveAccounts = liveCollection<AccountDoc>(db.accounts);
    const accounts = createMemo(() => liveAccounts.docs().sort(byName));
    const liveMeasurements = liveCollection<MeasurementDoc>(db.measurements, { parts: newestMonthsFirst });
    const measurements = liveMeasurements.docs;
    const members = live<MemberDoc>(db.members.find().$ as never);
    const runs = live<PlaybookRunDoc>(db.playbook_runs.find().$ as never);
    // Change events rather than a query: an acknowledgement shows within a frame, and `loaded` tells a
    // newly arrived alert from the ones read at start-up.
    const liveAlerts = liveCollection<AlertDoc>(db.alerts);
    const alerts = createMemo(() => liveAlerts.docs().sort(alertInboxOrder));
    const series = createMemo(() => toSeries(measurements()));
    const recentSeries = createMemo(() => {
      const part = liveMeasurements.firstPart();
      return part ? toSeries(part) : null;
    });
    const latest = createMemo(() => latestMonth(recentSeries() ?? series()));
    const ready = (): boolean => liveAccounts.loaded() && liveMeasurements.loaded();
    const failure = (): unknown => liveAccounts.error() ?? liveMeasurements.error();
    return {
      db,
      sync,
      catalog: DEFAULT_CATALOG,
      accounts,
      measurements,
      members,
      runs,
      alerts,
      alertsLoaded: liveAlerts.loaded,
      series,
      recentSeries,
      latest,
      ready,
      failure,
    };
  });

  return (
    <>
      {(() => {
        const d = data();
        const failure = opened.error ?? d?.failure();
        if (failure) {
          return (
            <div class="center-page">
              <p class="card error" role="alert" style={{ 'max-width': '36rem' }}>
                {storageErrorMessage(failure)}
              </p>
            </div>
          );
        }
        return d ? <TenantDataContext.Provider value={d}>{props.children}</TenantDataContext.Provider> : props.fallback;
      })()}
    </>
  );
}

export function useTenantData(): TenantData {
  const data = useContext(TenantDataContext);
  if (!data) throw new Error('useTenantData outside TenantDataProvider');
  return data;
}

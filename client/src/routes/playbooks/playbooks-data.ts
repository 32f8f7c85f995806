/**
 * What the playbook screens show, as reactive views over the local database: the tenant's thresholds (the
 * `playbooks` settings document), recommendations for the latest month, each playbook's results, and who
 * may do what. Everything is computed on the device by shared/, so it works offline and updates the moment
 * a run or a KPI changes.
 */
import {
  PLAYBOOK_SETTINGS_ID,
  baselineSnapshot,
  can,
  playbookResults,
  portfolioRecommendations,
  readPlaybookSettings,
  resolvePlaybookRules,
  runTrigger,
  type AccountDoc,
  type PlaybookId,
  type PlaybookOverrides,
  type PlaybookResult,
  type PlaybookRules,
  type PlaybookRunDoc,
  type PortfolioRecommendations,
  type Role,
} from '@vitals/shared';
import { createMemo, type Accessor } from 'solid-js';
import { startNewRun } from '../../db/playbook-runs';
import { watchSettingsDocument } from '../../db/settings';
import { currentTenant, session } from '../../session/session';
import { useTenantData, type TenantData } from '../../state/tenant-data';

type Rules = Readonly<Record<PlaybookId, PlaybookRules>>;

export interface PlaybookRulesView {
  readonly overrides: Accessor<PlaybookOverrides>;
  readonly rules: Accessor<Rules>;
  /** Why stored thresholds were ignored (malformed, or invalid for this version), for owners to fix. */
  readonly problems: Accessor<readonly string[]>;
  readonly customised: Accessor<boolean>;
}

/** The tenant's thresholds from its `playbooks` settings document, the defaults where it has none. */
export function createPlaybookRules(data: TenantData): PlaybookRulesView {
  const doc = watchSettingsDocument(data.db, PLAYBOOK_SETTINGS_ID);
  const read = createMemo(() => readPlaybookSettings(doc()?.data));
  const resolved = createMemo(() => resolvePlaybookRules(read().overrides));
  return {
    overrides: () => read().overrides,
    rules: () => resolved().rules,
    problems: () => [
      ...(read().problem ? [read().problem!] : []),
      ...resolved().ignored.map((e) => e.message),
    ],
    customised: () => Object.keys(read().overrides).length > 0,
  };
}

export interface PlaybookAccess {
  readonly userId: Accessor<string | null>;
  /** The server refuses the rest (a CSM changes runs of their own accounts only); buttons would mislead. */
  readonly canChangeRuns: (account: AccountDoc | undefined) => boolean;
  readonly canConfigure: Accessor<boolean>;
}

export function playbookAccess(): PlaybookAccess {
  const userId = (): string | null => session()?.user.id ?? null;
  const role = (): Role | undefined => currentTenant()?.role;
  return {
    userId,
    canChangeRuns: (account) => {
      const r = role();
      if (!r || !account) return false;
      return can(r, 'data.write') || (can(r, 'data.write-own') && account.ownerId === userId());
    },
    canConfigure: () => {
      const r = role();
      return r ? can(r, 'settings.tenant') : false;
    },
  };
}

/** One account's recommendations (cheap: its own trigger context only), for the account screen. */
export function accountRecommendations(
  data: TenantData,
  rules: Rules,
  accountId: string,
): PortfolioRecommendations | null {
  const account = data.accounts().find((a) => a.id === accountId && !a._deleted);
  const month = data.latest();
  const series = data.series().find((s) => s.accountId === accountId);
  if (!account || !month) return null;
  return portfolioRecommendations({
    accounts: [account],
    series: series ? [series] : [],
    month,
    catalog: data.catalog,
    rules,
    runs: data.runs().filter((r) => r.accountId === accountId),
  });
}

/** Starts a run on the account now: evidence and baseline from its latest month. Returns the run's id. */
export async function startRunOn(
  data: TenantData,
  rules: Rules,
  accountId: string,
  playbookId: PlaybookId,
): Promise<string> {
  const account = data.accounts().find((a) => a.id === accountId && !a._deleted);
  const userId = session()?.user.id;
  const month = data.latest();
  const context = accountRecommendations(data, rules, accountId)?.contexts.get(accountId);
  if (!account || !userId || !month || !context)
    throw new Error('This account has no KPI data on this device yet.');
  const run = await startNewRun(data.db, {
    playbookId,
    account: { id: account.id, name: account.name, ownerId: account.ownerId },
    members: data.members(),
    trigger: runTrigger(rules[playbookId], context, month, data.catalog),
    baseline: baselineSnapshot(data.series().find((s) => s.accountId === accountId)),
    start: true,
    userId,
  });
  return run.id;
}

export interface PlaybooksData extends PlaybookAccess {
  readonly data: TenantData;
  readonly settings: PlaybookRulesView;
  readonly runs: Accessor<readonly PlaybookRunDoc[]>;
  readonly recommendations: Accessor<PortfolioRecommendations | null>;
  readonly results: Accessor<readonly PlaybookResult[]>;
  readonly account: (id: string) => AccountDoc | undefined;
  readonly accountName: (id: string) => string;
  readonly memberName: (id: string) => string | null;
  readonly startRun: (accountId: string, playbookId: PlaybookId) => Promise<string>;
}

export function createPlaybooksData(): PlaybooksData {
  const data = useTenantData();
  const settings = createPlaybookRules(data);
  const runs = createMemo(() => data.runs().filter((r) => !r._deleted));
  const accountsById = createMemo(
    () =>
      new Map(
        data
          .accounts()
          .filter((a) => !a._deleted)
          .map((a) => [a.id, a]),
      ),
  );
  const membersById = createMemo(() => new Map(data.members().map((m) => [m.id, m])));
  const recommendations = createMemo(() => {
    const month = data.latest();
    if (!month) return null;
    return portfolioRecommendations({
      accounts: [...accountsById().values()],
      series: data.series(),
      month,
      catalog: data.catalog,
      rules: settings.rules(),
      runs: runs(),
    });
  });
  const results = createMemo(() => playbookResults(runs(), { rules: settings.rules() }));
  return {
    ...playbookAccess(),
    data,
    settings,
    runs,
    recommendations,
    results,
    account: (id) => accountsById().get(id),
    accountName: (id) => accountsById().get(id)?.name ?? 'Deleted account',
    memberName: (id) => membersById().get(id)?.name ?? null,
    startRun: (accountId, playbookId) => startRunOn(data, settings.rules(), accountId, playbookId),
  };
}

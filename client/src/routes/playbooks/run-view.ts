/**
 * One run as its page shows it: the stored document, the report model shared with the Markdown and PDF
 * (timeline with due dates, RACI, before/after), who may change it, whether a change waits to sync, and
 * `apply`, which writes a change through the device database and says what happened.
 */
import {
  baselineSnapshot,
  buildRunReport,
  measureOutcome,
  type AccountDoc,
  type AccountSeries,
  type MeasuredOutcome,
  type PlaybookRules,
  type PlaybookRunDoc,
  type RunChange,
  type RunReport,
  type RunReportInput,
} from '@vitals/shared';
import { createMemo, createSignal, onCleanup, type Accessor } from 'solid-js';
import { changeStoredRun, RunRefusedError } from '../../db/playbook-runs';
import { syncStatus } from '../../db/sync-status';
import { currentTenant } from '../../session/session';
import { useTenantData, type TenantData } from '../../state/tenant-data';
import { createPlaybookRules, playbookAccess } from './playbooks-data';

export interface RunView {
  readonly data: TenantData;
  readonly run: Accessor<PlaybookRunDoc | undefined>;
  readonly account: Accessor<AccountDoc | undefined>;
  readonly rules: Accessor<PlaybookRules | undefined>;
  /** What the report is made from (the screen, the Markdown and the PDF alike). */
  readonly reportInput: Accessor<RunReportInput | null>;
  readonly report: Accessor<RunReport | null>;
  readonly canEdit: Accessor<boolean>;
  readonly pending: Accessor<boolean>;
  /** The last refusal or failure, in words; cleared by the next change. */
  readonly error: Accessor<string | null>;
  /** What the last change did, for the screen reader's live region. */
  readonly announcement: Accessor<string>;
  readonly apply: (change: RunChange, done: string) => Promise<boolean>;
  /** The outcome if the run were completed now (the confirmation shows it). */
  readonly measureNow: (renewed: boolean | null) => MeasuredOutcome | null;
  /** The baseline a planned run would take if started now. */
  readonly baselineNow: () => ReturnType<typeof baselineSnapshot>;
  readonly members: Accessor<readonly { id: string; name: string }[]>;
}

/** "Today" for overdue steps, re-read every minute so a page left open stays right. */
function createNow(): Accessor<string> {
  const [now, setNow] = createSignal(new Date().toISOString());
  const timer = setInterval(() => setNow(new Date().toISOString()), 60_000);
  onCleanup(() => clearInterval(timer));
  return now;
}

export function createRunView(runId: Accessor<string>): RunView {
  const data = useTenantData();
  const settings = createPlaybookRules(data);
  const access = playbookAccess();
  const now = createNow();
  const run = createMemo(() => data.runs().find((r) => r.id === runId() && !r._deleted));
  const account = createMemo(() => {
    const id = run()?.accountId;
    return id ? data.accounts().find((a) => a.id === id && !a._deleted) : undefined;
  });
  const series = createMemo((): AccountSeries | undefined =>
    data.series().find((s) => s.accountId === run()?.accountId),
  );
  const rules = createMemo(() => {
    const r = run();
    return r ? settings.rules()[r.playbookId] : undefined;
  });
  const members = createMemo(() =>
    data
      .members()
      .filter((m) => !m._deleted)
      .map((m) => ({ id: m.id, name: m.name })),
  );
  const reportInput = createMemo((): RunReportInput | null => {
    const r = run();
    const playbookRules = rules();
    if (!r || !playbookRules) return null;
    const latest = data.latest();
    return {
      run: r,
      accountName: account()?.name ?? 'Deleted account',
      tenantName: currentTenant()?.name ?? 'Workspace',
      members: members(),
      rules: playbookRules,
      current: (latest && series()?.months.get(latest)) || {},
      generatedAt: now(),
    };
  });
  const report = createMemo((): RunReport | null => {
    const input = reportInput();
    return input ? buildRunReport(input) : null;
  });
  const [error, setError] = createSignal<string | null>(null);
  const [announcement, setAnnouncement] = createSignal('');

  const apply = async (change: RunChange, done: string): Promise<boolean> => {
    const userId = access.userId();
    setError(null);
    if (!userId) {
      setError('Sign in again to change this run.');
      return false;
    }
    try {
      await changeStoredRun(data.db, runId(), change, userId);
      setAnnouncement(done);
      return true;
    } catch (failure) {
      if (!(failure instanceof RunRefusedError)) console.error('Changing the run failed', failure);
      setError(
        failure instanceof Error ? failure.message : 'The change could not be saved. Please try again.',
      );
      return false;
    }
  };

  const measureNow = (renewed: boolean | null): MeasuredOutcome | null => {
    const r = run();
    const playbookRules = rules();
    if (!r || !playbookRules || r.startedAt === null) return null;
    return measureOutcome({
      rules: playbookRules,
      baseline: r.baseline,
      startedAt: r.startedAt,
      completedAt: new Date().toISOString(),
      series: series(),
      renewed,
    });
  };

  return {
    data,
    run,
    account,
    rules,
    reportInput,
    report,
    canEdit: () => access.canChangeRuns(account()),
    pending: () => syncStatus.isPending('playbook_runs', runId()),
    error,
    announcement,
    apply,
    measureNow,
    baselineNow: () => baselineSnapshot(series()),
    members,
  };
}

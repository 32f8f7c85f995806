/**
 * A sample tenant as the synced documents a new database starts with: members, accounts, one measurement
 * per account and month, the "Sample data" import version every value points at, and the playbook runs.
 * The server seeds these; everything here is pure, so the same inputs give deep-equal documents.
 *
 * Every write is stamped with one seed clock (wall time = `seededAt`, counter 0, node `seed`): the seed is a
 * single event, and any later edit from a device or an import stamps a later time and wins over it.
 */
import { type AccountSeries } from '../health/portfolio';
import { buildSnapshot } from '../import/snapshot';
import { DEFAULT_CATALOG } from '../kpi/overrides';
import { buildTriggerContext } from '../playbooks/context';
import { RACI_ROLES, getPlaybook, type RaciRoleId } from '../playbooks/definitions';
import { crossedEvidence, readingsEvidence } from '../playbooks/evidence';
import { DEFAULT_PLAYBOOK_RULES, evaluateTrigger } from '../playbooks/triggers';
import type { AccountDoc } from '../schemas/accounts';
import type { AlertDoc } from '../schemas/alerts';
import type { ConversationDoc } from '../schemas/conversations';
import type { KpiCells, ValueSource } from '../schemas/kpi-values';
import { measurementId, type MeasurementDoc } from '../schemas/measurements';
import type { MemberDoc } from '../schemas/members';
import type { PlaybookRunDoc, RunStep } from '../schemas/playbook-runs';
import type { SettingsDoc } from '../schemas/settings';
import type { VersionDoc } from '../schemas/versions';
import { formatHlc, type Hlc } from '../sync/hlc';
import { monthOfDate, previousMonth } from '../time/months';
import { type IsoDate } from '../units';
import { sampleAlerts } from './alerts';
import { sampleSeries } from './generate';
import {
  SAMPLE_LATEST_MONTH,
  SAMPLE_MONTHS,
  type SampleAccount,
  type SamplePlaybookRun,
  type SampleTenant,
  type SampleUser,
} from './model';

/** The node id of the seed clock: no device is called that, so a seeded value is recognisable in history. */
export const SEED_NODE_ID = 'seed';

export interface SampleDocumentsOptions {
  /**
   * Sample user id (`usr-acme-csm`) → the id of the database user the server created for a person who can
   * sign in. Every sample user with `login: true` must be here; others may be.
   */
  readonly userIds: ReadonlyMap<string, string>;
  /**
   * Ids for what the server would otherwise create: first one per sample user without a login and without
   * an entry in `userIds` (in the tenant's user order), then the import version's id.
   */
  readonly newId: () => string;
  /** When the seed is written, an ISO timestamp (UTC): the documents' creation time and the seed clock. */
  readonly seededAt: string;
  /** SHA-256 of `sampleToLongCsv(tenant)`, 64 lowercase hex digits: the file the seed stands for. */
  readonly fileHash: string;
}

/** The tenant's initial documents, by collection name (`COLLECTIONS`). */
export interface SampleDocuments {
  readonly accounts: AccountDoc[];
  readonly measurements: MeasurementDoc[];
  readonly versions: VersionDoc[];
  readonly playbook_runs: PlaybookRunDoc[];
  readonly members: MemberDoc[];
  readonly settings: SettingsDoc[];
  readonly alerts: AlertDoc[];
  readonly conversations: ConversationDoc[];
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * A sample date as a timestamp at noon UTC, so it shows as the same calendar day in every time zone from
 * UTC−11 to UTC+11 (midnight UTC would be the evening before in the Americas).
 */
function atNoon(date: IsoDate): string {
  return `${date}T12:00:00.000Z`;
}

function normalizeTimestamp(text: string): { iso: string; ms: number } {
  const ms = Date.parse(text);
  if (!Number.isSafeInteger(ms) || ms < 0) {
    throw new RangeError(`seededAt must be an ISO timestamp after 1970, got ${JSON.stringify(text)}`);
  }
  return { iso: new Date(ms).toISOString(), ms };
}

/** Sample user id → database user id, for everyone in the tenant. */
function memberIds(tenant: SampleTenant, options: SampleDocumentsOptions): Map<string, string> {
  const ids = new Map<string, string>();
  for (const user of tenant.users) {
    const mapped = options.userIds.get(user.id);
    if (mapped === undefined && user.login) {
      throw new RangeError(`userIds has no database id for ${user.id} (${user.email}), who can sign in.`);
    }
    ids.set(user.id, mapped ?? options.newId());
  }
  return ids;
}

/** The member a CSM reports to: the CS manager, or the owner in a tenant without one. */
function managerOf(user: SampleUser, users: readonly SampleUser[]): SampleUser | null {
  const owner = users.find((u) => u.role === 'owner') ?? null;
  if (user.role === 'owner') return null;
  if (user.role === 'manager') return owner;
  return users.find((u) => u.role === 'manager') ?? owner;
}

function ownerOf(tenant: SampleTenant): SampleUser {
  const owner = tenant.users.find((u) => u.role === 'owner');
  if (!owner) throw new RangeError(`Sample tenant ${tenant.slug} has no owner.`);
  return owner;
}

/* ------------------------------------------------------------------ trigger evidence */

/** Kept here too: the sample's tests and callers named it before it moved to playbooks/evidence.ts. */
export { evidenceText } from '../playbooks/evidence';

/**
 * Why the run was started, judged by the default trigger on the baseline month (the month before the start)
 * or, when it fired only on the values of the month the run started in, that month: a CSM reacts to this
 * month's escalations before the month is over. When it fired in neither (a run started on judgement, or
 * a streak the sample's first months cannot show), the evidence is what had crossed in the baseline
 * month, or failing that the trigger's KPIs as they stood. A planned run is judged on the latest month.
 */
function triggerOf(
  run: SamplePlaybookRun,
  account: SampleAccount,
  series: AccountSeries,
): PlaybookRunDoc['trigger'] {
  const rules = DEFAULT_PLAYBOOK_RULES[run.playbookId];
  const startMonth = monthOfDate(run.startedOn);
  const months = [previousMonth(startMonth), startMonth].filter((m) => m <= SAMPLE_LATEST_MONTH);
  const judged = (months.length > 0 ? months : [SAMPLE_LATEST_MONTH]).map((month) => {
    const context = buildTriggerContext({
      series,
      month,
      months: SAMPLE_MONTHS,
      renewalDate: account.renewalDate,
    });
    return { month, context, result: evaluateTrigger(rules, context, DEFAULT_CATALOG) };
  });
  const fired = judged.find((j) => j.result.fired);
  if (fired) return { month: fired.month, evidence: crossedEvidence(fired.result) };
  const first = judged[0]!;
  const evidence =
    first.result.evidence.length > 0
      ? crossedEvidence(first.result)
      : readingsEvidence(rules, first.context.latest);
  return { month: first.month, evidence };
}

/* ------------------------------------------------------------------ documents */

type Assignee = NonNullable<PlaybookRunDoc['raci'][RaciRoleId]>;

interface RunPeople {
  /** The run's owner: the account's CSM. */
  readonly csm: string;
  readonly manager: string;
  readonly owner: string;
  readonly of: (sampleUserId: string) => string;
}

/**
 * Every role the playbook's steps involve: CSM, CS manager (the owner in a tenant without one) and the
 * executive sponsor (the tenant's own executive on the account: the owner, the one executive the sample has)
 * are members; the sample has no one for the others, so they are named as the team that would fill them.
 */
function raciOf(run: SamplePlaybookRun, people: RunPeople): PlaybookRunDoc['raci'] {
  const who: Readonly<Record<RaciRoleId, Assignee>> = {
    csm: { kind: 'user', userId: people.csm },
    cs_manager: { kind: 'user', userId: people.manager },
    support_lead: { kind: 'name', name: 'Support team' },
    product_manager: { kind: 'name', name: 'Product team' },
    account_executive: { kind: 'name', name: 'Sales team' },
    executive_sponsor: { kind: 'user', userId: people.owner },
  };
  const involved = new Set<RaciRoleId>();
  for (const step of getPlaybook(run.playbookId).steps) {
    const { responsible, accountable, consulted, informed } = step.raci;
    for (const role of [...responsible, accountable, ...consulted, ...informed]) involved.add(role);
  }
  const raci: PlaybookRunDoc['raci'] = {};
  for (const role of RACI_ROLES) if (involved.has(role)) raci[role] = who[role];
  return raci;
}

function runDocument(
  run: SamplePlaybookRun,
  account: SampleAccount,
  series: AccountSeries,
  people: RunPeople,
  stamp: { hlc: Hlc; seededAt: string },
): PlaybookRunDoc {
  const definition = getPlaybook(run.playbookId);
  const checked = new Map(run.steps.map((s) => [s.stepId, s]));
  const steps: RunStep[] = definition.steps.map((step, position) => {
    const done = checked.get(step.id);
    return {
      stepId: step.id,
      position,
      done: done !== undefined,
      doneBy: done ? people.of(done.checkedBy) : null,
      doneAt: done ? atNoon(done.checkedOn) : null,
      note: done?.note ?? null,
      hlc: stamp.hlc,
    };
  });
  // The baseline is the last full month before the start (the sample's own rule for outcomes); a planned
  // run has not taken it yet.
  const baselineMonth = run.outcome?.baselineMonth ?? previousMonth(monthOfDate(run.startedOn));
  const baselineValues = series.months.get(baselineMonth);
  const planned = run.status === 'planned';
  const outcome = run.outcome;
  return {
    id: run.id,
    accountId: run.accountId,
    playbookId: run.playbookId,
    state: run.status,
    raci: raciOf(run, people),
    steps,
    baseline:
      planned || baselineValues === undefined
        ? null
        : { month: baselineMonth, values: { ...baselineValues } },
    trigger: triggerOf(run, account, series),
    outcome:
      outcome === null || run.endedOn === null
        ? null
        : {
            criterionMet: outcome.criterionMet,
            before: { ...outcome.before },
            after: { ...outcome.after },
            measuredAt: atNoon(run.endedOn),
          },
    createdAt: planned ? stamp.seededAt : atNoon(run.startedOn),
    startedAt: planned ? null : atNoon(run.startedOn),
    // When the run finished, completed or abandoned: `state` says which.
    completedAt: run.endedOn === null ? null : atNoon(run.endedOn),
    clocks: {
      state: stamp.hlc,
      raci: stamp.hlc,
      baseline: stamp.hlc,
      trigger: stamp.hlc,
      outcome: stamp.hlc,
      startedAt: stamp.hlc,
      completedAt: stamp.hlc,
    },
    history: [],
    _deleted: false,
  };
}

/**
 * The tenant's initial synced documents. Ids: members get the database user ids (`userIds`, or `newId()` for
 * people without a login), the version gets `newId()`, and accounts and runs keep the sample's stable ids
 * (`acc-acme-01`, `run-acme-01`), which the sample's docs and tests name. ARR stays in integer cents, as
 * everywhere in Vitals (the CSV is the only place it is written in currency units).
 */
export function sampleDocuments(tenant: SampleTenant, options: SampleDocumentsOptions): SampleDocuments {
  if (!SHA256_HEX.test(options.fileHash)) {
    throw new RangeError(
      `fileHash must be a SHA-256 digest in lowercase hex, got ${JSON.stringify(options.fileHash)}`,
    );
  }
  const { iso: seededAt, ms } = normalizeTimestamp(options.seededAt);
  const hlc = formatHlc({ wallMs: ms, counter: 0, nodeId: SEED_NODE_ID });
  const ids = memberIds(tenant, options);
  const idOf = (sampleUserId: string): string => {
    const id = ids.get(sampleUserId);
    if (id === undefined)
      throw new RangeError(`Sample ${tenant.slug} names an unknown user: ${sampleUserId}`);
    return id;
  };
  const owner = ownerOf(tenant);
  const manager = tenant.users.find((u) => u.role === 'manager') ?? owner;
  const versionId = options.newId();

  const members: MemberDoc[] = tenant.users.map((user) => {
    const boss = managerOf(user, tenant.users);
    return {
      id: idOf(user.id),
      name: user.name,
      email: user.email,
      role: user.role,
      managerId: boss === null ? null : idOf(boss.id),
      _deleted: false,
    };
  });

  const accounts: AccountDoc[] = tenant.accounts.map((a) => ({
    id: a.id,
    name: a.name,
    segment: a.segment,
    ownerId: idOf(a.ownerId),
    renewalDate: a.renewalDate,
    createdAt: seededAt,
    clocks: { name: hlc, segment: hlc, ownerId: hlc, renewalDate: hlc },
    history: [],
    _deleted: false,
  }));

  const source: ValueSource = { kind: 'upload', versionId };
  const byCell = new Map<string, MeasurementDoc>();
  for (const v of tenant.values) {
    const id = measurementId(v.accountId, v.month);
    let doc = byCell.get(id);
    if (!doc) {
      doc = {
        id,
        accountId: v.accountId,
        month: v.month,
        values: {},
        history: [],
        clocks: {},
        _deleted: false,
      };
      byCell.set(id, doc);
    }
    const cells: KpiCells = doc.values;
    cells[v.kpi] = { value: v.value, source, hlc };
  }
  const measurements = [...byCell.values()];

  const accountIds = new Set(tenant.values.map((v) => v.accountId));
  const version: VersionDoc = {
    id: versionId,
    fileName: `sample-${tenant.slug}.csv`,
    fileHash: options.fileHash,
    layout: 'long',
    createdBy: idOf(owner.id),
    createdAt: seededAt,
    // The first import of an empty tenant: every account is new, no value existed to change or keep.
    counts: {
      accounts: accountIds.size,
      newAccounts: accountIds.size,
      values: tenant.values.length,
      changed: 0,
      unchanged: 0,
    },
    restoredFrom: null,
    note: 'Sample data',
    // The values it stands for, so "restore the sample data" works on the demo tenants.
    snapshot: buildSnapshot(tenant.values),
    _deleted: false,
  };

  const seriesById = new Map(sampleSeries(tenant).map((s) => [s.accountId, s]));
  const playbookRuns = tenant.runs.map((run) => {
    const account = tenant.accounts.find((a) => a.id === run.accountId);
    const series = seriesById.get(run.accountId);
    if (!account || !series)
      throw new RangeError(`Sample run ${run.id} names an unknown account: ${run.accountId}`);
    const people = { csm: idOf(run.ownerId), manager: idOf(manager.id), owner: idOf(owner.id), of: idOf };
    return runDocument(run, account, series, people, { hlc, seededAt });
  });

  return {
    accounts,
    measurements,
    versions: [version],
    playbook_runs: playbookRuns,
    members,
    settings: [],
    alerts: sampleAlerts(tenant, seriesById, { ownerOf: idOf, seededAt, hlc }),
    conversations: [],
  };
}

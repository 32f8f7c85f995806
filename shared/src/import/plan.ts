/**
 * The documents an import commits, on the device and in the `vitals import` CLI alike: a version, the new
 * accounts (and existing ones whose attributes the accounts sheet changed), and the month documents whose
 * values changed, each value's source the new version. Values equal to the stored ones are not written again.
 * Pure: time, clock and ids are passed in.
 */
import type { AccountDoc } from '../schemas/accounts';
import type { MeasurementDoc } from '../schemas/measurements';
import type { VersionDoc } from '../schemas/versions';
import { editFields, mergeAccounts } from '../sync/merge';
import type { Hlc } from '../sync/hlc';
import { checkedFileHash, storedFileName, timestampOf, type ImportPlan } from './commit';
import { attributePatch, measurementsById, resolveImport, type ExistingMember, type ResolvedAccount } from './resolve';
import { buildSnapshot } from './snapshot';
import { hasBlockingErrors, type ImportedTable } from './table';
import { takeStamp, writeValues } from './write-values';

export type { ImportPlan } from './commit';

export interface PlanImportInput {
  readonly table: ImportedTable;
  readonly existing: {
    readonly accounts: readonly AccountDoc[];
    readonly measurements: readonly MeasurementDoc[];
    /** To match owners in the accounts sheet to people; without them owners are left as they are. */
    readonly members?: readonly ExistingMember[];
  };
  readonly fileName: string;
  /** SHA-256 of the file, hex. */
  readonly fileHash: string;
  /** Who commits: the version's `createdBy` and every written value's `by`. */
  readonly userId: string;
  /** ISO timestamp: the version's and new accounts' creation time. */
  readonly now: string;
  /** Read once: every write of the import carries the same clock time. */
  readonly nextHlc: () => string;
  /** Called for the version's id first, then once per new account. */
  readonly newId: () => string;
  readonly note?: string | null;
}

function newAccount(account: ResolvedAccount, id: string, createdAt: string, hlc: Hlc): AccountDoc {
  const a = account.attributes;
  return {
    id,
    name: account.name,
    segment: a?.segment ?? '',
    ownerId: account.ownerId,
    renewalDate: a?.renewalDate ?? null,
    createdAt,
    clocks: { name: hlc, segment: hlc, ownerId: hlc, renewalDate: hlc },
    history: [],
    _deleted: false,
  };
}

function updatedAccount(account: ResolvedAccount<AccountDoc>, doc: AccountDoc, hlc: Hlc): AccountDoc | null {
  const patch = attributePatch(account);
  const changed = Object.fromEntries(Object.entries(patch).filter(([field, value]) => doc[field as keyof typeof patch] !== value));
  if (Object.keys(changed).length === 0) return null;
  const next = editFields(mergeAccounts, doc, changed as Partial<AccountDoc>, hlc);
  for (const [field, value] of Object.entries(changed)) {
    if (next[field as keyof typeof patch] !== value) {
      throw new RangeError(`The clock is behind a stored edit (${doc.id} ${field}): nextHlc() must be later than every change it has seen.`);
    }
  }
  return next;
}

export function planImport(input: PlanImportInput): ImportPlan {
  const { table, existing } = input;
  if (hasBlockingErrors(table)) {
    throw new RangeError('The import has errors: fix the file or exclude the rows with errors (excludeRows) before planning it.');
  }
  const createdAt = timestampOf(input.now);
  const fileHash = checkedFileHash(input.fileHash);
  const hlc = takeStamp(input.nextHlc);
  const versionId = input.newId();
  const resolution = resolveImport(table, existing);

  const accounts: AccountDoc[] = [];
  const idByKey = new Map<string, string>();
  for (const account of resolution.accounts) {
    if (account.existing) {
      idByKey.set(account.key, account.existing.id);
      continue;
    }
    const doc = newAccount(account, input.newId(), createdAt, hlc);
    idByKey.set(account.key, doc.id);
    accounts.push(doc);
  }
  for (const account of resolution.accounts) {
    const updated = account.existing ? updatedAccount(account, account.existing, hlc) : null;
    if (updated) accounts.push(updated);
  }

  const idOf = (key: string): string => idByKey.get(key)!;
  const measurements = writeValues(
    measurementsById(existing.measurements),
    resolution.changed.map((c) => ({ accountId: idOf(c.accountKey), month: c.value.month, kpi: c.value.kpi, value: c.stored })),
    { source: { kind: 'upload', versionId }, hlc, by: input.userId },
  );
  const all = [...resolution.changed, ...resolution.unchanged];
  const version: VersionDoc = {
    id: versionId,
    fileName: storedFileName(input.fileName),
    fileHash,
    layout: table.layout,
    createdBy: input.userId,
    createdAt,
    counts: {
      accounts: table.accounts.length,
      newAccounts: resolution.accounts.filter((a) => a.existing === null).length,
      values: table.values.length,
      changed: resolution.changed.length,
      unchanged: resolution.unchanged.length,
    },
    restoredFrom: null,
    note: input.note ?? null,
    snapshot: buildSnapshot(all.map((r) => ({ accountId: idOf(r.accountKey), month: r.value.month, kpi: r.value.kpi, value: r.stored }))),
    _deleted: false,
  };
  return { version, accounts, measurements };
}

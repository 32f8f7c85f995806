/**
 * An imported table against the tenant's data: which accounts exist (matched by name, deleted ones not), which
 * values change, which attributes change, which owners name no member. `previewImport` shows this and
 * `planImport` writes it, so what the person confirms is exactly what is written.
 */
import type { KpiId } from '../kpi/catalog';
import type { AccountDoc } from '../schemas/accounts';
import { measurementId, type MeasurementDoc } from '../schemas/measurements';
import type { MemberDoc } from '../schemas/members';
import { toCents, type IsoDate } from '../units';
import { accountKey } from './account-key';
import type { ImportedAccount, ImportedTable, ImportedValue } from './table';

/** What matching needs of an account; the attributes only where the caller has them (to show their changes). */
export type ExistingAccount = Pick<AccountDoc, 'id' | 'name' | '_deleted'> &
  Partial<Pick<AccountDoc, 'segment' | 'ownerId' | 'renewalDate'>>;
export type ExistingMeasurement = Pick<MeasurementDoc, 'accountId' | 'month' | 'values'> & { readonly _deleted?: boolean };
export type ExistingMember = Pick<MemberDoc, 'id' | 'name' | 'email' | '_deleted'>;

export interface ExistingData<TAccount extends ExistingAccount = ExistingAccount, TMeasurement extends ExistingMeasurement = ExistingMeasurement> {
  readonly accounts: readonly TAccount[];
  readonly measurements: readonly TMeasurement[];
  /** To match the accounts sheet's owners (email or name) to people; without them owners are left as they are. */
  readonly members?: readonly ExistingMember[];
}

/** A value as stored: ARR in integer cents (spreadsheets hold currency units), every other KPI as read. */
export function storedValue(kpi: KpiId, value: number): number {
  return kpi === 'arr' ? toCents(value) : value;
}

/** Live accounts by name key; of two live accounts with one name, the lower id, so every device picks the same. */
export function accountsByKey<TAccount extends ExistingAccount>(accounts: readonly TAccount[]): Map<string, TAccount> {
  const byKey = new Map<string, TAccount>();
  for (const account of accounts) {
    if (account._deleted) continue;
    const key = accountKey(account.name);
    const held = byKey.get(key);
    if (!held || account.id < held.id) byKey.set(key, account);
  }
  return byKey;
}

export function measurementsById<TMeasurement extends ExistingMeasurement>(measurements: readonly TMeasurement[]): Map<string, TMeasurement> {
  return new Map(measurements.map((m) => [measurementId(m.accountId, m.month), m]));
}

/** The stored value of a KPI, `null` when there is none (never set, cleared, or the document is deleted). */
export function currentValue(doc: ExistingMeasurement | undefined, kpi: KpiId): number | null {
  if (!doc || doc._deleted) return null;
  return doc.values[kpi]?.value ?? null;
}

/** Owner text → member id: an email matches case-insensitively, a name by its key; `null` when none or several match. */
export function ownerMatcher(members: readonly ExistingMember[] = []): (owner: string) => string | null {
  const byEmail = new Map<string, string | null>();
  const byName = new Map<string, string | null>();
  const add = (map: Map<string, string | null>, key: string, id: string): void => {
    map.set(key, map.has(key) && map.get(key) !== id ? null : id);
  };
  for (const m of members) {
    if (m._deleted) continue;
    add(byEmail, m.email.trim().toLowerCase(), m.id);
    add(byName, accountKey(m.name), m.id);
  }
  return (owner) => (owner.includes('@') ? byEmail.get(owner.trim().toLowerCase()) : byName.get(accountKey(owner))) ?? null;
}

export interface ResolvedAccount<TAccount extends ExistingAccount = ExistingAccount> {
  readonly name: string;
  readonly key: string;
  /** The live account of that name, or `null` for a new one. */
  readonly existing: TAccount | null;
  readonly attributes: ImportedAccount | null;
  /** The member the attributes' owner names; `null` when there is no owner or it names no one. */
  readonly ownerId: string | null;
}

export interface ResolvedValue {
  readonly value: ImportedValue;
  readonly accountKey: string;
  readonly accountId: string | null;
  /** The value as it would be stored (ARR in cents). */
  readonly stored: number;
  readonly before: number | null;
}

export const ACCOUNT_ATTRIBUTES = ['segment', 'ownerId', 'renewalDate'] as const;
export type AccountAttribute = (typeof ACCOUNT_ATTRIBUTES)[number];

export interface AccountChange {
  readonly account: string;
  readonly accountId: string;
  readonly field: AccountAttribute;
  readonly before: string | null;
  readonly after: string | null;
}

/** An owner in the accounts sheet that names no member (or several): the account keeps its owner. */
export interface UnknownOwner {
  readonly account: string;
  readonly owner: string;
  readonly sheet: string;
  readonly row: number;
}

export interface Resolution<TAccount extends ExistingAccount = ExistingAccount> {
  /** In the table's account order. */
  readonly accounts: ResolvedAccount<TAccount>[];
  readonly changed: ResolvedValue[];
  readonly unchanged: ResolvedValue[];
  readonly accountChanges: AccountChange[];
  readonly unknownOwners: UnknownOwner[];
}

/** The attribute values the accounts sheet sets (empty cells set nothing). */
export function attributePatch(account: ResolvedAccount): Partial<Record<AccountAttribute, string | IsoDate>> {
  const patch: Partial<Record<AccountAttribute, string | IsoDate>> = {};
  const a = account.attributes;
  if (!a) return patch;
  if (a.segment !== null) patch.segment = a.segment;
  if (account.ownerId !== null) patch.ownerId = account.ownerId;
  if (a.renewalDate !== null) patch.renewalDate = a.renewalDate;
  return patch;
}

export function resolveImport<TAccount extends ExistingAccount, TMeasurement extends ExistingMeasurement>(
  table: ImportedTable,
  existing: ExistingData<TAccount, TMeasurement>,
): Resolution<TAccount> {
  const live = accountsByKey(existing.accounts);
  const docs = measurementsById(existing.measurements);
  const ownerOf = ownerMatcher(existing.members);
  const attributes = new Map((table.accountAttributes ?? []).map((a) => [accountKey(a.name), a]));
  const unknownOwners: UnknownOwner[] = [];

  const accounts = table.accounts.map((name): ResolvedAccount<TAccount> => {
    const key = accountKey(name);
    const attrs = attributes.get(key) ?? null;
    const ownerId = attrs?.owner ? ownerOf(attrs.owner) : null;
    if (attrs?.owner && ownerId === null) unknownOwners.push({ account: name, owner: attrs.owner, sheet: attrs.sheet, row: attrs.row });
    return { name, key, existing: live.get(key) ?? null, attributes: attrs, ownerId };
  });
  const byKey = new Map(accounts.map((a) => [a.key, a]));

  const accountChanges: AccountChange[] = [];
  for (const account of accounts) {
    const doc = account.existing;
    if (!doc) continue;
    const patch = attributePatch(account);
    for (const field of ACCOUNT_ATTRIBUTES) {
      const after = patch[field];
      const before = doc[field];
      // `undefined`: the caller did not pass the attribute, so there is nothing to compare with.
      if (after === undefined || before === undefined || before === after) continue;
      accountChanges.push({ account: account.name, accountId: doc.id, field, before, after });
    }
  }

  const changed: ResolvedValue[] = [];
  const unchanged: ResolvedValue[] = [];
  for (const value of table.values) {
    const key = accountKey(value.account);
    const accountId = byKey.get(key)?.existing?.id ?? null;
    const stored = storedValue(value.kpi, value.value);
    const before = accountId === null ? null : currentValue(docs.get(measurementId(accountId, value.month)), value.kpi);
    (before === stored ? unchanged : changed).push({ value, accountKey: key, accountId, stored, before });
  }
  return { accounts, changed, unchanged, accountChanges, unknownOwners };
}

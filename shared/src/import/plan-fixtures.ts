/**
 * Test helpers for planning imports: a tenant's documents in memory, a clock and ids, and applying a plan the
 * way the device's database would (documents replaced by id). Used by the tests beside this file only.
 */
import type { AccountDoc } from '../schemas/accounts';
import type { MeasurementDoc } from '../schemas/measurements';
import { validateAccount } from '../schemas/accounts';
import { validateMeasurement } from '../schemas/measurements';
import { validateVersion, type VersionDoc } from '../schemas/versions';
import { formatHlc } from '../sync/hlc';
import type { ImportPlan } from './commit';

export const USER = 'user-owner';
export const HASH_A = 'a'.repeat(64);
export const HASH_B = 'b'.repeat(64);

export interface Tenant {
  accounts: AccountDoc[];
  measurements: MeasurementDoc[];
  versions: VersionDoc[];
}

export function emptyTenant(): Tenant {
  return { accounts: [], measurements: [], versions: [] };
}

/** A device clock and id maker: every call later / new. */
export function makeDevice(startMs = Date.parse('2025-10-01T09:00:00Z')): {
  nextHlc: () => string;
  newId: () => string;
  now: () => string;
} {
  let tick = 0;
  let id = 0;
  return {
    nextHlc: () => formatHlc({ wallMs: startMs + ++tick * 1000, counter: 0, nodeId: 'devA' }),
    newId: () => `id-${++id}`,
    now: () => new Date(startMs + tick * 1000).toISOString(),
  };
}

function replaceById<T extends { id: string }>(list: T[], docs: readonly T[]): T[] {
  const byId = new Map(list.map((d) => [d.id, d]));
  for (const doc of docs) byId.set(doc.id, doc);
  return [...byId.values()];
}

/** The tenant after the plan's documents are written. */
export function apply(tenant: Tenant, plan: ImportPlan): Tenant {
  return {
    accounts: replaceById(tenant.accounts, plan.accounts),
    measurements: replaceById(tenant.measurements, plan.measurements),
    versions: [...tenant.versions, plan.version],
  };
}

/** The first validation issue of each invalid document: `[]` when every document is valid. */
export function invalidDocuments(plan: ImportPlan): unknown[] {
  const problems: unknown[] = [];
  const check = (result: { ok: boolean; issues?: readonly unknown[] }, id: string): void => {
    if (!result.ok) problems.push({ id, issue: result.issues?.[0] });
  };
  check(validateVersion(plan.version), plan.version.id);
  for (const a of plan.accounts) check(validateAccount(a), a.id);
  for (const m of plan.measurements) check(validateMeasurement(m), m.id);
  return problems;
}

/** Every stored value as `accountId month kpi → value`, for comparing states. */
export function storedValues(tenant: Pick<Tenant, 'measurements'>): Map<string, number | null> {
  const out = new Map<string, number | null>();
  for (const m of tenant.measurements) {
    for (const [kpi, cell] of Object.entries(m.values)) out.set(`${m.accountId} ${m.month} ${kpi}`, cell.value);
  }
  return out;
}

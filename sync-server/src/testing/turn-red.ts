/**
 * Which sample accounts a test can turn red, and how: found with the same scoring the app uses, so tests of
 * alerts do not depend on the sample's details. Used by the alert engine's tests, the end-to-end test and the bench.
 */
import {
  DEFAULT_CATALOG,
  DEFAULT_KPIS,
  SAMPLE_LATEST_MONTH,
  sampleSeries,
  scoreMonth,
  type KpiDefinition,
  type KpiId,
  type KpiValues,
  type SampleTenant,
} from '@vitals/shared';

/** A value well on the red side of a KPI's bounds, within its plausible range (what the editor accepts). */
export function redValue(kpi: KpiDefinition): number {
  return kpi.direction === 'higher' ? kpi.plausible.min : Math.min(kpi.plausible.max, kpi.yellow * 3 + 10);
}

export interface TurnableAccount {
  readonly id: string;
  readonly name: string;
  /** KPI values for the latest month, heaviest KPIs first, that together turn the account red. */
  readonly edits: readonly [KpiId, number][];
}

/** The accounts of `ownerEmail` that are not red in the sample's latest month and can be made red (money left alone). */
export function accountsToTurnRed(sample: SampleTenant, ownerEmail: string): TurnableAccount[] {
  const owner = sample.users.find((u) => u.email === ownerEmail);
  if (!owner) throw new Error(`No ${ownerEmail} in the ${sample.slug} sample`);
  const series = new Map(sampleSeries(sample).map((s) => [s.accountId, s]));
  const scored = DEFAULT_KPIS.filter((k) => k.direction !== null && k.unit !== 'currency').sort((a, b) => b.weight - a.weight);
  const isRed = (values: KpiValues): boolean => scoreMonth(values, DEFAULT_CATALOG).status === 'red';
  const found: TurnableAccount[] = [];
  for (const account of sample.accounts.filter((a) => a.ownerId === owner.id)) {
    const values: KpiValues = { ...series.get(account.id)?.months.get(SAMPLE_LATEST_MONTH) };
    if (isRed(values)) continue;
    const edits: [KpiId, number][] = [];
    for (const kpi of scored) {
      if (values[kpi.id] === undefined || isRed(values)) continue;
      values[kpi.id] = redValue(kpi);
      edits.push([kpi.id, redValue(kpi)]);
    }
    if (isRed(values)) found.push({ id: account.id, name: account.name, edits });
  }
  return found;
}

import { DEFAULT_KPIS, KPI_IDS, isKpiId, type Category, type KpiDefinition, type KpiId, type Weight } from './catalog';

/** What a tenant may change about a KPI: its reference range and its weight. */
export interface KpiOverride {
  readonly green?: number;
  readonly yellow?: number;
  readonly weight?: 1 | 2 | 3;
}
export type KpiOverrides = Partial<Record<KpiId, KpiOverride>>;

/** A catalog with a tenant's overrides applied, indexed for scoring in tight loops. */
export interface Catalog {
  /** Every KPI, in catalog order. */
  readonly kpis: readonly KpiDefinition[];
  /** The scored KPIs (direction and weight), in catalog order. */
  readonly scored: readonly KpiDefinition[];
  readonly byId: Readonly<Record<KpiId, KpiDefinition>>;
  /** Position of each KPI in catalog order, for tie-breaks. */
  readonly order: Readonly<Record<KpiId, number>>;
  readonly totalWeight: number;
  readonly categoryOf: Readonly<Record<KpiId, Category>>;
}

export const OVERRIDE_ERRORS = {
  unknownKpi: 'unknown-kpi',
  notScored: 'not-scored',
  notFinite: 'not-finite',
  outOfPlausibleRange: 'out-of-plausible-range',
  boundsInverted: 'bounds-inverted',
  badWeight: 'bad-weight',
} as const;
export type OverrideErrorCode = (typeof OVERRIDE_ERRORS)[keyof typeof OVERRIDE_ERRORS];

export interface OverrideError {
  readonly kpi: string;
  readonly code: OverrideErrorCode;
  readonly message: string;
}

function buildCatalog(kpis: readonly KpiDefinition[]): Catalog {
  const byId = {} as Record<KpiId, KpiDefinition>;
  const order = {} as Record<KpiId, number>;
  const categoryOf = {} as Record<KpiId, Category>;
  kpis.forEach((k, i) => {
    byId[k.id] = k;
    order[k.id] = i;
    categoryOf[k.id] = k.category;
  });
  const scored = kpis.filter((k) => k.direction !== null && k.weight > 0);
  const totalWeight = scored.reduce((sum, k) => sum + k.weight, 0);
  return { kpis, scored, byId, order, totalWeight, categoryOf };
}

export const DEFAULT_CATALOG: Catalog = buildCatalog(DEFAULT_KPIS);

/**
 * Checks a tenant's overrides. A green bound must be at least as good as the yellow bound in the KPI's
 * direction (otherwise no value could ever be yellow, or green would be easier than yellow), both within
 * the plausible range, and weights 1…3. Returns every problem, not just the first.
 */
export function validateKpiOverrides(overrides: Record<string, KpiOverride | undefined>): OverrideError[] {
  const errors: OverrideError[] = [];
  for (const [id, override] of Object.entries(overrides)) {
    if (!override) continue;
    if (!isKpiId(id)) {
      errors.push({ kpi: id, code: OVERRIDE_ERRORS.unknownKpi, message: `"${id}" is not a KPI in the catalog.` });
      continue;
    }
    const base = DEFAULT_CATALOG.byId[id];
    if (base.direction === null) {
      errors.push({ kpi: id, code: OVERRIDE_ERRORS.notScored, message: `${base.name} is not scored, so it has no range or weight.` });
      continue;
    }
    const green = override.green ?? base.green;
    const yellow = override.yellow ?? base.yellow;
    if (!Number.isFinite(green) || !Number.isFinite(yellow)) {
      errors.push({ kpi: id, code: OVERRIDE_ERRORS.notFinite, message: `${base.name}: bounds must be numbers.` });
      continue;
    }
    for (const bound of [green, yellow]) {
      if (bound < base.plausible.min || bound > base.plausible.max) {
        errors.push({
          kpi: id,
          code: OVERRIDE_ERRORS.outOfPlausibleRange,
          message: `${base.name}: ${bound} is outside the plausible range ${base.plausible.min}…${base.plausible.max}.`,
        });
      }
    }
    const inverted = base.direction === 'higher' ? green < yellow : green > yellow;
    if (inverted) {
      const relation = base.direction === 'higher' ? 'at least' : 'at most';
      errors.push({
        kpi: id,
        code: OVERRIDE_ERRORS.boundsInverted,
        message: `${base.name}: the green bound must be ${relation} the yellow bound (${green} vs ${yellow}).`,
      });
    }
    if (override.weight !== undefined && ![1, 2, 3].includes(override.weight)) {
      errors.push({ kpi: id, code: OVERRIDE_ERRORS.badWeight, message: `${base.name}: weight must be 1, 2 or 3.` });
    }
  }
  return errors;
}

/** The catalog with a tenant's overrides applied. Throws on invalid overrides: validate user input first. */
export function resolveCatalog(overrides: KpiOverrides = {}): Catalog {
  const errors = validateKpiOverrides(overrides);
  if (errors.length > 0) throw new RangeError(errors.map((e) => e.message).join(' '));
  if (Object.keys(overrides).length === 0) return DEFAULT_CATALOG;
  const kpis = DEFAULT_CATALOG.kpis.map((k): KpiDefinition => {
    const o = overrides[k.id];
    if (!o) return k;
    return { ...k, green: o.green ?? k.green, yellow: o.yellow ?? k.yellow, weight: (o.weight ?? k.weight) as Weight };
  });
  return buildCatalog(kpis);
}

export { KPI_IDS };

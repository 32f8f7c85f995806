import { describe, expect, it } from 'vitest';
import { CATEGORIES, DEFAULT_KPIS, KPI_IDS } from './catalog';
import { DEFAULT_CATALOG, resolveCatalog, validateKpiOverrides } from './overrides';

describe('the KPI catalog', () => {
  it('holds the 18 KPIs of DOMAIN.md in its order', () => {
    expect(KPI_IDS).toEqual([
      'license_utilization', 'dau_mau', 'feature_adoption', 'time_to_value_days',
      'sla_breach_rate', 'first_response_hours', 'escalations', 'tickets_per_100_users',
      'nps', 'csat', 'survey_response_rate',
      'nrr', 'payment_delinquency_days', 'arr',
      'exec_sponsor_meetings', 'days_since_last_touch', 'active_stakeholders', 'qbr_attendance',
    ]);
    expect(CATEGORIES).toEqual(['adoption', 'support', 'sentiment', 'revenue', 'engagement']);
  });

  it.each([
    ['license_utilization', 'higher', 80, 60, 3],
    ['dau_mau', 'higher', 25, 15, 2],
    ['feature_adoption', 'higher', 60, 40, 2],
    ['time_to_value_days', 'lower', 30, 60, 1],
    ['sla_breach_rate', 'lower', 5, 15, 3],
    ['first_response_hours', 'lower', 4, 24, 2],
    ['escalations', 'lower', 1, 3, 2],
    ['tickets_per_100_users', 'lower', 5, 10, 1],
    ['nps', 'higher', 30, 0, 3],
    ['csat', 'higher', 85, 70, 2],
    ['survey_response_rate', 'higher', 30, 15, 1],
    ['nrr', 'higher', 110, 100, 3],
    ['payment_delinquency_days', 'lower', 0, 30, 2],
    ['exec_sponsor_meetings', 'higher', 2, 1, 2],
    ['days_since_last_touch', 'lower', 14, 30, 2],
    ['active_stakeholders', 'higher', 5, 3, 1],
    ['qbr_attendance', 'higher', 80, 50, 1],
  ] as const)('%s: %s is better, green %d, yellow %d, weight %d', (id, direction, green, yellow, weight) => {
    expect(DEFAULT_CATALOG.byId[id]).toMatchObject({ direction, green, yellow, weight });
  });

  it('does not score ARR', () => {
    expect(DEFAULT_CATALOG.byId.arr.direction).toBeNull();
    expect(DEFAULT_CATALOG.scored.map((k) => k.id)).not.toContain('arr');
  });

  it.each([
    ['license_utilization', 0, 100],
    ['nrr', 0, 300],
    ['nps', -100, 100],
    ['escalations', 0, Infinity],
    ['arr', 0, Infinity],
    ['first_response_hours', 0, Infinity],
  ] as const)('plausible range of %s is %d…%d', (id, min, max) => {
    expect(DEFAULT_CATALOG.byId[id].plausible).toEqual({ min, max });
  });

  it('gives every KPI a name and unique aliases', () => {
    const aliases = DEFAULT_KPIS.flatMap((k) => k.aliases);
    expect(new Set(aliases).size).toBe(aliases.length);
  });
});

describe('tenant overrides', () => {
  it('applies bounds and weights without touching the default catalog', () => {
    const catalog = resolveCatalog({ nps: { green: 40, yellow: 10 }, csat: { weight: 3 } });
    expect(catalog.byId.nps).toMatchObject({ green: 40, yellow: 10, weight: 3 });
    expect(catalog.byId.csat.weight).toBe(3);
    expect(catalog.totalWeight).toBe(DEFAULT_CATALOG.totalWeight + 1);
    expect(DEFAULT_CATALOG.byId.nps.green).toBe(30);
  });

  it.each([
    [{ nps: { green: -10, yellow: 0 } }, 'bounds-inverted', /at least the yellow bound/],
    [{ sla_breach_rate: { green: 20 } }, 'bounds-inverted', /at most the yellow bound/],
    [{ csat: { green: 120 } }, 'out-of-plausible-range', /outside the plausible range 0…100/],
    [{ arr: { weight: 2 } }, 'not-scored', /not scored/],
    [{ bogus: { weight: 2 } }, 'unknown-kpi', /not a KPI/],
    [{ csat: { weight: 5 } }, 'bad-weight', /1, 2 or 3/],
    [{ csat: { green: Number.NaN } }, 'not-finite', /must be numbers/],
  ])('refuses %j (%s)', (overrides, code, message) => {
    const errors = validateKpiOverrides(overrides as never);
    expect(errors.map((e) => e.code)).toContain(code);
    expect(errors.map((e) => e.message).join(' ')).toMatch(message);
    expect(() => resolveCatalog(overrides as never)).toThrow(message);
  });

  it('accepts equal green and yellow bounds (no yellow band)', () => {
    expect(validateKpiOverrides({ nps: { green: 20, yellow: 20 } })).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { KPI_IDS } from '../kpi/catalog';
import { kpiNames, matchAccountColumn, matchKpi, matchLongColumn, suggestKpi } from './headers';

describe('matchLongColumn', () => {
  it.each([
    ['Account', 'account'],
    ['CUSTOMER', 'account'],
    ['Client Name', 'account'],
    ['Company', 'account'],
    ['metric', 'kpi'],
    ['KPI', 'kpi'],
    ['Measure', 'kpi'],
    ['Period', 'month'],
    ['month', 'month'],
    ['Date', 'month'],
    ['Value', 'value'],
    ['Amount', 'value'],
    ['Notes', null],
    ['Name', null],
    ['__proto__', null],
    ['constructor', null],
    [42, null],
  ] as const)('%j → %s', (header, column) => {
    expect(matchLongColumn(header)).toBe(column);
  });
});

describe('matchAccountColumn', () => {
  it.each([
    ['Name', 'account'],
    ['Account', 'account'],
    ['Customer', 'account'],
    ['Segment', 'segment'],
    ['Tier', 'segment'],
    ['CSM', 'owner'],
    ['Owner', 'owner'],
    ['CSM email', 'owner'],
    ['Customer Success Manager', 'owner'],
    ['Renewal date', 'renewalDate'],
    ['Renewal', 'renewalDate'],
    ['Contract end', 'renewalDate'],
    ['ARR', null],
    ['prototype', null],
  ] as const)('%j → %s', (header, column) => {
    expect(matchAccountColumn(header)).toBe(column);
  });
});

describe('matchKpi', () => {
  it.each([
    ['nps', 'nps'],
    ['NPS', 'nps'],
    ['Net Promoter Score', 'nps'],
    ['net-promoter score', 'nps'],
    ['NPS score', 'nps'],
    ['license_utilization', 'license_utilization'],
    ['License Utilization', 'license_utilization'],
    ['License utilization (%)', 'license_utilization'],
    ['DAU/MAU', 'dau_mau'],
    ['Stickiness', 'dau_mau'],
    ['Net revenue retention', 'nrr'],
    ['NRR %', 'nrr'],
    ['ARR', 'arr'],
    ['ARR (USD)', 'arr'],
    ['Annual Recurring Revenue', 'arr'],
    ['Days since last CSM touch', 'days_since_last_touch'],
    ['Time to value (days)', 'time_to_value_days'],
    ['First response time (hours)', 'first_response_hours'],
    ['CSAT', 'csat'],
    ['CSAT %', 'csat'],
    ['Escalations / month', 'escalations'],
  ] as const)('%j → %s', (text, id) => {
    expect(matchKpi(text)).toBe(id);
  });

  it.each([['weather'], ['Churn rate'], ['__proto__'], ['constructor'], ['hasOwnProperty'], [''], [null], [12]])('knows nothing of %j', (text) => {
    expect(matchKpi(text)).toBeNull();
  });

  it('maps every catalog id to itself and no name to two KPIs', () => {
    for (const id of KPI_IDS) expect(matchKpi(id)).toBe(id);
    const ids = new Set(kpiNames().values());
    expect([...ids].sort()).toEqual([...KPI_IDS].sort());
  });

  it('suggests the likely KPI for a typo', () => {
    expect(suggestKpi('licence utilisaton')).toBe('license_utilization');
    expect(suggestKpi('nsp')).toBe('nps');
    expect(suggestKpi('completely different')).toBeNull();
  });

  it('answers a hostile 100k-character header at once', () => {
    const started = performance.now();
    expect(matchKpi('n'.repeat(100_000))).toBeNull();
    expect(suggestKpi('n'.repeat(100_000))).toBeNull();
    expect(matchLongColumn('a '.repeat(50_000))).toBeNull();
    expect(performance.now() - started).toBeLessThan(50);
  });
});

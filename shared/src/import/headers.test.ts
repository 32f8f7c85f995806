import { describe, expect, it } from 'vitest';
import { matchKpi, matchLongColumn, suggestKpi } from './headers';

describe('matchLongColumn', () => {
  it.each([
    ['Account', 'account'],
    ['CUSTOMER', 'account'],
    ['Client Name', 'account'],
    ['metric', 'kpi'],
    ['KPI', 'kpi'],
    ['Period', 'month'],
    ['month', 'month'],
    ['Value', 'value'],
    ['Notes', null],
  ] as const)('%j → %s', (header, column) => {
    expect(matchLongColumn(header)).toBe(column);
  });
});

describe('matchKpi', () => {
  it.each([
    ['nps', 'nps'],
    ['NPS', 'nps'],
    ['Net Promoter Score', 'nps'],
    ['net-promoter score', 'nps'],
    ['license_utilization', 'license_utilization'],
    ['License Utilization', 'license_utilization'],
    ['DAU/MAU', 'dau_mau'],
    ['Stickiness', 'dau_mau'],
    ['Net revenue retention', 'nrr'],
    ['ARR', 'arr'],
    ['Annual Recurring Revenue', 'arr'],
    ['Days since last CSM touch', 'days_since_last_touch'],
    ['CSAT', 'csat'],
  ] as const)('%j → %s', (text, id) => {
    expect(matchKpi(text)).toBe(id);
  });

  it('knows nothing of unrelated names', () => {
    expect(matchKpi('weather')).toBeNull();
  });

  it('suggests the likely KPI for a typo', () => {
    expect(suggestKpi('licence utilisaton')).toBe('license_utilization');
    expect(suggestKpi('nsp')).toBe('nps');
    expect(suggestKpi('completely different')).toBeNull();
  });
});

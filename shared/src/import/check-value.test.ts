import { describe, expect, it } from 'vitest';
import type { KpiId } from '../kpi/catalog';
import { DEFAULT_CATALOG } from '../kpi/overrides';
import { checkValue } from './check-value';

const check = (cell: unknown, kpi: KpiId) => checkValue(cell, kpi, DEFAULT_CATALOG);

describe('checkValue: plausible ranges are inclusive (DOMAIN.md)', () => {
  it.each([
    ['license_utilization', 0],
    ['license_utilization', 100],
    ['csat', '100%'],
    ['sla_breach_rate', '0 %'],
    ['nrr', 0],
    ['nrr', 300],
    ['nps', -100],
    ['nps', '−100'],
    ['nps', 100],
    ['time_to_value_days', 0],
    ['time_to_value_days', '400 days'],
    ['first_response_hours', 0],
    ['escalations', 0],
    ['tickets_per_100_users', 0],
    ['payment_delinquency_days', 0],
    ['arr', 0],
    ['arr', '$90,000,000,000'],
  ] as const)('%s accepts %j', (kpi, cell) => {
    expect(check(cell, kpi).kind).toBe('value');
  });

  it.each([
    ['license_utilization', -0.01, '-0.01 is outside the plausible range of License utilization (0…100).'],
    ['license_utilization', 100.01, '100.01 is outside the plausible range of License utilization (0…100).'],
    ['qbr_attendance', '101%', '101 is outside the plausible range of QBR attendance (0…100).'],
    ['nrr', 300.5, '300.5 is outside the plausible range of Net revenue retention (trailing 12 months) (0…300).'],
    ['nps', -101, '-101 is outside the plausible range of Net Promoter Score (-100…100).'],
    ['nps', 101, '101 is outside the plausible range of Net Promoter Score (-100…100).'],
    ['escalations', -1, '-1 is outside the plausible range of Escalations (at least 0).'],
    ['days_since_last_touch', '-3 days', '-3 is outside the plausible range of Days since last CSM touch (at least 0).'],
    ['first_response_hours', -0.5, '-0.5 is outside the plausible range of First response time (at least 0).'],
    ['arr', '-$5', '-5 is outside the plausible range of Annual recurring revenue (at least 0).'],
    ['arr', 1e14, '100000000000000 is too large an amount for Annual recurring revenue.'],
  ] as const)('%s refuses %j', (kpi, cell, message) => {
    expect(check(cell, kpi)).toEqual({ kind: 'error', code: 'out-of-range', message });
  });

  it('says what is not a number, quoting it briefly', () => {
    expect(check('lots', 'nps')).toEqual({ kind: 'error', code: 'not-a-number', message: '"lots" is not a number.' });
    const long = check('x'.repeat(100_000), 'nps');
    expect(long.kind === 'error' && long.message.length).toBeLessThan(100);
  });

  it('treats empty cells as absent, not as errors', () => {
    for (const cell of [null, '', '  ', undefined]) expect(check(cell, 'nps')).toEqual({ kind: 'empty' });
  });
});

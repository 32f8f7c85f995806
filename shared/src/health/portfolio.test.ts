import { describe, expect, it } from 'vitest';
import type { KpiValues } from '../kpi/catalog';
import { DEFAULT_CATALOG } from '../kpi/overrides';
import { month } from '../time/months';
import type { Month } from '../units';
import { accountHealth, latestMonth, portfolioHealth, type AccountSeries } from './portfolio';

const GREEN: KpiValues = { license_utilization: 90, sla_breach_rate: 1, nps: 50, nrr: 120, dau_mau: 30, csat: 90, escalations: 0 };
const RED: KpiValues = { license_utilization: 10, sla_breach_rate: 50, nps: -50, nrr: 50, dau_mau: 1, csat: 10, escalations: 9 };
const YELLOW: KpiValues = { license_utilization: 70, sla_breach_rate: 10, nps: 10, nrr: 105, dau_mau: 20, csat: 75, escalations: 2 };

function series(accountId: string, byMonth: Record<string, KpiValues>): AccountSeries {
  return { accountId, months: new Map(Object.entries(byMonth) as [Month, KpiValues][]) };
}

describe('account health', () => {
  it('explains the month on screen and scores every month before it', () => {
    const health = accountHealth(series('a', { '2025-07': GREEN, '2025-08': YELLOW, '2025-09': RED, '2025-10': GREEN }), month('2025-09'), DEFAULT_CATALOG);
    expect(health).toMatchObject({ score: 0, status: 'red', previousStatus: 'yellow', trend: { delta: -50, arrow: 'down' } });
    expect(health.history.map((p) => p.month)).toEqual(['2025-07', '2025-08', '2025-09']);
    expect(health.drivers[0]?.kpi).toBe('license_utilization');
    expect(health.categories.adoption).toBe(0);
  });

  it('is unknown for a month without values', () => {
    const health = accountHealth(series('a', { '2025-08': GREEN }), month('2025-09'), DEFAULT_CATALOG);
    expect(health).toMatchObject({ score: null, status: 'unknown', previousStatus: 'green', drivers: [] });
  });
});

describe('portfolio health', () => {
  it('counts statuses now and one month earlier', () => {
    const portfolio = [
      series('a', { '2025-08': GREEN, '2025-09': GREEN }),
      series('b', { '2025-08': GREEN, '2025-09': RED }),
      series('c', { '2025-08': RED, '2025-09': YELLOW }),
      series('d', { '2025-09': {} }),
    ];
    const health = portfolioHealth(portfolio, month('2025-09'), DEFAULT_CATALOG);
    expect(health.counts).toEqual({ green: 1, yellow: 1, red: 1, unknown: 1 });
    expect(health.previousCounts).toEqual({ green: 2, yellow: 0, red: 1, unknown: 1 });
    expect(latestMonth(portfolio)).toBe('2025-09');
    expect(latestMonth([])).toBeNull();
  });
});

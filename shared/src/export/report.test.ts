import { describe, expect, it } from 'vitest';
import { portfolioHealth, type AccountSeries } from '../health/portfolio';
import type { KpiValues } from '../kpi/catalog';
import { DEFAULT_CATALOG } from '../kpi/overrides';
import { sampleSeries } from '../sample/generate';
import { SAMPLE_LATEST_MONTH, SAMPLE_MONTHS } from '../sample/model';
import { month } from '../time/months';
import type { IsoDate, Month } from '../units';
import type { ExportAccount } from './data';
import { buildPortfolioReport, type PortfolioReportSource } from './report';
import { sampleCases } from './testing';

// Scores 100 (green), 50 (yellow) and 0 (red) with enough weight to count (portfolio.test.ts's fixtures).
const GREEN: KpiValues = { license_utilization: 90, sla_breach_rate: 1, nps: 50, nrr: 120, dau_mau: 30, csat: 90, escalations: 0 };
const YELLOW: KpiValues = { license_utilization: 70, sla_breach_rate: 10, nps: 10, nrr: 105, dau_mau: 20, csat: 75, escalations: 2 };
const RED: KpiValues = { license_utilization: 10, sla_breach_rate: 50, nps: -50, nrr: 50, dau_mau: 1, csat: 10, escalations: 9 };

function account(id: string, name: string, extra: Partial<ExportAccount> = {}): ExportAccount {
  return { id, name, segment: 'SMB', ownerId: 'u1', renewalDate: '2025-10-30' as IsoDate, _deleted: false, ...extra };
}
function series(accountId: string, byMonth: Record<string, KpiValues>): AccountSeries {
  return { accountId, months: new Map(Object.entries(byMonth) as [Month, KpiValues][]) };
}

const SOURCE: PortfolioReportSource = {
  tenantName: 'Test Co',
  month: month('2025-09'),
  generatedAt: '2025-10-01T08:00:00+02:00',
  accounts: [
    account('b', 'Bravo', { renewalDate: null }),
    account('a', 'Alpha'),
    account('c', 'Charlie', { ownerId: 'nobody' }),
    account('d', 'Delta'),
    account('r', 'Red Two'),
    account('x', 'Deleted', { _deleted: true }),
  ],
  series: [
    series('a', { '2025-07': GREEN, '2025-08': GREEN, '2025-09': { ...RED, arr: 1_200_000 } }),
    series('b', { '2025-08': RED, '2025-09': GREEN }),
    series('c', { '2025-09': YELLOW }),
    series('r', { '2025-09': { ...RED, csat: 90 } }),
    series('x', { '2025-09': RED }),
  ],
  catalog: DEFAULT_CATALOG,
  members: [{ id: 'u1', name: 'Casey CSM' }],
};

describe('buildPortfolioReport', () => {
  const report = buildPortfolioReport(SOURCE);

  it('counts every live account now and last month, an account without values as no data', () => {
    expect(report.counts).toEqual({ red: 2, yellow: 1, green: 1, unknown: 1 });
    expect(report.previousCounts).toEqual({ red: 1, yellow: 0, green: 1, unknown: 3 });
  });

  it('lists accounts worst first: by status, then lowest score, then name', () => {
    expect(report.accounts.map((a) => [a.name, a.status, a.score])).toEqual([
      ['Alpha', 'red', 0],
      ['Red Two', 'red', 11],
      ['Charlie', 'yellow', 50],
      ['Bravo', 'green', 100],
      ['Delta', 'unknown', null],
    ]);
  });

  it('gives each account its change, top three drivers by name, ARR, renewal and CSM', () => {
    const [alpha, , charlie, bravo, delta] = report.accounts;
    expect(alpha).toMatchObject({ delta: -100, arrCents: 1_200_000, renewalDate: '2025-10-30', daysToRenewal: 30, owner: 'Casey CSM' });
    expect(alpha!.drivers).toEqual([
      { kpi: 'license_utilization', name: 'License utilization', status: 'red' },
      { kpi: 'sla_breach_rate', name: 'SLA breach rate', status: 'red' },
      { kpi: 'nps', name: 'Net Promoter Score', status: 'red' },
    ]);
    expect(bravo).toMatchObject({ delta: 100, drivers: [], renewalDate: null, daysToRenewal: null, arrCents: null });
    expect(charlie).toMatchObject({ delta: null, owner: null });
    expect(delta).toMatchObject({ status: 'unknown', score: null, delta: null, drivers: [] });
  });

  it('trends from the first month with data, counting and averaging each month', () => {
    expect(report.months).toEqual([
      { month: '2025-07', averageScore: 100, counts: { red: 0, yellow: 0, green: 1, unknown: 4 } },
      { month: '2025-08', averageScore: 50, counts: { red: 1, yellow: 0, green: 1, unknown: 3 } },
      // (0 + 100 + 50 + 11) / 4 = 40.25
      { month: '2025-09', averageScore: 40, counts: { red: 2, yellow: 1, green: 1, unknown: 1 } },
    ]);
  });

  it('keeps the trend to the months asked for', () => {
    expect(buildPortfolioReport({ ...SOURCE, trendMonths: 2 }).months.map((m) => m.month)).toEqual(['2025-08', '2025-09']);
  });

  it('normalises the time it was made and keeps the zone to show it in', () => {
    expect(report).toMatchObject({ generatedAt: '2025-10-01T06:00:00.000Z', timeZone: 'UTC', tenantName: 'Test Co' });
    expect(buildPortfolioReport({ ...SOURCE, timeZone: 'Europe/Berlin' }).timeZone).toBe('Europe/Berlin');
  });

  it('reports an empty workspace', () => {
    const empty = buildPortfolioReport({ ...SOURCE, accounts: [], series: [] });
    expect(empty.accounts).toEqual([]);
    expect(empty.counts).toEqual({ red: 0, yellow: 0, green: 0, unknown: 0 });
    expect(empty.months).toEqual([{ month: '2025-09', averageScore: null, counts: { red: 0, yellow: 0, green: 0, unknown: 0 } }]);
  });

  it.each([
    [{ generatedAt: 'yesterday' }, /generatedAt/],
    [{ timeZone: 'Mars/Olympus' }, RangeError],
    [{ trendMonths: 0 }, /trendMonths/],
  ])('refuses a bad input (%o)', (change, error) => {
    expect(() => buildPortfolioReport({ ...SOURCE, ...change })).toThrow(error);
  });

  it.each(sampleCases().map((c) => ({ name: c.tenant.name, ...c })))('agrees with the dashboard for $name', ({ tenant, docs }) => {
    const all = sampleSeries(tenant);
    const sample = buildPortfolioReport({
      tenantName: tenant.name,
      month: SAMPLE_LATEST_MONTH,
      generatedAt: '2025-10-01T08:00:00Z',
      accounts: docs.accounts,
      series: all,
      catalog: DEFAULT_CATALOG,
      members: docs.members,
    });
    const health = portfolioHealth(all, SAMPLE_LATEST_MONTH, DEFAULT_CATALOG);
    expect(sample.counts).toEqual(health.counts);
    expect(sample.months.map((m) => m.month)).toEqual([...SAMPLE_MONTHS]);
    expect(sample.months.at(-1)!.counts).toEqual(health.counts);
    expect(sample.accounts).toHaveLength(docs.accounts.length);
    expect(sample.accounts.every((a) => a.owner !== null)).toBe(true);
  });
});

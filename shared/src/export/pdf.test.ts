import { describe, expect, it } from 'vitest';
import type { AccountSeries } from '../health/portfolio';
import type { KpiValues } from '../kpi/catalog';
import { DEFAULT_CATALOG } from '../kpi/overrides';
import { sampleSeries } from '../sample/generate';
import { SAMPLE_LATEST_MONTH } from '../sample/model';
import { month, monthRange } from '../time/months';
import type { IsoDate, Month } from '../units';
import type { ExportAccount } from './data';
import { portfolioReportPdf } from './pdf';
import { buildPortfolioReport, type PortfolioReport } from './report';
import { HOSTILE_NAMES, SEEDED_AT, sampleCases } from './testing';

const latin1 = (bytes: Uint8Array): string => new TextDecoder('latin1').decode(bytes);
const pageCount = (pdf: string): number => pdf.match(/\/Type \/Page[^s]/g)?.length ?? 0;
/** A string as jsPDF writes it in a text operator: `(Acme \(EU\)) Tj`. */
const shown = (text: string): string => `(${text.replace(/[\\()]/g, '\\$&')}) Tj`;

const [testCompany, acme] = sampleCases() as [ReturnType<typeof sampleCases>[number], ReturnType<typeof sampleCases>[number]];

function sampleReport({ tenant, docs }: typeof acme): PortfolioReport {
  return buildPortfolioReport({
    tenantName: tenant.name,
    month: SAMPLE_LATEST_MONTH,
    generatedAt: SEEDED_AT,
    timeZone: 'Europe/Berlin',
    accounts: docs.accounts,
    series: sampleSeries(tenant),
    catalog: DEFAULT_CATALOG,
    members: docs.members,
  });
}

const CYCLE: KpiValues[] = [
  { license_utilization: 90, sla_breach_rate: 1, nps: 50, nrr: 120, dau_mau: 30, csat: 90, escalations: 0, arr: 5_000_000 },
  { license_utilization: 70, sla_breach_rate: 10, nps: 10, nrr: 105, dau_mau: 20, csat: 75, escalations: 2, arr: 2_500_000 },
  { license_utilization: 10, sla_breach_rate: 50, nps: -50, nrr: 50, dau_mau: 1, csat: 10, escalations: 9, arr: 900_000 },
];

function syntheticReport(count: number, name: (i: number) => string = (i) => `Account ${String(i).padStart(4, '0')}`): PortfolioReport {
  const months = monthRange(month('2024-10'), month('2025-09'));
  const accounts: ExportAccount[] = [];
  const series: AccountSeries[] = [];
  for (let i = 0; i < count; i++) {
    const id = `acc-${i}`;
    accounts.push({ id, name: name(i), segment: 'SMB', ownerId: null, renewalDate: '2026-01-31' as IsoDate, _deleted: false });
    series.push({ accountId: id, months: new Map(months.map((m, j): [Month, KpiValues] => [m, CYCLE[(i + j) % 3]!])) });
  }
  return buildPortfolioReport({ tenantName: 'Big Portfolio Inc', month: month('2025-09'), generatedAt: SEEDED_AT, accounts, series, catalog: DEFAULT_CATALOG });
}

describe('portfolioReportPdf', () => {
  it('makes a PDF with the tenant, the month, every account and page numbers', async () => {
    const report = sampleReport(acme);
    const pdf = latin1(await portfolioReportPdf(report, { compress: false }));
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(pdf).toContain(shown('ACME · September 2025'));
    expect(pdf).toContain('(Generated 1 Oct 2025, 10:00 \\(Europe/Berlin\\)');
    for (const a of acme.docs.accounts) expect(pdf, a.name).toContain(shown(a.name));
    const pages = pageCount(pdf);
    expect(pages).toBeGreaterThanOrEqual(2);
    for (let page = 1; page <= pages; page++) expect(pdf).toContain(shown(`Page ${page} of ${pages}`));
  });

  it('carries status as words, not colour alone', async () => {
    const pdf = latin1(await portfolioReportPdf(sampleReport(acme), { compress: false }));
    for (const word of ['Critical', 'At risk', 'Healthy', 'No data']) expect(pdf).toContain(shown(word));
    expect(pdf).toContain(shown('Score trend'));
  });

  it('says so when there are no accounts, on one page', async () => {
    const empty = buildPortfolioReport({ tenantName: 'Empty Co', month: month('2025-09'), generatedAt: SEEDED_AT, accounts: [], series: [], catalog: DEFAULT_CATALOG });
    const pdf = latin1(await portfolioReportPdf(empty, { compress: false }));
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf).toContain('There are no accounts in this workspace yet');
    expect(pdf).toContain(shown('No scores yet'));
    expect(pageCount(pdf)).toBe(1);
  });

  it('grows by pages with the accounts: 2,000 accounts run to many pages, numbered', async () => {
    const small = pageCount(latin1(await portfolioReportPdf(sampleReport(testCompany), { compress: false })));
    const pdf = latin1(await portfolioReportPdf(syntheticReport(2000), { compress: false }));
    const pages = pageCount(pdf);
    expect(pages).toBeGreaterThan(small);
    expect(pages).toBeGreaterThan(30);
    expect(pdf).toContain(shown('Account 0000'));
    expect(pdf).toContain(shown('Account 1999'));
    expect(pdf).toContain(shown(`Page ${pages} of ${pages}`));
  }, 60_000);

  it('compresses by default: a smaller file whose text is no longer plain', async () => {
    const report = sampleReport(acme);
    const compressed = await portfolioReportPdf(report);
    const plain = await portfolioReportPdf(report, { compress: false });
    expect(latin1(compressed).startsWith('%PDF-')).toBe(true);
    expect(compressed.length).toBeLessThan(plain.length / 2);
    expect(latin1(compressed)).not.toContain(shown(acme.docs.accounts[0]!.name));
  });

  it('gives the same bytes for the same report (no clock or randomness of its own)', async () => {
    const report = sampleReport(testCompany);
    expect(await portfolioReportPdf(report)).toEqual(await portfolioReportPdf(report));
  });

  it('writes names the standard fonts cannot show as their closest plain form, and hostile names as text', async () => {
    const names = ['Łódź Logistics', 'Café Müller', '東京 Trading', ...HOSTILE_NAMES.slice(0, 4)];
    const pdf = latin1(await portfolioReportPdf(syntheticReport(names.length, (i) => names[i]!), { compress: false }));
    expect(pdf).toContain(shown('Lódz Logistics'));
    expect(pdf).toContain(shown('Café Müller'));
    expect(pdf).toContain(shown('?? Trading'));
    expect(pdf).toContain(shown('=HYPERLINK("http://evil","x")'));
  });
});

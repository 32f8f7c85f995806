import { runVitals } from '../testing/run-cli';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CATALOG, portfolioHealth, type AccountSeries, type KpiValues, type Month } from '@vitals/shared';
import { describe, expect, it } from 'vitest';
import { FIXTURE_ACCOUNTS, FIXTURE_KPIS, FIXTURE_MONTHS, fixtureValues } from '../../../shared/src/import/fixtures/dataset';
import { buildCheckReport, renderCheckReport } from './commands/check';
import { buildRevenueReport, renderRevenueReport } from './commands/revenue';
import { buildScoreReport } from './commands/score';
import { CliError } from './errors';

const fixture = (name: string): string => fileURLToPath(new URL(`../../../shared/src/import/fixtures/${name}`, import.meta.url));
const cliFixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const noWarnings = (line: string): never => {
  throw new Error(`unexpected warning: ${line}`);
};

const vitals = (...args: string[]) => runVitals(args);

/** One portfolio (fixtures/dataset.ts) written in every layout and format the import accepts. */
const FORMATS = [
  ['wide.xlsx', 'wide'],
  ['long.xlsx', 'long'],
  ['sheet-per-month.xlsx', 'sheet-per-month'],
  ['with-accounts-sheet.xlsx', 'long'],
  ['streamed.xlsx', 'long'],
  ['legacy.xls', 'long'],
  ['long.csv', 'long'],
  ['semicolon.csv', 'long'],
] as const;

/** The portfolio's health computed straight from the dataset, with no file in between. */
function directHealth(month: Month): { account: string; score: number | null; status: string; categories: object; drivers: string[] }[] {
  const series: AccountSeries[] = FIXTURE_ACCOUNTS.map((a) => ({ accountId: a.name, months: new Map<Month, KpiValues>() }));
  for (const v of fixtureValues()) {
    const months = series.find((s) => s.accountId === v.account)!.months as Map<Month, KpiValues>;
    months.set(v.month as Month, { ...months.get(v.month as Month), [v.kpi]: v.value });
  }
  return portfolioHealth(series, month, DEFAULT_CATALOG).accounts.map((h) => ({
    account: h.accountId,
    score: h.score,
    status: h.status,
    categories: h.categories,
    drivers: h.drivers.map((d) => d.kpi),
  }));
}

describe.each(FORMATS)('the file commands on %s', (name, layout) => {
  it('check: the layout, the whole portfolio and no problems', async () => {
    const { report } = await buildCheckReport(fixture(name));
    expect(report).toEqual({
      layout,
      accounts: FIXTURE_ACCOUNTS.length,
      months: [...FIXTURE_MONTHS],
      kpis: DEFAULT_CATALOG.kpis.map((k) => k.id).filter((id) => (FIXTURE_KPIS as readonly string[]).includes(id)),
      values: fixtureValues().length,
      errors: [],
      warnings: [],
    });
  });

  it('score: the same health as the data scored directly', async () => {
    const report = await buildScoreReport({ file: fixture(name) }, noWarnings);
    expect(report.month).toBe(FIXTURE_MONTHS[2]);
    // Five KPIs are too few for a score (unknown), but every category and driver must agree.
    expect(report.accounts.map(({ account, score, status, categories, drivers }) => ({ account, score, status, categories, drivers }))).toEqual(
      directHealth(report.month),
    );
    expect(report.accounts[1]!.drivers.length).toBeGreaterThan(0);
  });

  it('revenue: the ARR bridge of DOMAIN.md from March to May', async () => {
    // Northwind +150k and Umbrella +120k expand, Globex −30k contracts, Initech is flat: 4,176,000 → 4,416,000.
    const { report } = await buildRevenueReport({ file: fixture(name), from: '2025-03', to: '2025-05' }, noWarnings);
    expect(report).toEqual({
      startArr: 4_176_000,
      endArr: 4_416_000,
      expansion: 270_000,
      contraction: 30_000,
      churn: 0,
      nrr: 1.0575,
      grr: 0.9928,
      growth: 0.0575,
    });
  });
});

describe('vitals check (in process)', () => {
  it('lists every error with sheet, Excel row, column letter and reason', async () => {
    const { report } = await buildCheckReport(cliFixture('bad-values.csv'));
    expect(report.errors).toEqual([
      { sheet: 'bad-values.csv', row: 3, column: 'D', message: '"ninety" is not a number.' },
      { sheet: 'bad-values.csv', row: 4, column: 'B', message: '"nsp" is not a KPI in the catalog. Did you mean "nps" (Net Promoter Score)?' },
      { sheet: 'bad-values.csv', row: 5, column: 'D', message: '140 is outside the plausible range of Customer satisfaction (0…100).' },
    ]);
    expect(report).toMatchObject({ layout: 'long', accounts: 1, months: ['2025-09'], kpis: ['nps'], values: 1, warnings: [] });
  });

  it('renders a summary and an aligned issue table, severity as a word and a shape', async () => {
    const text = renderCheckReport(await buildCheckReport(cliFixture('bad-values.csv')), { color: false });
    const lines = text.split('\n');
    expect(lines[0]).toBe('bad-values.csv: long layout');
    expect(lines[1]).toBe('1 account, 1 month (2025-09), 1 KPI, 1 value');
    expect(text).toContain('■ 3 errors, 0 warnings: nothing can be imported until the errors are fixed');
    const header = lines.findIndex((l) => l.startsWith('Severity'));
    expect(lines[header]).toMatch(/^Severity\s+Sheet\s+Row\s+Column\s+Message$/);
    const rows = lines.slice(header + 2, header + 5);
    expect(rows[0]).toMatch(/^■ error\s+bad-values\.csv\s+3\s+D\s+"ninety" is not a number\.$/);
    // Aligned: every message starts in the column of its header.
    const column = lines[header]!.indexOf('Message');
    expect(rows.map((row) => row.slice(column - 2, column + 1))).toEqual(['  "', '  "', '  1']);
  });

  it('says so when a file reads cleanly', async () => {
    const text = renderCheckReport(await buildCheckReport(fixture('wide.xlsx')), { color: false });
    expect(text).toBe('wide.xlsx: wide layout\n4 accounts, 3 months (2025-03 … 2025-05), 5 KPIs, 60 values\n\n● No problems found: the file can be imported as it is.\n');
  });

  it('reports warnings without failing: an Excel error cell, and a sheet that is not data', async () => {
    const { report } = await buildCheckReport(fixture('formulas.xlsx'));
    expect(report.warnings.map((w) => [w.sheet, w.row, w.column])).toEqual([
      ['Formulas', null, null],
      ['Formulas', 4, 'B'],
    ]);
    expect(report.warnings[1]!.message).toMatch(/Excel errors or formulas without a saved result, the first at B4 \(#REF!\)/);
  });

  it('keeps sheet names like __proto__ as plain text', async () => {
    const { report } = await buildCheckReport(fixture('proto-keys.xlsx'));
    expect(report.warnings.map((w) => w.sheet)).toEqual(['__proto__', 'constructor', 'toString']);
    expect(report.errors).toHaveLength(1);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it('shows control characters from a file as escapes, never raw, in the table', async () => {
    const text = renderCheckReport(
      {
        fileName: 'x.csv',
        report: { layout: 'long', accounts: 0, months: [], kpis: [], values: 0, errors: [], warnings: [] },
        issues: [{ severity: 'warning', code: 'ignored-column', sheet: 'S\u001b[2J', row: 1, column: 'A', message: 'bad\u001b[31m' }],
      },
      { color: false },
    );
    expect(text).not.toContain('\u001b');
    expect(text).toContain('S\\u001b[2J');
  });
});

describe('vitals revenue (in process)', () => {
  it('counts an account that lost its ARR as churn and one that appears as new', async () => {
    const result = await buildRevenueReport({ file: cliFixture('revenue.csv'), from: '2025-01', to: '2025-03' }, noWarnings);
    // Alpha 100 → 120 (+20), Beta 50 → 40 (−10), Gamma 30 → churned, Delta new with 25.
    expect(result.report).toEqual({ startArr: 180, endArr: 185, expansion: 20, contraction: 10, churn: 30, nrr: 0.8889, grr: 0.7778, growth: 0.0278 });
    expect(result).toMatchObject({ baseAccounts: 3, newAccounts: 1, newArr: 25 });
    const text = renderRevenueReport(result, { color: false });
    expect(text).toContain('Revenue 2025-01 → 2025-03 (3 accounts with ARR in 2025-01)');
    expect(text).toMatch(/Churn\s+−30\n/);
    expect(text).toMatch(/New accounts \(1\)\s+\+25\n/);
    expect(text).toContain('NRR 88.9%   GRR 77.8%   Growth +2.8%');
  });

  it.each([
    [{ from: undefined, to: '2025-05' }, /--from is required/],
    [{ from: '2025-03', to: 'May' }, /--to must be YYYY-MM, got "May"/],
    [{ from: '2025-05', to: '2025-03' }, /--from 2025-05 is after --to 2025-03/],
  ])('refuses bad months %j as a usage error', async (months, message) => {
    const error = await buildRevenueReport({ file: fixture('long.csv'), ...months }, noWarnings).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect(error).toMatchObject({ exitCode: 2, message: expect.stringMatching(message) });
  });

  it('names the months a file has ARR for when asked for another', async () => {
    await expect(buildRevenueReport({ file: fixture('long.csv'), from: '2025-01', to: '2025-05' }, noWarnings)).rejects.toThrow(
      /has no ARR for 2025-01; its months with ARR are 2025-03, 2025-04, 2025-05/,
    );
  });

  it('refuses a file without ARR, and one with errors', async () => {
    await expect(buildRevenueReport({ file: cliFixture('no-arr.csv'), from: '2025-09', to: '2025-09' }, noWarnings)).rejects.toThrow(/has no ARR values/);
    await expect(buildRevenueReport({ file: cliFixture('bad-values.csv'), from: '2025-09', to: '2025-09' }, noWarnings)).rejects.toThrow(
      /^The file has 3 errors; no revenue was computed:/,
    );
  });
});

describe('hostile and unreadable files', () => {
  it.each([
    ['bomb.xlsx', /bomb\.xlsx was refused without unpacking it: .* would unpack 1,029 times larger than it is/],
    ['bomb-zero-size.xlsx', /refused without unpacking it: .* claims to be empty but holds compressed data/],
    ['bomb-lying-size.xlsx', /cannot be read as an Excel workbook; it may be damaged/],
    ['malformed.xlsx', /malformed\.xlsx cannot be read as an Excel workbook: it is damaged or incomplete/],
    ['truncated.xlsx', /truncated\.xlsx cannot be read as an Excel workbook: it is damaged or incomplete/],
  ])('refuses %s with the reason, as a failure (exit 1)', async (name, message) => {
    const error = await buildCheckReport(fixture(name)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect(error).toMatchObject({ exitCode: 1, message: expect.stringMatching(message) });
  });

  it('stops a file whose read never ends at the time limit', async () => {
    const error = await buildCheckReport(fixture('endless-stream.xlsx'), { timeoutMs: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).message).toBe(
      'Reading endless-stream.xlsx took longer than the limit of 300 ms and was stopped. The file may be damaged or very large: save it again from Excel, split it, or save it as CSV.',
    );
  });

  it('refuses a file over the size limit before reading it', async () => {
    await expect(buildCheckReport(fixture('long.csv'), { limits: { maxFileBytes: 1024 } })).rejects.toThrow(/^long\.csv is \d KB; the limit is 1 KB\. Split it into smaller files\.$/);
  });

  it('reports pathological cells as errors without hanging on them', async () => {
    const { report } = await buildCheckReport(fixture('redos.xlsx'));
    expect(report.errors).toHaveLength(8);
    expect(report.errors.every((e) => e.message.length < 200)).toBe(true);
  });

  it.each([
    ['nope.xlsx', 'Cannot read nope.xlsx: no such file.'],
    [fileURLToPath(new URL('./fixtures', import.meta.url)), /: it is a directory\.$/],
  ])('explains why %s cannot be read', async (path, message) => {
    await expect(buildCheckReport(path)).rejects.toThrow(message);
  });
});

describe('the file commands (the real command)', () => {
  it('check --json prints the documented shape and exits 0 for a clean workbook', async () => {
    const { code, stdout } = await vitals('check', fixture('sheet-per-month.xlsx'), '--json');
    expect(code).toBe(0);
    expect(Object.keys(JSON.parse(stdout) as object)).toEqual(['layout', 'accounts', 'months', 'kpis', 'values', 'errors', 'warnings']);
  });

  it('check exits 1 on a file with errors, still printing the report', async () => {
    const { code, stdout } = await vitals('check', cliFixture('bad-values.csv'), '--json');
    expect(code).toBe(1);
    expect((JSON.parse(stdout) as { errors: unknown[] }).errors).toHaveLength(3);
  });

  it('revenue --json prints the documented shape for a legacy .xls', async () => {
    const { code, stdout } = await vitals('revenue', fixture('legacy.xls'), '--from', '2025-03', '--to', '2025-04', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ startArr: 4_176_000, endArr: 4_296_000, expansion: 120_000, contraction: 0, churn: 0, nrr: 1.0287, grr: 1, growth: 0.0287 });
  });

  it('score reads a wide workbook', async () => {
    const { code, stdout } = await vitals('score', fixture('wide.xlsx'), '--json');
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { month: string; accounts: unknown[] }).month).toBe('2025-05');
  });

  it.each([
    [['check'], /Usage: vitals check <file>/],
    [['check', 'a.csv', 'b.csv'], /Usage: vitals check <file>/],
    [['revenue', 'x.csv'], /--from is required/],
    [['revenue', 'x.csv', '--from', '2025-13', '--to', '2025-12'], /--from must be YYYY-MM, got "2025-13"/],
    [['revenue', 'x.csv', '--month', '2025-01'], /Unknown option '--month'/],
  ])('exits 2 with usage help for %j', async (args, message) => {
    const { code, stderr } = await vitals(...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('exits 1 with the reason for a zip bomb and for a missing file, printing nothing on stdout', async () => {
    expect(await vitals('check', fixture('bomb.xlsx'))).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(/refused without unpacking it/) });
    expect(await vitals('revenue', 'nope.csv', '--from', '2025-01', '--to', '2025-02')).toMatchObject({
      code: 1,
      stderr: 'Cannot read nope.csv: no such file.\n',
    });
  });
});

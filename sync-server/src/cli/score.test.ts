import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildScoreReport, renderScoreReport } from './commands/score';

const run = promisify(execFile);
const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const root = fileURLToPath(new URL('../../..', import.meta.url));
const noWarnings = (line: string): never => {
  throw new Error(`unexpected warning: ${line}`);
};

describe('vitals score (in process)', () => {
  it('scores the worked example of DOMAIN.md as 59, yellow, with its drivers and a downward trend', async () => {
    const report = await buildScoreReport({ file: fixture('worked-example.csv'), month: '2025-09' }, noWarnings);
    expect(report.month).toBe('2025-09');
    const northwind = report.accounts.find((a) => a.account === 'Northwind');
    expect(northwind).toEqual({
      account: 'Northwind',
      score: 59,
      status: 'yellow',
      categories: { adoption: 50, support: 100, sentiment: 70, revenue: null, engagement: 0 },
      drivers: ['feature_adoption', 'days_since_last_touch', 'license_utilization', 'nps'],
      trend: 'down',
      delta: -41,
      slope: -41,
    });
  });

  it('shows green, and unknown where data is insufficient', async () => {
    const report = await buildScoreReport({ file: fixture('worked-example.csv') }, noWarnings);
    expect(report.accounts.map((a) => [a.account, a.status, a.score])).toEqual([
      ['Northwind', 'yellow', 59],
      ['Bluefin', 'green', 100],
      ['Quiet Co', 'unknown', null],
    ]);
  });

  it('refuses a month the file does not have, naming the ones it has', async () => {
    await expect(buildScoreReport({ file: fixture('worked-example.csv'), month: '2025-01' }, noWarnings)).rejects.toThrow(
      /no values for 2025-01; its months are 2025-08, 2025-09/,
    );
  });

  it('lists every bad value with line, column and reason, and scores nothing', async () => {
    const error = await buildScoreReport({ file: fixture('bad-values.csv') }, noWarnings).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message.split('\n')).toEqual([
      'The file has 3 errors; nothing was scored:',
      'error: bad-values.csv, line 3, column D: "ninety" is not a number.',
      'error: bad-values.csv, line 4, column B: "nsp" is not a KPI in the catalog. Did you mean "nps" (Net Promoter Score)?',
      'error: bad-values.csv, line 5, column D: 140 is outside the plausible range of Customer satisfaction (0…100).',
    ]);
  });

  it('renders a table people can read, with status as a word and a shape', async () => {
    const report = await buildScoreReport({ file: fixture('worked-example.csv') }, noWarnings);
    const text = renderScoreReport(report, { color: false });
    expect(text).toContain('Health for 2025-09 (3 accounts)');
    expect(text).toMatch(/Northwind\s+▲ yellow\s+59\s+↓ down\s+Key feature adoption, Days since last CSM touch, License utilization/);
    expect(text).toMatch(/Quiet Co\s+○ unknown\s+—/);
  });
});

describe('vitals score (the real command)', () => {
  it('prints the documented JSON on stdout through `npm run vitals -- score … --json`', async () => {
    const { stdout } = await run('npm', ['run', 'vitals', '--', 'score', fixture('worked-example.csv'), '--month', '2025-09', '--json'], { cwd: root });
    const report = JSON.parse(stdout) as { month: string; accounts: { account: string; score: number; status: string; trend: string }[] };
    expect(report.month).toBe('2025-09');
    expect(report.accounts[0]).toMatchObject({ account: 'Northwind', score: 59, status: 'yellow', trend: 'down' });
  });

  it('exits non-zero on a malformed CSV and names the line', async () => {
    const failure = await run(process.execPath, ['sync-server/bin/vitals.js', 'score', fixture('malformed.csv')], { cwd: root }).catch(
      (e: { code: number; stderr: string; stdout: string }) => e,
    );
    expect(failure).toMatchObject({ code: 1, stdout: '' });
    expect((failure as { stderr: string }).stderr).toContain('malformed.csv, line 4: a quoted field is never closed');
  });

  it.each([
    [['score'], /Usage: vitals score/],
    [['score', 'x.csv', '--bogus'], /Unknown option '--bogus'/],
    [['frobnicate'], /Unknown command "frobnicate"/],
  ])('exits 2 with usage help for %j', async (args, message) => {
    const failure = await run(process.execPath, ['sync-server/bin/vitals.js', ...args], { cwd: root }).catch((e: { code: number; stderr: string }) => e);
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr).toMatch(message);
  });

  it('exits 1 for a missing file', async () => {
    const failure = await run(process.execPath, ['sync-server/bin/vitals.js', 'score', 'nope.csv'], { cwd: root }).catch((e: { code: number; stderr: string }) => e);
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr).toContain('Cannot read nope.csv: no such file.');
  });
});

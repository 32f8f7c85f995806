import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DEFAULT_CATALOG,
  SAMPLE_LATEST_MONTH,
  dataRows,
  portfolioRecommendations,
  sampleSeries,
  toXlsx,
} from '@vitals/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleCases } from '../../../shared/src/export/testing';
import { runVitals } from '../testing/run-cli';
import { buildPlaybooksReport, renderPlaybooksReport, type PlaybooksReport } from './commands/playbooks';
import { CliError } from './errors';

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const noWarnings = (line: string): never => {
  throw new Error(`unexpected warning: ${line}`);
};
const summary = (report: Pick<PlaybooksReport, 'recommendations'>): [string, string, number][] =>
  report.recommendations.map((r) => [r.playbook, r.account, r.rank]);

describe('vitals playbooks (the real command)', () => {
  it('prints the recommendations as JSON: account, playbook and evidence, ranked by distance × ARR', async () => {
    const run = await runVitals(['playbooks', fixture('playbooks.csv'), '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as PlaybooksReport;
    expect(report.month).toBe('2025-09');
    // Bravo is further past the VoC trigger (NPS −30 against −15) but pays $9 a year against Alpha's $1M.
    expect(report.recommendations).toEqual([
      {
        account: 'Alpha',
        playbook: 'voc-sprint',
        rank: 1,
        priority: 3.5,
        evidence: [
          {
            metric: 'nps',
            value: -15,
            operator: '<',
            threshold: 0,
            text: 'Net Promoter Score −15 is below 0',
          },
        ],
      },
      {
        account: 'Bravo',
        playbook: 'voc-sprint',
        rank: 2,
        priority: 2,
        evidence: [
          {
            metric: 'nps',
            value: -30,
            operator: '<',
            threshold: 0,
            text: 'Net Promoter Score −30 is below 0',
          },
        ],
      },
      {
        account: 'Charlie',
        playbook: 'sla-stabilizer',
        rank: 1,
        priority: 3.000002,
        evidence: [
          {
            metric: 'escalations',
            value: 4,
            operator: '>=',
            threshold: 3,
            text: 'Escalations 4 is at least 3',
          },
        ],
      },
    ]);
  });

  it('prints a table per playbook for people, and says why Renewal Safeguard cannot fire without renewal dates', async () => {
    const run = await runVitals(['playbooks', fixture('playbooks.csv')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Playbook recommendations for 2025-09: 3 recommendations for 3 accounts');
    expect(run.stdout).toMatch(/VoC Sprint \(voc-sprint\)\n#\s+Account\s+Priority\s+Evidence\n/);
    expect(run.stdout).toMatch(/1\s+Alpha\s+3\.50\s+Net Promoter Score −15 is below 0/);
    expect(run.stdout).toContain(
      'No account is past its trigger (the file has no renewal dates: add an accounts sheet with them).',
    );
    // No colour when not a terminal.
    expect(run.stdout).not.toContain('\u001b[');
  });

  it.each([
    [['playbooks'], 2, /^Usage: vitals playbooks <file>/],
    [['playbooks', fixture('playbooks.csv'), '--month', 'Sept'], 2, /--month must be YYYY-MM, got "Sept"/],
    [
      ['playbooks', fixture('playbooks.csv'), '--month', '2025-01'],
      1,
      /has no values for 2025-01; its months are 2025-08, 2025-09/,
    ],
    [['playbooks', fixture('bad-values.csv')], 1, /errors?; no playbooks were recommended/],
  ])('refuses %j with exit code %i', async (args, code, message) => {
    const run = await runVitals(args);
    expect(run.code).toBe(code);
    expect(run.stderr).toMatch(message);
  });
});

describe('vitals playbooks (in process)', () => {
  it('judges another month with --month', async () => {
    const report = await buildPlaybooksReport(
      { file: fixture('playbooks.csv'), month: '2025-08' },
      noWarnings,
    );
    expect(report.month).toBe('2025-08');
    expect(summary(report)).toEqual([['voc-sprint', 'Alpha', 1]]);
    expect(renderPlaybooksReport(report, { color: false })).toContain(
      'SLA Stabilizer (sla-stabilizer)\nNo account is past its trigger.',
    );
  });

  it('throws a CliError for a file it cannot read', async () => {
    await expect(buildPlaybooksReport({ file: fixture('missing.csv') }, noWarnings)).rejects.toThrow(
      CliError,
    );
  });
});

describe('vitals playbooks on a workbook with an accounts sheet', () => {
  let dir: string;
  let workbook: string;
  const { tenant, docs } = sampleCases().find((c) => c.tenant.slug === 'acme')!;

  beforeAll(async () => {
    // The workbook the app's export makes: KPI values, and the accounts sheet with renewal dates.
    const exported = dataRows(docs.accounts, docs.measurements, DEFAULT_CATALOG, { members: docs.members });
    dir = await mkdtemp(join(tmpdir(), 'vitals-playbooks-'));
    workbook = join(dir, 'acme.xlsx');
    await writeFile(
      workbook,
      await toXlsx(
        [exported.values, exported.accounts].map((rows, i) => ({
          name: i === 0 ? 'KPI values' : 'Accounts',
          rows: rows.rows,
        })),
      ),
    );
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('recommends what the app recommends for the same accounts (a file has no runs under way)', async () => {
    const report = await buildPlaybooksReport({ file: workbook }, noWarnings);
    const app = portfolioRecommendations({
      accounts: docs.accounts,
      series: sampleSeries(tenant),
      month: SAMPLE_LATEST_MONTH,
    });
    const names = new Map(docs.accounts.map((a) => [a.id, a.name]));
    const expected = app.lists.flatMap((l) =>
      l.accounts.map((r) => [r.playbookId, names.get(r.accountId)!, r.rank]),
    );
    expect(summary(report)).toEqual(expected);
    // The renewal dates came from the accounts sheet.
    expect(report.recommendations.some((r) => r.playbook === 'renewal-safeguard')).toBe(
      expected.some((e) => e[0] === 'renewal-safeguard'),
    );
    expect(report.renewalDates).toBe(docs.accounts.length);
  });
});

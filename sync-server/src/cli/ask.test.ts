import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DEFAULT_CATALOG,
  SAMPLE_AS_OF,
  SAMPLE_LATEST_MONTH,
  addDays,
  dataRows,
  generateSampleTenants,
  portfolioHealth,
  sampleSeries,
  toXlsx,
  type SampleTenant,
} from '@vitals/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleCases } from '../../../shared/src/export/testing';
import { runVitals } from '../testing/run-cli';
import { ANALYTICAL_LINE, buildAskAnswers, renderAskAnswers, type AskResult } from './commands/ask';
import { CliError } from './errors';

const example = (slug: string): string => fileURLToPath(new URL(`../../../examples/${slug}.csv`, import.meta.url));
const cliFixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const noWarnings = (line: string): never => {
  throw new Error(`unexpected warning: ${line}`);
};

const [testCompany, acme] = generateSampleTenants() as [SampleTenant, SampleTenant];

/** The tenant's accounts with a status, worst score first, computed straight from the sample values. */
function accountsWithStatus(tenant: SampleTenant, statuses: readonly string[]): string[] {
  const health = portfolioHealth(sampleSeries(tenant), SAMPLE_LATEST_MONTH, DEFAULT_CATALOG).accounts;
  return health
    .filter((h) => statuses.includes(h.status))
    .sort((a, b) => (a.score ?? 101) - (b.score ?? 101))
    .map((h) => tenant.accounts.find((a) => a.id === h.accountId)!.name);
}

describe('vitals ask (the real command)', () => {
  it('answers the questions in order as one conversation, as JSON', async () => {
    const run = await runVitals([
      'ask',
      example('test-company'),
      '--json',
      '--today',
      SAMPLE_AS_OF,
      'Which accounts are red?',
      'why is it red?',
      'draft an email to Northwind about their renewal',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const results = JSON.parse(run.stdout) as AskResult[];
    expect(results.map((r) => [r.question, r.kind, r.template])).toEqual([
      ['Which accounts are red?', 'deterministic', 1],
      ['why is it red?', 'deterministic', 4],
      ['draft an email to Northwind about their renewal', 'analytical', null],
    ]);
    const red = accountsWithStatus(testCompany, ['red']);
    expect(red.length).toBeGreaterThan(0);
    expect(results[0]!.rows.map((r) => r.account)).toEqual(red);
    // "it" is the first account of the previous answer: the worst red one.
    expect(results[1]!.answer).toMatch(new RegExp(`^${red[0]} is red`));
    expect(results[2]!.answer).toBe(ANALYTICAL_LINE);
    expect(results[2]!.rows).toEqual([]);
  });

  it('prints each answer under its question, with an aligned table that shows status as a word and a shape', async () => {
    const run = await runVitals(['ask', example('acme'), '--today', SAMPLE_AS_OF, 'top 3 accounts by NPS']);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('? top 3 accounts by NPS');
    expect(lines[1]).toMatch(/^Top 3 accounts by Net Promoter Score in 2025-09: /);
    const header = lines.findIndex((l) => l.startsWith('#'));
    expect(lines[header]).toMatch(/^#\s+Account\s+Net Promoter Score\s+Status$/);
    expect(lines.slice(header + 2, header + 5).every((l) => /(● green|▲ yellow|■ red)$/.test(l))).toBe(true);
  });

  it('refuses a call without a question, or with a malformed --today, as a usage error', async () => {
    const bare = await runVitals(['ask', example('acme')]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('Usage: vitals ask <file>');
    const badDay = await runVitals(['ask', example('acme'), '--today', '30/09/2025', 'which accounts are red?']);
    expect(badDay.code).toBe(2);
    expect(badDay.stderr).toContain('--today must be a date YYYY-MM-DD');
  });

  it('answers nothing from a file with errors, and says why', async () => {
    const run = await runVitals(['ask', cliFixture('bad-values.csv'), 'which accounts are red?']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('no question was answered');
  });
});

describe('vitals ask on a workbook with an accounts sheet (in process)', () => {
  let dir: string;
  let workbook: string;

  beforeAll(async () => {
    // The workbook a user downloads from the app's export: KPI values and the accounts sheet beside them.
    const { docs } = sampleCases().find((c) => c.tenant.slug === 'acme')!;
    const exported = dataRows(docs.accounts, docs.measurements, DEFAULT_CATALOG, { members: docs.members });
    dir = await mkdtemp(join(tmpdir(), 'vitals-ask-'));
    workbook = join(dir, 'acme.xlsx');
    await writeFile(workbook, await toXlsx([exported.values, exported.accounts].map((rows, i) => ({ name: i === 0 ? 'KPI values' : 'Accounts', rows: rows.rows }))));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('counts renewal windows from --today, with the renewal dates of the accounts sheet', async () => {
    const [turn] = await buildAskAnswers({ file: workbook, questions: ['renewals in the next 90 days'], today: SAMPLE_AS_OF }, noWarnings);
    const until = addDays(SAMPLE_AS_OF, 90);
    const due = acme.accounts.filter((a) => a.renewalDate >= SAMPLE_AS_OF && a.renewalDate <= until).sort((a, b) => (a.renewalDate < b.renewalDate ? -1 : 1));
    expect(due.length).toBeGreaterThan(0);
    expect(turn!.template).toBe(11);
    expect(turn!.rows.map((r) => r.account)).toEqual(due.map((a) => a.name));
  });

  it('reads segments and CSMs from the accounts sheet, and "what about SMB?" follows up on the segment', async () => {
    const turns = await buildAskAnswers(
      { file: workbook, questions: ['Which enterprise accounts are red or yellow?', 'what about SMB?', "which of Priya Raman's accounts are at risk?"], today: SAMPLE_AS_OF },
      noWarnings,
    );
    const atRisk = new Set(accountsWithStatus(acme, ['red', 'yellow']));
    const expected = (keep: (a: SampleTenant['accounts'][number]) => boolean): string[] =>
      acme.accounts.filter((a) => atRisk.has(a.name) && keep(a)).map((a) => a.name).sort();
    const priya = acme.users.find((u) => u.name === 'Priya Raman')!.id;
    expect(turns.map((t) => t.template)).toEqual([1, 1, 1]);
    expect(turns[0]!.rows.map((r) => String(r.account)).sort()).toEqual(expected((a) => a.segment === 'Enterprise'));
    expect(turns[1]!.rows.map((r) => String(r.account)).sort()).toEqual(expected((a) => a.segment === 'SMB'));
    expect(turns[2]!.rows.map((r) => String(r.account)).sort()).toEqual(expected((a) => a.ownerId === priya));
  });

  it('keeps the analytical line plain in the text output, and never fails on it', async () => {
    const turns = await buildAskAnswers({ file: workbook, questions: ['What should I focus on this quarter?'], today: SAMPLE_AS_OF }, noWarnings);
    expect(renderAskAnswers(turns, { color: false })).toBe(`? What should I focus on this quarter?\n${ANALYTICAL_LINE}\n`);
  });

  it('asks for at least one question', async () => {
    await expect(buildAskAnswers({ file: workbook, questions: [] }, noWarnings)).rejects.toBeInstanceOf(CliError);
  });
});

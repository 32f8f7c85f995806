import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CATALOG, generateSampleTenants, portfolioHealth, sampleSeries, sampleToLongCsv, SAMPLE_LATEST_MONTH } from '@vitals/shared';
import { describe, expect, it } from 'vitest';
import { buildScoreReport } from './commands/score';

const tenants = generateSampleTenants();
const example = (slug: string): string => fileURLToPath(new URL(`../../../examples/${slug}.csv`, import.meta.url));

describe.each(tenants)('vitals score on the $name sample', (tenant) => {
  it('examples/<slug>.csv is what the generator writes today (run scripts/write-examples.ts)', async () => {
    expect(await readFile(example(tenant.slug), 'utf8')).toBe(sampleToLongCsv(tenant));
  });

  it('gives through the CSV round trip the same health as scoring the data directly', async () => {
    const report = await buildScoreReport({ file: example(tenant.slug), month: SAMPLE_LATEST_MONTH }, () => undefined);
    const direct = portfolioHealth(sampleSeries(tenant), SAMPLE_LATEST_MONTH, DEFAULT_CATALOG);
    const nameOf = new Map(tenant.accounts.map((a) => [a.id, a.name]));
    expect(report.accounts.map((a) => [a.account, a.score, a.status, a.trend])).toEqual(
      direct.accounts.map((h) => [nameOf.get(h.accountId), h.score, h.status, h.trend.arrow]),
    );
    expect(new Set(report.accounts.map((a) => a.status))).toEqual(new Set(['green', 'yellow', 'red', 'unknown']));
  });
});

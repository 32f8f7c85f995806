/** Writes the sample tenants as long-layout CSVs into examples/ (a test checks they are current). */
import { writeFile } from 'node:fs/promises';
import { generateSampleTenants, sampleToLongCsv } from '@vitals/shared';

for (const tenant of generateSampleTenants()) {
  const path = new URL(`../examples/${tenant.slug}.csv`, import.meta.url);
  await writeFile(path, sampleToLongCsv(tenant));
  process.stdout.write(`wrote examples/${tenant.slug}.csv\n`);
}

/** Vitest global setup: one migrated embedded database for every test file to copy (PGlite takes ~4 s to create). */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTemplate, TEMPLATE_ENV } from './databases';

export default async function setup(): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'vitals-template-'));
  await createTemplate(dir);
  process.env[TEMPLATE_ENV] = dir;
  return () => rm(dir, { recursive: true, force: true });
}

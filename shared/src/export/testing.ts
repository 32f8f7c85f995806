/** Test inputs for the export tests: the sample tenants as the device stores them, and hostile names. */
import { generateSampleTenants } from '../sample/generate';
import { sampleDocuments, type SampleDocuments } from '../sample/documents';
import type { SampleTenant } from '../sample/model';

export const SEEDED_AT = '2025-10-01T08:00:00.000Z';

/** Names a spreadsheet would run as formulas (or DDE commands) if written as they are. */
export const HOSTILE_NAMES = [
  '=HYPERLINK("http://evil","x")',
  "+cmd|' /C calc'!A0",
  '@SUM(1)',
  '-2+3',
  '\t=1+1',
  '\r=1+1',
  '  =1+1',
] as const;

export interface SampleCase {
  readonly tenant: SampleTenant;
  readonly docs: SampleDocuments;
}

/** Each sample tenant with the documents a new database starts with, as `sampleDocuments` seeds them. */
export function sampleCases(): SampleCase[] {
  return generateSampleTenants().map((tenant) => {
    let next = 0;
    const docs = sampleDocuments(tenant, {
      userIds: new Map(tenant.users.filter((u) => u.login).map((u) => [u.id, `db-${u.id}`])),
      newId: () => `gen-${tenant.slug}-${++next}`,
      seededAt: SEEDED_AT,
      fileHash: '0123456789abcdef'.repeat(4),
    });
    return { tenant, docs };
  });
}

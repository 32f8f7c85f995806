import {
  DEFAULT_CATALOG,
  generateSampleTenants,
  parseCsv,
  readLongLayout,
  SAMPLE_LATEST_MONTH,
  sampleDocuments,
  sampleSeries,
} from '@vitals/shared';
import { describe, expect, it } from 'vitest';
import { toSeries } from '../state/tenant-data';
import { createExport, type ExportSource } from './create';

const tenant = generateSampleTenants().find((t) => t.slug === 'acme')!;
let next = 0;
const docs = sampleDocuments(tenant, {
  userIds: new Map(tenant.users.filter((u) => u.login).map((u) => [u.id, `db-${u.id}`])),
  newId: () => `id-${++next}`,
  seededAt: '2025-10-01T08:00:00.000Z',
  fileHash: '0'.repeat(64),
});

/** What the Reports page hands over: the local database's documents and the series the screens use. */
const source: ExportSource = {
  tenant: { slug: 'acme', name: 'ACME' },
  month: SAMPLE_LATEST_MONTH,
  accounts: docs.accounts,
  measurements: docs.measurements,
  members: docs.members,
  series: toSeries(docs.measurements),
  catalog: DEFAULT_CATALOG,
  generatedAt: '2025-10-01T08:00:00.000Z',
  timeZone: 'UTC',
};

describe('createExport', () => {
  it('makes the CSV the upload reads back, named for the tenant and month', async () => {
    const file = await createExport('csv', source);
    expect(file).toMatchObject({ fileName: 'vitals-acme-2025-09.csv', mimeType: 'text/csv;charset=utf-8' });
    expect(typeof file.contents).toBe('string');
    const table = readLongLayout(parseCsv(file.contents as string).rows, file.fileName);
    expect(table.issues).toEqual([]);
    expect(table.values).toHaveLength(tenant.values.length);
  });

  it('makes an Excel workbook', async () => {
    const file = await createExport('xlsx', source);
    expect(file.fileName).toBe('vitals-acme-2025-09.xlsx');
    expect(file.mimeType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect([...(file.contents as Uint8Array).slice(0, 2)]).toEqual([0x50, 0x4b]);
  });

  it('makes the PDF report from the same series the dashboard scores', async () => {
    expect(toSeries(docs.measurements).map((s) => s.accountId).sort()).toEqual(sampleSeries(tenant).map((s) => s.accountId).sort());
    const file = await createExport('pdf', source);
    expect(file).toMatchObject({ fileName: 'vitals-acme-2025-09.pdf', mimeType: 'application/pdf' });
    expect(new TextDecoder('latin1').decode((file.contents as Uint8Array).slice(0, 5))).toBe('%PDF-');
  });
});

import { describe, expect, it } from 'vitest';
import { month } from '../time/months';
import { exportFileName } from './file-name';

describe('exportFileName', () => {
  it.each([
    ['acme', 'csv', 'vitals-acme-2025-09.csv'],
    ['test-company', 'xlsx', 'vitals-test-company-2025-09.xlsx'],
    ['Müller & Söhne GmbH', 'pdf', 'vitals-muller-sohne-gmbh-2025-09.pdf'],
    ['../../etc/passwd', 'csv', 'vitals-etc-passwd-2025-09.csv'],
    ['東京', 'csv', 'vitals-workspace-2025-09.csv'],
  ] as const)('%j as %s → %s', (tenant, kind, expected) => {
    expect(exportFileName(tenant, month('2025-09'), kind)).toBe(expected);
  });
});

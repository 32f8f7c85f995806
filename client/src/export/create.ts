/**
 * Export files made on the device from its local data: the data as CSV or Excel, and the portfolio
 * health report as PDF. No network: the bytes come from shared/'s pure functions, which load SheetJS and
 * jsPDF only when a file of their kind is asked for (the service worker precaches those chunks, so this
 * works offline too). No DOM either, so it can be tested in Node and moved to a worker as it stands.
 */
import {
  buildPortfolioReport,
  dataRows,
  exportFileName,
  PDF_MIME,
  portfolioReportPdf,
  toCsv,
  toXlsx,
  XLSX_MIME,
  type AccountDoc,
  type AccountSeries,
  type Catalog,
  type ExportKind,
  type MeasurementDoc,
  type Month,
} from '@vitals/shared';

export const CSV_MIME = 'text/csv;charset=utf-8';

export interface ExportSource {
  /** The tenant's slug names the file; its name titles the report. */
  readonly tenant: { readonly slug: string; readonly name: string };
  /** The month the report is about, and the month in every file name. */
  readonly month: Month;
  readonly accounts: readonly AccountDoc[];
  readonly measurements: readonly MeasurementDoc[];
  readonly members: readonly { readonly id: string; readonly name: string }[];
  readonly series: readonly AccountSeries[];
  readonly catalog: Catalog;
  /** When the file is made (ISO 8601) and the zone to show that in. */
  readonly generatedAt: string;
  readonly timeZone: string;
}

export interface ExportFile {
  readonly fileName: string;
  readonly mimeType: string;
  readonly contents: string | Uint8Array<ArrayBuffer>;
}

export async function createExport(kind: ExportKind, source: ExportSource): Promise<ExportFile> {
  const fileName = exportFileName(source.tenant.slug || source.tenant.name, source.month, kind);
  if (kind === 'pdf') {
    const report = buildPortfolioReport({
      tenantName: source.tenant.name,
      month: source.month,
      generatedAt: source.generatedAt,
      timeZone: source.timeZone,
      accounts: source.accounts,
      series: source.series,
      catalog: source.catalog,
      members: source.members,
    });
    return { fileName, mimeType: PDF_MIME, contents: await portfolioReportPdf(report) };
  }
  const data = dataRows(source.accounts, source.measurements, source.catalog, { members: source.members });
  if (kind === 'csv') return { fileName, mimeType: CSV_MIME, contents: toCsv(data.values.rows) };
  return { fileName, mimeType: XLSX_MIME, contents: await toXlsx([data.values, data.accounts]) };
}

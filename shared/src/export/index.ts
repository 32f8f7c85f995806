/**
 * Exports: the tenant's data as spreadsheets the import reads back (CSV, Excel) and the portfolio health
 * report as a PDF. Everything is produced in memory; the caller saves or downloads the bytes.
 */
export * from './cells';
export * from './csv';
export * from './xlsx';
export * from './data';
export * from './report';
export * from './pdf';
export * from './pdf-text';
export * from './file-name';

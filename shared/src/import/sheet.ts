/**
 * A sheet as the import reads it: a name and its cells as a 2-D array. File readers (SheetJS for
 * .xlsx/.xls, Papa Parse for .csv) produce these; the layout readers only ever see these, so the device,
 * the server and the CLI parse the same way.
 */
export type CellValue = string | number | boolean | null;

export interface SheetData {
  /** The sheet's name as Excel shows it on its tab (for a CSV, the file name). */
  readonly name: string;
  /** Row 0 is Excel row 1. Cells are raw values: numbers stay numbers, dates as Excel serial numbers. */
  readonly rows: readonly (readonly CellValue[])[];
}

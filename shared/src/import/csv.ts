/**
 * CSV text → rows of cells, with problems located by line. Papa Parse does the parsing (quotes,
 * delimiters, line endings); this module only turns its errors into import issues a person can act on.
 */
import Papa from 'papaparse';
import { IMPORT_ISSUES, type ImportIssue } from './issues';

export interface CsvTable {
  /** Every row as read, empty rows included, so row n is line n of a file without quoted line breaks. */
  readonly rows: string[][];
  readonly issues: ImportIssue[];
}

const QUOTE_MESSAGES: Record<string, string> = {
  MissingQuotes: 'a quoted field is never closed (missing ")',
  InvalidQuotes: 'a quote sits in the middle of a field; wrap the whole field in quotes and double any " inside',
  TooFewFields: 'the row has fewer cells than the header',
  TooManyFields: 'the row has more cells than the header',
};

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * The separator of the header line: Excel in many European locales writes ';', exports from other
 * tools use tabs. Papa's own guess weighs every line and can be fooled by short files.
 */
function detectDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const unquoted = firstLine.replace(/"[^"]*"/g, '');
  let best = ',';
  let bestCount = 0;
  for (const candidate of [',', ';', '\t', '|']) {
    const count = unquoted.split(candidate).length - 1;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

export function parseCsv(input: string, sheet = 'CSV'): CsvTable {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const result = Papa.parse<string[]>(text, {
    header: false,
    skipEmptyLines: false,
    dynamicTyping: false,
    delimiter: detectDelimiter(text),
  });
  const rows = result.data.filter((row, i) => !(i === result.data.length - 1 && row.length === 1 && row[0] === ''));
  const issues: ImportIssue[] = result.errors
    .map((e) => {
      const row = typeof e.index === 'number' ? lineAt(text, e.index) : typeof e.row === 'number' ? e.row + 1 : null;
      return {
        severity: 'error',
        code: IMPORT_ISSUES.malformedFile,
        sheet,
        row,
        column: null,
        message: `${QUOTE_MESSAGES[e.code] ?? e.message}.`,
      };
    });
  return { rows, issues };
}

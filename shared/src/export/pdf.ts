/**
 * The portfolio health report as a PDF (jsPDF + jspdf-autotable), laid out from a `PortfolioReport`:
 * title, status tiles, the score trend (vector drawing, with the numbers in a table beneath), and every
 * account worst first, with page numbers. Status is always a colour, a shape and a word, as in the app.
 * jsPDF is loaded on first use; it is large and most sessions never print.
 */
import type { jsPDF } from 'jspdf';
import { PDF_COLORS, fill, stroke, ink, font, type Rgb } from './pdf-draw';
import type { CellHookData, UserOptions } from 'jspdf-autotable';
import type { HealthStatus } from '../health/health';
import type { StatusCounts } from '../health/portfolio';
import type { Month } from '../units';
import { toPdfText } from './pdf-text';
import { REPORT_STATUS_ORDER, type PortfolioReport, type ReportAccount, type ReportMonth } from './report';

export const PDF_MIME = 'application/pdf';

export interface PdfOptions {
  /**
   * Deflate the page streams (default true): a 2,000-account report shrinks to a fraction. Off, the text
   * stays readable in the file's bytes, which tests use.
   */
  readonly compress?: boolean;
}


// The light theme's tokens (styles.css): the status colours pass 4.5:1 as text on white and on their tints.
const TEXT = PDF_COLORS.text;
const MUTED = PDF_COLORS.muted;
const BORDER = PDF_COLORS.border;
const STRIPE = PDF_COLORS.stripe;
const BRAND = PDF_COLORS.brand;
const WHITE = PDF_COLORS.white;
const STATUS_COLOR: Readonly<Record<HealthStatus, Rgb>> = {
  green: [21, 128, 61],
  yellow: [161, 98, 7],
  red: [185, 28, 28],
  unknown: [71, 85, 105],
};
const STATUS_TINT: Readonly<Record<HealthStatus, Rgb>> = {
  green: [220, 252, 231],
  yellow: [254, 249, 195],
  red: [254, 226, 226],
  unknown: [226, 232, 240],
};
/** The app's words for statuses (StatusBadge). */
export const STATUS_WORDS: Readonly<Record<HealthStatus, string>> = {
  green: 'Healthy',
  yellow: 'At risk',
  red: 'Critical',
  unknown: 'No data',
};

const MARGIN = 40;
const FOOTER_SPACE = 48;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const LONG_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function monthParts(month: Month | string): { year: string; index: number } {
  return { year: month.slice(0, 4), index: Number(month.slice(5, 7)) - 1 };
}
const longMonth = (m: Month): string => `${LONG_MONTHS[monthParts(m).index]} ${monthParts(m).year}`;
const shortMonth = (m: Month): string => `${MONTHS[monthParts(m).index]} ${monthParts(m).year.slice(2)}`;
function formatDate(date: string): string {
  const { year, index } = monthParts(date);
  return `${Number(date.slice(8, 10))} ${MONTHS[index]} ${year}`;
}

function formatGeneratedAt(iso: string, timeZone: string): string {
  const text = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(new Date(iso));
  return `${text} (${timeZone})`;
}

/** ARR in whole dollars, as the dashboard shows it; money is stored in cents. */
function moneyFormatter(): (cents: number | null) => string {
  const format = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
  return (cents) => (cents === null ? '—' : format.format(cents / 100));
}

function formatDelta(delta: number | null): string {
  if (delta === null) return '—';
  return delta > 0 ? `+${delta}` : delta < 0 ? `-${Math.abs(delta)}` : '0';
}

function countChange(now: number, before: number): string {
  const d = now - before;
  return d === 0 ? 'same as last month' : `${d > 0 ? '+' : '-'}${Math.abs(d)} since last month`;
}

/** "Net revenue retention (trailing 12 months)" → "Net revenue retention": the table has little room. */
function shortKpiName(name: string): string {
  return toPdfText(name.replace(/\s*\(.*\)\s*$/, '') || name);
}

function renewalText(account: ReportAccount): string {
  if (account.renewalDate === null) return '—';
  const days = account.daysToRenewal;
  const when = days === null ? '' : days === 0 ? 'today' : days > 0 ? `in ${days} day${days === 1 ? '' : 's'}` : 'passed';
  return when ? `${formatDate(account.renewalDate)}\n${when}` : formatDate(account.renewalDate);
}

/* ------------------------------------------------------------------ drawing */


/** The app's shapes: ● healthy, ▲ at risk, ■ critical, ○ no data, centred on (x, y). */
function statusShape(doc: jsPDF, status: HealthStatus, x: number, y: number, size: number): void {
  const color = STATUS_COLOR[status];
  const r = size / 2;
  fill(doc, color);
  stroke(doc, color);
  if (status === 'green') doc.circle(x, y, r, 'F');
  else if (status === 'yellow') doc.triangle(x - r, y + r * 0.87, x + r, y + r * 0.87, x, y - r, 'F');
  else if (status === 'red') doc.rect(x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7, 'F');
  else {
    doc.setLineWidth(1);
    doc.circle(x, y, r - 0.5, 'S');
  }
}

function header(doc: jsPDF, report: PortfolioReport): number {
  ink(doc, TEXT);
  font(doc, 20, 'bold');
  doc.text('Portfolio health report', MARGIN, 58);
  font(doc, 12);
  doc.text(`${toPdfText(report.tenantName)} · ${longMonth(report.month)}`, MARGIN, 78);
  ink(doc, MUTED);
  font(doc, 9);
  doc.text(
    toPdfText(`Generated ${formatGeneratedAt(report.generatedAt, report.timeZone)} · health as of the end of ${longMonth(report.month)}`),
    MARGIN,
    94,
  );
  return 108;
}

function statusTiles(doc: jsPDF, y: number, counts: StatusCounts, before: StatusCounts): number {
  const gap = 10;
  const width = (doc.internal.pageSize.getWidth() - 2 * MARGIN - 3 * gap) / 4;
  const height = 64;
  REPORT_STATUS_ORDER.forEach((status, i) => {
    const x = MARGIN + i * (width + gap);
    fill(doc, STATUS_TINT[status]);
    stroke(doc, BORDER);
    doc.setLineWidth(0.75);
    doc.roundedRect(x, y, width, height, 6, 6, 'FD');
    statusShape(doc, status, x + 16, y + 17, 9);
    ink(doc, STATUS_COLOR[status]);
    font(doc, 10, 'bold');
    doc.text(STATUS_WORDS[status], x + 27, y + 20.5);
    ink(doc, TEXT);
    font(doc, 22, 'bold');
    doc.text(String(counts[status]), x + 11, y + 45);
    ink(doc, MUTED);
    font(doc, 8);
    doc.text(countChange(counts[status], before[status]), x + 11, y + 57);
  });
  return y + height;
}

interface Plot {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Band centres shared by both charts, so a month sits at the same x in each. */
function bandX(plot: Plot, count: number, i: number): number {
  return plot.x + ((i + 0.5) * plot.width) / count;
}

function monthAxis(doc: jsPDF, plot: Plot, months: readonly ReportMonth[]): void {
  ink(doc, MUTED);
  font(doc, 6.5);
  months.forEach((m, i) => {
    const { year, index } = monthParts(m.month);
    const x = bandX(plot, months.length, i);
    doc.text(MONTHS[index]!, x, plot.y + plot.height + 9, { align: 'center' });
    if (i === 0 || index === 0) doc.text(year, x, plot.y + plot.height + 17, { align: 'center' });
  });
}

function gridLine(doc: jsPDF, plot: Plot, y: number, label: string): void {
  stroke(doc, BORDER);
  doc.setLineWidth(0.5);
  doc.line(plot.x, y, plot.x + plot.width, y);
  ink(doc, MUTED);
  font(doc, 6.5);
  doc.text(label, plot.x - 4, y + 2.2, { align: 'right' });
}

function emptyChart(doc: jsPDF, plot: Plot, message: string): void {
  font(doc, 9);
  const width = doc.getTextWidth(message) + 12;
  const x = plot.x + plot.width / 2;
  const y = plot.y + plot.height / 2;
  // On a white patch, so the grid does not strike through the words.
  fill(doc, WHITE);
  doc.rect(x - width / 2, y - 9, width, 13, 'F');
  ink(doc, MUTED);
  doc.text(message, x, y, { align: 'center' });
}

function scoreChart(doc: jsPDF, plot: Plot, months: readonly ReportMonth[]): void {
  for (const score of [0, 25, 50, 75, 100]) gridLine(doc, plot, plot.y + plot.height * (1 - score / 100), String(score));
  monthAxis(doc, plot, months);
  if (months.every((m) => m.averageScore === null)) {
    emptyChart(doc, { ...plot, height: plot.height * 0.6 }, 'No scores yet');
    return;
  }
  const point = (m: ReportMonth, i: number): { x: number; y: number } | null =>
    m.averageScore === null ? null : { x: bandX(plot, months.length, i), y: plot.y + plot.height * (1 - m.averageScore / 100) };
  stroke(doc, BRAND);
  doc.setLineWidth(1.5);
  for (let i = 1; i < months.length; i++) {
    const a = point(months[i - 1]!, i - 1);
    const b = point(months[i]!, i);
    // A month without scores breaks the line rather than bridging a gap that has no data.
    if (a && b) doc.line(a.x, a.y, b.x, b.y);
  }
  months.forEach((m, i) => {
    const p = point(m, i);
    if (!p) return;
    fill(doc, BRAND);
    doc.circle(p.x, p.y, 2.2, 'F');
    ink(doc, TEXT);
    font(doc, 6.5, 'bold');
    doc.text(String(m.averageScore), p.x, p.y - 4.5, { align: 'center' });
  });
}

function countsChart(doc: jsPDF, plot: Plot, months: readonly ReportMonth[]): void {
  const total = Math.max(0, ...months.map((m) => REPORT_STATUS_ORDER.reduce((sum, s) => sum + m.counts[s], 0)));
  const ticks = total === 0 ? [0] : total === 1 ? [0, 1] : [0, Math.round(total / 2), total];
  for (const t of ticks) gridLine(doc, plot, plot.y + plot.height * (1 - (total === 0 ? 0 : t / total)), String(t));
  monthAxis(doc, plot, months);
  if (total === 0) {
    emptyChart(doc, { ...plot, height: plot.height * 0.6 }, 'No accounts yet');
    return;
  }
  const barWidth = Math.min(18, (plot.width / months.length) * 0.62);
  months.forEach((m, i) => {
    const x = bandX(plot, months.length, i) - barWidth / 2;
    let bottom = plot.y + plot.height;
    // Worst at the bottom, where a bar is easiest to compare month to month.
    for (const status of REPORT_STATUS_ORDER) {
      const count = m.counts[status];
      if (count === 0) continue;
      const h = (plot.height * count) / total;
      fill(doc, STATUS_COLOR[status]);
      stroke(doc, WHITE);
      doc.setLineWidth(0.5);
      doc.rect(x, bottom - h, barWidth, h, 'FD');
      font(doc, 6, 'bold');
      if (h >= 9 && doc.getTextWidth(String(count)) <= barWidth - 2) {
        ink(doc, WHITE);
        doc.text(String(count), x + barWidth / 2, bottom - h / 2 + 2, { align: 'center' });
      }
      bottom -= h;
    }
  });
}

function legend(doc: jsPDF, x: number, y: number): void {
  font(doc, 7.5);
  let at = x;
  for (const status of REPORT_STATUS_ORDER) {
    statusShape(doc, status, at + 4, y - 2.5, 6.5);
    ink(doc, TEXT);
    doc.text(STATUS_WORDS[status], at + 11, y);
    at += 11 + doc.getTextWidth(STATUS_WORDS[status]) + 12;
  }
}

function trendSection(doc: jsPDF, y: number, report: PortfolioReport): number {
  ink(doc, TEXT);
  font(doc, 13, 'bold');
  doc.text('Score trend', MARGIN, y + 16);
  ink(doc, MUTED);
  font(doc, 8);
  doc.text(
    'Average score of the scored accounts (healthy from 75, at risk from 50) and accounts by status, month by month.',
    MARGIN,
    y + 28,
  );
  const pageWidth = doc.internal.pageSize.getWidth();
  const half = (pageWidth - 2 * MARGIN - 24) / 2;
  const titles = ['Average score', 'Accounts by status'];
  const plots: Plot[] = [0, 1].map((i) => ({ x: MARGIN + i * (half + 24) + 22, y: y + 50, width: half - 26, height: 96 }));
  titles.forEach((title, i) => {
    ink(doc, TEXT);
    font(doc, 9, 'bold');
    doc.text(title, MARGIN + i * (half + 24), y + 42);
  });
  scoreChart(doc, plots[0]!, report.months);
  countsChart(doc, plots[1]!, report.months);
  const bottom = y + 50 + 96 + 20;
  legend(doc, plots[1]!.x, bottom + 10);
  return bottom + 14;
}

type AutoTable = (doc: jsPDF, options: UserOptions) => void;

function finalY(doc: jsPDF): number {
  return (doc as unknown as { lastAutoTable?: { finalY?: number } }).lastAutoTable?.finalY ?? MARGIN;
}

/** Draws the status shape in a cell whose text is the status word (left padding leaves room for it). */
function shapeInCell(data: CellHookData, statusOf: (data: CellHookData) => HealthStatus | null): void {
  const status = statusOf(data);
  if (status === null) return;
  statusShape(data.doc as jsPDF, status, data.cell.x + 8, data.cell.y + data.cell.height / 2, 6.5);
}

const TABLE_BASE: UserOptions = {
  theme: 'grid',
  margin: { top: MARGIN, bottom: FOOTER_SPACE, left: MARGIN, right: MARGIN },
  styles: { font: 'helvetica', textColor: [...TEXT], lineColor: [...BORDER], lineWidth: 0.5, cellPadding: 3 },
  headStyles: { fillColor: [...BRAND], textColor: [...WHITE], fontStyle: 'bold' },
  alternateRowStyles: { fillColor: [...STRIPE] },
};

function monthsTable(doc: jsPDF, autoTable: AutoTable, y: number, report: PortfolioReport): number {
  const rowStatus: (HealthStatus | null)[] = [null, ...REPORT_STATUS_ORDER];
  autoTable(doc, {
    ...TABLE_BASE,
    startY: y,
    head: [[{ content: 'Month', styles: { halign: 'left' } }, ...report.months.map((m) => shortMonth(m.month))]],
    body: [
      ['Average score', ...report.months.map((m) => (m.averageScore === null ? '—' : String(m.averageScore)))],
      ...REPORT_STATUS_ORDER.map((s) => [STATUS_WORDS[s], ...report.months.map((m) => String(m.counts[s]))]),
    ],
    styles: { ...TABLE_BASE.styles, fontSize: 7, halign: 'right' },
    headStyles: { ...TABLE_BASE.headStyles, halign: 'right' },
    columnStyles: { 0: { halign: 'left', cellWidth: 78, fontStyle: 'bold', cellPadding: { left: 15, right: 3, top: 3, bottom: 3 } } },
    didDrawCell: (data) => {
      if (data.section === 'body' && data.column.index === 0) shapeInCell(data, (d) => rowStatus[d.row.index] ?? null);
    },
  });
  return finalY(doc);
}

function sectionTitle(doc: jsPDF, y: number, title: string, note: string): number {
  // Keep a title with at least a few rows of what follows.
  if (y + 90 > doc.internal.pageSize.getHeight() - FOOTER_SPACE) {
    doc.addPage();
    y = MARGIN - 16;
  }
  ink(doc, TEXT);
  font(doc, 13, 'bold');
  doc.text(title, MARGIN, y + 16);
  if (note !== '') {
    ink(doc, MUTED);
    font(doc, 8);
    doc.text(note, MARGIN, y + 28);
  }
  return y + 36;
}

function accountsTable(doc: jsPDF, autoTable: AutoTable, y: number, report: PortfolioReport): void {
  const accounts = report.accounts;
  const formatMoney = moneyFormatter();
  autoTable(doc, {
    ...TABLE_BASE,
    startY: y,
    rowPageBreak: 'avoid',
    head: [['Account', 'Health', 'Score', 'Change', 'Top drivers', 'ARR', 'Renewal']],
    body: accounts.map((a) => [
      toPdfText(a.name),
      STATUS_WORDS[a.status],
      a.score === null ? '—' : String(a.score),
      formatDelta(a.delta),
      a.drivers.length === 0 ? (a.status === 'unknown' ? '—' : 'None') : a.drivers.map((d) => `${shortKpiName(d.name)} (${d.status})`).join('; '),
      formatMoney(a.arrCents),
      renewalText(a),
    ]),
    styles: { ...TABLE_BASE.styles, fontSize: 7.5, valign: 'middle' },
    columnStyles: {
      0: { cellWidth: 118, fontStyle: 'bold' },
      1: { cellWidth: 60, cellPadding: { left: 15, right: 3, top: 3, bottom: 3 } },
      2: { cellWidth: 34, halign: 'right' },
      3: { cellWidth: 38, halign: 'right' },
      4: { cellWidth: 'auto' },
      5: { cellWidth: 62, halign: 'right' },
      6: { cellWidth: 62 },
    },
    didDrawCell: (data) => {
      if (data.section === 'body' && data.column.index === 1) shapeInCell(data, (d) => accounts[d.row.index]?.status ?? null);
    },
  });
}

function noAccounts(doc: jsPDF, y: number): void {
  ink(doc, TEXT);
  font(doc, 10);
  doc.text('There are no accounts in this workspace yet, so there is nothing to score.', MARGIN, y + 8);
  ink(doc, MUTED);
  font(doc, 9);
  doc.text('Accounts appear once an admin uploads a KPI spreadsheet; the next report will list them here.', MARGIN, y + 22);
}

function footers(doc: jsPDF, report: PortfolioReport): void {
  const pages = doc.getNumberOfPages();
  const width = doc.internal.pageSize.getWidth();
  const y = doc.internal.pageSize.getHeight() - 24;
  for (let page = 1; page <= pages; page++) {
    doc.setPage(page);
    stroke(doc, BORDER);
    doc.setLineWidth(0.5);
    doc.line(MARGIN, y - 10, width - MARGIN, y - 10);
    ink(doc, MUTED);
    font(doc, 8);
    doc.text(toPdfText(`Vitals · ${report.tenantName} · portfolio health, ${longMonth(report.month)}`), MARGIN, y);
    doc.text(`Page ${page} of ${pages}`, width - MARGIN, y, { align: 'right' });
  }
}

/** A stable 32-hex-digit file id from the report's identity (jsPDF would otherwise pick a random one). */
function fileId(report: PortfolioReport): string {
  const text = `${report.tenantName}\u0000${report.month}\u0000${report.generatedAt}\u0000${report.accounts.length}`;
  let out = '';
  for (let seed = 0; seed < 4; seed++) {
    let h = 0x811c9dc5 ^ seed;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    out += (h >>> 0).toString(16).padStart(8, '0');
  }
  return out.toUpperCase();
}

/** The report → the bytes of a PDF (A4 portrait). Same report, same bytes. */
export async function portfolioReportPdf(report: PortfolioReport, options: PdfOptions = {}): Promise<Uint8Array<ArrayBuffer>> {
  const [{ jsPDF: JsPdf }, { autoTable }] = await Promise.all([import('jspdf'), import('jspdf-autotable')]);
  const doc = new JsPdf({ unit: 'pt', format: 'a4', orientation: 'portrait', compress: options.compress ?? true, putOnlyUsedFonts: true });
  const title = `Portfolio health report: ${report.tenantName}, ${longMonth(report.month)}`;
  doc.setProperties({ title: toPdfText(title), subject: 'Customer health by account', creator: 'Vitals', author: toPdfText(report.tenantName) });
  doc.setCreationDate(new Date(report.generatedAt));
  doc.setFileId(fileId(report));
  doc.setLanguage('en-GB');

  let y = header(doc, report);
  y = statusTiles(doc, y, report.counts, report.previousCounts);
  y = trendSection(doc, y + 14, report);
  y = monthsTable(doc, autoTable, y, report);
  const n = report.accounts.length;
  y = sectionTitle(
    doc,
    y + 12,
    n === 0 ? 'Accounts' : `Accounts (${n})`,
    n === 0
      ? ''
      : 'Worst first: critical, at risk, healthy, then no data; lowest score first within each. Change: score points since last month.',
  );
  if (n === 0) noAccounts(doc, y);
  else accountsTable(doc, autoTable, y, report);
  footers(doc, report);
  return new Uint8Array(doc.output('arraybuffer'));
}

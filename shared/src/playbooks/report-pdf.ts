/**
 * The run report and the playbook summary as PDFs (jsPDF + jspdf-autotable, A4 portrait), in the look of the
 * portfolio report (export/pdf.ts): brand-coloured table heads, muted notes, page numbers. Outcome and
 * progress are always words as well as colours. jsPDF loads on first use: most sessions never print.
 */
import type { jsPDF } from 'jspdf';
import { PDF_COLORS, fill, ink, font, type Rgb } from '../export/pdf-draw';
import type { UserOptions } from 'jspdf-autotable';
import { toPdfText } from '../export/pdf-text';
import { RACI_ROLES, RACI_ROLE_NAMES } from './definitions';
import { formatDay } from './format';
import { monthLabel, type PlaybookSummary, type RunReport, type TimelineRow } from './report';

export interface PlaybookPdfOptions {
  /** Deflate the page streams (default true). Off, the text stays readable in the bytes, which tests use. */
  readonly compress?: boolean;
}

type AutoTable = (doc: jsPDF, options: UserOptions) => void;
interface Pdf {
  readonly doc: jsPDF;
  readonly autoTable: AutoTable;
}

// The light theme's tokens (client styles.css), as in the portfolio report.
const TEXT = PDF_COLORS.text;
const MUTED = PDF_COLORS.muted;
const BORDER = PDF_COLORS.border;
const STRIPE = PDF_COLORS.stripe;
const BRAND = PDF_COLORS.brand;
const WHITE = PDF_COLORS.white;
const GREEN: Rgb = [21, 128, 61];
const GREEN_TINT: Rgb = [220, 252, 231];
const RED: Rgb = [185, 28, 28];
const RED_TINT: Rgb = [254, 226, 226];
const GREY_TINT: Rgb = [226, 232, 240];

const MARGIN = 40;
const FOOTER_SPACE = 48;

const pageWidth = (doc: jsPDF): number => doc.internal.pageSize.getWidth();
const pageBottom = (doc: jsPDF): number => doc.internal.pageSize.getHeight() - FOOTER_SPACE;

const TABLE_BASE: UserOptions = {
  theme: 'grid',
  margin: { top: MARGIN, bottom: FOOTER_SPACE, left: MARGIN, right: MARGIN },
  styles: {
    font: 'helvetica',
    fontSize: 8.5,
    textColor: [...TEXT],
    lineColor: [...BORDER],
    lineWidth: 0.5,
    cellPadding: 4,
  },
  headStyles: { fillColor: [...BRAND], textColor: [...WHITE], fontStyle: 'bold' },
  alternateRowStyles: { fillColor: [...STRIPE] },
  rowPageBreak: 'avoid',
};

function finalY(doc: jsPDF): number {
  return (doc as unknown as { lastAutoTable?: { finalY?: number } }).lastAutoTable?.finalY ?? MARGIN;
}

async function openPdf(
  options: PlaybookPdfOptions,
  title: string,
  author: string,
  generatedAt: string,
): Promise<Pdf> {
  const [{ jsPDF: JsPdf }, { autoTable }] = await Promise.all([import('jspdf'), import('jspdf-autotable')]);
  const doc = new JsPdf({
    unit: 'pt',
    format: 'a4',
    orientation: 'portrait',
    compress: options.compress ?? true,
    putOnlyUsedFonts: true,
  });
  doc.setProperties({ title: toPdfText(title), creator: 'Vitals', author: toPdfText(author) });
  doc.setCreationDate(new Date(generatedAt));
  doc.setLanguage('en-GB');
  return { doc, autoTable };
}

/** Lines of text wrapped to the page; returns the y below them. */
function paragraph(doc: jsPDF, y: number, text: string, size = 9.5, color: Rgb = TEXT): number {
  font(doc, size);
  ink(doc, color);
  const lines = doc.splitTextToSize(toPdfText(text), pageWidth(doc) - 2 * MARGIN) as string[];
  for (const line of lines) {
    if (y + size > pageBottom(doc)) {
      doc.addPage();
      y = MARGIN;
    }
    doc.text(line, MARGIN, y + size);
    y += size * 1.35;
  }
  return y;
}

function heading(doc: jsPDF, y: number, title: string): number {
  // Keep a heading with a few lines of what follows.
  if (y + 80 > pageBottom(doc)) {
    doc.addPage();
    y = MARGIN - 12;
  }
  ink(doc, TEXT);
  font(doc, 12.5, 'bold');
  doc.text(toPdfText(title), MARGIN, y + 22);
  return y + 30;
}

function title(doc: jsPDF, main: string, sub: string, note: string): number {
  ink(doc, TEXT);
  font(doc, 19, 'bold');
  const lines = doc.splitTextToSize(toPdfText(main), pageWidth(doc) - 2 * MARGIN) as string[];
  lines.forEach((line, i) => doc.text(line, MARGIN, 58 + i * 22));
  let y = 58 + (lines.length - 1) * 22;
  font(doc, 11.5);
  doc.text(toPdfText(sub), MARGIN, y + 20);
  ink(doc, MUTED);
  font(doc, 8.5);
  doc.text(toPdfText(note), MARGIN, y + 35);
  y += 48;
  return y;
}

/** A tinted box with a word and a sentence: the outcome, never by colour alone. */
function verdict(doc: jsPDF, y: number, word: string, text: string, tone: 'good' | 'bad' | 'none'): number {
  const color = tone === 'good' ? GREEN : tone === 'bad' ? RED : MUTED;
  const tint = tone === 'good' ? GREEN_TINT : tone === 'bad' ? RED_TINT : GREY_TINT;
  font(doc, 9.5);
  const width = pageWidth(doc) - 2 * MARGIN;
  const lines = doc.splitTextToSize(toPdfText(text), width - 24) as string[];
  const height = 30 + lines.length * 12.5;
  if (y + height > pageBottom(doc)) {
    doc.addPage();
    y = MARGIN;
  }
  fill(doc, tint);
  doc.setDrawColor(BORDER[0], BORDER[1], BORDER[2]);
  doc.roundedRect(MARGIN, y, width, height, 6, 6, 'FD');
  ink(doc, color);
  font(doc, 11, 'bold');
  doc.text(toPdfText(word), MARGIN + 12, y + 18);
  ink(doc, TEXT);
  font(doc, 9.5);
  lines.forEach((line, i) => doc.text(line, MARGIN + 12, y + 33 + i * 12.5));
  return y + height;
}

function footers(doc: jsPDF, label: string): void {
  const pages = doc.getNumberOfPages();
  const y = doc.internal.pageSize.getHeight() - 24;
  for (let page = 1; page <= pages; page++) {
    doc.setPage(page);
    doc.setDrawColor(BORDER[0], BORDER[1], BORDER[2]);
    doc.setLineWidth(0.5);
    doc.line(MARGIN, y - 10, pageWidth(doc) - MARGIN, y - 10);
    ink(doc, MUTED);
    font(doc, 8);
    doc.text(toPdfText(label), MARGIN, y);
    doc.text(`Page ${page} of ${pages}`, pageWidth(doc) - MARGIN, y, { align: 'right' });
  }
}

const bytes = (doc: jsPDF): Uint8Array<ArrayBuffer> => new Uint8Array(doc.output('arraybuffer'));

/* ------------------------------------------------------------------ the run report */

function stepStatus(row: TimelineRow): string {
  if (row.done) return `Done${row.doneAt ? ` ${formatDay(row.doneAt)}` : ''}${row.late ? ' (late)' : ''}`;
  return row.late ? 'Overdue' : 'Open';
}

function stateText(report: RunReport): string {
  const parts = [report.stateLabel];
  if (report.startedAt) parts.push(`started ${formatDay(report.startedAt)}`);
  if (report.finishedAt)
    parts.push(`${report.state === 'abandoned' ? 'abandoned' : 'completed'} ${formatDay(report.finishedAt)}`);
  parts.push(`${report.progress.done} of ${report.progress.total} steps done`);
  return parts.join(' · ');
}

function runTables(pdf: Pdf, startY: number, report: RunReport): number {
  const { doc, autoTable } = pdf;
  let y = heading(doc, startY, 'RACI');
  autoTable(doc, {
    ...TABLE_BASE,
    startY: y,
    head: [['Role', 'Assigned to']],
    body: report.roles.map((r) => [r.roleName, toPdfText(r.assignee ?? 'Not assigned')]),
    columnStyles: { 0: { cellWidth: 140, fontStyle: 'bold' } },
  });
  autoTable(doc, {
    ...TABLE_BASE,
    startY: finalY(doc) + 10,
    head: [['Step', ...RACI_ROLES.map((role) => RACI_ROLE_NAMES[role])]],
    body: report.matrix.map((row) => [toPdfText(row.title), ...row.cells]),
    styles: { ...TABLE_BASE.styles, fontSize: 8, halign: 'center' },
    headStyles: { ...TABLE_BASE.headStyles, halign: 'center', fontSize: 7.5 },
    columnStyles: { 0: { halign: 'left', cellWidth: 150 } },
  });
  y = paragraph(doc, finalY(doc) + 4, 'R responsible · A accountable · C consulted · I informed', 8, MUTED);
  y = heading(doc, y, 'Timeline');
  autoTable(doc, {
    ...TABLE_BASE,
    startY: y,
    head: [['#', 'Step', 'Days', 'Due', 'Status', 'By', 'Note']],
    body: report.timeline.map((row, i) => [
      String(i + 1),
      toPdfText(row.title),
      String(row.durationDays),
      row.due ? formatDay(row.due) : '—',
      stepStatus(row),
      toPdfText(row.doneBy ?? ''),
      toPdfText(row.note ?? ''),
    ]),
    columnStyles: {
      0: { cellWidth: 20, halign: 'right' },
      1: { cellWidth: 130, fontStyle: 'bold' },
      2: { cellWidth: 32, halign: 'right' },
      3: { cellWidth: 62 },
      4: { cellWidth: 70 },
      5: { cellWidth: 70 },
    },
  });
  y = heading(doc, finalY(doc) + 6, 'Before and after');
  autoTable(doc, {
    ...TABLE_BASE,
    startY: y,
    head: [['KPI', report.beforeLabel, report.afterLabel, 'Change']],
    body: report.beforeAfter.map((r) => [
      toPdfText(r.label),
      r.before,
      r.after,
      `${toPdfText(r.change)}${r.better === null ? '' : r.better ? ' (better)' : ' (worse)'}`,
    ]),
    columnStyles: { 1: { halign: 'right' }, 2: { halign: 'right' }, 3: { halign: 'right' } },
  });
  return finalY(doc);
}

/** A run report → the bytes of a PDF. */
export async function runReportPdf(
  report: RunReport,
  options: PlaybookPdfOptions = {},
): Promise<Uint8Array<ArrayBuffer>> {
  const main = `${report.playbookName}: ${report.accountName}`;
  const pdf = await openPdf(options, `Run report: ${main}`, report.tenantName, report.generatedAt);
  const { doc } = pdf;
  let y = title(doc, main, `${report.tenantName} · run report`, `Generated ${formatDay(report.generatedAt)}`);
  y = paragraph(doc, y, `Account: ${report.accountName}`, 10);
  y = paragraph(doc, y, `State: ${stateText(report)}`, 10);
  y = heading(doc, y, `Trigger evidence (${monthLabel(report.trigger.month)})`);
  const evidence = report.trigger.evidence.length
    ? report.trigger.evidence
    : ['Started by hand, without a trigger firing.'];
  for (const line of evidence) y = paragraph(doc, y, `•  ${line}`);
  y = paragraph(doc, y + 4, `Success criterion: ${report.criterion}.`, 9.5, MUTED);
  y = runTables(pdf, y, report);
  y = heading(doc, y + 6, 'Outcome');
  if (report.outcome) {
    verdict(
      doc,
      y,
      report.outcome.met ? 'Met' : 'Not met',
      `${report.outcome.text} Measured ${formatDay(report.outcome.measuredAt)}.`,
      report.outcome.met ? 'good' : 'bad',
    );
  } else {
    verdict(
      doc,
      y,
      'Not measured yet',
      `The outcome is recorded when the run is completed. Success criterion: ${report.criterion}.`,
      'none',
    );
  }
  footers(doc, `Vitals · ${report.tenantName} · ${main}`);
  return bytes(doc);
}

/* ------------------------------------------------------------------ the playbook summary */

/** A playbook's results → the bytes of a PDF. */
export async function playbookSummaryPdf(
  summary: PlaybookSummary,
  options: PlaybookPdfOptions = {},
): Promise<Uint8Array<ArrayBuffer>> {
  const main = `${summary.playbookName}: results`;
  const pdf = await openPdf(options, main, summary.tenantName, summary.generatedAt);
  const { doc, autoTable } = pdf;
  let y = title(
    doc,
    main,
    `${summary.tenantName} · playbook summary`,
    `Generated ${formatDay(summary.generatedAt)}`,
  );
  y = paragraph(doc, y, summary.description, 9.5, MUTED);
  y = paragraph(doc, y + 4, `Trigger: ${summary.trigger}.`);
  y = paragraph(doc, y, `Success criterion: ${summary.criterion}.`);
  y = heading(doc, y, 'Results');
  y = paragraph(doc, y, `Success rate: ${summary.successRate}`, 10.5);
  for (const line of summary.improvements) y = paragraph(doc, y, `Median improvement, ${line}`);
  y = paragraph(
    doc,
    y,
    `Runs: ${summary.counts.map((c) => `${c.label.toLowerCase()} ${c.value}`).join(', ')}`,
  );
  y = heading(doc, y, 'Runs');
  if (summary.rows.length === 0) {
    paragraph(doc, y, 'No runs yet.');
  } else {
    autoTable(doc, {
      ...TABLE_BASE,
      startY: y,
      head: [['Account', 'State', 'Started', 'Finished', 'Before -> after', 'Met']],
      body: summary.rows.map((r) => [
        toPdfText(r.accountName),
        r.state,
        r.started,
        r.finished,
        toPdfText(r.result),
        r.met,
      ]),
      columnStyles: {
        0: { cellWidth: 110, fontStyle: 'bold' },
        1: { cellWidth: 62 },
        2: { cellWidth: 62 },
        3: { cellWidth: 62 },
        5: { cellWidth: 34 },
      },
    });
  }
  footers(doc, `Vitals · ${summary.tenantName} · ${main}`);
  return bytes(doc);
}

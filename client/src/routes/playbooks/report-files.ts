/**
 * Run reports and playbook summaries as files, made on this device from its local data (offline too):
 * Markdown at once, PDF through shared/'s jsPDF code, which loads on first use (precached for offline).
 */
import {
  buildPlaybookSummary,
  fileNamePart,
  buildRunReport,
  playbookSummaryMarkdown,
  playbookSummaryPdf,
  PDF_MIME,
  runReportMarkdown,
  runReportPdf,
  type PlaybookSummaryInput,
  type RunReportInput,
} from '@vitals/shared';
import type { ExportFile } from '../../export/create';

export type ReportFormat = 'md' | 'pdf';
const MARKDOWN_MIME = 'text/markdown;charset=utf-8';

/** A name as a file-name part ("report" when nothing is left of it). */
const slug = (text: string): string => fileNamePart(text, 'report');

const day = (iso: string): string => iso.slice(0, 10);

export async function runReportFile(input: RunReportInput, format: ReportFormat): Promise<ExportFile> {
  const report = buildRunReport(input);
  const fileName = `vitals-${slug(report.playbookName)}-${slug(report.accountName)}-${day(report.generatedAt)}.${format}`;
  if (format === 'md') return { fileName, mimeType: MARKDOWN_MIME, contents: runReportMarkdown(report) };
  return { fileName, mimeType: PDF_MIME, contents: await runReportPdf(report) };
}

export async function playbookSummaryFile(
  input: PlaybookSummaryInput,
  format: ReportFormat,
): Promise<ExportFile> {
  const summary = buildPlaybookSummary(input);
  const fileName = `vitals-${slug(summary.playbookName)}-results-${day(summary.generatedAt)}.${format}`;
  if (format === 'md')
    return { fileName, mimeType: MARKDOWN_MIME, contents: playbookSummaryMarkdown(summary) };
  return { fileName, mimeType: PDF_MIME, contents: await playbookSummaryPdf(summary) };
}

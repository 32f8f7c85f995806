/**
 * What every Vitals PDF draws with: the light theme's colours (client styles.css) and jsPDF's colour and
 * font calls, so the portfolio report and the playbook reports look like one product.
 */
import type { jsPDF } from 'jspdf';

export type Rgb = readonly [number, number, number];

export const PDF_COLORS = {
  text: [15, 23, 42],
  muted: [71, 85, 105],
  border: [213, 221, 231],
  stripe: [241, 245, 249],
  brand: [15, 118, 110],
  white: [255, 255, 255],
} as const satisfies Record<string, Rgb>;

export function fill(doc: jsPDF, color: Rgb): void {
  doc.setFillColor(color[0], color[1], color[2]);
}
export function stroke(doc: jsPDF, color: Rgb): void {
  doc.setDrawColor(color[0], color[1], color[2]);
}
export function ink(doc: jsPDF, color: Rgb): void {
  doc.setTextColor(color[0], color[1], color[2]);
}
export function font(doc: jsPDF, size: number, style: 'normal' | 'bold' = 'normal'): void {
  doc.setFont('helvetica', style);
  doc.setFontSize(size);
}

/**
 * The text a PDF draws, for checking a downloaded report: the page content streams, inflated when jsPDF
 * deflated them (`/FlateDecode`, its default), joined. Text operators keep their strings, so
 * `shownText(pdf).includes('(Cobalt Robotics) Tj')` finds a name drawn on a page.
 */
import { inflateSync } from 'node:zlib';

export function isPdf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-';
}

export function shownText(bytes: Uint8Array): string {
  const pdf = Buffer.from(bytes);
  const text: string[] = [];
  let at = 0;
  for (;;) {
    const start = pdf.indexOf('stream', at, 'latin1');
    if (start === -1) break;
    const bodyStart = start + 'stream'.length + (pdf[start + 6] === 0x0d ? 2 : 1);
    const end = pdf.indexOf('endstream', bodyStart, 'latin1');
    if (end === -1) break;
    const body = pdf.subarray(bodyStart, end);
    const dictionary = pdf.subarray(Math.max(0, start - 200), start).toString('latin1');
    try {
      text.push((dictionary.includes('/FlateDecode') ? inflateSync(body) : body).toString('latin1'));
    } catch {
      // A stream that does not inflate (an image, a font) has no text to look for.
    }
    at = end + 'endstream'.length;
  }
  return text.join('\n');
}

/** A string as jsPDF writes it in a text operator: `(Acme \(EU\)) Tj`. */
export function drawn(text: string): string {
  return `(${text.replace(/[\\()]/g, '\\$&')}) Tj`;
}

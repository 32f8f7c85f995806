/** Terminal output for people: aligned tables, and colour only on a TTY that wants it (NO_COLOR respected). */
import type { HealthStatus, TrendArrow } from '@vitals/shared';

export interface Style {
  readonly color: boolean;
}

export function styleFor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): Style {
  return { color: Boolean(stream.isTTY) && !('NO_COLOR' in env) && env.TERM !== 'dumb' };
}

const ANSI = { green: 32, yellow: 33, red: 31, grey: 90, bold: 1 } as const;

export function paint(style: Style, code: keyof typeof ANSI, text: string): string {
  return style.color ? `\u001b[${ANSI[code]}m${text}\u001b[0m` : text;
}

/** Status carries a shape and a word, never colour alone. */
export const STATUS_LABEL: Record<HealthStatus, string> = {
  green: '● green',
  yellow: '▲ yellow',
  red: '■ red',
  unknown: '○ unknown',
};

export const TREND_LABEL: Record<TrendArrow, string> = { up: '↑ up', down: '↓ down', flat: '→ flat' };

export function paintStatus(style: Style, status: HealthStatus): string {
  const code = status === 'unknown' ? 'grey' : status;
  return paint(style, code, STATUS_LABEL[status]);
}

// eslint-disable-next-line no-control-regex
const ANSI_PATTERN = /\u001b\[[0-9;]*m/g;

function visibleLength(text: string): number {
  return [...text.replace(ANSI_PATTERN, '')].length;
}

export interface Column {
  readonly header: string;
  readonly align?: 'left' | 'right';
}

export function renderTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((c, i) => Math.max(visibleLength(c.header), ...rows.map((r) => visibleLength(r[i] ?? ''))));
  const pad = (text: string, i: number): string => {
    const gap = ' '.repeat(widths[i]! - visibleLength(text));
    return columns[i]!.align === 'right' ? gap + text : text + gap;
  };
  const line = (cells: readonly string[]): string => cells.map(pad).join('  ').trimEnd();
  return [line(columns.map((c) => c.header)), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)].join('\n');
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * Text from a file (sheet names, account names, quoted cells) made safe for a terminal: control characters,
 * which could move the cursor or recolour the screen, are shown as escapes (`\u001b`), tabs and line breaks
 * included, so a table row stays one line.
 */
export function printable(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Charts draw on canvas, which cannot read CSS variables: they read the theme's colours when they draw and
 * redraw when the theme changes (the Settings choice sets `data-theme`; "system" follows the OS setting).
 */
import { createRoot, createSignal, type Accessor } from 'solid-js';

export interface ChartColors {
  readonly text: string;
  readonly muted: string;
  readonly border: string;
  readonly surface: string;
  readonly brand: string;
  readonly red: string;
  readonly yellow: string;
  readonly green: string;
  readonly font: string;
}

/** Changes whenever the theme may have changed; charts read it to rebuild. */
export const chartThemeVersion: Accessor<number> = createRoot(() => {
  const [version, setVersion] = createSignal(0);
  if (typeof window !== 'undefined') {
    const bump = (): void => {
      setVersion((v) => v + 1);
    };
    new MutationObserver(bump).observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['data-theme'],
    });
    window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', bump);
  }
  return version;
});

export function readChartColors(): ChartColors {
  const style = getComputedStyle(document.documentElement);
  const read = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  return {
    text: read('--text', '#0f172a'),
    muted: read('--muted', '#475569'),
    border: read('--border', '#d5dde7'),
    surface: read('--surface', '#ffffff'),
    brand: read('--brand', '#0f766e'),
    red: read('--red', '#b91c1c'),
    yellow: read('--yellow', '#a16207'),
    green: read('--green', '#15803d'),
    font: read('--font', 'system-ui, sans-serif'),
  };
}

/** `#rrggbb` (or `#rgb`) with an alpha, for fills drawn under lines. */
export function withAlpha(hex: string, alpha: number): string {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h;
  const n = Number.parseInt(full.slice(0, 6), 16);
  if (!Number.isFinite(n) || full.length < 6) return hex;
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

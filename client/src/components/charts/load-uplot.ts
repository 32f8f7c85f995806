/**
 * uPlot is loaded on first use, not with the app shell: the dashboard must start within the initial-JS
 * budget, and the service worker precaches this chunk too, so charts still draw offline.
 */
import type uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

let loading: Promise<typeof uPlot> | null = null;

export function loadUplot(): Promise<typeof uPlot> {
  loading ??= import('uplot').then((module) => module.default);
  return loading;
}

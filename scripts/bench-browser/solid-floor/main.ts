/// <reference lib="dom" />
/**
 * The floor of the initial-JS figure (built by ../bench-page.ts): the smallest Solid app, one reactive
 * element rendered with solid-js/web. No JSX, so no compiler plugin: these are the runtime calls that
 * compiled JSX makes.
 */
import { createSignal } from 'solid-js';
import { insert, render } from 'solid-js/web';

const [count] = createSignal(0);
render(() => {
  const p = document.createElement('p');
  insert(p, () => `Hello ${count()}`);
  return p;
}, document.getElementById('root')!);

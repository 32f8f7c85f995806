import { createEffect, createSignal, Show, type JSX } from 'solid-js';

/** Quiet zone around the code, in modules: scanners need the light margin (the QR spec asks for 4). */
const QUIET = 4;

/**
 * A QR code as crisp SVG, dark on white in both themes (scanners expect that). The encoder (uqr) is
 * loaded on first use, so the code costs nothing at start-up. `label` is the text alternative; always
 * show the encoded content nearby too, for anyone who cannot scan.
 */
export function QrCode(props: { text: string; label: string; size?: number }): JSX.Element {
  const [modules, setModules] = createSignal<boolean[][] | null>(null);
  const [failed, setFailed] = createSignal(false);
  createEffect(() => {
    const text = props.text;
    setModules(null);
    import('uqr')
      .then(({ encode }) => setModules(encode(text, { ecc: 'M', border: 0 }).data))
      .catch(() => setFailed(true));
  });
  const path = (): string => {
    const rows = modules() ?? [];
    let d = '';
    rows.forEach((row, y) => {
      // One run per horizontal stretch of dark modules keeps the path short.
      let x = 0;
      while (x < row.length) {
        if (!row[x]) {
          x++;
          continue;
        }
        const start = x;
        while (x < row.length && row[x]) x++;
        d += `M${start} ${y}h${x - start}v1h${start - x}z`;
      }
    });
    return d;
  };
  const n = (): number => modules()?.length ?? 21;
  return (
    <Show
      when={!failed()}
      fallback={<p class="muted">The QR code could not be drawn here; use the key below instead.</p>}
    >
      <svg
        class="qr-code"
        role="img"
        aria-label={props.label}
        width={props.size ?? 200}
        height={props.size ?? 200}
        viewBox={`${-QUIET} ${-QUIET} ${n() + 2 * QUIET} ${n() + 2 * QUIET}`}
        shape-rendering="crispEdges"
      >
        <rect x={-QUIET} y={-QUIET} width={n() + 2 * QUIET} height={n() + 2 * QUIET} fill="#ffffff" />
        <path d={path()} fill="#000000" />
      </svg>
    </Show>
  );
}

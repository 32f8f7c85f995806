/** Helpers for the file readers' tests (imported only by tests). */

// atob and TextEncoder are globals of browsers and Node alike, but not in the ES library shared/ compiles against.
const globals = globalThis as unknown as { atob(base64: string): string; TextEncoder: new () => { encode(text: string): Uint8Array } };

/** The bytes of a `data:` URL, as Vite's `?url&inline` imports give fixture files. */
export function bytesOfDataUrl(dataUrl: string): Uint8Array {
  return Uint8Array.from(globals.atob(dataUrl.slice(dataUrl.indexOf(',') + 1)), (c) => c.charCodeAt(0));
}

export function textBytes(text: string): Uint8Array {
  return new globals.TextEncoder().encode(text);
}

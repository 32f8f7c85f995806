/**
 * Vite (and so vitest) turns `import x from './file?url&inline'` into a `data:` URL of the file. The
 * tests read the committed fixture files this way because shared/ may not use node:fs.
 */
declare module '*?url&inline' {
  const dataUrl: string;
  export default dataUrl;
}

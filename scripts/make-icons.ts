/**
 * Renders the app icons (client/public/icons/*.svg) to the PNG sizes the manifest names, with the system
 * Chromium. The PNGs are committed; run this again only when the SVGs change.
 */
import { readFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';

const ICONS = [
  { svg: 'icon.svg', out: 'icon-192.png', size: 192 },
  { svg: 'icon.svg', out: 'icon-512.png', size: 512 },
  { svg: 'maskable.svg', out: 'maskable-512.png', size: 512 },
];

const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  for (const icon of ICONS) {
    const dir = new URL('../client/public/icons/', import.meta.url);
    const svg = await readFile(new URL(icon.svg, dir), 'utf8');
    const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size } });
    await page.setContent(`<style>html,body{margin:0;background:transparent}svg{width:${icon.size}px;height:${icon.size}px;display:block}</style>${svg}`);
    await page.screenshot({ path: new URL(icon.out, dir).pathname, omitBackground: true });
    await page.close();
    process.stdout.write(`wrote client/public/icons/${icon.out}\n`);
  }
} finally {
  await browser.close();
}

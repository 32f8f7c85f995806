/**
 * Renders the app icons and splash screens of the native projects from the PWA's icons
 * (client/public/icons/*.svg), with the system Chromium, as scripts/make-icons.ts does for the PWA. Every PNG the
 * Capacitor templates put in place is redrawn at its own size, so the projects keep the file names and sizes
 * Android Studio and Xcode expect. The PNGs are committed; run this again (`npm run assets -w mobile-shell`)
 * only when the SVGs change.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { deflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

const SHELL = fileURLToPath(new URL('..', import.meta.url));
const ICONS = fileURLToPath(new URL('../../client/public/icons/', import.meta.url));
/** The manifest's theme colour (vite.config.ts): the splash background and the adaptive icon's backdrop. */
const TEAL = '#0f766e';

type Recipe = 'icon' | 'round' | 'full-bleed' | 'splash' | 'notification';

/**
 * Android's status bar icon for notifications (AndroidManifest.xml names it for FCM): white on transparent,
 * 24 dp, so it is made here at each density rather than taken from the templates.
 */
const NOTIFICATION_ICONS = { mdpi: 24, hdpi: 36, xhdpi: 48, xxhdpi: 72, xxxhdpi: 96 } as const;

/** What a PNG of the templates shows, by its name. */
function recipeOf(path: string): Recipe | null {
  const name = path.split('/').pop()!;
  if (name === 'ic_launcher.png') return 'icon';
  if (name === 'ic_launcher_round.png') return 'round';
  // Android's adaptive icon foreground (masked to the launcher's shape) and the iOS icon, which must be opaque.
  if (name === 'ic_launcher_foreground.png' || name.startsWith('AppIcon')) return 'full-bleed';
  if (name.startsWith('splash')) return 'splash';
  if (name === 'ic_stat_vitals.png') return 'notification';
  return null;
}

function page(
  recipe: Recipe,
  width: number,
  height: number,
  svgs: { icon: string; maskable: string },
): string {
  const square = `width:${width}px;height:${height}px;display:block`;
  switch (recipe) {
    case 'icon':
      return `<style>html,body{margin:0;background:transparent}svg{${square}}</style>${svgs.icon}`;
    case 'round':
      return `<style>html,body{margin:0;background:transparent}div{${square};border-radius:50%;overflow:hidden}svg{${square}}</style><div>${svgs.maskable}</div>`;
    case 'full-bleed':
      return `<style>html,body{margin:0;background:${TEAL}}svg{${square}}</style>${svgs.maskable}`;
    case 'notification': {
      // Only the pulse line of the maskable icon, drawn white, its teal square left out.
      const line = svgs.maskable.replace(/<rect[^>]*\/>/, '');
      return `<style>html,body{margin:0;background:transparent}svg{${square}}</style>${line}`;
    }
    case 'splash': {
      // The pulse line in the middle of the teal screen; a third of the shorter side, so it survives cropping.
      const side = Math.round(Math.min(width, height) / 3);
      return `<style>html,body{margin:0;width:${width}px;height:${height}px;background:${TEAL};display:grid;place-items:center}svg{width:${side}px;height:${side}px}</style>${svgs.maskable}`;
    }
  }
}

async function pngs(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.png')).map((e) => join(e.parentPath, e.name));
}

/** A transparent square PNG (RGBA), written by hand: only a placeholder for Chromium to redraw. */
function blankPng(size: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer): number => {
    let c = 0xffffffff;
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  // Each row: filter byte 0, then `size` transparent pixels.
  const rows = Buffer.alloc((size * 4 + 1) * size);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Width and height from the PNG's IHDR chunk. */
async function sizeOf(path: string): Promise<{ width: number; height: number }> {
  const bytes = await readFile(path);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

async function render(
  browser: Browser,
  path: string,
  recipe: Recipe,
  svgs: { icon: string; maskable: string },
): Promise<void> {
  const { width, height } = await sizeOf(path);
  const tab = await browser.newPage({ viewport: { width, height } });
  try {
    await tab.setContent(page(recipe, width, height, svgs));
    const png = await tab.screenshot({
      omitBackground: recipe === 'icon' || recipe === 'round' || recipe === 'notification',
    });
    await writeFile(path, png);
  } finally {
    await tab.close();
  }
}

const svgs = {
  icon: await readFile(join(ICONS, 'icon.svg'), 'utf8'),
  maskable: await readFile(join(ICONS, 'maskable.svg'), 'utf8'),
};
const RES = join(SHELL, 'android/app/src/main/res');
for (const [density, size] of Object.entries(NOTIFICATION_ICONS)) {
  const path = join(RES, `drawable-${density}`, 'ic_stat_vitals.png');
  await mkdir(dirname(path), { recursive: true });
  // A blank PNG of the right size, for the loop below to render over (it reads the size from the file).
  if (!existsSync(path)) await writeFile(path, blankPng(size));
}
const targets = [
  ...(await pngs(join(SHELL, 'android/app/src/main/res'))),
  ...(await pngs(join(SHELL, 'ios/App/App/Assets.xcassets'))),
];
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
try {
  for (const path of targets) {
    const recipe = recipeOf(path);
    if (!recipe) continue;
    await render(browser, path, recipe, svgs);
    process.stdout.write(`wrote ${relative(SHELL, path)} (${recipe})\n`);
  }
} finally {
  await browser.close();
}
// The adaptive icon's backdrop, behind the full-bleed foreground (it shows only if the foreground fails to load).
const background = join(SHELL, 'android/app/src/main/res/values/ic_launcher_background.xml');
await writeFile(
  background,
  (await readFile(background, 'utf8')).replace(
    /(<color name="ic_launcher_background">)[^<]*(<\/color>)/,
    `$1${TEAL.toUpperCase()}$2`,
  ),
);

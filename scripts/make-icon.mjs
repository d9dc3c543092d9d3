// Draws the app icon: build/icon.svg (the source, kept) rendered by headless Chromium to build/icon.png, 512×512
// with a transparent background, from which electron-builder makes the .ico (Windows), .icns (macOS) and the
// Linux sizes. Run once after changing the drawing: `node scripts/make-icon.mjs` (CHROMIUM_PATH, default
// /usr/bin/chromium). The drawing: a checklist sheet with a tick, on a rounded square in the green of ecological
// transition, a small leaf in the corner.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'build');
const SIZE = 512;

const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 512 512">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#2f8f5b"/>
      <stop offset="1" stop-color="#1d6b47"/>
    </linearGradient>
  </defs>
  <rect x="32" y="32" width="448" height="448" rx="96" fill="url(#bg)"/>
  <rect x="136" y="104" width="240" height="304" rx="24" fill="#ffffff"/>
  <rect x="176" y="160" width="104" height="18" rx="9" fill="#c9dfd2"/>
  <rect x="176" y="208" width="160" height="18" rx="9" fill="#c9dfd2"/>
  <rect x="176" y="256" width="88" height="18" rx="9" fill="#c9dfd2"/>
  <path d="M186 330 l36 36 l78 -82" fill="none" stroke="#1d6b47" stroke-width="30" stroke-linecap="round" stroke-linejoin="round"/>
  <path d="M352 392 c0 -56 40 -92 96 -92 c0 60 -36 96 -96 92 z" fill="#a7e0b8"/>
  <path d="M356 388 c18 -22 40 -40 72 -60" fill="none" stroke="#1d6b47" stroke-width="8" stroke-linecap="round"/>
</svg>
`;

mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'icon.svg'), svg);

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  const png = await page.locator('svg').screenshot({ omitBackground: true, type: 'png' });
  writeFileSync(join(outDir, 'icon.png'), png);
  console.log(`build/icon.png : ${png.length} octets, ${SIZE}×${SIZE}`);
} finally {
  await browser.close();
}

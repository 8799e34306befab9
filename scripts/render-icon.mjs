// Renders an SVG file to a PNG with headless Chromium (playwright-core), transparent background.
//
//   node scripts/render-icon.mjs                              media/icon.svg -> media/icon.png, 128 px
//   node scripts/render-icon.mjs IN.svg OUT.png [SIZE] [SCALE] any SVG, SIZE px square, device scale
//
// CHROMIUM_PATH overrides the browser (default /usr/bin/chromium).
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const [input = 'media/icon.svg', output = 'media/icon.png', sizeArg = '128', scaleArg = '1'] = process.argv.slice(2);
const size = Number(sizeArg);
const scale = Number(scaleArg);
if (!Number.isInteger(size) || size <= 0 || !(scale > 0)) {
  console.error('usage: node scripts/render-icon.mjs [IN.svg] [OUT.png] [SIZE] [SCALE]');
  process.exit(2);
}

const svg = readFileSync(resolve(input), 'utf8').replace(/<\?xml[^>]*\?>\s*/, '');
const img = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
const html = `<!doctype html><html><head><style>
  html, body { margin: 0; padding: 0; background: transparent; }
  img { display: block; width: ${size}px; height: ${size}px; }
</style></head><body><img src="${img}" alt=""></body></html>`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
try {
  const context = await browser.newContext({ viewport: { width: size, height: size }, deviceScaleFactor: scale });
  const page = await context.newPage();
  await page.setContent(html, { waitUntil: 'load' });
  await page.locator('img').evaluate((el) => el.decode());
  await page.screenshot({ path: resolve(output), omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  console.log(`${input} -> ${output} (${size * scale}x${size * scale})`);
} finally {
  await browser.close();
}

#!/usr/bin/env node
// Draws the favicon: 檢 (from Noto Sans TC Bold, SIL Open Font License, shipped in
// @expo-google-fonts/noto-sans-tc) in white on the app's teal, as src/web/public/favicon.svg, and, when
// Chromium is installed, renders it at 16/32/48 px into src/web/public/favicon.ico (PNG-in-ICO).
// The outputs are committed; run this only to change the icon: node scripts/make-favicon.mjs
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const fontkit = require('fontkit');
const font = fontkit.openSync(
  path.join(root, 'node_modules/@expo-google-fonts/noto-sans-tc/700Bold/NotoSansTC_700Bold.ttf'),
);
const glyph = font.layout('檢').glyphs[0];
const { minX, minY, maxX, maxY } = glyph.bbox;

// A 64-unit square with rounded corners; the glyph is centred with a margin, flipped to SVG's y-down axis.
const size = 64;
const margin = 9;
const scale = (size - 2 * margin) / Math.max(maxX - minX, maxY - minY);
const dx = (size - (maxX - minX) * scale) / 2 - minX * scale;
const dy = (size - (maxY - minY) * scale) / 2 + maxY * scale;
const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}">
<title>檢核 Jianhe</title>
<rect width="${size}" height="${size}" rx="12" fill="#0ca678"/>
<path fill="#fff" transform="translate(${dx.toFixed(2)} ${dy.toFixed(2)}) scale(${scale.toFixed(5)} ${(-scale).toFixed(5)})" d="${glyph.path.toSVG()}"/>
</svg>
`;
const publicDir = path.join(root, 'src/web/public');
writeFileSync(path.join(publicDir, 'favicon.svg'), svg);
console.log(`wrote src/web/public/favicon.svg (${svg.length} bytes)`);

const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
if (!chromium) {
  console.log('Chromium not found: favicon.ico left as it is');
  process.exit(0);
}
const work = mkdtempSync(path.join(tmpdir(), 'jianhe-favicon-'));
const pngs = [16, 32, 48].map((px) => {
  const html = path.join(work, `${px}.html`);
  writeFileSync(
    html,
    `<html><body style="margin:0;background:transparent"><img src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}" width="${px}" height="${px}" style="display:block"></body></html>`,
  );
  const out = path.join(work, `${px}.png`);
  const result = spawnSync(chromium, [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--hide-scrollbars',
    '--default-background-color=00000000',
    `--window-size=${px},${px}`,
    `--screenshot=${out}`,
    `file://${html}`,
  ]);
  if (result.status !== 0 || !existsSync(out)) throw new Error(`chromium failed: ${result.stderr}`);
  return { px, data: readFileSync(out) };
});
rmSync(work, { recursive: true, force: true });

// ICONDIR (6 bytes), one ICONDIRENTRY (16 bytes) per image, then the PNG files themselves.
const header = Buffer.alloc(6 + 16 * pngs.length);
header.writeUInt16LE(0, 0);
header.writeUInt16LE(1, 2);
header.writeUInt16LE(pngs.length, 4);
let offset = header.length;
pngs.forEach(({ px, data }, i) => {
  const entry = 6 + 16 * i;
  header.writeUInt8(px, entry);
  header.writeUInt8(px, entry + 1);
  header.writeUInt16LE(1, entry + 4);
  header.writeUInt16LE(32, entry + 6);
  header.writeUInt32LE(data.length, entry + 8);
  header.writeUInt32LE(offset, entry + 12);
  offset += data.length;
});
const ico = Buffer.concat([header, ...pngs.map((p) => p.data)]);
writeFileSync(path.join(publicDir, 'favicon.ico'), ico);
console.log(`wrote src/web/public/favicon.ico (${ico.length} bytes, ${pngs.map((p) => p.px).join('/')} px)`);

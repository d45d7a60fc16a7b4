import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { hasProgram } from './pdf-text.js';

/**
 * LibreOffice headless, as a real office suite printing our spreadsheets to PDF. Optional: tests that use
 * it skip that part (saying so) when neither `soffice` nor `libreoffice` is on PATH.
 */
export const officeProgram = (): string | null =>
  ['soffice', 'libreoffice'].find((name) => hasProgram(name)) ?? null;

/**
 * Why the print check cannot run here, or null when it can: LibreOffice must be installed, and Calibri (the
 * default font whose digit width defines column-width units) must resolve to a metric-compatible face
 * (Carlito), or every column prints a third wider than in Excel.
 */
export function officeUnavailable(): string | null {
  if (!officeProgram()) return 'LibreOffice (soffice) not installed';
  try {
    const match = execFileSync('fc-match', ['-f', '%{family}', 'Calibri'], { encoding: 'utf8' });
    if (!/carlito|calibri/i.test(match))
      return `Calibri resolves to ${match}; install Carlito (fonts-crosextra-carlito)`;
  } catch {
    return 'fontconfig (fc-match) not available';
  }
  return null;
}

const fontDir = path.dirname(
  createRequire(import.meta.url).resolve(
    '@expo-google-fonts/noto-sans-tc/400Regular/NotoSansTC_400Regular.ttf',
  ),
);

/**
 * A fontconfig file that adds the Noto Sans TC fonts the project already ships (for the PDF report) and
 * prints 微軟正黑體, the face our workbooks name, with them: a Linux machine has neither the Windows font
 * nor, often, any CJK font, and would otherwise print boxes with different metrics.
 */
function fontConfig(dir: string): string {
  const file = path.join(dir, 'fonts.conf');
  const family = (name: string) =>
    `<alias binding="same"><family>${name}</family><prefer><family>Noto Sans TC</family></prefer></alias>`;
  writeFileSync(
    file,
    `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>
<include ignore_missing="yes">/etc/fonts/fonts.conf</include>
<dir>${path.dirname(fontDir)}</dir>
<cachedir>${path.join(dir, 'fc-cache')}</cachedir>
${family('Microsoft JhengHei')}${family('微軟正黑體')}
</fontconfig>`,
  );
  return file;
}

/** Prints an XLSX workbook to PDF with LibreOffice (every sheet, as its page setup says). */
export async function xlsxToPdf(program: string, xlsx: Uint8Array): Promise<Buffer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'jianhe-office-'));
  try {
    const input = path.join(dir, 'workbook.xlsx');
    writeFileSync(input, xlsx);
    await promisify(execFile)(
      program,
      [
        // A profile of its own, so a desktop LibreOffice or a parallel test never shares its lock.
        `-env:UserInstallation=${pathToFileURL(path.join(dir, 'profile')).href}`,
        '--headless',
        '--norestore',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        input,
      ],
      { env: { ...process.env, FONTCONFIG_FILE: fontConfig(dir) }, timeout: 120_000 },
    );
    return readFileSync(path.join(dir, 'workbook.pdf'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

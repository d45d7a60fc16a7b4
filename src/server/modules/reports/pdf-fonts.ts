import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Noto Sans TC (SIL Open Font License) from the @expo-google-fonts/noto-sans-tc npm package: TrueType
 * outlines, which pdfkit subsets so a report embeds only the glyphs it uses. Read once per process.
 */
const FONT_FILES = {
  regular: '@expo-google-fonts/noto-sans-tc/400Regular/NotoSansTC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-tc/700Bold/NotoSansTC_700Bold.ttf',
} as const;

export type FontName = keyof typeof FONT_FILES;

let loading: Promise<Record<FontName, Buffer>> | undefined;

export function loadCjkFonts(): Promise<Record<FontName, Buffer>> {
  loading ??= Promise.all([
    readFile(require.resolve(FONT_FILES.regular)),
    readFile(require.resolve(FONT_FILES.bold)),
  ]).then(([regular, bold]) => ({ regular, bold }));
  return loading;
}

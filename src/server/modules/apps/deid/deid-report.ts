import type { Locale } from '../../../platform/i18n.js';
import { checkDeidentification, DETECTOR_LABELS, type DeidOptions } from './deid.js';
import type { DetectorId } from './detectors.js';

/**
 * What the CLI (and later the API) shows of a de-identification check. The unmasked value is never part
 * of it: the output ends up in CI logs, so it carries the position and the masked form only.
 */

export interface DeidFinding {
  detector: DetectorId;
  label: string;
  line: number;
  column: number;
  start: number;
  end: number;
  masked: string;
  variant?: string;
}

export interface DeidReport {
  found: number;
  counts: Partial<Record<DetectorId, number>>;
  findings: DeidFinding[];
  maskedText: string;
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  // Columns count code points, as editors do, so a 身 before the value is one column.
  return { line, column: [...text.slice(lineStart, offset)].length + 1 };
}

export function deidReport(text: string, lang: Locale = 'en', options: DeidOptions = {}): DeidReport {
  const result = checkDeidentification(text, options);
  return {
    found: result.matches.length,
    counts: result.counts,
    findings: result.matches.map((match) => ({
      detector: match.detector,
      label: DETECTOR_LABELS[match.detector][lang],
      ...lineColumn(text, match.start),
      start: match.start,
      end: match.end,
      masked: match.masked,
      ...(match.variant ? { variant: match.variant } : {}),
    })),
    maskedText: result.maskedText,
  };
}

export function renderDeidJson(text: string): { output: string; found: boolean } {
  const report = deidReport(text, 'en');
  return { output: JSON.stringify(report, null, 2), found: report.found > 0 };
}

export function renderDeidText(text: string, lang: Locale): { output: string; found: boolean } {
  const report = deidReport(text, lang);
  const zh = lang === 'zh-TW';
  if (report.found === 0)
    return { output: zh ? '未發現未遮蔽的個人資料。' : 'No unmasked personal data found.', found: false };
  const lines = report.findings.map(
    (f) => `${f.line}:${f.column}  ${f.label}  ${zh ? '應遮蔽為' : 'mask as'} ${f.masked}`,
  );
  lines.push(
    '',
    zh
      ? `共 ${report.found} 筆未遮蔽的個人資料。遮蔽後：`
      : `${report.found} unmasked value(s). Masked text:`,
    report.maskedText,
  );
  return { output: lines.join('\n'), found: true };
}

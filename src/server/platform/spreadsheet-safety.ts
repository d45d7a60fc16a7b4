/**
 * Spreadsheet formula injection: a cell starting with = + - @ (or tab / carriage return) may be evaluated
 * by Excel. Prefixing a single quote makes it inert text (OWASP CSV injection guidance).
 */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvField(value: unknown): string {
  const text = value === null || value === undefined ? '' : neutraliseCell(String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV in UTF-8 with a byte-order mark, so Excel opens zh-TW text correctly. */
export function toCsv(rows: unknown[][]): string {
  return `\uFEFF${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

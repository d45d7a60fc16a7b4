/** Masking forms shown next to each finding, as the de-identified text should read. */

/** Masks every digit except the first `keepFirst` and the last `keepLast`; separators stay. */
export function maskDigits(value: string, keepFirst: number, keepLast: number): string {
  const total = value.replace(/\D/g, '').length;
  let seen = 0;
  let out = '';
  for (const char of value) {
    if (/\d/.test(char)) {
      seen++;
      out += seen <= keepFirst || seen > total - keepLast ? char : '*';
    } else out += char;
  }
  return out;
}

/** 身分證字號 and 統一證號: the first three and last three characters stay (A12****789). */
export function maskIdentifier(value: string): string {
  return `${value.slice(0, 3)}${'*'.repeat(Math.max(0, value.length - 6))}${value.slice(-3)}`;
}

/** The first character of the local part stays, the rest becomes *** (w***@example.com). */
export function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  return `${value[0]}***${value.slice(at)}`;
}

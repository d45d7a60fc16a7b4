/** RFC 5545 text: backslash, semicolon, comma and newlines escaped. */
function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Lines longer than 75 octets are folded (CRLF and a space), never inside a UTF-8 character. */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    if (bytes + size > (out.length === 0 ? 75 : 74)) {
      out.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

export interface CalendarEntry {
  id: string;
  title: string;
  /** YYYY-MM-DD */
  dueOn: string;
  url: string;
}

const compact = (date: string) => date.replaceAll('-', '');

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** A person's due dates as an iCalendar feed: one all-day event per date, stable UIDs so updates replace. */
export function calendarFeed(name: string, entries: CalendarEntry[], generatedAt: Date): string {
  const stamp = `${generatedAt.toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Jianhe//Due dates//ZH-TW',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(name)}`,
    'X-WR-TIMEZONE:Asia/Taipei',
  ];
  for (const e of entries)
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.id}@jianhe`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${compact(e.dueOn)}`,
      `DTEND;VALUE=DATE:${compact(nextDay(e.dueOn))}`,
      `SUMMARY:${escapeText(e.title)}`,
      `URL:${e.url}`,
      'END:VEVENT',
    );
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

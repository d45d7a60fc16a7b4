/** How many leading bytes the sniffer needs; the store keeps exactly this much while streaming. */
export const SNIFF_BYTES = 4096;

export interface SniffedType {
  mime: string;
  /** Short family name shown in the UI and used for allow-list policy. */
  kind: 'pdf' | 'image' | 'office' | 'archive' | 'text';
}

const startsWith = (head: Buffer, bytes: number[], offset = 0) =>
  head.length >= offset + bytes.length && bytes.every((b, i) => head[offset + i] === b);

function sniffZip(head: Buffer): SniffedType {
  // OOXML packages put [Content_Types].xml and their part folders in the first local headers.
  const names = head.toString('latin1');
  if (names.includes('[Content_Types].xml') || /(?:word|xl|ppt)\//.test(names)) {
    if (names.includes('word/')) {
      return {
        mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        kind: 'office',
      };
    }
    if (names.includes('xl/')) {
      return { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', kind: 'office' };
    }
    if (names.includes('ppt/')) {
      return {
        mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
        kind: 'office',
      };
    }
  }
  return { mime: 'application/zip', kind: 'archive' };
}

/** UTF-8 text without NUL bytes (a cut multi-byte sequence at the window's end is tolerated). */
function looksLikeText(head: Buffer): boolean {
  if (head.length === 0 || head.includes(0)) return false;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let trim = 0; trim < 4 && trim < head.length; trim++) {
    try {
      decoder.decode(head.subarray(0, head.length - trim));
      return true;
    } catch {
      // retry without a possibly truncated trailing character
    }
  }
  return false;
}

/**
 * Identifies a file by its content, never its name. Anything not on this allow-list is refused:
 * executables, scripts disguised as documents, HTML (could run in the browser) and unknown binaries.
 */
export function sniffContentType(head: Buffer): SniffedType | undefined {
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { mime: 'application/pdf', kind: 'pdf' };
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { mime: 'image/png', kind: 'image' };
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { mime: 'image/jpeg', kind: 'image' };
  if (startsWith(head, [0x47, 0x49, 0x46, 0x38])) return { mime: 'image/gif', kind: 'image' };
  if (startsWith(head, [0x52, 0x49, 0x46, 0x46]) && startsWith(head, [0x57, 0x45, 0x42, 0x50], 8)) {
    return { mime: 'image/webp', kind: 'image' };
  }
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return sniffZip(head);
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return { mime: 'application/x-ole-storage', kind: 'office' };
  }
  if (looksLikeText(head)) {
    const text = head.toString('utf8').trimStart().toLowerCase();
    if (text.startsWith('<!doctype html') || text.startsWith('<html') || text.startsWith('<svg'))
      return undefined;
    return { mime: 'text/plain; charset=utf-8', kind: 'text' };
  }
  return undefined;
}

/**
 * Reads a ZIP file's central directory (without inflating anything) and returns the total uncompressed size
 * its entries declare, or null when the archive cannot be read that way (not a ZIP, ZIP64, truncated).
 * XLSX files are ZIPs; checking this first stops a small upload from expanding into gigabytes in memory.
 */
export function declaredUncompressedSize(zip: Buffer): { entries: number; bytes: number } | null {
  const EOCD = 0x06054b50;
  const CENTRAL = 0x02014b50;
  // The end-of-central-directory record sits in the last 22 bytes plus an optional comment (≤ 65,535).
  const from = Math.max(0, zip.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = zip.length - 22; i >= from; i -= 1) {
    if (zip.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = zip.readUInt16LE(eocd + 10);
  const size = zip.readUInt32LE(eocd + 12);
  const offset = zip.readUInt32LE(eocd + 16);
  if (entries === 0xffff || offset === 0xffffffff || offset + size > zip.length) return null;
  let position = offset;
  let bytes = 0;
  for (let n = 0; n < entries; n += 1) {
    if (position + 46 > zip.length || zip.readUInt32LE(position) !== CENTRAL) return null;
    const uncompressed = zip.readUInt32LE(position + 24);
    if (uncompressed === 0xffffffff) return null;
    bytes += uncompressed;
    position +=
      46 +
      zip.readUInt16LE(position + 28) +
      zip.readUInt16LE(position + 30) +
      zip.readUInt16LE(position + 32);
  }
  return { entries, bytes };
}

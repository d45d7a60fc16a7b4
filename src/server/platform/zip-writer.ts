import { crc32 } from 'node:zlib';

/**
 * One entry exactly as it will sit in the archive. `data` is what is written after the local header
 * (already deflated for method 8); `crc32` and `uncompressedSize` are written as given, so tests can build
 * archives that lie about their contents.
 */
export interface RawZipEntry {
  name: string;
  /** 0 = stored, 8 = deflate (other values only to build archives a reader must refuse). */
  method: number;
  data: Buffer;
  crc32: number;
  uncompressedSize: number;
}

/** An entry stored without compression, with honest size and checksum. */
export function storedEntry(name: string, content: Buffer): RawZipEntry {
  return { name, method: 0, data: content, crc32: crc32(content), uncompressedSize: content.length };
}

const UTF8_NAMES = 0x0800;
// 1980-01-01 00:00 in DOS format: the content, not the clock, decides the bytes.
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/**
 * Writes a plain ZIP (no ZIP64, no data descriptors): local headers and data, then the central directory
 * and its end record. Used to hand other readers an archive whose every byte Jianhe has already checked.
 */
export function writeZip(entries: readonly RawZipEntry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(entry.method, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(entry.crc32 >>> 0, 14);
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(entry.uncompressedSize, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    parts.push(local, name, entry.data);

    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    local.copy(header, 8, 6, 30); // flags, method, time, date, crc, sizes, name length, extra length
    header.writeUInt32LE(offset, 42);
    central.push(header, name);
    offset += local.length + name.length + entry.data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

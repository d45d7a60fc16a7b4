import { parse as parseXmlPlist } from 'plist';
import { BinaryReader, MalformedInputError } from '../binary-reader.js';

/**
 * Property lists, binary (bplist00) or XML. XML goes through the `plist` package. The binary reader is our
 * own because the files come from untrusted IPAs: it refuses reference cycles, bounds depth, object
 * count and the total number of values produced (a small file can otherwise expand exponentially through
 * shared references), and builds dictionaries without a prototype so a "__proto__" key is just a key.
 */

export type PlistValue = string | number | boolean | Date | Buffer | null | PlistValue[] | PlistDict;
export interface PlistDict {
  [key: string]: PlistValue;
}

const MAX_OBJECTS = 1_000_000;
const MAX_DEPTH = 128;
const MAX_PRODUCED = 2_000_000;
const EPOCH_2001_MS = Date.UTC(2001, 0, 1);

export function parseBinaryPlist(buffer: Buffer, name = 'binary plist'): PlistValue {
  const reader: BinaryReader = new BinaryReader(buffer, name, false);
  if (buffer.length < 40 || buffer.toString('latin1', 0, 8) !== 'bplist00')
    reader.fail('not a binary plist (bad magic)');
  const trailer = buffer.length - 32;
  const offsetSize = reader.u8(trailer + 6);
  const refSize = reader.u8(trailer + 7);
  const count = reader.u64(trailer + 8);
  const top = reader.u64(trailer + 16);
  const tableOffset = reader.u64(trailer + 24);
  if (![1, 2, 4, 8].includes(offsetSize) || ![1, 2, 4, 8].includes(refSize)) reader.fail('bad trailer sizes');
  if (count > MAX_OBJECTS || count > buffer.length) reader.fail(`declares ${count} objects`);
  if (top >= count) reader.fail('top object is outside the object table');
  reader.check(tableOffset, count * offsetSize, 'offset table');
  const sized = (offset: number, size: number): number => {
    if (size === 1) return reader.u8(offset);
    if (size === 2) return reader.u16(offset);
    if (size === 4) return reader.u32(offset);
    return reader.u64(offset);
  };
  const offsetOf = (index: number) => {
    if (index >= count) reader.fail(`reference ${index} is outside the object table`);
    const offset = sized(tableOffset + index * offsetSize, offsetSize);
    if (offset >= tableOffset) reader.fail(`object ${index} lies outside the object area`);
    return offset;
  };
  let produced = 0;
  const active = new Set<number>();

  const lengthAt = (offset: number, low: number): { length: number; start: number } => {
    if (low !== 0x0f) return { length: low, start: offset + 1 };
    const marker = reader.u8(offset + 1);
    if (marker >> 4 !== 0x1) reader.fail(`bad length marker at ${offset + 1}`);
    const bytes = 1 << (marker & 0x0f);
    if (bytes > 8) reader.fail(`bad length width at ${offset + 1}`);
    return { length: sized(offset + 2, bytes), start: offset + 2 + bytes };
  };

  const parse = (index: number, depth: number): PlistValue => {
    if (++produced > MAX_PRODUCED) reader.fail('expands to too many values');
    if (depth > MAX_DEPTH) reader.fail(`nested deeper than ${MAX_DEPTH}`);
    const offset = offsetOf(index);
    const marker = reader.u8(offset);
    const high = marker >> 4;
    const low = marker & 0x0f;
    switch (high) {
      case 0x0:
        if (marker === 0x00) return null;
        if (marker === 0x08) return false;
        if (marker === 0x09) return true;
        return reader.fail(`unknown singleton 0x${marker.toString(16)}`);
      case 0x1: {
        const bytes = 1 << low;
        if (bytes > 16) reader.fail(`bad integer width at ${offset}`);
        if (bytes <= 4) return sized(offset + 1, bytes);
        reader.check(offset + 1, bytes, 'integer');
        // 16-byte integers are written for values above 2^63; their low 8 bytes carry the value.
        return Number(buffer.readBigInt64BE(offset + 1 + bytes - 8));
      }
      case 0x2:
        reader.check(offset + 1, 1 << low, 'real');
        if (low === 2) return buffer.readFloatBE(offset + 1);
        if (low === 3) return buffer.readDoubleBE(offset + 1);
        return reader.fail(`bad real width at ${offset}`);
      case 0x3:
        reader.check(offset + 1, 8, 'date');
        return new Date(EPOCH_2001_MS + buffer.readDoubleBE(offset + 1) * 1000);
      case 0x4: {
        const { length, start } = lengthAt(offset, low);
        return Buffer.from(reader.slice(start, length, 'data'));
      }
      case 0x5: {
        const { length, start } = lengthAt(offset, low);
        return reader.slice(start, length, 'string').toString('latin1');
      }
      case 0x6: {
        const { length, start } = lengthAt(offset, low);
        const units = Buffer.from(reader.slice(start, length * 2, 'string'));
        return units.swap16().toString('utf16le');
      }
      case 0x8:
        return sized(offset + 1, low + 1);
      case 0xa:
      case 0xc:
      case 0xd: {
        if (active.has(index)) reader.fail(`object ${index} contains itself`);
        const { length, start } = lengthAt(offset, low);
        const refs = high === 0xd ? length * 2 : length;
        reader.check(start, refs * refSize, 'references');
        active.add(index);
        try {
          if (high !== 0xd) {
            const out: PlistValue[] = [];
            for (let i = 0; i < length; i++) out.push(parse(sized(start + i * refSize, refSize), depth + 1));
            return out;
          }
          const dict: PlistDict = Object.create(null);
          for (let i = 0; i < length; i++) {
            const key = parse(sized(start + i * refSize, refSize), depth + 1);
            if (typeof key !== 'string') reader.fail(`dictionary key at ${offset} is not a string`);
            dict[key] = parse(sized(start + (length + i) * refSize, refSize), depth + 1);
          }
          return dict;
        } finally {
          active.delete(index);
        }
      }
      default:
        return reader.fail(`unknown object type 0x${high.toString(16)} at ${offset}`);
    }
  };
  return parse(top, 0);
}

/** Parses a property list in either form; anything else is a MalformedInputError naming `name`. */
export function parsePlist(buffer: Buffer, name: string): PlistValue {
  if (buffer.toString('latin1', 0, 8) === 'bplist00') return parseBinaryPlist(buffer, name);
  const text = buffer.toString('utf8').replace(/^\uFEFF/, '');
  if (!/^\s*(?:<\?xml|<!DOCTYPE plist|<plist)/.test(text))
    throw new MalformedInputError(name, 'not a property list');
  try {
    return fromXml(parseXmlPlist(text));
  } catch (error) {
    throw new MalformedInputError(name, `invalid XML property list: ${(error as Error).message}`);
  }
}

/** The `plist` package's values, with dictionaries rebuilt without a prototype. */
function fromXml(value: unknown, depth = 0): PlistValue {
  if (depth > MAX_DEPTH) throw new Error(`nested deeper than ${MAX_DEPTH}`);
  if (Array.isArray(value)) return value.map((v) => fromXml(v, depth + 1));
  if (value instanceof Date || value === null) return value;
  if (value instanceof Uint8Array) return Buffer.from(value);
  if (typeof value === 'object') {
    const dict: PlistDict = Object.create(null);
    for (const [key, v] of Object.entries(value as Record<string, unknown>))
      dict[key] = fromXml(v, depth + 1);
    return dict;
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return null;
}

export function isDict(value: PlistValue | undefined): value is PlistDict {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Date) &&
    !Buffer.isBuffer(value)
  );
}

import { BinaryReader, type Deadline } from './binary-reader.js';

/**
 * String extraction from compiled code: the DEX string table (every literal, class and member name an
 * Android app has), and printable runs from any other binary (the iOS main executable), like strings(1).
 */

export interface StringLimits {
  minLength: number;
  /** Longer strings are cut to this many characters before matching (bounded work per string). */
  maxLength: number;
}

const DEX_MAGIC = /^dex\n0[0-9]{2}\0$/;

/** Decodes MUTF-8 (DEX's modified UTF-8: NUL as C0 80, supplementary characters as surrogate pairs). */
export function decodeMutf8(bytes: Buffer, start: number, end: number, maxUnits: number): string {
  let ascii = true;
  for (let i = start; i < end; i++) {
    if (bytes[i]! >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return bytes.toString('latin1', start, Math.min(end, start + maxUnits));
  const units: number[] = [];
  for (let i = start; i < end && units.length < maxUnits; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      units.push(b);
      i += 1;
    } else if ((b & 0xe0) === 0xc0 && i + 1 < end) {
      units.push(((b & 0x1f) << 6) | (bytes[i + 1]! & 0x3f));
      i += 2;
    } else if ((b & 0xf0) === 0xe0 && i + 2 < end) {
      units.push(((b & 0x0f) << 12) | ((bytes[i + 1]! & 0x3f) << 6) | (bytes[i + 2]! & 0x3f));
      i += 3;
    } else {
      units.push(0xfffd);
      i += 1;
    }
  }
  let out = '';
  for (let i = 0; i < units.length; i += 8192) out += String.fromCharCode(...units.slice(i, i + 8192));
  return out;
}

/** Every string in a DEX file's string table, in table order. Throws MalformedInputError on a bad file. */
export function dexStrings(
  buffer: Buffer,
  name: string,
  limits: StringLimits,
  deadline?: Deadline,
): string[] {
  const reader = new BinaryReader(buffer, name);
  if (buffer.length < 0x70 || !DEX_MAGIC.test(buffer.toString('latin1', 0, 8)))
    reader.fail('not a DEX file (bad magic)');
  const count = reader.u32(0x38);
  const idsOffset = reader.u32(0x3c);
  if (count > buffer.length / 4) reader.fail(`string_ids_size ${count} cannot fit in the file`);
  reader.check(idsOffset, count * 4, 'string_ids');
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    if ((i & 0x3fff) === 0) deadline?.check();
    const dataOffset = reader.u32(idsOffset + i * 4);
    const { value: units, next } = reader.uleb128(dataOffset);
    if (units < limits.minLength) continue;
    // The data ends at the first NUL; MUTF-8 never has a NUL byte inside a string.
    const nul = buffer.indexOf(0, next);
    if (nul < 0) reader.fail(`string ${i} has no terminator`);
    out.push(decodeMutf8(buffer, next, nul, limits.maxLength));
  }
  return out;
}

/** Length of the UTF-8 sequence starting at `i` if it is well formed, else 0. */
function utf8SequenceLength(bytes: Buffer, i: number): number {
  const b = bytes[i]!;
  const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
  if (need < 0 || i + need >= bytes.length) return 0;
  for (let k = 1; k <= need; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return 0;
  return need + 1;
}

/** Printable runs (ASCII and well-formed UTF-8) of at least `minLength` characters, like strings(1). */
export function printableStrings(buffer: Buffer, limits: StringLimits, deadline?: Deadline): string[] {
  const out: string[] = [];
  let start = -1;
  let chars = 0;
  const flush = (end: number) => {
    if (start >= 0 && chars >= limits.minLength) {
      const text = buffer.toString('utf8', start, end);
      out.push(text.length > limits.maxLength ? text.slice(0, limits.maxLength) : text);
    }
    start = -1;
    chars = 0;
  };
  for (let i = 0; i < buffer.length; ) {
    if ((i & 0xfffff) === 0) deadline?.check();
    const b = buffer[i]!;
    if ((b >= 0x20 && b < 0x7f) || b === 0x09) {
      if (start < 0) start = i;
      chars++;
      i++;
      continue;
    }
    const length = b >= 0x80 ? utf8SequenceLength(buffer, i) : 0;
    if (length > 0) {
      if (start < 0) start = i;
      chars++;
      i += length;
      continue;
    }
    flush(i);
    i++;
  }
  flush(buffer.length);
  return out;
}

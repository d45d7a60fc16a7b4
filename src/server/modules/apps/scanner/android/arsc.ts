import { BinaryReader } from '../binary-reader.js';
import { formatTypedValue, readStringPool, VALUE_TYPE } from './axml.js';

/**
 * Reader for resources.arsc, only as far as the scanner needs: resolving a resource id such as
 * @xml/network_security_config (0x7f1x0000) to its value in each configuration. Layout per
 * ResourceTypes.h: RES_TABLE_TYPE → global value string pool → packages, each with type and key string
 * pools, type specs and type chunks (entry offset tables, dense or sparse).
 */

const RES_STRING_POOL_TYPE = 0x0001;
const RES_TABLE_TYPE = 0x0002;
const RES_TABLE_PACKAGE_TYPE = 0x0200;
const RES_TABLE_TYPE_TYPE = 0x0201;
const NO_ENTRY = 0xffffffff;
const FLAG_SPARSE = 0x01;
const FLAG_OFFSET16 = 0x02;
const ENTRY_FLAG_COMPLEX = 0x0001;
const MAX_CHUNKS = 100_000;

export interface ResourceValue {
  type: number;
  data: number;
  /** The string form: the string for TYPE_STRING (a file path for @xml/@raw), else aapt's print form. */
  value: string;
}

export interface ResourceTable {
  /** Every value the id takes, one per configuration that defines it (default configuration first). */
  resolve(id: number): ResourceValue[];
  packages: Array<{ id: number; name: string }>;
}

interface PackageIndex {
  id: number;
  name: string;
  /** type id → list of type-chunk offsets (one per configuration). */
  types: Map<number, number[]>;
}

export function decodeResourceTable(buffer: Buffer): ResourceTable {
  const reader = new BinaryReader(buffer, 'resources.arsc');
  if (buffer.length < 12 || reader.u16(0) !== RES_TABLE_TYPE) reader.fail('not a resource table (bad magic)');
  const headerSize = reader.u16(2);
  const end = Math.min(reader.u32(4), buffer.length);
  let values: string[] = [];
  const packages: PackageIndex[] = [];
  let chunks = 0;
  for (let offset = headerSize; offset + 8 <= end; ) {
    const type = reader.u16(offset);
    const size = reader.u32(offset + 4);
    if (size < 8) reader.fail(`chunk at ${offset} has a bad size`);
    reader.check(offset, size, 'chunk');
    if (++chunks > MAX_CHUNKS) reader.fail('too many chunks');
    if (type === RES_STRING_POOL_TYPE) values = readStringPool(reader, offset);
    else if (type === RES_TABLE_PACKAGE_TYPE) packages.push(indexPackage(reader, offset, size));
    offset += size;
  }
  return {
    packages: packages.map(({ id, name }) => ({ id, name })),
    resolve(id) {
      const pkg = packages.find((p) => p.id === id >>> 24);
      const chunksForType = pkg?.types.get((id >>> 16) & 0xff) ?? [];
      const entry = id & 0xffff;
      const found: ResourceValue[] = [];
      for (const chunk of chunksForType) {
        const value = readEntryValue(reader, chunk, entry, values);
        if (value) found.push(value);
      }
      return found;
    },
  };
}

function indexPackage(reader: BinaryReader, start: number, size: number): PackageIndex {
  const headerSize = reader.u16(start + 2);
  const id = reader.u32(start + 8);
  const name = reader
    .slice(start + 12, 256, 'package name')
    .toString('utf16le')
    .replace(/\0.*$/s, '');
  const types = new Map<number, number[]>();
  let chunks = 0;
  for (let offset = start + headerSize; offset + 8 <= start + size; ) {
    const type = reader.u16(offset);
    const chunkSize = reader.u32(offset + 4);
    if (chunkSize < 8) reader.fail(`chunk at ${offset} has a bad size`);
    reader.check(offset, chunkSize, 'chunk');
    if (++chunks > MAX_CHUNKS) reader.fail('too many chunks');
    if (type === RES_TABLE_TYPE_TYPE) {
      const typeId = reader.u8(offset + 8);
      const list = types.get(typeId) ?? [];
      // The default configuration (all-zero ResTable_config after its size field) goes first.
      if (isDefaultConfig(reader, offset)) list.unshift(offset);
      else list.push(offset);
      types.set(typeId, list);
    }
    offset += chunkSize;
  }
  return { id, name, types };
}

function isDefaultConfig(reader: BinaryReader, chunk: number): boolean {
  const configStart = chunk + 20;
  const configSize = reader.u32(configStart);
  for (let p = configStart + 4; p < configStart + configSize; p++) if (reader.u8(p) !== 0) return false;
  return true;
}

function readEntryValue(
  reader: BinaryReader,
  chunk: number,
  entry: number,
  values: string[],
): ResourceValue | null {
  const headerSize = reader.u16(chunk + 2);
  const flags = reader.u8(chunk + 9);
  const entryCount = reader.u32(chunk + 12);
  const entriesStart = reader.u32(chunk + 16);
  let entryOffset: number = NO_ENTRY;
  if (flags & FLAG_SPARSE) {
    // Sparse: sorted (index u16, offset/4 u16) pairs.
    for (let i = 0; i < entryCount; i++) {
      const p = chunk + headerSize + i * 4;
      if (reader.u16(p) === entry) {
        entryOffset = reader.u16(p + 2) * 4;
        break;
      }
    }
  } else if (entry < entryCount) {
    if (flags & FLAG_OFFSET16) {
      const raw = reader.u16(chunk + headerSize + entry * 2);
      entryOffset = raw === 0xffff ? NO_ENTRY : raw * 4;
    } else {
      entryOffset = reader.u32(chunk + headerSize + entry * 4);
    }
  }
  if (entryOffset === NO_ENTRY) return null;
  const at = chunk + entriesStart + entryOffset;
  const entrySize = reader.u16(at);
  const entryFlags = reader.u16(at + 2);
  if (entryFlags & ENTRY_FLAG_COMPLEX) return null;
  const valueAt = at + entrySize;
  const type = reader.u8(valueAt + 3);
  const data = reader.u32(valueAt + 4);
  if (type === VALUE_TYPE.NULL) return null;
  return { type, data, value: formatTypedValue(type, data, values) };
}

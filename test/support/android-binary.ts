/**
 * Encoders for Android's binary formats, used to build the test APKs (scripts/build-app-fixtures.ts):
 * binary XML (AXML) from an element tree, a minimal resources.arsc, and DEX files carrying strings.
 * They follow ResourceTypes.h and the DEX format documentation; the scanner's decoders are separate
 * code, so a mistake in one side shows up as a failing test rather than cancelling out.
 */
import { createHash } from 'node:crypto';

export const ANDROID_NS = 'http://schemas.android.com/apk/res/android';

/** Framework attribute ids (android.R.attr). */
export const ATTR = {
  name: 0x01010003,
  permission: 0x01010006,
  readPermission: 0x01010007,
  writePermission: 0x01010008,
  debuggable: 0x0101000f,
  exported: 0x01010010,
  minSdkVersion: 0x0101020c,
  versionCode: 0x0101021b,
  versionName: 0x0101021c,
  targetSdkVersion: 0x01010270,
  testOnly: 0x01010272,
  allowBackup: 0x01010280,
  usesCleartextTraffic: 0x010104ec,
  networkSecurityConfig: 0x01010527,
} as const;

export type XmlValue =
  | { kind: 'string'; value: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'int'; value: number }
  | { kind: 'ref'; value: number };

export interface XmlAttr {
  /** 'android' for the android namespace, omitted for plain attributes. */
  ns?: 'android';
  name: string;
  value: XmlValue;
}

export interface XmlNode {
  name: string;
  attrs?: XmlAttr[];
  children?: XmlNode[];
  text?: string;
}

export const str = (value: string): XmlValue => ({ kind: 'string', value });
export const bool = (value: boolean): XmlValue => ({ kind: 'bool', value });
export const int = (value: number): XmlValue => ({ kind: 'int', value });
export const ref = (value: number): XmlValue => ({ kind: 'ref', value });
export const a = (name: string, value: XmlValue): XmlAttr => ({ ns: 'android', name, value });
export const p = (name: string, value: XmlValue): XmlAttr => ({ name, value });

function u16(value: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(value);
  return b;
}
function u32(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(value >>> 0);
  return b;
}
function chunk(type: number, header: Buffer, body: Buffer): Buffer {
  const headerSize = 8 + header.length;
  return Buffer.concat([u16(type), u16(headerSize), u32(headerSize + body.length), header, body]);
}

/** A UTF-16 string pool (the format aapt2 uses for XML). */
export function encodeStringPool(strings: string[], utf8 = false): Buffer {
  const offsets: Buffer[] = [];
  const data: Buffer[] = [];
  let position = 0;
  for (const s of strings) {
    offsets.push(u32(position));
    let encoded: Buffer;
    if (utf8) {
      const bytes = Buffer.from(s, 'utf8');
      const len = (n: number) => (n > 0x7f ? Buffer.from([0x80 | (n >> 8), n & 0xff]) : Buffer.from([n]));
      encoded = Buffer.concat([len(s.length), len(bytes.length), bytes, Buffer.from([0])]);
    } else {
      encoded = Buffer.concat([u16(s.length), Buffer.from(s, 'utf16le'), u16(0)]);
    }
    data.push(encoded);
    position += encoded.length;
  }
  let body = Buffer.concat([...offsets, ...data]);
  if (body.length % 4) body = Buffer.concat([body, Buffer.alloc(4 - (body.length % 4))]);
  const header = Buffer.concat([
    u32(strings.length),
    u32(0),
    u32(utf8 ? 0x100 : 0),
    u32(28 + strings.length * 4),
    u32(0),
  ]);
  return chunk(0x0001, header, body);
}

function typedValue(
  value: XmlValue,
  index: (s: string) => number,
): { raw: number; type: number; data: number } {
  switch (value.kind) {
    case 'string': {
      const i = index(value.value);
      return { raw: i, type: 0x03, data: i };
    }
    case 'bool':
      return { raw: 0xffffffff, type: 0x12, data: value.value ? 0xffffffff : 0 };
    case 'int':
      return { raw: 0xffffffff, type: 0x10, data: value.value };
    case 'ref':
      return { raw: 0xffffffff, type: 0x01, data: value.value };
  }
}

/** Encodes an element tree as binary XML. Android-namespaced attributes with a known id get a resource map entry. */
export function encodeAxml(root: XmlNode): Buffer {
  const mapped: string[] = [];
  const other: string[] = [];
  const visit = (node: XmlNode) => {
    for (const attr of node.attrs ?? []) {
      const id = attr.ns ? ATTR[attr.name as keyof typeof ATTR] : undefined;
      if (id !== undefined) {
        if (!mapped.includes(attr.name)) mapped.push(attr.name);
      } else if (!other.includes(attr.name)) other.push(attr.name);
      if (attr.value.kind === 'string' && !other.includes(attr.value.value)) other.push(attr.value.value);
    }
    if (!other.includes(node.name)) other.push(node.name);
    if (node.text !== undefined && !other.includes(node.text)) other.push(node.text);
    for (const child of node.children ?? []) visit(child);
  };
  visit(root);
  const strings = [...mapped, ...other.filter((s) => !mapped.includes(s)), 'android', ANDROID_NS];
  const index = (s: string) => strings.indexOf(s);
  const nsPrefix = index('android');
  const nsUri = index(ANDROID_NS);
  const lineHeader = Buffer.concat([u32(1), u32(0xffffffff)]);
  const chunks: Buffer[] = [
    encodeStringPool(strings),
    chunk(0x0180, Buffer.alloc(0), Buffer.concat(mapped.map((n) => u32(ATTR[n as keyof typeof ATTR])))),
    chunk(0x0100, lineHeader, Buffer.concat([u32(nsPrefix), u32(nsUri)])),
  ];
  const emit = (node: XmlNode) => {
    const attrs = (node.attrs ?? []).map((attr) => {
      const value = typedValue(attr.value, index);
      return Buffer.concat([
        u32(attr.ns ? nsUri : 0xffffffff),
        u32(index(attr.name)),
        u32(value.raw),
        u16(8),
        Buffer.from([0, value.type]),
        u32(value.data),
      ]);
    });
    const ext = Buffer.concat([
      u32(0xffffffff),
      u32(index(node.name)),
      u16(20),
      u16(20),
      u16(attrs.length),
      u16(0),
      u16(0),
      u16(0),
    ]);
    chunks.push(chunk(0x0102, lineHeader, Buffer.concat([ext, ...attrs])));
    if (node.text !== undefined) {
      const i = index(node.text);
      chunks.push(chunk(0x0104, lineHeader, Buffer.concat([u32(i), u16(8), Buffer.from([0, 0x03]), u32(i)])));
    }
    for (const child of node.children ?? []) emit(child);
    chunks.push(chunk(0x0103, lineHeader, Buffer.concat([u32(0xffffffff), u32(index(node.name))])));
  };
  emit(root);
  chunks.push(chunk(0x0101, lineHeader, Buffer.concat([u32(nsPrefix), u32(nsUri)])));
  return chunk(0x0003, Buffer.alloc(0), Buffer.concat(chunks));
}

/**
 * A resources.arsc with one package (0x7f) and one type holding string entries: enough for
 * `@xml/name` references to resolve to `res/xml/name.xml`.
 */
export function encodeResourceTable(
  typeName: string,
  entries: Array<{ key: string; value: string }>,
): Buffer {
  const values = encodeStringPool(
    entries.map((e) => e.value),
    true,
  );
  const typeStrings = encodeStringPool([typeName]);
  const keyStrings = encodeStringPool(entries.map((e) => e.key));
  const spec = chunk(
    0x0202,
    Buffer.concat([Buffer.from([1, 0]), u16(0), u32(entries.length)]),
    Buffer.concat(entries.map(() => u32(0))),
  );
  const config = Buffer.concat([u32(64), Buffer.alloc(60)]);
  const entryData = Buffer.concat(
    entries.map((_, i) => Buffer.concat([u16(8), u16(0), u32(i), u16(8), Buffer.from([0, 0x03]), u32(i)])),
  );
  const typeHeader = Buffer.concat([
    Buffer.from([1, 0]),
    u16(0),
    u32(entries.length),
    u32(8 + 12 + config.length + entries.length * 4),
    config,
  ]);
  const type = chunk(0x0201, typeHeader, Buffer.concat([...entries.map((_, i) => u32(i * 16)), entryData]));
  const name = Buffer.alloc(256);
  name.write('com.example', 'utf16le');
  const pkgHeaderSize = 8 + 4 + 256 + 5 * 4;
  const pkgHeader = Buffer.concat([
    u32(0x7f),
    name,
    u32(pkgHeaderSize),
    u32(1),
    u32(pkgHeaderSize + typeStrings.length),
    u32(entries.length),
    u32(0),
  ]);
  const pkg = chunk(0x0200, pkgHeader, Buffer.concat([typeStrings, keyStrings, spec, type]));
  return chunk(0x0002, u32(1), Buffer.concat([values, pkg]));
}

function uleb128(value: number): Buffer {
  const bytes: number[] = [];
  let v = value;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v) byte |= 0x80;
    bytes.push(byte);
  } while (v);
  return Buffer.from(bytes);
}

/**
 * A DEX file whose string table holds `strings` (sorted, as dx/d8 emit them). Only the header and the
 * string_ids/string_data sections are filled in: that is all a string scan reads. The checksum and SHA-1
 * signature are computed so that tools which verify them accept the file.
 */
export function encodeDex(strings: string[]): Buffer {
  const sorted = [...new Set(strings)].sort();
  const headerSize = 0x70;
  const idsOffset = headerSize;
  let dataOffset = idsOffset + sorted.length * 4;
  const ids: Buffer[] = [];
  const data: Buffer[] = [];
  for (const s of sorted) {
    ids.push(u32(dataOffset));
    // MUTF-8 equals UTF-8 for BMP characters other than U+0000, which the fixtures never use.
    const item = Buffer.concat([uleb128(s.length), Buffer.from(s, 'utf8'), Buffer.from([0])]);
    data.push(item);
    dataOffset += item.length;
  }
  const body = Buffer.concat([...ids, ...data]);
  const header = Buffer.alloc(headerSize);
  header.write('dex\n035\0', 0, 'latin1');
  header.writeUInt32LE(headerSize + body.length, 0x20);
  header.writeUInt32LE(headerSize, 0x24);
  header.writeUInt32LE(0x12345678, 0x28);
  header.writeUInt32LE(sorted.length, 0x38);
  header.writeUInt32LE(idsOffset, 0x3c);
  header.writeUInt32LE(body.length, 0x68);
  header.writeUInt32LE(idsOffset, 0x6c);
  const file = Buffer.concat([header, body]);
  createHash('sha1').update(file.subarray(32)).digest().copy(file, 12);
  file.writeUInt32LE(adler32(file.subarray(12)), 8);
  return file;
}

function adler32(data: Buffer): number {
  let a = 1;
  let b = 0;
  for (const byte of data) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

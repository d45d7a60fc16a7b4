import { BinaryReader } from '../binary-reader.js';

/**
 * Decoder for Android binary XML (AXML), the compiled form of AndroidManifest.xml and res/xml/*.xml.
 * Layout (frameworks/base ResourceTypes.h): a RES_XML_TYPE chunk holding a string pool, an optional
 * resource map (attribute name index → resource id), then namespace and element chunks. Attribute names
 * are resolved through the resource map first, because obfuscators rename or blank the name strings
 * while the platform only looks at the ids.
 */

export const ANDROID_NS = 'http://schemas.android.com/apk/res/android';

const RES_STRING_POOL_TYPE = 0x0001;
const RES_XML_TYPE = 0x0003;
const RES_XML_START_NAMESPACE_TYPE = 0x0100;
const RES_XML_END_NAMESPACE_TYPE = 0x0101;
const RES_XML_START_ELEMENT_TYPE = 0x0102;
const RES_XML_END_ELEMENT_TYPE = 0x0103;
const RES_XML_CDATA_TYPE = 0x0104;
const RES_XML_RESOURCE_MAP_TYPE = 0x0180;
const NO_INDEX = 0xffffffff;

const MAX_ELEMENTS = 200_000;
const MAX_DEPTH = 256;
const MAX_STRINGS = 1_000_000;

export const VALUE_TYPE = {
  NULL: 0x00,
  REFERENCE: 0x01,
  ATTRIBUTE: 0x02,
  STRING: 0x03,
  FLOAT: 0x04,
  INT_DEC: 0x10,
  INT_HEX: 0x11,
  INT_BOOLEAN: 0x12,
} as const;

export interface AxmlAttribute {
  namespace: string | null;
  name: string;
  /** Android framework attribute id (0x0101xxxx) when the resource map names one. */
  resourceId: number | null;
  /** The string form (raw string, or the typed value printed as aapt does). */
  value: string;
  type: number;
  data: number;
}

export interface AxmlElement {
  name: string;
  namespace: string | null;
  attributes: AxmlAttribute[];
  children: AxmlElement[];
  /** Character data directly inside the element (e.g. a network security config's domain name). */
  text?: string;
}

/** Reads a ResStringPool chunk starting at `start`; returns the strings in index order. */
export function readStringPool(reader: BinaryReader, start: number): string[] {
  const headerSize = reader.u16(start + 2);
  const chunkSize = reader.u32(start + 4);
  reader.check(start, chunkSize, 'string pool');
  const count = reader.u32(start + 8);
  const flags = reader.u32(start + 16);
  const stringsStart = reader.u32(start + 20);
  if (count > MAX_STRINGS) reader.fail(`string pool declares ${count} strings`);
  const utf8 = (flags & 0x100) !== 0;
  const strings: string[] = [];
  const end = start + chunkSize;
  for (let i = 0; i < count; i++) {
    const offset = start + stringsStart + reader.u32(start + headerSize + i * 4);
    if (offset >= end) reader.fail(`string ${i} lies outside its pool`);
    strings.push(utf8 ? readUtf8(reader, offset, end) : readUtf16(reader, offset, end));
  }
  return strings;
}

function readUtf8(reader: BinaryReader, offset: number, end: number): string {
  let position = offset;
  // Two lengths precede the bytes: UTF-16 units, then UTF-8 bytes; each 1 byte, or 2 with the high bit set.
  const skipLength = () => {
    const first = reader.u8(position++);
    if (first & 0x80) position++;
  };
  skipLength();
  let size = reader.u8(position++);
  if (size & 0x80) size = ((size & 0x7f) << 8) | reader.u8(position++);
  if (position + size > end) reader.fail(`string at ${offset} runs past its pool`);
  return reader.slice(position, size).toString('utf8');
}

function readUtf16(reader: BinaryReader, offset: number, end: number): string {
  let position = offset;
  let units = reader.u16(position);
  position += 2;
  if (units & 0x8000) {
    units = ((units & 0x7fff) << 16) | reader.u16(position);
    position += 2;
  }
  if (position + units * 2 > end) reader.fail(`string at ${offset} runs past its pool`);
  return reader.slice(position, units * 2).toString('utf16le');
}

/** Prints a typed value the way aapt dump does, so rules can compare strings. */
export function formatTypedValue(type: number, data: number, strings: string[]): string {
  switch (type) {
    case VALUE_TYPE.STRING:
      return strings[data] ?? '';
    case VALUE_TYPE.INT_BOOLEAN:
      return data !== 0 ? 'true' : 'false';
    case VALUE_TYPE.INT_DEC:
      return String(data | 0);
    case VALUE_TYPE.INT_HEX:
      return `0x${data.toString(16)}`;
    case VALUE_TYPE.REFERENCE:
      return `@0x${data.toString(16).padStart(8, '0')}`;
    case VALUE_TYPE.ATTRIBUTE:
      return `?0x${data.toString(16).padStart(8, '0')}`;
    case VALUE_TYPE.FLOAT: {
      const view = Buffer.alloc(4);
      view.writeUInt32LE(data >>> 0);
      return String(view.readFloatLE(0));
    }
    default:
      return `0x${data.toString(16)}`;
  }
}

/** Decodes a binary XML document into its element tree. Throws MalformedInputError on a damaged file. */
export function decodeAxml(buffer: Buffer, name = 'binary XML'): AxmlElement {
  const reader = new BinaryReader(buffer, name);
  if (buffer.length < 8 || reader.u16(0) !== RES_XML_TYPE) reader.fail('not Android binary XML (bad magic)');
  const fileHeaderSize = reader.u16(2);
  const fileSize = Math.min(reader.u32(4), buffer.length);
  let strings: string[] = [];
  let resourceIds: number[] = [];
  const stack: AxmlElement[] = [];
  let root: AxmlElement | null = null;
  let elements = 0;
  let offset = fileHeaderSize;
  const str = (index: number) => (index === NO_INDEX ? null : (strings[index] ?? null));

  while (offset + 8 <= fileSize) {
    const type = reader.u16(offset);
    const headerSize = reader.u16(offset + 2);
    const size = reader.u32(offset + 4);
    if (size < 8 || headerSize < 8 || headerSize > size) reader.fail(`chunk at ${offset} has a bad size`);
    reader.check(offset, size, 'chunk');
    switch (type) {
      case RES_STRING_POOL_TYPE:
        strings = readStringPool(reader, offset);
        break;
      case RES_XML_RESOURCE_MAP_TYPE:
        resourceIds = [];
        for (let p = offset + headerSize; p + 4 <= offset + size; p += 4) resourceIds.push(reader.u32(p));
        break;
      case RES_XML_START_ELEMENT_TYPE: {
        if (++elements > MAX_ELEMENTS) reader.fail(`more than ${MAX_ELEMENTS} elements`);
        if (stack.length >= MAX_DEPTH) reader.fail(`elements nested deeper than ${MAX_DEPTH}`);
        const element = readElement(reader, offset + headerSize, strings, resourceIds, str);
        const parent = stack[stack.length - 1];
        if (parent) parent.children.push(element);
        else if (!root) root = element;
        stack.push(element);
        break;
      }
      case RES_XML_END_ELEMENT_TYPE:
        stack.pop();
        break;
      case RES_XML_CDATA_TYPE: {
        const current = stack[stack.length - 1];
        const data = str(reader.u32(offset + headerSize));
        if (current && data !== null) current.text = (current.text ?? '') + data;
        break;
      }
      case RES_XML_START_NAMESPACE_TYPE:
      case RES_XML_END_NAMESPACE_TYPE:
        break;
      default:
        // Unknown chunks are skipped, as the platform's parser does.
        break;
    }
    offset += size;
  }
  return root ?? reader.fail('no root element');
}

function readElement(
  reader: BinaryReader,
  ext: number,
  strings: string[],
  resourceIds: number[],
  str: (index: number) => string | null,
): AxmlElement {
  const namespace = str(reader.u32(ext));
  const name = str(reader.u32(ext + 4)) ?? '';
  const attributeStart = reader.u16(ext + 8);
  const attributeSize = reader.u16(ext + 10) || 20;
  const attributeCount = reader.u16(ext + 12);
  if (attributeSize < 20) reader.fail(`element ${name} has ${attributeSize}-byte attributes`);
  const attributes: AxmlAttribute[] = [];
  for (let i = 0; i < attributeCount; i++) {
    const a = ext + attributeStart + i * attributeSize;
    const nameIndex = reader.u32(a + 4);
    const rawValue = reader.u32(a + 8);
    const type = reader.u8(a + 15);
    const data = reader.u32(a + 16);
    const resourceId = nameIndex < resourceIds.length ? resourceIds[nameIndex]! : null;
    attributes.push({
      namespace: str(reader.u32(a)),
      name: str(nameIndex) ?? '',
      resourceId,
      value: rawValue !== NO_INDEX ? (strings[rawValue] ?? '') : formatTypedValue(type, data, strings),
      type,
      data,
    });
  }
  return { name, namespace, attributes, children: [] };
}

/** Finds an attribute by framework resource id, falling back to the android-namespaced name. */
export function androidAttribute(
  element: AxmlElement,
  name: string,
  resourceId: number,
): AxmlAttribute | undefined {
  return (
    element.attributes.find((a) => a.resourceId === resourceId) ??
    element.attributes.find((a) => a.name === name && (a.namespace === ANDROID_NS || a.namespace === null))
  );
}

/** Finds a plain (non-namespaced) attribute, as network security config files use. */
export function plainAttribute(element: AxmlElement, name: string): AxmlAttribute | undefined {
  return element.attributes.find((a) => a.name === name && !a.namespace);
}

export function isTrue(attribute: AxmlAttribute | undefined): boolean {
  if (!attribute) return false;
  if (attribute.type === VALUE_TYPE.INT_BOOLEAN) return attribute.data !== 0;
  return attribute.value === 'true';
}

import { BinaryReader } from '../binary-reader.js';

/**
 * Just enough Mach-O to read what the release gate needs from an iOS executable: the entitlements signed
 * into its code signature (LC_CODE_SIGNATURE → SuperBlob → CSSLOT_ENTITLEMENTS), and whether the App Store
 * encrypted it (LC_ENCRYPTION_INFO cryptid ≠ 0), in which case a string scan sees only ciphertext.
 * Universal (fat) binaries are read slice by slice. Code-signature structures are big-endian; the Mach-O
 * headers of iOS binaries are little-endian.
 */

const MH_MAGIC = 0xfeedface;
const MH_MAGIC_64 = 0xfeedfacf;
const FAT_MAGIC = 0xcafebabe;
const FAT_MAGIC_64 = 0xcafebabf;
const LC_CODE_SIGNATURE = 0x1d;
const LC_ENCRYPTION_INFO = 0x21;
const LC_ENCRYPTION_INFO_64 = 0x2c;
const CSMAGIC_EMBEDDED_SIGNATURE = 0xfade0cc0;
const CSMAGIC_EMBEDDED_ENTITLEMENTS = 0xfade7171;
const CSSLOT_ENTITLEMENTS = 5;
const MAX_SLICES = 16;
const MAX_COMMANDS = 4096;

export interface MachOSlice {
  cpuType: number;
  /** The entitlements plist (XML) from the code signature, or null when unsigned or absent. */
  entitlements: Buffer | null;
  encrypted: boolean;
}

export function isMachO(buffer: Buffer): boolean {
  if (buffer.length < 8) return false;
  const le = buffer.readUInt32LE(0);
  const be = buffer.readUInt32BE(0);
  return le === MH_MAGIC || le === MH_MAGIC_64 || be === FAT_MAGIC || be === FAT_MAGIC_64;
}

export function readMachO(buffer: Buffer, name: string): MachOSlice[] {
  const big: BinaryReader = new BinaryReader(buffer, name, false);
  if (!isMachO(buffer)) big.fail('not a Mach-O executable (bad magic)');
  const magic = big.u32(0);
  if (magic !== FAT_MAGIC && magic !== FAT_MAGIC_64) return [readSlice(buffer, 0, buffer.length, name)];
  const count = big.u32(4);
  if (count === 0 || count > MAX_SLICES) big.fail(`universal binary declares ${count} slices`);
  const entrySize = magic === FAT_MAGIC_64 ? 32 : 20;
  const slices: MachOSlice[] = [];
  for (let i = 0; i < count; i++) {
    const at = 8 + i * entrySize;
    const offset = magic === FAT_MAGIC_64 ? big.u64(at + 8) : big.u32(at + 8);
    const size = magic === FAT_MAGIC_64 ? big.u64(at + 16) : big.u32(at + 12);
    big.check(offset, size, `slice ${i}`);
    slices.push(readSlice(buffer, offset, size, name));
  }
  return slices;
}

function readSlice(buffer: Buffer, start: number, size: number, name: string): MachOSlice {
  const le: BinaryReader = new BinaryReader(buffer, name, true);
  const magic = le.u32(start);
  if (magic !== MH_MAGIC && magic !== MH_MAGIC_64) le.fail(`slice at ${start} has bad magic`);
  const cpuType = le.u32(start + 4);
  const commands = le.u32(start + 16);
  if (commands > MAX_COMMANDS) le.fail(`declares ${commands} load commands`);
  let at = start + (magic === MH_MAGIC_64 ? 32 : 28);
  let entitlements: Buffer | null = null;
  let encrypted = false;
  for (let i = 0; i < commands; i++) {
    const cmd = le.u32(at);
    const cmdSize = le.u32(at + 4);
    if (cmdSize < 8 || at + cmdSize > start + size) le.fail(`load command ${i} has a bad size`);
    if (cmd === LC_CODE_SIGNATURE) {
      const dataOffset = le.u32(at + 8);
      const dataSize = le.u32(at + 12);
      le.check(start + dataOffset, dataSize, 'code signature');
      entitlements = readEntitlements(
        buffer.subarray(start + dataOffset, start + dataOffset + dataSize),
        name,
      );
    } else if (cmd === LC_ENCRYPTION_INFO || cmd === LC_ENCRYPTION_INFO_64) {
      encrypted = le.u32(at + 16) !== 0;
    }
    at += cmdSize;
  }
  return { cpuType, entitlements, encrypted };
}

function readEntitlements(signature: Buffer, name: string): Buffer | null {
  const reader: BinaryReader = new BinaryReader(signature, `${name} code signature`, false);
  if (signature.length < 12 || reader.u32(0) !== CSMAGIC_EMBEDDED_SIGNATURE) return null;
  const count = reader.u32(8);
  if (count > 64) reader.fail(`declares ${count} blobs`);
  for (let i = 0; i < count; i++) {
    const type = reader.u32(12 + i * 8);
    const offset = reader.u32(16 + i * 8);
    if (type !== CSSLOT_ENTITLEMENTS) continue;
    if (reader.u32(offset) !== CSMAGIC_EMBEDDED_ENTITLEMENTS) reader.fail('entitlements blob has bad magic');
    const length = reader.u32(offset + 4);
    if (length < 8) reader.fail('entitlements blob is too short');
    return Buffer.from(reader.slice(offset + 8, length - 8, 'entitlements'));
  }
  return null;
}

/**
 * The plist inside embedded.mobileprovision: a CMS SignedData whose content is an XML plist. Rather than
 * parse CMS, the XML is cut out between its declaration and the closing tag.
 */
export function mobileprovisionPlist(buffer: Buffer): Buffer | null {
  const start = buffer.indexOf('<?xml');
  const endTag = Buffer.from('</plist>');
  const end = start < 0 ? -1 : buffer.indexOf(endTag, start);
  if (start < 0 || end < 0) return null;
  return buffer.subarray(start, end + endTag.length);
}

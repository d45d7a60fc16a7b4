/**
 * Builders for the iOS side of the test IPAs: a 64-bit Mach-O executable with an embedded code signature
 * carrying entitlements, and an embedded.mobileprovision. The signature structures are real in layout
 * (SuperBlob, entitlements blob) but carry no CodeDirectory hashes or CMS signature: the scanner reads
 * them, it does not verify them.
 */
import { build as buildXmlPlist, type PlistValue as PlistInput } from 'plist';

function u32le(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(value >>> 0);
  return b;
}
function u32be(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(value >>> 0);
  return b;
}

export function xmlPlist(value: PlistInput): Buffer {
  return Buffer.from(buildXmlPlist(value), 'utf8');
}

/** SuperBlob (CSMAGIC_EMBEDDED_SIGNATURE) holding one entitlements blob in slot 5. */
function codeSignature(entitlements: Buffer): Buffer {
  const blob = Buffer.concat([u32be(0xfade7171), u32be(8 + entitlements.length), entitlements]);
  const headerLength = 12 + 8;
  return Buffer.concat([
    u32be(0xfade0cc0),
    u32be(headerLength + blob.length),
    u32be(1),
    u32be(5),
    u32be(headerLength),
    blob,
  ]);
}

export interface MachOOptions {
  strings: string[];
  entitlements?: Record<string, unknown>;
  encrypted?: boolean;
}

/** An arm64 MH_EXECUTE whose data holds `strings` (NUL-separated, as in __cstring). */
export function buildMachO(options: MachOOptions): Buffer {
  const text = Buffer.concat(options.strings.map((s) => Buffer.from(`${s}\0`, 'utf8')));
  const signature = options.entitlements ? codeSignature(xmlPlist(options.entitlements as PlistInput)) : null;
  const encryptionCommand = 24;
  const signatureCommand = signature ? 16 : 0;
  const headerSize = 32;
  const commandsSize = encryptionCommand + signatureCommand;
  const textOffset = headerSize + commandsSize;
  const signatureOffset = textOffset + text.length + ((16 - ((textOffset + text.length) % 16)) % 16);
  const header = Buffer.concat([
    u32le(0xfeedfacf),
    u32le(0x0100000c),
    u32le(0),
    u32le(2),
    u32le(signature ? 2 : 1),
    u32le(commandsSize),
    u32le(0),
    u32le(0),
  ]);
  const encryption = Buffer.concat([
    u32le(0x2c),
    u32le(encryptionCommand),
    u32le(textOffset),
    u32le(text.length),
    u32le(options.encrypted ? 1 : 0),
    u32le(0),
  ]);
  const signatureLoad = signature
    ? Buffer.concat([u32le(0x1d), u32le(16), u32le(signatureOffset), u32le(signature.length)])
    : Buffer.alloc(0);
  const padding = Buffer.alloc(signatureOffset - textOffset - text.length);
  return Buffer.concat([header, encryption, signatureLoad, text, padding, signature ?? Buffer.alloc(0)]);
}

/** A provisioning profile: an XML plist wrapped in bytes shaped like the start and end of a CMS envelope. */
export function buildMobileprovision(profile: Record<string, unknown>): Buffer {
  const cmsHead = Buffer.from([
    0x30, 0x80, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02, 0xa0, 0x80,
  ]);
  const cmsTail = Buffer.from([0x00, 0x00, 0xa0, 0x82, 0x01, 0x00, 0x00, 0x00]);
  return Buffer.concat([cmsHead, xmlPlist(profile as PlistInput), cmsTail]);
}

import { BinaryReader } from '../binary-reader.js';
import type { FindingDraft } from '../findings.js';

/**
 * Which APK signature schemes are present, read without verifying signatures: v1 is the JAR signature
 * (META-INF/*.SF with a PKCS#7 block), v2/v3/v3.1 live in the APK Signing Block that sits just before the
 * ZIP central directory (magic "APK Sig Block 42"). The certificates are searched for the subject the
 * Android build tools give their auto-generated debug key (CN=Android Debug).
 */

/** Random access to the file being scanned (a file handle in the scanner, a Buffer in tests). */
export interface RandomAccess {
  size: number;
  read(position: number, length: number): Promise<Buffer>;
}

export function bufferAccess(buffer: Buffer): RandomAccess {
  return {
    size: buffer.length,
    read: async (position, length) => buffer.subarray(position, position + length),
  };
}

const BLOCK_MAGIC = Buffer.from('APK Sig Block 42', 'latin1');
const SCHEME_IDS: Record<number, string> = { 1896449818: 'v2', 4031998144: 'v3', 462663009: 'v3.1' };
const MAX_BLOCK = 32 * 1024 * 1024;
const EOCD_SEARCH = 0xffff + 22;

export interface SigningFacts {
  /** Schemes found, in order: v1, v2, v3, v3.1. */
  schemes: string[];
  /** Other ids found in the signing block (source stamp, padding, vendor blocks), in hex. */
  otherBlocks: string[];
  debugCertificate: boolean;
}

/** Offset of the central directory, from the end-of-central-directory record. */
async function centralDirectoryOffset(file: RandomAccess): Promise<number | null> {
  const length = Math.min(file.size, EOCD_SEARCH);
  const tail = await file.read(file.size - length, length);
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) return tail.readUInt32LE(i + 16);
  }
  return null;
}

/** The id → value pairs of the APK Signing Block, or null when the APK has none. */
export async function readSigningBlock(file: RandomAccess): Promise<Map<number, Buffer> | null> {
  const cd = await centralDirectoryOffset(file);
  if (cd === null || cd < 32 || cd > file.size) return null;
  const footer = await file.read(cd - 24, 24);
  if (!footer.subarray(8).equals(BLOCK_MAGIC)) return null;
  const reader = new BinaryReader(footer, 'APK Signing Block');
  const size = reader.u64(0);
  if (size < 24 || size > MAX_BLOCK || size + 8 > cd) reader.fail(`declared size ${size} is not plausible`);
  const block = new BinaryReader(await file.read(cd - size - 8, size + 8), 'APK Signing Block');
  if (block.u64(0) !== size) block.fail('the two size fields disagree');
  const pairs = new Map<number, Buffer>();
  for (let offset = 8; offset < block.length - 24; ) {
    const pairLength = block.u64(offset);
    if (pairLength < 4 || offset + 8 + pairLength > block.length - 24)
      block.fail(`pair at ${offset} runs past the block`);
    pairs.set(block.u32(offset + 8), block.slice(offset + 12, pairLength - 4));
    offset += 8 + pairLength;
  }
  return pairs;
}

/** Certificates (DER) of every signer in a v2/v3 scheme block. */
export function schemeCertificates(value: Buffer): Buffer[] {
  const reader = new BinaryReader(value, 'APK signature scheme block');
  const out: Buffer[] = [];
  const sequence = (start: number, end: number, visit: (s: number, e: number) => void) => {
    for (let p = start; p < end; ) {
      const length = reader.u32(p);
      if (p + 4 + length > end) reader.fail(`length-prefixed item at ${p} runs past its parent`);
      visit(p + 4, p + 4 + length);
      p += 4 + length;
    }
  };
  const signersLength = reader.u32(0);
  reader.check(4, signersLength, 'signers');
  sequence(4, 4 + signersLength, (signerStart) => {
    const signedDataLength = reader.u32(signerStart);
    const signedData = signerStart + 4;
    reader.check(signedData, signedDataLength, 'signed data');
    const digestsLength = reader.u32(signedData);
    const certificates = signedData + 4 + digestsLength;
    const certificatesLength = reader.u32(certificates);
    sequence(certificates + 4, certificates + 4 + certificatesLength, (s, e) =>
      out.push(value.subarray(s, e)),
    );
  });
  return out;
}

// CN (OID 2.5.4.3) followed by a UTF8String or PrintableString of length 13 reading "Android Debug".
const DEBUG_CN = Buffer.from('Android Debug', 'latin1');
export function hasDebugSubject(der: Buffer): boolean {
  for (let i = der.indexOf(DEBUG_CN); i >= 0; i = der.indexOf(DEBUG_CN, i + 1)) {
    if (i >= 7 && der[i - 1] === 13 && (der[i - 2] === 0x0c || der[i - 2] === 0x13)) {
      if (der.subarray(i - 7, i - 2).equals(Buffer.from([0x06, 0x03, 0x55, 0x04, 0x03]))) return true;
    }
  }
  return false;
}

/**
 * Reads the signing facts. `v1Blocks` are the PKCS#7 signature files (META-INF/*.RSA|DSA|EC) paired with
 * a .SF signature file; an APK with a .SF but no block (or the reverse) is not v1-signed.
 */
export async function readSigning(file: RandomAccess, v1Blocks: Buffer[]): Promise<SigningFacts> {
  const schemes: string[] = [];
  const otherBlocks: string[] = [];
  let debugCertificate = v1Blocks.some(hasDebugSubject);
  if (v1Blocks.length > 0) schemes.push('v1');
  const pairs = await readSigningBlock(file);
  for (const [id, value] of pairs ?? []) {
    const scheme = SCHEME_IDS[id];
    if (!scheme) {
      otherBlocks.push(`0x${id.toString(16).padStart(8, '0')}`);
      continue;
    }
    schemes.push(scheme);
    if (schemeCertificates(value).some(hasDebugSubject)) debugCertificate = true;
  }
  const order = ['v1', 'v2', 'v3', 'v3.1'];
  schemes.sort((x, y) => order.indexOf(x) - order.indexOf(y));
  return { schemes, otherBlocks, debugCertificate };
}

export function signingFindings(facts: SigningFacts): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  const location = 'APK signature';
  if (facts.schemes.length === 0)
    drafts.push({
      ruleId: 'android-unsigned',
      location,
      subject: 'signature',
      evidence: 'no v1, v2 or v3 signature found',
    });
  else if (facts.schemes.length === 1 && facts.schemes[0] === 'v1')
    drafts.push({
      ruleId: 'android-signing-v1-only',
      location,
      subject: 'signature',
      evidence: 'signature schemes: v1 only (no APK Signing Block)',
    });
  if (facts.debugCertificate)
    drafts.push({
      ruleId: 'android-debug-certificate',
      location,
      subject: 'certificate',
      evidence: 'signing certificate subject CN=Android Debug',
    });
  return drafts;
}

import { open as openFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { crc32, createInflateRaw } from 'node:zlib';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { AppError, registerErrorMessages } from './errors.js';

/**
 * A ZIP reader for untrusted archives (XLSX uploads, APK and IPA packages, evidence bundles).
 *
 * The central directory is parsed by yauzl; inflation, byte counting and checksums are ours. Nothing here
 * trusts a declared size: every entry is inflated as a stream and abandoned the moment its real output
 * passes what was declared (itself checked against the caps first), and every read counts towards the
 * archive's total, so memory stays bounded by the caps whatever the archive claims.
 */

export interface ZipLimits {
  /** Most entries the central directory may list (directories included). */
  maxEntries: number;
  /** Most real, inflated bytes one entry may produce. */
  maxEntryBytes: number;
  /** Most real, inflated bytes all reads from one opened archive may produce together. */
  maxTotalBytes: number;
}

/** An archive in memory, or a file on disk (read through a file descriptor, never loaded whole). */
export type ZipSource = Buffer | { path: string };

export interface ZipEntryInfo {
  readonly name: string;
  readonly isDirectory: boolean;
  /** What the central directory claims; enforced while reading, never trusted for memory. */
  readonly declaredSize: number;
  readonly compressedSize: number;
  /** 0 = stored, 8 = deflate; anything else cannot be read. */
  readonly compressionMethod: number;
  readonly encrypted: boolean;
}

const ZIP_ERRORS = {
  ZIP_NOT_A_ZIP: [422, '檔案不是 ZIP 壓縮檔。', 'The file is not a ZIP archive.'],
  ZIP_TRUNCATED: [422, '壓縮檔不完整（檔案被截斷）。', 'The archive is incomplete (truncated).'],
  ZIP_CORRUPT: [422, '壓縮檔內容損毀。', 'The archive is corrupt.'],
  ZIP_UNSUPPORTED: [
    422,
    '壓縮檔使用了不支援的功能（加密、分割或不支援的壓縮方式）。',
    'The archive uses an unsupported feature (encryption, multiple disks or an unknown compression method).',
  ],
  ZIP_TOO_MANY_ENTRIES: [413, '壓縮檔內的檔案數量過多。', 'The archive holds too many entries.'],
  ZIP_ENTRY_TOO_LARGE: [
    413,
    '壓縮檔內的單一檔案解壓縮後過大。',
    'An entry in the archive unpacks to more than allowed.',
  ],
  ZIP_TOTAL_TOO_LARGE: [
    413,
    '壓縮檔解壓縮後總量過大。',
    'The archive unpacks to more than allowed in total.',
  ],
  ZIP_SIZE_MISMATCH: [
    422,
    '壓縮檔內檔案的實際大小與宣告不符，已拒絕。',
    'An entry unpacks to a size other than the one it declares; the archive was refused.',
  ],
  ZIP_ENTRY_NAME_TRAVERSAL: [
    422,
    '壓縮檔內的檔名含有「..」路徑。',
    'An entry name climbs out of the archive (“..”).',
  ],
  ZIP_ENTRY_NAME_ABSOLUTE: [422, '壓縮檔內的檔名是絕對路徑。', 'An entry name is an absolute path.'],
  ZIP_ENTRY_NAME_BACKSLASH: [422, '壓縮檔內的檔名含有反斜線。', 'An entry name contains a backslash.'],
  ZIP_ENTRY_NAME_INVALID: [
    422,
    '壓縮檔內的檔名為空白或含有控制字元。',
    'An entry name is empty or contains control characters.',
  ],
  ZIP_DUPLICATE_ENTRY: [422, '壓縮檔內有重複的檔名。', 'The archive lists the same name twice.'],
  ZIP_ENTRY_NOT_FOUND: [422, '壓縮檔內缺少所需的檔案。', 'A required entry is missing from the archive.'],
} as const satisfies Record<string, readonly [number, string, string]>;

export type ZipErrorCode = keyof typeof ZIP_ERRORS;

registerErrorMessages(
  Object.fromEntries(Object.entries(ZIP_ERRORS).map(([code, [, zh, en]]) => [code, { 'zh-TW': zh, en }])),
);

/** A refusal with a stable code; as an AppError it renders as 413 (caps) or 422 (everything else). */
export class ZipError extends AppError {
  declare readonly code: ZipErrorCode;
  constructor(code: ZipErrorCode, details?: Record<string, unknown>) {
    super(ZIP_ERRORS[code][0], code, details);
    this.name = 'ZipError';
  }
}

const LOCAL_HEADER = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const EMPTY_ARCHIVE = Buffer.from([0x50, 0x4b, 0x05, 0x06]);

async function leadingBytes(source: ZipSource): Promise<Buffer> {
  if (Buffer.isBuffer(source)) return source.subarray(0, 4);
  const handle = await openFile(source.path, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** yauzl reports structure problems as plain Errors; sort them into our codes (unknown ones are corrupt). */
function structureError(error: unknown): ZipError {
  if (error instanceof ZipError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/signature not found|unexpected EOF|overflows file bounds/i.test(message))
    return new ZipError('ZIP_TRUNCATED');
  if (/multi-disk|encrypt/i.test(message)) return new ZipError('ZIP_UNSUPPORTED');
  return new ZipError('ZIP_CORRUPT');
}

/** Why a name is unsafe to use as a path anywhere, or null. Checked on every entry at open. */
export function entryNameProblem(name: string): ZipErrorCode | null {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
  if (name.length === 0 || /[\u0000-\u001f\u007f]/.test(name)) return 'ZIP_ENTRY_NAME_INVALID';
  if (name.includes('\\')) return 'ZIP_ENTRY_NAME_BACKSLASH';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'ZIP_ENTRY_NAME_ABSOLUTE';
  if (name.split('/').includes('..')) return 'ZIP_ENTRY_NAME_TRAVERSAL';
  return null;
}

interface Slot {
  info: ZipEntryInfo;
  entry: Entry;
}

export class BoundedZip {
  private inflatedBytes = 0;
  private readonly byName: Map<string, Slot>;

  private constructor(
    private readonly zipfile: ZipFile,
    private readonly limits: ZipLimits,
    slots: Slot[],
  ) {
    this.byName = new Map(slots.map((slot) => [slot.info.name, slot]));
    this.entries = slots.map((slot) => slot.info);
  }

  /** Every entry in central-directory order, names already checked. */
  readonly entries: readonly ZipEntryInfo[];

  /** Real bytes inflated so far by all reads (counts towards `maxTotalBytes`). */
  get bytesInflated(): number {
    return this.inflatedBytes;
  }

  /**
   * Opens an archive and reads its central directory (metadata only; bounded by the archive's own size).
   * Refuses wrong magic, truncation, too many entries, unsafe or duplicate names before any data is read.
   */
  static async open(source: ZipSource, limits: ZipLimits): Promise<BoundedZip> {
    const head = await leadingBytes(source);
    if (!head.equals(LOCAL_HEADER) && !head.equals(EMPTY_ARCHIVE)) {
      const cutShort =
        head.length > 0 && head.length < 4 && LOCAL_HEADER.subarray(0, head.length).equals(head);
      throw new ZipError(cutShort ? 'ZIP_TRUNCATED' : 'ZIP_NOT_A_ZIP');
    }
    // decodeStrings off: names are decoded and checked below, with our codes (yauzl would rewrite
    // backslashes to slashes); validateEntrySizes off: sizes are enforced while inflating, also with codes.
    const options = { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: false };
    let zipfile: ZipFile;
    try {
      zipfile = Buffer.isBuffer(source)
        ? await yauzl.fromBufferPromise(source, options)
        : await yauzl.openPromise(source.path, options);
    } catch (error) {
      throw structureError(error);
    }
    try {
      if (zipfile.entryCount > limits.maxEntries)
        throw new ZipError('ZIP_TOO_MANY_ENTRIES', {
          entries: zipfile.entryCount,
          maxEntries: limits.maxEntries,
        });
      const slots: Slot[] = [];
      const seen = new Set<string>();
      try {
        for await (const entry of zipfile.eachEntry()) {
          const name = yauzl.getFileNameLowLevel(
            entry.generalPurposeBitFlag,
            entry.fileNameRaw,
            entry.extraFields,
            true,
          );
          const problem = entryNameProblem(name);
          if (problem) throw new ZipError(problem, { entry: name });
          if (seen.has(name)) throw new ZipError('ZIP_DUPLICATE_ENTRY', { entry: name });
          seen.add(name);
          const info: ZipEntryInfo = {
            name,
            isDirectory: name.endsWith('/'),
            declaredSize: entry.uncompressedSize,
            compressedSize: entry.compressedSize,
            compressionMethod: entry.compressionMethod,
            encrypted: entry.isEncrypted(),
          };
          slots.push({ info, entry });
        }
      } catch (error) {
        throw structureError(error);
      }
      return new BoundedZip(zipfile, limits, slots);
    } catch (error) {
      zipfile.close();
      throw error;
    }
  }

  entry(name: string): ZipEntryInfo | undefined {
    return this.byName.get(name)?.info;
  }

  /**
   * Streams one entry's real content. Refuses before inflating when the declared size exceeds the caps,
   * and stops inflating as soon as the real output passes the declared size, so a consumer never receives
   * more than `min(maxEntryBytes, options.maxBytes)` bytes. The checksum is verified at the end.
   */
  async *stream(name: string, options: { maxBytes?: number } = {}): AsyncGenerator<Buffer, void, undefined> {
    const slot = this.byName.get(name);
    if (!slot) throw new ZipError('ZIP_ENTRY_NOT_FOUND', { entry: name });
    const { info, entry } = slot;
    if (info.encrypted || (info.compressionMethod !== 0 && info.compressionMethod !== 8))
      throw new ZipError('ZIP_UNSUPPORTED', { entry: name });
    const maxEntryBytes = Math.min(this.limits.maxEntryBytes, options.maxBytes ?? Number.POSITIVE_INFINITY);
    if (info.declaredSize > maxEntryBytes)
      throw new ZipError('ZIP_ENTRY_TOO_LARGE', { entry: name, maxEntryBytes });
    if (this.inflatedBytes + info.declaredSize > this.limits.maxTotalBytes)
      throw new ZipError('ZIP_TOTAL_TOO_LARGE', { maxTotalBytes: this.limits.maxTotalBytes });
    if (info.compressionMethod === 0 && info.compressedSize !== info.declaredSize)
      throw new ZipError('ZIP_SIZE_MISMATCH', { entry: name, declaredSize: info.declaredSize });

    let raw: Readable;
    try {
      raw = await this.zipfile.openReadStreamPromise(entry, { decodeFileData: false });
    } catch (error) {
      throw structureError(error);
    }
    const source = info.compressionMethod === 8 ? raw.pipe(createInflateRaw()) : raw;
    if (source !== raw) raw.on('error', (error) => source.destroy(error));
    let bytes = 0;
    let checksum = 0;
    try {
      for await (const chunk of source as AsyncIterable<Buffer>) {
        bytes += chunk.length;
        this.inflatedBytes += chunk.length;
        // The declared size is already within both caps, so holding the real output to it holds the caps.
        if (bytes > info.declaredSize)
          throw new ZipError('ZIP_SIZE_MISMATCH', { entry: name, declaredSize: info.declaredSize });
        if (this.inflatedBytes > this.limits.maxTotalBytes)
          throw new ZipError('ZIP_TOTAL_TOO_LARGE', { maxTotalBytes: this.limits.maxTotalBytes });
        checksum = crc32(chunk, checksum);
        yield chunk;
      }
    } catch (error) {
      if (error instanceof ZipError) throw error;
      throw structureError(error);
    } finally {
      raw.unpipe();
      raw.destroy();
      source.destroy();
    }
    if (bytes !== info.declaredSize)
      throw new ZipError('ZIP_SIZE_MISMATCH', { entry: name, declaredSize: info.declaredSize });
    if (checksum >>> 0 !== entry.crc32 >>> 0) throw new ZipError('ZIP_CORRUPT', { entry: name });
  }

  /** One entry's whole content, within the same caps as `stream`. */
  async read(name: string, options: { maxBytes?: number } = {}): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of this.stream(name, options)) chunks.push(chunk);
    return Buffer.concat(chunks);
  }

  /** Releases the file descriptor (a no-op for in-memory archives). Safe to call twice. */
  close(): void {
    if (this.zipfile.isOpen) this.zipfile.close();
  }
}

/** Opens, runs `work`, and always closes. */
export async function withZip<T>(
  source: ZipSource,
  limits: ZipLimits,
  work: (zip: BoundedZip) => Promise<T>,
): Promise<T> {
  const zip = await BoundedZip.open(source, limits);
  try {
    return await work(zip);
  } finally {
    zip.close();
  }
}

/** Inflates every file entry that `select` accepts (all by default), in archive order, within the caps. */
export function readZipEntries(
  source: ZipSource,
  limits: ZipLimits,
  select: (entry: ZipEntryInfo) => boolean = () => true,
): Promise<Map<string, Buffer>> {
  return withZip(source, limits, async (zip) => {
    const out = new Map<string, Buffer>();
    for (const entry of zip.entries)
      if (!entry.isDirectory && select(entry)) out.set(entry.name, await zip.read(entry.name));
    return out;
  });
}

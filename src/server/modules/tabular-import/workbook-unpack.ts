import { readZipEntries, ZipError, type ZipLimits } from '../../platform/bounded-unzip.js';
import { AppError } from '../../platform/errors.js';
import { storedEntry, writeZip } from '../../platform/zip-writer.js';

/**
 * Inflates a workbook with hard caps on real bytes and hands back an archive of the same entries stored
 * without compression. exceljs (through JSZip) trusts declared sizes; given this archive it can only read
 * bytes that were already inflated and counted here. Every XLSX import (checklists, registers) comes
 * through this with its own caps.
 */
export async function unpackWorkbook(
  input: Buffer,
  caps: ZipLimits,
  /** The caller's error codes: each import speaks of its own kind of file. */
  codes: { tooLarge: string; unreadable: string },
): Promise<Buffer> {
  let entries: Map<string, Buffer>;
  try {
    entries = await readZipEntries(input, caps);
  } catch (error) {
    if (!(error instanceof ZipError)) throw error;
    if (error.statusCode === 413)
      throw new AppError(413, codes.tooLarge, {
        reason: error.code,
        maxUnpackedBytes: caps.maxTotalBytes,
      });
    throw new AppError(422, codes.unreadable, { reason: error.code });
  }
  return writeZip([...entries].map(([name, content]) => storedEntry(name, content)));
}

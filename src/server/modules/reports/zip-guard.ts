import { readZipEntries, ZipError, type ZipLimits } from '../../platform/bounded-unzip.js';
import { AppError } from '../../platform/errors.js';
import { storedEntry, writeZip } from '../../platform/zip-writer.js';

const MiB = 1024 * 1024;

/**
 * The one set of caps for an offline-edited checklist, whether it arrives through the API or through
 * `jianhe assessment import`. A 63-item export unpacks to well under 1 MB, and one with every answer at its
 * longest (20,000 characters) to about 10 MB; these leave room for that and nothing like a zip bomb.
 */
export const CHECKLIST_IMPORT_CAPS = {
  /** Largest file read at all (and never more than the evidence upload limit). */
  maxFileBytes: 20 * MiB,
  unpacked: { maxEntries: 1_000, maxEntryBytes: 32 * MiB, maxTotalBytes: 50 * MiB } satisfies ZipLimits,
} as const;

/** The largest checklist file accepted under a given evidence upload limit. */
export const importFileLimit = (maxUploadBytes: number): number =>
  Math.min(maxUploadBytes, CHECKLIST_IMPORT_CAPS.maxFileBytes);

/**
 * Inflates the workbook with hard caps on real bytes and hands back an archive of the same entries stored
 * without compression. exceljs (through JSZip) trusts declared sizes; given this archive it can only read
 * bytes that were already inflated and counted here.
 */
export async function unpackChecklist(input: Buffer): Promise<Buffer> {
  let entries: Map<string, Buffer>;
  try {
    entries = await readZipEntries(input, CHECKLIST_IMPORT_CAPS.unpacked);
  } catch (error) {
    if (!(error instanceof ZipError)) throw error;
    if (error.statusCode === 413)
      throw new AppError(413, 'IMPORT_TOO_LARGE', {
        reason: error.code,
        maxUnpackedBytes: CHECKLIST_IMPORT_CAPS.unpacked.maxTotalBytes,
      });
    throw new AppError(422, 'IMPORT_NOT_XLSX', { reason: error.code });
  }
  return writeZip([...entries].map(([name, content]) => storedEntry(name, content)));
}

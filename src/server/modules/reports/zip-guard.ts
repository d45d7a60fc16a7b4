import type { ZipLimits } from '../../platform/bounded-unzip.js';
import { unpackWorkbook } from '../tabular-import/workbook-unpack.js';

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

/** The checklist through the shared bounded workbook unpacking, under the checklist's caps. */
export function unpackChecklist(input: Buffer): Promise<Buffer> {
  return unpackWorkbook(input, CHECKLIST_IMPORT_CAPS.unpacked, {
    tooLarge: 'IMPORT_TOO_LARGE',
    unreadable: 'IMPORT_NOT_XLSX',
  });
}

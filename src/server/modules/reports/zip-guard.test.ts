import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { deflatedZeros } from '../../../../test/support/zip-bomb.mjs';
import { BoundedZip, readZipEntries } from '../../platform/bounded-unzip.js';
import { storedEntry, writeZip } from '../../platform/zip-writer.js';
import { readAssessmentWorkbook } from './xlsx-import.js';
import { CHECKLIST_IMPORT_CAPS, unpackChecklist } from './zip-guard.js';

const SHEET = 'xl/worksheets/sheet1.xml';

async function smallWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Sheet1').addRow(['項次', '說明']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The workbook's own entries, with `replace` swapped in for its first sheet. */
async function workbookWith(
  replace: (entries: Map<string, Buffer>) => Parameters<typeof writeZip>[0],
): Promise<Buffer> {
  return writeZip(replace(await readZipEntries(await smallWorkbook(), CHECKLIST_IMPORT_CAPS.unpacked)));
}

describe('checklist zip guard', () => {
  let issueBomb: Buffer;
  beforeAll(async () => {
    // The case from the issue: a ~414 KB workbook whose directory declares 16 KB for a sheet that
    // really inflates to 400 MB.
    const zeros = await deflatedZeros(400 * 1024 * 1024);
    issueBomb = await workbookWith((entries) =>
      [...entries].map(([name, content]) =>
        name === SHEET
          ? { name, method: 8, data: zeros.data, crc32: zeros.crc32, uncompressedSize: 16_384 }
          : storedEntry(name, content),
      ),
    );
  });

  it('refuses the issue’s zip bomb (16 KB declared, 400 MB real) as too large, before exceljs sees it', async () => {
    expect(issueBomb.length).toBeGreaterThan(350_000);
    expect(issueBomb.length).toBeLessThan(500_000);
    await expect(readAssessmentWorkbook(issueBomb)).rejects.toMatchObject({
      statusCode: 413,
      code: 'IMPORT_TOO_LARGE',
      details: { reason: 'ZIP_DECLARED_SIZE_EXCEEDED' },
    });
  });

  it('refuses an archive that declares more than a checklist could ever unpack to, without inflating', async () => {
    const zip = await smallWorkbook();
    const central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt32LE(0x7fff_ffff, central + 24);
    await expect(readAssessmentWorkbook(zip)).rejects.toMatchObject({
      statusCode: 413,
      code: 'IMPORT_TOO_LARGE',
      details: { reason: 'ZIP_ENTRY_TOO_LARGE', maxUnpackedBytes: 50 * 1024 * 1024 },
    });
  });

  it('refuses unsafe entry names and non-archives as not an XLSX, saying why', async () => {
    const traversal = await workbookWith((entries) => [
      ...[...entries].map(([name, content]) => storedEntry(name, content)),
      storedEntry('../../evil.xml', Buffer.from('<x/>')),
    ]);
    await expect(readAssessmentWorkbook(traversal)).rejects.toMatchObject({
      statusCode: 422,
      code: 'IMPORT_NOT_XLSX',
      details: { reason: 'ZIP_ENTRY_NAME_TRAVERSAL' },
    });
    await expect(readAssessmentWorkbook(Buffer.from('項次,說明\n1,x\n'))).rejects.toMatchObject({
      statusCode: 422,
      code: 'IMPORT_NOT_XLSX',
      details: { reason: 'ZIP_NOT_A_ZIP' },
    });
  });

  it('hands exceljs the same entries, stored, so it can only read bytes already counted', async () => {
    const original = await smallWorkbook();
    const unpacked = await unpackChecklist(original);
    const before = await readZipEntries(original, CHECKLIST_IMPORT_CAPS.unpacked);
    const zip = await BoundedZip.open(unpacked, CHECKLIST_IMPORT_CAPS.unpacked);
    expect(zip.entries.map((e) => e.name)).toEqual([...before.keys()]);
    expect(zip.entries.every((e) => e.compressionMethod === 0 && e.compressedSize === e.declaredSize)).toBe(
      true,
    );
    for (const [name, content] of before) expect((await zip.read(name)).equals(content)).toBe(true);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(unpacked as unknown as ArrayBuffer);
    expect(book.getWorksheet('Sheet1')!.getCell('B1').value).toBe('說明');
  });
});

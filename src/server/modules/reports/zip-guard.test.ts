import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readAssessmentWorkbook } from './xlsx-import.js';
import { declaredUncompressedSize } from './zip-guard.js';

async function smallWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Sheet1').addRow(['項次', '說明']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('zip guard', () => {
  it('reads the declared sizes of a real XLSX without inflating it', async () => {
    const declared = declaredUncompressedSize(await smallWorkbook());
    expect(declared!.entries).toBeGreaterThan(3);
    expect(declared!.bytes).toBeGreaterThan(1_000);
    expect(declared!.bytes).toBeLessThan(100_000);
    expect(declaredUncompressedSize(Buffer.from('not a zip at all, just text'))).toBeNull();
  });

  it('refuses an archive that declares more than a checklist could ever unpack to', async () => {
    const zip = await smallWorkbook();
    const central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt32LE(0x7fff_ffff, central + 24);
    expect(declaredUncompressedSize(zip)!.bytes).toBeGreaterThan(2_000_000_000);
    await expect(readAssessmentWorkbook(zip)).rejects.toMatchObject({
      statusCode: 413,
      code: 'IMPORT_TOO_LARGE',
    });
  });
});

import type ExcelJS from 'exceljs';

/** Every zip entry gets 1 Jan 2000 00:00 (in MS-DOS form), so the same inputs give byte-identical files. */
export const DOS_DATE = ((2000 - 1980) << 9) | (1 << 5) | 1;
export const DOS_TIME = 0;

/**
 * exceljs stamps each zip entry with the current time. The stamps sit at fixed offsets of each
 * local header and central directory record and no checksum covers them, so they are
 * overwritten in place (no second compression pass), in the buffer given.
 */
function withFixedZipDates(xlsx: Buffer): Buffer {
  const out = xlsx;
  // End of central directory: signature 0x06054b50, searched from the end (comment ≤ 64 KB).
  let eocd = -1;
  for (let i = out.length - 22; i >= Math.max(0, out.length - 22 - 65_535); i--) {
    if (out.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip: no end of central directory');
  const entries = out.readUInt16LE(eocd + 10);
  let record = out.readUInt32LE(eocd + 16);
  for (let n = 0; n < entries; n++) {
    if (out.readUInt32LE(record) !== 0x02014b50) throw new Error('corrupt central directory');
    out.writeUInt16LE(DOS_TIME, record + 12);
    out.writeUInt16LE(DOS_DATE, record + 14);
    const local = out.readUInt32LE(record + 42);
    out.writeUInt16LE(DOS_TIME, local + 10);
    out.writeUInt16LE(DOS_DATE, local + 12);
    record += 46 + out.readUInt16LE(record + 28) + out.readUInt16LE(record + 30) + out.readUInt16LE(record + 32);
  }
  return out;
}

/**
 * An in-memory workbook's bytes, ready to write (the template's; results are streamed, see
 * book.ts): deflated at level 1 (exceljs compresses in JavaScript, and the default level costs
 * seconds on a city month for a few per cent of size) with fixed dates.
 */
export async function packWorkbook(workbook: ExcelJS.Workbook): Promise<Buffer> {
  const options = { zip: { compression: 'DEFLATE', compressionOptions: { level: 1 } } } as unknown as Partial<ExcelJS.XlsxWriteOptions>;
  return withFixedZipDates(Buffer.from(await workbook.xlsx.writeBuffer(options)));
}

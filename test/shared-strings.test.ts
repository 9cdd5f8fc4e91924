import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
// exceljs's own writer of xl/sharedStrings.xml, which book.ts writes in slices instead.
import SharedStringsXform from 'exceljs/lib/xlsx/xform/strings/shared-strings-xform.js';
import { openGuardedZip } from '../src/read/zip-guard.js';
import { Book } from '../src/write/book.js';
import { table } from '../src/write/sheets/style.js';
import { tempDir } from './workbook.js';

async function entryText(path: string, name: string): Promise<string> {
  const zip = await openGuardedZip(path);
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of (await zip.open(name))!) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    zip.close();
  }
}

/** Texts that XML escaping and exceljs's rule for keeping spaces treat specially, and CJK. */
const textArb = fc.string({ unit: fc.constantFrom('a', '张', ' ', '\n', '&', '<', '>', '"', "'", '\t', '1'), maxLength: 6 });

/** The texts of a two-column table written by Book, and its xl/sharedStrings.xml. */
async function writtenStrings(rows: readonly (readonly [string, string])[]): Promise<{ values: string[]; xml: string }> {
  const book = new Book();
  const sheet = book.sheet('明细', { titleRows: '1:1' });
  const header = ['说明', '来源'];
  await table(
    sheet,
    header.map((h) => ({ header: h, kind: 'text' as const, width: 20 })),
    rows.map((r) => [...r]),
  );
  const path = join(tempDir(), 'out.xlsx');
  writeFileSync(path, await book.bytes());
  // Each text listed once, where it first came.
  return { values: [...new Set([...header, ...rows.flat()])], xml: await entryText(path, 'xl/sharedStrings.xml') };
}

describe('xl/sharedStrings.xml', () => {
  test.prop([fc.array(fc.tuple(textArb, textArb), { minLength: 1, maxLength: 30 })], { numRuns: 40 })('is what exceljs would write for the same texts, in the order the cells gave them', async (rows) => {
    const { values, xml } = await writtenStrings(rows);
    // exceljs hands the xform its SharedStrings object, whose count is that of the distinct texts (not of the cells).
    expect(xml).toBe(new SharedStringsXform().toXml({ values, count: values.length }));
  });

  test('is the same when its texts are handed to the zip in several slices', async () => {
    // 2 header texts + 2 × 5,000 distinct row texts = 10,002 texts: slices of 4,096 make three,
    // the last of 1,810 texts, so a text lost or doubled at a slice's edge shows.
    const rows = Array.from({ length: 5000 }, (_, i) => [`第${i}条 <说明>`, ` 来源 ${i}`] as const);
    const { values, xml } = await writtenStrings(rows);
    expect(values).toHaveLength(10002);
    expect(xml).toBe(new SharedStringsXform().toXml({ values, count: values.length }));
  });
});

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

describe('xl/sharedStrings.xml', () => {
  test.prop([fc.array(fc.tuple(textArb, textArb), { minLength: 1, maxLength: 30 })], { numRuns: 40 })('is what exceljs would write for the same texts, in the order the cells gave them', async (rows) => {
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
    // Each text listed once, where it first came. exceljs hands the xform its SharedStrings
    // object, whose count is that of the distinct texts (not of the cells).
    const values = [...new Set([...header, ...rows.flat()])];
    const expected = new SharedStringsXform().toXml({ values, count: values.length });
    expect(await entryText(path, 'xl/sharedStrings.xml')).toBe(expected);
  });
});

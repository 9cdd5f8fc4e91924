import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../src/messages.js';
import { readMonthWorkbook } from '../src/read/workbook-input.js';
import { fileProblem, Workbook } from '../src/read/xlsx.js';
import { kaohe } from './kaohe.js';
import { cell, rawXlsxBuffer, row, type RawSheet } from './raw-xlsx.js';
import { tempDir } from './workbook.js';

/** A row of inline texts and numbers from column A. */
function cells(r: number, values: readonly (string | number)[]): string {
  return row(r, values.map((v, i) => (typeof v === 'number' ? cell.number(`${String.fromCharCode(65 + i)}${r}`, v) : cell.text(`${String.fromCharCode(65 + i)}${r}`, v))));
}

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

const roster: RawSheet = { name: '人员', rows: cells(1, ['工号', '姓名', '窗口']) + cells(2, ['001', '张一', '民政']) + cells(3, ['002', '李二', '民政']) };
/** 张一 late once (1.1), 李二 absent twice (2.1): under bianmin-10pt 10 − 1 = 9 and 10 − 2 × 2 = 6. */
const recordRows = cells(1, ['日期', '工号', '项目', '次数']) + cells(2, ['2026-10-09', '001', '1.1', 1]) + cells(3, ['2026-10-12', '002', '2.1', 2]);
/** Another 记录: 李二 absent three times instead. */
const otherRecordRows = cells(1, ['日期', '工号', '项目', '次数']) + cells(2, ['2026-10-12', '002', '2.1', 3]);

/** The zip's bytes with one part name put for another of the same length, in its local header and in the directory. */
function renamed(zip: Buffer, from: string, to: string): Buffer {
  expect(Buffer.byteLength(from)).toBe(Buffer.byteLength(to));
  const bytes = Buffer.from(zip);
  const needle = Buffer.from(from);
  let at = bytes.indexOf(needle);
  let count = 0;
  for (; at >= 0; at = bytes.indexOf(needle, at + 1), count++) Buffer.from(to).copy(bytes, at);
  expect(count).toBe(2);
  return bytes;
}

/** The month workbook of 人员 and 记录, its zip changed by `change`: its path. */
async function month(change: (zip: Buffer) => Buffer, extra: Record<string, string> = {}, sheets: RawSheet[] = [roster, { name: '记录', rows: recordRows }]): Promise<string> {
  const path = join(tempDir(), '2026-10.xlsx');
  writeFileSync(path, change(await rawXlsxBuffer({ sheets, extra })));
  return path;
}

/** What opening and reading every sheet stops with, as fileProblem reports it. */
async function refusal(path: string) {
  try {
    const book = await Workbook.open(path);
    try {
      for (const sheet of book.sheets) await book.readSheet(sheet, { onRow: () => true });
    } finally {
      book.close();
    }
    return null;
  } catch (error) {
    const { code, at, args } = fileProblem(path, error);
    return { code, at, args };
  }
}

/** `kaohe score` of a month, written to an output that must not appear when it is refused. */
async function score(path: string) {
  const output = join(tempDir(), '结果.xlsx');
  const run = await kaohe('score', path, '--scheme', 'bianmin-10pt', '-o', output);
  return { ...run, written: existsSync(output) };
}

/** The month opens and scores with its one 记录: 张一 10 − 1 = 9, 李二 10 − 2 × 2 = 6. */
async function expectRecordsReadOnce(path: string): Promise<void> {
  expect(await refusal(path)).toBeNull();
  const run = await score(path);
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/张一\s+民政\s+9\s/);
  expect(run.stdout).toMatch(/李二\s+民政\s+6\s/);
}

describe('two parts of one name in a workbook zip', () => {
  it('refuses two different sheet parts of one name: which 记录 Excel would show is a guess', async () => {
    // The second 记录 under a stand-in name of the same length, then given the first's name.
    const path = await month((zip) => renamed(zip, 'xl/worksheets/sheetZ.xml', 'xl/worksheets/sheet2.xml'), { 'xl/worksheets/sheetZ.xml': `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${otherRecordRows}</sheetData></worksheet>` });
    expect(await refusal(path)).toEqual({ code: 'file_unreadable', at: { file: path }, args: { reason: 'damaged', fault: 'part_twice', ref: 'xl/worksheets/sheet2.xml', count: 2 } });
    const run = await score(path);
    expect([run.code, run.written]).toEqual([1, false]);
    expect(run.stdout + run.stderr).toContain('部件 xl/worksheets/sheet2.xml 在文件中出现 2 次');
  });

  it('refuses names that differ only in case (part names are case-insensitive), naming both', async () => {
    const path = await month((zip) => zip, { 'XL/Worksheets/Sheet2.xml': `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${otherRecordRows}</sheetData></worksheet>` });
    expect(await refusal(path)).toMatchObject({ code: 'file_unreadable', args: { fault: 'part_twice', ref: 'xl/worksheets/sheet2.xml、XL/Worksheets/Sheet2.xml', count: 2 } });
  });

  it('reads a part written twice with the same bytes as the one part it is', async () => {
    const sheetXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData>${recordRows}</sheetData></worksheet>`;
    await expectRecordsReadOnce(await month((zip) => renamed(zip, 'xl/worksheets/sheetZ.xml', 'xl/worksheets/sheet2.xml'), { 'xl/worksheets/sheetZ.xml': sheetXml }));
  });

  it('refuses one relationship Id given twice with two targets, naming the Id and both parts', async () => {
    const third: RawSheet = { name: '备注', rows: cells(1, ['说明']) };
    // The relationships as the writer puts them, but 备注's rId3 written rId2: 记录 is sheet2.xml or sheet3.xml.
    const rels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${worksheet(1, 1)}${worksheet(2, 2)}${worksheet(2, 3)}<Relationship Id="rId4" Type="${REL}/styles" Target="styles.xml"/></Relationships>`;
    const path = await month((zip) => zip, { 'xl/_rels/workbook.xml.rels': rels }, [roster, { name: '记录', rows: recordRows }, third]);
    expect(await refusal(path)).toEqual({
      code: 'file_unreadable',
      at: { file: path },
      args: { reason: 'damaged', fault: 'relationship_twice', part: 'xl/_rels/workbook.xml.rels', ref: 'rId2', targets: 'xl/worksheets/sheet2.xml、xl/worksheets/sheet3.xml' },
    });
    const run = await score(path);
    expect([run.code, run.written]).toEqual([1, false]);
  });
});

describe('a part the workbook lists but the zip lacks', () => {
  const withoutPart = (name: string) => (zip: Buffer) => renamed(zip, name, name.replace('.xml', '.bak'));

  it('names the sheet whose part is missing, and says nothing of 记录 it could not read', async () => {
    const path = await month(withoutPart('xl/worksheets/sheet2.xml'));
    expect(await refusal(path)).toEqual({ code: 'file_unreadable', at: { file: path, sheet: '记录' }, args: { reason: 'damaged', fault: 'sheet_part_missing', ref: 'xl/worksheets/sheet2.xml' } });
    const run = await score(path);
    expect([run.code, run.written]).toEqual([1, false]);
    // Not "记录表中也没有这几项": 记录 was not read.
    expect(run.stdout + run.stderr).not.toContain('记录表中也没有');
  });

  it('names an unused sheet whose part is missing too', async () => {
    const path = await month(withoutPart('xl/worksheets/sheet3.xml'), {}, [roster, { name: '记录', rows: recordRows }, { name: '备注', rows: cells(1, ['说明']) }]);
    const run = await score(path);
    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).toContain('› 备注: 文件已损坏：文件中缺少这张工作表的内容（部件 xl/worksheets/sheet3.xml）');
  });

  it('says the shared strings are missing when a cell is a shared string and the workbook has none', async () => {
    const path = await month((zip) => zip, {}, [roster, { name: '记录', rows: row(1, [cell.shared('A1', 0), cell.shared('B1', 1)]) }]);
    const found = await refusal(path);
    expect(found).toEqual({ code: 'file_unreadable', at: { file: path, sheet: '记录', row: 1 }, args: { reason: 'damaged', fault: 'strings_missing', ref: 'A1' } });
    expect(formatProblem({ ...found!, severity: 'error' })).toContain('共享文字部件（sharedStrings.xml）');
  });
});

/** The month workbook with its workbook.xml's <sheets> and its relationships replaced. */
async function listed(sheetElements: string, rels: string, parts: RawSheet[], extra: Record<string, string> = {}): Promise<string> {
  const workbook = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL}"><sheets>${sheetElements}</sheets></workbook>`;
  const relsXml = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`;
  return month((zip) => zip, { 'xl/workbook.xml': workbook, 'xl/_rels/workbook.xml.rels': relsXml, ...extra }, parts);
}
const sheet = (name: string, id: number) => `<sheet name="${name}" sheetId="${id}" r:id="rId${id}"/>`;
const worksheet = (id: number, n: number) => `<Relationship Id="rId${id}" Type="${REL}/worksheet" Target="worksheets/sheet${n}.xml"/>`;
const chart = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><chartsheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"/></sheetViews></chartsheet>`;

describe('sheets a reader could take two ways', () => {
  const three = [roster, { name: '记录', rows: recordRows }, { name: '记录2', rows: otherRecordRows }];

  it('refuses two sheets of one name, naming both parts: Excel repairs the file by renaming one, LibreOffice renames the second', async () => {
    const path = await listed(sheet('人员', 1) + sheet('记录', 2) + sheet('记录', 3), worksheet(1, 1) + worksheet(2, 2) + worksheet(3, 3), three);
    expect(await refusal(path)).toEqual({
      code: 'file_unreadable',
      at: { file: path },
      args: { reason: 'damaged', fault: 'sheet_name_twice', sheets: '“记录”、“记录”', parts: 'xl/worksheets/sheet2.xml、xl/worksheets/sheet3.xml' },
    });
    const run = await score(path);
    expect([run.code, run.written]).toEqual([1, false]);
    expect(run.stdout + run.stderr).toContain('工作表 “记录”、“记录” 同名（工作表名不分大小写），分别在部件 xl/worksheets/sheet2.xml、xl/worksheets/sheet3.xml 中');
    expect(run.stdout + run.stderr).toContain('请在 Excel 中打开后另存为 .xlsx');
  });

  it('refuses names that differ only in case, as Excel compares sheet names', async () => {
    const path = await listed(sheet('人员', 1) + sheet('Records', 2) + sheet('RECORDS', 3), worksheet(1, 1) + worksheet(2, 2) + worksheet(3, 3), three);
    expect(await refusal(path)).toMatchObject({ args: { fault: 'sheet_name_twice', sheets: '“Records”、“RECORDS”' } });
  });

  it('refuses one sheet listed twice (one name, one relationship)', async () => {
    const path = await listed(sheet('人员', 1) + sheet('记录', 2) + sheet('记录', 2), worksheet(1, 1) + worksheet(2, 2), [roster, { name: '记录', rows: recordRows }]);
    expect(await refusal(path)).toMatchObject({ args: { fault: 'sheet_name_twice', sheets: '“记录”、“记录”', parts: 'xl/worksheets/sheet2.xml、xl/worksheets/sheet2.xml' } });
  });

  it('refuses a chart sheet and a worksheet of one name: Excel names all its tabs in one set', async () => {
    const charted = `<Relationship Id="rId3" Type="${REL}/chartsheet" Target="chartsheets/sheet1.xml"/>`;
    const path = await listed(sheet('人员', 1) + sheet('记录', 2) + sheet('记录', 3), worksheet(1, 1) + worksheet(2, 2) + charted, [roster, { name: '记录', rows: recordRows }], { 'xl/chartsheets/sheet1.xml': chart });
    expect(await refusal(path)).toMatchObject({ args: { fault: 'sheet_name_twice', sheets: '“记录”、“记录”', parts: 'xl/worksheets/sheet2.xml、xl/chartsheets/sheet1.xml' } });
  });

  it('refuses two sheets on one part: whose rows it holds is a guess (the other sheet’s part lies unused)', async () => {
    // 记录 and 备注 both rId2 → sheet2.xml; sheet3.xml (rId3) belongs to no sheet.
    const path = await listed(sheet('人员', 1) + sheet('记录', 2) + '<sheet name="备注" sheetId="3" r:id="rId2"/>', worksheet(1, 1) + worksheet(2, 2) + worksheet(3, 3), three);
    expect(await refusal(path)).toEqual({ code: 'file_unreadable', at: { file: path }, args: { reason: 'damaged', fault: 'sheet_part_shared', sheets: '“记录”、“备注”', ref: 'xl/worksheets/sheet2.xml' } });
    const run = await score(path);
    expect([run.code, run.written]).toEqual([1, false]);
    expect(run.stdout + run.stderr).toContain('工作表 “记录”、“备注” 指向同一部件 xl/worksheets/sheet2.xml');
  });

  it('refuses two relationships that name one part in different case (part names are case-insensitive)', async () => {
    const upper = `<Relationship Id="rId3" Type="${REL}/worksheet" Target="Worksheets/Sheet2.xml"/>`;
    const path = await listed(sheet('人员', 1) + sheet('记录', 2) + sheet('备注', 3), worksheet(1, 1) + worksheet(2, 2) + upper, three);
    expect(await refusal(path)).toMatchObject({ args: { fault: 'sheet_part_shared', sheets: '“记录”、“备注”', ref: 'xl/worksheets/sheet2.xml' } });
  });
});

describe('a sheet that is no table of rows', () => {

  it('refuses a sheet whose relationship is missing, naming it: read as absent, a lost 记录 would change the scores without a word', async () => {
    // 记录 is rId2, and the relationships list only rId1 (人员).
    const path = await listed(sheet('人员', 1) + sheet('记录', 2), worksheet(1, 1), [roster, { name: '记录', rows: recordRows }]);
    expect(await refusal(path)).toEqual({ code: 'file_unreadable', at: { file: path }, args: { reason: 'damaged', fault: 'sheet_relationship_missing', sheet: '记录', ref: 'rId2', part: 'xl/_rels/workbook.xml.rels' } });
    const run = await score(path);
    expect([run.code, run.written]).toEqual([1, false]);
    expect(run.stdout + run.stderr).toContain('文件已损坏：工作表“记录”的编号 rId2 在 xl/_rels/workbook.xml.rels 中找不到');
    expect(run.stdout + run.stderr).not.toContain('缺少工作表');
  });

  it('refuses a sheet with no r:id at all, naming it', async () => {
    const path = await listed(sheet('人员', 1) + '<sheet name="备注" sheetId="2"/>', worksheet(1, 1), [roster]);
    expect(await refusal(path)).toMatchObject({ args: { fault: 'sheet_relationship_missing', sheet: '备注', ref: '' } });
  });

  it('says a chart sheet named 记录 is a chart, not a table, and not that 记录 is missing', async () => {
    const charted = `<Relationship Id="rId2" Type="${REL}/chartsheet" Target="chartsheets/sheet1.xml"/>`;
    const path = await listed(sheet('人员', 1) + sheet('记录', 2), worksheet(1, 1) + charted, [roster], { 'xl/chartsheets/sheet1.xml': chart });
    const read = await readMonthWorkbook(path, new Map([['roster', ['人员']], ['records', ['记录', 'records']]]));
    expect(read.problems.map(({ code, at, args }) => ({ code, at, args }))).toEqual([{ code: 'sheet_not_table', at: { file: path, sheet: '记录' }, args: { kind: 'chart', role: '记录' } }]);
    const run = await score(path);
    expect([run.code, run.written]).toEqual([1, false]);
    expect(run.stdout + run.stderr).toContain('› 记录: 这是图表工作表');
    expect(run.stdout + run.stderr).not.toContain('缺少工作表');
  });

  it('says a macro sheet under an alias of 人员 is a macro sheet, naming it as written', async () => {
    // An Excel 4 macro sheet (xl/macrosheets) named Staff, an alias of 人员 only in its name.
    const macro = `<Relationship Id="rId1" Type="http://schemas.microsoft.com/office/2006/relationships/xlMacrosheet" Target="macrosheets/sheet1.xml"/>`;
    const macroXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><xm:macrosheet xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><sheetData/></xm:macrosheet>`;
    const path = await listed(sheet('Staff', 1) + sheet('记录', 2), macro + worksheet(2, 2), [roster, { name: '记录', rows: recordRows }], { 'xl/macrosheets/sheet1.xml': macroXml });
    const run = await score(path);
    expect([run.code, run.written]).toEqual([1, false]);
    expect(run.stdout + run.stderr).toContain('› Staff: 这是宏工作表');
    expect(run.stdout + run.stderr).not.toContain('缺少工作表');
  });
});

describe('a part of another size than the zip directory says', () => {
  /** The zip's bytes with the central directory's inflated size of `name` set to `size` (yauzl reads the sizes there). */
  function declaredSize(zip: Buffer, name: string, size: number): Buffer {
    const bytes = Buffer.from(zip);
    for (let at = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); at >= 0; at = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 4)) {
      const nameLength = bytes.readUInt16LE(at + 28);
      if (bytes.toString('utf8', at + 46, at + 46 + nameLength) === name) {
        bytes.writeUInt32LE(size, at + 24);
        return bytes;
      }
    }
    throw new Error(`${name} not in the zip`);
  }
  const recordsCut = (zip: Buffer) => declaredSize(zip, 'xl/worksheets/sheet2.xml', 100);

  it('refuses a month whose 记录 part inflates past its declared size, naming the sheet and the part', async () => {
    const path = await month(recordsCut);
    expect(await refusal(path)).toEqual({ code: 'file_unreadable', at: { file: path, sheet: '记录' }, args: { reason: 'damaged', fault: 'part_longer', ref: 'xl/worksheets/sheet2.xml' } });
    const run = await score(path);
    expect([run.code, run.written]).toEqual([1, false]);
  });

  it('says nothing missing of the sheets left unread after it (attendance of the month stops at 记录, before 考勤)', async () => {
    const punches: RawSheet = { name: '考勤', rows: cells(1, ['工号', '日期', '时间']) + cells(2, ['001', '2026-10-09', '08:01']) };
    const path = await month(recordsCut, {}, [roster, { name: '记录', rows: recordRows }, punches]);
    const run = await kaohe('attendance', path);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('xl/worksheets/sheet2.xml 解压后比文件目录中记的大小长');
    expect(run.stderr).not.toContain('缺少工作表');
  });

  it('is an input problem, not an internal error, when the workbook is given by --punches (read as an export would be)', async () => {
    const path = await month(recordsCut);
    for (const args of [['attendance', '--punches', path], ['score', '--punches', path, '--scheme', 'bianmin-10pt', '--period', '2026-10']]) {
      const run = await kaohe(...args);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('文件已损坏：部件 xl/worksheets/sheet2.xml 解压后比文件目录中记的大小长');
    }
  });

  it('is an input problem when an export given to import or attendance is cut', async () => {
    // A one-sheet punch list under no month sheet's name: read as an export (typed first by its head).
    const punches: RawSheet = { name: 'Sheet1', rows: cells(1, ['工号', '姓名', '日期', '时间']) + cells(2, ['001', '张一', '2026-10-09', '08:01']) };
    const path = join(tempDir(), '打卡.xlsx');
    writeFileSync(path, declaredSize(await rawXlsxBuffer({ sheets: [punches] }), 'xl/worksheets/sheet1.xml', 100));
    for (const args of [['import', path, '-o', join(tempDir(), '导入.xlsx')], ['attendance', path, '--period', '2026-10']]) {
      const run = await kaohe(...args);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('文件已损坏：部件 xl/worksheets/sheet1.xml 解压后比文件目录中记的大小长');
    }
  });

  it('is an input problem when the roster workbook given by --roster is cut', async () => {
    const records = await month((zip) => zip, {}, [{ name: '记录', rows: recordRows }]);
    const rosterCut = join(tempDir(), '人员.xlsx');
    writeFileSync(rosterCut, declaredSize(await rawXlsxBuffer({ sheets: [roster] }), 'xl/worksheets/sheet1.xml', 100));
    const run = await kaohe('score', records, '--roster', rosterCut, '--scheme', 'bianmin-10pt');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('文件已损坏：部件 xl/worksheets/sheet1.xml 解压后比文件目录中记的大小长');
  });
});

describe('a part named with backslashes', () => {
  const backslashed = (zip: Buffer) => renamed(zip, 'xl/worksheets/sheet2.xml', 'xl\\worksheets\\sheet2.xml');

  it('reads xl\\worksheets\\sheet2.xml as xl/worksheets/sheet2.xml, as Excel does (the one part of that name)', async () => {
    await expectRecordsReadOnce(await month(backslashed));
  });

  it('refuses a backslashed part beside a different one of the same name', async () => {
    const other = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${otherRecordRows}</sheetData></worksheet>`;
    const path = await month((zip) => renamed(zip, 'xl/worksheets/sheetZ.xml', 'xl\\worksheets\\sheet2.xml'), { 'xl/worksheets/sheetZ.xml': other });
    expect(await refusal(path)).toMatchObject({ code: 'file_unreadable', args: { fault: 'part_twice', count: 2 } });
  });
});

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { Book } from '../src/write/book.js';
import { banner, PRINT_MARGINS, table, TITLE_FONT } from '../src/write/sheets/style.js';
import { kaohe } from './kaohe.js';
import { recordHeader, tempDir, writeWorkbook, type SheetRows } from './workbook.js';

/**
 * Print setup read back from every sheet of every workbook kaohe writes: A4, one page wide,
 * header rows repeated, margins, page numbers. (`npm run render -- <xlsx>` shows the pages.)
 */
const demo = 'fixtures/demo/2026-10.xlsx';

async function open(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

async function everyWorkbook(): Promise<Record<string, string>> {
  const dir = tempDir();
  const out = (name: string) => join(dir, name);
  const year = join(dir, 'months');
  mkdirSync(join(year, '北街'), { recursive: true });
  const roster: SheetRows = [['工号', '姓名', '窗口'], ['001', '甲', '民政'], ['002', '乙', '财政']];
  mkdirSync(join(dir, 'hall'));
  for (let m = 1; m <= 12; m++) {
    const mm = `2026-${String(m).padStart(2, '0')}`;
    await writeWorkbook(join(year, '北街', `${mm}.xlsx`), { 人员: roster, 记录: [recordHeader, [`${mm}-05`, '001', null, null, '1.1', 2]] });
    await writeWorkbook(join(dir, 'hall', `${mm}.xlsx`), { 人员: roster, 记录: [recordHeader, [`${mm}-05`, '001', null, null, '1.1', null, 2]] });
  }
  const annual = await writeWorkbook(join(dir, '2026年度.xlsx'), { 人员: roster, 记录: [recordHeader], 评分: [['工号', '项目', '分数'], ...['001', '002'].flatMap((id) => [[id, '2', 6], [id, '4', 8], [id, '5', 8]])] });
  const runs: [string, string[]][] = [
    ['result.xlsx', ['score', demo, '--scheme', 'bingcha-monthly', '--point-value', '50', '-o', out('result.xlsx')]],
    ['person.xlsx', ['score', 'fixtures/demo/2026-10-个人.xlsx', '--scheme', 'bianmin-10pt', '-o', out('person.xlsx')]],
    ['notice.xlsx', ['notice', demo, '--scheme', 'bingcha-monthly', '-o', out('notice.xlsx')]],
    ['attendance.xlsx', ['attendance', 'fixtures/demo/2026-11-考勤.xlsx', '-o', out('attendance.xlsx')]],
    ['template.xlsx', ['template', '--scheme', 'bingcha-monthly', '--roster', demo, '-o', out('template.xlsx')]],
    ['import.xlsx', ['import', 'fixtures/exports/钉钉考勤报表_20261101-20261130.xlsx', '--roster', 'fixtures/exports/人员.xlsx', '-o', out('import.xlsx')]],
    ['year.xlsx', ['year', join(year, '北街'), '--scheme', 'bianmin-10pt', '--point-value', '20', '-o', out('year.xlsx')]],
    ['batch', ['year', year, '--each', '--jobs', '1', '--scheme', 'bianmin-10pt', '-o', out('batch')]],
    ['annual.xlsx', ['year', join(dir, 'hall'), '--scheme', 'city-hall-annual', '--annual', annual, '-o', out('annual.xlsx')]],
  ];
  for (const [, args] of runs) {
    const run = await kaohe(...args, ...(['template', 'attendance', 'import'].includes(args[0]!) ? [] : ['--notice-date', '2026-11-23']));
    expect(run.code, `${args.join(' ')}\n${run.stderr}`).toBe(0);
  }
  return {
    result: out('result.xlsx'),
    person: out('person.xlsx'),
    notice: out('notice.xlsx'),
    attendance: out('attendance.xlsx'),
    template: out('template.xlsx'),
    import: out('import.xlsx'),
    year: out('year.xlsx'),
    centre: join(out('batch'), '北街-年度考核.xlsx'),
    summary: join(out('batch'), '汇总.xlsx'),
    annual: out('annual.xlsx'),
  };
}

describe('print setup of every sheet of every workbook', async () => {
  const files = await everyWorkbook();

  it.each(Object.keys(files))('%s: A4, fit to width, header rows repeated, margins, page numbers', async (name) => {
    const wb = await open(files[name] as string);
    for (const sheet of wb.worksheets) {
      const where = `${name} › ${sheet.name}`;
      expect(sheet.pageSetup, where).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true, margins: PRINT_MARGINS });
      expect(['portrait', 'landscape'], where).toContain(sheet.pageSetup.orientation);
      expect(sheet.headerFooter.oddFooter, where).toBe('&C第 &P 页 共 &N 页');
      // Every sheet with a table repeats its header row; the template's 说明 is text only.
      if (!(name === 'template' && sheet.name === '说明')) expect(sheet.pageSetup.printTitlesRow, where).toMatch(/^\d+:\d+$/);
      // LibreOffice does not shrink a single column wider than the page: it cuts it.
      if (sheet.columnCount === 1) expect(sheet.getColumn(1).width ?? 0, where).toBeLessThanOrEqual(78);
    }
  });

  it('公示: scores stored as numbers shown as they are, 名次 centred and never wrapped, every row one height', async () => {
    const sheet = (await open(files.result as string)).getWorksheet('公示')!;
    const scores: ExcelJS.Cell[] = [];
    const heights = new Set<number | undefined>();
    for (let n = 4; typeof sheet.getRow(n).getCell(1).value === 'number'; n++) {
      scores.push(sheet.getRow(n).getCell(3));
      heights.add(sheet.getRow(n).height);
      expect(sheet.getRow(n).getCell(1).alignment).toMatchObject({ horizontal: 'center' });
      expect(sheet.getRow(n).getCell(1).alignment.wrapText).not.toBe(true);
    }
    expect(scores).toHaveLength(12);
    for (const cell of scores) {
      expect(typeof cell.value).toBe('number');
      // General, no fixed decimals (convention 3): 106.5 shows 106.5, a 100 would show 100, not 100.0
      expect(cell.numFmt ?? 'General').toBe('General');
    }
    expect(heights.size).toBe(1);
  });

  it('得分表 of a person scheme: 名次 and 工号 in separate centred, unwrapped columns; 工号 kept as text', async () => {
    const sheet = (await open(files.person as string)).getWorksheet('得分表')!;
    expect((sheet.getRow(2).values as unknown[]).slice(1, 3)).toEqual(['名次', '工号']);
    const rank = sheet.getCell('A3');
    const id = sheet.getCell('B3');
    expect(typeof rank.value).toBe('number');
    expect(typeof id.value).toBe('string');
    expect(id.numFmt).toBe('@');
    for (const cell of [rank, id]) {
      expect(cell.alignment).toMatchObject({ horizontal: 'center' });
      expect(cell.alignment.wrapText).not.toBe(true);
    }
  });

  it('money with two decimals (元 to the 分); scores without fixed decimals', async () => {
    const sheet = (await open(files.result as string)).getWorksheet('得分表')!;
    const header = (sheet.getRow(2).values as unknown[]).slice(1);
    const money = sheet.getRow(3).getCell(header.indexOf('考核奖(元)') + 1);
    // 106.5 × 50 = 5325
    expect(money.value).toBe(5325);
    expect(money.numFmt).toBe('#,##0.00');
    const total = header.indexOf('总分') + 1;
    for (let n = 3; n <= 14; n++) expect(sheet.getRow(n).getCell(total).numFmt ?? 'General').toBe('General');
  });

  it('the template’s 说明 is wrapped to the page, each row as tall as its lines', async () => {
    const sheet = (await open(files.template as string)).getWorksheet('说明')!;
    let wrapped = 0;
    sheet.eachRow((row) => {
      const cell = row.getCell(1);
      if (!cell.text) return;
      expect(cell.alignment.wrapText).toBe(true);
      expect(row.height).toBeGreaterThan(0);
      wrapped += 1;
    });
    expect(wrapped).toBeGreaterThan(20);
  });
});

describe('a long table (over 3,000 rows)', () => {
  it('keeps the fonts of its title and header', async () => {
    const book = new Book();
    const sheet = book.sheet('扣分明细', { titleRows: '2:2' });
    banner(sheet, '扣分加分明细', { font: TITLE_FONT, align: 'left', span: 3, width: 60, wrap: false });
    await table(
      sheet,
      [
        { header: '考核对象', kind: 'name', width: 14 },
        { header: '工号', kind: 'id', width: 8 },
        { header: '实计', kind: 'score', width: 8 },
      ],
      Array.from({ length: 3500 }, (_, i) => [`人${i}`, String(i).padStart(4, '0'), -1]),
    );
    const back = new ExcelJS.Workbook();
    await back.xlsx.load((await book.bytes()) as unknown as ArrayBuffer);
    const read = back.getWorksheet('扣分明细')!;
    expect(read.getCell('A1').font).toMatchObject({ name: '黑体', size: 16, bold: true });
    expect(read.getCell('A2').font).toMatchObject({ name: '黑体', bold: true });
    expect(read.getCell('A3000').font).toMatchObject({ name: '宋体' });
    expect(read.getCell('B3000').numFmt).toBe('@');
  });
});

describe('a row of a very long text', () => {
  it('is no taller than Excel allows (409 points), and keeps the whole text in its cell', async () => {
    // A 1,000-character 说明 in a column 40 wide: 38 usable units, a Chinese character 2 units,
    // so 19 characters a line, ceil(1000 / 19) = 53 lines, 53 × 15 + 5 = 800 points before the cap.
    const text = '群众投诉称该同志态度生硬。'.repeat(77).slice(0, 1000);
    const book = new Book();
    const sheet = book.sheet('扣分明细', { titleRows: '1:1' });
    await table(sheet, [{ header: '说明', kind: 'text', width: 40 }], [[text], ['短']], 'each');
    const back = new ExcelJS.Workbook();
    await back.xlsx.load((await book.bytes()) as unknown as ArrayBuffer);
    const read = back.getWorksheet('扣分明细')!;
    expect(read.getRow(2).height).toBe(409);
    expect(read.getCell('A2').value).toBe(text);
    // one line: 1 × 15 + 5
    expect(read.getRow(3).height).toBe(20);
  });
});

describe('the exceljs kaohe writes with', () => {
  it('is the version book.ts and sheets/rows.ts were written against: they reach its sheet writer, part forms and row fields', async () => {
    // Hand-declared types (write/exceljs-writer.d.ts) pass a typecheck on any version; a renamed private
    // field (_merges, _rowZero, _writePageMargins) would drop merges or centred printing without an error.
    // Raising exceljs means reading those two files against the new version first, then this line.
    const { createRequire } = await import('node:module');
    const version = (createRequire(import.meta.url)('exceljs/package.json') as { version: string }).version;
    expect(version).toBe('4.4.0');
  });
});

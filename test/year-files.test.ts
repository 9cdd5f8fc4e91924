import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runYear } from '../src/commands/year.js';
import { toNumber } from '../src/core/decimal.js';
import type { InputError, UsageError } from '../src/core/problems.js';
import ExcelJS from 'exceljs';
import { kaohe } from './kaohe.js';
import { recordHeader, tempDir, writeWorkbook, type SheetRows } from './workbook.js';

const month = (m: number) => `2026-${String(m).padStart(2, '0')}`;
const roster: SheetRows = [['工号', '姓名', '窗口'], ['001', '甲', '民政'], ['002', '乙', '财政']];

/** A bianmin-10pt month: 001 甲 is late `lates` times (1.1 迟到, 1 point each), 002 乙 never. */
async function writeMonth(dir: string, m: number, lates: number, people: SheetRows = roster, name = `${month(m)}.xlsx`): Promise<string> {
  const records: SheetRows = lates > 0 ? [recordHeader, [`${month(m)}-05`, '001', null, null, '1.1', lates]] : [recordHeader];
  return writeWorkbook(join(dir, name), { 人员: people, 记录: records });
}

/** The errors of a year run that stopped on its inputs (an empty 记录 is only a warning). */
async function problemsOf(run: Promise<unknown>): Promise<InputError['problems']> {
  const error = (await run.then(() => null, (e: unknown) => e)) as InputError | null;
  expect(error?.name).toBe('InputError');
  return error!.problems.filter((p) => p.severity === 'error');
}

describe('which files of a year folder are periods', () => {
  it('reads a month saved as .xls, with the reader score uses', async () => {
    const dir = tempDir();
    await writeMonth(dir, 1, 2);
    // February saved by older Excel or WPS as BIFF .xls
    const XLSX = await import('@e965/xlsx');
    const february = await writeMonth(tempDir(), 2, 3);
    writeFileSync(join(dir, '2026-02.xls'), XLSX.write(XLSX.read(readFileSync(february), { type: 'buffer' }), { type: 'buffer', bookType: 'biff8' }) as Buffer);
    const run = await runYear([dir], { scheme: 'bianmin-10pt', partial: true });
    expect(run.result.labels).toEqual(['2026-01', '2026-02']);
    // 甲: January 10 − 2 = 8, February 10 − 3 = 7 → 15
    expect(toNumber(run.result.rows.find((r) => r.key === '001')!.total!)).toBe(15);
  });

  it('reads a month saved with macros (.xlsm), as score does', async () => {
    const dir = tempDir();
    await writeMonth(dir, 1, 1);
    await writeMonth(dir, 2, 4, roster, '2026-02.xlsm');
    const run = await runYear([dir], { scheme: 'bianmin-10pt', partial: true });
    expect(run.result.labels).toEqual(['2026-01', '2026-02']);
    // 甲: January 10 − 1 = 9, February 10 − 4 = 6 → 15
    expect(toNumber(run.result.rows.find((r) => r.key === '001')!.total!)).toBe(15);
  });

  it('skips Excel lock files (~$) and macOS resource forks (._), and counts a file named twice once', async () => {
    const dir = tempDir();
    const march = await writeMonth(dir, 3, 1);
    writeFileSync(join(dir, '~$2026-04.xlsx'), 'lock');
    writeFileSync(join(dir, '._2026-03.xlsx'), 'resource fork');
    // the folder, the file inside it, and a link to it: one March
    const elsewhere = tempDir();
    symlinkSync(march, join(elsewhere, '三月.xlsx'));
    const run = await runYear([dir, march, join(elsewhere, '三月.xlsx')], { scheme: 'bianmin-10pt', partial: true });
    expect(run.result.labels).toEqual(['2026-03']);
    // 甲: 10 − 1 = 9
    expect(toNumber(run.result.rows.find((r) => r.key === '001')!.total!)).toBe(9);
  });

  it('names both files of one month', async () => {
    const dir = tempDir();
    const first = await writeMonth(dir, 3, 1);
    copyFileSync(first, join(dir, '2026年3月.xlsx'));
    const problems = await problemsOf(runYear([dir], { scheme: 'bianmin-10pt', partial: true }));
    // names sort 2026-03 before 2026年3月: the second is the duplicate, naming the first
    expect(problems.map((p) => [p.code, p.at.file, p.args])).toEqual([['year_period_duplicate', join(dir, '2026年3月.xlsx'), { period: '2026-03', other: first }]]);
  });

  it('passes over its own result written into the folder of months, with a warning; a workbook saved since is no period', async () => {
    const dir = tempDir();
    await writeMonth(dir, 1, 2);
    await writeMonth(dir, 2, 1);
    const written = await kaohe('year', dir, '--scheme', 'bianmin-10pt', '--partial', '-o', join(dir, '全年.xlsx'), '--notice-date', '2027-01-04');
    expect(written.code).toBe(0);
    const again = await runYear([dir], { scheme: 'bianmin-10pt', partial: true });
    expect(again.result.labels).toEqual(['2026-01', '2026-02']);
    // 甲: January 10 − 2 = 8, February 10 − 1 = 9 → 17, as before the result was in the folder
    expect(toNumber(again.result.rows.find((r) => r.key === '001')!.total!)).toBe(17);
    expect(again.warnings.filter((p) => p.code === 'year_own_output_skipped').map((p) => p.at.file)).toEqual([join(dir, '全年.xlsx')]);
    // The same result opened and saved by a spreadsheet program (a new modified date) is someone's workbook: no period in its name.
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(dir, '全年.xlsx'));
    book.modified = new Date(Date.UTC(2027, 0, 5));
    await book.xlsx.writeFile(join(dir, '全年.xlsx'));
    const problems = await problemsOf(runYear([dir], { scheme: 'bianmin-10pt', partial: true }));
    expect(problems.map((p) => [p.code, p.at.file])).toEqual([['year_file_period', join(dir, '全年.xlsx')]]);
  });

  it('reads a month kaohe import wrote (kaohe’s stamp, input sheets) as a month; a year result named 2026年度考核 is passed over', async () => {
    const dir = tempDir();
    await writeMonth(dir, 1, 2);
    // A month workbook written by kaohe with its fixed stamp, as `kaohe import -o` writes one: its input sheets make it no result.
    const imported = await writeMonth(dir, 2, 1, roster, '2026-02.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(imported);
    book.creator = 'kaohe';
    book.modified = new Date(Date.UTC(2000, 0, 1));
    await book.xlsx.writeFile(imported);
    expect((await kaohe('year', dir, '--scheme', 'bianmin-10pt', '--partial', '-o', join(dir, '2026年度考核.xlsx'), '--notice-date', '2027-01-04')).code).toBe(0);
    const again = await runYear([dir], { scheme: 'bianmin-10pt', partial: true });
    // 甲: January 10 − 2 = 8, February 10 − 1 = 9 → 17: February read, the year result passed over
    expect(again.result.labels).toEqual(['2026-01', '2026-02']);
    expect(toNumber(again.result.rows.find((r) => r.key === '001')!.total!)).toBe(17);
    expect(again.warnings.filter((p) => p.code === 'year_own_output_skipped').map((p) => p.at.file)).toEqual([join(dir, '2026年度考核.xlsx')]);
    // The imported month under a name with no period in it is still a month to name, not a result to pass over.
    copyFileSync(imported, join(dir, '二月考勤.xlsx'));
    const problems = await problemsOf(runYear([dir], { scheme: 'bianmin-10pt', partial: true }));
    expect(problems.map((p) => [p.code, p.at.file])).toEqual([['year_file_period', join(dir, '二月考勤.xlsx')]]);
  });

  it('with no months in the folder, names the subfolder that has them (中心B/2026/)', async () => {
    const centre = tempDir();
    mkdirSync(join(centre, '2026'));
    await writeMonth(join(centre, '2026'), 1, 0);
    const error = (await runYear([centre], { scheme: 'bianmin-10pt', partial: true }).then(() => null, (e: unknown) => e)) as UsageError | null;
    expect([error?.code, error?.args]).toEqual(['year_no_workbooks', { below: join(centre, '2026') }]);
    // An empty folder has nowhere to point to.
    const empty = (await runYear([tempDir()], { scheme: 'bianmin-10pt', partial: true }).then(() => null, (e: unknown) => e)) as UsageError | null;
    expect([empty?.code, empty?.args]).toEqual(['year_no_workbooks', { below: '' }]);
  });

  it('says a half-year file is the wrong kind for a monthly scheme, and a month for a half-year scheme', async () => {
    const dir = tempDir();
    await writeMonth(dir, 1, 0);
    const half = await writeMonth(dir, 1, 0, roster, '2026-H1.xlsx');
    const monthly = await problemsOf(runYear([dir], { scheme: 'bianmin-10pt', partial: true }));
    expect(monthly.map((p) => [p.code, p.at.file, p.args])).toEqual([['year_file_period_kind', half, { expected: '2026-03', wanted: 'month', found: 'half', period: '2026-H1' }]]);
    const halves = await problemsOf(runYear([join(dir, '2026-01.xlsx')], { scheme: 'bingcha-halfyear', partial: true }));
    expect(halves.map((p) => [p.code, p.args])).toEqual([['year_file_period_kind', { expected: '2026-H1', wanted: 'half', found: 'month', period: '2026-01' }]]);
  });

  it('stops on a link in the folder that points nowhere, naming it (exit 2, not a crash)', async () => {
    const dir = tempDir();
    await writeMonth(dir, 3, 1);
    symlinkSync('/nonexistent/旧文件.xlsx', join(dir, '旧文件'));
    await expect(runYear([dir], { scheme: 'bianmin-10pt', partial: true })).rejects.toMatchObject({ name: 'UsageError', code: 'link_dangling', args: { path: join(dir, '旧文件'), target: '/nonexistent/旧文件.xlsx' } });
  });
});

describe('a year argument that is not there', () => {
  it('a link given as an argument that points nowhere is said as such, a missing path as missing', async () => {
    const dir = tempDir();
    symlinkSync('/nonexistent/2026-03.xlsx', join(dir, '三月'));
    await expect(runYear([join(dir, '三月')], { scheme: 'bianmin-10pt', partial: true })).rejects.toMatchObject({ code: 'link_dangling', args: { path: join(dir, '三月'), target: '/nonexistent/2026-03.xlsx' } });
    await expect(runYear([join(dir, '没有')], { scheme: 'bianmin-10pt', partial: true })).rejects.toMatchObject({ code: 'path_missing', args: { path: join(dir, '没有') } });
  });
});

describe('one 工号 across the months of a year', () => {
  it('is an error when it names two people, naming both, their windows and months', async () => {
    const dir = tempDir();
    const later: SheetRows = [['工号', '姓名', '窗口'], ['001', '甲', '民政'], ['002', '庚', '税务']];
    for (const m of [1, 2]) await writeMonth(dir, m, 0);
    for (const m of [3, 4]) await writeMonth(dir, m, 0, later);
    const problems = await problemsOf(runYear([dir], { scheme: 'bianmin-10pt', partial: true }));
    // 庚 first appears in March's 人员, row 3
    expect(problems.map((p) => [p.code, p.at, p.args])).toEqual([
      [
        'year_id_reused',
        { file: join(dir, '2026-03.xlsx'), sheet: '人员', row: 3 },
        { id: '002', first: '乙', firstUnit: '财政', firstPeriods: '2026-01,2026-02', second: '庚', secondUnit: '税务', secondPeriods: '2026-03,2026-04' },
      ],
    ]);
  });

  it("stays one person when a month's roster adds a note to the name (乙（借调）)", async () => {
    const dir = tempDir();
    const noted: SheetRows = [['工号', '姓名', '窗口'], ['001', '甲', '民政'], ['002', '乙（借调）', '财政']];
    await writeMonth(dir, 1, 0);
    await writeMonth(dir, 2, 0, noted);
    const run = await runYear([dir], { scheme: 'bianmin-10pt', partial: true });
    // 乙: 10 + 10 = 20 on one row
    expect(run.result.rows.filter((r) => r.key === '002').map((r) => toNumber(r.total!))).toEqual([20]);
  });

  it('stays one person who moved window when the name is the same', async () => {
    const dir = tempDir();
    const moved: SheetRows = [['工号', '姓名', '窗口'], ['001', '甲', '民政'], ['002', '乙', '税务']];
    await writeMonth(dir, 1, 0);
    await writeMonth(dir, 2, 0, moved);
    const run = await runYear([dir], { scheme: 'bianmin-10pt', partial: true });
    // 乙: 10 + 10 = 20 on one row
    expect(run.result.rows.filter((r) => r.key === '002').map((r) => [r.name, toNumber(r.total!)])).toEqual([['乙', 20]]);
  });
});

describe('one person or window under two names across the months of a year', () => {
  const warningsOf = (problems: readonly { code: string; at: unknown; args: unknown; severity: string }[], code: string) =>
    problems.filter((p) => p.code === code).map((p) => [p.severity, p.at, p.args]);

  it('warns when 乙 is 002 in January–February and the number 2 in March–April (Excel dropped the zeros)', async () => {
    const dir = tempDir();
    const retyped: SheetRows = [['工号', '姓名', '窗口'], ['001', '甲', '民政'], [2, '乙', '财政']];
    for (const m of [1, 2]) await writeMonth(dir, m, 0);
    for (const m of [3, 4]) await writeMonth(dir, m, 0, retyped);
    const run = await runYear([dir], { scheme: 'bianmin-10pt', partial: true });
    // 乙 under 2 first appears in March's 人员, row 3; the months of 002 and 2 do not overlap
    expect(warningsOf(run.warnings, 'year_person_renumbered')).toEqual([
      ['warning', { file: join(dir, '2026-03.xlsx'), sheet: '人员', row: 3 }, { name: '乙', first: '002', firstPeriods: '2026-01,2026-02', second: '2', secondPeriods: '2026-03,2026-04', zeros: 1 }],
    ]);
    // the rows stay as the rosters give them (two part-year rows of 10 + 10 = 20): the clerk decides
    expect(run.result.rows.filter((r) => r.name === '乙').map((r) => [r.key, toNumber(r.total!)])).toEqual([
      ['002', 20],
      ['2', 20],
    ]);
  });

  it('says no zeros were lost when the 工号 differ otherwise (003 → 103)', async () => {
    const dir = tempDir();
    await writeMonth(dir, 1, 0);
    await writeMonth(dir, 2, 0, [['工号', '姓名', '窗口'], ['001', '甲', '民政'], ['102', '乙', '财政']]);
    const run = await runYear([dir], { scheme: 'bianmin-10pt', partial: true });
    expect(warningsOf(run.warnings, 'year_person_renumbered')).toEqual([
      ['warning', { file: join(dir, '2026-02.xlsx'), sheet: '人员', row: 3 }, { name: '乙', first: '002', firstPeriods: '2026-01', second: '102', secondPeriods: '2026-02', zeros: 0 }],
    ]);
  });

  it('says nothing of two people of one name in the same months', async () => {
    const dir = tempDir();
    const twoYi: SheetRows = [['工号', '姓名', '窗口'], ['001', '甲', '民政'], ['002', '乙', '财政'], ['005', '乙', '民政']];
    for (const m of [1, 2]) await writeMonth(dir, m, 0, twoYi);
    const run = await runYear([dir], { scheme: 'bianmin-10pt', partial: true });
    expect(warningsOf(run.warnings, 'year_person_renumbered')).toEqual([]);
  });

  /** A bingcha-monthly month: windows as given, one person each, everyone rating the others 100. */
  async function windowsMonth(dir: string, m: number, windows: readonly string[]): Promise<void> {
    const roster: SheetRows = [['工号', '姓名', '窗口'], ...windows.map((w, i) => [`00${i + 1}`, `人${i + 1}`, w])];
    const peer: SheetRows = [['评分人', '被评对象', '分数'], ...windows.flatMap((a) => windows.filter((b) => b !== a).map((b) => [a, b, 100]))];
    await writeWorkbook(join(dir, `${month(m)}.xlsx`), { 人员: roster, 记录: [recordHeader], 互评: peer });
  }

  it('warns when window W1 is W1窗口 from March with the same staff (two rows, two award places)', async () => {
    const dir = tempDir();
    for (const m of [1, 2]) await windowsMonth(dir, m, ['W1', 'W2', 'W3']);
    for (const m of [3, 4]) await windowsMonth(dir, m, ['W1窗口', 'W2', 'W3']);
    const run = await runYear([dir], { scheme: 'bingcha-monthly', partial: true });
    // W1窗口's first roster row is March's row 2: 人1, W1's only member in February
    expect(warningsOf(run.warnings, 'year_unit_renamed')).toEqual([
      ['warning', { file: join(dir, '2026-03.xlsx'), sheet: '人员', row: 2 }, { first: 'W1', firstPeriods: '2026-01,2026-02', second: 'W1窗口', secondPeriods: '2026-03,2026-04', staff: '人1' }],
    ]);
  });

  it('says nothing of a new window whose staff differ from a closed one', async () => {
    const dir = tempDir();
    for (const m of [1, 2]) await windowsMonth(dir, m, ['W1', 'W2', 'W3']);
    // March: W1 closes, 人1 moves to W2, and W4 opens with a new person (004)
    for (const m of [3, 4]) {
      const roster: SheetRows = [['工号', '姓名', '窗口'], ['001', '人1', 'W2'], ['002', '人2', 'W2'], ['003', '人3', 'W3'], ['004', '人4', 'W4']];
      const windows = ['W2', 'W3', 'W4'];
      const peer: SheetRows = [['评分人', '被评对象', '分数'], ...windows.flatMap((a) => windows.filter((b) => b !== a).map((b) => [a, b, 100]))];
      await writeWorkbook(join(dir, `${month(m)}.xlsx`), { 人员: roster, 记录: [recordHeader], 互评: peer });
    }
    const run = await runYear([dir], { scheme: 'bingcha-monthly', partial: true });
    expect(warningsOf(run.warnings, 'year_unit_renamed')).toEqual([]);
  });
});

import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '../src/commands/import.js';
import { runScore } from '../src/commands/score.js';
import { resolvePeople, type RosterEntry } from '../src/import/people.js';
import { readExports } from '../src/import/read-exports.js';
import { formatProblem } from '../src/messages.js';
import { kaohe } from './kaohe.js';
import { tempDir, writeWorkbook, type SheetRows } from './workbook.js';

/**
 * Who an export's rows are about, when its ids and names disagree with each other inside the
 * export (attendance-exports.md, "Who"). Invented people; November 2026.
 */
let dir: string;

beforeAll(() => {
  dir = tempDir();
});

/** A 刷卡记录 CSV (人员编号, 登记号码, 姓名 …), one row a punch: [人员编号, 登记号码, 姓名, date, time]. */
function cardCsv(name: string, rows: [string, string, string, string, string][]): string {
  const path = join(dir, name);
  const lines = [['人员编号', '登记号码', '姓名', '部门', '刷卡日期', '刷卡时间', '上下班标志'].join(','), ...rows.map(([id, clock, who, date, time]) => [id, clock, who, '中心', date, time, time < '12:00' ? '上班' : '下班'].join(','))];
  writeFileSync(path, lines.join('\r\n') + '\r\n');
  return path;
}

/** November 2026, for grids whose day columns are bare day numbers. */
const november = { context: { first: '2026-11-01', last: '2026-11-30' } } as Parameters<typeof readExports>[1];
const problemsOf = async (path: string) => (await readExports([path], november)).problems.map((p) => ({ code: p.code, row: p.at.row, column: p.at.column, args: p.args }));

describe('one id, two names inside one export', () => {
  it('a later row whose 人员编号 was first seen under another name stops at its name cell, naming both and the first row', async () => {
    // Row 2 (the first data row): 0001 陈一. Row 4: 0001 again, with 刘二's 登记号码 and name.
    const path = cardCsv('一号两人.csv', [
      ['0001', '101', '陈一', '2026/11/2', '07:55'],
      ['0002', '102', '刘二', '2026/11/2', '07:56'],
      ['0001', '102', '刘二', '2026/11/3', '07:57'],
      ['0001', '102', '刘二', '2026/11/3', '17:35'],
    ]);
    const data = await readExports([path]);
    // reported once (rows 4 and 5 are one way of writing the person), at row 4's 姓名 cell
    expect(data.problems.map((p) => ({ code: p.code, row: p.at.row, column: p.at.column, args: p.args }))).toEqual([
      { code: 'export_id_two_names', row: 4, column: '姓名', args: { id: '0001', value: '刘二', first: '陈一', firstFile: path, firstSheet: '一号两人', firstRow: 2 } },
    ]);
    // its punches are no one's: 陈一 keeps the one punch of row 2, 刘二 the one of row 3
    expect(data.punches.map((p) => [p.person, p.date])).toEqual([
      ['id:0001', '2026-11-02'],
      ['id:0002', '2026-11-02'],
    ]);
  });

  it('the first row that names the id is the one named, when the id first came without a name', async () => {
    // row 2: 0001 without a name; row 3: 0001 陈一; row 4: 0001 刘二
    const path = cardCsv('先无名.csv', [
      ['0001', '101', '', '2026/11/2', '07:55'],
      ['0001', '101', '陈一', '2026/11/2', '17:35'],
      ['0001', '101', '刘二', '2026/11/3', '07:55'],
    ]);
    expect((await problemsOf(path)).map((p) => [p.code, p.row, p.args.first, p.args.firstRow])).toEqual([['export_id_two_names', 4, '陈一', 3]]);
  });

  it('the same id under a name with a note ([离职], （已离职）) is the same person', async () => {
    const path = cardCsv('注记.csv', [
      ['0001', '101', '陈一', '2026/11/2', '07:55'],
      ['0001', '101', '陈一[离职]', '2026/11/3', '07:55'],
      ['0001', '101', '陈一（已离职）', '2026/11/4', '07:55'],
    ]);
    expect(await problemsOf(path)).toEqual([]);
  });

  it('kaohe attendance stops with it and import writes nothing', async () => {
    const path = cardCsv('一号两人-导入.csv', [
      ['0001', '101', '陈一', '2026/11/2', '07:55'],
      ['0002', '102', '刘二', '2026/11/2', '07:55'],
      ['0002', '102', '陈一', '2026/11/3', '07:55'],
    ]);
    const out = join(dir, 'never.xlsx');
    const run = await kaohe('import', path, '--period', '2026-11', '-o', out);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('第4行 › 姓名(C列)');
    expect(existsSync(out)).toBe(false);
  });
});

/** A hand-kept grid: 姓名 and 部门 merged down over two header rows, day numbers over 上班/下班. */
async function handGrid(name: string, people: [string, string][]): Promise<string> {
  return handBook(name, { '11月': { days: [1, 2, 3], people } });
}

/** A workbook of hand-kept grids, one a sheet; each person punches 07:55 and 17:35 on the sheet's first day. */
async function handBook(name: string, sheets: Record<string, { days: number[]; people: [string, string][] }>): Promise<string> {
  const book = new ExcelJS.Workbook();
  for (const [sheetName, { days, people }] of Object.entries(sheets)) {
    const sheet = book.addWorksheet(sheetName);
    sheet.addRow(['2026年11月考勤表']);
    sheet.addRow(['姓名', '部门', ...days.flatMap((d) => [String(d), String(d)])]);
    sheet.addRow(['', '', ...days.flatMap(() => ['上班', '下班'])]);
    days.forEach((_, c) => sheet.mergeCells(2, 3 + 2 * c, 2, 4 + 2 * c));
    sheet.mergeCells(2, 1, 3, 1);
    sheet.mergeCells(2, 2, 3, 2);
    for (const [who, unit] of people) sheet.addRow([who, unit, '07:55', '17:35', ...days.slice(1).flatMap(() => [null, null])]);
  }
  const path = join(dir, name);
  await book.xlsx.writeFile(path);
  return path;
}

describe('two people whose names read alike once notes are stripped', () => {
  it('张伟(大) and 张伟(小) in one grid: a clash inside the export at the later row, both as written; the merged 姓名 header named once', async () => {
    // rows 4 and 5: 张伟(大) 民政窗口, 张伟(小) 社保窗口 — both 张伟 without the note in brackets
    const path = await handGrid('两个张伟.xlsx', [
      ['张伟(大)', '民政窗口'],
      ['张伟(小)', '社保窗口'],
      ['李四', '医保窗口'],
    ]);
    expect(await problemsOf(path)).toEqual([
      { code: 'export_name_clash', row: 5, column: '姓名', args: { value: '张伟(小)', unit: '社保窗口', first: '张伟(大)', firstUnit: '民政窗口', firstFile: path, firstSheet: '11月', firstRow: 4, name: '张伟' } },
    ]);
  });

  it('one name under two units in one grid is two people too', async () => {
    const path = await handGrid('同名两部门.xlsx', [
      ['张伟', '民政窗口'],
      ['张伟', '社保窗口'],
    ]);
    expect((await problemsOf(path)).map((p) => [p.code, p.row, p.args.firstUnit])).toEqual([['export_name_clash', 5, '民政窗口']]);
  });

  it('kaohe attendance without a roster says the clash is inside the export, not in a roster', async () => {
    const path = await handGrid('两个张伟-考勤.xlsx', [
      ['张伟(大)', '民政窗口'],
      ['张伟(小)', '社保窗口'],
    ]);
    const run = await kaohe('attendance', path, '--hours', '两次打卡 08:00-17:30', '--period', '2026-11');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('两个张伟-考勤.xlsx › 11月 › 第5行 › 姓名(A列): 导出中此行“张伟(小)”（社保窗口）与第4行“张伟(大)”（民政窗口）');
    expect(run.stderr).not.toContain('人员表中有多个');
    expect(run.stderr).not.toContain('姓名姓名');
  });
});

describe('two people whose names read alike, in two sheets or two files', () => {
  // The first half of November in one grid (days 1–3), the second in another (days 16–18): the
  // first data row of each is row 4 (a title row and two header rows above).
  const halves = (first: [string, string][], second: [string, string][]) => ({ '11月上': { days: [1, 2, 3], people: first }, '11月下': { days: [16, 17, 18], people: second } });
  const clashes = async (paths: string[]) =>
    (await readExports(paths, november)).problems.map((p) => ({ code: p.code, file: p.at.file, sheet: p.at.sheet, row: p.at.row, column: p.at.column, args: p.args }));

  it('张伟(大) in 11月上 and 张伟(小) in 11月下: a clash at 11月下’s row, naming 11月上 and its row', async () => {
    const path = await handBook('两表两个张伟.xlsx', halves([['张伟(大)', '民政窗口'], ['李四', '医保窗口']], [['张伟(小)', '社保窗口']]));
    // were merged into one 张伟 with both halves' punches, without a word
    expect(await clashes([path])).toEqual([
      { code: 'export_name_clash', file: path, sheet: '11月下', row: 4, column: '姓名', args: { value: '张伟(小)', unit: '社保窗口', first: '张伟(大)', firstUnit: '民政窗口', firstFile: path, firstSheet: '11月上', firstRow: 4, name: '张伟' } },
    ]);
  });

  it('the same in two export files: the first file is named with its sheet', async () => {
    const first = await handBook('两个张伟-上.xlsx', { '11月': { days: [1, 2, 3], people: [['张伟(大)', '民政窗口']] } });
    const second = await handBook('两个张伟-下.xlsx', { '11月': { days: [16, 17, 18], people: [['张伟(小)', '社保窗口']] } });
    expect(await clashes([first, second])).toEqual([
      { code: 'export_name_clash', file: second, sheet: '11月', row: 4, column: '姓名', args: { value: '张伟(小)', unit: '社保窗口', first: '张伟(大)', firstUnit: '民政窗口', firstFile: first, firstSheet: '11月', firstRow: 4, name: '张伟' } },
    ]);
  });

  it('names the first row’s place from the clash’s own: nothing in the same sheet, the sheet in another, file and sheet in another file', async () => {
    const textOf = async (paths: string[]) => (await readExports(paths, november)).problems.map((p) => formatProblem(p));
    const oneSheet = await handGrid('一表两个张伟.xlsx', [
      ['张伟(大)', '民政窗口'],
      ['张伟(小)', '社保窗口'],
    ]);
    const twoSheets = await handBook('两表两个张伟-说法.xlsx', halves([['张伟(大)', '民政窗口']], [['张伟(小)', '社保窗口']]));
    const first = await handBook('说法-上.xlsx', { '11月': { days: [1, 2, 3], people: [['张伟(大)', '民政窗口']] } });
    const second = await handBook('说法-下.xlsx', { '11月': { days: [16, 17, 18], people: [['张伟(小)', '社保窗口']] } });
    expect(await textOf([oneSheet])).toEqual([expect.stringContaining('（社保窗口）与第4行“张伟(大)”')]);
    expect(await textOf([twoSheets])).toEqual([expect.stringContaining('（社保窗口）与“11月上”第4行“张伟(大)”')]);
    expect(await textOf([first, second])).toEqual([expect.stringContaining('（社保窗口）与“说法-上.xlsx › 11月”第4行“张伟(大)”')]);
  });

  it('one name written alike in both sheets is one person, under another department too (units are compared within a sheet)', async () => {
    // a second sheet (a leave list, the other half) may write the department otherwise: 民政 for 民政窗口
    const path = await handBook('两表一个张伟.xlsx', halves([['张伟(大)', '民政窗口']], [['张伟(大)', '民政']]));
    const data = await readExports([path], november);
    expect(data.problems).toEqual([]);
    // one person, with the punches of both halves: 2 on 11-01 and 2 on 11-16
    expect([...data.people.keys()]).toEqual(['name:张伟']);
    expect(data.punches.map((p) => p.date)).toEqual(['2026-11-01', '2026-11-01', '2026-11-16', '2026-11-16']);
  });

  it('kaohe attendance stops, naming the other sheet', async () => {
    const path = await handBook('两表两个张伟-考勤.xlsx', halves([['张伟(大)', '民政窗口']], [['张伟(小)', '社保窗口']]));
    const run = await kaohe('attendance', path, '--hours', '两次打卡 08:00-17:30', '--period', '2026-11');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('两表两个张伟-考勤.xlsx › 11月下 › 第4行 › 姓名(A列): 导出中此行“张伟(小)”（社保窗口）与“11月上”第4行“张伟(大)”（民政窗口）');
  });
});

describe('ids that differ only by leading zeros (0101 and 101)', () => {
  /** A ZKTeco attlog: each clock number punches 07:55, 11:35, 13:55, 17:35 on 2026-11-02. */
  function attlog(name: string, clockIds: string[]): string {
    const path = join(dir, name);
    const times = ['07:55:00', '11:35:00', '13:55:00', '17:35:00'];
    writeFileSync(path, clockIds.flatMap((id) => times.map((t, i) => `${id}\t2026-11-02 ${t}\t1\t${i % 2}\t1\t0`)).join('\r\n') + '\r\n');
    return path;
  }
  const entry = (id: string, name: string, clockId = ''): RosterEntry => ({ id, name, shownName: name, unit: '民政窗口', clockId, category: '事业', start: null, end: null });
  /** Each clock number of the export → the roster 工号 and name it was matched to, and the problems. */
  async function matched(path: string, roster: RosterEntry[]) {
    const data = await readExports([path]);
    const resolved = resolvePeople(data, roster);
    return {
      people: [...data.people.values()].map((p) => [p.clockId || p.id, resolved.byKey.get(p.key)?.id ?? null, resolved.byKey.get(p.key)?.name ?? null]),
      problems: resolved.problems.map((p) => ({ code: p.code, args: p.args })),
    };
  }

  it('each punches under the roster row written exactly so, whatever the roster order', async () => {
    // roster 0101 张三, 0102 李四, 101 王五; the log: 0101 and 101. Were one person (all 8 punches 0101's, 王五 旷工).
    const path = attlog('零-1_attlog.dat', ['0101', '101']);
    const expected = { people: [['0101', '0101', '张三'], ['101', '101', '王五']], problems: [] };
    expect(await matched(path, [entry('0101', '张三'), entry('0102', '李四'), entry('101', '王五')])).toEqual(expected);
    expect(await matched(path, [entry('101', '王五'), entry('0101', '张三'), entry('0102', '李四')])).toEqual(expected);
  });

  it('a clock log’s user 0 keeps its number and its punches are said unknown, not dropped without a word', async () => {
    // 0 is "no clock" only beside a name or 工号; the log's user 0 has nothing else: its 4 punches are
    // reported (export_person_unknown, 共 4 次打卡) as for any number the roster lacks
    const path = attlog('零-0_attlog.dat', ['0', '0101']);
    const found = await matched(path, [entry('0101', '张三')]);
    expect(found.people).toEqual([['0', null, null], ['0101', '0101', '张三']]);
    expect(found.problems.map((p) => [p.code, p.args.value, p.args.count])).toEqual([['export_person_unknown', '0', 4]]);
  });

  it('the same through a 考勤号码 column', async () => {
    const path = attlog('零-2_attlog.dat', ['0101', '101']);
    const roster = [entry('A1', '张三', '0101'), entry('A2', '李四', '0102'), entry('A3', '王五', '101')];
    expect((await matched(path, roster)).people).toEqual([['0101', 'A1', '张三'], ['101', 'A3', '王五']]);
  });

  it('the log holds 0101 alone: 张三 gets it, not 王五 (101) who comes first', async () => {
    const path = attlog('零-3_attlog.dat', ['0101', '0102']);
    expect((await matched(path, [entry('101', '王五'), entry('0101', '张三'), entry('0102', '李四')])).people).toEqual([['0101', '0101', '张三'], ['0102', '0102', '李四']]);
  });

  it('no exact match and two roster rows without leading zeros alike: refused, naming the export id and both roster ids', async () => {
    // 00101 is neither 0101 nor 101 as written; both are 101 without zeros
    const path = attlog('零-4_attlog.dat', ['00101']);
    expect(await matched(path, [entry('0101', '张三'), entry('101', '王五')])).toEqual({
      people: [['00101', null, null]],
      problems: [{ code: 'export_id_zeros_ambiguous', args: { value: '00101', ids: '0101 张三、101 王五', column: '工号' } }],
    });
    const byClock = await matched(path, [entry('A1', '张三', '0101'), entry('A3', '王五', '101')]);
    expect(byClock.problems).toEqual([{ code: 'export_id_zeros_ambiguous', args: { value: '00101', ids: '0101 张三、101 王五', column: '考勤号码' } }]);
  });

  it('two roster rows under the very number the export gives (a clock number reused): refused as shared, not as a leading-zero look-alike', async () => {
    // 陈立新 left and 周新 took clock 101: the log's 101 is either's; the zeros message ("没有完全相同的") would be untrue
    const path = attlog('零-6_attlog.dat', ['101']);
    const byClock = await matched(path, [entry('A1', '陈立新', '101'), entry('A2', '周新', '101')]);
    expect(byClock).toEqual({ people: [['101', null, null]], problems: [{ code: 'export_id_shared', args: { value: '101', ids: '101 陈立新、101 周新', column: '考勤号码' } }] });
  });

  it('one roster row alike without zeros still matches (12 in the export, 0012 in the roster)', async () => {
    const path = attlog('零-5_attlog.dat', ['12']);
    expect((await matched(path, [entry('0012', '张三'), entry('0013', '李四')])).people).toEqual([['12', '0012', '张三']]);
  });

  it('without a roster, 0001 and 1 under one name are one person; under two names, two', async () => {
    const same = cardCsv('零-同名.csv', [
      ['0001', '', '陈一', '2026/11/2', '07:55'],
      ['1', '', '陈一', '2026/11/2', '17:35'],
    ]);
    const built = (path: string) => readExports([path]).then((data) => resolvePeople(data, null).built?.map((r) => [r.id, r.name]));
    expect(await built(same)).toEqual([['0001', '陈一']]);
    const two = cardCsv('零-两人.csv', [
      ['0001', '', '陈一', '2026/11/2', '07:55'],
      ['1', '', '刘二', '2026/11/2', '07:56'],
    ]);
    expect(await built(two)).toEqual([['0001', '陈一'], ['1', '刘二']]);
  });
});

describe('two people of one name under two numbers, a roster with one of them (probe13a A)', () => {
  /**
   * A 刷卡记录 week, 2026-11-02 to 11-06 (Mon–Fri): [人员编号, 登记号码, 姓名, 部门, day, times].
   * 张伟 0001 (民政窗口) is absent 11-04 and late 11-05 (08:30 > 08:00); another 张伟, 0009
   * (城管中队), and 李娜 0002 punch normally every day.
   */
  function week(name: string, numbers: { zhang: [string, string]; other: [string, string]; li: [string, string] }): string {
    const normal = ['07:55', '11:35', '13:55', '17:35'];
    const rows: string[] = [];
    for (const day of [2, 3, 4, 5, 6]) {
      const own = day === 4 ? [] : day === 5 ? ['08:30', '11:35', '13:55', '17:35'] : normal;
      for (const [[id, clock], who, unit, times] of [
        [numbers.zhang, '张伟', '民政窗口', own],
        [numbers.other, '张伟', '城管中队', normal],
        [numbers.li, '李娜', '社保窗口', normal],
      ] as const) {
        for (const t of times) rows.push([id, clock, who, unit, `2026/11/${day}`, t, t < '12:00' ? '上班' : '下班'].join(','));
      }
    }
    const path = join(dir, name);
    writeFileSync(path, ['人员编号,登记号码,姓名,部门,刷卡日期,刷卡时间,上下班标志', ...rows].join('\r\n') + '\r\n');
    return path;
  }
  const entry = (id: string, name: string, unit: string, clockId = ''): RosterEntry => ({ id, name, shownName: name, unit, clockId, category: '', start: null, end: null });
  const resolved = async (path: string, roster: RosterEntry[]) => {
    const data = await readExports([path]);
    const people = resolvePeople(data, roster);
    return { problems: people.problems.map((p) => ({ code: p.code, row: p.at.row, column: p.at.column, args: p.args })), said: people.problems.map(formatProblem), byKey: people.byKey };
  };

  it('0009 张伟, not on the roster, is not taken as the roster’s 张伟 (0001) by the name: refused at its first row, naming both numbers, departments and rows', async () => {
    const path = week('同名-工号.csv', { zhang: ['0001', 'uA'], other: ['0009', 'uB'], li: ['0002', 'uC'] });
    // rows 2–5: 0001's four punches of 11-02; rows 6–9 0009's; 10–13 0002's
    expect((await resolved(path, [entry('0001', '张伟', '民政窗口'), entry('0002', '李娜', '社保窗口')])).problems).toEqual([
      {
        code: 'export_namesakes_folded',
        row: 6,
        column: '人员编号',
        args: {
          value: '张伟',
          id: '0001',
          places: JSON.stringify([
            { number: '0001', unit: '民政窗口', file: path, sheet: '同名-工号', row: 2 },
            { number: '0009', unit: '城管中队', file: path, sheet: '同名-工号', row: 6 },
          ]),
        },
      },
    ]);
  });

  it('two accounts (登记号码 only, as WeCom’s 账号), both taken by the name: refused once, at the first', async () => {
    const path = week('同名-账号.csv', { zhang: ['', 'ZhangWei'], other: ['', 'ZhangWei02'], li: ['', 'LiNa'] });
    const { problems, said } = await resolved(path, [entry('0001', '张伟', '民政窗口'), entry('0002', '李娜', '社保窗口')]);
    expect(problems.map((p) => [p.code, p.row, p.column])).toEqual([['export_namesakes_folded', 2, '登记号码']]);
    expect(said[0]).toContain('导出中有 2 个编号不同的“张伟”：ZhangWei（民政窗口，第2行）、ZhangWei02（城管中队，第6行）；人员表只有一个“张伟”（0001）');
  });

  it('one person written with and without a 工号 (the same 登记号码), or by name alone, is one person: no refusal', async () => {
    // rows of 0001 and rows without 人员编号 under the same 登记号码 uA: one 张伟, as 李娜 by name only
    const path = week('同名-同一人.csv', { zhang: ['0001', 'uA'], other: ['', 'uA'], li: ['', ''] });
    const { problems, byKey } = await resolved(path, [entry('0001', '张伟', '民政窗口'), entry('0002', '李娜', '社保窗口')]);
    expect(problems).toEqual([]);
    expect([...byKey.values()].map((r) => r.id)).toEqual(['0001', '0001', '0002']);
  });

  /** A DingTalk 原始记录 of one department, 2026-11-02: one punch a person at 07:55, rows from 4 (title, 统计日期, header above). */
  function rawRecords(name: string, unit: string, people: [string, string][]): Promise<string> {
    const header = ['姓名', '考勤组', '部门', '工号', '职位', 'UserId', '考勤日期', '考勤时间', '打卡时间', '打卡结果'];
    const rows: SheetRows = [['原始记录'], ['统计日期：2026-11-02 至 2026-11-02'], header];
    for (const [id, who] of people) rows.push([who, '中心考勤组', unit, id, '窗口人员', `u${id}`, '26-11-02 星期一', '08:00', '2026-11-02 07:55:00', '正常']);
    return writeWorkbook(join(dir, name), { 原始记录: rows });
  }

  it('two 原始记录 files, one 张伟 each under different 工号 (0001, 0009): one system numbered both, so they are two people — refused at 0009, naming both files’ rows', async () => {
    const first = await rawRecords('原始记录-民政.xlsx', '民政窗口', [['0001', '张伟']]);
    const second = await rawRecords('原始记录-城管.xlsx', '城管中队', [['0009', '张伟'], ['0002', '李娜']]);
    const data = await readExports([first, second]);
    const people = resolvePeople(data, [entry('0001', '张伟', '民政窗口'), entry('0002', '李娜', '社保窗口')]);
    // 0001 matches by 工号; 0009 is not on the roster and would be taken by the name: refused at its row 4 (工号 column)
    expect(people.problems.map((p) => ({ code: p.code, file: p.at.file, row: p.at.row, column: p.at.column, args: p.args }))).toEqual([
      {
        code: 'export_namesakes_folded',
        file: second,
        row: 4,
        column: '工号',
        args: {
          value: '张伟',
          id: '0001',
          places: JSON.stringify([
            { number: '0001', unit: '民政窗口', file: first, sheet: '原始记录', row: 4 },
            { number: '0009', unit: '城管中队', file: second, sheet: '原始记录', row: 4 },
          ]),
        },
      },
    ]);
    expect(people.problems.map(formatProblem)[0]).toContain('导出中有 2 个编号不同的“张伟”：0001（民政窗口，原始记录-民政.xlsx › 原始记录 第4行）、0009（城管中队，第4行）');
  });

  it('the same 张伟 under the same 工号 in two weeks’ 原始记录 is one person: no refusal', async () => {
    const week1 = await rawRecords('原始记录-第一周.xlsx', '民政窗口', [['0001', '张伟']]);
    const week2 = await rawRecords('原始记录-第二周.xlsx', '民政窗口', [['0001', '张伟']]);
    const data = await readExports([week1, week2]);
    const people = resolvePeople(data, [entry('R01', '张伟', '民政窗口')]);
    // 0001 is not the roster's 工号 (R01): taken by the name, alone under it
    expect([...data.problems, ...people.problems]).toEqual([]);
    expect([...people.byKey.values()].map((r) => r.id)).toEqual(['R01']);
  });

  it('numbers of two systems are not compared: a clock log’s 101 and WeCom’s 账号 u101 under one name are the roster’s one person', async () => {
    // the clock's 101 is the roster's 考勤号码; u101 (WeCom 打卡详情's 账号) matches nothing and is taken by the name
    const clock = cardCsv('同名-考勤机.csv', [['0001', '101', '张伟', '2026/11/2', '07:55']]);
    const header = ['日期', '姓名', '账号', '部门', '职务', '所属规则', '打卡类型', '应打卡时间', '实际打卡时间', '打卡状态'];
    const wecom = await writeWorkbook(join(dir, '同名-企业微信.xlsx'), { 打卡详情: [header, ['2026/11/03 星期二', '张伟', 'u101', '中心', '窗口人员', '值班规则', '上班', '08:00', '07:55', '正常']] });
    const data = await readExports([clock, wecom]);
    const people = resolvePeople(data, [entry('0001', '张伟', '民政窗口', '101'), entry('0002', '李娜', '社保窗口', '102')]);
    expect([...data.problems, ...people.problems]).toEqual([]);
    expect(people.byKey.get('clock:u101')?.id).toBe('0001');
  });

  it('kaohe score stops; with each 张伟 on the roster, 0001 loses 1 for the late arrival and 2 for the absent day', async () => {
    const path = week('同名-计分.csv', { zhang: ['0001', 'uA'], other: ['0009', 'uB'], li: ['0002', 'uC'] });
    const one = join(dir, '人员-一个张伟.csv');
    writeFileSync(one, '工号,姓名,窗口\n0001,张伟,民政窗口\n0002,李娜,社保窗口\n');
    const refused = await kaohe('score', path, '--roster', one, '--scheme', 'bianmin-10pt', '--period', '2026-11');
    // folded, 0001 had 0009's punches on 11-04 and 11-05: no absence, no late arrival → 10
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('导出中有 2 个编号不同的“张伟”：0001（民政窗口，第2行）、0009（城管中队，第6行）');
    const both = join(dir, '人员-两个张伟.csv');
    writeFileSync(both, '工号,姓名,窗口\n0001,张伟,民政窗口\n0002,李娜,社保窗口\n0009,张伟,城管中队\n');
    const run = await kaohe('score', path, '--roster', both, '--scheme', 'bianmin-10pt', '--period', '2026-11', '--json');
    expect(run.code, run.stderr).toBe(0);
    // the log covers 11-02 to 11-06 (its first and last day): 0001 10 − 1 (late 11-05) − 2 (absent 11-04) = 7; the others 10
    const totals = Object.fromEntries((JSON.parse(run.stdout) as { subjects: { id: string; total: number }[] }).subjects.map((s) => [s.id, s.total]));
    expect(totals).toEqual({ '0001': 7, '0002': 10, '0009': 10 });
  });
});

describe('kaohe import: what it says it wrote', () => {
  it('人员 counts the roster rows written, and says how many of them the export names', async () => {
    // roster: 陈一, 刘二, 王三 (3 rows); the export has punches for 陈一 and 刘二 only
    const roster = join(dir, '人员3.csv');
    writeFileSync(roster, '工号,姓名,窗口,考勤号码\n0001,陈一,民政窗口,101\n0002,刘二,社保窗口,102\n0003,王三,医保窗口,103\n');
    const path = cardCsv('两人.csv', [
      ['0001', '101', '陈一', '2026/11/2', '07:55'],
      ['0002', '102', '刘二', '2026/11/2', '07:56'],
    ]);
    const out = join(dir, '三人.xlsx');
    const run = await runImport([path], { output: out, roster, period: '2026-11' });
    expect(run.counts).toMatchObject({ people: 3, inExport: 2, punches: 2 });
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    expect(book.getWorksheet('人员')!.rowCount - 1).toBe(3);
  });

  it('writes each 姓名 beside its 工号 as the roster gives it, note and all, so that scoring the file takes it', async () => {
    // 陈一（借调） on the roster is matched by 陈一; 考勤 written 陈一 beside 0001 would differ from the roster's name
    const roster = join(dir, '人员-借调.csv');
    writeFileSync(roster, '工号,姓名,窗口,考勤号码\n0001,陈一（借调）,民政窗口,101\n');
    const path = cardCsv('借调.csv', [['0001', '101', '陈一', '2026/11/2', '07:55']]);
    const out = join(dir, '借调-2026-11.xlsx');
    await runImport([path], { output: out, roster, period: '2026-11' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    // as the roster writes it, full-width brackets kept: scoring matches the two folded (NFKC) and shows the roster's
    expect(book.getWorksheet('考勤')!.getCell('B2').value).toBe('陈一（借调）');
    const scored = await runScore(out, { scheme: 'bianmin-10pt' });
    expect(scored.roster.map((p) => p.name)).toEqual(['陈一（借调）']);
    expect(scored.warnings.filter((w) => w.code.startsWith('person_name'))).toEqual([]);
  });

  it('a roster whose 考勤号码 are all 无 has no clock numbers: the clock’s numbers are matched to 工号, as without the column (probe r12e)', async () => {
    // 101 and 102 are 工号 here; 无 is no clock number, so the device's 101 and 102 are these 工号
    const roster = join(dir, '人员-无号码.csv');
    writeFileSync(roster, '工号,姓名,窗口,考勤号码\n101,陈一,民政窗口,无\n102,刘二,社保窗口,无\n');
    const log = join(dir, '1_attlog.dat');
    writeFileSync(log, ['      101\t2026-11-02 07:55:00\t1\t0\t1\t0', '      102\t2026-11-02 07:56:00\t1\t0\t1\t0'].join('\r\n') + '\r\n');
    const run = await runImport([log], { output: join(dir, '无号码.xlsx'), roster, period: '2026-11' });
    expect(run.counts).toMatchObject({ people: 2, inExport: 2, punches: 2 });
  });

  it('a roster whose 考勤号码 are all 0000 has no clock numbers either: the clock’s 101 and 102 are 工号', async () => {
    // 0000 is what a clerk writes for no clock, as 无: no device numbers a person 0
    const roster = join(dir, '人员-零号码.csv');
    writeFileSync(roster, '工号,姓名,窗口,考勤号码\n101,陈一,民政窗口,0000\n102,刘二,社保窗口,0000\n');
    const log = join(dir, '2_attlog.dat');
    writeFileSync(log, ['      101\t2026-11-02 07:55:00\t1\t0\t1\t0', '      102\t2026-11-02 07:56:00\t1\t0\t1\t0'].join('\r\n') + '\r\n');
    const run = await runImport([log], { output: join(dir, '零号码.xlsx'), roster, period: '2026-11' });
    expect(run.counts).toMatchObject({ people: 2, inExport: 2, punches: 2 });
  });

  it('a roster’s 考勤号码 0 beside real numbers is a device’s user 0: the log’s 0 and 2 are 甲一’s and 乙二’s', async () => {
    // 0 on the roster is kept as a number (it only stops counting as "clock numbers given" when all are zeros)
    const roster = join(dir, '人员-零号用户.csv');
    writeFileSync(roster, '工号,姓名,窗口,考勤号码\nA1,甲一,民政窗口,0\nA2,乙二,社保窗口,2\n');
    const log = join(dir, '3_attlog.dat');
    writeFileSync(log, ['        0\t2026-11-02 07:55:00\t1\t0\t1\t0', '        2\t2026-11-02 07:56:00\t1\t0\t1\t0'].join('\r\n') + '\r\n');
    const run = await runImport([log], { output: join(dir, '零号用户.xlsx'), roster, period: '2026-11' });
    expect(run.counts).toMatchObject({ people: 2, inExport: 2, punches: 2 });
  });

  it('an export’s 登记号码 0 is no clock number either: two people without a clock are told apart by name', async () => {
    // 王三 and 赵四 have no clock (0000 on the roster, 0 in the export): matched by name, not both as clock 0
    const roster = join(dir, '人员-两人无钟.csv');
    writeFileSync(roster, '工号,姓名,窗口,考勤号码\n0001,陈一,民政窗口,101\n0003,王三,医保窗口,0000\n0004,赵四,社保窗口,0000\n');
    const path = cardCsv('两人无钟.csv', [
      ['0001', '101', '陈一', '2026/11/2', '07:55'],
      ['', '0', '王三', '2026/11/2', '07:56'],
      ['', '0', '赵四', '2026/11/2', '07:57'],
    ]);
    const run = await runImport([path], { output: join(dir, '两人无钟.xlsx'), roster, period: '2026-11' });
    // 3 people, each with the one punch of their row
    expect(run.counts).toMatchObject({ people: 3, inExport: 3, punches: 3 });
  });

  it('a roster with a title row above its header counts its people, not the header', async () => {
    // title, header, then the same 3 people: 3, not 4
    const roster = join(dir, '人员-标题.csv');
    writeFileSync(roster, '2026年11月人员表\n工号,姓名,窗口,考勤号码\n0001,陈一,民政窗口,101\n0002,刘二,社保窗口,102\n0003,王三,医保窗口,103\n');
    const path = cardCsv('两人-标题.csv', [['0001', '101', '陈一', '2026/11/2', '07:55']]);
    const run = await runImport([path], { output: join(dir, '标题.xlsx'), roster, period: '2026-11' });
    expect(run.counts).toMatchObject({ people: 3, inExport: 1 });
  });
});

import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runImport } from '../src/commands/import.js';
import { runScore } from '../src/commands/score.js';
import { InputError } from '../src/core/problems.js';
import { toNumber } from '../src/core/decimal.js';
import { kaohe } from './kaohe.js';
import { cell, row, writeRawXlsx } from './raw-xlsx.js';
import { recordHeader, tempDir, writeWorkbook } from './workbook.js';

/**
 * Sheets given by flag (--punches, --leave, --records) beside a workbook or folder that has its
 * own: read as the sheet they are headed as, never silently in place of rows already there.
 * bianmin-10pt, November 2026 (no holidays: 21 working days, Monday to Friday); one invented
 * person, 0001 陈建国, who clocks 07:54 11:34 13:54 17:35 (on time) on every day given.
 */
const roster: string[][] = [
  ['工号', '姓名', '窗口'],
  ['0001', '陈建国', '民政窗口'],
];

/** The working days (Monday to Friday) from `first` to `last`, as 2026-11-02. */
function workdays(first: string, last: string): string[] {
  const days: string[] = [];
  for (let d = new Date(`${first}T00:00:00Z`); d <= new Date(`${last}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) {
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) days.push(d.toISOString().slice(0, 10));
  }
  return days;
}

const punchRows = (days: readonly string[]): string[][] => [['工号', '姓名', '日期', '打卡时间'], ...days.map((d) => ['0001', '陈建国', d, '07:54 11:34 13:54 17:35'])];

function total(stdout: string): number {
  return (JSON.parse(stdout) as { subjects: { total: number }[] }).subjects[0]!.total;
}

describe('sheets given by flag beside the input’s own', () => {
  it('a --punches CSV with an export’s title block (统计日期) is an export: days after its range are no data, not 旷工', async () => {
    const dir = tempDir();
    const csv = join(dir, 'punches.csv');
    const rows = [['考勤记录'], ['统计日期：2026-10-26 至 2026-11-25'], ...punchRows(workdays('2026-10-26', '2026-11-25'))];
    writeFileSync(csv, rows.map((r) => r.join(',')).join('\r\n') + '\r\n');
    writeFileSync(join(dir, 'roster.csv'), roster.map((r) => r.join(',')).join('\n') + '\n');
    const run = await kaohe('score', '--roster', join(dir, 'roster.csv'), '--punches', csv, '--period', '2026-11', '--scheme', 'bianmin-10pt', '--json');
    expect(run.code, run.stderr).toBe(0);
    // On time on every day the title covers; 11-26, 11-27 and 11-30 are outside it: no data, so
    // 10 − 0. Read as a typed 考勤 sheet (its header is the template's), they were 旷工3次: 10 − 6 = 4.
    expect(total(run.stdout)).toBe(10);
  });

  it('a typed --leave CSV beside a workbook with 考勤 and no 请假 sheet is read as its 请假', async () => {
    const dir = tempDir();
    // every working day punched but 11-10 (a Tuesday)
    const book = await writeWorkbook(join(dir, '2026-11.xlsx'), { 人员: roster, 记录: [recordHeader], 考勤: punchRows(workdays('2026-11-02', '2026-11-30').filter((d) => d !== '2026-11-10')) });
    const leave = join(dir, 'leave.csv');
    writeFileSync(leave, '工号,姓名,类型,开始日期,结束日期\n0001,陈建国,事假,2026-11-10,2026-11-10\n');
    // without the leave: 11-10 is 旷工, 10 − 2 = 8
    expect(total((await kaohe('score', book, '--scheme', 'bianmin-10pt', '--json')).stdout)).toBe(8);
    const run = await kaohe('score', book, '--leave', leave, '--scheme', 'bianmin-10pt', '--json');
    expect(run.code, run.stderr).toBe(0);
    // 事假 excuses the day (no deduction in bianmin-10pt): 10. It was refused as if 考勤 were given twice.
    expect(total(run.stdout)).toBe(10);
  });

  it('a --records CSV beside a workbook’s filled 记录 is refused at that sheet, not put in its place', async () => {
    const dir = tempDir();
    const book = await writeWorkbook(join(dir, '2026-11.xlsx'), { 人员: roster, 记录: [recordHeader, ['2026-11-05', '0001', null, null, '1.1', 1]] });
    const records = join(dir, 'records.csv');
    writeFileSync(records, `${recordHeader.join(',')}\n2026-11-06,0001,,,1.2,1,,,\n`);
    const run = await kaohe('score', book, '--records', records, '--scheme', 'bianmin-10pt', '--json');
    // the workbook's 1.1 was dropped without a word and only the CSV's 1.2 scored
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('“记录”表已有数据，又用 --records 给了 records.csv');
  });

  it('a folder’s own 请假.csv given again by --leave is read once, not refused as given twice', async () => {
    const dir = join(tempDir(), '2026-11');
    mkdirSync(dir);
    const csv = (rows: readonly string[][]) => rows.map((r) => r.join(',')).join('\n') + '\n';
    writeFileSync(join(dir, '人员.csv'), csv(roster));
    writeFileSync(join(dir, '记录.csv'), csv([recordHeader]));
    writeFileSync(join(dir, '考勤.csv'), csv(punchRows(workdays('2026-11-02', '2026-11-30').filter((d) => d !== '2026-11-10'))));
    writeFileSync(join(dir, '请假.csv'), '工号,姓名,类型,开始日期,结束日期\n0001,陈建国,事假,2026-11-10,2026-11-10\n');
    const run = await kaohe('score', dir, '--leave', join(dir, '请假.csv'), '--scheme', 'bianmin-10pt', '--json');
    expect(run.code, run.stderr).toBe(0);
    // as the folder alone: 11-10 on 事假, 10
    expect(total(run.stdout)).toBe(10);
  });
});

/** The problems a run stops with, as [code, file name, args]. */
async function refusal(run: () => Promise<unknown>): Promise<[string, string, Record<string, string | number>][]> {
  try {
    await run();
  } catch (error) {
    if (error instanceof InputError) return error.problems.filter((p) => p.severity === 'error').map((p) => [p.code, basename(p.at.file), p.args]);
    throw error;
  }
  throw new Error('expected input problems');
}

/** kaohe import of a folder's 考勤.csv and 请假.csv: both refused as the template's sheets, naming the flag that gives each; nothing written. */
async function expectImportRefused(dir: string): Promise<void> {
  const output = join(dir, 'out.xlsx');
  const problems = await refusal(() => runImport([join(dir, '考勤.csv'), join(dir, '请假.csv')], { output, roster: join(dir, '人员.csv'), period: '2026-11' }));
  expect(problems).toEqual([
    ['import_typed_sheet', '考勤.csv', { sheet: '考勤', flag: 'punches', csv: '考勤.csv' }],
    ['import_typed_sheet', '请假.csv', { sheet: '请假', flag: 'leave', csv: '请假.csv' }],
  ]);
  expect(existsSync(output)).toBe(false);
}

describe('a CSV headed as the template’s 考勤 or 请假 is that sheet by every path', () => {
  /** A folder with 人员.csv, an empty 记录.csv, and 考勤.csv punched on every working day but the first and last (11-02, 11-30). */
  function typedMonth(): string {
    const dir = tempDir();
    const csv = (rows: readonly string[][]) => rows.map((r) => r.join(',')).join('\n') + '\n';
    writeFileSync(join(dir, '人员.csv'), csv(roster));
    writeFileSync(join(dir, '记录.csv'), csv([recordHeader]));
    writeFileSync(join(dir, '考勤.csv'), csv(punchRows(workdays('2026-11-03', '2026-11-27'))));
    writeFileSync(join(dir, '请假.csv'), '工号,姓名,类型,开始日期,结束日期\n0001,陈建国,事假,2026-11-02,2026-11-02\n');
    return dir;
  }

  it('as the positional file of score it is scored as by --punches: days it does not list are 旷工, not no data', async () => {
    const dir = typedMonth();
    const sheets = ['--roster', join(dir, '人员.csv'), '--records', join(dir, '记录.csv'), '--period', '2026-11', '--scheme', 'bianmin-10pt', '--json'];
    const byFlag = await kaohe('score', '--punches', join(dir, '考勤.csv'), ...sheets);
    const positional = await kaohe('score', join(dir, '考勤.csv'), ...sheets);
    expect(byFlag.code, byFlag.stderr).toBe(0);
    expect(positional.code, positional.stderr).toBe(0);
    // 21 working days, punched on 19 (11-03 to 11-27, all on time): 11-02 and 11-30 are 旷工,
    // 2 absence days × 2 = 4 → 10 − 4 = 6. The positional file was read as an export covering
    // 11-03 to 11-27 only, the two days "no data": 10.
    expect(total(byFlag.stdout)).toBe(6);
    expect(total(positional.stdout)).toBe(6);
  });

  it('the positional typed CSV names the period, as a positional workbook or export does (2026-11-考勤.csv without --period)', async () => {
    const dir = typedMonth();
    const named = join(dir, '2026-11-考勤.csv');
    copyFileSync(join(dir, '考勤.csv'), named);
    // November taken from the positional file's name, not from 人员.csv's (which names none): 6, as above
    const run = await kaohe('score', named, '--roster', join(dir, '人员.csv'), '--records', join(dir, '记录.csv'), '--scheme', 'bianmin-10pt', '--json');
    expect(run.code, run.stderr).toBe(0);
    expect(total(run.stdout)).toBe(6);
    const attendance = await kaohe('attendance', named, '--roster', join(dir, '人员.csv'));
    expect(attendance.code, attendance.stderr).toBe(0);
  });

  it('kaohe attendance reads a positional 考勤.csv or 请假.csv as --punches or --leave does', async () => {
    const dir = typedMonth();
    const rosterFlag = ['--roster', join(dir, '人员.csv'), '-p', '2026-11'];
    const byFlags = await kaohe('attendance', '--punches', join(dir, '考勤.csv'), '--leave', join(dir, '请假.csv'), ...rosterFlag);
    expect(byFlags.code, byFlags.stderr).toBe(0);
    // 11-02 on 事假, 11-30 unexcused: 19 days attended, one absence day.
    expect(byFlags.stdout).toMatch(/0001\s+陈建国\s+民政窗口\s+21\s+19\s+0\s+0\s+0\s+0\s+1\s+1\s+0\s+1\s/);
    const punchesPositional = await kaohe('attendance', join(dir, '考勤.csv'), '--leave', join(dir, '请假.csv'), ...rosterFlag);
    const leavePositional = await kaohe('attendance', join(dir, '请假.csv'), '--punches', join(dir, '考勤.csv'), ...rosterFlag);
    // The 请假.csv was refused: 日期列看不出是哪个月的哪几天 (a profile took it for an export).
    expect(leavePositional.code, leavePositional.stderr).toBe(0);
    expect(punchesPositional.stdout).toBe(byFlags.stdout);
    expect(leavePositional.stdout).toBe(byFlags.stdout);
  });

  it('the positional file and its flag both giving the sheet are refused, not merged or one dropped', async () => {
    const dir = typedMonth();
    const other = join(dir, 'other.csv');
    writeFileSync(other, '工号,姓名,日期,打卡时间\n0001,陈建国,2026-11-02,07:54 11:34 13:54 17:35\n');
    const problems = await refusal(() => runScore(join(dir, '考勤.csv'), { scheme: 'bianmin-10pt', roster: join(dir, '人员.csv'), records: join(dir, '记录.csv'), punches: other, period: '2026-11' }));
    expect(problems).toEqual([['sheet_given_twice', '考勤.csv', { sheet: '考勤', flag: 'punches', csv: 'other.csv' }]]);
  });

  it('kaohe import refuses it, naming the file and the flag that gives it, and writes nothing', async () => {
    await expectImportRefused(typedMonth());
  });
});

describe('a 考勤.csv or 请假.csv with extra columns is that sheet by every path, as in a folder', () => {
  const csv = (rows: readonly string[][]) => rows.map((r) => r.join(',')).join('\n') + '\n';
  /**
   * A folder (2026-11) with 人员.csv, an empty 记录.csv, 考勤.csv punched on every working day but
   * the first and last (11-02, 11-30), and 请假.csv putting 11-02 on 事假; both CSVs with a 备注
   * column the template does not have, which the folder reads and ignores.
   */
  function notedMonth(): string {
    const dir = join(tempDir(), '2026-11');
    mkdirSync(dir);
    writeFileSync(join(dir, '人员.csv'), csv(roster));
    writeFileSync(join(dir, '记录.csv'), csv([recordHeader]));
    const [header, ...rows] = punchRows(workdays('2026-11-03', '2026-11-27'));
    writeFileSync(join(dir, '考勤.csv'), csv([[...header!, '备注'], ...rows.map((r, i) => [...r, i === 0 ? '手机打卡' : ''])]));
    writeFileSync(join(dir, '请假.csv'), '工号,姓名,类型,开始日期,结束日期,备注\n0001,陈建国,事假,2026-11-02,2026-11-02,家中有事\n');
    return dir;
  }
  const scoring = ['--scheme', 'bianmin-10pt', '--json'];

  it('score: the folder, --punches and the positional file give the same total', async () => {
    const dir = notedMonth();
    const sheets = ['--roster', join(dir, '人员.csv'), '--records', join(dir, '记录.csv'), '--leave', join(dir, '请假.csv'), '--period', '2026-11'];
    // 21 working days, punched on 19 (11-03 to 11-27, on time), 11-02 on 事假 (no deduction in
    // bianmin-10pt): 11-30 is 旷工, 1 absence day × 2 → 10 − 2 = 8. By flag or positionally the
    // 考勤.csv was an export covering 11-03 to 11-27, 11-30 "no data": 10.
    const folder = await kaohe('score', dir, ...scoring);
    expect(folder.code, folder.stderr).toBe(0);
    expect(total(folder.stdout)).toBe(8);
    const byFlag = await kaohe('score', '--punches', join(dir, '考勤.csv'), ...sheets, ...scoring);
    const positional = await kaohe('score', join(dir, '考勤.csv'), ...sheets, ...scoring);
    for (const run of [byFlag, positional]) {
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).not.toContain('识别为');
      expect(total(run.stdout)).toBe(8);
    }
  });

  it('attendance: 请假.csv by --leave or positionally is the 请假 sheet, as the folder’s', async () => {
    const dir = notedMonth();
    const folder = await kaohe('attendance', dir);
    expect(folder.code, folder.stderr).toBe(0);
    // 11-02 on 事假, 11-30 unexcused: 21 working days, 19 attended, one absence day.
    expect(folder.stdout).toMatch(/0001\s+陈建国\s+民政窗口\s+21\s+19\s+0\s+0\s+0\s+0\s+1\s+1\s+0\s+1\s/);
    const rosterFlag = ['--roster', join(dir, '人员.csv'), '-p', '2026-11'];
    const byFlags = await kaohe('attendance', '--punches', join(dir, '考勤.csv'), '--leave', join(dir, '请假.csv'), ...rosterFlag);
    const leavePositional = await kaohe('attendance', join(dir, '请假.csv'), '--punches', join(dir, '考勤.csv'), ...rosterFlag);
    // 请假.csv was an export (hr-leave-list), 考勤.csv one too: 11-30 "no data", no absence.
    expect(byFlags.stdout).toBe(folder.stdout);
    expect(leavePositional.stdout).toBe(folder.stdout);
  });

  it('kaohe import refuses them as the template’s sheets, and writes nothing', async () => {
    await expectImportRefused(notedMonth());
  });

  it('--format still makes 考勤.csv an export', async () => {
    const dir = notedMonth();
    const run = await kaohe('score', '--punches', join(dir, '考勤.csv'), '--format', 'clock-day-cell', '--roster', join(dir, '人员.csv'), '--records', join(dir, '记录.csv'), '--period', '2026-11', ...scoring);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('识别为');
    // covering 11-03 to 11-27, on time throughout; 11-02 and 11-30 no data: 10
    expect(total(run.stdout)).toBe(10);
  });

  it('under a name that is not the sheet’s (11月考勤.csv), a 备注 column still leaves it the template’s sheet', async () => {
    // A note column is the clerk's own, never an export's verdict: as 考勤.csv, 11-30 is 旷工 → 8.
    // Before, 11月考勤.csv went to the profiles and was refused as a 中控 grid without day numbers.
    const dir = notedMonth();
    const renamed = join(dir, '11月考勤.csv');
    copyFileSync(join(dir, '考勤.csv'), renamed);
    const run = await kaohe('score', '--punches', renamed, '--roster', join(dir, '人员.csv'), '--records', join(dir, '记录.csv'), '--leave', join(dir, '请假.csv'), '--period', '2026-11', ...scoring);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toContain('识别为');
    expect(total(run.stdout)).toBe(8);
  });

  it('a DingTalk-like punch list under a name no sheet has is still an export', async () => {
    const dir = notedMonth();
    const dingtalk = join(dir, '钉钉打卡记录.csv');
    const punches = workdays('2026-11-03', '2026-11-27').flatMap((d) => ['07:55', '11:33', '13:55', '17:36'].map((t) => ['陈建国', '0001', d, t, '正常']));
    writeFileSync(dingtalk, csv([['姓名', '工号', '日期', '打卡时间', '打卡结果'], ...punches]));
    const run = await kaohe('score', '--punches', dingtalk, '--roster', join(dir, '人员.csv'), '--records', join(dir, '记录.csv'), '--period', '2026-11', ...scoring);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('识别为');
    // an export covering 11-03 to 11-27, on time throughout: 10
    expect(total(run.stdout)).toBe(10);
  });
});

describe('a sheet missing from sheets given by flag is said as its flag', () => {
  it('score --roster --punches without --records asks for --records', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, '人员.csv'), roster.map((r) => r.join(',')).join('\n') + '\n');
    writeFileSync(join(dir, '考勤.csv'), punchRows(workdays('2026-11-02', '2026-11-30')).map((r) => r.join(',')).join('\n') + '\n');
    const problems = await refusal(() => runScore(undefined, { scheme: 'bianmin-10pt', roster: join(dir, '人员.csv'), punches: join(dir, '考勤.csv'), period: '2026-11' }));
    // It was sheet_missing {sheet: 记录}: 缺少工作表“记录”, naming no flag.
    expect(problems).toEqual([['sheet_not_given', '人员.csv', { sheet: '记录', flag: 'records' }]]);
  });

  it('a workbook without 记录 is still told its missing sheet', async () => {
    const dir = tempDir();
    const book = await writeWorkbook(join(dir, '2026-11.xlsx'), { 人员: roster });
    const problems = await refusal(() => runScore(book, { scheme: 'bianmin-10pt' }));
    expect(problems).toEqual([['sheet_missing', '2026-11.xlsx', { sheet: '记录', aliases: 'records' }]]);
  });
});

describe('a punch list read in a layout it does not fit', () => {
  it('with the period given, the error says the day numbers are missing, not to give --period (which was given)', async () => {
    const dir = tempDir();
    const csv = (rows: readonly string[][]) => rows.map((r) => r.join(',')).join('\n') + '\n';
    writeFileSync(join(dir, '人员.csv'), csv(roster));
    writeFileSync(join(dir, '记录.csv'), csv([recordHeader]));
    // a KQ803 person block (a label row, then a row of times) without its row of day numbers,
    // under a name no sheet has (punches.csv would be the 考勤 sheet, as in a folder): read as an export
    writeFileSync(join(dir, '打卡导出.csv'), csv([['考 勤 记 录 表'], ['工 号:', '0001', '', '姓 名:', '陈建国'], ['', '', '07:54']]));
    const found = await refusal(() => runScore(undefined, { scheme: 'bianmin-10pt', period: '2026-11', roster: join(dir, '人员.csv'), records: join(dir, '记录.csv'), punches: join(dir, '打卡导出.csv') }));
    expect(found.map(([code, , args]) => [code, 'profile' in args])).toEqual([['export_days_unknown', true]]);
  });
});

describe('a workbook holding the template’s 考勤 or 请假 is that sheet, as the same table in a CSV is', () => {
  /** A month workbook without 考勤 (人员, an empty 记录), for the punches to come by --punches. */
  const monthWithoutPunches = (dir: string) => writeWorkbook(join(dir, '2026-11.xlsx'), { 人员: roster, 记录: [recordHeader] });
  const scoring = ['--scheme', 'bianmin-10pt', '--json'];

  it('--punches 考勤.xlsx typed up to 11-26: the working days after it are 旷工, as with the CSV, not “no data”', async () => {
    const dir = tempDir();
    const book = await monthWithoutPunches(dir);
    const rows = punchRows(workdays('2026-11-02', '2026-11-26'));
    const xlsx = await writeWorkbook(join(dir, 'punch.xlsx'), { 考勤: rows });
    const csv = join(dir, 'punch.csv');
    writeFileSync(csv, rows.map((r) => r.join(',')).join('\n') + '\n');
    // On time 11-02 to 11-26; 11-27 (Friday) and 11-30 (Monday) unpunched: 旷工 2 days × 2 points
    // (bianmin-10pt 2.1) → 10 − 4 = 6. The .xlsx was read as an export covering its first to
    // last punch (11-02 to 11-26), the two days "no data": 10.
    for (const punches of [csv, xlsx]) {
      const run = await kaohe('score', book, '--punches', punches, ...scoring);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).not.toContain('识别为');
      expect(total(run.stdout)).toBe(6);
    }
    // As the positional file beside the sheets by flag, it is read as the month's 考勤 likewise: 6.
    writeFileSync(join(dir, 'roster.csv'), roster.map((r) => r.join(',')).join('\n') + '\n');
    writeFileSync(join(dir, 'records.csv'), recordHeader.join(',') + '\n');
    const positional = await kaohe('score', xlsx, '--roster', join(dir, 'roster.csv'), '--records', join(dir, 'records.csv'), '--period', '2026-11', ...scoring);
    expect(positional.code, positional.stderr).toBe(0);
    expect(total(positional.stdout)).toBe(6);
  });

  it('the long shape (时间, one punch a row) in a lone Sheet1 with date and time serials is read as 考勤, not as a clock grid', async () => {
    const dir = tempDir();
    const book = await monthWithoutPunches(dir);
    const serial = (iso: string) => (Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000;
    const minutes = (hhmm: string) => (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))) / 1440;
    const header = ['工号', '姓名', '日期', '时间'].map((h, i) => cell.text(`${'ABCD'[i]}1`, h));
    let r = 1;
    const lines = [row(1, header)];
    for (const day of workdays('2026-11-03', '2026-11-30')) {
      for (const time of ['07:54', '11:34', '13:54', '17:35']) {
        r++;
        lines.push(row(r, [cell.text(`A${r}`, '0001'), cell.text(`B${r}`, '陈建国'), cell.number(`C${r}`, serial(day), 1), cell.number(`D${r}`, minutes(time), 2)]));
      }
    }
    const xlsx = await writeRawXlsx(join(dir, 'sheet1.xlsx'), { sheets: [{ name: 'Sheet1', rows: lines.join('') }], formats: [14, 20] });
    const run = await kaohe('score', book, '--punches', xlsx, ...scoring);
    // Every working day but 11-02 (Monday) punched on time: 旷工 1 day × 2 → 10 − 2 = 8. It was
    // refused as a 中控 考勤记录表 whose day numbers could not be found.
    expect(run.code, run.stderr).toBe(0);
    expect(total(run.stdout)).toBe(8);
    // Sheet1 is read as the 考勤, not also said to be a sheet with 考勤's columns left unread; 记录 has only its header.
    expect((await runScore(book, { scheme: 'bianmin-10pt', punches: xlsx })).warnings.map((w) => [w.code, w.at.sheet])).toEqual([['sheet_empty', '记录']]);
  });

  it('--punches and --leave a workbook as Excel saves a new one: the table in Sheet1, Sheet2 and Sheet3 left empty', async () => {
    const dir = tempDir();
    const book = await monthWithoutPunches(dir);
    const punches = await writeWorkbook(join(dir, '考勤.xlsx'), { Sheet1: punchRows(workdays('2026-11-02', '2026-11-26')), Sheet2: [], Sheet3: [] });
    // As the lone-sheet workbook above: 11-27 and 11-30 unpunched, 旷工 2 days × 2 → 10 − 4 = 6. The
    // empty sheets made three candidates, none chosen, and Sheet1 was refused as a 中控 考勤记录表.
    const run = await kaohe('score', book, '--punches', punches, ...scoring);
    expect(run.code, run.stderr).toBe(0);
    expect(total(run.stdout)).toBe(6);
    // 请假 likewise: a month punched on every working day but 11-10, 事假 that day in Sheet1 → 10;
    // without it, 11-10 is 旷工: 10 − 2 = 8.
    const month = await writeWorkbook(join(dir, '2026-11-考勤.xlsx'), { 人员: roster, 记录: [recordHeader], 考勤: punchRows(workdays('2026-11-02', '2026-11-30').filter((d) => d !== '2026-11-10')) });
    const leave = await writeWorkbook(join(dir, '请假.xlsx'), { Sheet1: [['工号', '姓名', '类型', '开始日期', '结束日期'], ['0001', '陈建国', '事假', '2026-11-10', '2026-11-10']], Sheet2: [], Sheet3: [] });
    const withLeave = await kaohe('score', month, '--leave', leave, ...scoring);
    expect(withLeave.code, withLeave.stderr).toBe(0);
    expect(total(withLeave.stdout)).toBe(10);
  });

  it('a Sheet2 holding anything keeps the lone-sheet rule off: the workbook is not the typed 考勤 (an export is looked for)', async () => {
    const dir = tempDir();
    const book = await monthWithoutPunches(dir);
    const punches = await writeWorkbook(join(dir, '考勤.xlsx'), { Sheet1: punchRows(workdays('2026-11-02', '2026-11-26')), Sheet2: [['备注：11月考勤']] });
    const run = await kaohe('score', book, '--punches', punches, ...scoring);
    // Which of the two sheets is the table is not guessed: read as an export, 11-27 and 11-30 past
    // its last punch are no data, 10 (the typed sheet's would be 6).
    expect(run.code, run.stderr).toBe(0);
    expect(total(run.stdout)).toBe(10);
    expect(run.stderr).toContain('识别为');
  });

  it('kaohe import refuses a typed 考勤.xlsx (naming its sheet) and a whole month workbook, and writes nothing', async () => {
    const dir = tempDir();
    const xlsx = await writeWorkbook(join(dir, 'punch.xlsx'), { 考勤: punchRows(workdays('2026-11-02', '2026-11-30')) });
    const month = await writeWorkbook(join(dir, '2026-11.xlsx'), { 人员: roster, 记录: [recordHeader], 考勤: punchRows(workdays('2026-11-02', '2026-11-30')) });
    const output = join(dir, 'out.xlsx');
    const problems = await refusal(() => runImport([xlsx, month], { output, period: '2026-11' }));
    expect(problems).toEqual([
      ['import_month_workbook', '2026-11.xlsx', { csv: '2026-11.xlsx', punches: 1 }],
      ['import_typed_sheet', 'punch.xlsx', { sheet: '考勤', flag: 'punches', csv: 'punch.xlsx' }],
    ]);
    expect(existsSync(output)).toBe(false);
  });

  it('kaohe import of a month workbook without 考勤 or 请假 (人员, 记录) is refused as one too, with no --punches advice', async () => {
    const dir = tempDir();
    const month = await writeWorkbook(join(dir, '2026-10.xlsx'), { 人员: roster, 记录: [recordHeader] });
    const problems = await refusal(() => runImport([month], { output: join(dir, 'out.xlsx'), period: '2026-10' }));
    // before: each sheet read as a clock's grid, "日期列看不出是哪几天" at 人员 and 记录
    expect(problems).toEqual([['import_month_workbook', '2026-10.xlsx', { csv: '2026-10.xlsx', punches: 0 }]]);
  });

  it('--punches a whole month workbook: its 考勤 is read, and its other sheets with rows are said unread', async () => {
    const dir = tempDir();
    const book = await monthWithoutPunches(dir);
    const other = await writeWorkbook(join(dir, '2026-11-考勤.xlsx'), {
      人员: roster,
      记录: [recordHeader],
      考勤: punchRows(workdays('2026-11-03', '2026-11-30')),
      请假: [['工号', '姓名', '类型', '开始日期', '结束日期'], ['0001', '陈建国', '事假', '2026-11-02', '2026-11-02']],
    });
    // Scored as it is: 11-02 on 事假 (no deduction), every other working day on time: 10.
    expect(total((await kaohe('score', other, ...scoring)).stdout)).toBe(10);
    const run = await runScore(book, { scheme: 'bianmin-10pt', punches: other });
    // Only its 考勤: 11-02 unpunched and its 事假 not read, 旷工 1 day × 2 → 10 − 2 = 8; said at
    // the file (人员 and 请假 have rows, 记录 only its header). Each sheet was taken for a clock grid and refused.
    expect(run.result.subjects.map((s) => toNumber(s.total))).toEqual([8]);
    const unread = run.warnings.filter((w) => w.code === 'flag_workbook_sheets_unread');
    expect(unread.map((w) => [basename(w.at.file), w.args])).toEqual([['2026-11-考勤.xlsx', { flag: 'punches', read: '考勤', sheets: '“人员”、“请假”' }]]);
  });
});

describe('a sheet by flag saved as text under another name', () => {
  it('reads --records 记录.txt (Excel’s Unicode 文本: UTF-16 with a BOM, tab-separated) as the CSV it is, not as a workbook', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'roster.csv'), roster.map((r) => r.join(',')).join('\n') + '\n');
    writeFileSync(join(dir, 'punches.csv'), punchRows(workdays('2026-11-02', '2026-11-30')).map((r) => r.join(',')).join('\n') + '\n');
    // one 1.1 迟到 typed by hand: bianmin-10pt 1.1 costs 1 point a time → 10 − 1 = 9
    const text = [recordHeader, ['2026-11-05', '0001', '陈建国', '民政窗口', '1.1', '1', '', '', '']].map((r) => r.join('\t')).join('\r\n') + '\r\n';
    writeFileSync(join(dir, '记录.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const run = await kaohe('score', '--roster', join(dir, 'roster.csv'), '--punches', join(dir, 'punches.csv'), '--records', join(dir, '记录.txt'), '--period', '2026-11', '--scheme', 'bianmin-10pt', '--json');
    expect(run.code, run.stderr).toBe(0);
    expect(total(run.stdout)).toBe(9);
  });

  it('--punches 考勤csv.txt, CSV text headed as the template, is the typed 考勤 (as 考勤.csv), by flag and as the positional file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'roster.csv'), roster.map((r) => r.join(',')).join('\n') + '\n');
    writeFileSync(join(dir, 'records.csv'), recordHeader.join(',') + '\n');
    const text = join(dir, '考勤csv.txt');
    writeFileSync(text, punchRows(workdays('2026-11-02', '2026-11-26')).map((r) => r.join(',')).join('\r\n') + '\r\n');
    // The typed sheet: 11-27 and 11-30 unpunched, 旷工 2 days × 2 → 10 − 4 = 6. It was read as an
    // export, refused as a 中控 考勤记录表 whose day numbers could not be found.
    const sheets = ['--roster', join(dir, 'roster.csv'), '--records', join(dir, 'records.csv'), '--period', '2026-11', '--scheme', 'bianmin-10pt', '--json'];
    const byFlag = await kaohe('score', '--punches', text, ...sheets);
    expect(byFlag.code, byFlag.stderr).toBe(0);
    expect(total(byFlag.stdout)).toBe(6);
    // Named 考勤.txt (the sheet's own name) and given as the positional file: the same sheet, not a workbook.
    const named = join(dir, '考勤.txt');
    copyFileSync(text, named);
    const positional = await kaohe('score', named, ...sheets);
    expect(positional.code, positional.stderr).toBe(0);
    expect(total(positional.stdout)).toBe(6);
  });

  it('an attlog saved as attlog.txt stays an attlog (an export): the days past its last punch are no data, not 旷工', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'roster.csv'), roster.map((r) => r.join(',')).join('\n') + '\n');
    writeFileSync(join(dir, 'records.csv'), recordHeader.join(',') + '\n');
    const lines = workdays('2026-11-02', '2026-11-26').flatMap((d) => ['07:54', '11:34', '13:54', '17:35'].map((t) => `0001\t${d} ${t}:00\t1\t0\t1\t0`));
    writeFileSync(join(dir, 'attlog.txt'), lines.join('\r\n') + '\r\n');
    const run = await kaohe('score', '--punches', join(dir, 'attlog.txt'), '--roster', join(dir, 'roster.csv'), '--records', join(dir, 'records.csv'), '--period', '2026-11', '--scheme', 'bianmin-10pt', '--json');
    // On time 11-02 to 11-26; 11-27 and 11-30 past the log: no data, 10 (typed as the sheet they were 旷工: 6).
    expect(run.code, run.stderr).toBe(0);
    expect(total(run.stdout)).toBe(10);
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAttendance } from '../src/commands/attendance.js';
import { runScore } from '../src/commands/score.js';
import { InputError } from '../src/core/problems.js';
import { kaohe } from './kaohe.js';
import { tempDir, writeWorkbook, type SheetRows } from './workbook.js';

/**
 * A DingTalk 打卡时间 grid (person × day number) under a title, for two invented people who
 * punch 07:55, 11:35, 13:55 and 17:35 on every Monday to Friday of `month` (year, 1-based month).
 */
function gridRows(title: string, year: number, month: number): SheetRows {
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const head = ['姓名', '考勤组', '部门', '工号', ...Array.from({ length: days }, (_, i) => String(i + 1))];
  const person = (name: string, id: string) => [
    name,
    '中心考勤组',
    '民政窗口',
    id,
    ...Array.from({ length: days }, (_, i) => {
      const weekday = new Date(Date.UTC(year, month - 1, i + 1)).getUTCDay();
      return weekday === 0 || weekday === 6 ? null : '07:55\n11:35\n13:55\n17:35';
    }),
  ];
  return [['打卡时间'], [title], head, person('甲一', '0001'), person('乙二', '0002')];
}

const grid = (title: string, year: number, month: number) => writeWorkbook(join(tempDir(), '打卡时间.xlsx'), { 打卡时间: gridRows(title, year, month) });

describe('the title range of an export and the calendar', () => {
  it('a December exported in January (统计时间:12-01 ～ 12-31, 制表时间 2027-01-05) is December 2026, not 2027', async () => {
    const path = await grid('统计时间:12-01 ～ 12-31  制表时间:2027-01-05', 2026, 12);
    const run = await runAttendance(undefined, { punches: path });
    // December 2026 starts on a Tuesday: 4 weeks (1–28) hold 20 weekdays, 29–31 (Tue–Thu) 3 more
    // = 23 working days (元旦 is 2027-01-01); every one punched on time → 23 days, no absence.
    expect([run.period.first, run.period.last]).toEqual(['2026-12-01', '2026-12-31']);
    expect(run.people.map((p) => [p.personId, p.workingDays, p.presentDays, p.absentDays, p.fullAttendanceBroken === null])).toEqual([
      ['0001', 23, 23, 0, true],
      ['0002', 23, 23, 0, true],
    ]);
  });

  it('a range in a year the calendar lacks stops at the title cell with the --calendar hint, in every command', async () => {
    // 2099: a year no State Council notice has announced
    const path = await grid('统计日期：2099-01-01 至 2099-01-31', 2099, 1);
    const error = (await runAttendance(undefined, { punches: path }).catch((e: unknown) => e)) as InputError;
    expect(error).toBeInstanceOf(InputError);
    expect(error.problems.map((p) => ({ code: p.code, sheet: p.at.sheet, row: p.at.row, column: p.at.columnLetter, value: p.args.value }))).toEqual([
      { code: 'calendar_year_unknown', sheet: '打卡时间', row: 2, column: 'A', value: '2099-01-01' },
    ]);
    const month = await writeWorkbook(join(tempDir(), '2026-12.xlsx'), { 人员: [['工号', '姓名', '窗口'], ['0001', '甲一', '民政窗口'], ['0002', '乙二', '民政窗口']], 记录: [['日期', '工号', '姓名', '窗口', '项目', '次数', '分值', '事项编号', '说明']] });
    for (const args of [
      ['attendance', '--punches', path],
      ['import', path, '-o', join(tempDir(), 'imported.xlsx')],
      ['score', month, '--punches', path, '--scheme', 'bianmin-10pt', '-o', join(tempDir(), 'scores.xlsx')],
      ['check', month, '--punches', path, '--scheme', 'bianmin-10pt'],
    ]) {
      const { code, stderr } = await kaohe(...args);
      expect({ command: args[0], code, trace: /YearNotCovered|\n\s+at .+:\d+:\d+/.test(stderr) }).toEqual({ command: args[0], code: 1, trace: false });
      expect(stderr).toContain('打卡时间 › 第2行 › A列');
    }
  });

  it('a punch log without a title whose punches are in a year the calendar lacks stops at the sheet, not with a stack trace', async () => {
    const rows: SheetRows = [['登记号码', '姓名', '出勤时间']];
    for (const day of ['2099-11-02', '2099-11-03']) for (const [id, name] of [['101', '甲一'], ['102', '乙二']]) rows.push([id, name, `${day} 07:55`], [id, name, `${day} 17:35`]);
    const path = await writeWorkbook(join(tempDir(), '考勤记录.xlsx'), { 考勤记录: rows });
    const error = (await runAttendance(undefined, { punches: path }).catch((e: unknown) => e)) as InputError;
    expect(error).toBeInstanceOf(InputError);
    // the range is the first and last punched day, 2099-11-02 to 2099-11-03
    expect(error.problems.map((p) => ({ code: p.code, sheet: p.at.sheet, value: p.args.value }))).toEqual([{ code: 'calendar_year_unknown', sheet: '考勤记录', value: '2099-11-02' }]);
  });

  it('a punch in a year the calendar lacks, inside --from/--to but past the title range, is refused at its cell', async () => {
    const rows: SheetRows = [['统计日期：2026-11-02 至 2026-11-03'], ['登记号码', '姓名', '部门', '出勤时间']];
    for (const day of ['2026-11-02', '2026-11-03', '2099-11-02']) for (const [id, name] of [['101', '甲一'], ['102', '乙二']]) rows.push([id, name, '民政窗口', `${day} 07:55`], [id, name, '民政窗口', `${day} 17:35`]);
    const path = await writeWorkbook(join(tempDir(), '考勤记录.xlsx'), { 考勤记录: rows });
    const error = (await runAttendance(undefined, { punches: path, from: '2026-11-02', to: '2099-11-03' }).catch((e: unknown) => e)) as InputError;
    expect(error).toBeInstanceOf(InputError);
    // rows 3–10 are 2026's eight punches; row 11 is 甲一's first on 2099-11-02; one problem a year
    expect(error.problems.filter((p) => p.code === 'calendar_year_unknown').map((p) => ({ row: p.at.row, column: p.at.columnLetter, value: p.args.value }))).toEqual([{ row: 11, column: 'D', value: '2099-11-02' }]);
  });
});

describe('--punches of another month than the workbook’s file name', () => {
  it('stops naming both, unless --period says which; one overlapping the month is kept to it', async () => {
    const dir = tempDir();
    const roster: SheetRows = [['工号', '姓名', '窗口'], ['0001', '甲一', '民政'], ['0002', '乙二', '民政']];
    const april = await writeWorkbook(join(dir, '2026-04.xlsx'), { 人员: roster, 记录: [['日期', '工号', '项目']] });
    const attlog = (name: string, days: string[]) => {
      const path = join(dir, name);
      writeFileSync(path, days.flatMap((d) => ['0001', '0002'].flatMap((id) => ['07:55', '11:35', '13:55', '17:35'].map((t) => `${id}\t${d} ${t}:00\t1\t0\t1\t0`))).join('\r\n') + '\r\n');
      return path;
    };
    // March's clock dump beside April's workbook: the export's first to last punch day is 2–31 March.
    const march = attlog('1_attlog.dat', ['2026-03-02', '2026-03-31']);
    const error = (await runScore(april, { scheme: 'bianmin-10pt', punches: march }).catch((e: unknown) => e)) as InputError;
    expect(error).toBeInstanceOf(InputError);
    expect(error.problems.map((p) => [p.code, p.at.file, p.args])).toEqual([['export_period_not_named', march, { first: '2026-03-02', last: '2026-03-31', file: '2026-04.xlsx', period: '2026-04' }]]);
    // --period 2026-03 says which: the period is March (so April's workbook is March's: no record to be outside it).
    expect((await runScore(april, { scheme: 'bianmin-10pt', punches: march, period: '2026-03' })).result.period.label).toBe('2026-03');
    // A dump from 30 March to 30 April is April's, its March days set aside.
    const spanning = attlog('2_attlog.dat', ['2026-03-30', '2026-04-01', '2026-04-30']);
    expect((await runScore(april, { scheme: 'bianmin-10pt', punches: spanning })).result.period.label).toBe('2026-04');
  });
});

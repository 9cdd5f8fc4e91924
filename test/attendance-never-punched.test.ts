import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { officialCalendar } from '../src/calendar/calendar.js';
import { DEFAULT_HOURS, parseClock } from '../src/calendar/hours.js';
import { Schedule } from '../src/calendar/schedule.js';
import { runAttendance } from '../src/commands/attendance.js';
import { runImport } from '../src/commands/import.js';
import { runScore } from '../src/commands/score.js';
import { runYear } from '../src/commands/year.js';
import type { IsoDate } from '../src/core/dates.js';
import { monthPeriod } from '../src/core/period.js';
import { deriveAttendance } from '../src/derive/attendance.js';
import { daysNobodyPunched } from '../src/derive/punch-hints.js';
import type { Leave } from '../src/validate/attendance.js';
import { PunchBook } from '../src/validate/punches.js';
import { defaultLeaveWords, resolveLeaveWord } from '../src/scheme/lists.js';
import { person } from './builders.js';
import { recordHeader, tempDir, writeWorkbook } from './workbook.js';

/**
 * A roster person without a single punch on any working day of the period is scored absent every
 * day: most often one the export left out. The derivation says so (for every source of punches).
 * November 2026: 21 working days, winter hours 08:00–11:30 and 14:00–17:30.
 */
const d = (s: string) => s as IsoDate;
const sheet = { file: 't.xlsx', sheet: '考勤' };

function monthLeave(personId: string, type: string, first = '2026-11-01', last = '2026-11-30'): Leave {
  const word = resolveLeaveWord(type, defaultLeaveWords)!;
  return { personId, word: word.word, type: word.type, class: word.class, first: d(first), last: d(last), part: '全天', startTime: null, endTime: null, length: null, at: { file: 't.xlsx', sheet: '请假' }, typeAt: { file: 't.xlsx', sheet: '请假', column: '类型' } };
}

/** Derives November for the roster; punches: [person, date, times…]. */
function derive(roster: [string, string][], punches: [string, string, ...string[]][], leaves: Leave[] = []) {
  const schedule = new Schedule(DEFAULT_HOURS, officialCalendar());
  const book = new PunchBook();
  punches.forEach(([id, date, ...times], row) => {
    for (const t of times) {
      const placed = schedule.place(id, d(date), parseClock(t)!);
      if (placed) book.add(id, placed, { role: null, row: row + 2, column: 1 });
    }
  });
  return { ...deriveAttendance({ period: monthPeriod(2026, 11), roster: roster.map(([id, name]) => person(id, name, '民政')), schedule, punches: book, leaves, punchSheet: sheet, locate: (p) => ({ ...sheet, row: p.row }) }), punches: book };
}

const warned = (result: ReturnType<typeof derive>) => result.problems.filter((p) => p.code === 'attendance_never_punched').map((p) => ({ severity: p.severity, at: p.at, args: p.args }));

describe('people without a single punch in the period', () => {
  it('one warning naming only the unpunched person who is absent; one punched day or leave all month says nothing', () => {
    // 001 punches on 11-02 only (absent the other 20 days, but not unpunched); 002 never punches
    // (21 absence days); 003 is on 事假 the whole month (no absence)
    const result = derive(
      [
        ['001', '张三'],
        ['002', '李四'],
        ['003', '王五'],
      ],
      [['001', '2026-11-02', '07:58', '11:31', '13:58', '17:31']],
      [monthLeave('003', '事假')],
    );
    expect(result.people.map((p) => [p.personId, p.absentDays])).toEqual([
      ['001', 20],
      ['002', 21],
      ['003', 0],
    ]);
    expect(warned(result)).toEqual([{ severity: 'warning', at: sheet, args: { names: '李四', shown: 1, count: 1 } }]);
  });

  it('many: the first ten named, all counted', () => {
    // 12 people, none with a punch: 人01 … 人12
    const roster = Array.from({ length: 12 }, (_, i) => [String(i + 1).padStart(3, '0'), `人${String(i + 1).padStart(2, '0')}`] as [string, string]);
    const [only] = warned(derive(roster, []));
    expect(only!.args).toEqual({ names: '人01、人02、人03、人04、人05、人06、人07、人08、人09、人10', shown: 10, count: 12 });
  });

  it('nobody unpunched: no warning', () => {
    expect(warned(derive([['001', '张三']], [['001', '2026-11-30', '07:58']]))).toEqual([]);
  });
});

describe('the warning reaches every command, from any source of punches', () => {
  const roster = [
    ['工号', '姓名', '窗口', '考勤号码'],
    ['0001', '陈一', '民政窗口', '101'],
    ['0002', '刘二', '社保窗口', '102'],
  ];

  it("score and attendance on a month workbook's own 考勤 sheet", async () => {
    const dir = tempDir();
    const path = await writeWorkbook(join(dir, '2026-11.xlsx'), { 人员: roster, 记录: [recordHeader], 考勤: [['工号', '日期', '时间'], ['0001', '2026-11-02', '07:58']] });
    const codes = (warnings: readonly { code: string; args: Record<string, unknown> }[]) => warnings.filter((w) => w.code === 'attendance_never_punched').map((w) => w.args.names);
    expect(codes((await runAttendance(path, {})).warnings)).toEqual(['刘二']);
    const score = await runScore(path, { scheme: 'bianmin-10pt' });
    expect(codes(score.warnings)).toEqual(['刘二']);
  });

  it('import of an export that leaves a roster person out', async () => {
    const dir = tempDir();
    const rosterCsv = join(dir, '人员.csv');
    writeFileSync(rosterCsv, roster.map((r) => r.join(',')).join('\n') + '\n');
    const log = join(dir, '刷卡.csv');
    writeFileSync(log, '人员编号,登记号码,姓名,部门,刷卡日期,刷卡时间\n0001,101,陈一,中心,2026/11/2,07:58\n');
    const run = await runImport([log], { output: join(dir, '2026-11.xlsx'), roster: rosterCsv, period: '2026-11' });
    expect(run.warnings.filter((w) => w.code === 'attendance_never_punched').map((w) => [w.args.names, w.at.file])).toEqual([['刘二', log]]);
  });
});

describe('a scheme that scores lates and absences from punches, given no punches at all', () => {
  const roster = [
    ['工号', '姓名', '窗口'],
    ['0001', '陈一', '民政窗口'],
  ];
  const notGiven = (warnings: readonly { code: string }[]) => warnings.filter((w) => w.code === 'attendance_not_given').length;

  it('says so when no 记录 row is of those rules either (a forgotten 考勤 sheet would score nobody late or absent)', async () => {
    const dir = tempDir();
    // bianmin-10pt: 10 − 1 (未及时开关门) = 9; no 迟到/早退/旷工 only because no punches were given: said once
    const path = await writeWorkbook(join(dir, '2026-11.xlsx'), { 人员: roster, 记录: [recordHeader, ['2026-11-05', '0001', '陈一', '民政窗口', '未及时开关门', 1, null, null, null]] });
    const score = await runScore(path, { scheme: 'bianmin-10pt' });
    expect(score.result.subjects.map((s) => s.total)).toEqual([900]);
    expect(notGiven(score.warnings)).toBe(1);
  });

  it('says nothing when the clerk types lates by hand in 记录 (the demo 个人 workbook keeps attendance so)', async () => {
    const dir = tempDir();
    // 迟到 typed twice: 10 − 1 − 1 = 8
    const path = await writeWorkbook(join(dir, '2026-11.xlsx'), { 人员: roster, 记录: [recordHeader, ['2026-11-05', '0001', '陈一', '民政窗口', '迟到', 2, null, null, null]] });
    const score = await runScore(path, { scheme: 'bianmin-10pt' });
    expect(score.result.subjects.map((s) => s.total)).toEqual([800]);
    expect(notGiven(score.warnings)).toBe(0);
  });

  it('says nothing while the 记录 has an error: its rows were not all read, so whether they hold lates is not known (probe15a hint)', async () => {
    const dir = tempDir();
    // row 2 a typed 迟到 whose 次数 is no number: an error; the rows are there, the hint would be wrong
    const path = await writeWorkbook(join(dir, '2026-11.xlsx'), { 人员: roster, 记录: [recordHeader, ['2026-11-05', '0001', '陈一', '民政窗口', '迟到', 'abc', null, null, null]] });
    const problems = await runScore(path, { scheme: 'bianmin-10pt' }).then(
      () => [],
      (error: { problems: { code: string; severity: string }[] }) => error.problems,
    );
    expect(problems.filter((p) => p.severity === 'error').map((p) => p.code)).toEqual(['count_invalid']);
    expect(notGiven(problems)).toBe(0);
  });

  it('a year says it once, at the first such month, with how many months are so', async () => {
    const dir = tempDir();
    for (const mm of ['01', '02', '03']) await writeWorkbook(join(dir, `2026-${mm}.xlsx`), { 人员: roster, 记录: [recordHeader] });
    const year = await runYear([dir], { scheme: 'bianmin-10pt', partial: true });
    // three months without punches or typed lates: one hint, at 2026-01, counting 3
    expect(year.warnings.filter((w) => w.code === 'attendance_not_given').map((w) => [basename(w.at.file ?? ''), w.args.periods])).toEqual([['2026-01.xlsx', 3]]);
  });
});

describe('working days of a typed 考勤 on which nobody punched', () => {
  it('the days nobody punched on which two or more were absent, in date order', () => {
    // November 2026's working days are Mon–Fri (2–6, 9–13, 16–20, 23–27, 30). All three punch
    // every one but the 20th, 27th and 30th; nobody punches those. The 20th and 30th: three
    // absent. The 27th: 002 and 003 on 事假, 001 alone absent, an absence like any other.
    const workdays = ['02', '03', '04', '05', '06', '09', '10', '11', '12', '13', '16', '17', '18', '19', '23', '24', '25', '26'];
    const people: [string, string][] = [
      ['001', '张三'],
      ['002', '李四'],
      ['003', '王五'],
    ];
    const punches = people.flatMap(([id]) => workdays.map((day): [string, string, ...string[]] => [id, `2026-11-${day}`, '07:58', '11:31', '13:58', '17:31']));
    const result = derive(people, punches, [monthLeave('002', '事假', '2026-11-27', '2026-11-27'), monthLeave('003', '事假', '2026-11-27', '2026-11-27')]);
    expect(daysNobodyPunched(result.people, result.punches)).toEqual(['2026-11-20', '2026-11-30']);
  });

  const roster = [
    ['工号', '姓名', '窗口'],
    ['0001', '陈一', '民政窗口'],
    ['0002', '刘二', '社保窗口'],
  ];
  /** Both punch all four times on each given day. */
  const punched = (days: readonly string[]) => [['工号', '日期', '时间'], ...days.flatMap((day) => ['0001', '0002'].flatMap((id) => ['07:55', '11:35', '13:55', '17:35'].map((t) => [id, day, t])))];
  const silent = (warnings: readonly { code: string; args: Record<string, unknown> }[]) => warnings.filter((w) => w.code === 'punches_days_nobody_punched').map((w) => w.args);

  it('a sheet typed up to the first week: the 16 working days after it said once (everyone 旷工 on them)', async () => {
    const dir = tempDir();
    const path = await writeWorkbook(join(dir, '2026-11.xlsx'), { 人员: roster, 记录: [recordHeader], 考勤: punched(['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06']) });
    const score = await runScore(path, { scheme: 'bianmin-10pt' });
    // November 2026 has 21 working days; 5 punched, so 9–13, 16–20, 23–27 and 30 (5 + 5 + 5 + 1 = 16) have nobody
    expect(silent(score.warnings)).toEqual([{ count: 16, days: '11月9日至11月13日、11月16日至11月20日、11月23日至11月27日、11月30日' }]);
    // 16 旷工 each: 2 × 4 + 4 × 12 = 56 (the 5th and later double) → 10 − 56 = −46
    expect(score.result.subjects.map((s) => s.total)).toEqual([-4600, -4600]);
  });

  it('nothing when on every working day someone punched, the one person due is absent, or the one person without punches is alone', async () => {
    const dir = tempDir();
    const workdays = ['02', '03', '04', '05', '06', '09', '10', '11', '12', '13', '16', '17', '18', '19', '20', '23', '24', '25', '26', '27', '30'].map((d) => `2026-11-${d}`);
    // 刘二 never punches on 11-30, 陈一 does: not a day nobody punched
    const rows = punched(workdays).filter((r) => !(r[0] === '0002' && r[1] === '2026-11-30'));
    const path = await writeWorkbook(join(dir, '2026-11.xlsx'), { 人员: roster, 记录: [recordHeader], 考勤: rows });
    expect(silent((await runScore(path, { scheme: 'bianmin-10pt' })).warnings)).toEqual([]);
    // 11-30: 陈一 on 事假, 刘二 due and absent: one absence, not a day the sheet lacks
    const onLeave = await writeWorkbook(join(dir, '2026-11-请假.xlsx'), {
      人员: roster,
      记录: [recordHeader],
      考勤: punched(workdays.slice(0, -1)),
      请假: [['工号', '姓名', '类型', '开始日期', '结束日期'], ['0001', '陈一', '事假', '2026-11-30', '2026-11-30']],
    });
    expect(silent((await runScore(onLeave, { scheme: 'bianmin-10pt', period: '2026-11' })).warnings)).toEqual([]);
    const alone = await writeWorkbook(join(dir, '2026-11-一人.xlsx'), { 人员: roster.slice(0, 2), 记录: [recordHeader], 考勤: punched(['2026-11-02']).filter((r) => r[0] !== '0002') });
    expect(silent((await runScore(alone, { scheme: 'bianmin-10pt', period: '2026-11' })).warnings)).toEqual([]);
  });

  it('an export says it by its own warning only (export_days_without_punches), not twice', async () => {
    const dir = tempDir();
    const rosterCsv = join(dir, '人员.csv');
    writeFileSync(rosterCsv, roster.map((r) => r.join(',')).join('\n') + '\n');
    const log = join(dir, '刷卡.csv');
    writeFileSync(log, '人员编号,姓名,部门,刷卡日期,刷卡时间\n0001,陈一,中心,2026/11/2,07:58\n0002,刘二,中心,2026/11/2,07:58\n0001,陈一,中心,2026/11/30,07:58\n');
    const score = await runScore(log, { scheme: 'bianmin-10pt', roster: rosterCsv, period: '2026-11' });
    expect(silent(score.warnings)).toEqual([]);
    expect(score.warnings.filter((w) => w.code === 'export_days_without_punches')).toHaveLength(1);
  });
});

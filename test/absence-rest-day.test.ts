import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScore } from '../src/commands/score.js';
import { recordHeader, tempDir, writeWorkbook } from './workbook.js';

/**
 * A typed 旷工 (bianmin-10pt 2.1, 2 points a day, its absences counted in days) dated on a day off
 * is most likely a wrong date: warned at the row's 日期, still counted (a make-up working day may
 * be so). October 2026: 1–7 国庆节 (the 4th a Sunday in it), the 10th (Saturday) a 调休 working
 * day, the 11th a plain Sunday, the 12th a Monday.
 */
describe('typed 旷工 on a weekend or 法定节假日 (probe15a wk)', () => {
  it('is warned at its 日期 on a holiday and a weekend, not on a 调休 working day or a weekday; each still counts', async () => {
    const roster = [['工号', '姓名', '窗口'], ['0001', '甲', '民政']];
    const absent = (date: string) => [date, '0001', null, null, '2.1', 1, null, null, null];
    const path = await writeWorkbook(join(tempDir(), '2026-10.xlsx'), {
      人员: roster,
      记录: [recordHeader, absent('2026-10-01'), absent('2026-10-04'), absent('2026-10-10'), absent('2026-10-11'), absent('2026-10-12')],
    });
    const run = await runScore(path, { scheme: 'bianmin-10pt' });
    const warned = run.warnings.filter((w) => w.code === 'absence_on_rest_day');
    // rows 2 (10-01, 国庆节), 3 (10-04, in the 国庆 break) and 5 (10-11, Sunday); not row 4 (调休) nor 6 (Monday)
    expect(warned.map((w) => [w.at.sheet, w.at.row, w.at.column, w.args.holiday])).toEqual([
      ['记录', 2, '日期', '国庆节'],
      ['记录', 3, '日期', '国庆节'],
      ['记录', 5, '日期', ''],
    ]);
    // all five count: 4 × 2 + the 5th doubled (二类行为 5次以上按2倍) 4 = 12; 10 − 12 = −2
    expect(run.result.subjects[0]!.total).toBe(-200);
  });
});

/**
 * The day is the person's as the attendance derivation sees it: a 班次 row first (a stated shift
 * on a Saturday is a working day, 休息 on a weekday is not), then the calendar.
 */
describe('typed 旷工 on a day the 班次 sheet sets (falsealarm15 sh, s)', () => {
  const roster = [['工号', '姓名', '窗口'], ['0001', '甲', '民政'], ['0002', '乙', '民政']];
  const absent = (date: string) => [date, '0001', null, null, '2.1', 1, null, null, null];
  const warnedRows = (run: Awaited<ReturnType<typeof runScore>>) => run.warnings.filter((w) => w.code === 'absence_on_rest_day').map((w) => w.at.row);

  it('without punches: not warned on a Saturday 班次 schedules, warned on a weekday 班次 rests and on a plain Sunday', async () => {
    // October 2026: 17 a Saturday (甲 on duty by 班次), 12 a Monday (甲 休息 by 班次), 11 a plain Sunday
    const path = await writeWorkbook(join(tempDir(), '2026-10.xlsx'), {
      人员: roster,
      记录: [recordHeader, absent('2026-10-17'), absent('2026-10-12'), absent('2026-10-11')],
      班次: [['工号', '开始日期', '班次'], ['0001', '2026-10-17', '08:00-11:30,14:00-17:30'], ['0001', '2026-10-12', '休息']],
    });
    const run = await runScore(path, { scheme: 'bianmin-10pt' });
    // in date order: row 4 (10-11, Sunday) and row 3 (10-12, 休息 by 班次); not row 2 (10-17, scheduled)
    expect(warnedRows(run)).toEqual([4, 3]);
    // all three count: 3 × 2 = 6; 10 − 6 = 4
    expect(run.result.subjects.find((s) => s.key === '0001')!.total).toBe(400);
  });

  it('with punches deriving the same 旷工 on the scheduled Saturday: not warned', async () => {
    // November 2026's 21 working days (2–6, 9–13, 16–20, 23–27, 30), plus Saturday 14 for both by 班次.
    // 乙 punches on time every one of them; 甲 every one but the 14th, and 旷工 on the 14th is typed too.
    const days = [2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 14, 16, 17, 18, 19, 20, 23, 24, 25, 26, 27, 30].map((d) => `2026-11-${String(d).padStart(2, '0')}`);
    const onTime = '07:58 11:31 13:59 17:31';
    const path = await writeWorkbook(join(tempDir(), '2026-11.xlsx'), {
      人员: roster,
      记录: [recordHeader, absent('2026-11-14')],
      班次: [['工号', '开始日期', '班次'], ['0001', '2026-11-14', '08:00-11:30,14:00-17:30'], ['0002', '2026-11-14', '08:00-11:30,14:00-17:30']],
      考勤: [['工号', '日期', '时间'], ...days.flatMap((d) => [...(d === '2026-11-14' ? [] : [['0001', d, onTime]]), ['0002', d, onTime]])],
    });
    const run = await runScore(path, { scheme: 'bianmin-10pt' });
    expect(warnedRows(run)).toEqual([]);
    // typed and derived 旷工 on the 14th are one day (attendance_typed_same_day): 2; 10 − 2 = 8
    expect(run.warnings.filter((w) => w.code === 'attendance_typed_same_day').map((w) => w.at.row)).toEqual([2]);
    expect(run.result.subjects.find((s) => s.key === '0001')!.total).toBe(800);
  });
});

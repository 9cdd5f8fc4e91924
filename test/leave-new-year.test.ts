import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runAttendance } from '../src/commands/attendance.js';
import { InputError } from '../src/core/problems.js';
import { parseLeaveText } from '../src/import/leave-text.js';
import { folderWithRoster, writeWorkbook, type SheetRows } from './workbook.js';

/**
 * Leave written without years that crosses New Year (DingTalk 关联的审批单 年假12-31 08:00到01-02
 * 17:30): an end before its start is in the next year, as a title's 12-26 ～ 01-25 is; the year
 * is the one that holds the row's day. A span in a readable form whose dates cannot be is said
 * as that, not with a message asking for the form it already has.
 */
describe('a leave span across New Year', () => {
  const at = (h: number, m: number) => h * 3600 + m * 60;

  it('to the minute, on the 31 December row: 2025-12-31 to 2026-01-02', () => {
    expect(parseLeaveText('年假12-31 08:00到01-02 17:30 1天', '2025-12-31' as never, 2025)).toEqual([
      { type: '年假', first: '2025-12-31', last: '2026-01-02', startTime: at(8, 0), endTime: at(17, 30), length: '1天', part: null },
    ]);
  });

  it('the same span on the 2 January row of a cycle begun in 2025: started in 2025, not 2026', () => {
    // run.year is the cycle's first year (2025); the row's day 2026-01-02 places the span.
    expect(parseLeaveText('年假12-31 08:00到01-02 17:30', '2026-01-02' as never, 2025)).toEqual([
      { type: '年假', first: '2025-12-31', last: '2026-01-02', startTime: at(8, 0), endTime: at(17, 30), length: '', part: null },
    ]);
  });

  it('in half days: 12/31 上午 to 1/2 下午 is whole days 2025-12-31 to 2026-01-02', () => {
    expect(parseLeaveText('年假1天（12/31 上午 - 1/2 下午）', '2025-12-31' as never, 2025)).toEqual([
      { type: '年假', first: '2025-12-31', last: '2026-01-02', startTime: null, endTime: null, length: '1天', part: null },
    ]);
  });

  it('a date that does not exist, a time past 24:00, or an end before a stated start: the dates are wrong, not the form', () => {
    expect(parseLeaveText('事假02-30 09:00到02-30 18:00', '2026-02-27' as never, 2026)).toEqual({ wrong: 'dates', piece: '事假02-30 09:00到02-30 18:00' });
    expect(parseLeaveText('事假10-09 09:00到10-09 25:00', '2026-10-09' as never, 2026)).toEqual({ wrong: 'dates', piece: '事假10-09 09:00到10-09 25:00' });
    expect(parseLeaveText('年假1天（2026/11/5 上午 - 2026/11/3 下午）', '2026-11-05' as never, 2026)).toEqual({ wrong: 'dates', piece: '年假1天(2026/11/5 上午 - 2026/11/3 下午)' });
    expect(parseLeaveText('事假 from Monday', '2026-11-03' as never, 2026)).toEqual({ wrong: 'form', piece: '事假 from Monday' });
  });
  it('an end a few days before the start in the same months is a slip, not a span of nearly a year (falsealarm13)', () => {
    // 11/12 → 11/10 read across New Year would be 2026-11-12 to 2027-11-10, 364 days: a 事假 of 1天
    // covering a year. Only a span of at most 300 days (产假 with every addition fits) crosses New
    // Year; 11-15 到 04-21 (158 days) does, and so does 11/16 → 06/14 (211 days, falsealarm13b).
    expect(parseLeaveText('事假1天（11/12 上午 - 11/10 下午）', '2026-11-12' as never, 2026)).toEqual({ wrong: 'dates', piece: '事假1天(11/12 上午 - 11/10 下午)' });
    expect(parseLeaveText('事假11-12 14:00到11-10 09:00 4小时', '2026-11-12' as never, 2026)).toEqual({ wrong: 'dates', piece: '事假11-12 14:00到11-10 09:00 4小时' });
    expect(parseLeaveText('产假211天（11/16 上午 - 06/14 下午）', '2026-11-16' as never, 2026)).toEqual([
      { type: '产假', first: '2026-11-16', last: '2027-06-14', startTime: null, endTime: null, length: '211天', part: null },
    ]);
    expect(parseLeaveText('产假11-15 08:00到04-21 17:30', '2026-11-16' as never, 2026)).toEqual([
      { type: '产假', first: '2026-11-15', last: '2027-04-21', startTime: at(8, 0), endTime: at(17, 30), length: '', part: null },
    ]);
  });
});

describe('DingTalk 每日统计 for December 2025 with leave into January', () => {
  let dir: string;
  let roster: string;
  beforeAll(async () => {
    ({ dir, roster } = await folderWithRoster([['0001', '陈一', '民政窗口']]));
  });

  const header = ['姓名', '工号', '部门', '日期', '班次', '上班1打卡时间', '上班1打卡结果', '下班1打卡时间', '下班1打卡结果', '上班2打卡时间', '上班2打卡结果', '下班2打卡时间', '下班2打卡结果', '关联的审批单'];
  /** 陈一 punches on time Mon 12-29 and Tue 12-30; on Wed 12-31 every slot is 请假 under the approval given. */
  async function december(name: string, approval: string): Promise<string> {
    const rows: SheetRows = [['每日统计'], ['统计日期：2025-12-29 至 2025-12-31'], header];
    for (const [date, weekday] of [['2025-12-29', '一'], ['2025-12-30', '二']]) rows.push(['陈一', '0001', '窗口', `${date} 星期${weekday}`, 'A 08:00-11:30 14:00-17:30', '07:55', '正常', '11:35', '正常', '13:55', '正常', '17:35', '正常', null]);
    rows.push(['陈一', '0001', '窗口', '2025-12-31 星期三', 'A 08:00-11:30 14:00-17:30', null, '请假', null, '请假', null, '请假', null, '请假', approval]);
    return writeWorkbook(join(dir, name), { 每日统计: rows });
  }

  it('年假 12-31 to 01-02, by the minute or in half days: 年假 on 12-31, the one day of it in December', async () => {
    for (const approval of ['年假12-31 08:00到01-02 17:30 1天', '年假1天（12/31 上午 - 1/2 下午）']) {
      const run = await runAttendance(await december(`跨年-${approval.length}.xlsx`, approval), { roster, scheme: 'bianmin-10pt', period: '2025-12' });
      const p = run.people.find((x) => x.personId === '0001')!;
      // 12-31 is a working Wednesday; 2026-01-01 and 01-02 are outside the December period: 1 day
      // of 年假 (counted under the scheme's 年休假), no absence.
      expect([p.leaveDays, p.absentHalfDays]).toEqual([{ 年休假: 1 }, 0]);
    }
  });

  it('a span whose dates cannot be (02-30) is said as wrong dates at the cell, not as an unreadable form', async () => {
    const error = (await runAttendance(await december('不存在的日期.xlsx', '年假02-30 08:00到02-30 17:30'), { roster, scheme: 'bianmin-10pt', period: '2025-12' }).catch((e: unknown) => e)) as InputError;
    expect(error).toBeInstanceOf(InputError);
    // The 12-31 row is the sheet's sixth (title, range, header, two rows); 关联的审批单 is column N.
    expect(error.problems.map((p) => [p.code, p.at.row, p.at.columnLetter, p.args.piece])).toEqual([['export_leave_dates_invalid', 6, 'N', '年假02-30 08:00到02-30 17:30']]);
  });
});

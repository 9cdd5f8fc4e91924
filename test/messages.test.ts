import { describe, expect, it } from 'vitest';
import { DAY, parseClock } from '../src/calendar/hours.js';
import type { IsoDate } from '../src/core/dates.js';
import type { Evidence } from '../src/core/evidence.js';
import { formatProblem } from '../src/messages.js';
import { formatEvidence } from '../src/messages/attendance.js';

const d = (s: string) => s as IsoDate;
const at = (t: string) => parseClock(t)!;

/** The catalogue's words for each kind of derived attendance evidence (the audit, explain and the attendance workbook show these). */
describe('formatEvidence', () => {
  const cases: [Evidence, string][] = [
    [{ code: 'late', date: d('2026-11-03'), session: '上午', punch: at('08:07'), due: at('08:00'), grace: 0, minutes: 7 }, '11月3日 上午 首次打卡 08:07 > 08:00 → 迟到7分钟'],
    [{ code: 'late', date: d('2026-11-03'), session: '上午', punch: at('08:07'), due: at('08:00'), grace: 300, minutes: 7 }, '11月3日 上午 首次打卡 08:07 > 08:00（宽限5分钟） → 迟到7分钟'],
    // 08:29:59 − 08:00 = 1799 s = 29 min 59 s: under a 30分钟以上 rule, counted as its 30 started minutes
    [{ code: 'late', date: d('2026-11-03'), session: '上午', punch: at('08:29:59'), due: at('08:00'), grace: 300, minutes: 30 }, '11月3日 上午 首次打卡 08:29:59 > 08:00（宽限5分钟） → 迟到29分59秒（计30分钟）'],
    // 17:30 − 17:29:30 = 30 s early: 0 min 30 s, counted as 1 minute
    [{ code: 'early', date: d('2026-11-02'), session: '下午', punch: at('17:29:30'), due: at('17:30'), grace: 0, minutes: 1, flexible: null }, '11月2日 下午 末次打卡 17:29:30 < 17:30 → 早退0分30秒（计1分钟）'],
    // a 补签 gave the clock-out the morning missed: the 09:10 arrival is still late (09:10 − 08:00 = 70 min)
    [{ code: 'late', date: d('2026-11-02'), session: '上午', punch: at('09:10'), due: at('08:00'), grace: 0, minutes: 70, corrected: true }, '11月2日 上午 首次打卡 09:10 > 08:00 → 迟到70分钟（补签只补下班打卡，不免迟到）'],
    [
      { code: 'early', date: d('2026-11-02'), session: '全天', punch: at('16:45'), due: at('17:00'), grace: 0, minutes: 15, flexible: { arrival: at('09:00'), length: 8 * 3600 } },
      '11月2日 全天 末次打卡 16:45 < 17:00（到岗 09:00 + 8小时） → 早退15分钟',
    ],
    [{ code: 'early', date: d('2026-11-02'), session: '夜班', punch: DAY + at('05:40'), due: DAY + at('06:00'), grace: 0, minutes: 20, flexible: null }, '11月2日 夜班 末次打卡 次日05:40 < 次日06:00 → 早退20分钟'],
    [{ code: 'missing_punch', date: d('2026-11-02'), session: '上午', side: 'out_only', punch: at('11:32') }, '11月2日 上午 只有下班打卡 11:32，缺上班打卡 → 缺卡（请核实，补签单可免）'],
    [{ code: 'missing_punch', date: d('2026-11-02'), session: null, side: 'in_only', punch: at('08:20') }, '11月2日 全天 只有上班打卡 08:20，缺下班打卡 → 缺卡（请核实，补签单可免）'],
    [
      { code: 'absent_half_day', date: d('2026-11-04'), half: { half: 0, sessions: ['上午'] }, reasons: [{ code: 'no_punch', notExcused: ['外出'] }] },
      '11月4日 上午 无打卡、无请假（“外出”按本方案不作请假） → 旷工半天',
    ],
    [
      { code: 'absent_half_day', date: d('2026-11-02'), half: { half: 0, sessions: ['上午'] }, reasons: [{ code: 'late_over', punch: at('08:45'), due: at('08:00'), grace: 0, minutes: 45, threshold: 30 }] },
      '11月2日 上午 首次打卡 08:45 > 08:00 → 迟到45分钟，30分钟以上按旷工半天 → 旷工半天',
    ],
    [
      { code: 'absent_half_day', date: d('2026-11-02'), half: { half: 1, sessions: [] }, reasons: [{ code: 'left_before_start', punch: at('12:10'), start: at('13:00') }] },
      '11月2日 下半天 末次打卡 12:10 早于 13:00，未在岗 → 旷工半天',
    ],
    [{ code: 'absent_day', date: d('2026-11-02'), halves: [{ half: 1, sessions: ['下午', '晚上'] }] }, '11月2日 下午、晚上 旷工 → 旷工半天，当天按1次计'],
    [{ code: 'absent_day', date: d('2026-11-02'), halves: [{ half: 0, sessions: ['上午'] }, { half: 1, sessions: ['下午'] }] }, '11月2日 上午、下午 旷工 → 旷工1天'],
    [
      { code: 'absent_day', date: d('2026-11-05'), halves: [{ half: 0, sessions: ['上午'] }], reasons: [{ code: 'late_over', punch: at('08:30'), due: at('08:00'), grace: 300, minutes: 30, threshold: 30 }] },
      '11月5日 上午 旷工（首次打卡 08:30 > 08:00（宽限5分钟） → 迟到30分钟，30分钟以上按旷工半天） → 旷工半天，当天按1次计',
    ],
    [
      { code: 'no_data', days: [d('2026-11-02'), d('2026-11-09'), d('2026-11-10')], covered: { first: d('2026-11-03'), last: d('2026-11-08') } },
      '11月2日、11月9日至11月10日（3个工作日）无考勤数据：考勤只覆盖11月3日至11月8日 → 不计出勤，也不计旷工',
    ],
    [{ code: 'full_attendance', workingDays: 21 }, '全勤：21个工作日均按时打卡，无迟到、早退、缺卡、请假，且无违纪记录 → 全勤加分'],
  ];
  it.each(cases)('%j', (evidence, words) => {
    expect(formatEvidence(evidence)).toBe(words);
  });
});

/** A number refused for its range or its decimals is said to be a number, with what to write. */
describe('a number kaohe does not take', () => {
  const where = { file: '2026.xlsx', sheet: '月度', row: 4, column: '基本分', columnLetter: 'C' };
  const said = (code: 'number_negative' | 'number_decimals' | 'monthly_base_out_of_range', args: Record<string, string | number>) => formatProblem({ code, severity: 'error', at: where, args });
  const head = '2026.xlsx › 月度 › 第4行 › 基本分(C列): ';

  it('says −5 is below 0, not that it is no number', () => {
    expect(said('number_negative', { value: '-5' })).toBe(`${head}“-5”超出范围：应不小于0`);
  });

  it('says 0.333333333333333 has more than two decimals and shows it rounded', () => {
    expect(said('number_decimals', { value: '0.333333333333333', rounded: '0.33' })).toBe(`${head}“0.333333333333333”超过两位小数：请四舍五入到两位小数后填写，如 0.33（公式可套 ROUND(…,2)）`);
  });

  it('says a 基本分 above the base is not the month’s base, and what to do with a total with bonus', () => {
    expect(said('monthly_base_out_of_range', { value: 105, max: 100 })).toBe(
      `${head}基本分 105 超出范围：基本分是该月不含附加分的得分，应在 0 至 100 之间；如填的是含附加分的月度总分，请减去附加分后填写`,
    );
  });
});

describe('a 月度 row for a month out of post', () => {
  it('says the month is not counted, and what to do', () => {
    const where = { file: '2026.xlsx', sheet: '月度', row: 4, column: '月份', columnLetter: 'B' };
    const text = formatProblem({ code: 'monthly_outside_person_dates', severity: 'error', at: where, args: { month: '2026-03', person: '张三（001）', start: '2026-06-15', end: '' } });
    expect(text).toBe('2026.xlsx › 月度 › 第4行 › 月份(B列): 2026-03 整月“张三（001）”都不在岗（人员表到岗日期 2026-06-15），这个月的基本分不能计入月度考核：请删去这一行，或核对人员表的日期');
  });
});

/** A long cell quoted in a message: its first 60 characters and its length, never the whole 30 KB. */
describe('a long cell text in a message', () => {
  const where = { file: '2026-11.xlsx', sheet: '记录', row: 2, column: '分值', columnLetter: 'D' };
  const numberInvalid = (value: string) => formatProblem({ code: 'number_invalid', severity: 'error', at: where, args: { value } });
  const head = '2026-11.xlsx › 记录 › 第2行 › 分值(D列): ';

  it('quotes 32,000 nines as the first 60 and 共 32000 字', () => {
    expect(numberInvalid('9'.repeat(32_000))).toBe(`${head}“${'9'.repeat(60)}…（共 32000 字）”不是数字（最多两位小数）`);
  });

  it('quotes 60 characters whole and cuts 61, counting characters, not UTF-16 units', () => {
    expect(numberInvalid('九'.repeat(60))).toBe(`${head}“${'九'.repeat(60)}”不是数字（最多两位小数）`);
    // 😀 is two UTF-16 units: 61 of them are 61 characters, cut after the 60th whole one.
    expect(numberInvalid('😀'.repeat(61))).toBe(`${head}“${'😀'.repeat(60)}…（共 61 字）”不是数字（最多两位小数）`);
  });

  it('says kaohe’s own lists whole: 可填 beyond 60 characters is not cut', () => {
    // 20 entries of "细则甲N" (N 0…19, 4 or 5 characters each) joined by 、: well over 60 characters.
    const expected = Array.from({ length: 20 }, (_, n) => `细则甲${n}`).join('、');
    const text = formatProblem({ code: 'mark_item_unknown', severity: 'error', at: { file: 'm.xlsx', sheet: '评分' }, args: { value: '乙', expected } });
    expect(text).toBe(`m.xlsx › 评分: “乙”不是本方案的评分项目，可填：${expected}`);
  });
});

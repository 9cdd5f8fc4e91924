import { describe, expect, it } from 'vitest';
import { monthPeriod, parsePeriod, type Period } from '../src/core/period.js';
import type { Problem } from '../src/core/problems.js';
import type { CellValue } from '../src/read/table.js';
import { readLeaves } from '../src/validate/attendance.js';
import { parseSchemeText } from '../src/scheme/parse.js';
import { builtinScheme } from './builtin-scheme.js';
import { validateWorkbook } from '../src/validate/workbook.js';
import { person } from './builders.js';
import { readFileSync } from 'node:fs';
import { sheet } from './month-sheets.js';

/** Counts, points and dates in range: a value out of range names its cell, never scores. */
const october = monthPeriod(2026, 10);

const roster = sheet('人员', [
  ['工号', '姓名', '窗口'],
  ['001', '张三', '民政窗口'],
  ['002', '李四', '社保窗口'],
]);
const peer = sheet('互评', [
  ['评分人', '被评对象', '分数'],
  ['民政窗口', '社保窗口', 90],
  ['社保窗口', '民政窗口', 90],
]);

/** Validates one 记录 row (日期, 工号, 项目, 次数, 分值) and returns its problems as code, column, args. */
function recordProblems(schemeId: string, cells: CellValue[], period: Period = october, scheme = builtinScheme(schemeId)) {
  const records = sheet('记录', [['日期', '工号', '项目', '次数', '分值'], cells]);
  const { problems } = validateWorkbook('m.xlsx', new Map([['roster', roster], ['records', records], ['peer', peer]]), scheme, period, { allowMissingPeer: true });
  return problems.filter((p) => p.severity === 'error').map((p: Problem) => ({ code: p.code, column: p.at.columnLetter, row: p.at.row, args: p.args }));
}

const countOf = (schemeId: string, count: CellValue, item = '9.1') => recordProblems(schemeId, ['2026-10-05', '001', item, count, null]);

describe('次数', () => {
  it.each([2, '2', ' 2 ', '２', '02'])('takes %j as 2 times', (count) => {
    expect(countOf('bingcha-monthly', count)).toEqual([]);
  });

  it.each(['0x2', '1e1', '+2', ' 2.0', '2.0', '二', 0, -2, 1.5])('refuses %j: only plain decimal whole numbers from 1', (count) => {
    expect(countOf('bingcha-monthly', count)).toEqual([{ code: 'count_invalid', column: 'D', row: 2, args: { value: String(count) } }]);
  });

  it('refuses 200000000 at its cell instead of running out of memory', () => {
    // 9.1 卫生 is a fixed rule: the scheme's count_limit, 100 by default
    expect(countOf('bingcha-monthly', 200_000_000)).toEqual([{ code: 'count_out_of_range', column: 'D', row: 2, args: { value: '200000000', max: 100, basis: 'scheme', days: 31, perSession: 0 } }]);
  });

  it('refuses a date typed into the count column (20261005)', () => {
    expect(countOf('bingcha-monthly', 20261005)).toMatchObject([{ code: 'count_out_of_range', args: { value: '20261005', max: 100 } }]);
  });

  it('takes 100 times, the default limit', () => {
    expect(countOf('bingcha-monthly', 100)).toEqual([]);
  });

  it('stops a rule counting days at the days of the period: 3.1 超过承诺时限 (次数 = days)', () => {
    // October has 31 days
    expect(countOf('bingcha-monthly', 31, '3.1')).toEqual([]);
    expect(countOf('bingcha-monthly', 32, '3.1')).toMatchObject([{ code: 'count_out_of_range', args: { max: 31, basis: 'days' } }]);
  });

  it('refuses 1000 旷工 days in a 31-day month (bianmin-10pt 2.1 is fed by absence days)', () => {
    expect(countOf('bianmin-10pt', 1000, '2.1')).toMatchObject([{ code: 'count_out_of_range', column: 'D', args: { value: '1000', max: 31, basis: 'days' } }]);
    expect(countOf('bianmin-10pt', 31, '2.1')).toEqual([]);
  });

  it('lets a rule fed per session (迟到) count up to once a session', () => {
    // 31 days × 2 sessions = 62
    expect(countOf('bianmin-10pt', 62, '1.1')).toEqual([]);
    expect(countOf('bianmin-10pt', 63, '1.1')).toMatchObject([{ code: 'count_out_of_range', args: { max: 62, basis: 'sessions', perSession: 1 } }]);
  });

  it('counts a half year by its own days: bingcha-halfyear 3.1 病事假天数 up to 181 in 2026-H1', () => {
    // Jan 31 + Feb 28 + Mar 31 + Apr 30 + May 31 + Jun 30 = 181
    const h1 = parsePeriod('2026-H1')!;
    const halfYear = (count: number) => recordProblems('bingcha-halfyear', ['2026-03-02', '001', '3.1', count, null], h1).filter((p) => p.code.startsWith('count'));
    expect(halfYear(181)).toEqual([]);
    expect(halfYear(182)).toMatchObject([{ code: 'count_out_of_range', args: { max: 181, basis: 'days' } }]);
  });

  it('takes half days (0.5, 2.5) where the rule counts days (convention 10), whole counts elsewhere', () => {
    const h1 = parsePeriod('2026-H1')!;
    const halfYear = (item: string, count: CellValue) => recordProblems('bingcha-halfyear', ['2026-03-02', '001', item, count, null], h1).filter((p) => p.code.startsWith('count'));
    // 3.1 病事假累计超过20天 counts days (over, unit 天): half a day is 0.5
    expect(halfYear('3.1', 0.5)).toEqual([]);
    expect(halfYear('3.1', '2.5')).toEqual([]);
    // not a half step: refused at its cell as before
    expect(halfYear('3.1', 0.3)).toEqual([{ code: 'count_invalid', column: 'D', row: 2, args: { value: '0.3' } }]);
    // 3.4 旷工半天 counts occurrences (每半天扣1分: 次数 = half days), 3.2 迟到早退 too: whole only
    expect(halfYear('3.4', 0.5)).toEqual([{ code: 'count_invalid', column: 'D', row: 2, args: { value: '0.5' } }]);
    expect(halfYear('3.2', '1.5')).toEqual([{ code: 'count_invalid', column: 'D', row: 2, args: { value: '1.5' } }]);
  });

  it('takes half days for city-hall-monthly 6.2 无故缺席, whose 次数 is days (次数填缺席天数) and whose flag counts them from 3 days', () => {
    const absent = (count: CellValue) => countOf('city-hall-monthly', count, '6.2').filter((p) => p.code.startsWith('count'));
    // 无故缺席三天以上(含三天) counts days, and half days add up (convention 10): 0.5 and 2.5 are days
    expect(absent(0.5)).toEqual([]);
    expect(absent('2.5')).toEqual([]);
    // not a half step: refused at its cell as before
    expect(absent(0.3)).toEqual([{ code: 'count_invalid', column: 'D', row: 2, args: { value: '0.3' } }]);
  });

  it('takes the limit a scheme sets with count_limit', () => {
    const text = readFileSync('templates/schemes/bingcha-monthly.yaml', 'utf8').replace('ranking: competition', 'ranking: competition\ncount_limit: 5');
    const scheme = parseSchemeText(text, 'own.yaml');
    expect(scheme.countLimit).toBe(5);
    expect(recordProblems('', ['2026-10-05', '001', '9.1', 5, null], october, scheme)).toEqual([]);
    expect(recordProblems('', ['2026-10-05', '001', '9.1', 6, null], october, scheme)).toMatchObject([{ code: 'count_out_of_range', args: { max: 5, basis: 'scheme' } }]);
  });
});

describe('分值', () => {
  it('keeps a 视情 value inside its range: 7.1 视情扣2-5分', () => {
    expect(recordProblems('bingcha-monthly', ['2026-10-05', '001', '7.1', null, 5])).toEqual([]);
    expect(recordProblems('bingcha-monthly', ['2026-10-05', '001', '7.1', null, 5.5])).toMatchObject([{ code: 'points_out_of_range', column: 'E', args: { min: 2, max: 5, value: 5.5 } }]);
  });

  it('stops an explicit value at its item: street-1000 3.1 办公室规范 is worth 100', () => {
    const street = (points: number) => recordProblems('street-1000', ['2026-10-05', '001', '3.1', null, points]);
    expect(street(100)).toEqual([]);
    expect(street(150)).toEqual([{ code: 'points_over_item', column: 'E', row: 2, args: { rule: '3.1 违反办公室规范', max: 100, scope: 'item', value: 150 } }]);
  });

  it('stops an explicit bonus at the bonus cap: city-hall-monthly 其他情况 is capped at 20', () => {
    const scheme = builtinScheme('city-hall-monthly');
    const bonus = scheme.items.find((it) => it.type === 'bonus')!;
    const rule = bonus.type === 'bonus' ? bonus.rules.find((r) => r.kind === 'explicit')! : null;
    const cityHall = (points: number) => recordProblems('city-hall-monthly', ['2026-10-05', '001', rule!.code, null, points]);
    expect(cityHall(20)).toEqual([]);
    expect(cityHall(21)).toMatchObject([{ code: 'points_over_item', args: { max: 20, scope: 'bonus', value: 21 } }]);
  });
});

describe('dates', () => {
  const dateOf = (value: CellValue) => recordProblems('bingcha-monthly', [value, '001', '9.1', null, null]);

  it('reads an 8-digit number as yyyymmdd where it is a date', () => {
    expect(dateOf(20261005)).toEqual([]);
    expect(dateOf(20261305)).toEqual([{ code: 'date_invalid', column: 'A', row: 2, args: { value: '20261305' } }]);
  });

  it('refuses an Excel serial outside 1950–2099', () => {
    // serials count days from 1899-12-30 (from March 1900 on): 18263 is 1949-12-31, 73051 is 2100-01-01
    expect(dateOf(18263)).toEqual([{ code: 'date_implausible', column: 'A', row: 2, args: { value: '1949-12-31', cell: '18263', first: '1950-01-01', last: '2099-12-31' } }]);
    expect(dateOf(73051)).toMatchObject([{ code: 'date_implausible', args: { value: '2100-01-01' } }]);
    // 2026-10-05 is serial 46300
    expect(dateOf(46300)).toEqual([]);
  });

  it('refuses leave years away from the period: 2062 for 2026', () => {
    const leave = sheet('请假', [
      ['工号', '类型', '开始日期', '结束日期'],
      ['001', '事假', '2026-10-05', '2062-10-06'],
      ['001', '病假', '2025-12-29', '2026-10-02'],
    ]);
    const { problems, leaves } = readLeaves(leave, [person('001', '张三', '民政窗口')], october);
    expect(problems.map((p) => [p.code, p.at.row, p.at.columnLetter, p.args])).toEqual([['date_implausible', 2, 'D', { value: '2062-10-06', first: '2025-01-01', last: '2027-12-31' }]]);
    // the second row starts in the year before: a long sick leave, kept
    expect(leaves).toHaveLength(1);
  });
});

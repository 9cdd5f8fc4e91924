import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runYear } from '../src/commands/year.js';
import { hundredths, toNumber } from '../src/core/decimal.js';
import { pts } from './builders.js';
import { yearJson } from '../src/write/year.js';
import { formatYearFlag, formatYearFlagBecause } from '../src/messages.js';
import { kaohe } from './kaohe.js';
import { summaryProratedNote } from '../src/messages/outputs.js';
import { recordHeader, tempDir, writeWorkbook, type SheetRows } from './workbook.js';

const month = (m: number) => `2026-${String(m).padStart(2, '0')}`;

/**
 * A 2026 for bianmin-10pt, twelve month workbooks:
 *   001 甲 (派驻): 3 lates every month → 7 × 12 = 84, the lowest
 *   002 乙: 3 lates in months 1–11, none in December → 7 × 11 + 10 = 87
 *   003 丙: 旷工 × 5 in October → 10 − (2+2+2+2+4) = −2 that month; 11 × 10 − 2 = 108
 *   004 丁: joins in March, never loses a point → 10 × 10 = 100 over ten months
 */
async function writeBianminYear(dir: string): Promise<void> {
  for (let m = 1; m <= 12; m++) {
    const roster: SheetRows = [['工号', '姓名', '窗口', '类别'], ['001', '甲', '民政', '派驻'], ['002', '乙', '民政', '事业'], ['003', '丙', '财政', '事业']];
    if (m >= 3) roster.push(['004', '丁', '财政', '事业']);
    const records: SheetRows = [recordHeader, [`${month(m)}-05`, '001', null, null, '1.1', 3]];
    if (m <= 11) records.push([`${month(m)}-06`, '002', null, null, '1.1', 3]);
    if (m === 10) records.push([`${month(m)}-12`, '003', null, null, '2.1', 5]);
    await writeWorkbook(join(dir, `${month(m)}.xlsx`), { 人员: roster, 记录: records });
  }
}

/** The year's twelve workbooks are written once for this file; each test gets its own copy in `dir`. */
let written: Promise<string> | null = null;
async function bianminYear(dir: string): Promise<void> {
  written ??= (async () => {
    const source = tempDir();
    await writeBianminYear(source);
    return source;
  })();
  cpSync(await written, dir, { recursive: true });
}

describe('第二年待岗对象 (the centre’s last place) with someone who left mid-year', () => {
  it('goes to the lowest of those in post at the year’s end; the leaver is listed without it, and said', async () => {
    const dir = tempDir();
    for (let m = 1; m <= 12; m++) {
      // 甲 loses nothing: 120. 乙 three lates a month: 7 × 12 = 84. 丙 four lates a month to
      // 20 March, when he left: 6 × 3 = 18, compared as 18 × 12 ÷ 3 = 72, the lowest of all.
      const roster: SheetRows = [['工号', '姓名', '窗口', '类别', '到岗日期', '离岗日期'], ['001', '甲', '民政', '事业'], ['002', '乙', '民政', '事业']];
      const records: SheetRows = [recordHeader, [`${month(m)}-10`, '002', null, null, '1.1', 3]];
      if (m <= 3) {
        roster.push(['003', '丙', '社保', '事业', null, '2026-03-20']);
        records.push([`${month(m)}-10`, '003', null, null, '1.1', 4]);
      }
      await writeWorkbook(join(dir, `${month(m)}.xlsx`), { 人员: roster, 记录: records });
    }
    const run = await runYear([dir], { scheme: 'bianmin-10pt' });
    const names = (key: string) => run.result.rows.find((r) => r.key === key)!.flags.flatMap((f) => (f.code === 'year_total' ? [f.name] : []));
    // 丙 has no next year in the centre: of those in post on 31 December, 乙's 84 is the lowest, below 90.
    expect(names('002')).toEqual(['取消该年度评先评优资格', '第二年待岗对象']);
    expect(names('003')).toEqual(['取消该年度评先评优资格']);
    expect(run.result.warnings).toEqual([{ code: 'lowest_passed_over', flag: '第二年待岗对象', people: [{ name: '丙', end: '2026-03-20' }] }]);
  });
});

describe('kaohe year with bianmin-10pt', async () => {
  const dir = tempDir();
  await bianminYear(dir);
  const run = await runYear([dir], { scheme: 'bianmin-10pt' });
  const row = (key: string) => run.result.rows.find((r) => r.key === key)!;

  it('sums the months: 84, 87, 108 and 100', () => {
    expect(['001', '002', '003', '004'].map((k) => toNumber(row(k).total!))).toEqual([84, 87, 108, 100]);
    expect(run.result.labels).toHaveLength(12);
  });

  it('7 every month → 84: 取消评先评优 and 待岗 as the lowest, with the 条管 note', () => {
    expect(row('001').flags).toEqual([
      { code: 'year_total', name: '取消该年度评先评优资格', public: '取消该年度评先评优资格', total: pts(84), comparable: pts(84), below: pts(90), lowest: false, note: null, rows: [] },
      { code: 'year_total', name: '第二年待岗对象', public: null, total: pts(84), comparable: pts(84), below: pts(90), lowest: true, note: '属条管部门人员，建议上级主管部门调离', rows: [] },
    ]);
    expect(row('001').flags[1]!.note).toBe('属条管部门人员，建议上级主管部门调离');
  });

  it('87, not the lowest → only 取消评先评优', () => {
    expect(row('002').flags.map((f) => f.code === 'year_total' && f.name)).toEqual(['取消该年度评先评优资格']);
  });

  it('a negative month shows in its column and flags that month', () => {
    expect(toNumber(row('003').periods[9]!.total)).toBe(-2);
    expect(row('003').flags).toEqual([{ code: 'period', period: '2026-10', flag: { code: 'scheme', name: '通报批评', public: '通报批评', because: { totalBelow: 0 } }, note: null, rows: [] }]);
  });

  it('a person present March–December is scored on those months and marked', () => {
    const ding = row('004');
    expect(ding.periods.slice(0, 2)).toEqual([null, null]);
    expect(ding.present).toBe(10);
    // 100 over 10 months compares as 100 × 12 / 10 = 120 ≥ 90: no 评先评优 flag
    expect(toNumber(ding.comparable!)).toBe(120);
    expect(ding.flags).toEqual([{ code: 'partial_year', present: 10, kind: 'month', periods: Array.from({ length: 10 }, (_, i) => month(i + 3)), dated: [], note: null, rows: [] }]);
  });

  it('prints the year JSON with months and money', () => {
    const json = yearJson(run.result, hundredths(5000)); // 50 元 per point
    const jia = json.subjects.find((s) => s.id === '001')!;
    expect(jia.months['2026-01']).toBe(7);
    expect(jia.total).toBe(84);
    // 84 × 50 = 4200 元
    expect(jia.money).toBe(4200);
  });

  it('follows the score JSON contract: a "grade" key (null: bianmin grades no year) and the units with the year’s totals', () => {
    const json = yearJson(run.result, null);
    expect(json.subjects.map((s) => s.grade)).toEqual([null, null, null, null]);
    // 民政 = 甲 84 + 乙 87 = 171; 财政 = 丙 108 + 丁 100 = 208 (each month's unit total summed,
    // the year rule of bianmin-10pt). 财政's October is −2 + 10 = 8, not negative: no flag.
    // In the list's order: 丁 (财政) ranks first, 100 × 12 / 10 = 120.
    expect(json.units).toEqual([
      { unit: '财政', total: 208, flags: [] },
      { unit: '民政', total: 171, flags: [] },
    ]);
  });
});

describe('the year JSON’s units', () => {
  it('lists a unit’s negative month as its flag, by month', async () => {
    const dir = tempDir();
    const roster: SheetRows = [['工号', '姓名', '窗口'], ['001', '甲', '民政'], ['002', '乙', '财政']];
    // March: 甲 旷工 × 6 → 10 − (2+2+2+2+4+4) = −6, 民政's only member: unit total −6 < 0 → 通报批评.
    await writeWorkbook(join(dir, '2026-03.xlsx'), { 人员: roster, 记录: [recordHeader, ['2026-03-12', '001', null, null, '2.1', 6]] });
    await writeWorkbook(join(dir, '2026-04.xlsx'), { 人员: roster, 记录: [recordHeader] });
    const run = await runYear([dir], { scheme: 'bianmin-10pt', partial: true });
    // 财政 10 + 10 = 20 (乙 ranks first); 民政 −6 + 10 = 4
    expect(yearJson(run.result, null).units).toEqual([
      { unit: '财政', total: 20, flags: [] },
      { unit: '民政', total: 4, flags: ['3月部门通报批评'] },
    ]);
  });
});

describe('a person who moved window', () => {
  it('is the year’s under the latest month’s window, not the first month’s', async () => {
    const dir = tempDir();
    // 丙 is in 民政 in March and in 综合 from April; 甲 stays in 民政, 乙 in 综合.
    const roster = (bing: string): SheetRows => [['工号', '姓名', '窗口'], ['001', '甲', '民政'], ['002', '乙', '综合'], ['003', '丙', bing]];
    // April: 乙 旷工 × 6 → 10 − (2+2+2+2+4+4) = −6; 综合 = −6 + 丙 10 = 4, not negative: no unit flag.
    await writeWorkbook(join(dir, '2026-03.xlsx'), { 人员: roster('民政'), 记录: [recordHeader] });
    await writeWorkbook(join(dir, '2026-04.xlsx'), { 人员: roster('综合'), 记录: [recordHeader, ['2026-04-14', '002', null, null, '2.1', 6]] });
    const run = await runYear([dir], { scheme: 'bianmin-10pt', partial: true });
    expect(run.result.rows.find((r) => r.key === '003')!.unit).toBe('综合');
    expect(yearJson(run.result, null).subjects.find((s) => s.id === '003')!.unit).toBe('综合');
    // Each month's unit totals stay that month's: 民政 = March (甲 10 + 丙 10) + April 甲 10 = 30;
    // 综合 = March 乙 10 + April (乙 −6 + 丙 10) = 14. In the list's order: 甲 and 丙 (20) rank first,
    // 甲 (民政) listed first.
    expect(yearJson(run.result, null).units).toEqual([
      { unit: '民政', total: 30, flags: [] },
      { unit: '综合', total: 14, flags: [] },
    ]);
  });
});

describe('kaohe year with city-hall-annual', () => {
  it('takes 60 from the months, the committee marks, annual deductions and bonus', async () => {
    const dir = tempDir();
    const roster: SheetRows = [['工号', '姓名', '窗口'], ['001', '张三', '审批科']];
    // months alternate 6 and 4 points lost under 遵守工作纪律 → base 94, 96, … mean 95
    for (let m = 1; m <= 12; m++) {
      await writeWorkbook(join(dir, `${month(m)}.xlsx`), { 人员: roster, 记录: [recordHeader, [`${month(m)}-05`, '001', null, null, '1.1', null, m % 2 === 1 ? 6 : 4]] });
    }
    const annual = await writeWorkbook(join(tempDir(), '2026年度.xlsx'), {
      人员: roster,
      记录: [recordHeader, ['2026-12-20', '001', null, null, '3.1', null, 2], ['2026-12-21', '001', null, null, '7.1', null, 3]],
      评分: [['工号', '项目', '分数'], ['001', '2', 5], ['001', '4', 7], ['001', '5', 7]],
    });
    const run = await runYear([dir], { scheme: 'city-hall-annual', annual });
    const row = run.result.rows[0]!;
    // 100 − (60 − 60 × 95 / 100) − (6 − 5) − 2 − (8 − 7) − (8 − 7) − 0 + 3 = 100 − 3 − 1 − 2 − 1 − 1 + 3 = 95
    expect(toNumber(row.total!)).toBe(95);
    expect(toNumber(row.periods[0]!.base)).toBe(94);
    expect(row.flags).toEqual([]);
  });

  it('gives in the JSON’s months each month’s base score, the figure 月度考核 averages, not its total with bonus', async () => {
    const dir = tempDir();
    const roster: SheetRows = [['工号', '姓名', '窗口'], ['001', '张三', '审批科']];
    // January: 1.1 costs 20, 5.3 adds 10 → total 90, base 80; February: nothing → 100 (and base 100).
    await writeWorkbook(join(dir, '2026-01.xlsx'), { 人员: roster, 记录: [recordHeader, ['2026-01-05', '001', null, null, '1.1', null, 20], ['2026-01-06', '001', null, null, '5.3', null, 10]] });
    await writeWorkbook(join(dir, '2026-02.xlsx'), { 人员: roster, 记录: [recordHeader] });
    const annual = await writeWorkbook(join(tempDir(), '2026年度.xlsx'), { 人员: roster, 记录: [recordHeader], 评分: [['工号', '项目', '分数'], ['001', '2', 6], ['001', '4', 8], ['001', '5', 8]] });
    const run = await runYear([dir], { scheme: 'city-hall-annual', annual, partial: true });
    const json = yearJson(run.result, null).subjects[0]!;
    expect(json.months).toEqual({ '2026-01': 80, '2026-02': 100 });
    // 月度考核情况 = 60 × (80 + 100) / 2 / 100 = 54: the months' mean is that of the figures listed
    expect(json.items['1']).toBe(54);
  });
});

describe('city-hall-annual: the annual 人员 against the months’ rosters', () => {
  const hall: SheetRows = [['工号', '姓名', '窗口'], ['001', '张三', '审批科']];
  /** Twelve months of 张三 (001); 李四 (002) in May–December when `withLi`. */
  async function months(withLi: boolean): Promise<string> {
    const dir = tempDir();
    for (let m = 1; m <= 12; m++) {
      const roster: SheetRows = withLi && m >= 5 ? [...hall, ['002', '李四', '税务科']] : hall;
      await writeWorkbook(join(dir, `${month(m)}.xlsx`), { 人员: roster, 记录: [recordHeader] });
    }
    return dir;
  }
  const annualOf = (roster: SheetRows) =>
    writeWorkbook(join(tempDir(), '2026年度.xlsx'), {
      人员: roster,
      记录: [recordHeader],
      评分: [['工号', '项目', '分数'], ...roster.slice(1).flatMap((p) => [[p[0], '2', 6], [p[0], '4', 8], [p[0], '5', 8]])],
    });
  const errorsOf = async (run: Promise<unknown>) => ((await run.catch((e: unknown) => e)) as { problems: { code: string; at: unknown; args: unknown; severity: string }[] }).problems.filter((p) => p.severity === 'error');

  it('a person of the annual 人员 in no month is an error at that row (else 月度考核情况 0 of 60, total 40)', async () => {
    const dir = await months(false);
    // 钱五 is the annual roster's third row
    const annual = await annualOf([...hall, ['005', '钱五', '税务科']]);
    expect((await errorsOf(runYear([dir], { scheme: 'city-hall-annual', annual }))).map((p) => [p.code, p.at, p.args])).toEqual([
      ['year_annual_person_without_months', { file: annual, sheet: '人员', row: 3 }, { id: '005', name: '钱五', months: 12 }],
    ]);
  });

  it('a person of the months missing from the annual 人员 is an error at their last month’s row (else no score, rank or mark)', async () => {
    const dir = await months(true);
    const annual = await annualOf(hall);
    // 李四 is in May–December, row 3 of December's 人员
    const periods = Array.from({ length: 8 }, (_, i) => month(i + 5)).join(',');
    expect((await errorsOf(runYear([dir], { scheme: 'city-hall-annual', annual }))).map((p) => [p.code, p.at, p.args])).toEqual([
      ['year_month_person_not_annual', { file: join(dir, '2026-12.xlsx'), sheet: '人员', row: 3 }, { id: '002', name: '李四', periods, annual }],
    ]);
  });

  it('one 工号 under another name in the annual 人员 is an error at that row (else 李四’s months would be 王六’s 月度考核情况)', async () => {
    const dir = await months(true);
    // the annual roster's third row: 002 王六, while May–December name 002 李四
    const annual = await annualOf([...hall, ['002', '王六', '税务科']]);
    const periods = Array.from({ length: 8 }, (_, i) => month(i + 5)).join(',');
    expect((await errorsOf(runYear([dir], { scheme: 'city-hall-annual', annual }))).map((p) => [p.code, p.at, p.args])).toEqual([
      ['year_annual_name_differs', { file: annual, sheet: '人员', row: 3 }, { id: '002', name: '王六', monthName: '李四', periods }],
    ]);
  });

  it('rosters that agree: both are scored, no error', async () => {
    const dir = await months(true);
    const run = await runYear([dir], { scheme: 'city-hall-annual', annual: await annualOf([...hall, ['002', '李四', '税务科']]) });
    expect(run.result.rows.map((r) => r.key)).toEqual(['001', '002']);
  });
});

describe('city-hall-annual --partial: 不满一年 by the months in post, not the run’s gap', async () => {
  const head = ['工号', '姓名', '窗口', '到岗日期', '离岗日期'];
  const zhang = ['001', '张三', '审批科', null, null];
  const zhao = ['007', '赵七', '税务科', '2026-05-01', null];
  const sun = ['008', '孙八', '税务科', null, '2026-10-20'];
  const zhou = ['009', '周九', '审批科', null, null];
  /**
   * January–October given, November–December not (the run's gap):
   *   张三 in all ten months, no dates: 10 given + 11月、12月 (no date ends his post) = 12 → not marked
   *   赵七 到岗 2026-05-01, in May–October: 6 given + 11月、12月 (after his 到岗) = 8 < 12 → marked
   *   孙八 离岗 2026-10-20, in all ten months: 10 given + none (both after 20 October) = 10 < 12 → marked
   *   周九 no dates, not on March's roster: 9 given + 11月、12月 = 11 < 12 → marked
   */
  const dir = tempDir();
  for (let m = 1; m <= 10; m++) {
    const roster: SheetRows = [head, zhang, ...(m >= 5 ? [zhao] : []), sun, ...(m === 3 ? [] : [zhou])];
    await writeWorkbook(join(dir, `${month(m)}.xlsx`), { 人员: roster, 记录: [recordHeader] });
  }
  const people = [zhang, zhao, sun, zhou];
  const annual = await writeWorkbook(join(tempDir(), '2026年度.xlsx'), {
    人员: [head, ...people],
    记录: [recordHeader],
    评分: [['工号', '项目', '分数'], ...people.flatMap((p) => [[p[0], '2', 6], [p[0], '4', 8], [p[0], '5', 8]])],
  });
  const run = await runYear([dir], { scheme: 'city-hall-annual', annual, partial: true });
  const flagsOf = (key: string) => run.result.rows.find((r) => r.key === key)!.flags;
  const months = (first: number, last: number) => Array.from({ length: last - first + 1 }, (_, i) => month(first + i));

  it('张三, in every given month and without dates, is not marked', () => {
    expect(flagsOf('001')).toEqual([]);
  });

  it('a joiner counts the missing months after his 到岗: 8 months', () => {
    const [flag] = flagsOf('007');
    expect(flag).toMatchObject({ code: 'annual', periods: months(5, 10), dated: months(11, 12), flag: { because: { monthsBelow: 12, months: 8 } } });
    expect(formatYearFlagBecause(flag!)).toBe('在岗 5月至12月（8个月，不足12个月；11月、12月不在本次计算的月份中，按到岗、离岗日期计）');
  });

  it('a leaver in every given month is marked by his 离岗日期: 10 months', () => {
    expect(flagsOf('008')).toMatchObject([{ code: 'annual', periods: months(1, 10), dated: [], flag: { because: { monthsBelow: 12, months: 10 } } }]);
  });

  it('a person missing from a given month is marked: 11 months', () => {
    expect(flagsOf('009')).toMatchObject([{ code: 'annual', dated: months(11, 12), flag: { because: { monthsBelow: 12, months: 11 } } }]);
  });
});

describe('city-hall-annual --partial: a person’s dates from whichever roster gives them', async () => {
  const months = (first: number, last: number) => Array.from({ length: last - first + 1 }, (_, i) => month(first + i));
  const head = ['工号', '姓名', '窗口', '到岗日期', '离岗日期'];
  const zhang = ['001', '张三', '审批科'];
  const sun = ['008', '孙八', '税务科'];
  // January–October given; every month's 人员 says 孙八 离岗 2026-10-20.
  const dir = tempDir();
  for (let m = 1; m <= 10; m++) await writeWorkbook(join(dir, `${month(m)}.xlsx`), { 人员: [head, [...zhang, null, null], [...sun, null, '2026-10-20']], 记录: [recordHeader] });
  const score: SheetRows = [['工号', '项目', '分数'], ...[zhang, sun].flatMap((p) => [[p[0], '2', 6], [p[0], '4', 8], [p[0], '5', 8]])];
  const run = async (annualPeople: SheetRows) => {
    const annual = await writeWorkbook(join(tempDir(), '2026年度.xlsx'), { 人员: annualPeople, 记录: [recordHeader], 评分: score });
    const { result, warnings } = await runYear([dir], { scheme: 'city-hall-annual', annual, partial: true });
    return { flagsOf: (key: string) => result.rows.find((r) => r.key === key)!.flags, warnings };
  };

  it('an annual 人员 without date columns keeps the months’ 离岗日期', async () => {
    // 孙八: 10 given + none of 11月、12月 (both after 20 October) = 10 < 12 → marked, as with the
    // dates in the annual 人员; were his date lost, 10 + 2 = 12 and he would not be.
    const { flagsOf, warnings } = await run([['工号', '姓名', '窗口'], zhang, sun]);
    expect(flagsOf('008')).toMatchObject([{ code: 'annual', dated: [], flag: { because: { monthsBelow: 12, months: 10 } } }]);
    expect(flagsOf('001')).toEqual([]);
    expect(warnings.filter((w) => w.code === 'year_annual_date_differs')).toEqual([]);
  });

  it('where the annual 人员 and the months differ, the annual one is taken', async () => {
    // annual 离岗 2026-12-20: 10 given + 11月、12月 (both begin before 20 December) = 12 → not marked
    const { flagsOf, warnings } = await run([head, [...zhang, null, null], [...sun, null, '2026-12-20']]);
    expect(flagsOf('008')).toEqual([]);
    // and the clerk is told, at 孙八's row of the annual 人员 (row 3: header, 张三, 孙八)
    expect(warnings.filter((w) => w.code === 'year_annual_date_differs')).toMatchObject([
      { severity: 'warning', at: { sheet: '人员', row: 3, column: '离岗日期' }, args: { id: '008', column: '离岗日期', annual: '2026-12-20', month: '2026-10-20', periods: months(1, 10).join(',') } },
    ]);
  });
});

describe('bianmin-10pt --partial: 不满一年 by the same rule', () => {
  it('marks one in every given month whose 离岗日期 ends before the run’s gap, not one without dates', async () => {
    const dir = tempDir();
    // January–March given; 甲 no dates: 3 + 9 missing months = 12 → not marked;
    // 乙 离岗 2026-03-15: 3 + 0 (April–December after it) = 3 < 12 → marked, present 3
    const roster: SheetRows = [['工号', '姓名', '窗口', '到岗日期', '离岗日期'], ['001', '甲', '民政', null, null], ['002', '乙', '民政', null, '2026-03-15']];
    for (let m = 1; m <= 3; m++) await writeWorkbook(join(dir, `${month(m)}.xlsx`), { 人员: roster, 记录: [recordHeader] });
    const run = await runYear([dir], { scheme: 'bianmin-10pt', partial: true });
    const flagsOf = (key: string) => run.result.rows.find((r) => r.key === key)!.flags;
    expect(flagsOf('001')).toEqual([]);
    expect(flagsOf('002')).toEqual([{ code: 'partial_year', present: 3, kind: 'month', periods: [month(1), month(2), month(3)], dated: [], note: null, rows: [] }]);
  });

  it('counts and names the missing months a joiner’s 到岗日期 puts him in post', async () => {
    const dir = tempDir();
    // July–December given. 乙 到岗 2026-03-10: 6 given + 3月至6月 (January, February end before
    // 10 March) = 10 < 12 → 不满一年：10个月. 丙 到岗 2026-07-01: 6 + none (January–June end before it) = 6.
    const roster: SheetRows = [['工号', '姓名', '窗口', '到岗日期', '离岗日期'], ['002', '乙', '民政', '2026-03-10', null], ['003', '丙', '民政', '2026-07-01', null]];
    for (let m = 7; m <= 12; m++) await writeWorkbook(join(dir, `${month(m)}.xlsx`), { 人员: roster, 记录: [recordHeader] });
    const run = await runYear([dir], { scheme: 'bianmin-10pt', partial: true });
    const flagsOf = (key: string) => run.result.rows.find((r) => r.key === key)!.flags;
    const [yi] = flagsOf('002');
    expect(yi).toMatchObject({ code: 'partial_year', present: 10, periods: [7, 8, 9, 10, 11, 12].map(month), dated: [3, 4, 5, 6].map(month) });
    expect(formatYearFlag(yi!)).toBe('不满一年：10个月');
    expect(formatYearFlagBecause(yi!)).toBe('在岗 3月至12月（3月至6月不在本次计算的月份中，按到岗、离岗日期计）');
    expect(flagsOf('003')).toMatchObject([{ code: 'partial_year', present: 6, dated: [] }]);
  });
});

describe('city-hall-annual --partial: a person of the annual 人员 whose months are all missing', () => {
  const head = ['工号', '姓名', '窗口', '到岗日期', '离岗日期'];
  const zhang = ['001', '张三', '审批科', null, null];
  const errorsOf = async (run: Promise<unknown>) => ((await run.catch((e: unknown) => e)) as { problems: { code: string; at: unknown; args: unknown; severity: string }[] }).problems.filter((p) => p.severity === 'error');
  /** January–October of 张三, and an annual 人员 of 张三 and `other` (its third row). */
  async function run(other: (string | null)[]) {
    const dir = tempDir();
    for (let m = 1; m <= 10; m++) await writeWorkbook(join(dir, `${month(m)}.xlsx`), { 人员: [head, zhang], 记录: [recordHeader] });
    const annual = await writeWorkbook(join(tempDir(), '2026年度.xlsx'), {
      人员: [head, zhang, other],
      记录: [recordHeader],
      评分: [['工号', '项目', '分数'], ...[zhang, other].flatMap((p) => [[p[0], '2', 6], [p[0], '4', 8], [p[0], '5', 8]])],
    });
    return { annual, errors: (await errorsOf(runYear([dir], { scheme: 'city-hall-annual', annual, partial: true }))).map((p) => [p.code, p.at, p.args]) };
  }

  it('到岗 2026-11-16: his months in post (November, December) are not in this run — an error naming them (else 0 of 60)', async () => {
    const { annual, errors } = await run(['006', '王六', '税务科', '2026-11-16', null]);
    expect(errors).toEqual([['year_annual_person_months_not_given', { file: annual, sheet: '人员', row: 3 }, { id: '006', name: '王六', months: 10, missing: '2026-11,2026-12', inPost: '2026-11,2026-12' }]]);
  });

  it('without dates: the same error, not naming his months', async () => {
    const { annual, errors } = await run(['006', '王六', '税务科', null, null]);
    expect(errors).toEqual([['year_annual_person_months_not_given', { file: annual, sheet: '人员', row: 3 }, { id: '006', name: '王六', months: 10, missing: '2026-11,2026-12', inPost: '' }]]);
  });

  it('到岗 2026-09-01: in post in September and October, which are given: he is missing from their rosters', async () => {
    const { annual, errors } = await run(['006', '王六', '税务科', '2026-09-01', null]);
    expect(errors).toEqual([['year_annual_person_without_months', { file: annual, sheet: '人员', row: 3 }, { id: '006', name: '王六', months: 10 }]]);
  });
});

describe('kaohe year with bingcha-halfyear', () => {
  it('grades each half with the 优秀 quota applied to 10 people', async () => {
    const dir = tempDir();
    const roster: SheetRows = [['工号', '姓名', '窗口', '类别'], ...Array.from({ length: 10 }, (_, i) => [`1${i}`, `人${i}`, '民政', '事业'])];
    for (const half of ['H1', 'H2']) {
      const date = half === 'H1' ? '2026-03-02' : '2026-09-01';
      // everyone starts at 95 (no innovation); 1.3 costs 1: 10 → 95, 11 → 94, 12 → 93, 13 → 92; the others lose 10 → 85
      const records: SheetRows = [recordHeader];
      for (let i = 0; i < 10; i++) {
        if (i < 4) for (let n = 0; n < i; n++) records.push([date, `1${i}`, null, null, '1.3']);
        else records.push([date, `1${i}`, null, null, '5.1', null, 10]);
      }
      const metrics: SheetRows = [['工号', '指标', '数值'], ...Array.from({ length: 10 }, (_, i) => [`1${i}`, '办结率', 100])];
      await writeWorkbook(join(dir, `2026-${half}.xlsx`), { 人员: roster, 记录: records, 指标: metrics });
    }
    const run = await runYear([dir], { scheme: 'bingcha-halfyear' });
    const grades = (key: string) => run.result.rows.find((r) => r.key === key)!.periods.map((p) => p?.grade?.label);
    // 20% of 10 = 2 优秀; 93 and 92 over the quota drop to 合格, both halves
    expect([grades('10'), grades('11'), grades('12'), grades('13'), grades('14')]).toEqual([
      ['优秀', '优秀'],
      ['优秀', '优秀'],
      ['合格', '合格'],
      ['合格', '合格'],
      ['合格', '合格'],
    ]);
    const over = { code: 'quota_over', grade: '优秀', label: '合格', because: { grade: '合格' } };
    expect(run.result.rows.find((r) => r.key === '12')!.flags).toEqual([
      { code: 'period', period: '2026-H1', flag: over, note: null, rows: [] },
      { code: 'period', period: '2026-H2', flag: over, note: null, rows: [] },
    ]);
  });
});

describe('kaohe year --each over three centres', () => {
  it('writes three workbooks and a summary; a broken month names its file and row and spares the others', async () => {
    const root = tempDir();
    // three centres with the same March to May (a partial year keeps the run short)
    const year = tempDir();
    await bianminYear(year);
    for (const centre of ['北街', '南街', '西街']) {
      for (const m of [3, 4, 5]) cpSync(join(year, `${month(m)}.xlsx`), join(root, centre, `${month(m)}.xlsx`));
    }
    // 南街's May has an unknown code on row 3
    await writeWorkbook(join(root, '南街', '2026-05.xlsx'), {
      人员: [['工号', '姓名', '窗口'], ['001', '甲', '民政'], ['002', '乙', '民政'], ['003', '丙', '财政'], ['004', '丁', '财政']],
      记录: [recordHeader, ['2026-05-05', '001', null, null, '1.1', 3], ['2026-05-06', '002', null, null, '9.9']],
    });
    const out = join(tempDir(), '结果');
    const args = (jobs: string, target: string) => ['year', root, '--each', '--partial', '--scheme', 'bianmin-10pt', '-o', target, '--jobs', jobs, '--notice-date', '2027-01-04'];
    // one centre after another, in this process
    const serial = await kaohe(...args('1', out));
    expect(serial.code).toBe(1);
    expect(serial.stderr).toContain('南街：有 1 处问题');
    expect(serial.stderr).toMatch(/南街\/2026-05\.xlsx › 记录 › 第3行 › 项目\(E列\): 项目“9\.9”/);
    expect(readdirSync(out).sort()).toEqual(['北街-年度考核.xlsx', '汇总.xlsx', '西街-年度考核.xlsx']);

    const summary = new ExcelJS.Workbook();
    await summary.xlsx.readFile(join(out, '汇总.xlsx'));
    const rows: unknown[][] = [];
    summary.getWorksheet('汇总')!.eachRow((r, n) => n > 1 && rows.push((r.values as unknown[]).slice(1, 4)));
    // March to May given: the other nine months are named as missing
    const done = '已完成（缺少 1月、2月、6月、7月、8月、9月、10月、11月、12月）';
    expect(rows).toEqual([
      ['北街', done, 4],
      ['南街', '有1处问题，未计分', undefined],
      ['西街', done, 4],
      // three months of twelve: the centres rank by 折合全年, as 最高分 and 最低分 do
      [summaryProratedNote, summaryProratedNote, summaryProratedNote],
    ]);

    // parallel on worker threads of the built command: the same bytes as the serial run
    const parallelOut = join(tempDir(), '结果');
    expect(spawnSync(process.execPath, ['bin/kaohe.js', ...args('3', parallelOut)], { encoding: 'utf8' }).status).toBe(1);
    for (const file of readdirSync(out)) expect(readFileSync(join(parallelOut, file)).equals(readFileSync(join(out, file)))).toBe(true);
  }, 60_000);
});

describe('leave consequences at year end (003 请假制度)', () => {
  it('flags 事假 over 30 days from the 请假 rows, naming them', async () => {
    const dir = tempDir();
    const roster: SheetRows = [['工号', '姓名', '窗口'], ['001', '甲', '民政'], ['002', '乙', '民政']];
    for (let m = 1; m <= 12; m++) {
      const sheets: Record<string, SheetRows> = { 人员: roster, 记录: [recordHeader] };
      // 事假 1 Jul – 13 Aug 2026: July has 23 working days (1–3, 6–10, 13–17, 20–24, 27–31),
      // August's own row adds 3–7 and 10–13, 9 more: 32 days > 30 → 扣发一个月考核奖 (not > 60)
      if (m === 7) sheets.请假 = [['工号', '类型', '开始日期', '结束日期'], ['001', '事假', '2026-07-01', '2026-08-13']];
      if (m === 8) sheets.请假 = [['工号', '类型', '开始日期', '结束日期'], ['001', '事假', '2026-08-01', '2026-08-13']];
      await writeWorkbook(join(dir, `${month(m)}.xlsx`), sheets);
    }
    const run = await runYear([dir], { scheme: 'bianmin-10pt' });
    const jia = run.result.rows.find((r) => r.key === '001')!;
    expect(jia.flags).toMatchObject([{ code: 'leave', name: '扣发一个月考核奖', measure: 'leave_days', type: '事假', value: 32, over: 30 }]);
    expect(jia.flags[0]!.rows[0]).toMatchObject({ sheet: '请假', row: 2 });
    expect(run.result.rows.find((r) => r.key === '002')!.flags).toEqual([]);
  });

  it('counts 旷工半天 typed in 记录: 16 half days are 8 days, over 7 → 取消全年考核奖', async () => {
    const dir = tempDir();
    const roster: SheetRows = [['工号', '姓名', '窗口'], ['001', '甲', '民政'], ['002', '乙', '民政']];
    const metrics: SheetRows = [['工号', '指标', '数值'], ['001', '办结率', 100], ['002', '办结率', 100]];
    // 甲: 3.4 × 16 = 16 × 0.5 = 8 days > 7. 乙: 3.4 × 14 = 7 days, not 超过7天.
    const h1: SheetRows = [recordHeader, ['2026-03-16', '001', null, null, '3.4', 16], ['2026-03-16', '002', null, null, '3.4', 14]];
    await writeWorkbook(join(dir, '2026-H1.xlsx'), { 人员: roster, 记录: h1, 指标: metrics });
    // 乙 loses a point in H2, so the two are not tied for the one 优秀 place.
    await writeWorkbook(join(dir, '2026-H2.xlsx'), { 人员: roster, 记录: [recordHeader, ['2026-09-01', '002', null, null, '1.3']], 指标: metrics });
    const run = await runYear([dir], { scheme: 'bingcha-halfyear' });
    const jia = run.result.rows.find((r) => r.key === '001')!;
    expect(jia.flags).toMatchObject([{ code: 'leave', name: '取消全年考核奖', measure: 'absent_days', value: 8, over: 7, dates: ['2026-03-16'] }]);
    expect(jia.flags[0]!.rows).toMatchObject([{ sheet: '记录', row: 2 }]);
    // 乙's 7 days are not 超过7天: no leave flag (only H2's 优秀 quota mark)
    expect(run.result.rows.find((r) => r.key === '002')!.flags.filter((f) => f.code === 'leave')).toEqual([]);
  });

  it('raises 旷职超过15天 from 旷工 typed one row per date, and warns of a row of 16 days under one date', async () => {
    const dir = tempDir();
    // 乙: 2.1 旷工 × 1 on each working day 3–24 August (3–7, 10–14, 17–21, 24: 16 days in a row) → run 16 > 15.
    // 甲: 2.1 × 16 on 10 August: 16 days, which ones not said → no run, a warning at its row (row 2).
    const days = ['03', '04', '05', '06', '07', '10', '11', '12', '13', '14', '17', '18', '19', '20', '21', '24'];
    const records: SheetRows = [recordHeader, ['2026-08-10', '001', null, null, '2.1', 16], ...days.map((d) => [`2026-08-${d}`, '002', null, null, '2.1', 1])];
    await writeWorkbook(join(dir, '2026-08.xlsx'), { 人员: [['工号', '姓名', '窗口'], ['001', '甲', '民政'], ['002', '乙', '民政']], 记录: records });
    const run = await runYear([dir], { scheme: 'bianmin-10pt', partial: true });
    const leaveFlags = (key: string) => run.result.rows.find((r) => r.key === key)!.flags.filter((f) => f.code === 'leave').map((f) => f.name);
    expect(leaveFlags('002')).toContain('旷职超过15天：依法辞退（须核实）');
    expect(leaveFlags('001')).not.toContain('旷职超过15天：依法辞退（须核实）');
    expect(run.warnings.filter((w) => w.code === 'year_absence_run_unchecked').map((w) => [w.at.row, w.args])).toEqual([[2, { person: '001', date: '2026-08-10', days: 16, absent: 16, over: 15 }]]);
  });
});

describe('big months are scored in worker threads', () => {
  it('gives the same year list as scoring in this process', async () => {
    const { centre, writeMonth } = await import('./bench/generate.js');
    const { statSync } = await import('node:fs');
    const dir = tempDir();
    const people = centre(150, 7);
    for (const m of [3, 4]) await writeMonth(join(dir, `${month(m)}.xlsx`), people, 2026, m, 70 + m);
    // over 256 KB each: the built CLI scores them in worker threads
    expect(statSync(join(dir, '2026-03.xlsx')).size).toBeGreaterThan(256_000);
    const viaWorkers = spawnSync(process.execPath, ['bin/kaohe.js', 'year', dir, '--scheme', 'bianmin-10pt', '--partial', '--json'], { encoding: 'utf8' });
    expect(viaWorkers.status).toBe(0);
    const here = await runYear([dir], { scheme: 'bianmin-10pt', partial: true });
    expect(JSON.parse(viaWorkers.stdout)).toEqual(JSON.parse(JSON.stringify(yearJson(here.result, null))));
  }, 60_000);
});

describe('year --allow-missing-peer (as score: a window without 互评 ratings scores that item 0)', () => {
  /** March and April of bingcha-monthly for three windows; April's 互评 has no rating of 民政窗口. */
  async function writePeerGap(dir: string): Promise<void> {
    const roster: SheetRows = [['工号', '姓名', '窗口'], ['001', '张三', '民政窗口'], ['002', '李四', '社保窗口'], ['003', '王五', '国土窗口']];
    const windows = ['民政窗口', '社保窗口', '国土窗口'];
    mkdirSync(dir, { recursive: true });
    const peer = (unrated: string | null): SheetRows => [['评分人', '被评对象', '分数'], ...windows.flatMap((a) => windows.filter((b) => b !== a && b !== unrated).map((b) => [a, b, 100]))];
    await writeWorkbook(join(dir, '2026-03.xlsx'), { 人员: roster, 记录: [recordHeader], 互评: peer(null) });
    await writeWorkbook(join(dir, '2026-04.xlsx'), { 人员: roster, 记录: [recordHeader], 互评: peer('民政窗口') });
  }

  it('is taken by year: 民政窗口’s April is 100 − 10 (互评, 10 points, at 0) = 90; without it the run stops at April’s 互评', async () => {
    const dir = tempDir();
    await writePeerGap(dir);
    const refused = await kaohe('year', dir, '--partial', '--scheme', 'bingcha-monthly');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--allow-missing-peer');
    const allowed = await kaohe('year', dir, '--partial', '--scheme', 'bingcha-monthly', '--allow-missing-peer', '--json');
    expect(allowed.code).toBe(0);
    const subjects = (JSON.parse(allowed.stdout) as { subjects: { id: string; months: Record<string, number> }[] }).subjects;
    expect(subjects.find((s) => s.id === '民政窗口')!.months).toEqual({ '2026-03': 100, '2026-04': 90 });
  });

  it('is taken by year --each, for every centre', async () => {
    const root = tempDir();
    await writePeerGap(join(root, '东镇'));
    const out = join(tempDir(), '结果');
    const run = await kaohe('year', root, '--each', '--partial', '--scheme', 'bingcha-monthly', '--allow-missing-peer', '-o', out, '--jobs', '1', '--notice-date', '2027-01-04');
    expect(run.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['东镇-年度考核.xlsx', '汇总.xlsx']);
  });
});

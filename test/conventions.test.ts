import { explainSubject } from '../src/write/explain.js';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { officialCalendar } from '../src/calendar/calendar.js';
import { runScore } from '../src/commands/score.js';
import { runYear } from '../src/commands/year.js';
import type { IsoDate } from '../src/core/dates.js';
import { toNumber } from '../src/core/decimal.js';
import { flagKeys, person, rating, run } from './builders.js';
import { kaohe } from './kaohe.js';
import { recordHeader, tempDir, writeWorkbook, type SheetRows } from './workbook.js';

/** The conventions of schemes.md that hold for every scheme, from its own worked examples. */

/**
 * A half year of bingcha-halfyear for ten people (quota 20% of 10 = 2 优秀). Everyone starts at
 * 95 (no innovation); 不按规定着装 (1.3) costs 1 each: 10 → 95, 11 and 12 → 94 each (tied);
 * the other seven lose 10 (廉政 5.1) → 85. So 95 is inside the quota and 94, 94 straddle its one
 * place left.
 */
async function halfYear(path: string, settings: SheetRows | null): Promise<string> {
  const roster: SheetRows = [['工号', '姓名', '窗口', '类别'], ...Array.from({ length: 10 }, (_, i) => [`1${i}`, `人${i}`, '民政', '事业'])];
  const records: SheetRows = [recordHeader, ['2026-03-02', '11', null, null, '1.3'], ['2026-03-02', '12', null, null, '1.3']];
  for (let i = 3; i < 10; i++) records.push(['2026-03-02', `1${i}`, null, null, '5.1', null, 10]);
  const metrics: SheetRows = [['工号', '指标', '数值'], ...Array.from({ length: 10 }, (_, i) => [`1${i}`, '办结率', 100])];
  return writeWorkbook(path, { 人员: roster, 记录: records, 指标: metrics, ...(settings ? { 设置: settings } : {}) });
}

describe('convention 9: the 优秀 quota is a hard limit, ties at its boundary wait for the committee', () => {
  it('gives no more 优秀 than the quota, marks the tied 并列待定 and says how to settle it', async () => {
    const path = await halfYear(join(tempDir(), '2026-H1.xlsx'), null);
    const { result } = await runScore(path, { scheme: 'bingcha-halfyear' });
    const of = (key: string) => result.subjects.find((s) => s.key === key)!;
    expect(result.subjects.filter((s) => s.grade?.label === '优秀').map((s) => s.key)).toEqual(['10']);
    expect(['11', '12'].map((k) => [toNumber(of(k).total), of(k).grade])).toEqual([
      [94, { level: 2, label: '合格', quota: 'pending', places: 1 }],
      [94, { level: 2, label: '合格', quota: 'pending', places: 1 }],
    ]);
    expect(of('11').flags).toEqual([{ code: 'quota_pending', grade: '优秀', label: '合格', places: 1, because: { grade: '合格' } }]);
    expect(result.warnings).toEqual([{ code: 'grade_quota_pending', grade: '优秀', quota: 2, places: 1, tied: ['11', '12'], settingKey: '优秀并列裁定', decidedBy: '中心主任办公会' }]);

    const { stderr } = await kaohe('score', path, '--scheme', 'bingcha-halfyear');
    expect(stderr).toContain('“设置”表“优秀并列裁定”中填写确定的工号');
  });

  it('shows each grade in the terminal table, as the 得分表 does: 优秀 among them', async () => {
    const path = await halfYear(join(tempDir(), '2026-H1.xlsx'), null);
    const lines = (await kaohe('score', path, '--scheme', 'bingcha-halfyear')).stdout.split('\n');
    expect(lines[1]!.trim().split(/\s+/).slice(0, 8)).toEqual(['名次', '姓名', '窗口', '总分', '扣分', '加分', '等次', '奖项']);
    const row = (name: string) => lines.find((l) => l.includes(` ${name} `))!.trim().split(/\s+/).slice(0, 7);
    // 人0: 100 − 5 (no innovation) = 95, 优秀; 人1: 95 − 1 (1.3) = 94, tied for the last place: 合格 for now.
    expect(row('人0')).toEqual(['1', '人0', '民政', '95', '5', '0', '优秀']);
    expect(row('人1')).toEqual(['2', '人1', '民政', '94', '6', '0', '合格']);
  });

  it('warns in a year run too, naming the half year', async () => {
    const dir = tempDir();
    await halfYear(join(dir, '2026-H1.xlsx'), null);
    // only the first half: --partial sums up the year without H2 (issue 14)
    const { code, stderr } = await kaohe('year', dir, '--scheme', 'bingcha-halfyear', '--partial');
    expect(code).toBe(0);
    expect(stderr).toContain('提示：2026-H1：优秀名额2个，名额处并列2人（11、12）争1个名额');
  });

  it('posts the tie as 优秀并列待定 with a note on the 公示 and the year\'s 等次公示, never as the grade it holds for now', async () => {
    const dir = tempDir();
    const path = await halfYear(join(dir, '2026-H1.xlsx'), null);
    const outs = tempDir();
    const out = join(outs, 'out.xlsx');
    expect((await kaohe('score', path, '--scheme', 'bingcha-halfyear', '-o', out)).code).toBe(0);
    // 人0 (95) inside the quota; 人1, 人2 (94, 94) tied for its last place; 人3–人9 (85) 合格 (事业).
    const notice = await sheetRows(out, '公示');
    expect(['人0', '人1', '人2', '人3'].map((name) => gradeCell(notice, name, '等次'))).toEqual(['优秀', '优秀并列待定', '优秀并列待定', '合格']);
    // quota 20% × 10 = 2, one taken by 人0: 2 tied for 1 place; counted, no 工号; settled by bingcha's 中心主任办公会 (the scheme's decided_by).
    expect(notice.flat()).toContain('注：优秀名额2个，名额处2人并列争1个名额，标注“优秀并列待定”，由中心主任办公会研究确定。');

    // The year of that half (--partial, H2 missing): 等次、奖项 shows 上半年优秀并列待定, the note names the half.
    const year = join(outs, 'year.xlsx');
    expect((await kaohe('year', dir, '--scheme', 'bingcha-halfyear', '--partial', '-o', year)).code).toBe(0);
    const yearNotice = await sheetRows(year, '等次公示');
    expect(['人0', '人1', '人3'].map((name) => gradeCell(yearNotice, name, '等次、奖项'))).toEqual(['上半年优秀', '上半年优秀并列待定', '上半年合格']);
    expect(yearNotice.flat()).toContain('注：上半年优秀名额2个，名额处2人并列争1个名额，标注“优秀并列待定”，由中心主任办公会研究确定。');
  });

  it('awards the committee\'s choice from 设置 › 优秀并列裁定 on a re-run, and never more than the quota', async () => {
    const dir = tempDir();
    const chosen = await halfYear(join(dir, '2026-H1.xlsx'), [['设置项', '值'], ['优秀并列裁定', '12']]);
    const settled = (await runScore(chosen, { scheme: 'bingcha-halfyear' })).result;
    expect(settled.subjects.filter((s) => s.grade?.label === '优秀').map((s) => s.key)).toEqual(['10', '12']);
    expect(settled.subjects.find((s) => s.key === '11')!.grade).toEqual({ level: 2, label: '合格', quota: 'over' });
    expect(settled.warnings).toEqual([]);
    // both chosen: 3 优秀 for a quota of 2 is refused, and nobody in the tie gets it
    const both = await halfYear(join(dir, '2026-H1b.xlsx'), [['设置项', '值'], ['优秀并列裁定', '11，12']]);
    const refused = (await runScore(both, { scheme: 'bingcha-halfyear', period: '2026-H1' })).result;
    expect(refused.subjects.filter((s) => s.grade?.label === '优秀')).toHaveLength(1);
    expect(refused.warnings.map((w) => w.code)).toEqual(['grade_quota_ruling_excess', 'grade_quota_pending']);
  });
});

/** A sheet's rows as cell texts. */
async function sheetRows(path: string, name: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const rows: string[][] = [];
  wb.getWorksheet(name)!.eachRow((row) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(row.getCell(c).text);
    rows.push(cells);
  });
  return rows;
}

/** The cell of a notice's row for `name` under the header `column`. */
function gradeCell(rows: readonly string[][], name: string, column: string): string | undefined {
  const header = rows.find((r) => r.includes('姓名'))!;
  return rows.find((r) => r[header.indexOf('姓名')] === name)?.[header.indexOf(column)];
}

/** November 2026 punches of one person: absent all day on `whole` days, all afternoon on `half` days. */
function november(whole: string[], half: string[]): SheetRows {
  const rows: SheetRows = [['工号', '日期', '打卡时间']];
  const calendar = officialCalendar();
  for (let day = 1; day <= 30; day++) {
    const date = `2026-11-${String(day).padStart(2, '0')}` as IsoDate;
    if (!calendar.isWorkday(date) || whole.includes(date)) continue;
    rows.push(['001', date, half.includes(date) ? '07:50 11:40' : '07:50 11:40 13:50 17:40']);
  }
  return rows;
}

describe('convention 7: one 事项编号 counts once among a bonus item\'s records', () => {
  it('counts a 受奖附加 and a 合理化建议 of another item on one 事项编号 both, and says so at the second row', async () => {
    const path = await halfYear(join(tempDir(), '2026-H1.xlsx'), null);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    // row 11 of 记录: 4.5 合理化建议或工作创新 (工作实绩, earned 5); row 12: 6.3 市级新闻媒体表扬 (受奖附加 +6), both M-1
    book.getWorksheet('记录')!.addRow(['2026-03-09', '10', null, null, '4.5', null, null, 'M-1']);
    book.getWorksheet('记录')!.addRow(['2026-03-10', '10', null, null, '6.3', null, null, 'm－1']);
    await book.xlsx.writeFile(path);
    const { result, warnings } = await runScore(path, { scheme: 'bingcha-halfyear' });
    // 10 was 95 (no innovation): + 5 (创新 part earned) + 6 (bonus, under its cap of 10) = 106
    expect(toNumber(result.subjects.find((s) => s.key === '10')!.total)).toBe(106);
    expect(warnings.filter((w) => w.code === 'matter_across_items').map((w) => [w.at.row, w.args])).toEqual([[12, { matter: 'm-1', rule: '6.3 市级新闻媒体表扬', other: '4.5 合理化建议或工作创新', otherRow: 11 }]]);
  });
});

describe('convention 10: half days add up', () => {
  const roster: SheetRows = [['工号', '姓名', '窗口'], ['001', '张三', '审批科']];

  it('two half-day absences and two whole days make 3 days: 无故缺席三天以上(含三天) applies', async () => {
    const dir = tempDir();
    // 2 × 0.5 + 2 × 1 = 3 days ≥ 3
    const three = await writeWorkbook(join(dir, '2026-11.xlsx'), { 人员: roster, 记录: [recordHeader], 考勤: november(['2026-11-10', '2026-11-11'], ['2026-11-16', '2026-11-17']) });
    const s = (await runScore(three, { scheme: 'city-hall-monthly' })).result.subjects[0]!;
    expect(flagKeys(s.flags)).toEqual(['退回所在部门，并通报有关部门处理']);
    expect(s.flags[0]!.because).toMatchObject({ rule: '6.2', count: 6, days: 3 });
    // one half day fewer: 2.5 days < 3, no flag (four days with an absence would have been counted 4 before)
    const twoAndHalf = await writeWorkbook(join(dir, '2026-11b.xlsx'), { 人员: roster, 记录: [recordHeader], 考勤: november(['2026-11-10', '2026-11-11'], ['2026-11-16']) });
    expect((await runScore(twoAndHalf, { scheme: 'city-hall-monthly', period: '2026-11' })).result.subjects[0]!.flags).toEqual([]);
  });

  it('where a rule counts occurrences, the attendance summary shows both days and occurrences', async () => {
    const path = await writeWorkbook(join(tempDir(), '2026-11.xlsx'), { 人员: roster, 记录: [recordHeader], 考勤: november(['2026-11-10', '2026-11-11'], ['2026-11-16', '2026-11-17']) });
    const { stdout } = await kaohe('attendance', path);
    // 旷工天数 3 (halves add up), 旷工次数 4 (days with an absence: bianmin-10pt's 2.1 counts these)
    expect(stdout).toMatch(/旷工天数\s+旷工次数/);
    expect(stdout).toMatch(/张三.*\s3\s+4\s/);
    // bianmin-10pt: each day with an absence is one 旷工 (−2): 10 − 4 × 2 = 2
    const scored = await runScore(path, { scheme: 'bianmin-10pt' });
    expect(toNumber(scored.result.subjects[0]!.total)).toBe(2);
  });

  it('counts 旷工 at year end in half days: 14 half days + 1 whole day = 8 days > 7 → 取消全年考核奖', async () => {
    const dir = tempDir();
    const people: SheetRows = [['工号', '姓名', '窗口'], ['001', '张三', '民政']];
    for (let m = 1; m <= 12; m++) {
      const label = `2026-${String(m).padStart(2, '0')}`;
      const sheets: Record<string, SheetRows> = { 人员: people, 记录: [recordHeader] };
      if (m === 11) {
        // fourteen afternoons absent (2–19 November's working days but the 10th) and the 10th all day
        const halves = ['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06', '2026-11-09', '2026-11-11', '2026-11-12', '2026-11-13', '2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20'];
        sheets.考勤 = november(['2026-11-10'], halves);
      }
      await writeWorkbook(join(dir, `${label}.xlsx`), sheets);
    }
    const row = (await runYear([dir], { scheme: 'bianmin-10pt' })).result.rows[0]!;
    // 14 × 0.5 + 1 = 8 days > 7 (counted as 15 days with an absence before)
    expect(row.flags.filter((f) => f.code === 'leave')).toMatchObject([{ code: 'leave', name: '取消全年考核奖', measure: 'absent_days', value: 8, over: 7 }]);
  });
});

describe('convention 11: means are exact, rounded once', () => {
  it('peer ratings 88.64 and 88.65 give 88.645 × 10/100 = 8.8645 → 8.86, not 8.87 from a rounded mean', () => {
    const roster = [person('001', '甲', '甲窗口'), person('002', '乙', '乙窗口'), person('003', '丙', '丙窗口')];
    const peer = [rating('乙窗口', '甲窗口', 88.64), rating('丙窗口', '甲窗口', 88.65), rating('甲窗口', '乙窗口', 100), rating('丙窗口', '乙窗口', 100), rating('甲窗口', '丙窗口', 100), rating('乙窗口', '丙窗口', 100)];
    const jia = run('bingcha-monthly', { roster, records: [], peer }).subjects.find((s) => s.key === '甲窗口')!;
    // rounded mean first: 88.65 × 0.1 = 8.865 → 8.87 (wrong); exact: 177.29 × 10 / (2 × 100) = 8.8645 → 8.86
    expect(toNumber(jia.peer!.points)).toBe(8.86);
    expect(toNumber(jia.total)).toBe(98.86);
  });

  it('prints the peer points as a reader can redo them: the sum ÷ n × points/scale, not the rounded mean', () => {
    const roster = [person('001', '甲', '甲窗口'), person('002', '乙', '乙窗口'), person('003', '丙', '丙窗口')];
    const peer = [rating('乙窗口', '甲窗口', 88.64), rating('丙窗口', '甲窗口', 88.65), rating('甲窗口', '乙窗口', 100), rating('丙窗口', '乙窗口', 100), rating('甲窗口', '丙窗口', 100), rating('乙窗口', '丙窗口', 100)];
    const explained = explainSubject(run('bingcha-monthly', { roster, records: [], peer }), '甲窗口');
    // 88.64 + 88.65 = 177.29; 177.29 ÷ 2 × 10/100 = 8.8645 → 8.86. "平均88.65 × 10/100" would redo to 8.87.
    expect(explained).toContain('   2个评分：合计 177.29 ÷ 2 × 10/100 = 8.86（自评不计，四舍五入到0.01）');
    expect(explained.join('\n')).not.toContain('平均');
  });
});

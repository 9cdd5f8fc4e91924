import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { kaohe } from './kaohe.js';
import { recordHeader, tempDir, writeWorkbook, type SheetRows } from './workbook.js';

const month = (m: number) => `2026-${String(m).padStart(2, '0')}`;
const settings: SheetRows = [['设置项', '值'], ['单位名称', '某镇便民服务中心'], ['公示联系电话', '0513-80000000']];

/**
 * bianmin-10pt, in roster order 甲 乙 丙 丁 (months 1..last):
 *   甲 3 lates every month → 7 a month; 乙 and 丁 lose nothing → 10 a month;
 *   丙 loses 2 (旷工 once) in March → 8 that month, 10 the others.
 * Twelve months: 甲 84, 乙 120, 丙 118, 丁 120 → rank 乙 1, 丁 1 (tie, roster order), 丙 3, 甲 4.
 */
async function bianminMonths(dir: string, last = 12): Promise<void> {
  const roster: SheetRows = [['工号', '姓名', '窗口'], ['001', '甲', '民政'], ['002', '乙', '民政'], ['003', '丙', '财政'], ['004', '丁', '财政']];
  for (let m = 1; m <= last; m++) {
    const records: SheetRows = [recordHeader, [`${month(m)}-05`, '001', null, null, '1.1', 3]];
    if (m === 3) records.push([`${month(m)}-09`, '003', null, null, '2.1', 1]);
    await writeWorkbook(join(dir, `${month(m)}.xlsx`), { 人员: roster, 记录: records, 设置: settings });
  }
}

async function open(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

/** A column of the table under `headerRow`: the rows that carry a rank. */
function column(sheet: ExcelJS.Worksheet, header: string, headerRow: number): unknown[] {
  const index = (sheet.getRow(headerRow).values as unknown[]).indexOf(header);
  const out: unknown[] = [];
  for (let n = headerRow + 1; typeof sheet.getRow(n).getCell(1).value === 'number'; n++) out.push(sheet.getRow(n).getCell(index).value);
  return out;
}

function cellTexts(sheet: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  sheet.eachRow((row) => row.eachCell((cell) => out.push(String(cell.text))));
  return out;
}

describe('a year in rank order, everywhere', async () => {
  const dir = tempDir();
  await bianminMonths(dir);
  const out = join(tempDir(), '2026年度考核.xlsx');
  const run = await kaohe('year', dir, '--scheme', 'bianmin-10pt', '-o', out, '--notice-date', '2026-12-21');
  const wb = await open(out);

  it('terminal (the summary, with -o): 乙 120, 丁 120 (tied, roster order), 丙 118, 甲 84', () => {
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    const header = lines.findIndex((l) => l.startsWith('名次'));
    const names = lines.slice(header + 1, lines.indexOf('', header)).map((l) => l.trim().split(/\s+/)[1]);
    expect(names).toEqual(['乙', '丁', '丙', '甲']);
  });

  it('年度考核表 and 等次公示 in the same order, ranks 1 1 3 4', () => {
    const list = wb.getWorksheet('年度考核表')!;
    expect(column(list, '姓名', 2)).toEqual(['乙', '丁', '丙', '甲']);
    expect(column(list, '名次', 2)).toEqual([1, 1, 3, 4]);
    expect(column(list, '全年', 2)).toEqual([120, 120, 118, 84]);
    const notice = wb.getWorksheet('等次公示')!;
    expect(column(notice, '姓名', 3)).toEqual(['乙', '丁', '丙', '甲']);
    expect(column(notice, '全年', 3)).toEqual([120, 120, 118, 84]);
  });

  it('JSON in the same order', async () => {
    const json = JSON.parse((await kaohe('year', dir, '--scheme', 'bianmin-10pt', '--json')).stdout) as { subjects: { name: string; rank: number }[] };
    expect(json.subjects.map((s) => [s.name, s.rank])).toEqual([['乙', 1], ['丁', 1], ['丙', 3], ['甲', 4]]);
    // everyone is in all twelve months: nothing prorated, no prorated figure
    expect(json.subjects.some((s) => 'prorated' in s)).toBe(false);
  });

  it('no one prorated: no 折合全年 column', () => {
    expect(wb.getWorksheet('年度考核表')!.getRow(2).values as unknown[]).not.toContain('折合全年');
    expect(wb.getWorksheet('等次公示')!.getRow(3).values as unknown[]).not.toContain('折合全年');
  });

  it('等次公示 has its 公示期 like the monthly notice: 21–25 Dec 2026, five working days', () => {
    const texts = cellTexts(wb.getWorksheet('等次公示')!);
    expect(texts.some((t) => t.includes('公示期：2026年12月21日至2026年12月25日（5个工作日）'))).toBe(true);
    expect(texts).toContain('联系电话：0513-80000000');
  });

  it('the year run hands its --calendar to the 等次公示 too (one calendar per run): 31 Dec 2026 to 8 Jan 2027', async () => {
    const calendar = join(tempDir(), '2027.yaml');
    writeFileSync(calendar, 'year: 2027\nsource: 测试用安排\nholidays: [2027-01-01, 2027-01-04]\nworkdays: []\n');
    const withCalendar = join(tempDir(), '2026年度考核.xlsx');
    const run = await kaohe('year', dir, '--scheme', 'bianmin-10pt', '-o', withCalendar, '--notice-date', '2026-12-31', '--calendar', calendar);
    expect(run.code).toBe(0);
    // Working days from 31 Dec: 31 Dec; 1 Jan (file) holiday; 2–3 Jan weekend; 4 Jan (file) holiday; 5, 6, 7, 8 Jan → five.
    // Without the file 4 Jan would be a working day and the period would end on 7 Jan.
    const texts = cellTexts((await open(withCalendar)).getWorksheet('等次公示')!);
    expect(texts.some((t) => t.includes('公示期：2026年12月31日至2027年1月8日（5个工作日）'))).toBe(true);
  });
});

describe('a year that ranks by the prorated total (bianmin-10pt: 合计 × 12 ÷ 在岗月数)', async () => {
  /**
   * 甲 3 lates a month → 7 × 12 = 84; 乙 2 lates → 8 × 12 = 96; 丁 in May–September only, 2 lates
   * → 8 × 5 = 40, prorated 40 × 12 ÷ 5 = 96: tied first with 乙 (roster order), 甲 3rd.
   */
  const dir = tempDir();
  for (let m = 1; m <= 12; m++) {
    const roster: SheetRows = [['工号', '姓名', '窗口'], ['001', '甲', '民政'], ['002', '乙', '民政']];
    const records: SheetRows = [recordHeader, [`${month(m)}-05`, '001', null, null, '1.1', 3], [`${month(m)}-05`, '002', null, null, '1.1', 2]];
    if (m >= 5 && m <= 9) {
      roster.push(['004', '丁', '财政']);
      records.push([`${month(m)}-06`, '004', null, null, '1.1', 2]);
    }
    await writeWorkbook(join(dir, `${month(m)}.xlsx`), { 人员: roster, 记录: records, 设置: settings });
  }
  const out = join(tempDir(), '2026年度考核.xlsx');
  const run = await kaohe('year', dir, '--scheme', 'bianmin-10pt', '-o', out, '--notice-date', '2026-12-21');
  const wb = await open(out);
  const note = '折合全年 = 全年 × 12 ÷ 在岗月数（四舍五入到0.01），不满一年的人按此与全年在岗的人比较：名次和“低于90分”的标注都按折合全年。';

  it('年度考核表: 折合全年 beside 全年 (丁 40 → 96), and the note under the list', () => {
    expect(run.code).toBe(0);
    const list = wb.getWorksheet('年度考核表')!;
    const header = list.getRow(2).values as unknown[];
    expect(header.indexOf('折合全年')).toBe(header.indexOf('全年') + 1);
    expect(column(list, '姓名', 2)).toEqual(['乙', '丁', '甲']);
    expect(column(list, '名次', 2)).toEqual([1, 1, 3]);
    expect(column(list, '全年', 2)).toEqual([96, 40, 84]);
    expect(column(list, '折合全年', 2)).toEqual([96, 96, 84]);
    expect(cellTexts(list)).toContain(`注：${note}`);
  });

  it('等次公示: the same column and note, on a page as wide as before (92)', () => {
    const notice = wb.getWorksheet('等次公示')!;
    expect(column(notice, '全年', 3)).toEqual([96, 40, 84]);
    expect(column(notice, '折合全年', 3)).toEqual([96, 96, 84]);
    expect(cellTexts(notice)).toContain(`注：${note}`);
    // 名次 6 + 姓名 10 + 窗口 14 + 全年 8 + 折合全年 8 + 奖项 22 + 备注 24 = 92, as 6 + 10 + 14 + 8 + 26 + 28
    expect(notice.columns.slice(0, 7).reduce((w, c) => w + (c.width ?? 0), 0)).toBe(92);
  });

  it('CSV: the column after 全年, and the note on a last line', async () => {
    const csv = join(tempDir(), 'y.csv');
    expect((await kaohe('year', dir, '--scheme', 'bianmin-10pt', '-o', csv)).code).toBe(0);
    const lines = readFileSync(csv, 'utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toContain(',全年,折合全年,');
    expect(lines[2]).toContain(',40,96,');
    expect(lines.at(-1)).toBe(`注：${note}`);
  });

  it('the terminal summary shows 丁 as 40（折合全年96）', () => {
    expect(run.stdout).toContain('40（折合全年96）');
  });

  it('JSON: "prorated" beside "total", and that rank uses it', async () => {
    const json = JSON.parse((await kaohe('year', dir, '--scheme', 'bianmin-10pt', '--json')).stdout) as { ranked_by: string; prorated_note: string; subjects: { name: string; total: number; prorated: number; rank: number }[] };
    expect(json.ranked_by).toBe('prorated');
    expect(json.prorated_note).toBe(note);
    expect(json.subjects.map((s) => [s.name, s.total, s.prorated, s.rank])).toEqual([
      ['乙', 96, 96, 1],
      ['丁', 40, 96, 1],
      ['甲', 84, 84, 3],
    ]);
  });
});

describe('a year with months missing', async () => {
  const dir = tempDir();
  await bianminMonths(dir, 10);

  it('is refused without --partial, naming the months', async () => {
    const out = join(tempDir(), 'y.xlsx');
    const run = await kaohe('year', dir, '--scheme', 'bianmin-10pt', '-o', out);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('2026年缺少 11月、12月 的工作簿');
    expect(run.stderr).toContain('--partial');
    expect(existsSync(out)).toBe(false);
  });

  it('with --partial, every output says which months are missing, and ten full months are not flagged', async () => {
    const out = join(tempDir(), 'y.xlsx');
    const run = await kaohe('year', dir, '--scheme', 'bianmin-10pt', '--partial', '-o', out, '--notice-date', '2026-12-21');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('缺少 11月、12月');
    const wb = await open(out);
    expect(wb.getWorksheet('年度考核表')!.getCell('A1').text).toContain('缺少 11月、12月');
    expect(cellTexts(wb.getWorksheet('等次公示')!).some((t) => t.includes('本年度缺少 11月、12月 的考核结果'))).toBe(true);
    expect(cellTexts(wb.getWorksheet('说明')!)).toContain('2026-11、2026-12（--partial）');
    const json = JSON.parse((await kaohe('year', dir, '--scheme', 'bianmin-10pt', '--partial', '--json')).stdout) as { missing: string[]; warnings: string[]; subjects: { name: string; total: number; flags: string[] }[] };
    expect(json.missing).toEqual(['2026-11', '2026-12']);
    const csv = join(tempDir(), 'y.csv');
    expect((await kaohe('year', dir, '--scheme', 'bianmin-10pt', '--partial', '-o', csv)).code).toBe(0);
    expect(readFileSync(csv, 'utf8').trimEnd().split('\r\n').at(-1)).toContain('本年度缺少 11月、12月 的考核结果');
    expect(json.warnings[0]).toContain('缺少 11月、12月');
    // 乙: 10 × 10 = 100 over ten months → 100 × 12 / 10 = 120, not below 90: no flag.
    // 甲: 7 × 10 = 70 → 84 < 90: 取消评先评优 (and the lowest: 待岗).
    const byName = new Map(json.subjects.map((s) => [s.name, s]));
    expect(byName.get('乙')).toMatchObject({ total: 100, flags: [] });
    expect(byName.get('甲')!.flags).toEqual(['取消该年度评先评优资格', '第二年待岗对象']);
  });
});

describe('city-hall-annual: every component of the year', async () => {
  const dir = tempDir();
  const roster: SheetRows = [['工号', '姓名', '窗口'], ['001', '张三', '审批科'], ['002', '李四', '审批科']];
  // 张三's months alternate 6 and 4 lost → 94, 96, … mean 95; 李四 loses 2 a month → 98
  for (let m = 1; m <= 12; m++) {
    await writeWorkbook(join(dir, `${month(m)}.xlsx`), {
      人员: roster,
      记录: [recordHeader, [`${month(m)}-05`, '001', null, null, '1.1', null, m % 2 === 1 ? 6 : 4], [`${month(m)}-06`, '002', null, null, '1.1', null, 2]],
    });
  }
  const annual = await writeWorkbook(join(tempDir(), '2026年度.xlsx'), {
    人员: roster,
    记录: [recordHeader, ['2026-12-20', '001', null, null, '3.1', null, 2], ['2026-12-21', '001', null, null, '7.1', null, 3]],
    评分: [['工号', '项目', '分数'], ['001', '2', 5], ['001', '4', 7], ['001', '5', 7], ['002', '2', 6], ['002', '4', 8], ['002', '5', 8]],
    设置: settings,
  });
  const out = join(tempDir(), 'annual.xlsx');
  const run = await kaohe('year', dir, '--scheme', 'city-hall-annual', '--annual', annual, '-o', out, '--notice-date', '2026-12-21');

  it('年度考核表 shows the monthly mean, its 60-point conversion, each mark, deductions and bonus', async () => {
    expect(run.code).toBe(0);
    const list = (await open(out)).getWorksheet('年度考核表')!;
    const header = (list.getRow(2).values as unknown[]).slice(1);
    expect(header).toEqual(['名次', '工号', '姓名', '窗口', '月度合计', '月数', '1 月度考核情况', '2 个人总结情况', '3 公众评价情况', '4 首席代表及分管领导评价情况', '5 绩效评价情况', '6 廉洁自律情况', '7 其他情况', '扣分', '加分', '全年', '奖项', '标注']);
    // 李四: 12 months of 98 = 1176 → 1176 ÷ 12 × 60/100 = 58.8; marks 6, 8, 8; deductions 1.2; total 98.8 — first
    // 张三: 12 months of 95 on average = 1140 → 1140 ÷ 12 × 60/100 = 57; marks 5, 7, 7; 公众评价 10 − 2 = 8; bonus 3;
    //   deductions 3 + 1 + 2 + 1 + 1 = 8; total 100 − 8 + 3 = 95
    expect((list.getRow(3).values as unknown[]).slice(1, 17)).toEqual([1, '002', '李四', '审批科', 1176, 12, 58.8, 6, 10, 8, 8, 8, 0, 1.2, 0, 98.8]);
    expect((list.getRow(4).values as unknown[]).slice(1, 17)).toEqual([2, '001', '张三', '审批科', 1140, 12, 57, 5, 8, 7, 7, 8, 3, 8, 3, 95]);
  });

  it('lists each month’s base score and the records behind the year deductions', async () => {
    const wb = await open(out);
    const months = wb.getWorksheet('各月基本分')!;
    // 6 × 94 + 6 × 96 = 1140
    expect((months.getRow(3).values as unknown[]).slice(1)).toEqual(['001', '张三', 94, 96, 94, 96, 94, 96, 94, 96, 94, 96, 94, 96, 12, 1140]);
    const audit: unknown[][] = [];
    wb.getWorksheet('扣分明细')!.eachRow((row, n) => n > 2 && audit.push((row.values as unknown[]).slice(1)));
    expect(audit.find((r) => r[0] === '张三' && r[4] === '3.1')![10]).toBe(-2);
    expect(audit.find((r) => r[0] === '张三' && r[4] === '1')![11]).toBe('12个月基本分（不含附加分）：合计 1140 ÷ 12 × 60/100 = 57（四舍五入到0.01）');
  });

  it('kaohe explain --year walks through the same components', async () => {
    const explained = await kaohe('explain', dir, '--year', '--scheme', 'city-hall-annual', '--annual', annual, '张三');
    expect(explained.code).toBe(0);
    expect(explained.stdout).toContain('12个月基本分（不含附加分）：合计 1140 ÷ 12 × 60/100 = 57（四舍五入到0.01）');
    expect(explained.stdout).toContain('2 个人总结情况（6分）：扣1分，得5分');
    expect(explained.stdout).toContain('3 公众评价情况（10分）：扣2分，得8分');
    expect(explained.stdout).toContain('7 其他情况（最多20分）：加3分');
    expect(explained.stdout).toContain('全年 = 基本分 100 − 扣分 8 + 加分 3 = 95');
    expect(explained.stdout).toContain('名次：第2名（共2人）');
  });
});

describe('city-hall-annual: 月度考核情况 from the months’ sum, rounded once', async () => {
  /**
   * 张三 loses 0.1 in March: months 100 × 11 + 99.9 = 1199.9. 月度考核情况 = 1199.9 ÷ 12 × 60/100
   * = 59.995 → 60; the rounded mean 99.99 × 60/100 = 59.994 would give 59.99, so it is not printed.
   * 李四 is in May–December: 8 months, 不满一年.
   */
  const dir = tempDir();
  const zhang: SheetRows = [['工号', '姓名', '窗口'], ['001', '张三', '审批科']];
  for (let m = 1; m <= 12; m++) {
    await writeWorkbook(join(dir, `${month(m)}.xlsx`), {
      人员: m >= 5 ? [...zhang, ['002', '李四', '审批科']] : zhang,
      记录: m === 3 ? [recordHeader, [`${month(m)}-05`, '001', null, null, '1.1', null, 0.1]] : [recordHeader],
    });
  }
  const annual = await writeWorkbook(join(tempDir(), '2026年度.xlsx'), {
    人员: [...zhang, ['002', '李四', '审批科']],
    记录: [recordHeader],
    评分: [['工号', '项目', '分数'], ...['001', '002'].flatMap((id) => [[id, '2', 6], [id, '4', 8], [id, '5', 8]])],
  });
  const out = join(tempDir(), 'annual.xlsx');
  const run = await kaohe('year', dir, '--scheme', 'city-hall-annual', '--annual', annual, '-o', out, '--notice-date', '2026-12-21');

  it('shows the sum 1199.9 and 12 months beside 60, and a note that says how 60 comes from them', async () => {
    expect(run.code).toBe(0);
    const list = (await open(out)).getWorksheet('年度考核表')!;
    expect(column(list, '姓名', 2)).toEqual(['张三', '李四']);
    // 李四: 8 months of 100 = 800 → 800 ÷ 8 × 60/100 = 60
    expect(column(list, '月度合计', 2)).toEqual([1199.9, 800]);
    expect(column(list, '月数', 2)).toEqual([12, 8]);
    expect(column(list, '1 月度考核情况', 2)).toEqual([60, 60]);
    const note = cellTexts(list).find((t) => t.startsWith('注：'))!;
    expect(note).toContain('月度考核情况 = 月度合计 ÷ 月数 × 60/100（四舍五入到0.01）');
    expect(note).not.toContain('平均');
  });

  it('标注明细 gives 李四’s months as the basis of 不满一年', async () => {
    const rows: unknown[][] = [];
    (await open(out)).getWorksheet('标注明细')!.eachRow((row, n) => n > 1 && rows.push((row.values as unknown[]).slice(1, 5)));
    expect(rows).toEqual([['李四', '审批科', '不满一年：出具工作鉴定', '在岗 5月至12月（8个月，不足12个月）']]);
  });
});

describe('the year’s 说明 records the flags that change figures, as a month’s does', async () => {
  const dir = tempDir();
  await bianminMonths(dir);
  const out = join(tempDir(), '年度.xlsx');
  const run = await kaohe('year', dir, '--scheme', 'bianmin-10pt', '--grace', '10', '--point-value', '20', '--notice-date', '2027-01-04', '-o', out);
  const rows = new Map<string, string>();
  (await open(out)).getWorksheet('说明')!.eachRow((row) => rows.set(String(row.getCell(1).text), String(row.getCell(2).text)));

  it('--grace and --point-value by name, with their values and that the command line gave them', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(rows.get('命令行：--grace')).toMatch(/^10（迟到宽限分钟，命令行指定/);
    expect(rows.get('命令行：--point-value')).toMatch(/^20（每分分值，命令行指定/);
    // the year's own 考核期 row lists the months, not a month's label
    expect(rows.get('考核期')).toBe(Array.from({ length: 12 }, (_, i) => month(i + 1)).join('、'));
  });
});

describe('kaohe explain --year for a monthly scheme', async () => {
  const dir = tempDir();
  await bianminMonths(dir);

  it('lists the months, the sum, rank and each flag with its reason', async () => {
    const run = await kaohe('explain', dir, '--year', '--scheme', 'bianmin-10pt', '甲');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('各期得分：1月 7、2月 7');
    expect(run.stdout).toContain('全年合计 = 7 + 7 + 7 + 7 + 7 + 7 + 7 + 7 + 7 + 7 + 7 + 7 = 84');
    expect(run.stdout).toContain('名次：第4名（共4人）');
    expect(run.stdout).toContain('取消该年度评先评优资格：全年 84 低于 90');
  });

  it('writes a negative month in brackets in the sum, not "+ -6" (probe16d 4)', async () => {
    // January: 2.1 旷工 × 6 → 2 + 2 + 2 + 2 + 4 + 4 = 16 → 10 − 16 = −6; February none → 10; year −6 + 10 = 4.
    const partial = tempDir();
    for (const [m, records] of [['2026-01', '2026-01-12,001,,,2.1,6\n'], ['2026-02', '']] as const) {
      mkdirSync(join(partial, m));
      writeFileSync(join(partial, m, '人员.csv'), '工号,姓名,窗口\n001,甲,民政\n');
      writeFileSync(join(partial, m, '记录.csv'), `日期,工号,姓名,窗口,项目,次数\n${records}`);
    }
    const run = await kaohe('explain', partial, '--year', '--partial', '--scheme', 'bianmin-10pt', '甲');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('全年合计 = (-6) + 10 = 4');
  });

  it('answers a unit’s name with its people in rank order, as the month’s explain does (probe16d 7)', async () => {
    // 丁 12 × 10 = 120; 丙 March 2.1 旷工 −2 → 118: 丁 first.
    const run = await kaohe('explain', dir, '--year', '--scheme', 'bianmin-10pt', '财政');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('“财政”是窗口，本方案按个人考核：请给出其中一人的工号或姓名（丁 004、丙 003）');
  });

  it('suggests the nearest name for one not in the year', async () => {
    const run = await kaohe('explain', dir, '--year', '--scheme', 'bianmin-10pt', '甲甲');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('是否为');
  });
});

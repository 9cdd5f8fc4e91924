import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { kaohe } from './kaohe.js';
import { tempDir } from './workbook.js';


async function open(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

function findCell(sheet: ExcelJS.Worksheet, text: string): ExcelJS.Cell {
  let found: ExcelJS.Cell | undefined;
  sheet.eachRow((row) => row.eachCell((cell) => {
    if (cell.text === text) found = cell;
  }));
  if (!found) throw new Error(`no cell "${text}"`);
  return found;
}

/** Every cell's text of a sheet, for "never on the notice" checks. */
function texts(sheet: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  sheet.eachRow((row) => row.eachCell((cell) => out.push(String(cell.text))));
  return out;
}

const demo = 'fixtures/demo/2026-10.xlsx';

describe('kaohe score -o: the result workbook', async () => {
  const dir = tempDir();
  const out = join(dir, '2026-10-考核结果.xlsx');
  const run = await kaohe('score', demo, '--scheme', 'bingcha-monthly', '-o', out, '--notice-date', '2026-11-23');
  const wb = await open(out);

  it('has 得分表, 公示, 扣分明细 and 说明', () => {
    expect(run.code).toBe(0);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['得分表', '公示', '扣分明细', '说明']);
  });

  it('得分表: one row per window with each item, totals and awards, header frozen', () => {
    const sheet = wb.getWorksheet('得分表')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    const header = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(header).toEqual([
      '名次', '窗口', '1 行为规范、服务态度', '2 办件管理', '3 时限承诺', '4 办理质量', '5 参加中心活动情况', '6 廉洁从政',
      '7 工作作风与群众投诉', '8 人员到岗情况', '9 卫生保洁', '10 窗口互评', '11 受奖附加', '扣分', '加分', '总分', '奖项', '标注', '扣分/加分明细',
    ]);
    // 社保窗口 first: 3 时限承诺 7, 10 互评 9.5, 11 受奖附加 10, deductions 3.5, bonus 10, total 106.5
    const first = (sheet.getRow(3).values as unknown[]).slice(1);
    expect(first.slice(0, 2)).toEqual([1, '社保窗口']);
    expect(first[4]).toBe(7);
    expect(first.slice(11, 16)).toEqual([9.5, 10, 3.5, 10, 106.5]);
    expect(first[16]).toBe('红旗窗口');
    expect(sheet.getCell('P3').alignment).toMatchObject({ horizontal: 'right' });
  });

  it('公示: title, A4 print setup, repeated header, page-number footer, and the 公示期', () => {
    const sheet = wb.getWorksheet('公示')!;
    expect(sheet.getCell('A1').text).toBe('栟茶镇便民服务中心2026年10月窗口考核结果公示');
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' });
    expect(sheet.headerFooter.oddFooter).toBe('&C第 &P 页 共 &N 页');
    const all = texts(sheet);
    // 23 Nov 2026 is a Monday: five working days → 27 Nov
    expect(all.some((t) => t.includes('公示期：2026年11月23日至2026年11月27日（5个工作日）'))).toBe(true);
    // the phone on a line of its own, never wrapped
    const phone = findCell(sheet, '联系电话：0513-80868672');
    expect(phone.alignment?.wrapText).not.toBe(true);
    expect(all).toContain('栟茶镇便民服务中心综合科');
    expect(all).toContain('2026年11月23日');
    expect(all.some((t) => t.includes('红旗窗口第5名并列'))).toBe(true);
    // 社保窗口's line: rank, name, total, summary by rule name, award
    const row4 = (sheet.getRow(4).values as unknown[]).slice(1);
    expect(row4).toEqual([1, '社保窗口', 106.5, '超过承诺时限3天 -3; 受到市委、市政府以上表彰1次 +8; 赠送锦旗2次 +2; 窗口互评 -0.5', '红旗窗口', '']);
  });

  it('公示 carries no staff id and no 说明 text', () => {
    const all = texts(wb.getWorksheet('公示')!).join('\n');
    for (const id of ['0001', '0004', '0014', '0017']) expect(all).not.toContain(id);
    for (const note of ['收受办事群众购物卡', '低保审核件超承诺时限', '与办事群众争吵', '综合科 顾']) expect(all).not.toContain(note);
  });

  it('扣分明细: every record with points before and after caps, the reason and the source row', () => {
    const sheet = wb.getWorksheet('扣分明细')!;
    const rows: unknown[][] = [];
    sheet.eachRow((row, n) => n > 2 && rows.push((row.values as unknown[]).slice(1)));
    // 医保窗口's 6th and 7th hygiene findings: listed −1 each, counted 0, cap named, row named
    const hygiene = rows.filter((r) => r[0] === '医保窗口' && r[4] === '9.1');
    expect(hygiene).toHaveLength(7);
    expect(hygiene.map((r) => r[10])).toEqual([-1, -1, -1, -1, -1, 0, 0]);
    expect(hygiene[6]![11]).toBe('第9项扣完为止，1分不计');
    expect(hygiene[6]![12]).toMatch(/2026-10\.xlsx › 记录 › 第\d+行$/);
    // the repeated matter is listed +6 and counted 0 with the reason
    const repeat = rows.find((r) => r[0] === '社保窗口' && r[4] === '11.1' && r[8] === 6)!;
    expect(repeat[10]).toBe(0);
    expect(String(repeat[11])).toContain('就高不重复');
    // one peer row per window: 11 ratings → 9.5 for 社保
    const peer = rows.find((r) => r[0] === '社保窗口' && r[4] === '10')!;
    expect(peer[6]).toBe(11);
    expect(peer[10]).toBe(9.5);
  });

  it('说明: scheme and input hashes, version and settings', () => {
    const rows = new Map<string, string>();
    wb.getWorksheet('说明')!.eachRow((row) => rows.set(String(row.getCell(1).text), String(row.getCell(2).text)));
    expect(rows.get('考核方案')).toBe('栟茶镇便民服务中心月度考核办法(试行)（bingcha-monthly）');
    // by name, never by path: the same input gives the same bytes from any folder
    expect(rows.get('输入文件')).toBe('2026-10.xlsx');
    expect(rows.get('输入文件 SHA-256')).toMatch(/^[0-9a-f]{64}$/);
    expect(rows.get('方案文件 SHA-256')).toMatch(/^[0-9a-f]{64}$/);
    expect(rows.get('公示日期')).toBe('2026-11-23');
  });

  it('is byte-identical on a second run and never touches the input', async () => {
    const before = readFileSync(demo);
    const again = join(dir, 'again.xlsx');
    expect((await kaohe('score', demo, '--scheme', 'bingcha-monthly', '-o', again, '--notice-date', '2026-11-23')).code).toBe(0);
    expect(readFileSync(again).equals(readFileSync(out))).toBe(true);
    expect(readFileSync(demo).equals(before)).toBe(true);
  });
});

describe('kaohe score -o: 说明 records the flags that change scores or the notice', async () => {
  const dir = tempDir();
  const about = async (...flags: string[]) => {
    const out = join(dir, `${flags.length}.xlsx`);
    const run = await kaohe('score', 'fixtures/demo/2026-11-考勤.xlsx', '--scheme', 'bianmin-10pt', '--notice-date', '2026-12-01', '-o', out, ...flags);
    expect(run.code, run.stderr).toBe(0);
    const rows = new Map<string, string>();
    (await open(out)).getWorksheet('说明')!.eachRow((row) => rows.set(String(row.getCell(1).text), String(row.getCell(2).text)));
    return rows;
  };
  const calendar = join(dir, '2027.yaml');
  writeFileSync(calendar, 'year: 2027\nsource: 国务院办公厅关于2027年部分节假日安排的通知（测试用）\nholidays: [2027-01-01]\nworkdays: []\n');
  const plain = await about();
  const given = await about('--hours', '08:30-12:00,13:30-17:30', '--grace', '10', '--point-value', '50', '--calendar', calendar);
  const summerFrom = await about('--summer-start', '05-15');

  it('each flag by name, with its value and that the command line gave it', () => {
    expect(given.get('命令行：--grace')).toMatch(/^10（迟到宽限分钟，命令行指定/);
    expect(given.get('命令行：--hours')).toMatch(/^08:30-12:00,13:30-17:30（作息时间，命令行指定/);
    expect(given.get('命令行：--point-value')).toMatch(/^50（每分分值，命令行指定/);
    // a file by its name, never its path
    expect(given.get('命令行：--calendar')).toMatch(/^2027\.yaml（/);
  });

  it('the hours used, and not the scheme\'s borrowed hours they replaced', () => {
    // --hours: one season all year, its two sessions; --grace 10: 10 minutes for each session.
    expect(given.get('作息时间（本次采用）')).toBe('全年08:30-12:00、13:30-17:30；迟到宽限10分钟（命令行 --hours、命令行 --grace；其余按方案）');
    const assumptions = (rows: Map<string, string>) => [...rows].filter(([k]) => k.startsWith('所依据的假定')).map(([, v]) => v);
    expect(assumptions(plain).some((v) => v.startsWith('作息 夏季：'))).toBe(true);
    expect(assumptions(given).some((v) => v.startsWith('作息 '))).toBe(false);
    // without flags (and no hours in 设置) the scheme's hours stand, as its marked assumptions say
    expect(plain.has('作息时间（本次采用）')).toBe(false);
    expect([...plain.keys()].some((k) => k.startsWith('命令行'))).toBe(false);
  });

  it('no season’s default start and end once a season’s start is given', () => {
    const assumptions = [...summerFrom].filter(([k]) => k.startsWith('所依据的假定')).map(([, v]) => v);
    // --summer-start 05-15: 夏季 runs 5月15日 to 9月30日 and 冬季 10月1日 to 5月14日, so neither
    // "默认5月1日至9月30日为夏季" nor "默认10月1日至次年4月30日为冬季" was used
    expect(assumptions.some((v) => v.startsWith('作息 '))).toBe(false);
    // the borrowed grace stays; the hours applied are on their own row, the scheme's where not replaced
    expect(assumptions.some((v) => v.startsWith('作息宽限与旷工界限：'))).toBe(true);
    expect(summerFrom.get('作息时间（本次采用）')).toMatch(/^夏季（5月15日起）08:00-11:30、15:00-18:00；冬季（10月1日起）08:00-11:30、14:00-17:30；/);
  });
});

describe('kaohe notice', () => {
  it('writes only the notice, and refuses an existing file without --force', async () => {
    const dir = tempDir();
    const out = join(dir, '公示.xlsx');
    expect((await kaohe('notice', demo, '--scheme', 'bingcha-monthly', '-o', out, '--notice-date', '2026-11-23')).code).toBe(0);
    expect((await open(out)).worksheets.map((s) => s.name)).toEqual(['公示']);
    writeFileSync(out, 'old');
    expect((await kaohe('notice', demo, '--scheme', 'bingcha-monthly', '-o', out)).code).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe('old');
  });

  it('names the folder when the target cannot be written', async () => {
    const { code, stderr } = await kaohe('notice', demo, '--scheme', 'bingcha-monthly', '-o', '/nonexistent-folder/公示.xlsx');
    expect(code).toBe(2);
    expect(stderr).toContain('无法写入文件夹 /nonexistent-folder');
  });
});

describe('kaohe explain', () => {
  it('walks one window through every item, cap, peer mean, bonus cap and rank', async () => {
    const { code, stdout } = await kaohe('explain', demo, '--scheme', 'bingcha-monthly', '医保窗口');
    expect(code).toBe(0);
    expect(stdout).toContain('9 卫生保洁（5分）：扣5分，得0分');
    expect(stdout).toContain('9 卫生保洁 5分扣完为止，1分不计');
    // 11 ratings summing to 94 × 11 = 1034 → 1034 ÷ 11 × 10/100 = 9.4
    expect(stdout).toContain('11个评分：合计 1034 ÷ 11 × 10/100 = 9.4（自评不计，四舍五入到0.01）');
    expect(stdout).toContain('总分 = 基本分 100 − 扣分 5.6 + 加分 0 = 94.4');
    expect(stdout).toContain('名次：第10名（共12个窗口）');
  });

  it('finds a window through a person and refuses an unknown name', async () => {
    expect((await kaohe('explain', demo, '--scheme', 'bingcha-monthly', '何娟')).stdout).toContain('残联窗口');
    const unknown = await kaohe('explain', demo, '--scheme', 'bingcha-monthly', '民证窗口');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('是否为“民政窗口”');
  });
});

describe('kaohe template', () => {
  it('writes the sheets a scheme needs with dropdowns, and a filled copy scores without edits', async () => {
    const dir = tempDir();
    const path = join(dir, '2026-11.xlsx');
    expect((await kaohe('template', '--scheme', 'bingcha-monthly', '-o', path, '--roster', demo)).code).toBe(0);
    const wb = await open(path);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['代码表', '人员', '记录', '互评', '设置', '说明']);
    expect(wb.getWorksheet('代码表')!.state).toBe('hidden');
    const records = wb.getWorksheet('记录')!;
    expect(records.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(records.getCell('E2').dataValidation).toMatchObject({ type: 'list', formulae: ["'代码表'!$A$2:$A$24"] });
    expect(wb.getWorksheet('代码表')!.getCell('A2').text).toBe('1.1 违反行为规范');
    // the roster came across from October
    expect(wb.getWorksheet('人员')!.getCell('B2').text).toBe('陈建国');

    // fill a few rows the way a clerk would: dropdown values, a date, a peer sheet
    const units = ['民政窗口', '社保窗口', '医保窗口', '国土窗口', '规划建设窗口', '市场监管窗口', '农经窗口', '计生窗口', '残联窗口', '司法窗口', '税务窗口', '综合受理窗口'];
    records.getRow(2).values = [new Date(Date.UTC(2026, 10, 5)), '0001', null, null, '1.2 与服务对象争吵'];
    records.getRow(3).values = [new Date(Date.UTC(2026, 10, 6)), null, null, '社保窗口', '11.3 赠送锦旗'];
    const peer = wb.getWorksheet('互评')!;
    for (const rater of units) for (const ratee of units) if (rater !== ratee) peer.addRow([rater, ratee, 100]);
    await wb.xlsx.writeFile(path);

    const scored = await kaohe('score', path, '--scheme', 'bingcha-monthly', '--json');
    expect(scored.code).toBe(0);
    const totals = new Map((JSON.parse(scored.stdout) as { subjects: { id: string; total: number }[] }).subjects.map((s) => [s.id, s.total]));
    // 民政窗口 (陈建国 0001) 争吵 −3 → 97; 社保窗口 锦旗 +2 → 102
    expect(totals.get('民政窗口')).toBe(97);
    expect(totals.get('社保窗口')).toBe(102);
    expect(existsSync(path)).toBe(true);
  });

  it('adds 评分, 月度 and 替岗 for an annual scheme, 指标 for the half year', async () => {
    const dir = tempDir();
    await kaohe('template', '--scheme', 'city-hall-annual', '-o', join(dir, 'a.xlsx'));
    expect((await open(join(dir, 'a.xlsx'))).worksheets.map((s) => s.name)).toEqual(['代码表', '人员', '记录', '评分', '月度', '替岗', '设置', '说明']);
    await kaohe('template', '--scheme', 'bingcha-halfyear', '-o', join(dir, 'h.xlsx'));
    expect((await open(join(dir, 'h.xlsx'))).worksheets.map((s) => s.name)).toEqual(['代码表', '人员', '记录', '指标', '设置', '说明']);
  });
});


describe('attendance in the outputs (November demo)', () => {
  const november = 'fixtures/demo/2026-11-考勤.xlsx';

  it('scores bianmin-10pt from the clock export: 张伟 6, 罗斌 6, 马俊 9', async () => {
    const { code, stdout } = await kaohe('score', november, '--scheme', 'bianmin-10pt', '--json');
    expect(code).toBe(0);
    const totals = new Map((JSON.parse(stdout) as { subjects: { name: string; total: number }[] }).subjects.map((s) => [s.name, s.total]));
    // 张伟: 10 − 3 lates − 1 early = 6; 罗斌: 10 − 2 − 2 (12 Nov all day, 19 Nov morning) = 6; 马俊: typed 1.3 → 9
    expect([totals.get('张伟'), totals.get('罗斌'), totals.get('马俊'), totals.get('林芳'), totals.get('孙明')]).toEqual([6, 6, 9, 10, 10]);
  });

  it('lists derived records with their punches, and unscored 缺卡 for follow-up, in 扣分明细', async () => {
    const out = join(tempDir(), 'r.xlsx');
    expect((await kaohe('score', november, '--scheme', 'bianmin-10pt', '-o', out, '--notice-date', '2026-12-01')).code).toBe(0);
    const rows: unknown[][] = [];
    (await open(out)).getWorksheet('扣分明细')!.eachRow((row, n) => n > 2 && rows.push((row.values as unknown[]).slice(1)));
    const late = rows.find((r) => r[0] === '张伟' && r[4] === '1.1')!;
    expect(late[13]).toBe('11月3日 上午 首次打卡 08:07 > 08:00 → 迟到7分钟');
    expect(String(late[12])).toMatch(/考勤 › 第\d+行 › 打卡时间\(D列\)$/);
    const missing = rows.find((r) => r[0] === '朱红梅')!;
    expect(missing[5]).toBe('缺卡（未计分）');
    // make-demo: minute = (10 × 7 + 25 × 3) mod 9 = 145 mod 9 = 1 → morning clock-out 11:3(1 mod 5) = 11:31
    expect(missing[13]).toBe('11月25日 上午 只有下班打卡 11:31，缺上班打卡 → 缺卡（请核实，补签单可免）');
  });

  it('kaohe attendance writes the summary and the detail without scoring', async () => {
    const out = join(tempDir(), '考勤汇总.xlsx');
    expect((await kaohe('attendance', november, '-o', out)).code).toBe(0);
    const wb = await open(out);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['考勤汇总', '考勤明细']);
    const summary = wb.getWorksheet('考勤汇总')!;
    const byId = new Map<string, Map<string, unknown>>();
    const header = (summary.getRow(2).values as unknown[]).slice(1).map(String);
    summary.eachRow((row, n) => n > 2 && byId.set(String(row.getCell(1).text), new Map((row.values as unknown[]).slice(1).map((v, i) => [header[i]!, v]))));
    const cells = (id: string, names: string[]) => names.map((h) => byId.get(id)!.get(h));
    // 罗斌: 21 working days, 19.5 present, 1.5 absent days on 2 days (旷工次数 2: 12 Nov all day, 19 Nov morning), no 缺卡; 林芳: 2 days 事假
    expect(cells('0017', ['应出勤天数', '出勤天数', '迟到', '早退', '旷工天数', '旷工次数', '缺卡', '无数据天数'])).toEqual([21, 19.5, 0, 0, 1.5, 2, 0, 0]);
    expect(cells('0016', ['事假天数'])).toEqual([2]);
  });
});

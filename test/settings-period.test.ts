import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runScore } from '../src/commands/score.js';
import { toNumber } from '../src/core/decimal.js';
import { InputError, problem } from '../src/core/problems.js';
import { formatProblem } from '../src/messages.js';
import { kaohe } from './kaohe.js';
import { recordHeader, tempDir, writeWorkbook, type SheetRows } from './workbook.js';

/**
 * 设置 keys that belong to one period (probe pf16a): the days an attendance export covers and the
 * committee's ruling on a tie. Carried into another period they would speak for days they never saw.
 */

const roster: SheetRows = [['工号', '姓名', '窗口'], ['001', '张三', '民政']];

/** Mon 2 – Fri 6 November 2026: 张三 07:55 11:35 13:55 17:35 except Tuesday 3rd, with no punch at all. */
const novemberPunches: SheetRows = [['工号', '日期', '打卡时间'], ...['2026-11-02', '2026-11-04', '2026-11-05', '2026-11-06'].map((d) => ['001', d, '07:55 11:35 13:55 17:35'])];

async function novemberBook(settings: SheetRows): Promise<string> {
  return writeWorkbook(join(tempDir(), '2026-11.xlsx'), { 人员: roster, 记录: [recordHeader], 考勤: novemberPunches, 设置: [['设置项', '值'], ...settings] });
}

async function errorsOf(path: string) {
  const thrown = await runScore(path, { scheme: 'bianmin-10pt' }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(thrown).toBeInstanceOf(InputError);
  return (thrown as InputError).problems.filter((p) => p.severity === 'error').map((p) => ({ code: p.code, row: p.at.row, column: p.at.columnLetter, args: p.args }));
}

describe('设置 考勤起始日期/考勤截止日期 outside the period', () => {
  it('refuses last month’s range in November’s workbook at its 截止 cell, rather than scoring no attendance at all', async () => {
    // October's range (rows 2, 3) covers no day of November: every working day would be "no data",
    // 3 November's absence would go unscored and 张三 would keep 10 instead of 10 − 2 = 8.
    const path = await novemberBook([
      ['考勤起始日期', '2026-10-01'],
      ['考勤截止日期', '2026-10-31'],
    ]);
    const period = { first: '2026-11-01', last: '2026-11-30' };
    // The range ends (row 3) before the period begins: said there.
    expect(await errorsOf(path)).toEqual([{ code: 'setting_covered_outside_period', row: 3, column: 'B', args: { key: '考勤截止日期', value: '2026-10-31', side: 'before', ...period } }]);
  });

  it('refuses a start after the period alone at its own cell, not at a 考勤截止日期 nobody wrote', async () => {
    // 考勤起始日期 2026-12-01 (row 2) is after 30 November; before, the message was 考勤截止日期 2026-11-30 "早于" it.
    expect(await errorsOf(await novemberBook([['考勤起始日期', '2026-12-01']]))).toEqual([
      { code: 'setting_covered_outside_period', row: 2, column: 'B', args: { key: '考勤起始日期', value: '2026-12-01', side: 'after', first: '2026-11-01', last: '2026-11-30' } },
    ]);
  });

  it('still takes a range reaching over the period’s edge: the days inside it count', async () => {
    // 2026-10-26 to 2026-11-06 covers Mon 2 – Fri 6 November: Tuesday 3rd unpunched → 旷工 one day, 2.1 −2 → 10 − 2 = 8.
    const run = await runScore(await novemberBook([['考勤起始日期', '2026-10-26'], ['考勤截止日期', '2026-11-06']]), { scheme: 'bianmin-10pt' });
    expect(toNumber(run.result.subjects[0]!.total)).toBe(8);
  });
});

describe('kaohe template --roster leaves the per-period settings empty', () => {
  it('carries 单位名称 and 公示天数 but not 考勤起始日期, 考勤截止日期 or 优秀并列裁定', async () => {
    const dir = tempDir();
    const october = await writeWorkbook(join(dir, '2026-10.xlsx'), {
      人员: roster,
      设置: [['设置项', '值'], ['单位名称', '某镇便民服务中心'], ['公示天数', '7'], ['考勤起始日期', '2026-10-01'], ['考勤截止日期', '2026-10-31'], ['优秀并列裁定', '001']],
    });
    const next = join(dir, '2026-11.xlsx');
    expect((await kaohe('template', '--scheme', 'bianmin-10pt', '--roster', october, '-o', next)).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(next);
    const settings = new Map<string, string>();
    wb.getWorksheet('设置')!.eachRow((row, n) => n > 1 && settings.set(row.getCell(1).text, row.getCell(2).text));
    expect([settings.get('单位名称'), settings.get('公示天数')]).toEqual(['某镇便民服务中心', '7']);
    expect([settings.get('考勤起始日期'), settings.get('考勤截止日期'), settings.get('优秀并列裁定')]).toEqual(['', '', '']);
  });

  it('carries 公示天数： into the 公示天数 row, not beside it as a second 公示天数', async () => {
    const dir = tempDir();
    const october = await writeWorkbook(join(dir, '2026-10.xlsx'), { 人员: roster, 设置: [['设置项', '值'], ['公示天数：', '7']] });
    const next = join(dir, '2026-11.xlsx');
    expect((await kaohe('template', '--scheme', 'bianmin-10pt', '--roster', october, '-o', next)).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(next);
    const rows: string[][] = [];
    wb.getWorksheet('设置')!.eachRow((row) => rows.push([row.getCell(1).text, row.getCell(2).text]));
    expect(rows.filter(([key]) => key!.startsWith('公示天数'))).toEqual([['公示天数', '7']]);
  });
});

describe('设置 keys as clerks type them (probe pf16a)', () => {
  /** 10月 workbook of bianmin-10pt: 张三 with no records, and these 设置 rows under the header. */
  async function octoberRun(settings: SheetRows) {
    const path = await writeWorkbook(join(tempDir(), '2026-10.xlsx'), { 人员: roster, 记录: [recordHeader], 设置: [['设置项', '值'], ...settings] });
    return runScore(path, { scheme: 'bianmin-10pt' });
  }

  it('takes a key written with a colon after it, 公示天数： and 每分分值:', async () => {
    // Before: both "未知的设置项…已忽略", so the notice ran 5 days instead of 7 and no 考核奖 was worked out.
    const run = await octoberRun([['公示天数：', '7'], ['每分分值:', '60']]);
    expect([run.settings.get('公示天数'), run.settings.get('每分分值')]).toEqual(['7', '60']);
    expect(run.warnings.filter((w) => w.code === 'setting_unknown')).toEqual([]);
  });

  it('names the key an unknown one is nearest, and says nothing of the sort for a centre’s own note', async () => {
    const run = await octoberRun([['每分分值(元)', '60'], ['负责人', '某某']]);
    expect(run.warnings.filter((w) => w.code === 'setting_unknown').map((w) => [w.at.row, w.args])).toEqual([
      [2, { value: '每分分值(元)', nearest: '每分分值' }],
      [3, { value: '负责人', nearest: '' }],
    ]);
  });
});

describe('公示联系电话 in a number cell (probe pf16a)', () => {
  async function phoneWarnings(phone: string | number) {
    const path = await writeWorkbook(join(tempDir(), '2026-10.xlsx'), { 人员: roster, 记录: [recordHeader], 设置: [['设置项', '值'], ['公示联系电话', phone]] });
    const run = await runScore(path, { scheme: 'bianmin-10pt' });
    return run.warnings.filter((w) => w.code === 'setting_phone_number').map((w) => [w.at.row, w.at.columnLetter, w.args.value]);
  }

  it('warns that 0513 80868672 typed as a number lost its area code’s 0 and would print 51380868672', async () => {
    expect(await phoneWarnings(51380868672)).toEqual([[2, 'B', '51380868672']]);
    // 010-12345678 typed as a number: 1012345678, ten digits, no mobile number
    expect(await phoneWarnings(1012345678)).toEqual([[2, 'B', '1012345678']]);
  });

  it('says nothing of a mobile number, a number without area code, or text', async () => {
    expect(await phoneWarnings(13812345678)).toEqual([]); // 11 digits from 1: a mobile number
    expect(await phoneWarnings(80868672)).toEqual([]); // 8 digits: a local number
    expect(await phoneWarnings('0513-80868672')).toEqual([]);
  });
});

describe('a command given no workbook (probe pf16a)', () => {
  it('asks for the workbook, not for a period or a 人员 sheet at an empty place', async () => {
    // Before: score said "无法从文件名“”…判断考核期", with --period "错误：: 没有给出“人员”表", attendance asked for --period.
    for (const args of [['score', '--scheme', 'bingcha-monthly'], ['score', '--scheme', 'bingcha-monthly', '--period', '2026-10'], ['check', '--scheme', 'bianmin-10pt'], ['attendance']]) {
      const run = await kaohe(...args);
      expect([args.join(' '), run.code]).toEqual([args.join(' '), 2]);
      expect(run.stderr).toContain('请给出考核工作簿');
    }
  });
});

describe('a flag over a 设置 value kaohe cannot read (probe pf16a)', () => {
  async function bookWith(settings: SheetRows): Promise<string> {
    return writeWorkbook(join(tempDir(), '2026-10.xlsx'), { 人员: roster, 记录: [recordHeader], 设置: [['设置项', '值'], ...settings] });
  }

  it('runs with --notice-days and --point-value, the unread cells said as hints naming the flag', async () => {
    // input-format.md: CLI flags override the sheet. Before: exit 1 on 公示天数 五 (row 2) and 每分分值 ￥60 (row 3) whatever the flags said.
    const path = await bookWith([['公示天数', '五'], ['每分分值', '￥60']]);
    const run = await runScore(path, { scheme: 'bianmin-10pt', noticeDays: '7', pointValue: '60' });
    expect(run.warnings.filter((w) => w.code === 'setting_invalid').map((w) => [w.at.row, w.severity, w.args.flag])).toEqual([
      [2, 'warning', '--notice-days'],
      [3, 'warning', '--point-value'],
    ]);
  });

  it('still stops on them without the flags', async () => {
    const thrown = await runScore(await bookWith([['公示天数', '五']]), { scheme: 'bianmin-10pt', pointValue: '60' }).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(InputError);
    expect((thrown as InputError).problems.filter((p) => p.severity === 'error').map((p) => [p.code, p.at.row])).toEqual([['setting_invalid', 2]]);
  });
});

describe('a scheme named nearly right (probe pf16a)', () => {
  it('suggests the built-in id nearest a misspelt one', async () => {
    const misspelt = await kaohe('score', 'x.xlsx', '--scheme', 'bingcha-montly');
    expect(misspelt.code).toBe(2);
    expect(misspelt.stderr).toContain('是否为 bingcha-monthly？');
  });

  it('says a built-in id written as a file name is the built-in scheme, for score and for scheme check', async () => {
    // In a folder without such a file: bingcha-monthly.yaml is not there, bingcha-monthly is built in.
    const dir = tempDir();
    const asFile = await kaohe('score', join(dir, '2026-10.xlsx'), '--scheme', 'bingcha-monthly.yaml');
    expect(asFile.stderr).toContain('内置方案请直接写 --scheme bingcha-monthly');
    const check = await kaohe('scheme', 'check', 'bingcha-monthly');
    expect(check.code).toBe(2);
    expect(check.stderr).toContain('bingcha-monthly 是内置方案');
  });
});

describe('kaohe help with an unknown command (probe pf16a)', () => {
  it('says the command is unknown and names the nearest, as kaohe <command> does', async () => {
    // Before: the whole program help on stderr, exit 2, and no word of which command was wrong.
    const run = await kaohe('help', 'scor');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('未知的命令 scor，是否为 score？');
    expect(run.stderr).not.toContain('示例：');
    // A known one is still its help, on stdout.
    expect((await kaohe('help', 'score')).stdout).toContain('用法：kaohe score');
  });
});

describe('夏季开始 and 冬季开始 on a day no month has (probe pf16a)', () => {
  it('refuses 02-31 and 04-31 at their cells, takes 02-29 (a leap year’s day)', async () => {
    // Before: 02-31 and 04-31 were taken as season starts, sorting as strings between real days.
    expect(await errorsOf(await novemberBook([['夏季开始', '04-31'], ['冬季开始', '02-31']]))).toEqual([
      { code: 'setting_invalid', row: 2, column: 'B', args: { key: '夏季开始', value: '04-31', expected: 'month_day' } },
      { code: 'setting_invalid', row: 3, column: 'B', args: { key: '冬季开始', value: '02-31', expected: 'month_day' } },
    ]);
    // 02-29 to 10-01 summer: 2–6 November (the range punched) are winter, 08:00-11:30, 14:00-17:30, and
    // 07:55 11:35 13:55 17:35 is on time; 张三 is absent on 3rd only → 2.1 once, 10 − 2 = 8
    const run = await runScore(await novemberBook([['夏季开始', '02-29'], ['考勤起始日期', '2026-11-02'], ['考勤截止日期', '2026-11-06']]), { scheme: 'bianmin-10pt' });
    expect(toNumber(run.result.subjects[0]!.total)).toBe(8);
  });
});

describe('a 设置 value read but at odds with another (probe pf16a)', () => {
  it('is not called unreadable: 考勤截止日期 before 考勤起始日期, two equal season starts', () => {
    const at = { file: '2026-11.xlsx', sheet: '设置', row: 3, column: '值', columnLetter: 'B' };
    const reversed = formatProblem(problem('setting_invalid', at, { key: '考勤截止日期', value: '2026-11-05', expected: 'date_from', other: '考勤起始日期', first: '2026-11-10' }));
    expect(reversed).not.toContain('无法识别');
    expect(reversed).toContain('早于考勤起始日期 2026-11-10：截止日期不能早于起始日期');
    expect(formatProblem(problem('setting_invalid', at, { key: '夏季开始', value: '10-01', expected: 'other_month_day', other: '冬季开始' }))).not.toContain('无法识别');
    expect(formatProblem(problem('setting_invalid', at, { key: '夏季开始', value: '五月', expected: 'month_day' }))).toContain('无法识别');
  });
});

describe('a copied scheme keeping the built-in id (probe pf16a)', () => {
  it('scheme check passes it with a hint that the id is a built-in one’s', async () => {
    // A clerk copies bingcha-monthly.yaml and edits the title only: the outputs would call it bingcha-monthly.
    const own = join(tempDir(), '本中心.yaml');
    writeFileSync(own, readFileSync('templates/schemes/bingcha-monthly.yaml', 'utf8').replace(/^title: .*$/m, 'title: 本中心月度考核办法'));
    const run = await kaohe('scheme', 'check', own);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('编号与内置方案 bingcha-monthly 相同');
    // The built-in file itself, given as a path, is no copy.
    expect((await kaohe('scheme', 'check', 'templates/schemes/bingcha-monthly.yaml')).stderr).not.toContain('编号与内置方案');
    // A copy with its own id has no such hint.
    writeFileSync(own, readFileSync('templates/schemes/bingcha-monthly.yaml', 'utf8').replace(/^id: .*$/m, 'id: benzhongxin'));
    expect((await kaohe('scheme', 'check', own)).stderr).not.toContain('内置方案');
  });
});

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  approvalFile,
  attlogFile,
  blocksFile,
  blocksWeekdaysFile,
  cardLogCsv,
  dayCellFile,
  dingtalkDailyFile,
  dingtalkGridFile,
  dingtalkMidMonthFile,
  dingtalkReportFile,
  dingtalkStatedRangeFile,
  dingtalkWeekFile,
  handGridFile,
  handStatusSymbolsFile,
  handStatusWordsFile,
  hrListFile,
  rosterFile,
  scheduleFile,
  templateFile,
  zktecoAnomaliesFile,
  zktecoCardsFile,
  zktecoCardsWeekdaysFile,
  zktecoDetailFile,
  zktecoRecordsFile,
  zktecoStandardReportFile,
  wecomDailyFile,
  wecomDetailFile,
  type TemplateParts,
} from '../fixtures/exports/make-exports.js';
import { officialCalendar } from '../src/calendar/calendar.js';
import { runScore } from '../src/commands/score.js';
import { InputError } from '../src/core/problems.js';
import { readExports } from '../src/import/read-exports.js';
import { kaohe } from './kaohe.js';
import { tempDir, writeWorkbook } from './workbook.js';

/**
 * The month of fixtures/exports/story.ts (November 2026: 21 working days, winter hours 08:00–11:30
 * and 14:00–17:30, grace 0) in each export family's layout, scored by bianmin-10pt (10 points;
 * 迟到 −1, 早退 −1, each absence day −2; 缺卡 is listed, not scored).
 *
 * Worked by hand from the story, for an export that carries the platform's corrections and the
 * leave (DingTalk 每日统计 and 原始记录):
 *   0001 陈立新  late 11-03 (08:07 > 08:00), early 11-05 (17:20 < 17:30), absent 11-10 (both
 *                halves); 11-17 08:15 overruled by the administrator → 补签 上午, not late
 *                → 10 − 1 − 1 − 2 = 6
 *   0002 刘文静  事假 11-12; late 11-18 (14:09 > 14:00)                    → 10 − 1 = 9
 *   0003 王建华  缺卡 11-09 (only 07:56 in the morning, not scored); 11-19 补卡审批 → 补签 上午;
 *                early 11-24 (11:20 < 11:30)                               → 10 − 1 = 9
 *   0004 赵丽    absent 11-16 afternoon (half day, one absence day); 病假 11-25–26 → 10 − 2 = 8
 *   0005 孙海燕  11-11 07:50 打卡无效 dropped, first valid punch 08:12 → late → 10 − 1 = 9
 * A clock without a platform has no corrections: 0001 is also late 11-17 (08:15) → 5, and 0003's
 * 11-19 morning has only 11:31 → a second 缺卡. Without leave, 0002 is absent 11-12 (→ 7) and
 * 0004 absent 11-25 and 11-26 too (3 absence days → 4).
 */
let dir: string;
let roster: string;

beforeAll(async () => {
  dir = tempDir();
  roster = await rosterFile(dir);
});

async function scores(...args: string[]): Promise<Record<string, number>> {
  const run = await kaohe('score', ...args, '--scheme', 'bianmin-10pt', '--json');
  expect(run.stderr.includes('错误'), run.stderr).toBe(false);
  expect(run.code).toBe(0);
  const json = JSON.parse(run.stdout) as { subjects: { id: string; total: number }[] };
  return Object.fromEntries(json.subjects.map((s) => [s.id, s.total]));
}

/** kaohe attendance's table as {工号: {column: value}}. */
function table(stdout: string): Record<string, Record<string, string>> {
  const lines = stdout.split('\n').filter((l) => l.trim() !== '');
  const header = lines[1]!.trim().split(/\s+/);
  const rows = lines.slice(2).filter((l) => /^\d{4}\s/.test(l)).map((l) => l.trim().split(/\s+/));
  return Object.fromEntries(rows.map((r) => [r[0]!, Object.fromEntries(header.map((h, i) => [h, r[i] ?? '']))]));
}

const pick = (row: Record<string, string> | undefined, ...columns: string[]) => columns.map((c) => row?.[c]);

/** A 刷卡记录 log and a DingTalk approval list (its rows below the header), run as attendance of Mon 2–Tue 3 November. */
async function logWithApprovals(stem: string, punches: readonly (string | undefined)[][], approvalRows: string[]): Promise<{ rows: Record<string, Record<string, string>>; stderr: string }> {
  const log = await writeWorkbook(join(dir, `${stem}刷卡.xlsx`), { 刷卡记录: [['人员编号', '登记号码', '姓名', '部门', '刷卡日期', '刷卡时间', '上下班标志'], ...punches] });
  const approvals = join(dir, `${stem}审批.csv`);
  const head = '审批编号,标题,审批状态,审批结果,发起时间,完成时间,发起人工号,发起人UserID,发起人姓名,发起人部门,请假类型,开始时间,结束时间,时长,请假事由';
  writeFileSync(approvals, [head, ...approvalRows].join('\r\n') + '\r\n');
  const run = await kaohe('attendance', log, '--leave', approvals, '--from', '2026-11-02', '--to', '2026-11-03');
  expect(run.code, run.stderr).toBe(0);
  return { rows: table(run.stdout), stderr: run.stderr };
}

async function typed(parts: TemplateParts, name: string): Promise<Record<string, number>> {
  return scores(await templateFile(join(dir, `${name}-2026-11.xlsx`), parts));
}

const withMarkers = { '0001': 6, '0002': 9, '0003': 9, '0004': 8, '0005': 9 };
/** WeCom here has the 补卡 but no administrator overrule: 0001 is late 11-17 too. */
const withCorrections = { '0001': 5, '0002': 9, '0003': 9, '0004': 8, '0005': 9 };
const plainWithLeave = { '0001': 5, '0002': 9, '0003': 9, '0004': 8, '0005': 9 };
const plainNoLeave = { '0001': 5, '0002': 7, '0003': 9, '0004': 4, '0005': 9 };

describe('each export family imports unedited and scores as the same month typed into the template', () => {
  it('F1+F2+F4+F5 DingTalk 考勤报表 (.xlsx): punches from 原始记录, corrections as 补签, leave from 每日统计', async () => {
    const direct = await scores(await dingtalkReportFile(dir), '--roster', roster);
    expect(direct).toEqual(withMarkers);
    expect(await typed({ leave: true, corrections: true }, 'dingtalk')).toEqual(direct);
  });

  it('F1 ZKTeco attlog (.dat) with a DingTalk approval list (.xls) in the leave slot', async () => {
    const direct = await scores(await attlogFile(dir), '--roster', roster, '--leave', await approvalFile(dir));
    expect(direct).toEqual(plainWithLeave);
    expect(await typed({ leave: true, corrections: false }, 'attlog')).toEqual(direct);
  });

  it('F1 clock software 考勤记录 (.xls, BIFF8)', async () => {
    const direct = await scores(await zktecoRecordsFile(dir), '--roster', roster, '--period', '2026-11');
    expect(direct).toEqual(plainNoLeave);
    expect(await typed({ leave: false, corrections: false }, 'records')).toEqual(direct);
  });

  it('F1 刷卡记录 CSV in GBK, given as --punches to a month workbook', async () => {
    const month = await templateFile(join(dir, 'csv-2026-11.xlsx'), { leave: false, corrections: false, punches: false });
    const direct = await scores(month, '--punches', await cardLogCsv(dir));
    expect(direct).toEqual(plainNoLeave);
  });

  it('a month workbook whose own 考勤 has punches, given --punches too: refused (neither merged nor silently dropped), nothing written', async () => {
    const month = await templateFile(join(dir, 'twice-2026-11.xlsx'), { leave: false, corrections: false });
    const out = join(dir, 'never-twice.xlsx');
    const run = await kaohe('score', month, '--punches', await cardLogCsv(dir), '--scheme', 'bianmin-10pt', '-o', out);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('twice-2026-11.xlsx › 考勤: 工作簿的“考勤”表已有打卡，又给了导出 刷卡记录.csv');
    expect(existsSync(out)).toBe(false);
  });

  it('a month workbook whose own 考勤 has punches, given an approval list with --leave: its punches stay, the leave joins its 请假', async () => {
    // The typed month without leave scores plainNoLeave; the approvals add 0002 事假 11-12 (the
    // amended single day) and 0004 病假 11-25–26, which excuse those absences: plainWithLeave
    // (0002 7 → 9, 0004 4 → 8), the others unchanged. The export has no punches of its own: taken
    // as the 考勤, everyone would be absent all 21 working days (10 − 21 × 2 = −32).
    const month = await templateFile(join(dir, 'own-punches-2026-11.xlsx'), { leave: false, corrections: false });
    const approvals = await approvalFile(dir);
    expect(await scores(month, '--leave', approvals)).toEqual(plainWithLeave);
    const run = await kaohe('attendance', month, '--leave', approvals);
    expect(run.code, run.stderr).toBe(0);
    const rows = table(run.stdout);
    // 0002: 21 − 1 事假 day = 20 attended; 0004: 2 病假 days, the half day 11-16 absent → 18.5
    expect(pick(rows['0002'], '出勤天数', '事假天数', '旷工天数')).toEqual(['20', '1', '0']);
    expect(pick(rows['0004'], '出勤天数', '病假天数', '旷工天数')).toEqual(['18.5', '2', '0.5']);
    // No sheet of the approval list is said to be the 考勤 (the 0-punches hint named one).
    expect(run.stderr).not.toContain('请假审批.xls › 考勤');
  });

  it('F2 DingTalk 每日统计 alone (one-row header): slots with results, 补卡 and 管理员改为正常', async () => {
    const direct = await scores(await dingtalkDailyFile(dir), '--roster', roster);
    expect(direct).toEqual(withMarkers);
  });

  it('F2 ZKTeco 考勤明细 (.xls): one row a 时段, leave in 例外情况', async () => {
    const direct = await scores(await zktecoDetailFile(dir), '--roster', roster, '--period', '2026-11');
    expect(direct).toEqual(plainWithLeave);
  });

  it('F3 all times of a day in one cell (.xls)', async () => {
    expect(await scores(await dayCellFile(dir), '--roster', roster, '--period', '2026-11')).toEqual(plainNoLeave);
  });

  it('F2 WeCom 日报 (two-row header, newest first, 打卡时间记录, 假勤申请) and F1 WeCom 打卡详情 (one row per expected punch)', async () => {
    expect(await scores(await wecomDailyFile(dir), '--roster', roster)).toEqual(withCorrections);
    expect(await scores(await wecomDetailFile(dir), '--roster', roster, '--period', '2026-11')).toEqual(withCorrections);
    expect(await typed({ leave: true, corrections: true, overruled: false }, 'wecom')).toEqual(withCorrections);
  });

  it('ZKTeco 标准报表 (.xls, five sheets): punches from 刷卡记录 only; 异常统计 and 考勤卡表 recognised, not taken as punches', async () => {
    const report = await zktecoStandardReportFile(dir);
    const approvals = await approvalFile(dir);
    // The clock has no corrections or overrules; leave comes from the approval list.
    const direct = await scores(report, '--roster', roster, '--leave', approvals);
    expect(direct).toEqual(plainWithLeave);
    expect(await typed({ leave: true, corrections: false }, 'standard')).toEqual(direct);

    const out = join(dir, 'standard-import.xlsx');
    const run = await kaohe('import', report, '--roster', roster, '-o', out);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('标准报表.xls › 排班信息，表头在第3行；格式 zkteco-schedule），排班表不读');
    expect(run.stderr).toContain('标准报表.xls › 异常统计，表头在第4行；格式 zkteco-anomalies），只列出有异常的日子：只与 kaohe 的判定对照，不作打卡');
    expect(run.stderr).toContain('标准报表.xls › 101,102,103，表头在第11行；格式 zkteco-cards），此表的打卡不再重复取（已取自“刷卡记录”）');
    expect(run.stderr).toContain('标准报表.xls › 刷卡记录，表头在第4行；格式 zkteco-blocks），打卡取自此表');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    // Every real punch once, as in the DingTalk import (400, worked out there): the cards' slots
    // again would double it; the anomaly rows alone would leave 0001 with 11 punches on 4 days.
    expect(book.getWorksheet('考勤')!.getSheetValues().slice(2)).toHaveLength(400);
  });

  it('ZKTeco 标准报表 without a roster: a 考勤汇总表 row (工号 0001) and the 刷卡记录 block of its name (101) are one person, not a second one absent every day', async () => {
    // Five people, scored from the blocks' punches as with the roster but without the approval
    // list (plainNoLeave: 0002's 事假 and 0004's 病假 are absences here), under the numbers the
    // punches carry. Before: ten subjects, 0001–0005 again with 旷工21次 −76 each.
    const report = await zktecoStandardReportFile(dir);
    expect(await scores(report, '--period', '2026-11')).toEqual({ '101': 5, '102': 7, '103': 9, '104': 4, '105': 9 });
    // The join is by name and department, a judgement: said once, naming each pair.
    const run = await kaohe('score', report, '--period', '2026-11', '--scheme', 'bianmin-10pt', '--json');
    const joined = (JSON.parse(run.stdout) as { warnings: string[] }).warnings.filter((w) => w.includes('按同名同部门视为'));
    expect(joined).toHaveLength(1);
    expect(joined[0]).toContain('导出中有 5 人');
    expect(joined[0]).toContain('陈立新（0001 = 101）');
  });

  it('…but a summary that numbers as the punches do keeps its unpunched namesake apart: 张伟 0009 of the same 部门 is absent, not 张伟 0001', async () => {
    // The 考勤汇总表 writes 0001 as the 刷卡记录 does, so its 0009 is another 张伟, who never punched:
    // 2 working days (Mon 2 and Tue 3 November, the stated range) → 旷工 2 days, 2 times.
    const punches = ['2026/11/2', '2026/11/3'].flatMap((d) =>
      [['0001', '101', '张伟'], ['0002', '102', '李娜']].flatMap(([id, clock, name]) => ['07:55', '11:35', '13:55', '17:35'].map((t) => [id, clock, name, '民政窗口', d, t, t < '12:00' ? '上班' : '下班'])),
    );
    const book = await writeWorkbook(join(dir, '同号汇总.xlsx'), {
      刷卡记录: [['人员编号', '登记号码', '姓名', '部门', '刷卡日期', '刷卡时间', '上下班标志'], ...punches],
      考勤汇总表: [
        ['考 勤 汇 总 表'],
        ['统计日期：2026-11-02 至 2026-11-03'],
        ['工号', '姓名', '部门', '迟到', null, '早退', null, '旷工(天)', '请假(天)'],
        [null, null, null, '次数', '分钟', '次数', '分钟', null, null],
        ['0001', '张伟', '民政窗口', 1, 5, 0, 0, 0, 0],
        ['0009', '张伟', '民政窗口', 0, 0, 0, 0, 2, 0],
      ],
    });
    const run = await kaohe('attendance', book, '--period', '2026-11');
    expect(run.code, run.stderr).toBe(0);
    const rows = table(run.stdout);
    expect(Object.keys(rows)).toEqual(['0001', '0002', '0009']);
    expect(pick(rows['0009'], '旷工天数', '旷工次数')).toEqual(['2', '2']);
    expect(pick(rows['0001'], '出勤天数', '旷工天数')).toEqual(['2', '0']);
  });

  it('…and a summary of two unpunched 张伟 joins neither to the punched one, even when one has nothing in the period', async () => {
    // The clock numbers 101 张伟 and 102 李娜; the summary writes 0001 张伟 (all counts 0: nothing in the
    // period), 0009 张伟 (旷工 2 days) and 0002 李娜, one 部门. Which 张伟 is 101 is a guess: none is joined, so
    // 0009 stays a person of his own, never punching: Mon 2 and Tue 3 November → 旷工 2 days, as the platform says.
    const punches = [['101', '张伟'], ['102', '李娜']].flatMap(([clock, name]) =>
      ['2026/11/2', '2026/11/3'].flatMap((d) => ['07:55', '11:35', '13:55', '17:35'].map((t) => [clock, name, '民政窗口', d, t, t < '12:00' ? '上班' : '下班'])),
    );
    const book = await writeWorkbook(join(dir, '两个张伟汇总.xlsx'), {
      刷卡记录: [['登记号码', '姓名', '部门', '刷卡日期', '刷卡时间', '上下班标志'], ...punches],
      考勤汇总表: [
        ['考 勤 汇 总 表'],
        ['统计日期：2026-11-02 至 2026-11-03'],
        ['工号', '姓名', '部门', '迟到', null, '早退', null, '旷工(天)', '请假(天)'],
        [null, null, null, '次数', '分钟', '次数', '分钟', null, null],
        ['0001', '张伟', '民政窗口', 0, 0, 0, 0, 0, 0],
        ['0009', '张伟', '民政窗口', 0, 0, 0, 0, 2, 0],
        ['0002', '李娜', '民政窗口', 0, 0, 0, 0, 0, 0],
      ],
    });
    const run = await kaohe('attendance', book, '--period', '2026-11');
    expect(run.code, run.stderr).toBe(0);
    // (table() keeps rows of four-digit numbers: 101 and 102 are left out of it)
    expect(pick(table(run.stdout)['0009'], '旷工天数', '旷工次数')).toEqual(['2', '2']);
    expect(run.stderr).not.toContain('按同名同部门视为');
  });

  it('…and so does an approval list that numbers as the punches do: 张伟 0009’s 年假 stays his, not 张伟 0001’s', async () => {
    // 0001 张伟 and 0002 李娜 punch Mon 2 November; 李娜 is on 事假 Tue 3 (her request, 0002, the
    // punches' number), 0001 punches Tue 3 too. 0009 张伟 (same 部门, no punch) is on 年假 both days:
    // his own 2 days of 年休假, no absence; 0001 none.
    const punches = [
      ...['2026/11/2', '2026/11/3'].flatMap((d) => ['07:55', '11:35', '13:55', '17:35'].map((t) => ['0001', '101', '张伟', '民政窗口', d, t, t < '12:00' ? '上班' : '下班'])),
      ...['07:55', '11:35', '13:55', '17:35'].map((t) => ['0002', '102', '李娜', '民政窗口', '2026/11/2', t, t < '12:00' ? '上班' : '下班']),
    ];
    const { rows } = await logWithApprovals('同号', punches, [
      '1,李娜提交的请假,完成,同意,2026-11-01 10:00,2026-11-01 11:00,0002,u102,李娜,民政窗口,事假,2026-11-03 上午,2026-11-03 下午,1天,家事',
      '2,张伟提交的请假,完成,同意,2026-11-01 10:00,2026-11-01 11:00,0009,u109,张伟,民政窗口,年假,2026-11-02 上午,2026-11-03 下午,2天,休假',
    ]);
    expect(Object.keys(rows).sort()).toEqual(['0001', '0002', '0009']);
    expect(pick(rows['0009'], '旷工天数', '年休假天数')).toEqual(['0', '2']);
    expect(pick(rows['0001'], '出勤天数', '年休假天数')).toEqual(['2', '0']);
    expect(pick(rows['0002'], '事假天数', '旷工天数')).toEqual(['1', '0']);
  });

  it('…and an approval list of one 张伟 whose 工号 differs from the punched 张伟’s is another person, even with no other row to show how it numbers', async () => {
    // 0001 张伟 and 0002 李娜 punch Mon 2 and Tue 3 November; the list's only row is 张伟 工号 0009
    // (same 部门, never punches) on 年假 both days. Two 工号 that differ are two people: 0009 has his
    // 2 days of 年休假, 0001 is present both days with none (joined, 0001 would have 0 出勤, 2 年休假).
    const punches = [['0001', '101', '张伟'], ['0002', '102', '李娜']].flatMap(([id, clock, name]) =>
      ['2026/11/2', '2026/11/3'].flatMap((d) => ['07:55', '11:35', '13:55', '17:35'].map((t) => [id, clock, name, '民政窗口', d, t, t < '12:00' ? '上班' : '下班'])),
    );
    const { rows, stderr } = await logWithApprovals('异号', punches, ['2,张伟提交的请假,完成,同意,2026-11-01 10:00,2026-11-01 11:00,0009,u109,张伟,民政窗口,年假,2026-11-02 上午,2026-11-03 下午,2天,休假']);
    expect(Object.keys(rows).sort()).toEqual(['0001', '0002', '0009']);
    expect(pick(rows['0009'], '旷工天数', '年休假天数')).toEqual(['0', '2']);
    expect(pick(rows['0001'], '出勤天数', '年休假天数')).toEqual(['2', '0']);
    expect(stderr).not.toContain('按同名同部门视为');
  });

  it('F2 ZKTeco 考勤卡表 alone (.xls, three cards a sheet, two sheets): punches from the cards, 旷工 compared', async () => {
    const cards = await zktecoCardsFile(dir);
    // Each slot holds the one punch the story has there (no day has two in a slot): the clock's month.
    expect(await scores(cards, '--roster', roster, '--period', '2026-11')).toEqual(plainNoLeave);
    const withLeave = await scores(cards, '--roster', roster, '--leave', await approvalFile(dir));
    expect(withLeave).toEqual(plainWithLeave);
    expect(await typed({ leave: true, corrections: false }, 'cards')).toEqual(withLeave);
    const run = await kaohe('attendance', cards, '--roster', roster, '--leave', await approvalFile(dir));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('考勤卡表.xls › 104,105，表头在第11行；格式 zkteco-cards），打卡取自此表');
    // 旷工 in the slots: 0001 11-10 (both halves), 0004 11-16 afternoon — kaohe's two absences
    expect(run.stdout).toContain('与平台自己的判定对照：旷工 一致 2/2（人·天）');
    expect(run.stdout).not.toContain('不一致');
  });

  it('F4 DingTalk 打卡时间 grid and ZKTeco KQ803 person blocks (.xls)', async () => {
    expect(await scores(await dingtalkGridFile(dir), '--roster', roster)).toEqual(plainNoLeave);
    expect(await scores(await blocksFile(dir), '--roster', roster)).toEqual(plainNoLeave);
  });
});

describe('kaohe import', () => {
  it('writes 人员/记录/考勤/请假/班次/设置; scoring the file equals scoring the export', async () => {
    const report = await dingtalkReportFile(dir);
    const out = join(dir, '2026-11-导入.xlsx');
    const run = await kaohe('import', report, '--roster', roster, '-o', out);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('识别为：钉钉·原始记录（每次打卡一行）');
    expect(run.stderr).toContain('导出的统计日期：2026-11-01 至 2026-11-30');
    expect(await scores(out)).toEqual(await scores(report, '--roster', roster));

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    expect(book.worksheets.map((w) => w.name)).toEqual(['人员', '记录', '考勤', '请假', '班次', '设置']);
    const rows = (name: string) => book.getWorksheet(name)!.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1));
    // 5 people × 21 working days × 4, less the 4 clockings 0001 missed on 11-10, 2 of 0002 (11-12,
    // leave is 2 days' worth: 4), … counted from the story: 420 − 4 (0001 11-10) − 4 (0002 11-12)
    // − 1 (0003 11-09) − 1 (0003 11-19 correction) − 2 (0004 11-16) − 8 (0004 11-25/26) = 400
    expect(rows('考勤')).toHaveLength(400);
    const leave = rows('请假');
    // the corrected time as the export gives it (with its seconds; the day's schedule places it in
    // its session), and the platform's words as 事由
    expect(leave).toContainEqual(['0003', '王建华', '补签', '2026-11-19', undefined, undefined, '08:00:30', undefined, undefined, '补卡审批通过']);
    expect(leave).toContainEqual(['0001', '陈立新', '补签', '2026-11-17', undefined, undefined, '08:15:54', undefined, undefined, '管理员王主任改为正常']);
    expect(leave).toContainEqual(['0004', '赵丽', '病假', '2026-11-25', '2026-11-26', undefined, undefined, undefined, '2天']);
    // 班次: each person's working days as spans of the stated shift, weekends 休息
    expect(rows('班次')).toContainEqual(['0001', '陈立新', '2026-11-02', '2026-11-06', '08:00-11:30,14:00-17:30']);
    expect(rows('班次')).toContainEqual(['0001', '陈立新', '2026-11-07', '2026-11-08', '休息']);
    expect(rows('设置')).toEqual([
      ['考勤起始日期', '2026-11-01'],
      ['考勤截止日期', '2026-11-30'],
    ]);
  });

  it('without a roster builds 人员 from the export (ids, names without notes, departments)', async () => {
    const out = join(dir, 'built.xlsx');
    const run = await kaohe('import', await dingtalkDailyFile(dir), '-o', out);
    expect(run.code, run.stderr).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const people = book.getWorksheet('人员')!.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1, 4));
    expect(people).toEqual([
      ['0001', '陈立新', '民政窗口'],
      ['0002', '刘文静', '社保窗口'],
      ['0003', '王建华', '医保窗口'],
      ['0004', '赵丽', '不动产窗口'],
      ['0005', '孙海燕', '综合受理窗口'],
    ]);
  });
});

describe('layouts read as written', () => {
  it('a hand-kept grid: day numbers merged over 上班/下班, a stale title; the month from --period', async () => {
    const out = join(dir, 'hand.xlsx');
    const run = await kaohe('import', await handGridFile(dir), '--roster', roster, '--period', '2026-11', '-o', out);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('识别为：手工考勤表（每人一行，每天上班、下班两列）');
    // the grid covers 11-01 to 11-07 (five working days, two times each): the rest is no data
    expect(run.stderr).toContain('11月8日至11月30日 不在导出的日期范围内：这些天没有考勤数据，不计缺勤');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const punches = book.getWorksheet('考勤')!.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1));
    // 0001 on 11-03 was in at 08:07 and out at 17:40 (story.ts), each in the grid's column of its side
    expect(punches).toContainEqual(['0001', '陈立新', '2026-11-03', '08:07', '上班']);
    expect(punches).toContainEqual(['0001', '陈立新', '2026-11-03', '17:40', '下班']);
    expect(punches).toHaveLength(5 * 5 * 2);
  });

  it('a grid of one 上班 and one 下班 a day under two sessions each punched: 缺卡 at every lunch, and a hint to write 两次打卡', async () => {
    const grid = await handGridFile(dir);
    const columns = ['迟到', '早退', '缺卡'];
    const run = await kaohe('attendance', grid, '--roster', roster, '--period', '2026-11');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('手工考勤表.xlsx › Sheet1: 这份导出每天只有上班、下班各一次打卡，而作息时间 08:00-11:30,14:00-17:30 分2段');
    // 11-02 to 11-06, five working days: the morning has its clock-in only and the afternoon its
    // clock-out only → 2 缺卡 a day, 10 each; 0001 late 11-03 (08:07) and early 11-05 (17:20) —
    // the scores are not changed by the hint
    expect(pick(table(run.stdout)['0001'], ...columns)).toEqual(['1', '1', '10']);
    expect(pick(table(run.stdout)['0002'], ...columns)).toEqual(['0', '0', '10']);
    const twice = await kaohe('attendance', grid, '--roster', roster, '--period', '2026-11', '--hours', '08:00-11:30,14:00-17:30 两次打卡');
    expect(twice.code, twice.stderr).toBe(0);
    expect(twice.stderr).not.toContain('两次打卡');
    // first punch the arrival, last the departure: no 缺卡; the late and the early stay
    expect(pick(table(twice.stdout)['0001'], ...columns)).toEqual(['1', '1', '0']);
    expect(pick(table(twice.stdout)['0002'], ...columns)).toEqual(['0', '0', '0']);
  });

  it('an HR list of approved requests: 请假-<type> stripped, 加班 left out, 时间（天） as days', async () => {
    const out = join(dir, 'hr.xlsx');
    const run = await kaohe('import', await attlogFile(dir), await hrListFile(dir), '--roster', roster, '-o', out);
    expect(run.code, run.stderr).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    expect(book.getWorksheet('请假')!.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1))).toEqual([
      ['0002', '刘文静', '事假', '2026-11-12', undefined, undefined, '08:00', '17:30', '1天'],
      ['0004', '赵丽', '病假', '2026-11-25', '2026-11-26', undefined, '08:00', '17:30', '2天'],
      ['0003', '王建华', '公出', '2026-11-27', undefined, undefined, '14:00', '17:30', '0.5天'],
    ]);
  });

  it('--format forces a profile; one that does not fit the file says what it found', async () => {
    const forced = await kaohe('attendance', await zktecoRecordsFile(dir), '--roster', roster, '--format', 'clock-punch-log', '--period', '2026-11');
    expect(forced.code, forced.stderr).toBe(0);
    const wrong = await kaohe('attendance', await zktecoRecordsFile(dir), '--roster', roster, '--format', 'dingtalk-daily', '--period', '2026-11');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('无法识别“考勤记录.xls”是哪种考勤导出格式');
    const unknown = await kaohe('attendance', await zktecoRecordsFile(dir), '--format', 'no-such-format');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('没有名为 "no-such-format" 的导出格式');
  });
});

describe('a 次日 time in the DingTalk 打卡时间 grid', () => {
  /**
   * Two invented people, one week 2026-11-02 to 11-08 (Mon–Fri working days, punched normally
   * unless said; winter hours 08:00–11:30 and
   * 14:00–17:30, grace 0; bianmin-10pt 迟到 −1, each absence day −2):
   *   9001 甲一  11-02 out at 次日 00:30 (after midnight, under 11-02) → 11-02's late clock-out;
   *              11-03 in at 08:07 > 08:00 → late                             → 10 − 1 = 9
   *              (read as a punch of 11-03, 00:30 would be that day's arrival and hide the 08:07: 10)
   *   9002 乙二  11-04 the afternoon closed only by 次日 01:10 → not early    → 10
   */
  const normal = '07:59  \n11:30  \n14:00  \n17:30  ';
  const grid = (dir: string) =>
    writeWorkbook(join(dir, '打卡时间_次日.xlsx'), {
      打卡时间: [
        ['打卡时间'],
        ['统计日期：2026-11-02 至 2026-11-08'],
        ['姓名', '考勤组', '部门', '工号', '2', '3', '4', '5', '6', '六', '日'],
        ['甲一', '中心考勤组', '民政窗口', '9001', '07:55  \n11:31  \n13:58  \n17:35  \n次日 00:30  ', '08:07  \n11:32  \n13:59  \n17:31  ', '07:58  \n11:33  \n13:57  \n17:32  ', normal, normal, null, null],
        ['乙二', '中心考勤组', '社保窗口', '9002', '07:50  \n11:30  \n13:50  \n17:30  ', '07:52  \n11:34  \n13:55  \n17:40  ', '07:58  \n11:35  \n13:55  \n次日 01:10  ', normal, normal, null, null],
      ],
    });
  const people = (dir: string) =>
    writeWorkbook(join(dir, '人员_次日.xlsx'), {
      人员: [
        ['工号', '姓名', '窗口'],
        ['9001', '甲一', '民政窗口'],
        ['9002', '乙二', '社保窗口'],
      ],
    });

  it('counts for the day it is written under: a late clock-out, never the arrival of the day after; the imported 考勤 keeps it and scores the same', async () => {
    const [file, list] = [await grid(dir), await people(dir)];
    expect(await scores(file, '--roster', list, '--period', '2026-11')).toEqual({ '9001': 9, '9002': 10 });
    const out = join(dir, '次日-导入.xlsx');
    const run = await kaohe('import', file, '--roster', list, '--period', '2026-11', '-o', out);
    expect(run.code, run.stderr).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const punches = book.getWorksheet('考勤')!.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1));
    expect(punches).toContainEqual(['9001', '甲一', '2026-11-02', '次日00:30']);
    expect(punches.filter((p) => p[0] === '9001' && p[2] === '2026-11-03').map((p) => p[3])).toEqual(['08:07', '11:32', '13:59', '17:31']);
    expect(await scores(out, '--period', '2026-11')).toEqual({ '9001': 9, '9002': 10 });
  });
});

describe('the days an export speaks for', () => {
  it("a week's export gives a week's results: 5 working days each, no absences for the rest of the month", async () => {
    const run = await kaohe('attendance', await dingtalkWeekFile(dir), '--roster', roster);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('导出的统计日期：2026-11-02 至 2026-11-08');
    // 11-02 to 11-06: 0001 late 11-03 and early 11-05; nobody absent
    const t = table(run.stdout);
    const columns = ['应出勤天数', '出勤天数', '迟到', '早退', '旷工天数'];
    expect(pick(t['0001'], ...columns)).toEqual(['5', '5', '1', '1', '0']);
    for (const id of ['0002', '0003', '0004', '0005']) expect(pick(t[id], ...columns)).toEqual(['5', '5', '0', '0', '0']);
  });

  it("a week's export scored for the month: the week's lates and early leaves, no absences for the other weeks", async () => {
    const run = await kaohe('score', await dingtalkWeekFile(dir), '--roster', roster, '--scheme', 'bianmin-10pt', '--json');
    expect(run.code, run.stderr).toBe(0);
    // 11-02 to 11-08: 0001 late 11-03 and early 11-05 → 10 − 1 − 1 = 8; the rest 10. Without the
    // covered range each would lose 2 points for each of the 16 working days from 11-09 on.
    const totals = Object.fromEntries((JSON.parse(run.stdout) as { subjects: { id: string; total: number }[] }).subjects.map((s) => [s.id, s.total]));
    expect(totals).toEqual({ '0001': 8, '0002': 10, '0003': 10, '0004': 10, '0005': 10 });
    expect(run.stdout).toContain('本期其余 16 个工作日（11月9日至11月30日）无数据');
  });

  it('the same week beside a workbook `kaohe template` made: its empty 考勤起始日期/考勤截止日期 rows take the export’s range', async () => {
    const book = join(tempDir(), '2026-11.xlsx');
    expect((await kaohe('template', '--scheme', 'bianmin-10pt', '-o', book, '--roster', roster)).code).toBe(0);
    const run = await kaohe('score', book, '--punches', await dingtalkWeekFile(dir), '--scheme', 'bianmin-10pt', '--json');
    expect(run.code, run.stderr).toBe(0);
    // As above: 0001 8, the rest 10. The template's 设置 lists both keys with no value; they were
    // taken as set, the export's range was not applied, and each lost 16 × 2 for 11-09 to 11-30 (−46).
    const totals = Object.fromEntries((JSON.parse(run.stdout) as { subjects: { id: string; total: number }[] }).subjects.map((s) => [s.id, s.total]));
    expect(totals).toEqual({ '0001': 8, '0002': 10, '0003': 10, '0004': 10, '0005': 10 });
  });

  it('a workbook whose 设置 states a range beyond the week’s title is refused at that setting, not scored 旷工 for the days the export lacks', async () => {
    const settings = (first: string, last: string) => [['设置项', '值'], ['考勤起始日期', first], ['考勤截止日期', last]];
    const week = await dingtalkWeekFile(dir);
    const wide = await writeWorkbook(join(tempDir(), '2026-11.xlsx'), { 记录: [['日期', '工号', '项目']], 设置: settings('2026-11-01', '2026-11-30') });
    const run = await kaohe('score', wide, '--roster', roster, '--punches', week, '--scheme', 'bianmin-10pt', '--json');
    // The title says 11-02 to 11-08. 11-30 claims 11-09..11-30 (16 working days the export does not
    // hold: each would be 旷工); 11-01 is a Sunday before 11-02, so claiming it costs nothing.
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('2026-11.xlsx › 设置 › 第3行: 考勤截止日期 写的是 2026-11-30，而导出 原始记录_第一周.xlsx 的标题只覆盖 2026-11-02 至 2026-11-08');
    expect(run.stderr).not.toContain('第2行: 考勤起始日期');
    // a narrower range is the clerk's to state: 11-03 to 11-06 scored, 0001 late 11-03 and early 11-05 → 8, the rest 10
    const narrow = await writeWorkbook(join(tempDir(), '2026-11.xlsx'), { 记录: [['日期', '工号', '项目']], 设置: settings('2026-11-03', '2026-11-06') });
    const ok = await kaohe('score', narrow, '--roster', roster, '--punches', week, '--scheme', 'bianmin-10pt', '--json');
    expect(ok.code, ok.stderr).toBe(0);
    const totals = Object.fromEntries((JSON.parse(ok.stdout) as { subjects: { id: string; total: number }[] }).subjects.map((s) => [s.id, s.total]));
    expect(totals).toEqual({ '0001': 8, '0002': 10, '0003': 10, '0004': 10, '0005': 10 });
  });

  it('a clock log read for --period holds only that period’s punches, counts the rest, and still speaks for all its days', async () => {
    const path = join(tempDir(), '1_attlog.dat');
    const lines = ['101\t2026-10-30 07:55:00', '101\t2026-10-30 17:35:00', '102\t2026-10-31 08:01:00', '101\t2026-11-02 07:58:00', '102\t2026-11-02 08:03:00', '101\t2026-12-01 07:50:00'];
    writeFileSync(path, lines.map((l) => `${l}\t1\t0\t1\t0\r\n`).join(''));
    const november = { first: '2026-11-01', last: '2026-11-30' } as never;
    const kept = await readExports([path], { keep: november });
    // 11-02's two punches kept; 10-30 (2), 10-31 (1) and 12-01 (1) counted outside: 4
    expect(kept.punches.map((p) => [p.person, p.date])).toEqual([
      ['clock:101', '2026-11-02'],
      ['clock:102', '2026-11-02'],
    ]);
    expect(kept.counts.outside).toBe(4);
    // the log's days from its first punch to its last, as when every punch is held (the run cuts them to its period after)
    const all = await readExports([path]);
    expect(all.punches).toHaveLength(6);
    expect(all.counts.outside).toBe(0);
    expect([kept.covered?.first, kept.covered?.last, kept.covered?.from]).toEqual(['2026-10-30', '2026-12-01', 'punches']);
    expect(kept.covered).toEqual(all.covered);
  });

  it('--from/--to set a period that is not a month, and rows outside are skipped with one count', async () => {
    const run = await kaohe('attendance', await zktecoRecordsFile(dir), '--roster', roster, '--from', '2026-11-09', '--to', '2026-11-13');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('2026年11月9日至11月13日考勤汇总');
    // 11-09 to 11-13: 0001 absent 11-10; 0002 absent 11-12 (this export has no leave); 0003 缺卡
    // 11-09; 0005 late 11-11
    const t = table(run.stdout);
    const columns = ['应出勤天数', '出勤天数', '迟到', '早退', '旷工天数', '缺卡'];
    expect(pick(t['0001'], ...columns)).toEqual(['5', '4', '0', '0', '1', '0']);
    expect(pick(t['0002'], ...columns)).toEqual(['5', '4', '0', '0', '1', '0']);
    expect(pick(t['0003'], ...columns)).toEqual(['5', '5', '0', '0', '0', '1']);
    expect(pick(t['0005'], ...columns)).toEqual(['5', '5', '1', '0', '0', '0']);
    // 400 punches in the month (see kaohe import); in the week 0001 16 (none 11-10), 0002 16
    // (none 11-12), 0003 19 (one short 11-09), 0004 20, 0005 20 = 91; 400 − 91 = 309 skipped
    expect(run.stderr).toContain('导出中有 309 条记录不在 2026-11-09 至 2026-11-13 之内，已跳过');
  });
});

describe('agreement with the platform', () => {
  it("DingTalk's own verdicts agree with kaohe's on the fixture", async () => {
    const run = await kaohe('attendance', await dingtalkReportFile(dir), '--roster', roster);
    expect(run.code, run.stderr).toBe(0);
    // per person-day: 迟到 0001 11-03, 0002 11-18, 0005 11-11; 早退 0001 11-05, 0003 11-24;
    // 旷工 0001 11-10, 0004 11-16; 缺卡 0003 11-09. Per person (月度汇总): five each.
    expect(run.stdout).toContain('迟到 一致 3/3（人·天）');
    expect(run.stdout).toContain('早退 一致 2/2（人·天）');
    expect(run.stdout).toContain('旷工 一致 2/2（人·天）');
    expect(run.stdout).toContain('缺卡 一致 1/1（人·天）');
    expect(run.stdout).toContain('迟到（汇总） 一致 5/5（人）');
    expect(run.stdout).not.toContain('不一致');
  });

  it('with 10 minutes of grace kaohe no longer counts two lates the platform did, and says why', async () => {
    const run = await kaohe('attendance', await dingtalkReportFile(dir), '--roster', roster, '--grace', '10');
    expect(run.code, run.stderr).toBe(0);
    // 08:07 (7 min) and 14:09 (9 min) are within the grace; 08:12 (12 min) is not
    expect(run.stdout).toContain('迟到 一致 1/3（人·天）');
    expect(run.stdout).toContain('不一致：陈立新 11月3日 迟到：平台“迟到7分钟”，kaohe 未计（当天打卡：08:07');
    expect(run.stdout).toContain('不一致：刘文静 11月18日 迟到：平台“迟到9分钟”，kaohe 未计');
    // the summary counts differ for the same two people
    expect(run.stdout).toContain('迟到（汇总） 一致 3/5（人）');
  });

  it('WeCom 日报 results and 月报 counts ("--" for none) and day columns ("N⏎星期X") agree', async () => {
    const run = await kaohe('attendance', await wecomDailyFile(dir), '--roster', roster);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('识别为：企业微信·月报（每人一行，次数和每天结果）');
    // per person-day: 迟到 0001 11-03 and 11-17 (no overrule here), 0002 11-18, 0005 11-11;
    // 早退 0001 11-05, 0003 11-24; 旷工 0001 11-10, 0004 11-16; 缺卡 0003 11-09
    expect(run.stdout).toContain('迟到 一致 4/4（人·天）');
    expect(run.stdout).toContain('缺卡 一致 1/1（人·天）');
    for (const kind of ['迟到', '早退', '缺卡']) expect(run.stdout).toContain(`${kind}（汇总） 一致 5/5（人）`);
    expect(run.stdout).not.toContain('不一致');
  });

  it('ZKTeco 标准报表: 异常统计 per anomaly day, 考勤卡表 旷工 and 考勤汇总表 counts (two-row header) agree', async () => {
    const run = await kaohe('attendance', await zktecoStandardReportFile(dir), '--roster', roster, '--leave', await approvalFile(dir));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('识别为：中控考勤软件·考勤汇总表（每人一行）');
    // 异常统计 has rows for: 迟到 0001 11-03 (7) and 11-17 (15, no overrule on a clock), 0002 11-18
    // (9), 0005 11-11 (12); 早退 0001 11-05 (10), 0003 11-24 (10); 缺勤 0001 11-10 (420), 0004
    // 11-16 (210); an empty slot 0003 11-09 and 11-19 (no minutes). Days on leave have none.
    // Compared on those rows only: their absence elsewhere is not the software's "none".
    expect(run.stdout).toContain('迟到 一致 4/4（人·天）');
    expect(run.stdout).toContain('早退 一致 2/2（人·天）');
    // the cards' 旷工 and 异常统计's 缺勤 name the same two person-days
    expect(run.stdout).toContain('旷工 一致 2/2（人·天）');
    for (const kind of ['迟到', '早退', '旷工']) expect(run.stdout).toContain(`${kind}（汇总） 一致 5/5（人）`);
    expect(run.stdout).not.toContain('不一致');
  });

  it('WeCom 打卡详情 (one row an expected punch) and DingTalk 原始记录 (one row a punch): each 打卡状态/打卡结果 verdict is compared for its person-day', async () => {
    const wecom = await kaohe('attendance', await wecomDetailFile(dir), '--roster', roster);
    expect(wecom.code, wecom.stderr).toBe(0);
    // 打卡状态 says 迟到 0001 11-03 (08:07) and 11-17 (08:15, no overrule in this export), 0002
    // 11-18 (14:09), 0005 11-11 (08:12); 早退 0001 11-05 (17:20), 0003 11-24 (11:20); 旷工 on
    // 0001 11-10's four rows and 0004 11-16's two afternoon rows (two person-days); 缺卡 0003
    // 11-09 下班 11:30. kaohe judges the same person-days from the times.
    expect(wecom.stdout).toContain('与平台自己的判定对照：迟到 一致 4/4（人·天）；早退 一致 2/2（人·天）；旷工 一致 2/2（人·天）；缺卡 一致 1/1（人·天）');
    const raw = await kaohe('attendance', await dingtalkWeekFile(dir), '--roster', roster);
    expect(raw.code, raw.stderr).toBe(0);
    // The first week (11-02 to 11-08): 打卡结果 迟到7分钟 0001 11-03 08:07:20, 早退10分钟 0001 11-05 17:20.
    expect(raw.stdout).toContain('与平台自己的判定对照：迟到 一致 1/1（人·天）；早退 一致 1/1（人·天）');
  });

  it('a log’s verdict kaohe does not share (迟到30分钟 on a 07:55 punch) is a difference; its silence elsewhere is not', async () => {
    const header = ['姓名', '考勤组', '部门', '工号', '职位', 'UserId', '考勤日期', '考勤时间', '打卡时间', '打卡结果', '打卡地址', '打卡备注', '异常打卡原因', '打卡图片', '打卡设备', '管理员修改备注'];
    const rows: (string | null)[][] = [['原始记录'], ['统计日期：2026-11-03 至 2026-11-03'], header];
    const day: [string, string, string][] = [['08:00', '07:55', '迟到30分钟'], ['11:30', '11:35', '正常'], ['14:00', '13:55', '正常'], ['17:30', '17:20', '正常']];
    for (const [scheduled, time, result] of day) rows.push(['陈立新', '中心考勤组', '民政窗口', '0001', '窗口人员', 'u101', '26-11-03 星期二', scheduled, `2026-11-03 ${time}:00`, result, '中心大厅', null, null, null, '考勤机M2', null]);
    const run = await kaohe('attendance', await writeWorkbook(join(dir, '原始记录_判定不符.xlsx'), { 原始记录: rows }), '--roster', roster);
    expect(run.code, run.stderr).toBe(0);
    // 07:55 is before 08:00: kaohe counts no late, the platform wrote one → 0 of 1 agree. 17:20 is
    // 10 minutes early by kaohe, but the platform's 正常 there is a log's silence: not compared.
    expect(run.stdout).toContain('与平台自己的判定对照：迟到 一致 0/1（人·天）\n');
    expect(run.stdout).toContain('不一致：陈立新 11月3日 迟到：平台“迟到30分钟”，kaohe 未计（当天打卡：07:55 11:35 13:55 17:20）');
    expect(run.stdout).not.toContain('早退 一致');
  });

  it('ZKTeco 考勤明细 verdicts (迟到时间, 早退时间, 是否旷工) agree, 缺卡 not compared (the software has none)', async () => {
    const run = await kaohe('attendance', await zktecoDetailFile(dir), '--roster', roster);
    expect(run.code, run.stderr).toBe(0);
    // 迟到 0001 11-03 and 11-17, 0002 11-18, 0005 11-11; 早退 0001 11-05, 0003 11-24; 旷工 0001 11-10, 0004 11-16
    expect(run.stdout).toContain('与平台自己的判定对照：迟到 一致 4/4（人·天）；早退 一致 2/2（人·天）；旷工 一致 2/2（人·天）');
  });
});

describe('hand-kept status grids (F6) beside the punches', () => {
  /** Rows of a sheet of a written workbook, without ExcelJS's empty first cell. */
  async function sheetRows(path: string, name: string): Promise<unknown[][]> {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    return book.getWorksheet(name)!.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1));
  }

  it('words: 事假8H and 调休2.5H as leave with their hours, 病假 for the day, 休 as rest days', async () => {
    const out = join(dir, 'hand-words-2026-11.xlsx');
    const run = await kaohe('import', await attlogFile(dir), await handStatusWordsFile(dir), '--roster', roster, '--period', '2026-11', '-o', out);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('识别为：手工考勤表（每人一行，每天一格写出勤、请假、休息或符号）');
    // four leave cells in the grid (公司出勤/旷工 and 旷工 are the clerk's verdicts, 夜班 is presence)
    expect(await sheetRows(out, '请假')).toEqual([
      ['0002', '刘文静', '事假', '2026-11-12', undefined, undefined, undefined, undefined, '8小时'],
      ['0003', '王建华', '调休', '2026-11-20', undefined, undefined, undefined, undefined, '2.5小时'],
      ['0004', '赵丽', '病假', '2026-11-25'],
      ['0004', '赵丽', '病假', '2026-11-26'],
    ]);
    // 休 on 11-01 (a Sunday) and the weekends 11-07/08 … 11-28/29: five spans a person
    const shifts = await sheetRows(out, '班次');
    expect(shifts).toHaveLength(25);
    expect(shifts).toContainEqual(['0001', '陈立新', '2026-11-07', '2026-11-08', '休息']);
    // the month with its leave: as typed into the template with leave (调休2.5H falls on a day
    // 0003 punched in full: no half without punches for it to excuse)
    expect(await scores(out)).toEqual(plainWithLeave);
  });

  it('symbols: a legend under the category names and a sentence below the grid; a half day √/×', async () => {
    const grid = await handStatusSymbolsFile(dir);
    expect(await scores(await attlogFile(dir), '--leave', grid, '--roster', roster, '--period', '2026-11')).toEqual(plainWithLeave);
    const run = await kaohe('attendance', await attlogFile(dir), '--leave', grid, '--roster', roster, '--period', '2026-11');
    expect(run.code, run.stderr).toBe(0);
    // the grid marks 旷工 (×) on 0001 11-10 and 0004 11-16 afternoon: both kaohe's absences too.
    // It marks no lateness, so kaohe's lates are not compared with its silence.
    expect(run.stdout).toContain('与平台自己的判定对照：旷工 一致 2/2（人·天）');
    expect(run.stdout).not.toContain('迟到 一致');
  });

  it('a symbol the sheet does not explain stops at its cell, with the legend it has', async () => {
    const grid = await writeWorkbook(join(dir, '考勤表-缺图例.xlsx'), {
      考勤: [['2026年11月考勤表'], ['姓名', '2', '3', '4', '5', '6'], ['陈立新', '√', '√', '☆', '√', '△'], ['说明：出勤√，事假△']],
    });
    const run = await kaohe('attendance', await attlogFile(dir), '--leave', grid, '--roster', roster, '--period', '2026-11');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('考勤表-缺图例.xlsx › 考勤 › 第3行 › 4(D列): “☆”不在图例中，也不是请假的写法：表中的图例为 出勤√、事假△');
  });
});

describe('a hand-kept grid of another month than the run', () => {
  // 2026-10-01 is a Thursday (2026-01-01 is one, and 273 days = 39 weeks lie between); 2026-11-01,
  // 31 days on, a Sunday. 刘文静 has 事假 on day 12 of the grid.
  const W = '日一二三四五六';
  const november = { first: '2026-11-01', last: '2026-11-30' } as never;
  const numbers = ['姓名', ...Array.from({ length: 30 }, (_, i) => String(i + 1))];
  const weekdays = (first: number) => [null, ...Array.from({ length: 30 }, (_, i) => W[(first + i) % 7]!)];
  const person = (name: string) => [name, ...Array.from({ length: 30 }, (_, i) => (name === '刘文静' && i === 11 ? '事假' : '出勤'))];
  const grid = (file: string, rows: (string | number | Date | null)[][]) => writeWorkbook(join(dir, file), { 考勤: rows });
  const brief = (p: { code: string; severity: string; at: { row?: number; columnLetter?: string }; args: object }) => [p.code, p.severity, p.at.row, p.at.columnLetter, p.args];

  it('a weekday row under the day numbers that is October’s stops a November run at its first cell', async () => {
    const path = await grid('十月-星期.xlsx', [['2026年10月考勤表'], numbers, weekdays(4), person('陈立新'), person('刘文静')]);
    const data = await readExports([path], { context: november });
    // day 1 (column B) is written 四; placed in November it is 2026-11-01, a Sunday (日)
    expect(data.problems.map(brief)).toEqual([
      ['grid_title_month_differs', 'warning', 1, 'A', { title: '2026年10月', placed: '2026年11月' }],
      ['grid_weekday_differs', 'error', 3, 'B', { value: '四', date: '2026-11-01', weekday: '日' }],
    ]);
  });

  it('so does one whose 10-01 is written 国庆: a holiday’s name among the weekdays is not taken for no weekday row', async () => {
    const path = await grid('十月-星期-国庆.xlsx', [['考勤表'], numbers, [null, '国庆', ...weekdays(4).slice(2)], person('陈立新')]);
    const data = await readExports([path], { context: november });
    // day 2 (column C) is written 五; placed in November it is 2026-11-02, a Monday (一). 国庆 over
    // day 1 is said too: 2026-11-01 is a plain Sunday, not in a holiday's break.
    expect(data.problems.map(brief)).toEqual([
      ['grid_holiday_differs', 'error', 3, 'B', { value: '国庆', date: '2026-11-01', workday: 'no' }],
      ['grid_weekday_differs', 'error', 3, 'C', { value: '五', date: '2026-11-02', weekday: '一' }],
    ]);
  });

  it('a person’s row right under the day numbers is no weekday row: 节假日 among its statuses is not a header’s holiday', async () => {
    // 陈立新's row is the first below the header, where a weekday row would be; day 2 (2026-11-02, a
    // Monday) is written 节假日, a status (rest), among 出勤: no weekday in it, so no weekday row
    // and nothing said of a holiday. The same row second (under 刘文静) was never checked.
    const row = [...person('陈立新')];
    row[2] = '节假日';
    const path = await grid('十一月-节假日.xlsx', [['2026年11月考勤表'], numbers, row, person('刘文静')]);
    const data = await readExports([path], { context: november });
    expect(data.problems.map(brief)).toEqual([]);
  });

  it('so does a weekday row over them, in the title block', async () => {
    const path = await grid('十月-星期在上.xlsx', [['考勤表'], weekdays(4), numbers, person('陈立新')]);
    const data = await readExports([path], { context: november });
    expect(data.problems.map(brief)).toEqual([['grid_weekday_differs', 'error', 2, 'B', { value: '四', date: '2026-11-01', weekday: '日' }]]);
  });

  it('a title naming October alone is a warning at the title; the days are November’s, 事假 on 11-12 kept', async () => {
    const path = await grid('十月-标题.xlsx', [['2026年10月考勤表'], numbers, person('陈立新'), person('刘文静')]);
    const data = await readExports([path], { context: november });
    expect(data.problems.map(brief)).toEqual([['grid_title_month_differs', 'warning', 1, 'A', { title: '2026年10月', placed: '2026年11月' }]]);
    expect(data.leaves.map((l) => [l.type, l.first])).toEqual([['事假', '2026-11-12']]);
  });

  it('says nothing of a November grid with November’s weekdays (11-01 a Sunday: 日)', async () => {
    const path = await grid('十一月.xlsx', [['2026年11月考勤表'], numbers, weekdays(0), person('陈立新')]);
    expect((await readExports([path], { context: november })).problems).toEqual([]);
  });

  it('a grid headed by October’s dates stops a November run at its first day', async () => {
    const dates = Array.from({ length: 30 }, (_, i) => new Date(Date.UTC(2026, 9, i + 1)));
    const path = await grid('十月-日期.xlsx', [['考勤表'], ['姓名', ...dates], person('陈立新')]);
    const data = await readExports([path], { context: november });
    expect(data.problems.map(brief)).toEqual([['grid_days_outside', 'error', 2, 'B', { date: '2026-10-01', first: '2026-11-01', last: '2026-11-30' }]]);
  });
});

describe('weekdays printed in a ZKTeco KQ803 report or a 考勤卡表', () => {
  // 2026-11-01 is a Sunday (日); October's weekdays (10-01 a Thursday) put 四 over day 1. The
  // day-number row is row 3; a weekday row under it is row 4.
  const brief = (p: { code: string; severity: string; at: { row?: number; columnLetter?: string }; args: object }) => [p.code, p.severity, p.at.row, p.at.columnLetter, p.args];

  it('November’s weekdays in the day cells (1⏎日) or in a row under them are read, the month as without them', async () => {
    for (const at of ['cells', 'row'] as const) {
      const path = await blocksWeekdaysFile(dir, `KQ803-星期-${at}.xlsx`, { at, shift: 0 });
      expect((await readExports([path])).problems).toEqual([]);
      expect(await scores(path, '--roster', roster)).toEqual(plainNoLeave);
    }
  });

  it('October’s weekdays in the day cells stop the run once, at the day row’s first cell', async () => {
    const path = await blocksWeekdaysFile(dir, 'KQ803-星期-十月.xlsx', { at: 'cells', shift: 4 });
    const data = await readExports([path]);
    expect(data.problems.map(brief)).toEqual([['export_days_mismatch', 'error', 3, 'A', { value: '1四', date: '2026-11-01' }]]);
  });

  it('a 考勤卡表 with October’s weekdays in its day labels stops the run at each card’s first day (already so: kept as it is)', async () => {
    // Each card's labels run down its first column from row 12 (“01 四”); cards are 15 columns
    // wide (A, P, AE), three on sheet 101,102,103 and two on 104,105.
    const path = await zktecoCardsWeekdaysFile(dir, '考勤卡表-十月星期.xls', 4);
    const data = await readExports([path]);
    const mismatch = (sheet: string, column: string) => ['export_days_mismatch', sheet, 12, column, { value: '01四', date: '2026-11-01' }];
    expect(data.problems.map((p) => [p.code, p.at.sheet, p.at.row, p.at.columnLetter, p.args])).toEqual([
      mismatch('101,102,103', 'A'),
      mismatch('101,102,103', 'P'),
      mismatch('101,102,103', 'AE'),
      mismatch('104,105', 'A'),
      mismatch('104,105', 'P'),
    ]);
  });

  it('October’s weekdays in a row under the day numbers stop the run at that row’s first cell', async () => {
    const path = await blocksWeekdaysFile(dir, 'KQ803-星期行-十月.xlsx', { at: 'row', shift: 4 });
    const data = await readExports([path]);
    expect(data.problems.map(brief)).toEqual([['grid_weekday_differs', 'error', 4, 'A', { value: '四', date: '2026-11-01', weekday: '日' }]]);
  });
});

describe('a title stating other days than the punches are on', () => {
  // The story's 原始记录 rows run from 2026-11-02 (Monday, the first working day; 11-01 is a
  // Sunday) to 2026-11-30 (Monday), whatever the title says; the title is row 2, its cell A.
  const brief = (p: { code: string; severity: string; at: { row?: number; columnLetter?: string }; args: object }) => [p.code, p.severity, p.at.row, p.at.columnLetter, p.args];

  it('a title a year early, holding none of the punches, stops the run at the title with both ranges', async () => {
    const path = await dingtalkStatedRangeFile(dir, '原始记录_去年标题.xlsx', { first: '2025-11-01', last: '2025-11-30' });
    const data = await readExports([path]);
    expect(data.problems.map(brief)).toEqual([['export_range_without_punches', 'error', 2, 'A', { first: '2025-11-01', last: '2025-11-30', punchFirst: '2026-11-02', punchLast: '2026-11-30' }]]);
  });

  it('so it does when --from/--to keep only the title’s days (the punches are dropped before they are counted)', async () => {
    const path = await dingtalkStatedRangeFile(dir, '原始记录_十月标题.xlsx', { first: '2026-10-01', last: '2026-10-31' });
    const data = await readExports([path], { fromTo: { first: '2026-10-01', last: '2026-10-31' } as never });
    expect(data.problems.map(brief)).toEqual([['export_range_without_punches', 'error', 2, 'A', { first: '2026-10-01', last: '2026-10-31', punchFirst: '2026-11-02', punchLast: '2026-11-30' }]]);
  });

  it('scored, it writes nothing: everyone would be 旷工 on all 21 working days, 通报批评 for absences that never happened', async () => {
    const path = await dingtalkStatedRangeFile(dir, '原始记录_去年标题-计分.xlsx', { first: '2025-11-01', last: '2025-11-30' });
    const out = join(dir, 'never-stated-range.xlsx');
    const run = await kaohe('score', path, '--roster', roster, '--scheme', 'bianmin-10pt', '-o', out);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('原始记录_去年标题-计分.xlsx › 原始记录 › 第2行 › A列: 标题的统计日期是 2025-11-01 至 2025-11-30，但表中的打卡都在 2026-11-02 至 2026-11-30');
    expect(existsSync(out)).toBe(false);
  });

  it('a title holding some of the punches is the range: no error, the punches outside are left to the period', async () => {
    // 11-16 to 12-15 holds the punches of 11-16 to 11-30; those of 11-02 to 11-13 fall outside
    // (dropped and counted when the period is cut, export_rows_outside_period).
    const path = await dingtalkStatedRangeFile(dir, '原始记录_半月标题.xlsx', { first: '2026-11-16', last: '2026-12-15' });
    const data = await readExports([path]);
    expect(data.problems.map(brief)).toEqual([]);
    expect([data.covered?.first, data.covered?.last, data.covered?.from]).toEqual(['2026-11-16', '2026-12-15', 'title']);
  });
});

/**
 * A DingTalk 打卡时间 sheet for the day-header tests: title row 2, the day header row 3 from
 * column G (day N of the month at index 5 + N), weekend days headed 六/日, the others by their
 * number, a day's header replaced where `heads` gives one; 甲一 punches four times on every
 * other weekday.
 */
function dingtalkDayGrid(file: string, from: string, count: number, heads: Record<number, string>): Promise<string> {
  const days = gridDays(from, count);
  const head = (d: Date) => heads[d.getUTCDate()] ?? (weekend(d) ? WEEKDAY_NAMES[d.getUTCDay()]! : String(d.getUTCDate()));
  return writeWorkbook(join(dir, file), {
    打卡时间: [
      ['打卡时间'],
      [`统计日期：${from} 至 ${days.at(-1)!.toISOString().slice(0, 10)}`],
      ['姓名', '考勤组', '部门', '工号', '职位', 'UserId', ...days.map(head)],
      ['甲一', '中心考勤组', '民政窗口', '0001', '窗口人员', 'u0001', ...days.map((d) => (weekend(d) || heads[d.getUTCDate()] ? null : '07:55  \n11:35  \n13:55  \n17:35  '))],
    ],
  });
}

const WEEKDAY_NAMES = '日一二三四五六';
/** `count` days from `from`, as UTC dates. */
const gridDays = (from: string, count: number) => Array.from({ length: count }, (_, i) => new Date(Date.parse(from) + i * 86_400_000));
const weekend = (d: Date) => d.getUTCDay() === 0 || d.getUTCDay() === 6;

/** A problem as [code, severity, row, column letter, args]. */
const gridProblem = (p: { code: string; severity: string; at: { row?: number; columnLetter?: string }; args: object }) => [p.code, p.severity, p.at.row, p.at.columnLetter, p.args];

describe('a weekday row under a DingTalk 打卡时间 day-number header', () => {
  // 打卡时间 with the day numbers 1 … 30 in row 3 (from column G) and their weekdays in row 4, the
  // identity cells A3:A4 … F3:F4 merged down, as the export writes them. November 2026 starts on a
  // Sunday (日); 甲一 punches four times on each of its 21 working days (2–6, 9–13, 16–20, 23–27, 30).
  async function weekdayRowGrid(file: string, firstWeekday: number): Promise<string> {
    const days = gridDays('2026-11-01', 30);
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('打卡时间');
    sheet.addRow(['打卡时间']);
    sheet.addRow(['统计日期：2026-11-01 至 2026-11-30']);
    sheet.addRow(['姓名', '考勤组', '部门', '工号', '职位', 'UserId', ...days.map((d) => d.getUTCDate())]);
    sheet.addRow([null, null, null, null, null, null, ...days.map((_, i) => WEEKDAY_NAMES[(firstWeekday + i) % 7]!)]);
    sheet.addRow(['甲一', '中心考勤组', '民政窗口', '0001', '窗口人员', 'u0001', ...days.map((d) => (weekend(d) ? null : '07:55  \n11:35  \n13:55  \n17:35  '))]);
    for (const c of 'ABCDEF') sheet.mergeCells(`${c}3:${c}4`);
    await book.xlsx.writeFile(join(dir, file));
    return join(dir, file);
  }

  it('is the header’s, checked against the days, never read as a row of punch times', async () => {
    const data = await readExports([await weekdayRowGrid('星期行.xlsx', 0)]);
    expect(data.problems).toEqual([]);
    // 21 working days × 4 punches = 84, none from the weekday row.
    expect(data.punches).toHaveLength(84);
    expect(new Set(data.punches.map((p) => p.person)).size).toBe(1);
  });

  it('one of another month (1 under 四: October’s) stops the run at its first cell, as a hand grid’s does', async () => {
    const data = await readExports([await weekdayRowGrid('星期行-十月.xlsx', 4)]);
    // Column G (day 1) says 四; 2026-11-01 is a Sunday.
    expect(data.problems.map(gridProblem)).toEqual([['grid_weekday_differs', 'error', 4, 'G', { value: '四', date: '2026-11-01', weekday: '日' }]]);
  });
});

describe('a holiday named in a day header', () => {
  // A DingTalk 打卡时间 sheet (title row 2, day header row 3 from column G): weekend days headed
  // 六/日, the others by their number, one day by a holiday's name instead. The official calendar
  // (chinese-days): 国庆节 2026 is 10-01 to 10-07; 2026-11-02 is a Monday, 11-07 a Saturday, and
  // November 2026 has no holiday; the calendar has no year after 2026.
  const export_ = dingtalkDayGrid;
  const brief = gridProblem;

  it('国庆节 over a working day (2026-11-02, the second day column: H) stops the run at that header cell', async () => {
    const data = await readExports([await export_('国庆-十一月.xlsx', '2026-11-01', 30, { 2: '国庆节' })]);
    expect(data.problems.map(brief)).toEqual([['grid_holiday_differs', 'error', 3, 'H', { value: '国庆节', date: '2026-11-02', workday: 'yes' }]]);
  });

  it('so does a festival’s name over a plain weekend (2026-11-07, a Saturday: column M)', async () => {
    const data = await readExports([await export_('国庆-周末.xlsx', '2026-11-01', 30, { 7: '国庆节' })]);
    expect(data.problems.map(brief)).toEqual([['grid_holiday_differs', 'error', 3, 'M', { value: '国庆节', date: '2026-11-07', workday: 'no' }]]);
  });

  it('国庆节 over 2026-10-01 to 10-07 agrees with the calendar: no problem', async () => {
    const data = await readExports([await export_('国庆-十月.xlsx', '2026-10-01', 31, { 1: '国庆节', 2: '国庆节', 3: '国庆节', 4: '国庆节', 5: '国庆节', 6: '国庆节', 7: '国庆节' })]);
    expect(data.problems).toEqual([]);
  });

  it('in a year the calendar lacks (2027) the name is not judged here; the run stops at the title’s range for the missing year', async () => {
    const path = await export_('国庆-2027.xlsx', '2027-11-01', 30, { 2: '国庆节' });
    expect((await readExports([path])).problems).toEqual([]);
    const run = await kaohe('score', path, '--scheme', 'bianmin-10pt', '-o', join(dir, 'never-2027.xlsx'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('国庆-2027.xlsx › 打卡时间 › 第2行 › A列: 日期 2027-11-01 所在年份的节假日安排尚未收录');
  });

  it('with that year given by --calendar, the name is judged by it: 2027-11-02, a Tuesday it lists no holiday on, is a working day', async () => {
    // An invented 2027 arrangement: 国庆节 10-01 to 10-07, nothing in November.
    const calendar = join(dir, '2027-节假日.yaml');
    writeFileSync(calendar, ['year: 2027', 'source: 测试用的安排', 'holidays: [2027-10-01, 2027-10-02, 2027-10-03, 2027-10-04, 2027-10-05, 2027-10-06, 2027-10-07]', ''].join('\n'));
    const path = await export_('国庆-2027-有日历.xlsx', '2027-11-01', 30, { 2: '国庆节' });
    const run = await kaohe('attendance', path, '--calendar', calendar);
    expect(run.code).toBe(1);
    // the second day column is H
    expect(run.stderr).toContain('国庆-2027-有日历.xlsx › 打卡时间 › 第3行 › 国庆节(H列): 表头写的是“国庆节”，而按日期顺序这一天是 2027-11-02，按国家法定节假日安排是工作日');
  });
});

describe('a day header writing a holiday under its number, or one that cannot be read', () => {
  // The same DingTalk 打卡时间 sheet: day 1 in column G (index 6), day N in index 5 + N, so day 25
  // is AE (26 = AA … 30 = AE) and day 28 AH. 2026-09-01 is a Tuesday; the calendar has 中秋 on
  // 09-25 (Friday) to 09-27; 09-28 is a Monday. September's weekdays are 1–4, 7–11, 14–18,
  // 21–25 and 28–30: 22; the sheet has punches on each of them but the 25th: 21 days, the last
  // three 09-28, 09-29, 09-30 (before, the run broke at the 25th and ended at the 24th: 18 days).
  const export_ = dingtalkDayGrid;
  const brief = gridProblem;
  const punchedDays = (data: { punches: { date: string }[] }) => [...new Set(data.punches.map((p) => p.date))].sort();

  it('25⏎中秋, 26 中秋, 27（中秋）are those days: the days after them are read with their punches', async () => {
    const data = await readExports([await export_('中秋-日号.xlsx', '2026-09-01', 30, { 25: '25\n中秋', 26: '26 中秋', 27: '27（中秋）' })]);
    expect(data.problems).toEqual([]);
    const punched = punchedDays(data);
    expect(punched.length).toBe(21);
    expect(punched.slice(-3)).toEqual(['2026-09-28', '2026-09-29', '2026-09-30']);
  });

  it('a holiday under its number is checked like a bare one: 28⏎中秋 over a Monday stops the run at AH', async () => {
    const data = await readExports([await export_('中秋-工作日.xlsx', '2026-09-01', 30, { 28: '28\n中秋' })]);
    expect(data.problems.map(brief)).toEqual([['grid_holiday_differs', 'error', 3, 'AH', { value: '中秋', date: '2026-09-28', workday: 'yes' }]]);
  });

  it('a header in the day run that cannot be read (25⏎月饼) stops the run at that cell, not the later days dropped', async () => {
    const data = await readExports([await export_('月饼.xlsx', '2026-09-01', 30, { 25: '25\n月饼' })]);
    expect(data.problems.map(brief)).toEqual([['export_day_header_unreadable', 'error', 3, 'AE', { value: '25 月饼' }]]);
  });

  it('so does one before the longest run (3⏎x: days 1–2 would be dropped), at its cell', async () => {
    const data = await readExports([await export_('开头.xlsx', '2026-09-01', 30, { 3: '3\nx' })]);
    // day 3 is index 8: I
    expect(data.problems.map(brief)).toEqual([['export_day_header_unreadable', 'error', 3, 'I', { value: '3 x' }]]);
  });

  it('KQ803: a day row with 26⏎中秋 reads the days after it; one with 26⏎月饼 stops the run at that cell', async () => {
    // The day row is row 3, day N in column N (26 = Z); 甲一's punches on each weekday but the
    // 25th (中秋), as above: 21 days, the last three 09-28 to 09-30.
    const kq = (file: string, day26: string) => {
      const sept = gridDays('2026-09-01', 30);
      return writeWorkbook(join(dir, file), {
        考勤记录: [
          ['考 勤 记 录 表'],
          ['考勤时间', '2026-09-01 ~ 2026-09-30', null, null, '制表时间', '2026-09-30'],
          sept.map((d) => (d.getUTCDate() === 26 ? day26 : `${d.getUTCDate()}\n${WEEKDAY_NAMES[d.getUTCDay()]}`)),
          ['工 号:', 1, null, '姓 名:', '甲一', null, '部 门:', '民政窗口'],
          sept.map((d) => (weekend(d) || d.getUTCDate() === 25 ? null : '07:5511:3513:5517:35')),
        ],
      });
    };
    const read = await readExports([await kq('KQ803-中秋.xlsx', '26\n中秋')]);
    expect(read.problems).toEqual([]);
    expect(punchedDays(read).length).toBe(21);
    expect(punchedDays(read).slice(-3)).toEqual(['2026-09-28', '2026-09-29', '2026-09-30']);
    const refused = await readExports([await kq('KQ803-月饼.xlsx', '26\n月饼')]);
    expect(refused.problems.map(brief)).toEqual([['export_day_header_unreadable', 'error', 3, 'Z', { value: '26 月饼' }]]);
  });
});

describe('a column next to or between the day columns that is not a day', () => {
  // The DingTalk 打卡时间 sheet again: 姓名 … UserId in A–F, then the day columns, with extra
  // columns put in after day N (0: before day 1). Without extras day N is at index 5 + N; each extra
  // before it moves it one on. 甲一 punches each weekday; September 2026 has 22 weekdays (1–4,
  // 7–11, 14–18, 21–25, 28–30), August 2026 21 (3–7, 10–14, 17–21, 24–28, 31; 08-01 a Saturday).
  const W = '日一二三四五六';
  const punch = '07:55  \n11:35  \n13:55  \n17:35  ';
  const brief = (p: { code: string; severity: string; at: { row?: number; columnLetter?: string }; args: object }) => [p.code, p.severity, p.at.row, p.at.columnLetter, p.args];
  const days = (first: string, count: number) => Array.from({ length: count }, (_, i) => new Date(Date.parse(first) + i * 86_400_000));
  const weekend = (d: Date) => d.getUTCDay() === 0 || d.getUTCDay() === 6;
  const export_ = (file: string, from: string, count: number, extras: [after: number, head: string, value: string | null][], heads: Record<number, string> = {}) => {
    const columns = [...extras.filter(([after]) => after === 0), ...days(from, count).flatMap((d) => [
      [d.getUTCDate(), heads[d.getUTCDate()] ?? (weekend(d) ? W[d.getUTCDay()]! : String(d.getUTCDate())), weekend(d) ? null : punch] as const,
      ...extras.filter(([after]) => after === d.getUTCDate()),
    ])];
    const last = days(from, count).at(-1)!.toISOString().slice(0, 10);
    return writeWorkbook(join(dir, file), {
      打卡时间: [
        ['打卡时间'],
        [`统计日期：${from} 至 ${last}`],
        ['姓名', '考勤组', '部门', '工号', '职位', 'UserId', ...columns.map((c) => c[1])],
        ['甲一', '中心考勤组', '民政窗口', '0001', '窗口人员', 'u0001', ...columns.map((c) => c[2])],
      ],
    });
  };
  const punchedDays = (data: { punches: { date: string }[] }) => [...new Set(data.punches.map((p) => p.date))].sort();

  it('a 节假日 or 假期 totals column right before day 1 or after the last day is no day: the sheet is read as it stands', async () => {
    // Before: 节假日 would stand on 2026-08-31, a Monday; after August's 31: on 2026-09-01, a
    // Tuesday (both working days: grid_holiday_differs before); after September's 30 holding 3
    // (hours): on 10-01, a holiday, and the 3 read as a punch time. 出勤天数 after it is no day either.
    const before = await readExports([await export_('节假日-前.xlsx', '2026-09-01', 30, [[0, '节假日', null]])]);
    expect(before.problems).toEqual([]);
    expect(punchedDays(before).length).toBe(22);
    expect([punchedDays(before)[0], punchedDays(before).at(-1)]).toEqual(['2026-09-01', '2026-09-30']);
    const after = await readExports([await export_('假期-后.xlsx', '2026-08-01', 31, [[31, '假期', null]])]);
    expect(after.problems).toEqual([]);
    expect(punchedDays(after).length).toBe(21);
    expect(punchedDays(after).at(-1)).toBe('2026-08-31');
    const held = await readExports([await export_('节假日-3.xlsx', '2026-09-01', 30, [[30, '节假日', '3'], [30, '出勤天数', '22']])]);
    expect(held.problems).toEqual([]);
    expect(punchedDays(held).length).toBe(22);
  });

  it('a weekly 小计 between two days stops the run at its cell, not the days on its short side dropped', async () => {
    // After day 6 (a Sunday): days 1–6 at G–L, 小计 at M, the longest run 7–30 after it.
    const early = await readExports([await export_('小计-6.xlsx', '2026-09-01', 30, [[6, '小计', '4']])]);
    expect(early.problems.map(brief)).toEqual([['export_day_header_unreadable', 'error', 3, 'M', { value: '小计' }]]);
    // After day 20 (a Sunday): days 1–20 at G–Z (index 6–25), 小计 at index 26: AA.
    const late = await readExports([await export_('小计-20.xlsx', '2026-09-01', 30, [[20, '小计', '5']])]);
    expect(late.problems.map(brief)).toEqual([['export_day_header_unreadable', 'error', 3, 'AA', { value: '小计' }]]);
  });

  it('an unreadable header on the first or last day of the stated range stops the run at its cell', async () => {
    // 2026-02-28 is a Saturday worked (补班): 28⏎班 at index 5 + 28 = 33, AH; 30⏎月饼 at 35, AJ;
    // 1⏎月饼 at 6, G. Each day is inside the title's range, so it was left out without a word.
    const saturday = await readExports([await export_('补班.xlsx', '2026-02-01', 28, [], { 28: '28\n班' })]);
    expect(saturday.problems.map(brief)).toEqual([['export_day_header_unreadable', 'error', 3, 'AH', { value: '28 班', date: '2026-02-28' }]]);
    const last = await readExports([await export_('月饼-末.xlsx', '2026-09-01', 30, [], { 30: '30\n月饼' })]);
    expect(last.problems.map(brief)).toEqual([['export_day_header_unreadable', 'error', 3, 'AJ', { value: '30 月饼', date: '2026-09-30' }]]);
    const first = await readExports([await export_('月饼-首.xlsx', '2026-09-01', 30, [], { 1: '1\n月饼' })]);
    expect(first.problems.map(brief)).toEqual([['export_day_header_unreadable', 'error', 3, 'G', { value: '1 月饼', date: '2026-09-01' }]]);
  });
});

describe('an unreadable header next to the day run when no range is stated', () => {
  // A DingTalk 打卡时间 sheet of October 2026 with no 统计日期 in its title: the days come from the
  // period (2026-10-01 to 10-31). 姓名 … UserId in A–F, then any columns in `before`, day N at
  // index 5 + N without them (1 = G, 31 = AK: 26 = AA … 36 = AK), then any in `after`. Three people punch on every
  // day shown. Before, an unreadable day 1 ended the run silently: the grid started on 10-02 and
  // day 1's punches were gone (30 days read, not 31).
  const october = (file: string, heads: Record<number, string>, { days = 31, before = [] as string[], after = [] as string[] } = {}) => {
    const day = Array.from({ length: days }, (_, i) => i + 1);
    const person = (name: string, id: string) => [name, '中心考勤组', '民政窗口', id, '窗口人员', `u${id}`, ...before.map(() => '3'), ...day.map(() => '07:55  \n11:35  \n13:55  \n17:35  '), ...after.map(() => '3')];
    return writeWorkbook(join(dir, file), {
      打卡时间: [
        ['打卡时间'],
        ['报表生成时间：2026-11-02 09:00'],
        ['姓名', '考勤组', '部门', '工号', '职位', 'UserId', ...before, ...day.map((n) => heads[n] ?? String(n)), ...after],
        person('甲一', '0001'),
        person('乙二', '0002'),
        person('丙三', '0003'),
      ],
    });
  };
  const period = { fromTo: { first: '2026-10-01', last: '2026-10-31' } as never };
  const brief = gridProblem;
  const punchedDays = (data: { punches: { date: string }[] }) => [...new Set(data.punches.map((p) => p.date))].sort();

  it.each([
    ['1\n月饼', '1 月饼'],
    ['1 班', '1 班'],
    ['1(调)', '1(调)'],
  ])('%j on day 1, beginning with the day number its place gives (10-01, the day before the run of 2–31), stops the run at G', async (head, value) => {
    const data = await readExports([await october('首日.xlsx', { 1: head })], period);
    expect(data.problems.map(brief)).toEqual([['export_day_header_unreadable', 'error', 3, 'G', { value, date: '2026-10-01' }]]);
  });

  it('so does 31⏎月饼 on the last day (10-31, the day after the run of 1–30), at AK', async () => {
    const data = await readExports([await october('末日.xlsx', { 31: '31\n月饼' })], period);
    expect(data.problems.map(brief)).toEqual([['export_day_header_unreadable', 'error', 3, 'AK', { value: '31 月饼', date: '2026-10-31' }]]);
  });

  it('the period from the file name (2026-10.xlsx) is enough: attendance stops with exit 1 at that cell', async () => {
    mkdirSync(join(dir, '无统计日期'), { recursive: true });
    const path = await october(join('无统计日期', '2026-10.xlsx'), { 1: '1\n月饼' });
    const run = await kaohe('attendance', path);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('2026-10.xlsx › 打卡时间 › 第3行 ›');
    expect(run.stderr).toContain('2026-10-01');
  });

  it('totals columns next to a run from the period’s first to its last day are no day: all 31 days read', async () => {
    // 出勤天数 would stand on 09-30 and 节假日 / 加班时长 on 11-01, outside the period.
    const data = await readExports([await october('合计-全月.xlsx', {}, { before: ['出勤天数'], after: ['节假日', '加班时长'] })], period);
    expect(data.problems).toEqual([]);
    expect(punchedDays(data).length).toBe(31);
  });

  it.each(['出勤天数', '应出勤', '迟到次数', '小计', '加班时长'])('a month exported to the 20th, then %s (on 10-21 by place, not beginning with 21): days 1–20 read, nothing said', async (total) => {
    const data = await readExports([await october(`前20天-${total}.xlsx`, {}, { days: 20, after: [total] })], period);
    expect(data.problems).toEqual([]);
    const punched = punchedDays(data);
    expect([punched.length, punched[0], punched.at(-1)]).toEqual([20, '2026-10-01', '2026-10-20']);
  });
});

describe('a festival named over a weekend touching its break', () => {
  // A 2027 given as --calendar gives it, listing only the weekday holiday: 元旦 2027-01-01. 2027-01-01
  // is a Friday (2026-01-01 a Thursday, 365 days = 52 weeks + 1 on), so 01-02 and 01-03 are the
  // weekend joined to it, 01-04 a Monday, 01-09 a Saturday with the working 01-08 between it and
  // the holiday. Day N in column index 5 + N: 4 = J, 9 = O.
  const calendar = () => officialCalendar([{ year: 2027, holidays: ['2027-01-01' as never], workdays: [] }]);
  const brief = gridProblem;
  const january = (file: string, heads: Record<number, string>) => dingtalkDayGrid(file, '2027-01-01', 31, heads);

  it('元旦 over 01-01 to 01-03 agrees with a calendar that lists only 01-01', async () => {
    const data = await readExports([await january('元旦-周末.xlsx', { 1: '元旦', 2: '元旦', 3: '元旦' })], { calendar });
    expect(data.problems).toEqual([]);
  });

  it('元旦 over 01-09, a weekend a working day away from it, still stops the run (O); over 01-04, a working Monday, too (J)', async () => {
    const far = await readExports([await january('元旦-远.xlsx', { 1: '元旦', 9: '元旦' })], { calendar });
    expect(far.problems.map(brief)).toEqual([['grid_holiday_differs', 'error', 3, 'O', { value: '元旦', date: '2027-01-09', workday: 'no' }]]);
    const monday = await readExports([await january('元旦-周一.xlsx', { 1: '元旦', 2: '元旦', 3: '元旦', 4: '元旦' })], { calendar });
    expect(monday.problems.map(brief)).toEqual([['grid_holiday_differs', 'error', 3, 'J', { value: '元旦', date: '2027-01-04', workday: 'yes' }]]);
  });
});

describe('a title that leaves the year to the period', () => {
  // A DingTalk 打卡时间 sheet: weekend days headed 六/日, the others by their number; 甲一 punches
  // four times each weekday.
  const W = '日一二三四五六';
  const brief = (p: { code: string; severity: string; at: { row?: number; columnLetter?: string }; args: object }) => [p.code, p.severity, p.at.row, p.at.columnLetter, p.args];
  const days = (first: string, count: number) => Array.from({ length: count }, (_, i) => new Date(Date.parse(first) + i * 86_400_000));
  const weekend = (d: Date) => d.getUTCDay() === 0 || d.getUTCDay() === 6;
  const export_ = (file: string, title: string, from: string, count: number) =>
    writeWorkbook(join(dir, file), {
      打卡时间: [
        ['打卡时间'],
        [title],
        ['姓名', '考勤组', '部门', '工号', '职位', 'UserId', ...days(from, count).map((d) => (weekend(d) ? W[d.getUTCDay()]! : String(d.getUTCDate())))],
        ['甲一', '中心考勤组', '民政窗口', '0001', '窗口人员', 'u0001', ...days(from, count).map((d) => (weekend(d) ? null : '07:55  \n11:35  \n13:55  \n17:35  '))],
      ],
    });

  it('12-26 至 01-25 without 制表时间 in a 2026-01 run is 2025-12-26 to 2026-01-25', async () => {
    // 2025-12-27 is a Saturday (2026-01-01 a Thursday, 5 days on), headed 六; placed in 2026 the
    // column would be 2026-12-27, a Sunday, and the run stopped there.
    const path = await export_('跨年-无年份.xlsx', '统计日期：12-26 至 01-25', '2025-12-26', 31);
    const data = await readExports([path], { context: { first: '2026-01-01', last: '2026-01-31' } as never, year: 2026 });
    expect(data.problems.map(brief)).toEqual([]);
    const dates = data.punches.map((p) => p.date).sort();
    // first weekday 2025-12-26 (a Friday), last 2026-01-23 (Friday; 01-24/25 are the weekend)
    expect([dates[0], dates[dates.length - 1]]).toEqual(['2025-12-26', '2026-01-23']);
  });

  it('without a period, a range without a year is said to lack it, at the range', async () => {
    const path = await export_('无年份-无月份.xlsx', '统计日期：12-01 至 12-31', '2026-12-01', 31);
    const data = await readExports([path], {});
    // day columns start at “1” (2026-12-01 a Tuesday); the range is in row 2, column A
    expect(data.problems.map(brief)).toEqual([['export_range_without_year', 'error', 2, 'A', { first: '1', range: '12-01 至 12-31' }]]);
  });
});

describe('a hand-kept 上班/下班 grid', () => {
  // 2026-11-01 is a Sunday: November's weekdays start 日; October's (10-01 a Thursday) 四.
  const W = '日一二三四五六';
  const november = { first: '2026-11-01', last: '2026-11-30' } as never;
  const brief = (p: { code: string; severity: string; at: { row?: number; columnLetter?: string }; args: object }) => [p.code, p.severity, p.at.row, p.at.columnLetter, p.args];
  const twice = <T>(values: T[]) => values.flatMap((v) => [v, v]);
  const numbers = ['姓名', ...twice(Array.from({ length: 30 }, (_, i) => String(i + 1)))];
  const weekdays = (first: number) => [null, ...twice(Array.from({ length: 30 }, (_, i) => W[(first + i) % 7]!))];
  const inOut = ['姓名', ...Array.from({ length: 30 }, () => ['上班', '下班']).flat()];
  // 陈立新 in and out on Monday 11-02 only
  const person = ['陈立新', null, null, '07:55', '17:35', ...Array.from({ length: 56 }, () => null)];
  const grid = (file: string, rows: (string | null)[][]) => writeWorkbook(join(dir, file), { 考勤: rows });

  it('a weekday row between the day numbers and the 上班/下班 row is read, the days placed by the period', async () => {
    const path = await grid('星期在中间.xlsx', [['2026年11月考勤表'], numbers, weekdays(0), inOut, person]);
    const data = await readExports([path], { context: november });
    expect(data.problems.map(brief)).toEqual([]);
    // day 2 is columns D and E: 2026-11-02, in at 07:55 and out at 17:35
    expect(data.punches.map((p) => [p.date, p.column])).toEqual([
      ['2026-11-02', 3],
      ['2026-11-02', 4],
    ]);
  });

  it('that weekday row, October’s, stops a November run at its first cell', async () => {
    const path = await grid('星期在中间-十月.xlsx', [['2026年11月考勤表'], numbers, weekdays(4), inOut, person]);
    const data = await readExports([path], { context: november });
    // day 1 (column B) is written 四 in row 3; 2026-11-01 is a Sunday (日)
    expect(data.problems.map(brief)).toEqual([['grid_weekday_differs', 'error', 3, 'B', { value: '四', date: '2026-11-01', weekday: '日' }]]);
  });

  it('a 节假日 totals column after day 30 is no day: the sheet is read as it stands', async () => {
    // It would stand on 2026-12-01, a Tuesday (a working day: grid_holiday_differs before).
    const path = await grid('节假日-合计.xlsx', [['2026年11月考勤表'], [...numbers, '节假日'], [...inOut, '节假日'], [...person, null]]);
    const data = await readExports([path], { context: november });
    expect(data.problems.map(brief)).toEqual([]);
    expect(data.punches.map((p) => [p.date, p.column])).toEqual([
      ['2026-11-02', 3],
      ['2026-11-02', 4],
    ]);
  });

  it('a title naming October and November over a November grid says nothing', async () => {
    const path = await grid('十月十一月.xlsx', [['2026年10月、11月考勤'], numbers, inOut, person]);
    expect((await readExports([path], { context: november })).problems).toEqual([]);
  });

  // Two pairs a day: each date over 上班 下班 上班 下班 (上午, 下午), the header merged over the four.
  const fourTimes = <T>(values: T[]) => values.flatMap((v) => [v, v, v, v]);
  const twoPairs = (days: number) => Array.from({ length: days }, () => ['上班', '下班', '上班', '下班']).flat();

  it('a date over two 上班/下班 pairs is one day of four punches, not two days', async () => {
    // 陈立新 on Monday 11-02, day 2's columns F to I (indexes 5-8, after A and day 1's B-E)
    const fourPunches = ['陈立新', null, null, null, null, '07:55', '11:35', '13:55', '17:35', ...Array.from({ length: 112 }, () => null)];
    const path = await grid('两组上下班.xlsx', [['2026年11月考勤表'], ['姓名', ...fourTimes(Array.from({ length: 30 }, (_, i) => String(i + 1)))], ['姓名', ...twoPairs(30)], fourPunches]);
    const data = await readExports([path], { context: november });
    expect(data.problems.map(brief)).toEqual([]);
    // 07:55 = 7×3600+55×60 = 28500; 11:35 = 41700; 13:55 = 50100; 17:35 = 63300
    expect(data.punches.map((p) => [p.date, p.at, p.role, p.column])).toEqual([
      ['2026-11-02', 28500, 'in', 5],
      ['2026-11-02', 41700, 'out', 6],
      ['2026-11-02', 50100, 'in', 7],
      ['2026-11-02', 63300, 'out', 8],
    ]);
    // Four punches a day: no hint that the sheet holds only one clock-in and one clock-out.
    expect(data.recognised.map((r) => r.twoPunchesADay)).toEqual([undefined]);
  });

  it('国庆节 over the 1st to the 3rd, four columns each, is three days, as the numbered days are', async () => {
    // October: 国庆节 ×12 (B-M) are 10-01..10-03; then 4, 5, … four columns each. Day 8 (Thursday
    // 10-08, a working day) starts at index 1 + 7×4 = 29.
    const headers = ['姓名', ...fourTimes(['国庆节', '国庆节', '国庆节']), ...fourTimes(Array.from({ length: 28 }, (_, i) => String(i + 4)))];
    const day8 = ['陈立新', ...Array.from({ length: 28 }, () => null), '08:00', '12:00', '14:00', '18:00'];
    const path = await grid('国庆节-两组.xlsx', [['2026年10月考勤表'], headers, ['姓名', ...twoPairs(31)], day8]);
    const data = await readExports([path], { context: { first: '2026-10-01', last: '2026-10-31' } as never });
    expect(data.problems.map(brief)).toEqual([]);
    expect(data.punches.map((p) => [p.date, p.role, p.column])).toEqual([
      ['2026-10-08', 'in', 29],
      ['2026-10-08', 'out', 30],
      ['2026-10-08', 'in', 31],
      ['2026-10-08', 'out', 32],
    ]);
  });

  it('day headers written 11月1日 (no year) are read in the period’s year', async () => {
    const path = await grid('月日表头.xlsx', [['2026年11月考勤表'], ['姓名', ...twice(Array.from({ length: 30 }, (_, i) => `11月${i + 1}日`))], inOut, person]);
    const data = await readExports([path], { context: november });
    expect(data.problems.map(brief)).toEqual([]);
    // 11月2日 is columns D and E (indexes 3, 4): 2026-11-02
    expect(data.punches.map((p) => [p.date, p.role, p.column])).toEqual([
      ['2026-11-02', 'in', 3],
      ['2026-11-02', 'out', 4],
    ]);
  });
});

describe('a 刷卡日期 cell whose number format shows only the weekday', () => {
  it('is said once, as the weekday it shows and the date it holds, not again as an empty date', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('刷卡记录');
    sheet.addRow(['姓名', '考勤号码', '刷卡日期', '刷卡时间']);
    // 2026-11-02: 2000-01-01 is serial 36526; 26 years on with 7 leap days (2000…2024) is
    // 36526 + 26×365 + 7 = 46023 for 2026-01-01; Jan–Oct are 304 days, so 11-01 is 46327 and
    // 11-02 46328, a Monday (11-01 is a Sunday).
    sheet.addRow(['陈立新', 101, 46328, '07:55']);
    sheet.addRow(['陈立新', 101, 46328, '17:35']);
    for (const r of [2, 3]) sheet.getCell(r, 3).numFmt = '[$-804]aaaa';
    const path = join(dir, '星期格式的日期.xlsx');
    await book.xlsx.writeFile(path);
    const data = await readExports([path], { context: { first: '2026-11-01', last: '2026-11-30' } as never });
    const args = { format: '[$-804]aaaa', stored: '46328', date: '2026-11-02', weekday: '星期一' };
    expect(data.problems.map((p) => [p.code, p.severity, p.at.row, p.at.columnLetter, p.args])).toEqual([
      ['export_date_weekday_only', 'error', 2, 'C', args],
      ['export_date_weekday_only', 'error', 3, 'C', args],
    ]);
    expect(data.punches).toEqual([]);
  });
});

describe('a schedule grid (F8) and exports without punches', () => {
  it('a ZKTeco 排班记录表 alone is said to be a 排班表, with what to give instead; nothing written', async () => {
    const out = join(dir, 'never-schedule.xlsx');
    const run = await kaohe('import', await scheduleFile(dir), '--roster', roster, '-o', out);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('排班记录表.xls › 排班信息: 这是排班表（中控考勤软件·排班表（每人一行，每天一列班次编号））');
    expect(run.stderr).toContain('请给出打卡导出');
    expect(existsSync(out)).toBe(false);
  });

  it('given with the punches it is skipped and said; the scores are those of the punches alone', async () => {
    const run = await kaohe('score', await scheduleFile(dir), '--punches', await zktecoRecordsFile(dir), '--roster', roster, '--scheme', 'bianmin-10pt', '--json');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('排班表不读');
    const totals = Object.fromEntries((JSON.parse(run.stdout) as { subjects: { id: string; total: number }[] }).subjects.map((s) => [s.id, s.total]));
    expect(totals).toEqual(plainNoLeave);
  });

  it('a ZKTeco 异常统计 alone has rows only on anomaly days: refused as punches, said what it is; nothing written', async () => {
    const out = join(dir, 'never-anomalies.xlsx');
    const run = await kaohe('import', await zktecoAnomaliesFile(dir), '--roster', roster, '-o', out);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('异常统计.xls › 异常统计: 这是异常统计（中控考勤机·异常统计（只列有异常的日子）），不是打卡记录');
    expect(existsSync(out)).toBe(false);
    const scored = await kaohe('score', await zktecoAnomaliesFile(dir), '--roster', roster, '--scheme', 'bianmin-10pt');
    expect(scored.code).toBe(1);
    expect(scored.stdout).toBe('');
  });

  it('an export of November scored for December covers none of it: refused (every working day would be 旷工), nothing written', async () => {
    // The report's title says 2026-11-01 至 2026-11-30; December has 23 working days, all of them outside it.
    const out = join(dir, 'never-december.xlsx');
    const run = await kaohe('score', await dingtalkReportFile(dir), '--roster', roster, '--scheme', 'bianmin-10pt', '--period', '2026-12', '-o', out);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('导出只覆盖 2026-11-01 至 2026-11-30，不含考核期 2026-12-01 至 2026-12-31 的任何一天');
    expect(existsSync(out)).toBe(false);
  });

  it('an export whose title claims the month but whose rows stop on the 13th: the silent working days are named, with --to', async () => {
    const run = await kaohe('score', await dingtalkMidMonthFile(dir), '--roster', roster, '--scheme', 'bianmin-10pt');
    // November 2026 working days after the 13th: 16–20, 23–27 and 30 → 11, on which nobody punched
    expect(run.stderr).toContain('导出范围内的 11 个工作日（11月16日至11月20日、11月23日至11月27日、11月30日）没有任何人打卡');
    // the whole export, nothing cut: no such warning
    expect((await kaohe('score', await dingtalkReportFile(dir), '--roster', roster, '--scheme', 'bianmin-10pt')).stderr).not.toContain('没有任何人打卡');
  });

  it('a leave list alone would make every working day an absence: refused, naming what was given', async () => {
    const run = await kaohe('score', await approvalFile(dir), '--roster', roster, '--scheme', 'bianmin-10pt', '--period', '2026-11');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('“请假审批.xls › PROC-LEAVE-01”（钉钉·审批导出（请假单，每单一行）） 中没有打卡记录');
  });
});

describe('what a clock leaves in its log', () => {
  it('attlog artefacts are dropped and counted: a corrupt row, two 1971 punches, one wrap', async () => {
    const run = await kaohe('attendance', await attlogFile(dir), '--roster', roster, '--period', '2026-11');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('损坏行 1 条、日期早于2000年（考勤机时钟复位）2 条，均已剔除；考勤机日志的时间顺序回绕 1 处（后一条记录早于前一条），记录照常读取，未剔除');
  });

  it('a log saved with a byte-order mark is still a log, and a stamp no clock writes (month 13) is one more corrupt row', async () => {
    const log = readFileSync(await attlogFile(dir));
    const edited = join(dir, '2_attlog.dat');
    writeFileSync(edited, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), log, Buffer.from('    9901\t2026-13-02 08:00:00\t1\t0\t1\t0\r\n')]));
    const plain = await kaohe('score', await attlogFile(dir), '--roster', roster, '--period', '2026-11', '--scheme', 'bianmin-10pt', '--json');
    const run = await kaohe('score', edited, '--roster', roster, '--period', '2026-11', '--scheme', 'bianmin-10pt', '--json');
    expect(run.code, run.stderr).toBe(0);
    // the month-13 line joins the one corrupt row already there
    expect((await kaohe('attendance', edited, '--roster', roster, '--period', '2026-11')).stderr).toContain('损坏行 2 条');
    // and the punches are those of the plain log
    expect(JSON.parse(run.stdout)).toMatchObject({ subjects: (JSON.parse(plain.stdout) as { subjects: unknown[] }).subjects });
  });

  /** A sound line of the log: clock id, date, time and the fields after them; `n` counts the lines of that id so far. */
  type LogPunch = { id: string; date: string; time: string; rest: string; n: number };

  /** The fixture log with each sound line `rewrite` returns text for replaced by that text (several lines may be returned). */
  async function logRewritten(name: string, rewrite: (p: LogPunch) => string | undefined): Promise<string> {
    const seen = new Map<string, number>();
    const lines = readFileSync(await attlogFile(dir), 'utf8')
      .split('\r\n')
      .map((line) => {
        const m = /^\s*(\d+)\t(2026-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})\t(.*)$/.exec(line);
        if (!m) return line;
        const n = seen.get(m[1]!) ?? 0;
        seen.set(m[1]!, n + 1);
        return rewrite({ id: m[1]!, date: m[2]!, time: m[3]!, rest: m[4]!, n }) ?? line;
      });
    const path = join(dir, name);
    writeFileSync(path, lines.join('\r\n'));
    return path;
  }
  const device = (p: { id: string; date: string; time: string; rest: string }) => `${p.id.padStart(9)}\t${p.date} ${p.time}\t${p.rest}`;
  /** As Chinese Excel saves the log again as text: yyyy/m/d h:mm, the id without its padding. */
  const excelCopy = (p: { id: string; date: string; time: string; rest: string }) => `${p.id}\t${p.date.split('-').map(Number).join('/')} ${Number(p.time.slice(0, 2))}${p.time.slice(2, 5)}\t${p.rest}`;

  it('a person’s punches written in the other layouts of a log (spaces, a tab before the time, 2026/11/2) score as the device’s own', async () => {
    // 0005's (clock 105) lines in turn: tabs turned to spaces, a tab between date and time, yyyy/m/d h:mm:ss.
    // Read, they are 0005's punches as before: late once (11-11 08:12) → 10 − 1 = 9, the others as the plain log (plainNoLeave);
    // dropped, 0005 would be absent all 21 working days.
    const slashed = (p: LogPunch) => `${p.id}\t${p.date.split('-').map(Number).join('/')} ${Number(p.time.slice(0, 2))}${p.time.slice(2)}\t${p.rest}`;
    const layouts = [(p: LogPunch) => `      ${p.id}  ${p.date} ${p.time}  ${p.rest.split('\t').join('  ')}`, (p: LogPunch) => `${p.id}\t${p.date}\t${p.time}\t${p.rest}`, slashed];
    const path = await logRewritten('3_attlog.dat', (p) => (p.id === '105' ? layouts[p.n % 3]!(p) : undefined));
    expect(await scores(path, '--roster', roster, '--period', '2026-11')).toEqual(plainNoLeave);
  });

  it('the same punches again from a copy saved by Excel (2026/11/2 8:00, no seconds) count once, to the second', async () => {
    // Every line of 0001 (clock 101) followed by its Excel copy: one punch each, 0001 as in the plain log (5).
    // 0002's arrival on 11-02 (07:54:16) made 08:00:30, with its copy 8:00: the punch is 08:00:30, 30 seconds
    // past 08:00 with grace 0 → late, 0002 = 7 − 1 = 6; read as a second punch at 08:00:00 it would be on time (7).
    const path = await logRewritten('4_attlog.dat', (p) => {
      if (p.id === '101') return `${device(p)}\r\n${excelCopy(p)}`;
      if (p.id !== '102' || p.date !== '2026-11-02' || !p.time.startsWith('07:54')) return undefined;
      const late = { ...p, time: '08:00:30' };
      return `${device(late)}\r\n${excelCopy(late)}`;
    });
    expect(await scores(path, '--roster', roster, '--period', '2026-11')).toEqual({ ...plainNoLeave, '0002': 6 });
  });

  it('a line in a layout no clock log is read in (month first, 12-hour) stops the run at that line, nothing written', async () => {
    const path = await logRewritten('5_attlog.dat', (p) => (p.id === '102' && p.n === 0 ? `${p.id}\t${p.date.slice(5, 7)}/${p.date.slice(8)}/${p.date.slice(0, 4)} ${p.time} AM\t${p.rest}` : undefined));
    const line = readFileSync(path, 'utf8').split('\r\n').findIndex((l) => l.includes(' AM')) + 1;
    const out = join(dir, '5-out.xlsx');
    const run = await kaohe('score', path, '--roster', roster, '--period', '2026-11', '--scheme', 'bianmin-10pt', '-o', out);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`错误：${path} › 第${line}行: 这一行“102  `);
    expect(existsSync(out)).toBe(false);
  });
});

/**
 * The DingTalk 考勤报表 with its 原始记录 replaced by the sheets `parts` makes of its rows (title,
 * 统计日期, header, then one row per clocking): a clerk's copy, or a long log cut in two.
 */
async function reportWithRawAs(name: string, parts: (rows: ExcelJS.CellValue[][]) => Record<string, ExcelJS.CellValue[][]>): Promise<string> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await dingtalkReportFile(dir));
  const raw = book.getWorksheet('原始记录')!;
  const rows = raw.getSheetValues().slice(1).map((r) => (r as ExcelJS.CellValue[]).slice(1));
  book.removeWorksheet(raw.id);
  for (const [sheet, sheetRows] of Object.entries(parts(rows))) book.addWorksheet(sheet).addRows(sheetRows);
  const path = join(dir, name);
  await book.xlsx.writeFile(path);
  return path;
}

describe('DingTalk 原始记录: each punch on the 考勤日期 the platform matched it to', () => {
  it('a clock-out after midnight stays on its day, past 24:00; a punch two days off is reported at its cell, not moved', async () => {
    const header = ['姓名', '考勤组', '部门', '工号', '职位', 'UserId', '考勤日期', '考勤时间', '打卡时间', '打卡结果'];
    const clocking = (day: string, scheduled: string, punch: string) => ['陈立新', '中心考勤组', '民政窗口', '0001', '窗口人员', 'u101', day, scheduled, punch, '正常'];
    const path = await writeWorkbook(join(dir, '原始记录-跨零点.xlsx'), {
      原始记录: [
        ['原始记录'],
        ['统计日期：2026-11-02 至 2026-11-06'],
        header,
        clocking('26-11-02 星期一', '08:00', '2026-11-02 07:58:00'),
        // overtime: 11-02's clock-out at 00:30 on 11-03, which the platform matched to 11-02 17:30
        clocking('26-11-02 星期一', '17:30', '2026-11-03 00:30:00'),
        // row 6: a punch on 11-05 under 11-03 is no punch of 11-03
        clocking('26-11-03 星期二', '08:00', '2026-11-05 07:58:00'),
      ],
    });
    const data = await readExports([path]);
    // 07:58 = 28,680 s; 00:30 the next day = 24 h + 30 min = 88,200 s
    expect(data.punches.map((p) => [p.date, p.at])).toEqual([
      ['2026-11-02', 28_680],
      ['2026-11-02', 88_200],
    ]);
    expect(data.problems.map((p) => [p.code, p.at.row, p.at.columnLetter, p.args.date])).toEqual([['export_punch_off_day', 6, 'I', '2026-11-03']]);
  });
});

describe('a weekday that does not fit its date', () => {
  it('is said as that, in the date-time cell and in the date cell', async () => {
    const header = ['姓名', '考勤组', '部门', '工号', '职位', 'UserId', '考勤日期', '考勤时间', '打卡时间', '打卡结果'];
    const clocking = (day: string, punch: string) => ['陈立新', '中心考勤组', '民政窗口', '0001', '窗口人员', 'u101', day, '08:00', punch, '正常'];
    const path = await writeWorkbook(join(dir, '原始记录-星期.xlsx'), {
      原始记录: [
        ['原始记录'],
        ['统计日期：2026-11-02 至 2026-11-06'],
        header,
        // row 4: 2026-11-02 is a Monday (2026-11-01 a Sunday), written 星期日 in the punch cell
        clocking('26-11-02 星期一', '2026/11/2 星期日 07:55'),
        // row 5: 2026-11-03 is a Tuesday, written 星期三 in the date cell
        clocking('26-11-03 星期三', '2026-11-03 07:58:00'),
      ],
    });
    const data = await readExports([path]);
    expect(data.problems.map((p) => [p.code, p.at.row, p.at.columnLetter, p.args.date, p.args.written, p.args.actual])).toEqual([
      ['export_weekday_mismatch', 4, 'I', '2026-11-02', '日', '一'],
      ['export_weekday_mismatch', 5, 'G', '2026-11-03', '三', '二'],
    ]);
  });
});

describe('one layout on several sheets of a file', () => {
  it('a log cut in two (no punch in both) is read as one: every punch once, the same scores', async () => {
    // Cut after the 200th clocking row, inside someone's day: the halves share no punch.
    const split = await reportWithRawAs('原始记录-分两页.xlsx', (rows) => ({ 原始记录: rows.slice(0, 203), '原始记录 (续)': [...rows.slice(0, 3), ...rows.slice(203)] }));
    expect(await scores(split, '--roster', roster)).toEqual(withMarkers);
    const out = join(dir, '分两页-导入.xlsx');
    expect((await kaohe('import', split, '--roster', roster, '-o', out)).code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    // 400 real punches, as in the import of the uncut report
    expect(book.getWorksheet('考勤')!.getSheetValues().slice(2)).toHaveLength(400);
  });

  it('an identical copy of the punch sheet stops the run naming both sheets; nothing written', async () => {
    const copied = await reportWithRawAs('原始记录-副本.xlsx', (rows) => ({ 原始记录: rows, '原始记录 (2)': rows }));
    const data = await readExports([copied]);
    // every one of the 400 real punches (worked out in the import test) is in both sheets
    expect(data.problems.map((p) => [p.code, p.at.sheet, p.args.sheet, p.args.copy, p.args.count])).toEqual([['export_sheet_copied', '原始记录 (2)', '原始记录', '原始记录 (2)', 400]]);
    const out = join(dir, 'never-copy.xlsx');
    const run = await kaohe('import', copied, '--roster', roster, '-o', out);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('原始记录-副本.xlsx › 原始记录 (2) › 第4行 › 打卡时间(I列)');
    expect(existsSync(out)).toBe(false);
  });

  it('an edited copy (one punch changed in the copy only) is refused too, not merged', async () => {
    // Merged, 0001's 11-03 would have 07:59 and 08:07: on time, so 7 instead of 6.
    const edited = await reportWithRawAs('原始记录-改过的副本.xlsx', (rows) => ({
      原始记录: rows,
      '原始记录 (2)': rows.map((r) => (typeof r[8] === 'string' && r[8].startsWith('2026-11-03 08:07') ? [...r.slice(0, 8), '2026-11-03 07:59:00', '正常', ...r.slice(10)] : r)),
    }));
    const data = await readExports([edited]);
    // 400 − the one changed punch = 399 in both
    expect(data.problems.map((p) => [p.code, p.args.sheet, p.args.copy, p.args.count])).toEqual([['export_sheet_copied', '原始记录', '原始记录 (2)', 399]]);
    const run = await kaohe('score', edited, '--roster', roster, '--scheme', 'bianmin-10pt', '--json');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
  });
});

describe('bad input: exit 1, what was seen, nothing written', () => {
  it('a layout no profile recognises names the sheets, a header-like row and the known formats', async () => {
    const path = await writeWorkbook(join(dir, '不明.xlsx'), { 工作表1: [['某某系统导出'], ['序号', '人名', '哪天', '几点'], [1, '陈立新', '2026-11-02', '08:00']] });
    const out = join(dir, 'never.xlsx');
    const run = await kaohe('import', path, '-o', out);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('无法识别“不明.xlsx”是哪种考勤导出格式');
    expect(run.stderr).toContain('“工作表1” 第2行：序号、人名、哪天、几点');
    expect(run.stderr).toContain('dingtalk-daily（钉钉·每日统计（每人每天一行））');
    expect(existsSync(out)).toBe(false);
  });

  it('people missing from the roster are listed once each with their punch count', async () => {
    const short = await writeWorkbook(join(dir, '人员-缺一人.xlsx'), { 人员: [['工号', '姓名', '窗口', '考勤号码'], ['0001', '陈立新', '民政窗口', '101'], ['0002', '刘文静', '社保窗口', '102'], ['0003', '王建华', '医保窗口', '103'], ['0004', '赵丽', '不动产窗口', '104']] });
    const out = join(dir, 'never2.xlsx');
    const run = await kaohe('import', await dingtalkReportFile(dir), '--roster', short, '-o', out);
    expect(run.code).toBe(1);
    // 孙海燕: 21 working days × 4 real punches (the rejected 07:50 is not one) = 84
    expect(run.stderr.match(/孙海燕/g)).toHaveLength(1);
    expect(run.stderr).toContain('导出中的“孙海燕（已离职）（0005）”不在人员表中（共 84 次打卡）');
    expect(existsSync(out)).toBe(false);
  });

  it('two people of one name ask for 工号 or 考勤号码', async () => {
    const twins = await writeWorkbook(join(dir, '人员-重名.xlsx'), { 人员: [['工号', '姓名', '窗口'], ['0001', '陈立新', '民政窗口'], ['0009', '陈立新', '社保窗口']] });
    const csv = join(dir, '仅姓名.csv');
    writeFileSync(csv, '姓名,刷卡日期,刷卡时间\n陈立新,2026-11-02,07:55\n陈立新,2026-11-02,17:35\n');
    const out = join(dir, 'never3.xlsx');
    const run = await kaohe('import', csv, '--roster', twins, '-o', out);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('人员表中有多个“陈立新”（0001、0009）：请在人员表填写“考勤号码”');
    expect(existsSync(out)).toBe(false);
  });

  it('a named pipe given as an export is refused before it is opened', async () => {
    spawnSync('mkfifo', [join(dir, 'pipe.xls')]);
    const run = await kaohe('attendance', '--punches', join(dir, 'pipe.xls'), '--roster', roster, '--period', '2026-11');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('pipe.xls: 这是命名管道（FIFO）');
  });

  it('a value that cannot be read names file › sheet › row › column', async () => {
    const csv = join(dir, '坏时间.csv');
    writeFileSync(csv, '姓名,刷卡日期,刷卡时间\n陈立新,2026-11-02,07:55\n陈立新,2026-11-02,7点半\n');
    const run = await kaohe('attendance', csv, '--roster', roster);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('坏时间.csv › 坏时间 › 第3行 › 刷卡时间(C列): 打卡时间“7点半”无法识别');
  });
});

describe('a CSV headed as the template sheet of its slot is that sheet, before any export profile', () => {
  it('--punches and --leave CSVs typed as 考勤 and 请假 read as a folder of the same files reads them', async () => {
    const here = join(tempDir(), 'typed');
    mkdirSync(here);
    // November 2026: 21 working days (2–6, 9–13, 16–20, 23–27, 30); 陈建国 punches on all but 11-10.
    const days = [2, 3, 4, 5, 6, 9, 11, 12, 13, 16, 17, 18, 19, 20, 23, 24, 25, 26, 27, 30].map((d) => `2026-11-${String(d).padStart(2, '0')}`);
    writeFileSync(join(here, '人员.csv'), '工号,姓名,窗口\n0001,陈建国,民政窗口\n');
    writeFileSync(join(here, '考勤.csv'), ['工号,姓名,日期,打卡时间', ...days.map((d) => `0001,陈建国,${d},07:54 11:34 13:54 17:35`)].join('\n') + '\n');
    // 请假 as input-format.md §请假 (时段 may be left out: 全天), which an HR leave-list profile also fits.
    writeFileSync(join(here, '请假.csv'), '工号,姓名,类型,开始日期,结束日期\n0001,陈建国,事假,2026-11-10,2026-11-10\n');
    const flags = await kaohe('attendance', '--roster', join(here, '人员.csv'), '--punches', join(here, '考勤.csv'), '--leave', join(here, '请假.csv'), '-p', '2026-11');
    expect(flags.code, flags.stderr).toBe(0);
    expect(flags.stderr).not.toContain('识别为');
    // 21 working days, 11-10 excused by the 事假: 20 attended, 1 事假 day, no absence.
    expect(pick(table(flags.stdout)['0001'], '应出勤天数', '出勤天数', '事假天数', '旷工天数')).toEqual(['21', '20', '1', '0']);
    const folder = await kaohe('attendance', here, '-p', '2026-11');
    expect(folder.code, folder.stderr).toBe(0);
    expect(flags.stdout).toBe(folder.stdout);
  });
  it('beside a month workbook with its own filled 请假 or 考勤, such a CSV is refused, not put in the place of the sheet', async () => {
    // The workbook's 请假 holds 0002 事假 11-12 and 0004 病假 11-25–26; a --leave CSV with 0002 alone
    // used to replace the sheet: 0004's two days became absences (8 → 4), exit 0, without a word.
    const month = await templateFile(join(dir, 'own-leave-2026-11.xlsx'), { leave: true, corrections: false });
    const leave = join(dir, 'leave-0002.csv');
    writeFileSync(leave, '工号,姓名,类型,开始日期,结束日期\n0002,刘文静,事假,2026-11-12,2026-11-12\n');
    const punches = join(dir, 'punches-0001.csv');
    writeFileSync(punches, '工号,姓名,日期,打卡时间\n0001,陈立新,2026-11-02,07:54 11:34 13:54 17:35\n');
    const refused = async (flags: { leave?: string; punches?: string }) => {
      try {
        await runScore(month, { scheme: 'bianmin-10pt', ...flags });
      } catch (error) {
        if (error instanceof InputError) return error.problems.filter((p) => p.severity === 'error').map((p) => [p.code, p.at.sheet, p.args]);
        throw error;
      }
      throw new Error('expected input problems');
    };
    expect(await refused({ leave })).toEqual([['sheet_given_twice', '请假', { sheet: '请假', flag: 'leave', csv: 'leave-0002.csv' }]]);
    expect(await refused({ punches })).toEqual([['sheet_given_twice', '考勤', { sheet: '考勤', flag: 'punches', csv: 'punches-0001.csv' }]]);
  });
});

describe('a person the export holds nothing of in the period (falsealarm16)', () => {
  it('is neither refused as unknown nor one of the period’s people: said once, by number', async () => {
    // A log read for November: 101 (张三 on the roster, by 考勤号码) punches on Mon 2 November; 109 left in
    // October and is on no roster. Before: 导出中的“109”不在人员表中（共 0 次打卡）, exit 1, nothing scored.
    const dir = tempDir();
    const roster = await writeWorkbook(join(dir, '人员.xlsx'), { 人员: [['工号', '姓名', '窗口', '考勤号码'], ['001', '张三', '民政窗口', '101']] });
    const log = join(dir, '1_attlog.dat');
    const line = (id: string, stamp: string) => `      ${id}\t${stamp}\t1\t0\t1\t0`;
    writeFileSync(log, [line('109', '2026-10-30 07:58:00'), line('109', '2026-10-30 17:32:00'), ...['07:55', '11:35', '13:55', '17:35'].map((t) => line('101', `2026-11-02 ${t}:00`))].join('\r\n') + '\r\n');
    const run = await kaohe('attendance', '--punches', log, '--roster', roster, '--period', '2026-11');
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('导出中有 1 人在 2026-11-01 至 2026-11-30 之内没有任何记录（109），未作为本期人员');
    expect(run.stderr).not.toContain('不在人员表中');
  });

  it('one whose punches the period holds under another number is not said to have nothing (孙海燕: the log’s 105, the approval list’s 0005)', async () => {
    // 孙海燕's only approval row is a rejected 年假 (dropped); she punches every working day as 105.
    // Before: 导出中有 1 人…没有任何记录（孙海燕（0005）），未作为本期人员, while she was scored.
    const run = await kaohe('attendance', await attlogFile(dir), '--roster', roster, '--leave', await approvalFile(dir), '--period', '2026-11');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toContain('没有任何记录');
    expect(table(run.stdout)['0005']?.['出勤天数']).toBe('21');
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runAttendance } from '../src/commands/attendance.js';
import { kaohe } from './kaohe.js';
import { folderWithRoster, recordHeader, writeWorkbook, type SheetRows } from './workbook.js';

/**
 * An export that states a punch's role (DingTalk 每日统计's slot 下班2, WeCom 打卡详情's 打卡类型)
 * is judged by it, on import as on a direct run. One day, 2026-11-03 (a Tuesday), scored by
 * bianmin-10pt: winter hours 08:00–11:30 and 14:00–17:30, grace 0; 迟到 (1.1) and 早退 (1.2)
 * −1 each, 缺卡 listed, not scored. The exports speak for that day only, so no other day counts.
 *   0001 甲一  07:55 11:35 13:55, 下班2 15:00 → 早退 17:30 − 15:00 = 150 min → 10 − 1 = 9
 *   0002 乙二  上班1 10:00, 11:35 13:55 17:35 → 迟到 10:00 − 08:00 = 120 min → 10 − 1 = 9
 * Taken by nearness instead, 15:00 (60 min from 14:00, 150 from 17:30) is the afternoon's arrival
 * and 10:00 (90 min from 11:30, 120 from 08:00) the morning's departure: a 缺卡 each, 10 points.
 */
const { dir, roster } = await folderWithRoster([
  ['0001', '甲一', '民政窗口'],
  ['0002', '乙二', '社保窗口'],
]);

const days: Record<string, [string, string, string][]> = {
  // per slot 上班1 下班1 上班2 下班2: the time and the platform's result
  甲一: [
    ['上班', '07:55', '正常'],
    ['下班', '11:35', '正常'],
    ['上班', '13:55', '正常'],
    ['下班', '15:00', '早退150分钟'],
  ],
  乙二: [
    ['上班', '10:00', '迟到120分钟'],
    ['下班', '11:35', '正常'],
    ['上班', '13:55', '正常'],
    ['下班', '17:35', '正常'],
  ],
};
const ids: Record<string, string> = { 甲一: '0001', 乙二: '0002' };

function dingtalkDaily(): Promise<string> {
  const identity = ['姓名', '考勤组', '部门', '工号', '职位', 'UserId', '日期', '班次'];
  const slots = ['上班1', '下班1', '上班2', '下班2'].flatMap((s) => [`${s}打卡时间`, `${s}打卡结果`]);
  const rows: SheetRows = [['每日统计'], ['统计日期：2026-11-03 至 2026-11-03'], [...identity, ...slots]];
  for (const [name, slotsOfDay] of Object.entries(days)) rows.push([name, '中心考勤组', '窗口', ids[name]!, '窗口人员', `u${ids[name]}`, '2026-11-03 星期二', 'A 08:00-11:30 14:00-17:30', ...slotsOfDay.flatMap(([, time, result]) => [time, result])]);
  return writeWorkbook(join(dir, '每日统计.xlsx'), { 每日统计: rows });
}

function wecomDetail(): Promise<string> {
  const header = ['日期', '姓名', '账号', '部门', '职务', '所属规则', '打卡类型', '应打卡时间', '实际打卡时间', '打卡状态', '打卡地点', '打卡设备', '备注', '假勤申请'];
  const due = ['08:00', '11:30', '14:00', '17:30'];
  const rows: SheetRows = [header];
  for (const [name, slotsOfDay] of Object.entries(days)) slotsOfDay.forEach(([role, time, result], n) => rows.push(['2026/11/03 星期二', name, `u${ids[name]}`, '窗口', '窗口人员', '值班规则', role, due[n]!, time, result, '中心大厅', '手机', null, null]));
  return writeWorkbook(join(dir, '打卡详情.xlsx'), { 打卡详情: rows });
}

async function totals(...args: string[]): Promise<Record<string, number>> {
  const run = await kaohe('score', ...args, '--period', '2026-11', '--scheme', 'bianmin-10pt', '--json');
  expect(run.code, run.stderr).toBe(0);
  const json = JSON.parse(run.stdout) as { subjects: { id: string; total: number }[] };
  return Object.fromEntries(json.subjects.map((s) => [s.id, s.total]));
}

/** kaohe attendance's 迟到/早退/缺卡 counts and minutes of a person. */
async function counts(...args: string[]): Promise<Record<string, string[]>> {
  const run = await kaohe('attendance', ...args, '--period', '2026-11', '--scheme', 'bianmin-10pt');
  expect(run.code, run.stderr).toBe(0);
  const lines = run.stdout.split('\n').filter((l) => l.trim() !== '');
  const columns = lines[1]!.trim().split(/\s+/);
  const rows = lines.slice(2).filter((l) => /^\d{4}\s/.test(l)).map((l) => l.trim().split(/\s+/));
  const pick = ['迟到', '迟到分钟', '早退', '早退分钟', '缺卡'].map((c) => columns.indexOf(c));
  return Object.fromEntries(rows.map((r) => [r[0]!, pick.map((i) => r[i] ?? '')]));
}

const judged = { '0001': ['0', '0', '1', '150', '0'], '0002': ['1', '120', '0', '0', '0'] };

/** An export scored with the roster: the platform's own verdicts (judged), 9 points each (10 − 1). */
async function expectJudged(file: string): Promise<void> {
  expect(await counts(file, '--roster', roster)).toEqual(judged);
  expect(await totals(file, '--roster', roster)).toEqual({ '0001': 9, '0002': 9 });
}

/**
 * kaohe import -o of an export: its 考勤 sheet gives 甲一's 15:00 as 下班 and 乙二's 10:00 as 上班
 * in the 打卡类型 column, and the file scores as the export does (the judged counts, 9 each).
 */
async function expectImportedAsExport(name: string, file: string): Promise<void> {
  const out = join(dir, `${name}-导入.xlsx`);
  const run = await kaohe('import', file, '--roster', roster, '--period', '2026-11', '-o', out);
  expect(run.code, run.stderr).toBe(0);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(out);
  const rows = book.getWorksheet('考勤')!.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1));
  expect(rows[0]).toEqual(['工号', '姓名', '日期', '时间', '打卡类型']);
  expect(rows).toContainEqual(['0001', '甲一', '2026-11-03', '15:00', '下班']);
  expect(rows).toContainEqual(['0002', '乙二', '2026-11-03', '10:00', '上班']);
  expect(await counts(out)).toEqual(judged);
  expect(await totals(out)).toEqual(await totals(file, '--roster', roster));
}

describe('an export’s stated 上班/下班', () => {
  it('DingTalk 每日统计: 下班2 15:00 is 早退, 上班1 10:00 is 迟到', async () => {
    const file = await dingtalkDaily();
    await expectJudged(file);
  });

  it('WeCom 打卡详情: 打卡类型 下班 at 15:00 is 早退, 上班 at 10:00 is 迟到', async () => {
    const file = await wecomDetail();
    await expectJudged(file);
  });

  it('kaohe import -o writes 打卡类型, and scoring the file equals scoring the export', async () => {
    await expectImportedAsExport('dingtalk', await dingtalkDaily());
    await expectImportedAsExport('wecom', await wecomDetail());
  });
});

/**
 * Exports whose punches come from a column or sheet that states no side, beside slots that do.
 * DingTalk's full 考勤报表 takes its punches from 原始记录, whose 考勤时间 is the scheduled time
 * the platform matched each punch to: 17:30 is the end of 班次 A's second session (14:00-17:30),
 * so 15:00 matched to it is a 下班; 10:00 matched to 08:00, the start of the first, a 上班. WeCom
 * 日报 takes them from 打卡时间记录; each time stands in a slot (下班2 15:00, 上班1 10:00) that
 * states its side. Either way the day is judged as above: 甲一 早退 150 min, 乙二 迟到 120 min, 9 each.
 */
describe('punches read without a side, beside a row that states it', () => {
  const scheduled = ['08:00', '11:30', '14:00', '17:30'];

  function rawRecords(): SheetRows {
    const rows: SheetRows = [['原始记录'], ['统计日期：2026-11-03 至 2026-11-03    报表生成时间：2026-12-01 09:12'], ['姓名', '考勤组', '部门', '工号', '职位', 'UserId', '考勤日期', '考勤时间', '打卡时间', '打卡结果', '打卡地址', '打卡备注', '异常打卡原因', '打卡图片', '打卡设备', '管理员修改备注']];
    for (const [name, slotsOfDay] of Object.entries(days)) {
      slotsOfDay.forEach(([, time, result], n) => rows.push([name, '中心考勤组', '窗口', ids[name]!, '窗口人员', `u${ids[name]}`, '26-11-03 星期二', scheduled[n]!, `2026-11-03 ${time}:00`, result.replace(/\d+分钟$/, ''), '中心大厅', null, null, null, '考勤机M2', null]));
    }
    return rows;
  }

  function dailyStatistics(): SheetRows {
    const identity = ['姓名', '考勤组', '部门', '工号', '职位', 'UserId', '日期', '班次'];
    const slots = ['上班1', '下班1', '上班2', '下班2'].flatMap((s) => [`${s}打卡时间`, `${s}打卡结果`]);
    const rows: SheetRows = [['每日统计'], ['统计日期：2026-11-03 至 2026-11-03'], [...identity, ...slots]];
    for (const [name, slotsOfDay] of Object.entries(days)) rows.push([name, '中心考勤组', '窗口', ids[name]!, '窗口人员', `u${ids[name]}`, '26-11-03 星期二', 'A 08:00-11:30 14:00-17:30', ...slotsOfDay.flatMap(([, time, result]) => [time, result])]);
    return rows;
  }

  /** A DingTalk 考勤报表 workbook with its sheets in the order given. */
  function dingtalkReport(name: string, sheets: ('每日统计' | '原始记录')[]): Promise<string> {
    const of = { 每日统计: dailyStatistics, 原始记录: rawRecords };
    return writeWorkbook(join(dir, name), Object.fromEntries(sheets.map((s) => [s, of[s]()])));
  }

  /** WeCom 概况统计与打卡明细 (日报): a two-row header whose group cells are merged, as WeCom writes it. */
  async function wecomDaily(): Promise<string> {
    const identity = ['时间', '姓名', '账号', '部门', '职务', '所属规则', '班次', '最早', '最晚', '打卡次数', '假勤申请', '考勤结果'];
    const slots = ['上班1', '下班1', '上班2', '下班2'];
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('概况统计与打卡明细');
    sheet.addRow(['概况统计与打卡明细']);
    sheet.addRow(['统计时间：2026-11-03 至 2026-11-03']);
    sheet.addRow([...identity, ...slots.flatMap((s) => [s, null]), '打卡时间记录', '查看']);
    sheet.addRow([...identity.map(() => null), ...slots.flatMap(() => ['打卡时间', '打卡状态']), null, null]);
    for (const [name, slotsOfDay] of Object.entries(days)) {
      const times = slotsOfDay.map(([, time]) => time);
      const odd = slotsOfDay.map(([, , result]) => result).filter((r) => r !== '正常');
      sheet.addRow(['2026/11/03 星期二', name, `u${ids[name]}`, '窗口', '窗口人员', '中心打卡规则', '中心班次 08:00-11:30 14:00-17:30', times[0], times[3], 4, null, odd.join(';'), ...slotsOfDay.flatMap(([, time, result]) => [time, result]), times.join(' '), '查看']);
    }
    sheet.mergeCells(1, 1, 1, 22);
    sheet.mergeCells(2, 1, 2, 22);
    identity.forEach((_, i) => sheet.mergeCells(3, i + 1, 4, i + 1));
    slots.forEach((_, i) => sheet.mergeCells(3, identity.length + 1 + i * 2, 3, identity.length + 2 + i * 2));
    const path = join(dir, '企业微信日报.xlsx');
    await book.xlsx.writeFile(path);
    return path;
  }

  it('DingTalk 考勤报表: 原始记录’s 考勤时间 17:30 (an end of 班次 A) makes 15:00 a 下班, 08:00 (a start) makes 10:00 a 上班, whichever sheet comes first', async () => {
    for (const [name, order] of [
      ['考勤报表.xlsx', ['每日统计', '原始记录']],
      ['考勤报表_原始记录在前.xlsx', ['原始记录', '每日统计']],
    ] as const) {
      const file = await dingtalkReport(name, [...order]);
      await expectJudged(file);
    }
  });

  it('DingTalk 原始记录 alone states no shift: 考勤时间 tells no side; a session’s first punch arrives, its last leaves (9 each)', async () => {
    // schemes.md "From punches to records": 甲一's afternoon 13:55 … 15:00 → 早退 17:30 − 15:00 =
    // 150 min; 乙二's morning 10:00 … 11:35 → 迟到 10:00 − 08:00 = 120 min; 10 − 1 = 9 each, as the
    // platform's 打卡结果 says. By nearness alone (15:00 nearer 14:00, 10:00 nearer 11:30) each was a
    // 缺卡 and 10 points.
    const file = await dingtalkReport('原始记录.xlsx', ['原始记录']);
    await expectJudged(file);
  });

  it('a 考勤时间 that is no time (a General number, a word) is not used, said once at the first with the count; those punches are placed as without the column', async () => {
    const rows = rawRecords();
    // rows 4–7 甲一, 8–11 乙二; 考勤时间 is column H. 0.7291666 × 24 h = 17.5 h (17:30 shown as a number): not guessed, as in 打卡时间
    rows[6]![7] = 0.7291666666666666;
    rows[7]![7] = '早班';
    const file = await writeWorkbook(join(dir, '考勤时间不是时间.xlsx'), { 每日统计: dailyStatistics(), 原始记录: rows });
    const run = await runAttendance(file, { roster, period: '2026-11', scheme: 'bianmin-10pt' });
    expect(run.warnings.filter((p) => p.code === 'export_scheduled_unread').map((p) => [p.at.sheet, p.at.row, p.at.columnLetter, p.args.value, p.args.count])).toEqual([['原始记录', 7, 'H', '0.729166667', 2]]);
    // Placed as without 考勤时间: 甲一's afternoon 13:55 … 15:00, its last punch leaves → 早退 150; 乙二's 10:00 keeps 08:00 (row 8 read) → 迟到 120
    const on3rd = run.people.map((p) => [p.personId, p.events.filter((e) => e.date === '2026-11-03').map((e) => [e.kind, e.minutes])]);
    expect(on3rd).toEqual([
      ['0001', [['early', 150]]],
      ['0002', [['late', 120]]],
    ]);
  });

  it('WeCom 日报: the 打卡时间记录 time 15:00 stands in 下班2, 10:00 in 上班1', async () => {
    const file = await wecomDaily();
    await expectJudged(file);
  });

  it('kaohe import -o of either writes 打卡类型, and scoring the file equals scoring the export', async () => {
    await expectImportedAsExport('dingtalk-report', await dingtalkReport('考勤报表.xlsx', ['每日统计', '原始记录']));
    await expectImportedAsExport('wecom-daily', await wecomDaily());
  });
});

describe('punches whose sheet states no role', () => {
  it('a clock’s 刷卡记录 whose 上下班标志 stayed at 上班 all day: placed by nearness, a clean day', async () => {
    // The terminal's state key, not the platform's judgement: taken as roles, 11:35 and 17:35
    // (上班) would be no departures, two 缺卡; by nearness 07:55/11:35 and 13:55/17:35 are in time.
    const file = join(dir, '刷卡记录.csv');
    const header = '人员编号,登记号码,姓名,星期,刷卡日期,刷卡时间,签到方式,设备编号,上下班标志,操作员,操作日期,备注';
    const rows = ['07:55', '11:35', '13:55', '17:35'].map((t) => `0001,1,甲一,星期二,2026/11/3,${t},指纹,1,上班,,,`);
    writeFileSync(file, [header, ...rows].join('\r\n') + '\r\n');
    expect((await counts(file, '--roster', roster))['0001']).toEqual(['0', '0', '0', '0', '0']);
  });


  /** A month workbook whose 考勤 speaks for 2026-11-03 only (设置 考勤起始日期/考勤截止日期). */
  function month(name: string, punches: SheetRows): Promise<string> {
    return writeWorkbook(join(dir, name), {
      人员: [
        ['工号', '姓名', '窗口'],
        ['0001', '甲一', '民政窗口'],
      ],
      记录: [recordHeader],
      考勤: punches,
      设置: [
        ['设置项', '值'],
        ['考勤起始日期', '2026-11-03'],
        ['考勤截止日期', '2026-11-03'],
      ],
    });
  }

  it('one cell 07:55 11:35 13:55 15:00: the afternoon’s last punch 15:00 is its departure → 早退 150 minutes → 9', async () => {
    // schemes.md "From punches to records": "last punch earlier than end − grace → 早退": 15:00 <
    // 17:30 − 0, 17:30 − 15:00 = 150 minutes; 1.2 −1 → 10 − 1 = 9. No role stated, and 15:00 is
    // nearer 14:00, but two punches in a session are its arrival and its departure (it was a 缺卡, 10).
    const file = await month('一格.xlsx', [
      ['工号', '姓名', '日期', '打卡时间'],
      ['0001', '甲一', '2026-11-03', '07:55 11:35 13:55 15:00'],
    ]);
    expect(await counts(file)).toEqual({ '0001': ['0', '0', '1', '150', '0'] });
    expect(await totals(file)).toEqual({ '0001': 9 });
  });

  it('the same punches one a row with 打卡类型 下班 on 15:00: 早退 150 minutes → 9', async () => {
    const file = await month('打卡类型.xlsx', [
      ['工号', '姓名', '日期', '时间', '打卡类型'],
      ['0001', '甲一', '2026-11-03', '07:55', '上班'],
      ['0001', '甲一', '2026-11-03', '11:35', '下班'],
      ['0001', '甲一', '2026-11-03', '13:55', null],
      ['0001', '甲一', '2026-11-03', '15:00', '下班'],
    ]);
    expect(await counts(file)).toEqual({ '0001': ['0', '0', '1', '150', '0'] });
    expect(await totals(file)).toEqual({ '0001': 9 });
  });
});

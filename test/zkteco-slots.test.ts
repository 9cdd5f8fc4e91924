import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { kaohe } from './kaohe.js';
import { tempDir, writeWorkbook, type SheetRows } from './workbook.js';

/**
 * ZKTeco 考勤明细 writes one row a person, day and 时段 (上午 08:00–11:30, 下午 14:00–17:30):
 * its 例外情况 and its repeats are about that 时段. One invented person, 周一凡 (考勤号码 101,
 * 工号 0001), Monday 2026-11-02 to Friday 11-06, on time every half day unless a test says so;
 * scored by bianmin-10pt (winter hours 08:00–11:30, 14:00–17:30).
 */
const HEADER = ['考勤号码', '姓名', '日期', '对应时段', '签到时间', '签退时间', '应到', '实到', '迟到时间', '早退时间', '是否旷工', '加班时间', '工作时间', '例外情况', '应签到', '应签退', '部门'];
const DAYS = ['2026/11/2', '2026/11/3', '2026/11/4', '2026/11/5', '2026/11/6'];

type Row = (string | number | null)[];

function slotRow(day: string, slot: '上午' | '下午', punches: [string | null, string | null], leave: string | null = null): Row {
  const [start, end] = slot === '上午' ? ['08:00', '11:30'] : ['14:00', '17:30'];
  return [101, '周一凡', day, slot, punches[0], punches[1], 0.5, 0.5, null, null, null, null, null, leave, start, end, '民政窗口'];
}

/** The five days on time, with `change` to rewrite the rows (sheet rows 2–11 in order). */
function month(change: (rows: Row[]) => Row[] = (rows) => rows): SheetRows {
  const rows = DAYS.flatMap((d) => [slotRow(d, '上午', ['07:55', '11:35']), slotRow(d, '下午', ['13:55', '17:35'])]);
  return [HEADER, ...change(rows)];
}

let dir: string;
let roster: string;

beforeAll(async () => {
  dir = tempDir();
  roster = await writeWorkbook(join(dir, '人员.xlsx'), { 人员: [['工号', '姓名', '窗口', '考勤号码'], ['0001', '周一凡', '民政窗口', '101']] });
});

async function attendance(name: string, rows: SheetRows) {
  const file = await writeWorkbook(join(dir, name), { 考勤明细: rows });
  return kaohe('attendance', '--punches', file, '--roster', roster, '--scheme', 'bianmin-10pt');
}

/** The summary line of 0001 as {column: value}. */
function summary(stdout: string): Record<string, string> {
  const lines = stdout.split('\n').filter((l) => l.trim() !== '');
  const header = lines.find((l) => l.trim().startsWith('工号'))!.trim().split(/\s+/);
  const row = lines.find((l) => l.trim().startsWith('0001'))!.trim().split(/\s+/);
  return Object.fromEntries(header.map((h, i) => [h, row[i] ?? '']));
}

describe('ZKTeco 考勤明细: 例外情况 on one 时段 row', () => {
  // 11-03 上午 no punches, 例外情况 事假; 下午 punched 13:55 / 17:35.
  const halfDayLeave = month((rows) => rows.map((r, i) => (i === 2 ? slotRow('2026/11/3', '上午', [null, null], '事假') : r)));

  it('covers that 时段 only: 事假 half a day, the afternoon worked', async () => {
    const run = await attendance('half-leave.xlsx', halfDayLeave);
    expect(run.code, run.stderr).toBe(0);
    // 5 working days; 11-03 morning on leave (0.5), everything else punched on time:
    // 出勤 5 − 0.5 = 4.5, 事假 0.5, no lateness, absence or 缺卡. (Read as the whole day: 4 and 1.)
    expect(summary(run.stdout)).toMatchObject({ 应出勤天数: '5', 出勤天数: '4.5', 迟到: '0', 早退: '0', 旷工天数: '0', 缺卡: '0', 事假天数: '0.5' });
  });

  it('is imported as a leave with that 时段’s 应签到–应签退 times', async () => {
    const file = await writeWorkbook(join(dir, 'half-leave-import.xlsx'), { 考勤明细: halfDayLeave });
    const out = join(dir, 'half-leave-template.xlsx');
    const run = await kaohe('import', file, '--roster', roster, '-o', out);
    expect(run.code, run.stderr).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const leave = book.getWorksheet('请假')!;
    // 工号 姓名 类型 开始日期 结束日期 时段 开始时间 结束时间: the 上午 row's 08:00–11:30
    const cells = [1, 2, 3, 4, 5, 6, 7, 8].map((c) => leave.getRow(2).getCell(c).text);
    expect(cells).toEqual(['0001', '周一凡', '事假', '2026-11-03', '', '', '08:00', '11:30']);
    expect(leave.rowCount).toBe(2);
  });

  it('on both rows of a day covers the whole day', async () => {
    // 11-04 上午 and 下午 both 事假, no punches: 出勤 5 − 1 = 4, 事假 1, no absence.
    const rows = month((r) => r.map((row, i) => (i === 4 ? slotRow('2026/11/4', '上午', [null, null], '事假') : i === 5 ? slotRow('2026/11/4', '下午', [null, null], '事假') : row)));
    const run = await attendance('day-leave.xlsx', rows);
    expect(run.code, run.stderr).toBe(0);
    expect(summary(run.stdout)).toMatchObject({ 出勤天数: '4', 旷工天数: '0', 事假天数: '1' });
  });
});

describe('ZKTeco 考勤明细: a 时段 row written twice', () => {
  it('identical: counted once, and said', async () => {
    // 11-04 上午 (sheet row 6) repeated as row 7: still 5 days on time, nothing missing or doubled.
    const rows = month((r) => [...r.slice(0, 5), r[4]!, ...r.slice(5)]);
    const run = await attendance('repeated.xlsx', rows);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('有 1 行与前面的行完全相同');
    expect(summary(run.stdout)).toMatchObject({ 应出勤天数: '5', 出勤天数: '5', 迟到: '0', 缺卡: '0', 旷工天数: '0' });
  });

  it('different: an error naming both rows and the cell that differs, nothing else read as a guess', async () => {
    // row 6: 11-04 上午 07:55–11:35; row 7: the same 时段 signed in 08:10 instead.
    const rows = month((r) => [...r.slice(0, 5), slotRow('2026/11/4', '上午', ['08:10', '11:35']), ...r.slice(5)]);
    const run = await attendance('two-versions.xlsx', rows);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('第7行');
    expect(run.stderr).toContain('签到时间');
    expect(run.stderr).toContain('这一行与第6行都是 周一凡 2026-11-04 时段“上午”的记录，但内容不同（第6行为“07:55”，这一行为“08:10”）');
    expect(run.stderr).not.toContain('无法识别');
  });
});

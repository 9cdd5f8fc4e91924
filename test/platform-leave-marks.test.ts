import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runAttendance, type AttendanceRun } from '../src/commands/attendance.js';
import { folderWithRoster, writeWorkbook, type SheetRows } from './workbook.js';

/**
 * The platform's own leave marks (attendance-exports.md, "What this means for a reader" 5 and 7):
 * DingTalk 每日统计 slot results 请假, WeCom 日报 考勤结果 正常（请假）, WeCom 打卡详情 无需打卡（请假）.
 * A slot the platform marks as leave is leave, whatever the approval cell says; the cell gives
 * its type, and a cell that says nothing of when (事假, 事假4小时) covers the marked slots only.
 *
 * November 2026, Monday 2 to Friday 6 (five working days, no holiday), bianmin-10pt's winter
 * hours 08:00–11:30 and 14:00–17:30. Everyone punches on time except on Wednesday 11-04.
 */
const days = ['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06'];
const weekdays = ['一', '二', '三', '四', '五'];
const onTime = ['07:55', '11:35', '13:55', '17:35'];

const { dir, roster } = await folderWithRoster([
  ['0001', '陈一', '民政窗口'],
  ['0002', '刘二', '社保窗口'],
]);

async function attendanceOf(file: string, extra: { leave?: string } = {}): Promise<AttendanceRun> {
  return runAttendance(file, { roster, scheme: 'bianmin-10pt', period: '2026-11', ...extra });
}

function person(run: AttendanceRun, id: string) {
  const p = run.people.find((x) => x.personId === id)!;
  return { absentHalfDays: p.absentHalfDays, absentDays: p.absentDays, leaveDays: p.leaveDays };
}

function untyped(run: AttendanceRun) {
  return run.warnings.filter((w) => w.code === 'leave_type_not_given').map((w) => [w.severity, w.args.people]);
}

// ── DingTalk 每日统计 ──────────────────────────────────────────────────────────────────────

const dingtalkHeader = ['姓名', '工号', '部门', '日期', '班次', '上班1打卡时间', '上班1打卡结果', '下班1打卡时间', '下班1打卡结果', '上班2打卡时间', '上班2打卡结果', '下班2打卡时间', '下班2打卡结果', '关联的审批单'];

/** 陈一's and 刘二's rows; on 11-04 each gets the four slot results and the approval cell given. */
async function dingtalkDaily(name: string, wednesday: Record<string, { results: string[]; approval: string | null }>): Promise<string> {
  const rows: SheetRows = [['每日统计'], ['统计日期：2026-11-02 至 2026-11-06'], dingtalkHeader];
  for (const [n, date] of days.entries()) {
    for (const [who, id] of [['陈一', '0001'], ['刘二', '0002']] as const) {
      const row: SheetRows[number] = [who, id, '窗口', `${date} 星期${weekdays[n]}`, 'A 08:00-11:30 14:00-17:30'];
      const odd = date === '2026-11-04' ? wednesday[who] : undefined;
      for (const [slot, time] of onTime.entries()) row.push(...(odd ? [null, odd.results[slot]!] : [time, '正常']));
      row.push(odd?.approval ?? null);
      rows.push(row);
    }
  }
  return writeWorkbook(join(dir, name), { 每日统计: rows });
}

describe('DingTalk 每日统计: slots the platform marks 请假', () => {
  it('all four slots 请假 and no approval text: leave of no stated type, not 旷工, and said', async () => {
    const file = await dingtalkDaily('全天请假.xlsx', {
      陈一: { results: ['请假', '请假', '请假', '请假'], approval: null },
      刘二: { results: ['缺卡', '缺卡', '缺卡', '缺卡'], approval: null },
    });
    const run = await attendanceOf(file);
    // 陈一: both halves of 11-04 on leave (2 × 0.5 = 1 day of 请假), no absence. Before, the
    // marks were ignored: both halves absent, 1 absence day (bianmin −2).
    expect(person(run, '0001')).toEqual({ absentHalfDays: 0, absentDays: 0, leaveDays: { 请假: 1 } });
    // 刘二, 缺卡 in every slot and no punch: both halves absent, one absence day.
    expect(person(run, '0002')).toEqual({ absentHalfDays: 2, absentDays: 1, leaveDays: {} });
    expect(untyped(run)).toEqual([['warning', '陈一（2026-11-04）']]);
  });

  it('morning slots 请假, afternoon 缺卡, approval 事假 or 事假4小时 (no times): 事假 the morning only, the afternoon absent', async () => {
    for (const approval of ['事假', '事假4小时']) {
      const file = await dingtalkDaily(`上午请假-${approval}.xlsx`, { 陈一: { results: ['请假', '请假', '缺卡', '缺卡'], approval } });
      const run = await attendanceOf(file);
      // The platform marks 上班1/下班1 (the morning): 事假 0.5 day. The afternoon has no punch and
      // no leave: one absent half, one absence day. Before, the bare 事假 excused the whole day.
      expect(person(run, '0001'), approval).toEqual({ absentHalfDays: 1, absentDays: 1, leaveDays: { 事假: 0.5 } });
      expect(untyped(run), approval).toEqual([]);
    }
  });

  it('an approval with its own times is taken as written; its type is the one counted', async () => {
    const file = await dingtalkDaily('审批单.xlsx', { 陈一: { results: ['请假', '请假', '请假', '请假'], approval: '事假11-04 08:00到11-04 17:30 7小时' } });
    const run = await attendanceOf(file);
    // 08:00–17:30 covers both halves: 事假 1 day, no absence, nothing untyped.
    expect(person(run, '0001')).toEqual({ absentHalfDays: 0, absentDays: 0, leaveDays: { 事假: 1 } });
    expect(untyped(run)).toEqual([]);
  });

  it('the 请假 sheet (--leave) gives the type the export leaves out: no clash, no warning, counted as that type', async () => {
    const file = await dingtalkDaily('全天请假2.xlsx', { 陈一: { results: ['请假', '请假', '请假', '请假'], approval: null } });
    const leave = join(dir, '请假.csv');
    writeFileSync(leave, '工号,姓名,类型,开始日期\n0001,陈一,病假,2026-11-04\n');
    const run = await attendanceOf(file, { leave });
    // 病假 covers both halves the export marks 请假: 1 day of 病假 and no 请假 left untyped.
    expect(person(run, '0001')).toEqual({ absentHalfDays: 0, absentDays: 0, leaveDays: { 病假: 1 } });
    expect(untyped(run)).toEqual([]);
  });
});

// ── WeCom 日报 ────────────────────────────────────────────────────────────────────────────

describe('WeCom 日报: 考勤结果 正常（请假）', () => {
  it('with the 假勤申请 cell empty: leave of no stated type for the day, not 旷工', async () => {
    const header = ['时间', '姓名', '账号', '部门', '所属规则', '班次', '最早', '最晚', '打卡次数', '假勤申请', '考勤结果', '打卡时间记录'];
    const rows: SheetRows = [['概况统计与打卡明细'], ['统计时间：2026-11-02 至 2026-11-06'], header];
    for (const [n, date] of [...days.entries()].reverse()) {
      const leave = date === '2026-11-04';
      const shown = `${date.replace(/-/g, '/')} 星期${weekdays[n]}`;
      rows.push([shown, '陈一', 'cy', '窗口', '规则', '班次 08:00-11:30 14:00-17:30', leave ? '--' : '07:55', leave ? '--' : '17:35', leave ? 0 : 4, null, leave ? '正常（请假）' : '正常', leave ? '--' : onTime.join(' ')]);
      rows.push([shown, '刘二', 'le', '窗口', '规则', '班次 08:00-11:30 14:00-17:30', '07:55', '17:35', 4, null, '正常', onTime.join(' ')]);
    }
    const run = await attendanceOf(await writeWorkbook(join(dir, '日报.xlsx'), { 概况统计与打卡明细: rows }));
    // 11-04 on leave all day: 1 day of 请假, no absence (before: 1 absence day).
    expect(person(run, '0001')).toEqual({ absentHalfDays: 0, absentDays: 0, leaveDays: { 请假: 1 } });
    expect(untyped(run)).toEqual([['warning', '陈一（2026-11-04）']]);
  });
});

// ── WeCom 打卡详情 ────────────────────────────────────────────────────────────────────────

describe('WeCom 打卡详情: 打卡状态 无需打卡（请假） with 假勤申请 empty', () => {
  const header = ['日期', '姓名', '账号', '部门', '职务', '所属规则', '打卡类型', '应打卡时间', '实际打卡时间', '打卡状态', '打卡地点', '打卡设备', '备注', '假勤申请'];
  const roles = ['上班', '下班', '上班', '下班'];
  const scheduled = ['08:00', '11:30', '14:00', '17:30'];

  async function detail(name: string, wednesday: string[]): Promise<string> {
    const rows: SheetRows = [header];
    for (const [n, date] of days.entries()) {
      const shown = `${date.replace(/-/g, '/')} 星期${weekdays[n]}`;
      for (const slot of [0, 1, 2, 3]) {
        const status = date === '2026-11-04' ? wednesday[slot]! : '正常';
        const actual = status === '正常' ? onTime[slot]! : '--';
        rows.push([shown, '陈一', 'cy', '窗口', '窗口人员', '规则', roles[slot]!, scheduled[slot]!, actual, status, '中心大厅', '手机', null, null]);
      }
    }
    return writeWorkbook(join(dir, name), { 打卡详情: rows });
  }

  it('the whole day so: read as leave of no stated type (it stopped the run: 请假类型“请假”无法识别)', async () => {
    const run = await attendanceOf(await detail('详情全天.xlsx', ['无需打卡（请假）', '无需打卡（请假）', '无需打卡（请假）', '无需打卡（请假）']));
    // Both sessions on leave: 1 day of 请假, no absence.
    expect(person(run, '0001')).toEqual({ absentHalfDays: 0, absentDays: 0, leaveDays: { 请假: 1 } });
    expect(untyped(run)).toEqual([['warning', '陈一（2026-11-04）']]);
  });

  it('the morning rows so and the afternoon 缺卡: the morning on leave, the afternoon absent', async () => {
    const run = await attendanceOf(await detail('详情上午.xlsx', ['无需打卡（请假）', '无需打卡（请假）', '缺卡', '缺卡']));
    // Each row's mark covers its own session (08:00–11:30): 请假 0.5 day; 14:00–17:30 has no
    // punch and no leave: one absent half, one absence day.
    expect(person(run, '0001')).toEqual({ absentHalfDays: 1, absentDays: 1, leaveDays: { 请假: 0.5 } });
  });
});

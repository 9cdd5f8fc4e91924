import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kaohe } from './kaohe.js';
import { folderWithRoster, writeWorkbook, type SheetRows } from './workbook.js';

/**
 * WeCom 打卡详情 has one row per *expected* punch: its 打卡类型 and 应打卡时间 state the sessions
 * the platform judged the day by (attendance-exports.md, F1). Scored by bianmin-10pt, whose own
 * winter hours are two sessions, 08:00–11:30 and 14:00–17:30.
 */
const header = ['日期', '姓名', '账号', '部门', '职务', '所属规则', '打卡类型', '应打卡时间', '实际打卡时间', '打卡状态', '打卡地点', '打卡设备', '备注', '假勤申请'];
const roles = ['上班', '下班', '上班', '下班', '上班', '下班'];

/** One person-day's rows: per slot its 应打卡时间, 实际打卡时间 (-- when missing), 打卡状态 and 假勤申请. */
function day(date: string, name: string, account: string, slots: [string, string, string, string?][]): SheetRows {
  return slots.map(([scheduled, actual, status, leave], n) => [date, name, account, '窗口', '窗口人员', '值班规则', roles[n]!, scheduled, actual, status, '中心大厅', '手机', null, leave ?? null]);
}

const { dir, roster } = await folderWithRoster([
  ['0001', '张伟', '民政窗口'],
  ['0002', '王芳', '社保窗口'],
  ['0003', '刘洋', '医保窗口'],
  ['0004', '李娜', '国土窗口'],
]);

/** kaohe attendance's table as {工号: {column: value}}. */
async function attendance(rows: SheetRows, name: string): Promise<Record<string, Record<string, string>>> {
  const file = await writeWorkbook(join(dir, name), { 打卡详情: [header, ...rows] });
  const run = await kaohe('attendance', '--punches', file, '--roster', roster, '--scheme', 'bianmin-10pt');
  expect(run.code, run.stderr).toBe(0);
  const lines = run.stdout.split('\n').filter((l) => l.trim() !== '');
  const columns = lines[1]!.trim().split(/\s+/);
  const people = lines.slice(2).filter((l) => /^\d{4}\s/.test(l)).map((l) => l.trim().split(/\s+/));
  return Object.fromEntries(people.map((r) => [r[0]!, Object.fromEntries(columns.map((c, i) => [c, r[i] ?? '']))]));
}

describe('WeCom 打卡详情: each punch judged against its own expected slot', () => {
  it('three sessions a day (08:00–11:30, 14:00–17:30, 19:00–21:00): the evening punches do not close the afternoon', async () => {
    const date = '2026/11/03 星期二';
    const onTime: [string, string, string][] = [
      ['08:00', '07:55', '正常'],
      ['11:30', '11:35', '正常'],
      ['14:00', '13:55', '正常'],
      ['17:30', '17:35', '正常'],
      ['19:00', '18:55', '正常'],
      ['21:00', '21:05', '正常'],
    ];
    const table = await attendance(
      [
        ...day(date, '张伟', 'zw1', onTime.map((s, n) => (n === 3 ? ['17:30', '17:00', '早退'] : s))),
        ...day(date, '王芳', 'zw2', onTime.map((s, n) => (n === 3 ? ['17:30', '--', '缺卡'] : s))),
        ...day(date, '刘洋', 'ly', onTime),
      ],
      '三段班.xlsx',
    );
    // 张伟 left the afternoon at 17:00, the slot says 17:30: one 早退 of 17:30 − 17:00 = 30 minutes
    // (the 21:05 clock-out is the evening's). 王芳 has no afternoon clock-out: one 缺卡 (her 18:55
    // is the evening's clock-in). 刘洋 punched every slot in time: 全勤.
    expect(table['0001']).toMatchObject({ 早退: '1', 早退分钟: '30', 缺卡: '0', 全勤: '' });
    expect(table['0002']).toMatchObject({ 早退: '0', 缺卡: '1', 全勤: '' });
    expect(table['0003']).toMatchObject({ 迟到: '0', 早退: '0', 缺卡: '0', 全勤: '全勤' });
  });

  it('a leave on the afternoon 上班 row (14:00, 调休2H) excuses the afternoon, not the morning', async () => {
    const table = await attendance(
      [
        ...day('2026/11/06 星期五', '李娜', 'ln', [
          ['08:00', '08:40', '迟到'],
          ['11:30', '11:35', '正常'],
          ['14:00', '--', '无需打卡（请假）', '调休2H'],
          ['17:30', '17:35', '正常'],
        ]),
        // 病假 on each of the day's rows: each covers its row's session, so the whole day together.
        ...day('2026/11/06 星期五', '张伟', 'zw1', [
          ['08:00', '--', '无需打卡（请假）', '病假'],
          ['11:30', '--', '无需打卡（请假）', '病假'],
          ['14:00', '--', '无需打卡（请假）', '病假'],
          ['17:30', '--', '无需打卡（请假）', '病假'],
        ]),
      ],
      '调休.xlsx',
    );
    // 李娜: the morning is hers to work, 08:40 − 08:00 = 40 minutes late; the 调休 covers the
    // 14:00–17:30 session, one of the day's two halves: 调休 0.5 day, no 缺卡, worked 1 − 0.5 = 0.5 day.
    expect(table['0004']).toMatchObject({ 迟到: '1', 迟到分钟: '40', 缺卡: '0', 调休天数: '0.5', 出勤天数: '0.5' });
    // 张伟: both sessions on 病假 → 病假 1 day, nothing missing.
    expect(table['0001']).toMatchObject({ 病假天数: '1', 缺卡: '0', 出勤天数: '0' });
  });
});

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kaohe } from './kaohe.js';
import { folderWithRoster, writeWorkbook, type SheetRows } from './workbook.js';

/**
 * A required-column mark (*工号, 姓名*, 打卡时间 ＊) in an export's header is read as the template's
 * are (read/header.ts): not part of the column's name. An invented DingTalk 原始记录 of one week,
 * 2026-11-02 (Mon) to 11-06 (Fri), all working days; scored by bianmin-10pt, whose winter hours
 * are 08:00–11:30 and 14:00–17:30 with no grace.
 */
const plain = ['姓名', '考勤组', '部门', '工号', '考勤日期', '考勤时间', '打卡时间', '打卡结果'];
const marked = ['姓名*', '考勤组', '部门', '*工号', '考勤日期', '考勤时间', '打卡时间 ＊', '打卡结果'];
const week = ['02', '03', '04', '05', '06'];
const weekdays = '一二三四五';
const onTime = ['07:55', '11:35', '13:55', '17:35'];
const scheduled = ['08:00', '11:30', '14:00', '17:30'];

/** One person's week, each day's four punches on time but where `odd` gives a day's other times. */
function punches(name: string, id: string, odd: Record<string, string[]>): SheetRows {
  return week.flatMap((day, d) =>
    (odd[day] ?? onTime).map((time, slot) => [name, '中心考勤组', '窗口', id, `26-11-${day} 星期${weekdays[d]}`, scheduled[slot]!, `2026-11-${day} ${time}:00`, '正常']),
  );
}

const rows = [...punches('张伟', '0001', { '03': ['08:09', '11:35', '13:55', '17:35'] }), ...punches('王芳', '0002', { '05': ['07:55', '11:35', '13:55', '17:20'] })];

const { dir, roster } = await folderWithRoster([
  ['0001', '张伟', '民政窗口'],
  ['0002', '王芳', '社保窗口'],
]);

/** kaohe attendance over an export headed `header`: its code, and its table as {工号: {column: value}}. */
async function attendance(header: string[], name: string): Promise<{ code: number; table: Record<string, Record<string, string>> }> {
  const file = await writeWorkbook(join(dir, name), { 原始记录: [['原始记录'], ['统计日期：2026-11-02 至 2026-11-06'], header, ...rows] });
  const run = await kaohe('attendance', '--punches', file, '--roster', roster, '--scheme', 'bianmin-10pt');
  const lines = run.stdout.split('\n').filter((l) => l.trim() !== '');
  const columns = lines[1]?.trim().split(/\s+/) ?? [];
  const people = lines.slice(2).filter((l) => /^\d{4}\s/.test(l)).map((l) => l.trim().split(/\s+/));
  return { code: run.code, table: Object.fromEntries(people.map((r) => [r[0]!, Object.fromEntries(columns.map((c, i) => [c, r[i] ?? '']))])) };
}

describe('an export header with required-column marks', () => {
  it('reads *工号, 姓名* and 打卡时间 ＊ as 工号, 姓名 and 打卡时间: the same week as its unmarked twin', async () => {
    const twin = await attendance(plain, '原始记录.xlsx');
    const read = await attendance(marked, '原始记录_必填标记.xlsx');
    expect(read.code).toBe(0);
    // 张伟 clocked in 08:09 on 11-03 (> 08:00): one 迟到 of 9 minutes; 王芳 left 17:20 on 11-05
    // (< 17:30): one 早退 of 10 minutes; every other punch is in time.
    expect(read.table['0001']).toMatchObject({ 迟到: '1', 迟到分钟: '9', 早退: '0' });
    expect(read.table['0002']).toMatchObject({ 迟到: '0', 早退: '1', 早退分钟: '10' });
    expect(read).toEqual(twin);
  });
});

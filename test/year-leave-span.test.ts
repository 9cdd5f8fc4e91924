import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runYear } from '../src/commands/year.js';
import { recordHeader, tempDir, writeWorkbook, type SheetRows } from './workbook.js';

const month = (m: number) => `2026-${String(m).padStart(2, '0')}`;
const leaveHeader = ['工号', '类型', '开始日期', '结束日期'];
const roster: SheetRows = [['工号', '姓名', '窗口'], ['001', '甲', '民政'], ['002', '乙', '民政'], ['003', '丙', '民政']];

/** Twelve bianmin-10pt months; `extra(m)` adds sheets to month m. */
async function writeYear(dir: string, extra: (m: number) => Record<string, SheetRows>): Promise<void> {
  for (let m = 1; m <= 12; m++) await writeWorkbook(join(dir, `${month(m)}.xlsx`), { 人员: roster, 记录: [recordHeader], ...extra(m) });
}

describe('a 请假 row reaching outside the year counts only its days inside it', () => {
  it('a row begun in 2025 counts from 1 January, as one running into 2027 counts to 31 December', async () => {
    const dir = tempDir();
    await writeYear(dir, (m): Record<string, SheetRows> => {
      if (m === 1) {
        return {
          请假: [
            leaveHeader,
            // 乙 病假 2025-11-02 – 2026-01-09: in 2026 only 4 Jan (a Sunday worked for 元旦, 1–3 Jan off)
            // and 5–9 Jan = 6 days, not over 30 (the 43 working days of 2025 do not count).
            ['002', '病假', '2025-11-02', '2026-01-09'],
            // 丙 病假 2025-12-01 – 2026-02-13: 2026 has 4 Jan, 5–9, 12–16, 19–23, 26–30 Jan (21) and
            // 2–6, 9–13 Feb (10) = 31 days > 30 → 不得参与评优评先; December 2025's 23 are not counted.
            ['003', '病假', '2025-12-01', '2026-02-13'],
          ],
        };
      }
      // 甲 事假 2026-12-01 – 2027-01-29: December's 23 working days only, not over 30.
      if (m === 12) return { 请假: [leaveHeader, ['001', '事假', '2026-12-01', '2027-01-29']] };
      return {};
    });
    const run = await runYear([dir], { scheme: 'bianmin-10pt' });
    const flagsOf = (key: string) => run.result.rows.find((r) => r.key === key)!.flags.filter((f) => f.code === 'leave');
    expect(flagsOf('001')).toEqual([]);
    expect(flagsOf('002')).toEqual([]);
    expect(flagsOf('003')).toMatchObject([{ name: '不得参与评优评先（病假）', measure: 'leave_days', type: '病假', value: 31, over: 30 }]);
  });
});

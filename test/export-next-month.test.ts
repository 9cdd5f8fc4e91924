import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAttendance } from '../src/commands/attendance.js';
import { tempDir, writeWorkbook } from './workbook.js';

/**
 * A clock's card log (刷卡记录) running past the period: the rows two days on are dropped as the
 * export is read, and the next day's are kept a while (they may end the period's last night shift)
 * and then found outside too. Both are rows of one export outside the period: said once.
 */
describe('an export running into the next month', () => {
  const dir = tempDir();
  const header = '人员编号,登记号码,姓名,星期,刷卡日期,刷卡时间,签到方式,设备编号,上下班标志,操作员,操作日期,备注';
  const punch = (date: string, time: string, flag: string) => `0001,101,陈立新,,${date},${time},指纹,1,${flag},,,`;
  /** 陈立新's four punches on 11-30, then two on 12-01 (the day after) and two on 12-02. */
  const lines = [
    header,
    punch('2026/11/30', '07:56', '上班'),
    punch('2026/11/30', '11:37', '下班'),
    punch('2026/11/30', '13:56', '上班'),
    punch('2026/11/30', '17:37', '下班'),
    punch('2026/12/1', '07:58', '上班'),
    punch('2026/12/1', '17:35', '下班'),
    punch('2026/12/2', '07:57', '上班'),
    punch('2026/12/2', '17:31', '下班'),
  ];

  it('says the rows outside the period in one warning, counting both the dropped and the next day’s', async () => {
    const path = join(dir, '刷卡记录.csv');
    writeFileSync(path, `${lines.join('\r\n')}\r\n`);
    const roster = await writeWorkbook(join(dir, '人员.xlsx'), { 人员: [['工号', '姓名', '窗口'], ['0001', '陈立新', '民政']] });
    const run = await runAttendance(path, { period: '2026-11', roster });
    const outside = run.warnings.filter((p) => p.code.includes('outside_period'));
    // 2 rows of 12-02 dropped while reading + 2 of 12-01 placed outside the period = 4, of which 2 the day after.
    expect(outside.map((p) => [p.code, p.at.file, p.args.count, p.args.dayAfter])).toEqual([['export_rows_outside_period', path, 4, 2]]);
  });
});

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScore } from '../src/commands/score.js';
import { toNumber } from '../src/core/decimal.js';
import type { RawTable } from '../src/read/table.js';
import { periodFromRecords } from '../src/validate/workbook.js';
import { brief, sheet, validate } from './month-sheets.js';
import { cell, row, writeRawXlsx } from './raw-xlsx.js';
import { tempDir } from './workbook.js';

/**
 * 记录 › 日期 as a plain number (General) in a workbook of the 1904 date system: a serial counted
 * from 1904-01-01. The 1900 serial of 2026-10-05 is 46300 (2026-11-02 is 46328, 28 days later), so
 * its 1904 serial is 46300 − 1462 = 44838; read as a 1900 serial, 44838 is 2022-10-04, four years
 * and a day early. Invented people: 张一 (0001), 张二 (0002).
 */
const records1904 = (serial: number): RawTable => ({
  ...sheet('记录', [
    ['日期', '工号', '项目', '分值'],
    [serial, '0001', '3.1', 2],
  ]),
  date1904: true,
});

describe('记录 dates in a 1904 workbook', () => {
  it('validates a plain-number 日期 as a 1904 serial: 44838 is 2026-10-05, inside October', () => {
    const { input, problems } = validate({ records: records1904(44838) });
    expect(problems.filter((p) => p.severity === 'error').map(brief)).toEqual([]);
    expect(input!.records.map((r) => r.date)).toEqual(['2026-10-05']);
  });

  it('takes the period from those dates in the same system: 2026-10, not 2022-10', () => {
    expect(periodFromRecords(new Map([['records', records1904(44838)]]))?.label).toBe('2026-10');
  });

  it('scores a 1904 workbook whose name gives no period in the month of its records', async () => {
    // 2026-11-02: 1900 serial 46328, 1904 serial 46328 − 1462 = 44866 (1900 reading: 2022-11-01).
    // bianmin-10pt starts everyone at 10; 3.1 takes the 分值 written: 张一 10 − 2 = 8, 张二 10.
    const roster = row(1, [cell.text('A1', '工号'), cell.text('B1', '姓名'), cell.text('C1', '窗口')]) + row(2, [cell.text('A2', '0001'), cell.text('B2', '张一'), cell.text('C2', '民政窗口')]) + row(3, [cell.text('A3', '0002'), cell.text('B3', '张二'), cell.text('C3', '民政窗口')]);
    const records = row(1, [cell.text('A1', '日期'), cell.text('B1', '工号'), cell.text('C1', '项目'), cell.text('D1', '分值')]) + row(2, [cell.number('A2', 44866), cell.text('B2', '0001'), cell.text('C2', '3.1'), cell.number('D2', 2)]);
    const path = await writeRawXlsx(join(tempDir(), '考核台账.xlsx'), { date1904: true, sheets: [{ name: '人员', rows: roster }, { name: '记录', rows: records }] });
    const run = await runScore(path, { scheme: 'bianmin-10pt' });
    expect(run.result.period.label).toBe('2026-11');
    const of = (id: string) => run.result.subjects.find((s) => s.key === id)!;
    expect([toNumber(of('0001').total), toNumber(of('0002').total)]).toEqual([8, 10]);
    expect(of('0001').traceSources.records.map((r) => r.date)).toEqual(['2026-11-02']);
  });
});

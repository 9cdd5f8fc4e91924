import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAttendance } from '../src/commands/attendance.js';
import type { LocalDateTime } from '../src/core/dates.js';
import { InputError } from '../src/core/problems.js';
import { CellFault, Workbook, type RawCell } from '../src/read/xlsx.js';
import { cell, row, writeRawXlsx } from './raw-xlsx.js';
import { tempDir } from './workbook.js';

/** 2026-11-02 in the 1900 system: 46 328 (the probe's serial; Excel shows it so in General). */
const NOV_2 = 46_328;
/** A date or time as LocalDateTime writes it (08:30, 2026-11-02 08:30). */
const textOf = (value: RawCell | undefined) => (value as LocalDateTime).toString();

describe('a t="d" cell shows its serial in its cell style, as Excel shows it', () => {
  async function read(iso: string, formats: (string | number)[], style: number, date1904 = false): Promise<RawCell | undefined> {
    const path = await writeRawXlsx(join(tempDir(), 'book.xlsx'), { sheets: [{ name: 'S', rows: row(1, [cell.isoDate('A1', iso, style)]) }], formats, date1904 });
    const book = await Workbook.open(path);
    try {
      let first: RawCell | undefined;
      await book.readSheet(book.sheets[0]!, { onRow: (r) => void (first = r.cells[0]) });
      return first;
    } finally {
      book.close();
    }
  }

  it('is the serial in General: 2026-11-02T08:31 is 46328 + 30660/86400', async () => {
    // 08:31 = 30 660 s of 86 400; 2026-11-02 is 46 328 in the 1900 system, 46 328 − 1 462 = 44 866 in the 1904 one
    expect(await read('2026-11-02T08:31:00', [], 0)).toBe(NOV_2 + 30_660 / 86_400);
    expect(await read('2026-11-02T08:31:00Z', [], 0, true)).toBe(NOV_2 - 1462 + 30_660 / 86_400);
    // a time alone is the fraction of the day
    expect(await read('08:31:00', [], 0)).toBe(30_660 / 86_400);
    // in 0.00 it shows 46328.35, fewer decimals than it has: a fault, as for the number typed
    expect(await read('2026-11-02T08:31:00', ['0.00'], 1)).toEqual(new CellFault('number_rounded', 1, 0, '46328.35', '46328.3548611111'));
    // in a date or time format, the date or time it shows
    expect(textOf(await read('2026-11-02T08:31:00', ['yyyy-mm-dd'], 1))).toBe('2026-11-02');
    // 1900-03-01 is serial 61, after the fictitious 1900-02-29 (60)
    expect(await read('1900-03-01', [], 0)).toBe(61);
    // no such day: 2026-02-30
    expect(await read('2026-02-30', [], 0)).toEqual(new CellFault('unreadable', 1, 0, '2026-02-30'));
  });

  it('stops an attendance run at a t="d" punch in General, as at the number 46328.35486… typed there', async () => {
    const text = (rows: string[][]) => rows.map((r, i) => row(i + 1, r.map((v, c) => cell.text(`${'ABC'[c]}${i + 1}`, v)))).join('');
    const punches = text([['工号', '日期', '时间']]) + row(2, [cell.text('A2', '001'), cell.text('B2', '2026-11-02'), cell.isoDate('C2', '2026-11-02T08:31:00')]);
    const sheets = [{ name: '人员', rows: text([['工号', '姓名', '窗口'], ['001', '张三', '民政窗口']]) }, { name: '考勤', rows: punches }];
    const path = await writeRawXlsx(join(tempDir(), '2026-11.xlsx'), { sheets });
    const error = (await runAttendance(path, { period: '2026-11', from: '2026-11-02', to: '2026-11-02' }).catch((e: unknown) => e)) as InputError;
    expect(error).toBeInstanceOf(InputError);
    // Excel shows 46328.3548611111 there, no time: refused as that number typed is (it was read as 08:31 before)
    expect(error.problems.map((p) => [p.code, p.at.row, p.at.column, p.args.value])).toEqual([['time_invalid', 2, '时间', String(NOV_2 + 30_660 / 86_400)]]);
  });
});

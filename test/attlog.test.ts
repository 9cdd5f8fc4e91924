import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { readLogLine } from '../src/read/attlog-line.js';
import { attlogSource, looksLikeAttlog } from '../src/read/attlog.js';
import type { RawRow } from '../src/read/table.js';
import { formatProblem } from '../src/messages.js';
import { tempDir } from './workbook.js';

/** A ZKTeco attlog line in each layout it is met in, and what is read from it. */
describe('one line of a clock log', () => {
  const punch = (id: string, stamp: string, toTheSecond: boolean, fields: (string | null)[] = ['1', '0', '1', '0']) => ({ kind: 'punch', id, stamp, toTheSecond, fields });

  it('reads the device layout, spaces for tabs, a tab between date and time, minutes only, and Excel’s 2026/11/2 7:55', () => {
    // as the device writes it
    expect(readLogLine('      102\t2026-11-02 07:55:00\t1\t0\t1\t0')).toEqual(punch('102', '2026-11-02 07:55:00', true));
    // an editor turned each tab into two spaces
    expect(readLogLine('      102  2026-11-02 07:55:00  1  0  1  0')).toEqual(punch('102', '2026-11-02 07:55:00', true));
    // a tab between the date and the time
    expect(readLogLine('      102\t2026-11-02\t07:55:00\t1\t0\t1\t0')).toEqual(punch('102', '2026-11-02 07:55:00', true));
    // no seconds: 07:55 is 07:55:00, as every other export's HH:MM is read
    expect(readLogLine('      102\t2026-11-02 07:55\t1\t0\t1\t0')).toEqual(punch('102', '2026-11-02 07:55:00', false));
    // opened in Chinese Excel and saved as text: yyyy/m/d h:mm, the id a number without its padding
    expect(readLogLine('102\t2026/11/2 7:55\t1\t0\t1\t0')).toEqual(punch('102', '2026-11-02 07:55:00', false));
    // slashes with seconds; no fields after the time
    expect(readLogLine('102 2026/11/02 17:35:09')).toEqual(punch('102', '2026-11-02 17:35:09', true, []));
    // a blank field between tabs keeps its place (the 4th field, verification mode, left empty)
    expect(readLogLine('102\t2026-11-02 07:55:00\t1\t0\t\t0')).toEqual(punch('102', '2026-11-02 07:55:00', true, ['1', '0', null, '0']));
  });

  it('names the device artefacts of attendance-exports.md F1: a negative field, a line cut short, a date-time no clock shows', () => {
    expect(readLogLine('     -103\t2026-11-12 08:01:00\t1\t0\t1\t0')).toEqual({ kind: 'corrupt', reason: 'negative' });
    expect(readLogLine('      103\t2026-11-12 08:01:00\t-1\t-1\t1\t0')).toEqual({ kind: 'corrupt', reason: 'negative' });
    expect(readLogLine('      103\t2026-11-12 08:0')).toEqual({ kind: 'corrupt', reason: 'cut_short' });
    expect(readLogLine('      103\t2026-1')).toEqual({ kind: 'corrupt', reason: 'cut_short' });
    expect(readLogLine('      103')).toEqual({ kind: 'corrupt', reason: 'cut_short' });
    expect(readLogLine('      103\t2026-13-02 08:00:00\t1\t0\t1\t0')).toEqual({ kind: 'corrupt', reason: 'no_such_time' });
    expect(readLogLine('      103\t2026-11-31 08:00:00\t1\t0\t1\t0')).toEqual({ kind: 'corrupt', reason: 'no_such_time' });
    expect(readLogLine('      103\t2026-11-12 25:61:00\t1\t0\t1\t0')).toEqual({ kind: 'corrupt', reason: 'no_such_time' });
  });

  it('does not guess the day of a two-digit year, a month-first or day-first date, a dotted date or a 12-hour time', () => {
    for (const line of [
      '102\t11/2/2026 7:55 AM\t1\t0\t1\t0',
      '102\t26-11-02 07:55:00\t1\t0\t1\t0',
      '102\t02/11/2026 07:55:00\t1\t0\t1\t0',
      '102\t2026.11.02 07:55:00\t1\t0\t1\t0',
      '102\t2026-11-02 7:55 PM\t1\t0\t1\t0',
      '102  2026-11-02 7:55  pm  1  0  1  0',
      '102\t2026/11/2 7:55 下午\t1\t0\t1\t0',
      '102\t2026-11-02 上午7:55\t1\t0\t1\t0',
      '102\t2026-11/02 07:55:00\t1\t0\t1\t0',
      '102\t2026-11-02 07:55:00.250\t1\t0\t1\t0',
    ])
      expect(readLogLine(line), line).toEqual({ kind: 'unreadable' });
  });

  const clockPunch = fc.record({
    id: fc.stringMatching(/^[1-9]\d{0,8}$/),
    date: fc.date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.integer({ min: 0, max: 59 }),
  });
  const layout = fc.record({
    padId: fc.boolean(),
    separator: fc.constantFrom('\t', ' ', '  ', '   '),
    dateSeparator: fc.constantFrom('-', '/'),
    padDate: fc.boolean(),
    padHour: fc.boolean(),
    betweenDateAndTime: fc.constantFrom(' ', '\t', '  '),
    seconds: fc.boolean(),
  });
  const two = (n: number) => String(n).padStart(2, '0');

  test.prop([clockPunch, layout])('every layout of one punch reads as that punch, to the minute where it gives no seconds', (p, l) => {
    const [y, mo, d] = [p.date.getUTCFullYear(), p.date.getUTCMonth() + 1, p.date.getUTCDate()];
    const date = [String(y), l.padDate ? two(mo) : String(mo), l.padDate ? two(d) : String(d)].join(l.dateSeparator);
    const time = `${l.padHour ? two(p.hour) : String(p.hour)}:${two(p.minute)}${l.seconds ? `:${two(p.second)}` : ''}`;
    const line = [l.padId ? p.id.padStart(9) : p.id, `${date}${l.betweenDateAndTime}${time}`, '1', '0', '1', '0'].join(l.separator);
    const second = l.seconds ? p.second : 0;
    expect(readLogLine(line)).toEqual(punch(p.id, `${y}-${two(mo)}-${two(d)} ${two(p.hour)}:${two(p.minute)}:${two(second)}`, l.seconds));
  });
});

describe('a clock log file', () => {
  const dir = tempDir();
  const log = (name: string, lines: string[]) => {
    const path = join(dir, name);
    writeFileSync(path, lines.join('\r\n') + '\r\n');
    return path;
  };
  const rowsOf = async (path: string) => {
    const source = await attlogSource(path);
    const rows: RawRow[] = [];
    await source.rows(path.split('/').pop()!, (row) => rows.push(row));
    return { rows: rows.map((r) => [r.row, r.cells[0], r.cells[1]]), problems: source.problems.map((p) => [p.code, p.severity, p.at, p.args]) };
  };

  it('reads every layout, names a line it cannot read as an error at its line and a device artefact as a warning at its line', async () => {
    const path = log('1_attlog.dat', [
      '      101\t2026-11-02 07:55:00\t1\t0\t1\t0',
      '      101  2026-11-02 11:35:00  1  0  1  0',
      '101\t2026/11/2 13:55\t1\t0\t1\t0',
      '      101\t11/2/2026 5:35 PM\t1\t0\t1\t0',
      '     -101\t2026-11-02 18:00:00\t1\t0\t1\t0',
      '      101\t2026-11-0',
    ]);
    const { rows, problems } = await rowsOf(path);
    // lines 1–3 are 101's punches on 11-02 at 07:55:00, 11:35:00 and 13:55 (13:55:00)
    expect(rows).toEqual([
      [1, '101', '2026-11-02 07:55:00'],
      [2, '101', '2026-11-02 11:35:00'],
      [3, '101', '2026-11-02 13:55:00'],
    ]);
    // line 4 (month first, 12-hour) may be 101's 17:35 departure: the run stops there; lines 5 and 6 are what a failing clock writes
    expect(problems).toEqual([
      ['attlog_line_unreadable', 'error', { file: path, row: 4 }, { value: '101  11/2/2026 5:35 PM  1  0  1  0' }],
      ['attlog_line_corrupt', 'warning', { file: path, row: 5 }, { value: '-101  2026-11-02 18:00:00  1  0  1  0', reason: 'negative' }],
      ['attlog_line_corrupt', 'warning', { file: path, row: 6 }, { value: '101  2026-11-0', reason: 'cut_short' }],
      ['attlog_artefacts', 'warning', { file: path }, { corrupt: 2, reset: 0, wraps: 0 }],
    ]);
  });

  it('reads a log whose lines end in CR alone as the same log with CRLF, and tells it an attlog by its bytes', async () => {
    const lines = ['      101\t2026-11-02 07:55:00\t1\t0\t1\t0', '      102\t2026-11-02 08:03:10\t1\t0\t1\t0', '      101\t2026-11-02 17:35:00\t1\t0\t1\t0'];
    const crlf = log('6_attlog.dat', lines);
    const cr = join(dir, '7_attlog.dat');
    writeFileSync(cr, lines.join('\r') + '\r');
    // Lines 1–3 each a punch: 101 at 07:55 and 17:35, 102 at 08:03:10.
    expect(await rowsOf(cr)).toEqual(await rowsOf(crlf));
    expect((await rowsOf(cr)).rows).toEqual([
      [1, '101', '2026-11-02 07:55:00'],
      [2, '102', '2026-11-02 08:03:10'],
      [3, '101', '2026-11-02 17:35:00'],
    ]);
    expect(looksLikeAttlog(readFileSync(cr))).toBe(true);
  });

  it('says only the artefacts met: a log whose times step back, and nothing removed, says no “0 条 … 已剔除” (probe14 imp/sec)', async () => {
    // Lines 1–3 in order, line 4 (07:50) earlier than line 3 (17:35): one wrap-around; line 5 07:58 is after 07:50.
    const wrapped = log('3_attlog.dat', ['101\t2026-11-02 07:55:00', '101\t2026-11-02 11:35:00', '101\t2026-11-02 17:35:00', '101\t2026-11-02 07:50:00', '101\t2026-11-02 07:58:00']);
    const said = async (path: string) => (await attlogSource(path)).problems.filter((p) => p.code === 'attlog_artefacts').map(formatProblem);
    expect(await said(wrapped)).toEqual([`${wrapped}: 考勤机日志的时间顺序回绕 1 处（后一条记录早于前一条），记录照常读取，未剔除`]);
    // A line cut short (2) and a 1999 date of a reset clock (1), in order otherwise.
    const both = log('4_attlog.dat', ['101\t2026-11-02 07:55:00', '101\t2026-11-0', '101\t1999-12-31 23:59:00', '101\t2026-11-02 17:35:00']);
    expect(await said(both)).toEqual([`${both}: 考勤机日志中有设备产生的异常记录：损坏行 1 条、日期早于2000年（考勤机时钟复位）1 条，均已剔除`]);
    const cut = log('5_attlog.dat', ['101\t2026-11-02 07:55:00', '101\t2026-11-0']);
    expect(await said(cut)).toEqual([`${cut}: 考勤机日志中有设备产生的异常记录：损坏行 1 条，已剔除`]);
  });

  it('quotes a long unreadable line in its message as any long cell: its first 60 characters and its length', async () => {
    // "101  11/2/2026 5:35 PM" (22 characters, the tab shown as two spaces) then "  x" × 30 (90): 112 characters.
    const line = `101\t11/2/2026 5:35 PM${'\tx'.repeat(30)}`;
    const path = log('2_attlog.dat', [line]);
    const source = await attlogSource(path);
    await source.rows('2_attlog.dat', () => undefined);
    const shown = `101  11/2/2026 5:35 PM${'  x'.repeat(30)}`;
    expect(source.problems.map((p) => [p.code, p.args.value])).toEqual([['attlog_line_unreadable', shown]]);
    expect(formatProblem(source.problems[0]!)).toContain(`“${shown.slice(0, 60)}…（共 112 字）”`);
  });

  it('counts a punch written twice in two layouts once, the one to the second kept', async () => {
    const path = log('2_attlog.dat', [
      '      101\t2026-11-02 08:00:30\t1\t0\t1\t0',
      '      101  2026-11-02 11:35:12  1  0  1  0',
      // the same two punches from a copy re-saved in Excel: minutes only, then to the second
      '101\t2026/11/2 8:00\t1\t0\t1\t0',
      '101\t2026/11/2 11:35:12\t1\t0\t1\t0',
      // another person's punch in the same minute is another punch; and a minutes-only punch alone stays
      '102\t2026/11/2 8:00\t1\t0\t1\t0',
    ]);
    // line 3 (08:00) is line 1's punch (08:00:30): kept, it would make that 30-second-late arrival an
    // on-time one at 08:00:00. Line 4 is line 2 written alike: the same stamp, one punch where punches meet.
    expect((await rowsOf(path)).rows).toEqual([
      [1, '101', '2026-11-02 08:00:30'],
      [2, '101', '2026-11-02 11:35:12'],
      [4, '101', '2026-11-02 11:35:12'],
      [5, '102', '2026-11-02 08:00:00'],
    ]);
  });

  it('reads a log of several mebibytes a piece at a time: every line at its number, the minutes-only copy found across it', async () => {
    // 101 punches once a minute from 2026-11-02 00:00 on: 70,000 lines of 41 bytes (2.87 MB), read in pieces of 1,048,576 bytes
    const minute = (n: number) => new Date(Date.UTC(2026, 10, 2) + n * 60_000).toISOString().slice(0, 16).replace('T', ' ');
    const lines = Array.from({ length: 70_000 }, (_, n) => `      101\t${minute(n)}:00\t1\t0\t1\t0`);
    // the last line copies line 1's punch (2026-11-02 00:00:00) to the minute, 2.8 MB after it: dropped, and its time steps back (one wrap)
    const path = log('6_attlog.dat', [...lines, `101\t2026/11/2 0:00\t1\t0\t1\t0`]);
    const { rows, problems } = await rowsOf(path);
    expect(problems).toEqual([['attlog_artefacts', 'warning', { file: path }, { corrupt: 0, reset: 0, wraps: 1 }]]);
    expect(rows).toHaveLength(70_000);
    // line 50,001 is minute 50,000: 34 days (48,960 minutes) and 1,040 minutes (17:20) after 11-02 00:00, on 12-06
    expect(rows[50_000]).toEqual([50_001, '101', '2026-12-06 17:20:00']);
  });

  it('says a line past a million characters is unreadable at its line, and reads the lines after it', async () => {
    const path = log('7_attlog.dat', ['      101\t2026-11-02 07:55:00\t1\t0\t1\t0', `      101\t2026-11-02 11:35:00\t${'9'.repeat(1_000_001)}`, '      101\t2026-11-02 17:35:00\t1\t0\t1\t0']);
    const { rows, problems } = await rowsOf(path);
    expect(rows).toEqual([
      [1, '101', '2026-11-02 07:55:00'],
      [3, '101', '2026-11-02 17:35:00'],
    ]);
    expect(problems.map(([code, severity, at]) => [code, severity, at])).toEqual([['attlog_line_unreadable', 'error', { file: path, row: 2 }]]);
  });
});

import { join } from 'node:path';
import { test } from '@fast-check/vitest';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LocalDateTime } from '../src/core/dates.js';
import { Workbook, type RawCell } from '../src/read/xlsx.js';
import { cell, row, writeRawXlsx } from './raw-xlsx.js';
import { tempDir } from './workbook.js';

/**
 * Random tables written two ways — by exceljs, and as raw XML with inline strings, t="d" ISO
 * dates and (half the time) the 1904 date system — read back to the same typed rows. This file
 * runs once per time zone (vitest.config.ts): nothing read may depend on the machine's zone.
 */
type Value = { kind: 'text'; text: string } | { kind: 'number'; n: number } | { kind: 'boolean'; b: boolean } | { kind: 'date' | 'datetime' | 'time'; value: LocalDateTime } | { kind: 'blank' };

const cjk = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c));
const piece = fc.oneof(cjk, fc.constantFrom('😀', '👍🏽', '民政窗口', ' ', '　', '0', '007', 'A', 'z', '-', '.', '&', '<', '"'), fc.integer({ min: 0, max: 9 }).map(String));
const text = fc.array(piece, { minLength: 1, maxLength: 8 }).map((parts) => parts.join(''));
/** 1904-01-01 (day 0 of the 1904 system) to 2099-12-31, as days after 1970-01-01. */
const epochDay = fc.integer({ min: -24107, max: 47481 });
const civil = (d: number) => {
  const date = new Date(d * 86_400_000);
  return [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()] as const;
};
const value: fc.Arbitrary<Value> = fc.oneof(
  text.map((t) => ({ kind: 'text' as const, text: t })),
  fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true }).map((n) => ({ kind: 'number' as const, n: n === 0 ? 0 : n })),
  fc.boolean().map((b) => ({ kind: 'boolean' as const, b })),
  epochDay.map((d) => ({ kind: 'date' as const, value: new LocalDateTime(...civil(d), 0, 'date') })),
  fc.tuple(epochDay, fc.integer({ min: 0, max: 86_399 })).map(([d, s]) => ({ kind: 'datetime' as const, value: new LocalDateTime(...civil(d), s, 'datetime') })),
  fc.integer({ min: 0, max: 86_399 }).map((s) => ({ kind: 'time' as const, value: new LocalDateTime(0, 0, 0, s, 'time') })),
  fc.constant({ kind: 'blank' as const }),
);
const table = fc.array(fc.array(value, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 12 });

const FORMATS = { date: 'yyyy"年"m"月"d"日"', datetime: 'yyyy-mm-dd hh:mm:ss', time: '[$-804]上午/下午h"时"mm"分"ss"秒"' } as const;
const letter = (c: number) => String.fromCharCode(65 + c);
const iso = (v: LocalDateTime) => `${String(v.year).padStart(4, '0')}-${String(v.month).padStart(2, '0')}-${String(v.day).padStart(2, '0')}`;
const clock = (s: number) => [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60].map((n) => String(n).padStart(2, '0')).join(':');

async function byExceljs(path: string, rows: Value[][]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('表');
  rows.forEach((values, r) =>
    values.forEach((v, c) => {
      const target = ws.getCell(r + 1, c + 1);
      if (v.kind === 'text') target.value = v.text;
      else if (v.kind === 'number') target.value = v.n;
      else if (v.kind === 'boolean') target.value = v.b;
      else if (v.kind === 'time') {
        target.value = v.value.seconds / 86_400;
        target.numFmt = FORMATS.time;
      } else if (v.kind !== 'blank') {
        const { year, month, day, seconds } = v.value;
        target.value = new Date(Date.UTC(year, month - 1, day) + seconds * 1000);
        target.numFmt = FORMATS[v.kind];
      }
    }),
  );
  await wb.xlsx.writeFile(path);
}

/** Raw XML: inline strings, dates as t="d" ISO text with assorted zone suffixes, or as 1904 serials. */
async function byRawXml(path: string, rows: Value[][], date1904: boolean, suffixes: string[]): Promise<void> {
  const style = { date: 1, datetime: 2, time: 3 } as const;
  const xml = rows.map((values, r) =>
    row(
      r + 1,
      values.flatMap((v, c) => {
        const ref = `${letter(c)}${r + 1}`;
        const suffix = suffixes[(r + c) % suffixes.length] ?? '';
        switch (v.kind) {
          case 'blank':
            return [];
          case 'text':
            return [cell.text(ref, v.text)];
          case 'number':
            return [cell.number(ref, v.n)];
          case 'boolean':
            return [cell.boolean(ref, v.b)];
          case 'time':
            return [cell.isoDate(ref, `T${clock(v.value.seconds)}`, style.time)];
          default: {
            if (!date1904) return [cell.isoDate(ref, `${iso(v.value)}T${clock(v.value.seconds)}${suffix}`, style[v.kind])];
            const days = (Date.UTC(v.value.year, v.value.month - 1, v.value.day) - Date.UTC(1904, 0, 1)) / 86_400_000;
            return [cell.number(ref, days + v.value.seconds / 86_400, style[v.kind])];
          }
        }
      }),
    ),
  );
  await writeRawXlsx(path, { sheets: [{ name: '表', rows: xml.join('') }], date1904, formats: [FORMATS.date, FORMATS.datetime, FORMATS.time] });
}

async function readBack(path: string): Promise<(RawCell | undefined)[][]> {
  const book = await Workbook.open(path);
  const rows: (RawCell | undefined)[][] = [];
  await book.readSheet(book.sheets[0]!, { onRow: (r) => void (rows[r.row - 1] = Array.from(r.cells)) });
  book.close();
  return rows;
}

/** What the table must read back as: each value typed (a number on the 15 significant digits Excel shows), blanks as holes, empty rows as holes. */
function expected(rows: Value[][]): (RawCell | undefined)[][] {
  const out: (RawCell | undefined)[][] = [];
  rows.forEach((values, r) => {
    const cells = values.map((v) => (v.kind === 'blank' ? undefined : v.kind === 'text' ? v.text : v.kind === 'number' ? Number(v.n.toPrecision(15)) : v.kind === 'boolean' ? v.b : v.value));
    while (cells.length > 0 && cells[cells.length - 1] === undefined) cells.pop();
    if (cells.length > 0) out[r] = cells;
  });
  return out;
}

describe(`reading back in TZ=${process.env.TZ}`, () => {
  it('runs in the zone its project names', () => {
    // 2026-01-01 00:00 UTC on the local clock: 08:00 in Shanghai, 19:00 the day before in New York
    const hour = { UTC: 0, 'Asia/Shanghai': 8, 'America/New_York': 19 }[process.env.TZ ?? ''];
    expect(new Date(Date.UTC(2026, 0, 1)).getHours()).toBe(hour);
  });

  test.prop([table, fc.boolean(), fc.shuffledSubarray(['', 'Z', '+08:00', '-05:00', '.000Z'], { minLength: 1 })], { numRuns: 25 })(
    'exceljs and raw XML give the same typed rows',
    async (rows, date1904, suffixes) => {
      const dir = tempDir();
      await byExceljs(join(dir, 'exceljs.xlsx'), rows);
      await byRawXml(join(dir, 'raw.xlsx'), rows, date1904, suffixes);
      const want = expected(rows);
      expect(await readBack(join(dir, 'exceljs.xlsx'))).toEqual(want);
      expect(await readBack(join(dir, 'raw.xlsx'))).toEqual(want);
    },
  );
});

import { copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { resolvePeople } from '../src/import/people.js';
import { readExports } from '../src/import/read-exports.js';
import { importedTables } from '../src/import/tables.js';
import { kaohe } from './kaohe.js';
import { folderWithRoster, writeWorkbook, type SheetRows } from './workbook.js';

/**
 * The same punches in two exports given together (a DingTalk 原始记录 with seconds and its 打卡时间
 * grid to the minute, or one export twice): each clocking is one punch, the more precise kept,
 * and the two files are named. Invented people; November 2026 (21 working days, 11-01 a Sunday),
 * default hours (winter from 10-01: 08:00–11:30, 14:00–17:30), grace 0.
 */
const PEOPLE: readonly [string, string, string][] = [
  ['0001', '甲一', '民政窗口'],
  ['0002', '乙二', '社保窗口'],
];

const ALL_DAYS = Array.from({ length: 30 }, (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`);
const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();
const DAYS = ALL_DAYS.filter((d) => weekday(d) !== 0 && weekday(d) !== 6);

/** A person's four clockings of a day, with seconds: 甲一 late on 11-03 at 08:07:20; 11-06's seconds are all :00. */
function clockings(id: string, day: string): string[] {
  const minutes = id === '0001' && day === '2026-11-03' ? ['08:07', '11:35', '13:55', '17:35'] : ['07:55', '11:35', '13:55', '17:35'];
  return minutes.map((m, i) => {
    const seconds = day === '2026-11-06' ? 0 : id === '0001' && day === '2026-11-03' && i === 0 ? 20 : (Number(day.slice(8)) * 7 + i * 13 + Number(id)) % 60;
    return `${m}:${String(seconds).padStart(2, '0')}`;
  });
}

type Edit = (id: string, day: string, times: string[]) => string[];
const same: Edit = (_id, _day, times) => times;

/** DingTalk 原始记录: one row a clocking, 打卡时间 a full date-time with seconds. */
function rawSheet(edit: Edit = same): SheetRows {
  const rows: SheetRows = [['原始记录'], ['统计日期：2026-11-01 至 2026-11-30    报表生成时间：2026-12-01 09:12'], ['姓名', '考勤组', '部门', '工号', '考勤日期', '考勤时间', '打卡时间', '打卡结果']];
  for (const day of DAYS) {
    for (const [id, name, unit] of PEOPLE) {
      for (const time of edit(id, day, clockings(id, day))) rows.push([name, '中心', unit, id, day, '08:00', `${day} ${time}`, '正常']);
    }
  }
  return rows;
}

/** DingTalk 打卡时间: one row a person, one column a day (weekends headed 六/日), the same clockings to the minute. */
function gridSheet(edit: Edit = same): SheetRows {
  const header = ['姓名', '考勤组', '部门', '工号', ...ALL_DAYS.map((d) => (DAYS.includes(d) ? String(Number(d.slice(8))) : '日一二三四五六'[weekday(d)]!))];
  const rows: SheetRows = [['打卡时间'], ['统计日期：2026-11-01 至 2026-11-30'], header];
  for (const [id, name, unit] of PEOPLE) rows.push([name, '中心', unit, id, ...ALL_DAYS.map((d) => (DAYS.includes(d) ? edit(id, d, clockings(id, d).map((t) => t.slice(0, 5))).map((t) => `${t}  `).join('\n') || null : null))]);
  return rows;
}

const { dir, roster } = await folderWithRoster([...PEOPLE]);

/** The 考勤 sheet kaohe import wrote: 工号, 日期, 时间 of each row. */
async function punchRows(path: string): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  const sheet = book.getWorksheet('考勤')!;
  const rows: string[][] = [];
  sheet.eachRow((row, n) => {
    if (n > 1) rows.push([row.getCell(1).text, row.getCell(3).text, row.getCell(4).text]);
  });
  return rows;
}

/** 甲一's 迟到分钟 in the 考勤汇总 of a month workbook (or of exports given directly). */
async function lateMinutes(...inputs: string[]): Promise<number> {
  const csv = join(dir, `${Math.random().toString(36).slice(2)}.csv`);
  const run = await kaohe('attendance', ...inputs, '--period', '2026-11', '-o', csv);
  expect(run.code, run.stderr).toBe(0);
  const lines = (await readFile(csv, 'utf8')).replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines[0]!.split(',');
  const row = lines.find((l) => l.includes('甲一'))!.split(',');
  return Number(row[header.indexOf('迟到分钟')]);
}

async function imported(name: string, ...exports: string[]): Promise<{ out: string; stderr: string }> {
  const out = join(dir, name);
  const run = await kaohe('import', ...exports, '--roster', roster, '-o', out);
  expect(run.code, run.stderr).toBe(0);
  return { out, stderr: run.stderr };
}

describe('a 原始记录 and its 打卡时间 grid given together', () => {
  it('store each clocking once, with its seconds: 08:07:20 is 8 minutes late, as from the 原始记录 alone', async () => {
    const raw = await writeWorkbook(join(dir, '原始记录.xlsx'), { 原始记录: rawSheet() });
    const grid = await writeWorkbook(join(dir, '打卡时间.xlsx'), { 打卡时间: gridSheet() });

    // 08:07:20 − 08:00 = 7 min 20 s, counted up to the next whole minute: 8 (the grid's 08:07 alone gives 7).
    const alone = await imported('alone.xlsx', raw);
    expect(await lateMinutes(alone.out)).toBe(8);
    const gridAlone = await imported('grid-alone.xlsx', grid);
    expect(await lateMinutes(gridAlone.out)).toBe(7);

    const both = await imported('both.xlsx', raw, grid);
    expect(await lateMinutes(both.out)).toBe(8);
    // the same when the exports are counted directly, without a workbook written between
    expect(await lateMinutes(raw, '--punches', grid, '--roster', roster)).toBe(8);
    const rows = await punchRows(both.out);
    // 2 people × 21 working days × 4 clockings = 168, as in either file alone
    expect(rows).toHaveLength(168);
    // seconds (3·7 + i·13 + 1) mod 60 for i = 1, 2, 3 → 35, 48, 1; the first is the late 08:07:20
    expect(rows.filter(([id, day]) => id === '0001' && day === '2026-11-03').map(([, , time]) => time)).toEqual(['08:07:20', '11:35:35', '13:55:48', '17:35:01']);
    // 11-06's clockings are on the whole minute in both files: each once, 07:55 not 07:55 07:55
    expect(rows.filter(([id, day]) => id === '0002' && day === '2026-11-06').map(([, , time]) => time)).toEqual(['07:55', '11:35', '13:55', '17:35']);
    // said once for the pair, every punch of one having its counterpart in the other: a note, no warning
    expect(both.stderr).toContain('原始记录.xlsx › 原始记录 与 打卡时间.xlsx › 打卡时间 中有 168 次打卡两份都有，同一人同一时刻的打卡只计一次');
    expect(both.stderr).not.toContain('提示：');
    const data = await readExports([raw, grid]);
    const { samePunches } = importedTables(data, resolvePeople(data, null), raw);
    expect(samePunches.notes.map((n) => [n.code, n.args.count])).toEqual([['same_punches', 168]]);
    expect(samePunches.problems).toEqual([]);
  });

  it('the same export twice (a copy under another name, or the same file named twice): each punch once, said', async () => {
    const grid = await writeWorkbook(join(dir, '打卡时间2.xlsx'), { 打卡时间: gridSheet() });
    const copy = join(dir, '打卡时间2 (1).xlsx');
    await copyFile(grid, copy);
    const both = await imported('copies.xlsx', grid, copy);
    expect(await punchRows(both.out)).toHaveLength(168);
    expect(both.stderr).toContain('打卡时间2.xlsx › 打卡时间 与 打卡时间2 (1).xlsx › 打卡时间 中有 168 次打卡两份都有');
    // the same file named twice is read once
    const twice = await imported('twice.xlsx', grid, grid);
    expect(await punchRows(twice.out)).toHaveLength(168);
    expect(twice.stderr).toContain('打卡时间2.xlsx 给了两次，只读一次');
    expect(twice.stderr).not.toContain('两份都有');
  });

  it('a punch one file holds and the other lacks on a day both cover is kept, and the pair is a warning naming it', async () => {
    // 乙二's 11-20 departure (17:35) is missing from the grid; the grid has a 12:05 on 11-10 the 原始记录 lacks.
    const raw = await writeWorkbook(join(dir, '原始记录3.xlsx'), { 原始记录: rawSheet() });
    const grid = await writeWorkbook(join(dir, '打卡时间3.xlsx'), {
      打卡时间: gridSheet((id, day, times) => (id !== '0002' ? times : day === '2026-11-20' ? times.slice(0, 3) : day === '2026-11-10' ? [...times.slice(0, 2), '12:05', ...times.slice(2)] : times)),
    });
    const both = await imported('partly.xlsx', raw, grid);
    const rows = await punchRows(both.out);
    // 168 clockings in the 原始记录, of which 167 in the grid; and the grid's lone 12:05: 169
    expect(rows).toHaveLength(169);
    // 11-10 seconds for 0002: (10·7 + i·13 + 2) mod 60 → 12, 25, 38, 51
    expect(rows.filter(([id, day]) => id === '0002' && day === '2026-11-10').map(([, , time]) => time)).toEqual(['07:55:12', '11:35:25', '12:05', '13:55:38', '17:35:51']);
    // 11-20 for 0002: (20·7 + 39 + 2) mod 60 = 1 → the 原始记录's 17:35:01 stays
    expect(rows.filter(([id, day]) => id === '0002' && day === '2026-11-20').map(([, , time]) => time).at(-1)).toBe('17:35:01');
    // a warning at the first punch one file holds alone (roster order, day, time): the grid's 12:05, row 5 (乙二), column N (11-10)
    expect(both.stderr).toContain(`提示：${grid} › 打卡时间 › 第5行 › 10(N列): 原始记录3.xlsx › 原始记录 与 打卡时间3.xlsx › 打卡时间 几乎是同一批打卡：167 次打卡两份都有`);
    expect(both.stderr).toContain('另有 2 次打卡只在其中一份（如此处 乙二 2026-11-10 12:05），照常计入');

    // as coded data: one warning for the pair, at the grid's cell, and no note beside it
    const data = await readExports([raw, grid]);
    const { samePunches } = importedTables(data, resolvePeople(data, null), raw);
    expect(samePunches.notes).toEqual([]);
    expect(samePunches.problems.map((p) => [p.code, p.severity, p.at.file, p.at.row, p.at.columnLetter, p.args.count, p.args.lone])).toEqual([['export_punches_partly_same', 'warning', grid, 5, 'N', 167, 2]]);
  });

  it('two logs both showing seconds (two clocks) are one clocking only to the second: 08:00:00 and 08:00:30 stay two', async () => {
    const at = (time: string): Edit => (id, day, times) => (id === '0001' && day === '2026-11-04' ? [time, ...times.slice(1)] : times);
    const first = await writeWorkbook(join(dir, '原始记录5a.xlsx'), { 原始记录: rawSheet(at('08:00:00')) });
    const second = await writeWorkbook(join(dir, '原始记录5b.xlsx'), { 原始记录: rawSheet(at('08:00:30')) });
    const both = await imported('clocks.xlsx', first, second);
    const rows = await punchRows(both.out);
    // 168 + the second log's 08:00:30
    expect(rows).toHaveLength(169);
    // 11-04 seconds for 0001: (4·7 + i·13 + 1) mod 60 for i = 1, 2, 3 → 42, 55, 8
    expect(rows.filter(([id, day]) => id === '0001' && day === '2026-11-04').map(([, , time]) => time)).toEqual(['08:00', '08:00:30', '11:35:42', '13:55:55', '17:35:08']);
    // arriving 08:00:00 is on time: 甲一 late only on 11-03 (08:07:20 → 8 min); 08:00:30 kept alone would add 1
    expect(await lateMinutes(both.out)).toBe(8);
    expect(both.stderr).toContain('原始记录5a.xlsx › 原始记录 与 原始记录5b.xlsx › 原始记录 几乎是同一批打卡：167 次打卡两份都有');
    expect(both.stderr).toContain('另有 2 次打卡只在其中一份（如此处 甲一 2026-11-04 08:00）');
  });

  it('two exports of different days share no punch and say nothing of it', async () => {
    const raw = await writeWorkbook(join(dir, '原始记录4.xlsx'), { 原始记录: rawSheet((_id, day, times) => (day <= '2026-11-15' ? times : [])) });
    const grid = await writeWorkbook(join(dir, '打卡时间4.xlsx'), { 打卡时间: gridSheet((_id, day, times) => (day > '2026-11-15' ? times : [])) });
    const both = await imported('halves.xlsx', raw, grid);
    expect(await punchRows(both.out)).toHaveLength(168);
    expect(both.stderr).not.toContain('两份都有');
  });

  it('two clocks at two doors sharing a same-minute tap keep every punch: the front door’s 08:00 is on time beside the floor’s 08:00:45', async () => {
    // The front door (to the minute) has every clocking, 甲一 arriving 08:00 on 11-04; the floor's
    // clock (seconds) has 甲一's 08:00:45 that day and 乙二's five 10:15:30 returns: one tap in
    // common, 5 and 167 alone — two sources, not one batch written twice (5 × 9 > 1).
    const front = await writeWorkbook(join(dir, '打卡时间6.xlsx'), { 打卡时间: gridSheet((id, day, times) => (id === '0001' && day === '2026-11-04' ? ['08:00', ...times.slice(1)] : times)) });
    const returns = ['2026-11-09', '2026-11-10', '2026-11-11', '2026-11-12', '2026-11-13'];
    const floor = await writeWorkbook(join(dir, '原始记录6.xlsx'), {
      原始记录: rawSheet((id, day) => (id === '0001' && day === '2026-11-04' ? ['08:00:45'] : id === '0002' && returns.includes(day) ? ['10:15:30'] : [])),
    });
    const both = await imported('doors.xlsx', front, floor);
    // 168 + 6, nothing taken as one
    expect(await punchRows(both.out)).toHaveLength(174);
    expect(both.stderr).not.toContain('两份都有');
    // 甲一 late only on 11-03, the grid's 08:07 → 7 minutes; 11-04's first punch is 08:00, on time (08:00:45 kept alone would add 1)
    expect(await lateMinutes(both.out)).toBe(7);
  });

  it('a second clock only one person uses, every tap in the door’s minute, is still two clocks: 08:00 at the door is on time', async () => {
    // The door (to the minute): 甲一 arrives 08:00 every working day. The floor (seconds): only
    // 甲一's 08:00:45 each day. All 21 floor taps have a same-minute door punch, but 63 of 甲一's
    // door punches (11:35, 13:55, 17:35 × 21) have none on the floor: not one batch (63 × 9 > 21).
    const door = await writeWorkbook(join(dir, '打卡时间7.xlsx'), { 打卡时间: gridSheet((id, _day, times) => (id === '0001' ? ['08:00', ...times.slice(1)] : times)) });
    const floor = await writeWorkbook(join(dir, '原始记录7.xlsx'), { 原始记录: rawSheet((id) => (id === '0001' ? ['08:00:45'] : [])) });
    const both = await imported('floor.xlsx', door, floor);
    // 168 + 21
    expect(await punchRows(both.out)).toHaveLength(189);
    // 甲一 never late: each day's first punch is the door's 08:00 (taken as one with 08:00:45, 21 latenesses)
    expect(await lateMinutes(both.out)).toBe(0);
  });
});

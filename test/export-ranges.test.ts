import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runImport } from '../src/commands/import.js';
import { InputError } from '../src/core/problems.js';
import { kaohe } from './kaohe.js';
import { folderWithRoster, writeWorkbook, type SheetRows } from './workbook.js';

/**
 * Exports whose 统计日期 differ by sheet or by file (probe13a B): a sheet or file speaks for the
 * people it holds on its own days. Invented people; November 2026 (no holiday: 21 working days,
 * 11-01 a Sunday), bianmin-10pt (winter hours 08:00–11:30 and 14:00–17:30, grace 0; 迟到 −1,
 * each absence day −2).
 */
const { dir, roster } = await folderWithRoster([
  ['0001', '甲一', '民政窗口'],
  ['0002', '乙二', '社保窗口'],
  ['0003', '丙三', '医保窗口'],
]);

const NORMAL = '07:55  \n11:35  \n13:55  \n17:35  ';
/** 甲一 is late on 11-03 (08:09 > 08:00); everyone else punches normally on every working day. */
const LATE = '08:09  \n11:35  \n13:55  \n17:35  ';

function days(first: string, last: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}
const weekend = (day: string) => [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());

/** A DingTalk 打卡时间 sheet: its 统计日期 from first to last, a day column each, one row per person. */
function grid(first: string, last: string, people: readonly [string, string, string][]): SheetRows {
  const all = days(first, last);
  return [
    ['打卡时间'],
    [`统计日期：${first} 至 ${last}`],
    ['姓名', '考勤组', '部门', '工号', ...all.map((d) => (weekend(d) ? '日一二三四五六'[new Date(`${d}T00:00:00Z`).getUTCDay()]! : String(Number(d.slice(8)))))],
    ...people.map(([id, name, unit]) => [name, '中心', unit, id, ...all.map((d) => (weekend(d) ? null : id === '0001' && d === '2026-11-03' ? LATE : NORMAL))]),
  ];
}
const 甲一: [string, string, string] = ['0001', '甲一', '民政窗口'];
const 乙二: [string, string, string] = ['0002', '乙二', '社保窗口'];
const 丙三: [string, string, string] = ['0003', '丙三', '医保窗口'];

/** Each subject's total in a `score --json` output, by 工号. */
const totalsOf = (stdout: string): Record<string, number> => Object.fromEntries((JSON.parse(stdout) as { subjects: { id: string; total: number }[] }).subjects.map((s) => [s.id, s.total]));

async function totals(...args: string[]): Promise<Record<string, number>> {
  const run = await kaohe('score', ...args, '--roster', roster, '--scheme', 'bianmin-10pt', '--period', '2026-11', '--json');
  expect(run.code, run.stderr).toBe(0);
  return totalsOf(run.stdout);
}

/**
 * A roster where 乙二's 离岗日期 is written `left`, and three weekly 打卡时间 exports (11-02 to 11-22)
 * of which the third drops 乙二, as DingTalk drops a person who has left. Files named by `name`.
 */
async function leaverWeeks(name: string, left: string): Promise<{ roster: string; weeks: string[] }> {
  const roster = await writeWorkbook(join(dir, `人员-${name}.xlsx`), { 人员: [['工号', '姓名', '窗口', '离岗日期'], ['0001', '甲一', '民政窗口', null], ['0002', '乙二', '社保窗口', left], ['0003', '丙三', '医保窗口', null]] });
  const spans: [string, string, [string, string, string][]][] = [
    ['2026-11-02', '2026-11-08', [甲一, 乙二, 丙三]],
    ['2026-11-09', '2026-11-15', [甲一, 乙二, 丙三]],
    ['2026-11-16', '2026-11-22', [甲一, 丙三]],
  ];
  const weeks: string[] = [];
  for (const [i, [first, last, people]] of spans.entries()) weeks.push(await writeWorkbook(join(dir, `${name}-第${i + 1}周.xlsx`), { 打卡时间: grid(first, last, people) }));
  return { roster, weeks };
}

describe('a sheet a department, each with its own 统计日期', () => {
  it('people whose sheet covers half the month stop the run, named with their sheet and its range, at the first such sheet’s range', async () => {
    const path = await writeWorkbook(join(dir, '各部门.xlsx'), {
      民政窗口: grid('2026-11-01', '2026-11-30', [甲一]),
      社保窗口: grid('2026-11-01', '2026-11-15', [乙二]),
      医保窗口: grid('2026-11-16', '2026-11-30', [丙三]),
    });
    const run = await kaohe('score', path, '--roster', roster, '--scheme', 'bianmin-10pt');
    // Scored over the joined 11-01–11-30, 乙二 was absent the 11 working days from 11-16 (10 − 22,
    // the probe's −30 with its 15) and 丙三 the 10 before 11-16 (10 − 20).
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `${path} › 社保窗口 › 第2行 › A列: 几份导出（或一份导出的几张表）的统计日期不同，合起来是 2026-11-01 至 2026-11-30，而有 2 人所在的表只覆盖其中一部分：乙二（社保窗口：2026-11-01 至 2026-11-15）、丙三（医保窗口：2026-11-16 至 2026-11-30）。`,
    );
    expect(run.stderr).not.toContain('甲一（');
  });

  it('two pay cycles (10-26–11-25 and 11-01–11-30) scored for November: the first sheet’s people lack 11-26 to 11-30', async () => {
    const path = await writeWorkbook(join(dir, '两个周期.xlsx'), {
      民政窗口: grid('2026-10-26', '2026-11-25', [甲一]),
      社保窗口: grid('2026-11-01', '2026-11-30', [乙二, 丙三]),
    });
    const run = await kaohe('score', path, '--roster', roster, '--scheme', 'bianmin-10pt', '--period', '2026-11');
    expect(run.code).toBe(1);
    // the joined range cut to November; 10-26 to 10-31 lie outside it and are no one's gap
    expect(run.stderr).toContain('合起来是 2026-11-01 至 2026-11-30，而有人所在的表只覆盖其中一部分：甲一（民政窗口：2026-10-26 至 2026-11-25）。');
  });

  it('ranges differing only by rest days are no gap: 11-01 is a Sunday', async () => {
    const path = await writeWorkbook(join(dir, '周日.xlsx'), {
      民政窗口: grid('2026-11-01', '2026-11-30', [甲一]),
      社保窗口: grid('2026-11-02', '2026-11-30', [乙二, 丙三]),
    });
    // 甲一 late 11-03 → 9; the others 10
    expect(await totals(path)).toEqual({ '0001': 9, '0002': 10, '0003': 10 });
  });

  it('what is said of the punches as a whole is said at the file, not at the first sheet', async () => {
    // both sheets 11-01–11-25: 11-26, 11-27 and 11-30 have no data; 丙三 is in neither sheet
    const path = await writeWorkbook(join(dir, '同一范围.xlsx'), {
      民政窗口: grid('2026-11-01', '2026-11-25', [甲一]),
      社保窗口: grid('2026-11-01', '2026-11-25', [乙二]),
    });
    const run = await kaohe('score', path, '--roster', roster, '--scheme', 'bianmin-10pt', '--period', '2026-11');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`提示：${path}: 考勤数据只覆盖 2026-11-01 至 2026-11-25；本期其余 3 个工作日`);
    expect(run.stderr).toContain(`提示：${path}: 丙三 在整个考核期没有一次打卡`);
    expect(run.stderr).not.toContain(`${path} › 民政窗口: `);
  });
});

describe('a file a department, or a file a week', () => {
  it('a department exported for 11-01–11-15 beside one for the month stops the run at the short file’s range', async () => {
    const a = await writeWorkbook(join(dir, '甲.xlsx'), { 打卡时间: grid('2026-11-01', '2026-11-30', [甲一, 丙三]) });
    const b = await writeWorkbook(join(dir, '乙.xlsx'), { 打卡时间: grid('2026-11-01', '2026-11-15', [乙二]) });
    for (const command of [['score', a, '--punches', b, '--scheme', 'bianmin-10pt'], ['import', a, b, '-o', join(dir, '甲乙.xlsx')]]) {
      const run = await kaohe(...command, '--roster', roster);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`${b} › 打卡时间 › 第2行 › A列: 几份导出（或一份导出的几张表）的统计日期不同，合起来是 2026-11-01 至 2026-11-30，而有人所在的表只覆盖其中一部分：乙二（打卡时间：2026-11-01 至 2026-11-15）。`);
    }
  });

  it('weekly files each holding everyone join as before: two weeks scored, the rest of the month without data', async () => {
    const w1 = await writeWorkbook(join(dir, '第一周.xlsx'), { 打卡时间: grid('2026-11-02', '2026-11-08', [甲一, 乙二, 丙三]) });
    const w2 = await writeWorkbook(join(dir, '第二周.xlsx'), { 打卡时间: grid('2026-11-09', '2026-11-15', [甲一, 乙二, 丙三]) });
    const out = join(dir, '两周-2026-11.xlsx');
    const imported = await kaohe('import', w1, w2, '--roster', roster, '-o', out);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toContain('导出的统计日期：2026-11-02 至 2026-11-15');
    // 11-02–11-15: 甲一 late 11-03 → 9; the others 10; 11-16 to 11-30 (11 working days) no data, not absences
    const run = await kaohe('score', out, '--scheme', 'bianmin-10pt', '--json');
    expect(run.code, run.stderr).toBe(0);
    expect(totalsOf(run.stdout)).toEqual({ '0001': 9, '0002': 10, '0003': 10 });
    expect(run.stdout).toContain('本期其余 11 个工作日（11月16日至11月30日）无数据');
  });

  it('a person who left (离岗日期 11-13 on the roster) and so is in week 1 and 2 only is asked for no day after it: the weeks join', async () => {
    // DingTalk drops a person who has left from later exports. 乙二 left on Friday 11-13: week 3
    // (11-16–11-22) holds 甲一 and 丙三 only. Without the roster's 离岗日期 the run would stop (乙二
    // lacks 11-16 to 11-20); with it nothing after 11-13 is asked of 乙二.
    const { roster: left, weeks } = await leaverWeeks('离岗', '2026-11-13');
    const [w1, w2, w3] = weeks as [string, string, string];
    const out = join(dir, '离岗-2026-11.xlsx');
    const imported = await kaohe('import', w1, w2, w3, '--roster', left, '-o', out);
    expect(imported.code, imported.stderr).toBe(0);
    // 11-02–11-20: 甲一 late 11-03 → 10 − 1 = 9; 乙二's 10 working days to 11-13 all punched → 10; 丙三 10
    const run = await kaohe('score', out, '--scheme', 'bianmin-10pt', '--json');
    expect(run.code, run.stderr).toBe(0);
    expect(totalsOf(run.stdout)).toEqual({ '0001': 9, '0002': 10, '0003': 10 });
    // The same weeks with a roster that does not say 乙二 left: she lacks 11-16 to 11-20, and the run stops.
    const stopped = await kaohe('import', w1, w2, w3, '--roster', roster, '-o', join(dir, '未写离岗.xlsx'));
    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toContain('乙二（');
  });

  it('an unreadable 离岗日期 on the roster is said at its cell (date_invalid, as score says it), not only as 乙二’s missing days', async () => {
    // 2026-11-31 is no date: 乙二's days are not bounded by it, so she still lacks 11-16 to 11-20 (export_ranges_differ)
    const { roster: bad, weeks } = await leaverWeeks('离岗错', '2026-11-31');
    const [w1, w2, w3] = weeks as [string, string, string];
    const error = (await runImport([w1, w2, w3], { roster: bad, output: join(dir, '离岗错.xlsx') }).catch((e: unknown) => e)) as InputError;
    expect(error).toBeInstanceOf(InputError);
    expect(error.problems.map((p) => [p.code, p.at.file, p.at.row, p.at.column, p.args.value ?? null])).toEqual([
      ['date_invalid', bad, 3, '离岗日期', '2026-11-31'],
      ['export_ranges_differ', w1, 2, undefined, null],
    ]);
  });

  it('a 离岗日期 typed without its year (11月13日) is read in the period’s year, as score reads it: the weeks join', async () => {
    const { roster: noYear, weeks } = await leaverWeeks('离岗无年', '11月13日');
    const [w1, w2, w3] = weeks as [string, string, string];
    // 11月13日 in 2026 (the period's year) is 乙二's last day: nothing after it is asked of her, so week 3 without her is no gap
    const run = await runImport([w1, w2, w3], { roster: noYear, output: join(dir, '离岗无年.xlsx') });
    expect(run.counts).toMatchObject({ people: 3, inExport: 3 });
  });

  it('weeks 1 and 3 without week 2: everyone lacks 11-09 to 11-13, and the run stops naming them all', async () => {
    const w1 = await writeWorkbook(join(dir, '周一.xlsx'), { 打卡时间: grid('2026-11-02', '2026-11-08', [甲一, 乙二, 丙三]) });
    const w3 = await writeWorkbook(join(dir, '周三.xlsx'), { 打卡时间: grid('2026-11-16', '2026-11-22', [甲一, 乙二, 丙三]) });
    const run = await kaohe('import', w1, w3, '--roster', roster, '-o', join(dir, '缺一周.xlsx'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`合起来是 2026-11-02 至 2026-11-22，而有 3 人所在的表只覆盖其中一部分：甲一（打卡时间：2026-11-02 至 2026-11-08；周三.xlsx › 打卡时间：2026-11-16 至 2026-11-22）`);
  });
});

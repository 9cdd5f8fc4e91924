import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { yearPointValue } from '../src/commands/outputs.js';
import { runYear } from '../src/commands/year.js';
import { kaohe } from './kaohe.js';
import { formatProblem } from '../src/messages.js';
import { InputError, problem } from '../src/core/problems.js';
import { recordHeader, tempDir, writeWorkbook, type SheetRows } from './workbook.js';

const month = (m: number) => `2026-${String(m).padStart(2, '0')}`;

/**
 * bianmin-10pt, 甲 late once a month (9 a month, 108 a year), 乙 never (120); each month's 设置
 * gives the 每分分值 `valueOf(m)`, or has no 设置 sheet when that is undefined.
 */
async function monthsWithValues(valueOf: (m: number) => number | string | undefined): Promise<string> {
  const dir = tempDir();
  const roster: SheetRows = [['工号', '姓名', '窗口'], ['001', '甲', '民政'], ['002', '乙', '民政']];
  for (let m = 1; m <= 12; m++) {
    const value = valueOf(m);
    const sheets: Record<string, SheetRows> = { 人员: roster, 记录: [recordHeader, [`${month(m)}-05`, '001', null, null, '1.1', 1]] };
    if (value !== undefined) sheets.设置 = [['设置项', '值'], ['每分分值', value]];
    await writeWorkbook(join(dir, `${month(m)}.xlsx`), sheets);
  }
  return dir;
}

describe('the year’s 每分分值 when the months’ 设置 give several', () => {
  it('50 (Jan–Jun), 60 (Jul–Nov), 70 (Dec): no year money, and a warning naming each month’s value', async () => {
    const dir = await monthsWithValues((m) => (m <= 6 ? 50 : m <= 11 ? 60 : 70));
    const run = await runYear([dir], { scheme: 'bianmin-10pt' });
    // The year reads December's 设置 for everything else (单位名称 …): the notice hint names that file.
    expect(run.settingsFile).toMatch(/2026-12\.xlsx$/);
    const { value, warnings } = yearPointValue(undefined, run);
    // 108 × 70 = 7560 was paid from December's value alone; now none is chosen.
    expect(value).toBeNull();
    const values = [...Array.from({ length: 6 }, (_, i) => `${month(i + 1)}=50`), ...Array.from({ length: 5 }, (_, i) => `${month(i + 7)}=60`), '2026-12=70'].join(',');
    // at the file as read, as input problems are: outputs name it (2026-12.xlsx, 北街/2026-12.xlsx in a batch)
    expect(warnings).toEqual([{ code: 'year_point_value_differs', severity: 'warning', at: { file: join(dir, '2026-12.xlsx'), sheet: '设置' }, args: { values, missing: '' } }]);
    // --point-value is the committee's decision: used as given, no warning.
    expect(yearPointValue('60', run)).toEqual({ value: 6000, warnings: [] });
  });

  it('the notice hint names the month whose 设置 the year reads, December, not January', async () => {
    const dir = await monthsWithValues((m) => (m <= 6 ? 50 : m <= 11 ? 60 : 70));
    const out = await kaohe('year', dir, '--scheme', 'bianmin-10pt', '-o', join(tempDir(), 'y.xlsx'), '--notice-date', '2027-01-04');
    expect(out.code).toBe(0);
    expect(out.stderr).toContain('2026-12.xlsx › 设置: 公示上缺少');
    expect(out.stderr).not.toContain('2026-01.xlsx');
    // --json: no money, and the warning among the document's warnings.
    const json = JSON.parse((await kaohe('year', dir, '--scheme', 'bianmin-10pt', '--json')).stdout) as { subjects: object[]; warnings: string[] };
    expect(json.subjects.some((s) => 'money' in s)).toBe(false);
    const run = await runYear([dir], { scheme: 'bianmin-10pt' });
    // the document names the file inside the folder given, whatever the working directory
    const named = yearPointValue(undefined, run).warnings.map((w) => ({ ...w, at: { ...w.at, file: '2026-12.xlsx' } }));
    expect(json.warnings).toEqual(named.map(formatProblem));
  }, 30_000);

  it('the same 50 in Jan–Nov and no 设置 in December: 50 is used, and December is named', async () => {
    const dir = await monthsWithValues((m) => (m <= 11 ? 50 : undefined));
    const run = await runYear([dir], { scheme: 'bianmin-10pt' });
    const { value, warnings } = yearPointValue(undefined, run);
    // 50 元 = 5000 hundredths (甲's year money would be 108 × 50 = 5400); it was dropped without a word.
    expect(value).toBe(5000);
    const values = Array.from({ length: 11 }, (_, i) => `${month(i + 1)}=50`).join(',');
    expect(warnings).toEqual([{ code: 'year_point_value_partly', severity: 'warning', at: { file: join(dir, '2026-11.xlsx'), sheet: '设置' }, args: { value: '50', values, missing: '2026-12' } }]);
  });

  it("a month whose 每分分值 is no amount is an error at that month's 设置, not a usage error naming no file", async () => {
    const run = await runYear([await monthsWithValues((m) => (m === 1 ? undefined : 50))], { scheme: 'bianmin-10pt' });
    // January's 设置 says 待定 (undecided): the year stopped with exit 2 naming only the value
    const january = { ...run.periodPointValues[0]!, text: '待定' };
    let thrown: unknown = null;
    try {
      yearPointValue(undefined, { ...run, periodPointValues: [january, ...run.periodPointValues.slice(1)] });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InputError);
    expect((thrown as InputError).problems.map((p) => [p.code, p.at, p.args.key, p.args.value])).toEqual([['setting_invalid', { file: january.file, sheet: '设置' }, '每分分值', '待定']]);
  });

  it("a month's 每分分值 that is no amount stops the year at its 值 cell (row 2, column B), before the year's money", async () => {
    // January's 设置 row 2 says 待定: the month is read before the year's money is worked out, and
    // readSettings names the 值 cell (row 2, column B); yearPointValue's own check is never reached.
    const dir = await monthsWithValues((m) => (m === 1 ? '待定' : 50));
    const thrown = await runYear([dir], { scheme: 'bianmin-10pt' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(thrown).toBeInstanceOf(InputError);
    const errors = (thrown as InputError).problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => [p.code, p.at, p.args.key, p.args.value])).toEqual([['setting_invalid', { file: join(dir, '2026-01.xlsx'), sheet: '设置', row: 2, column: '值', columnLetter: 'B' }, '每分分值', '待定']]);
  });

  it('every month 50, or none at all: as before, without a warning', async () => {
    const same = await runYear([await monthsWithValues(() => 50)], { scheme: 'bianmin-10pt' });
    expect(yearPointValue(undefined, same)).toEqual({ value: 5000, warnings: [] });
    const none = await runYear([await monthsWithValues(() => undefined)], { scheme: 'bianmin-10pt' });
    expect(yearPointValue(undefined, none)).toEqual({ value: null, warnings: [] });
  });
});

describe('the year’s 单位名称 when the months’ 设置 give several', () => {
  /** bianmin-10pt months whose 设置 names the centre `nameOf(m)` (no 单位名称 row when undefined). */
  async function monthsNamed(nameOf: (m: number) => string | undefined): Promise<string> {
    const dir = tempDir();
    for (let m = 1; m <= 12; m++) {
      const name = nameOf(m);
      await writeWorkbook(join(dir, `${month(m)}.xlsx`), {
        人员: [['工号', '姓名', '窗口'], ['001', '甲', '民政']],
        记录: [recordHeader],
        设置: [['设置项', '值'], ...(name === undefined ? [] : [['单位名称', name]])],
      });
    }
    return dir;
  }

  it('renamed in July: a warning at December’s 设置 naming both, the year titled with December’s', async () => {
    const dir = await monthsNamed((m) => (m <= 6 ? '东街便民服务中心' : '东街政务服务中心'));
    const run = await runYear([dir], { scheme: 'bianmin-10pt' });
    const names = JSON.stringify([...Array.from({ length: 6 }, (_, i) => [month(i + 1), '东街便民服务中心']), ...Array.from({ length: 6 }, (_, i) => [month(i + 7), '东街政务服务中心'])]);
    const warning = problem('year_centre_name_differs', { file: join(dir, '2026-12.xlsx'), sheet: '设置' }, { names, used: '东街政务服务中心' }, 'warning');
    expect(run.warnings).toContainEqual(warning);
    expect(formatProblem(warning)).toContain('单位名称不同：1月至6月“东街便民服务中心”、7月至12月“东街政务服务中心”');
    expect(run.settings.get('单位名称')).toBe('东街政务服务中心');
  });

  it('one name written with full- and half-width brackets is one name: nothing to say', async () => {
    const run = await runYear([await monthsNamed((m) => (m <= 6 ? '东街便民服务中心（试点）' : '东街便民服务中心(试点)'))], { scheme: 'bianmin-10pt' });
    expect(run.warnings.filter((w) => w.code === 'year_centre_name_differs')).toEqual([]);
  });

  it('one name in some months and none in others: nothing to say', async () => {
    const run = await runYear([await monthsNamed((m) => (m % 2 === 0 ? '东街便民服务中心' : undefined))], { scheme: 'bianmin-10pt' });
    expect(run.warnings.filter((w) => w.code === 'year_centre_name_differs')).toEqual([]);
  });
});

describe('how the year’s messages name runs of periods', () => {
  const at = { file: '2026-07.xlsx', sheet: '设置' };

  it('每分分值 by month: a run of one value is named by its first and last month, a run of two too', () => {
    // Jan–Feb 50 (a run of two), Mar 60 (60, but not 50's run), Apr not given, May–Jul 60 (after the gap, a run of its own)
    const values = '2026-01=50,2026-02=50,2026-03=60,2026-05=60,2026-06=60,2026-07=60';
    expect(formatProblem(problem('year_point_value_differs', at, { values, missing: '2026-04' }, 'warning'))).toContain('1月至2月 50元、3月 60元、5月至7月 60元，4月未填写');
    // halves: each its own value
    expect(formatProblem(problem('year_point_value_differs', at, { values: '2026-H1=50,2026-H2=60', missing: '' }, 'warning'))).toContain('每分分值不同：上半年 50元、下半年 60元。');
  });

  it('one 工号, two people: months listed, joined from a run of three', () => {
    // 1–3 (three: joined), 7–8 (two: listed), 12 alone; the halves of a half-year scheme listed
    const text = formatProblem(problem('year_id_reused', at, { id: '002', first: '乙', firstUnit: '财政', firstPeriods: '2026-01,2026-02,2026-03,2026-07,2026-08,2026-12', second: '庚', secondUnit: '税务', secondPeriods: '2026-H1,2026-H2' }));
    expect(text).toContain('乙（财政，1月至3月、7月、8月、12月）和 庚（税务，上半年、下半年）');
    // a real change of name is one person: the advice says what to do for it too
    expect(text).toContain('如是同一人改了名，请在各期人员表中写同一个姓名');
  });
});

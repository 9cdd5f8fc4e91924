import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAttendance } from '../src/commands/attendance.js';
import { monthPeriod, parsePeriod } from '../src/core/period.js';
import { InputError, type Problem } from '../src/core/problems.js';
import type { CellValue } from '../src/read/table.js';
import { parseSchemeText } from '../src/scheme/parse.js';
import { validateRosterOnly, validateWorkbook } from '../src/validate/workbook.js';
import { brief, sheet, validate } from './month-sheets.js';
import { kaohe } from './kaohe.js';
import { recordHeader, tempDir, writeWorkbook } from './workbook.js';

/**
 * 人员, 记录 and 设置 cells that contradict each other or the contract: a 设置 key given twice,
 * a 类别 outside the list, a record outside its person's days or under another 窗口, a 分值
 * signed against its item. Invented people: 张一 (0001, 民政窗口), 张二 (0002, 社保窗口).
 */
const errors = (problems: Problem[]) => problems.filter((p) => p.severity === 'error').map(brief);

describe('设置 key given twice', () => {
  it('refuses two values, naming both rows', () => {
    const settings = sheet('设置', [
      ['设置项', '值'],
      ['每分分值', 50],
      ['公示天数', 5],
      ['每分分值 ', 60],
    ]);
    const { problems } = validate({ records: sheet('记录', [['日期', '工号', '项目']]), settings });
    expect(errors(problems)).toEqual([{ code: 'setting_duplicate', severity: 'error', row: 4, column: undefined, args: { key: '每分分值', firstRow: 2, first: '50', value: '60', same: 0 } }]);
  });

  it('warns about a key written twice with the same value, and uses it', () => {
    const settings = sheet('设置', [
      ['单位名称', '某中心'],
      ['单位名称', '某中心'],
    ]);
    const { problems, settings: read } = validate({ records: sheet('记录', [['日期', '工号', '项目']]), settings });
    expect(problems.filter((p) => p.code === 'setting_duplicate').map((p) => [p.severity, p.at.row, p.args.firstRow])).toEqual([['warning', 2, 1]]);
    expect(read.get('单位名称')).toBe('某中心');
  });
});

describe('设置 values that must be numbers', () => {
  it('a 公示天数 or 每分分值 that is none is an error at its cell, found with the other settings', () => {
    // 公示天数 takes 1 to 60 working days (5, 5天, 5个工作日); 五 is no number, 0 and 61 are outside.
    // 每分分值 takes an amount over 0 (60, 60元); -5 is not. The header is row 1, so rows 2 and 3, column B (值).
    const settings = sheet('设置', [
      ['设置项', '值'],
      ['公示天数', '五'],
      ['每分分值', '-5'],
    ]);
    const { problems } = validate({ records: sheet('记录', [['日期', '工号', '项目']]), settings });
    expect(errors(problems)).toEqual([
      { code: 'setting_invalid', severity: 'error', row: 2, column: 'B', args: { key: '公示天数', value: '五', expected: 'notice_days' } },
      { code: 'setting_invalid', severity: 'error', row: 3, column: 'B', args: { key: '每分分值', value: '-5', expected: 'point_value' } },
    ]);
  });

  it('takes the ways a clerk writes them', () => {
    const settings = sheet('设置', [
      ['公示天数', '7个工作日'],
      ['每分分值', '60元'],
    ]);
    expect(errors(validate({ records: sheet('记录', [['日期', '工号', '项目']]), settings }).problems)).toEqual([]);
  });
});

describe('类别', () => {
  const emptyRecords = sheet('记录', [['日期', '工号', '项目']]);
  const withCategories = (...categories: string[]) =>
    sheet('人员', [['工号', '姓名', '窗口', '类别'], ...categories.map((c, i) => [`000${i + 1}`, `张${'一二三四五'[i]}`, '民政窗口', c])]);

  it('refuses a word outside the list at its cell, listing the five', () => {
    const { input, problems } = validate({ roster: withCategories('公务员（参公）', '派驻人员', '事业编', '工勤', ''), records: emptyRecords });
    expect(input).toBeNull();
    const expected = '公务员、事业、工勤、派驻、其他';
    expect(errors(problems)).toEqual([
      // NFKC folds the full-width brackets as names are cleaned
      { code: 'person_category_unknown', severity: 'error', row: 2, column: 'D', args: { value: '公务员(参公)', expected } },
      { code: 'person_category_unknown', severity: 'error', row: 3, column: 'D', args: { value: '派驻人员', expected } },
      { code: 'person_category_unknown', severity: 'error', row: 4, column: 'D', args: { value: '事业编', expected } },
    ]);
  });

  it('accepts a category the scheme itself grades by', () => {
    // bingcha-halfyear's labels keyed 参公 instead of 公务员
    const text = readFileSync('templates/schemes/bingcha-halfyear.yaml', 'utf8').replace('    公务员: [优秀, 称职', '    参公: [优秀, 称职');
    const scheme = parseSchemeText(text, 'own.yaml');
    const roster = withCategories('参公', '公务员');
    const { problems } = validateWorkbook('m.xlsx', new Map([['roster', roster], ['records', emptyRecords]]), scheme, parsePeriod('2026-H1')!, { allowMissingPeer: true });
    expect(problems.filter((p) => p.code === 'person_category_unknown')).toEqual([]);
  });
});

describe('类别 其它', () => {
  const emptyRecords = sheet('记录', [['日期', '工号', '项目']]);
  const roster = sheet('人员', [
    ['工号', '姓名', '窗口', '类别'],
    ['0001', '张一', '民政窗口', '其它'],
    ['0002', '张二', '社保窗口', '其他'],
  ]);

  it('is 其他: accepted among the five, and the person’s category is 其他', () => {
    const { input, problems } = validate({ roster, records: emptyRecords });
    expect(errors(problems)).toEqual([]);
    expect(input?.roster.map((p) => [p.id, p.category])).toEqual([
      ['0001', '其他'],
      ['0002', '其他'],
    ]);
  });

  it('is 其他 in a scheme too: labels keyed 其它 grade a roster’s 其他 and 其它 alike', () => {
    // bingcha-halfyear with its 公务员 labels keyed 其它 instead: 称职 (not default's 合格) at level 2 for both
    const text = readFileSync('templates/schemes/bingcha-halfyear.yaml', 'utf8').replace('    公务员: [优秀, 称职', '    其它: [优秀, 称职');
    const scheme = parseSchemeText(text, 'own.yaml');
    expect(scheme.grades?.labels.get('其他')).toEqual(['优秀', '称职', '基本称职', '不称职']);
    const { roster: people, problems } = validateWorkbook('m.xlsx', new Map([['roster', roster], ['records', emptyRecords]]), scheme, parsePeriod('2026-H1')!, { allowMissingPeer: true });
    expect(problems.filter((p) => p.code === 'person_category_unknown')).toEqual([]);
    expect(people?.map((p) => scheme.grades?.labels.get(p.category)?.[1])).toEqual(['称职', '称职']);
  });
});

describe('类别 in commands that do not score', () => {
  const roster = (category: string) => [
    ['工号', '姓名', '窗口', '类别'],
    ['0001', '张一', '民政窗口', category],
  ];
  const rosterOnly = (category: string) => sheet('人员', roster(category));

  it('is not checked without a scheme (import’s never-punched check): nothing there uses it', () => {
    const { roster: people, problems } = validateRosterOnly('m.xlsx', new Map([['roster', rosterOnly('事业编')]]), monthPeriod(2026, 10), null);
    expect(problems).toEqual([]);
    expect(people?.map((p) => p.category)).toEqual(['事业编']);
  });

  it('attendance --scheme takes a category the scheme grades by (参公), as score does', async () => {
    const dir = tempDir();
    // bingcha-halfyear with its 公务员 labels keyed 参公
    const own = join(dir, 'own.yaml');
    writeFileSync(own, readFileSync('templates/schemes/bingcha-halfyear.yaml', 'utf8').replace('    公务员: [优秀, 称职', '    参公: [优秀, 称职'));
    const path = await writeWorkbook(join(dir, '2026-11.xlsx'), { 人员: roster('参公'), 考勤: [['工号', '日期', '时间'], ['0001', '2026-11-02', '07:58']] });
    const run = await runAttendance(path, { scheme: own });
    expect(run.people.map((p) => p.personId)).toEqual(['0001']);
  });

  it('attendance --scheme still refuses a word neither the five nor the scheme has, at its cell', async () => {
    const path = await writeWorkbook(join(tempDir(), '2026-11.xlsx'), { 人员: roster('事业编'), 考勤: [['工号', '日期', '时间'], ['0001', '2026-11-02', '07:58']] });
    const refused = await runAttendance(path, { scheme: 'bianmin-10pt' }).then(
      () => [],
      (error: unknown) => (error instanceof InputError ? error.problems.filter((p) => p.code === 'person_category_unknown').map((p) => [p.at.row, p.at.columnLetter, p.args.value]) : [String(error)]),
    );
    expect(refused).toEqual([[2, 'D', '事业编']]);
  });
});

describe('a 考勤号码 on two 人员 rows', () => {
  it('is refused at each of them, naming the others; 001 and 1 are one number, as the export matching takes them', () => {
    const roster = sheet('人员', [
      ['工号', '姓名', '窗口', '考勤号码'],
      ['0001', '张一', '民政窗口', '1'],
      ['0002', '张二', '社保窗口', '1'],
      ['0003', '张三', '社保窗口', '001'],
      ['0004', '张四', '社保窗口', '2'],
      ['0005', '张五', '社保窗口', null],
      ['0006', '张六', '社保窗口', null],
    ]);
    const { problems } = validate({ roster, records: sheet('记录', [['日期', '工号', '项目']]) });
    // rows 2, 3, 4 share number 1 (001 without its zeros); 2 is 张四's alone; no number is no clash
    expect(errors(problems)).toEqual([
      { code: 'person_clock_duplicate', severity: 'error', row: 2, column: 'D', args: { value: '1', rows: '3、4', names: '张二、张三', values: '1、001' } },
      { code: 'person_clock_duplicate', severity: 'error', row: 3, column: 'D', args: { value: '1', rows: '2、4', names: '张一、张三', values: '1、001' } },
      { code: 'person_clock_duplicate', severity: 'error', row: 4, column: 'D', args: { value: '001', rows: '2、3', names: '张一、张二', values: '1' } },
    ]);
  });
});

describe('a 考勤号码 written for someone without a clock', () => {
  it('无, /, -, 未打卡 are no number and a number of only zeros is left out, however many rows write them (probe r12e)', () => {
    const roster = sheet('人员', [
      ['工号', '姓名', '窗口', '考勤号码'],
      ['0001', '张一', '民政窗口', '无'],
      ['0002', '张二', '社保窗口', '无'],
      ['0003', '张三', '社保窗口', '/'],
      ['0004', '张四', '社保窗口', '/'],
      ['0005', '张五', '社保窗口', '-'],
      ['0006', '张六', '社保窗口', '-'],
      ['0007', '张七', '社保窗口', '未打卡'],
      ['0008', '张八', '社保窗口', '未打卡'],
      ['0009', '张九', '社保窗口', 0],
      ['0010', '张十', '社保窗口', '000'],
      ['0011', '李一', '社保窗口', 7],
      ['0012', '李二', '社保窗口', '07'],
    ]);
    const { problems } = validate({ roster, records: sheet('记录', [['日期', '工号', '项目']]) });
    // only rows 12 and 13 share a number (7 and 07: one number without the zero); 0 and 000 are no clock's number
    expect(errors(problems).map((p) => [p.code, p.row, p.args.value])).toEqual([
      ['person_clock_duplicate', 12, '7'],
      ['person_clock_duplicate', 13, '07'],
    ]);
  });
});

describe('a record outside its person’s 到岗日期/离岗日期', () => {
  const roster = sheet('人员', [
    ['工号', '姓名', '窗口', '到岗日期', '离岗日期'],
    ['0001', '张一', '民政窗口', '2026-10-15', null],
    ['0002', '张二', '社保窗口', null, '2026-10-10'],
  ]);
  const records = (...rows: CellValue[][]) => sheet('记录', [['日期', '工号', '项目'], ...rows]);

  it('refuses it at the 日期 cell, naming the dates', () => {
    const { problems } = validate({ roster, records: records(['2026-10-05', '0001', '2.1'], ['2026-10-20', '0002', '2.1']) });
    expect(errors(problems)).toEqual([
      { code: 'record_outside_person_dates', severity: 'error', row: 2, column: 'A', args: { value: '2026-10-05', person: '张一（0001）', start: '2026-10-15', end: '' } },
      { code: 'record_outside_person_dates', severity: 'error', row: 3, column: 'A', args: { value: '2026-10-20', person: '张二（0002）', start: '', end: '2026-10-10' } },
    ]);
  });

  it('takes the first and the last day themselves', () => {
    const { input, problems } = validate({ roster, records: records(['2026-10-15', '0001', '2.1'], ['2026-10-10', '0002', '2.1']) });
    expect(errors(problems)).toEqual([]);
    expect(input?.records).toHaveLength(2);
  });
});

describe('a boolean in a 记录 cell', () => {
  it('is quoted as Excel shows it: 分值 TRUE, not true', () => {
    const records = sheet('记录', [
      ['日期', '工号', '项目', '分值'],
      ['2026-10-05', '0001', '3.1', true],
    ]);
    expect(errors(validate({ records }).problems)).toEqual([{ code: 'number_invalid', severity: 'error', row: 2, column: 'D', args: { value: 'TRUE' } }]);
  });
});

describe('a 分值 that is a number kaohe does not take', () => {
  it('says a third decimal is to be rounded, offering the rounding (half up), not that it is no number', () => {
    const records = sheet('记录', [
      ['日期', '工号', '项目', '分值'],
      ['2026-10-05', '0001', '3.1', 0.333333333333333],
      ['2026-10-06', '0001', '3.1', 2.345],
      ['2026-10-07', '0001', '3.1', '0.125分'],
      ['2026-10-08', '0001', '3.1', '五'],
    ]);
    // =1/3 as the workbook holds it, 15 digits: 0.333333333333333 → 0.33; 2.345 → 2.35 and 0.125 → 0.13 (half up, not the double's 2.3449…)
    expect(errors(validate({ records }).problems).map((p) => [p.code, p.row, p.args])).toEqual([
      ['number_decimals', 2, { value: '0.333333333333333', rounded: '0.33' }],
      ['number_decimals', 3, { value: '2.345', rounded: '2.35' }],
      ['number_decimals', 4, { value: '0.125分', rounded: '0.13' }],
      ['number_invalid', 5, { value: '五' }],
    ]);
  });
});

describe('a record contradicting the roster', () => {
  const records = (...rows: CellValue[][]) => sheet('记录', [['日期', '工号', '姓名', '窗口', '项目', '分值'], ...rows]);

  it('refuses a 窗口 that is not the person’s, found by 姓名 or by 工号', () => {
    const { problems } = validate({ records: records(['2026-10-09', null, '张一', '社保窗口', '2.1', null], ['2026-10-09', '0002', null, '民政窗口', '2.1', null]) });
    expect(errors(problems)).toEqual([
      { code: 'person_unit_mismatch', severity: 'error', row: 2, column: 'D', args: { person: '张一（0001）', expected: '民政窗口', value: '社保窗口' } },
      { code: 'person_unit_mismatch', severity: 'error', row: 3, column: 'D', args: { person: '张二（0002）', expected: '社保窗口', value: '民政窗口' } },
    ]);
  });

  it('takes the person’s own 窗口', () => {
    const { input } = validate({ records: records(['2026-10-09', '0001', '张一', '民政窗口', '2.1', null]) });
    expect(input?.records.map((r) => [r.personId, r.unit])).toEqual([['0001', '民政窗口']]);
  });

  const signs = (points: CellValue, item: string) => errors(validate({ records: records(['2026-10-09', '0001', null, null, item, points]) }, 'bingcha-monthly').problems);

  it.each([-8, '-8', '－8', '−8'])('refuses a bonus written negative (%j for 11.1 表彰, 加5-10分)', (points) => {
    expect(signs(points, '11.1')).toEqual([{ code: 'points_sign_contradicts', severity: 'error', row: 2, column: 'F', args: { rule: '11.1 受到市委、市政府以上表彰', kind: '加分', value: String(points) } }]);
  });

  it('refuses a deduction written with a plus (+3 for 7.1 投诉, 扣2-5分)', () => {
    expect(signs('+3', '7.1')).toMatchObject([{ code: 'points_sign_contradicts', column: 'F', args: { kind: '扣分', value: '+3' } }]);
  });

  it.each([
    [8, '11.1'],
    ['+8', '11.1'],
    [3, '7.1'],
    [-3, '7.1'],
    ['-3分', '7.1'],
  ])('takes %j for %s', (points, item) => {
    expect(signs(points, item)).toEqual([]);
  });
});

describe('离岗日期 earlier than 到岗日期', () => {
  it('stops every command that reads the roster, at 人员 › row › 离岗日期', async () => {
    const dir = tempDir();
    // 王五 came back on 1 September with the old 离岗日期 of 20 March left in: in post on no day, he
    // would drop out of every output. The row is row 3, 离岗日期 column E.
    const roster = [
      ['工号', '姓名', '窗口', '到岗日期', '离岗日期'],
      ['001', '张三', '民政', null, null],
      ['002', '王五', '民政', '2026-09-01', '2026-03-20'],
    ];
    const october = await writeWorkbook(join(dir, '2026-10.xlsx'), { 人员: roster, 记录: [recordHeader], 考勤: [['工号', '日期', '打卡时间'], ['001', '2026-10-09', '07:55 11:35 14:55 18:05']] });
    await writeWorkbook(join(dir, '2026-11.xlsx'), { 人员: roster, 记录: [recordHeader] });
    const attlog = join(dir, '1_attlog.dat');
    writeFileSync(attlog, '\t001\t2026-10-09 07:55:00\t1\t0\t1\t0\n');
    const runs = {
      score: await kaohe('score', october, '--scheme', 'bianmin-10pt'),
      check: await kaohe('check', october, '--scheme', 'bianmin-10pt'),
      year: await kaohe('year', dir, '--scheme', 'bianmin-10pt', '--partial'),
      attendance: await kaohe('attendance', october),
      template: await kaohe('template', '--scheme', 'bianmin-10pt', '--roster', october, '-o', join(tempDir(), 'next.xlsx')),
      import: await kaohe('import', attlog, '--roster', october, '-o', join(tempDir(), 'imported.xlsx')),
    };
    const where = `${october} › 人员 › 第3行 › 离岗日期(E列): 离岗日期早于到岗日期：如已重新到岗，请清空或改正离岗日期`;
    for (const [command, run] of Object.entries(runs)) {
      expect([command, run.code]).toEqual([command, 1]);
      expect(run.stderr, command).toContain(where);
    }
  });
});

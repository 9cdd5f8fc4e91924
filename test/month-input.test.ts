import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { runScore } from '../src/commands/score.js';
import { toNumber } from '../src/core/decimal.js';
import { InputError, type Problem } from '../src/core/problems.js';
import { formatProblem } from '../src/messages.js';
import { peerRows, recordHeader, rosterRows, tempDir, writeWorkbook, type SheetRows } from './workbook.js';

async function score(records: SheetRows, extra: Record<string, SheetRows> = {}, name = '2026-10.xlsx') {
  const path = await writeWorkbook(join(tempDir(), name), { 人员: rosterRows, 记录: [recordHeader, ...records], 互评: peerRows, ...extra });
  return runScore(path, { scheme: 'bingcha-monthly' });
}

async function problemsOf(records: SheetRows, extra: Record<string, SheetRows> = {}): Promise<Problem[]> {
  try {
    await score(records, extra);
  } catch (error) {
    if (error instanceof InputError) return [...error.problems];
    throw error;
  }
  throw new Error('expected input problems');
}

const total = (run: Awaited<ReturnType<typeof score>>, key: string) => toNumber(run.result.subjects.find((s) => s.key === key)!.total);

describe('reading the month workbook', () => {
  it('reports an unknown code, a ranged item without 分值 and an unknown name together, each at its row', async () => {
    const problems = await problemsOf([
      [new Date(Date.UTC(2026, 9, 5)), '001', null, null, '12.1', null, null, null, null], // row 2: no such code
      [new Date(Date.UTC(2026, 9, 6)), '002', null, null, '7.1', null, null, null, null], // row 3: 视情2-5分 without points
      [new Date(Date.UTC(2026, 9, 7)), null, '赵六', null, '9.1', null, null, null, null], // row 4: not in roster
    ]);
    const errors = problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => [p.code, p.at.sheet, p.at.row, p.at.column])).toEqual([
      ['item_unknown', '记录', 2, '项目'],
      ['points_required', '记录', 3, '分值'],
      ['person_unknown', '记录', 4, '姓名'],
    ]);
  });

  it('suggests the nearest code for a typo', async () => {
    const [p] = await problemsOf([['2026-10-05', '001', null, null, '7.3', null, null, null, null]]);
    expect(p).toMatchObject({ code: 'item_unknown', args: { value: '7.3' } });
    expect(String(p!.args.suggestion)).toMatch(/^7\.[12] /);
  });

  it('rejects out-of-range points, bad counts, dates outside the month and ambiguous names', async () => {
    const roster = [...rosterRows, ['004', '张三', '国土窗口']];
    const problems = await problemsOf(
      [
        ['2026-10-05', '001', null, null, '7.1', null, 8, null, null], // 7.1 is 2–5
        ['2026-10-05', '002', null, null, '9.1', -1, null, null, null], // negative count
        ['2026-10-05', '002', null, null, '9.1', 1.5, null, null, null], // fractional count
        ['2026-11-02', '003', null, null, '9.1', null, null, null, null], // November in an October run
        ['2026-10-05', null, '张三', null, '9.1', null, null, null, null], // two 张三
        ['2026-10-05', '003', null, null, '1.2', null, 2, null, null], // 1.2 is a fixed 3
      ],
      { 人员: roster },
    );
    expect(problems.map((p) => [p.code, p.at.row])).toEqual([
      ['points_out_of_range', 2],
      ['count_invalid', 3],
      ['count_invalid', 4],
      ['date_outside_period', 5],
      ['person_ambiguous', 6],
      ['points_mismatch', 7],
    ]);
  });

  it('says once that every record is of another month, then shows a few rows, not one error per record', async () => {
    // Six records of October 2026 (and one of September) scored as November: the period is likely wrong, not each date.
    const october = ['05', '06', '07', '08', '09'].map((d) => [`2026-10-${d}`, '001', null, null, '9.1', null, null, null, null]);
    const path = await writeWorkbook(join(tempDir(), '2026-11.xlsx'), { 人员: rosterRows, 记录: [recordHeader, ...october, ['2026-09-30', '002', null, null, '9.1', null, null, null, null]], 互评: peerRows });
    const error = (await runScore(path, { scheme: 'bingcha-monthly' }).catch((e: unknown) => e)) as InputError;
    expect(error).toBeInstanceOf(InputError);
    const errors = error.problems.filter((p) => p.severity === 'error');
    // One line for the sheet, then rows 2–4 of the six as examples (RECORD_DATE_EXAMPLES = 3).
    expect(errors.map((p) => [p.code, p.at.sheet, p.at.row])).toEqual([
      ['records_all_outside_period', '记录', undefined],
      ['date_outside_period', '记录', 2],
      ['date_outside_period', '记录', 3],
      ['date_outside_period', '记录', 4],
    ]);
    expect(errors[0]!.args).toMatchObject({ count: 6, period: '2026-11', months: '2026-09,2026-10', shown: 3 });
    expect(formatProblem(errors[0]!)).toContain('记录的日期都不在考核期 2026-11（2026-11-01 至 2026-11-30）内：都在 2026年9月、2026年10月；是否选错了月份？');
    expect(formatProblem(errors[0]!)).toContain('以下列出 6 行中的前 3 行');
  });

  it('asks of the year when the records are of the same month a year on', async () => {
    // Two records of 2026-12 in 2025-12.xlsx: every row shown (2 ≤ 3), and the year is what differs.
    const rows = ['05', '07'].map((d) => [`2026-12-${d}`, '001', null, null, '9.1', null, null, null, null]);
    const path = await writeWorkbook(join(tempDir(), '2025-12.xlsx'), { 人员: rosterRows, 记录: [recordHeader, ...rows], 互评: peerRows });
    const error = (await runScore(path, { scheme: 'bingcha-monthly' }).catch((e: unknown) => e)) as InputError;
    const summary = error.problems.find((p) => p.code === 'records_all_outside_period')!;
    expect(summary.args).toMatchObject({ count: 2, period: '2025-12', months: '2026-12', shown: 2 });
    expect(formatProblem(summary)).toContain('都在 2026年12月；是否选错了年份？');
    expect(formatProblem(summary)).toContain('各行列在下面');
  });

  it('asks of the year for a half year too, when the records are of the same half a year earlier', async () => {
    // Records of August and September 2025 run as 2026-H2: in 2026 both months lie in July–December, so the year differs.
    const rows = ['08-05', '09-07'].map((d) => [`2025-${d}`, '001', null, null, '1.1', null, null, null, null]);
    const path = await writeWorkbook(join(tempDir(), '2026-H2.xlsx'), { 人员: rosterRows, 记录: [recordHeader, ...rows] });
    const error = (await runScore(path, { scheme: 'bingcha-halfyear' }).catch((e: unknown) => e)) as InputError;
    const summary = error.problems.find((p) => p.code === 'records_all_outside_period')!;
    expect(summary.args).toMatchObject({ count: 2, period: '2026-H2', months: '2025-08,2025-09', differs: 'year' });
    expect(formatProblem(summary)).toContain('是否选错了年份？');
  });

  it('lists every record outside the period when only some are (each is its own mistake)', async () => {
    // Rows 2–3 of October, row 4 of November, in an October run: row 4 alone is said.
    const problems = await problemsOf([
      ['2026-10-05', '001', null, null, '9.1', null, null, null, null],
      ['2026-10-06', '001', null, null, '9.1', null, null, null, null],
      ['2026-11-02', '001', null, null, '9.1', null, null, null, null],
    ]);
    expect(problems.filter((p) => p.severity === 'error').map((p) => [p.code, p.at.row])).toEqual([['date_outside_period', 4]]);
  });

  it('reads dates typed five ways, full-width codes, names with stray spaces and a title block', async () => {
    const run = await score(
      [
        ['2026-10-05', null, ' 张 三 ', null, '９．１', null, null, null, null],
        ['2026/10/6', null, '张三', null, '9.1', null, null, null, null],
        ['2026年10月7日', null, '张三', null, '9.1', null, null, null, null],
        ['20261008', null, '张三', null, '9.1', null, null, null, null],
        ['10月9日', null, '张三', null, '9.1', null, null, null, null],
        [new Date(Date.UTC(2026, 9, 12)), null, '张三', null, '窗口卫生、资料摆放不达标', null, null, null, null],
      ],
      { 人员: [['栟茶镇便民服务中心人员名单'], [], ...rosterRows] },
    );
    // six hygiene findings on the 5-point item: 5 − min(6, 5) = 0 → 民政窗口 95
    expect(total(run, '民政窗口')).toBe(95);
    expect(total(run, '社保窗口')).toBe(100);
  });

  it('keeps ids with leading zeros and takes formula cells by their cached result', async () => {
    const run = await score([['2026-10-05', '002', null, null, '7.1', null, { formula: '2+2', result: 4 }, null, null]]);
    // complaint 4 points → 社保窗口 96
    expect(total(run, '社保窗口')).toBe(96);
  });

  it('refuses a formula without a cached result', async () => {
    const problems = await problemsOf([['2026-10-05', '002', null, null, '7.1', null, { formula: 'A1*2' }, null, null]]);
    expect(problems[0]).toMatchObject({ code: 'formula_without_result', at: { sheet: '记录', row: 2, columnLetter: 'G' } });
  });

  it('refuses a text written in GBK into the UTF-8 workbook (Excel will not open it), at its cell, showing what it reads as', async () => {
    const path = await writeWorkbook(join(tempDir(), '2026-10.xlsx'), { 人员: rosterRows, 记录: [recordHeader, ['2026-10-05', '002', null, null, '7.1', null, 3, null, '群众投诉']], 互评: peerRows });
    // 群众投诉 rewritten in GBK by other software: each two-byte character's bytes are no UTF-8
    const zip = await JSZip.loadAsync(readFileSync(path));
    const strings = await zip.file('xl/sharedStrings.xml')!.async('nodebuffer');
    const at = strings.indexOf(Buffer.from('群众投诉'));
    zip.file('xl/sharedStrings.xml', Buffer.concat([strings.subarray(0, at), iconv.encode('群众投诉', 'gbk'), strings.subarray(at + Buffer.byteLength('群众投诉'))]));
    writeFileSync(path, await zip.generateAsync({ type: 'nodebuffer' }));
    await expect(runScore(path, { scheme: 'bingcha-monthly' })).rejects.toMatchObject({
      problems: [{ code: 'cell_not_utf8', at: { sheet: '记录', row: 2, column: '说明', columnLetter: 'I' }, severity: 'error' }],
    });
  });

  it('warns about a self-rating and ignores it; a window without ratings is an error', async () => {
    const withSelf = [...peerRows, ['民政窗口', '民政窗口', 0]];
    const run = await score([], { 互评: withSelf });
    expect(run.warnings.map((w) => w.code)).toContain('peer_self_rating');
    expect(total(run, '民政窗口')).toBe(100);
    const problems = await problemsOf([], { 互评: peerRows.filter((r) => r[1] !== '国土窗口') });
    expect(problems.filter((p) => p.severity === 'error').map((p) => [p.code, p.args.subject])).toEqual([['peer_missing', '国土窗口']]);
  });

  it('with --allow-missing-peer, says the window without ratings is scored 0, not to give the option given (probe15a m3)', async () => {
    const path = await writeWorkbook(join(tempDir(), '2026-10.xlsx'), { 人员: rosterRows, 记录: [recordHeader], 互评: peerRows.filter((r) => r[1] !== '国土窗口') });
    const run = await runScore(path, { scheme: 'bingcha-monthly', allowMissingPeer: true });
    const said = run.warnings.filter((w) => w.code === 'peer_missing');
    expect(said.map((w) => [w.severity, w.args.subject])).toEqual([['warning', '国土窗口']]);
    expect(formatProblem(said[0]!)).not.toContain('可加 --allow-missing-peer');
    // 100 − 10 (窗口互评, 10 points, no ratings: 0)
    expect(total(run, '国土窗口')).toBe(90);
  });

  it('a window whose ratings are all refused at their cells is not said again to have none; one without rows still is (probe14 peer/pct)', async () => {
    // 国土窗口 rated 94% and 95% (a percent, not 94): refused at rows 3 and 4. 社保窗口's rating by 某窗口
    // (no such window, row 5) is refused there too; its other one (row 2) counts. 民政窗口 has no row.
    const rows: SheetRows = [
      ['评分人', '被评对象', '分数'],
      ['民政窗口', '社保窗口', 100],
      ['民政窗口', '国土窗口', '94%'],
      ['社保窗口', '国土窗口', '95%'],
      ['某窗口', '社保窗口', 100],
    ];
    const errors = (await problemsOf([], { 互评: rows })).filter((p) => p.severity === 'error').map((p) => [p.code, p.at.row, p.args.subject ?? p.args.value]);
    expect(errors).toEqual([
      ['peer_missing', undefined, '民政窗口'],
      ['number_invalid', 3, '94%'],
      ['number_invalid', 4, '95%'],
      ['peer_unknown_subject', 5, '某窗口'],
    ]);
  });

  it('names a missing sheet and a missing column', async () => {
    const path = await writeWorkbook(join(tempDir(), '2026-10.xlsx'), { 人员: [['工号', '姓名']], 记录: [recordHeader] });
    const error = await runScore(path, { scheme: 'bingcha-monthly' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    const errors = (error as InputError).problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => [p.code, p.at.sheet ?? null, p.args.column ?? p.args.sheet])).toEqual([
      ['sheet_missing', null, '互评'],
      ['column_missing', '人员', '窗口'],
    ]);
  });
});

describe('评分, 指标 and 月度 sheets', () => {
  const roster = [
    ['工号', '姓名', '窗口', '类别'],
    ['001', '张三', '审批科', '公务员'],
    ['002', '李四', '审批科', '事业'],
  ];

  it('reads 办结率 as 96, 96% or 0.96 and reports a person without one', async () => {
    const dir = tempDir();
    const path = await writeWorkbook(join(dir, '2026-H2.xlsx'), {
      人员: roster,
      记录: [recordHeader],
      指标: [
        ['工号', '指标', '数值'],
        ['001', '办结率', '96%'],
      ],
    });
    const missing = await runScore(path, { scheme: 'bingcha-halfyear' }).catch((e: unknown) => e as InputError);
    expect((missing as InputError).problems.filter((p) => p.severity === 'error').map((p) => [p.code, p.args.subject, p.args.item])).toEqual([
      ['metric_missing', '002', '办结率'],
    ]);

    const complete = await writeWorkbook(join(dir, '2026-H2b.xlsx'), {
      人员: roster,
      记录: [recordHeader],
      指标: [
        ['工号', '指标', '数值'],
        ['001', '办结率', '96%'],
        ['002', '4.2', 0.98],
      ],
    });
    const run = await runScore(complete, { scheme: 'bingcha-halfyear', period: '2026-H2' });
    // 95 without an innovation; 张三 96% → −2 → 93; 李四 98% → −1 → 94
    expect(total(run, '001')).toBe(93);
    expect(total(run, '002')).toBe(94);
  });

  it('scores city-hall-annual from 月度 and 评分 sheets', async () => {
    const months = Array.from({ length: 12 }, (_, i) => ['001', `${i + 1}月`, i % 2 === 0 ? 94 : 96]);
    const path = await writeWorkbook(join(tempDir(), '2026年度.xlsx'), {
      人员: roster.slice(0, 2),
      记录: [recordHeader],
      月度: [['工号', '月份', '基本分'], ...months],
      评分: [
        ['工号', '项目', '分数'],
        ['001', '个人总结情况', 5.5],
        ['001', '4', 8],
        ['001', '5', 8],
      ],
    });
    const run = await runScore(path, { scheme: 'city-hall-annual', period: '2026' });
    // 100 − (60 − 57) − (6 − 5.5) = 96.5
    expect(total(run, '001')).toBe(96.5);
  });

  it('reads 月份 typed as the number 3 (General or 0 format) as March; a cell formatted as a date stays that date', async () => {
    const marks = [['工号', '项目', '分数'], ['001', '个人总结情况', 5.5], ['001', '4', 8], ['001', '5', 8]];
    // numbers 1–12, January to June in General, July to December in the 0 format
    const book = new ExcelJS.Workbook();
    const sheets: Record<string, SheetRows> = { 人员: roster.slice(0, 2), 记录: [recordHeader], 评分: marks };
    for (const [name, rows] of Object.entries(sheets)) book.addWorksheet(name).addRows(rows);
    const monthly = book.addWorksheet('月度');
    monthly.addRow(['工号', '月份', '基本分']);
    for (let m = 1; m <= 12; m++) monthly.addRow(['001', m, m % 2 === 1 ? 94 : 96]).getCell(2).numFmt = m <= 6 ? 'General' : '0';
    const path = join(tempDir(), '2026年度.xlsx');
    await book.xlsx.writeFile(path);
    const run = await runScore(path, { scheme: 'city-hall-annual', period: '2026' });
    // as with 1月…12月 above: mean of six 94s and six 96s is 95, × 60/100 = 57;
    // 100 − (60 − 57) − (6 − 5.5) = 96.5 (read as serials 1–12, every row was 1900-01 and an error)
    expect(total(run, '001')).toBe(96.5);

    // serial 3 in a yyyy-mm-dd cell shows 1900-01-03: a date of 1900, outside the year
    const dated = new ExcelJS.Workbook();
    for (const [name, rows] of Object.entries(sheets)) dated.addWorksheet(name).addRows(rows);
    const datedMonthly = dated.addWorksheet('月度');
    datedMonthly.addRow(['工号', '月份', '基本分']);
    datedMonthly.addRow(['001', 3, 95]).getCell(2).numFmt = 'yyyy-mm-dd';
    const datedPath = join(tempDir(), '2026年度.xlsx');
    await dated.xlsx.writeFile(datedPath);
    const error = (await runScore(datedPath, { scheme: 'city-hall-annual', period: '2026' }).catch((e: unknown) => e)) as InputError;
    expect(error.problems.filter((p) => p.severity === 'error').map((p) => [p.code, p.at.sheet, p.at.row, p.args.value])).toEqual([['date_outside_period', '月度', 2, '1900-01']]);
  });

  it('refuses a number 月份 that is neither 1–12 nor a date, naming the month', async () => {
    const path = await writeWorkbook(join(tempDir(), '2026年度.xlsx'), {
      人员: roster.slice(0, 2),
      记录: [recordHeader],
      月度: [['工号', '月份', '基本分'], ['001', 13, 95], ['001', 2.5, 95]],
      评分: [['工号', '项目', '分数'], ['001', '2', 6], ['001', '4', 8], ['001', '5', 8]],
    });
    const error = (await runScore(path, { scheme: 'city-hall-annual', period: '2026' }).catch((e: unknown) => e)) as InputError;
    // 13 and 2.5 as serials are 1900-01-13 and 1900-01-02: no month of any plausible year
    expect(error.problems.filter((p) => p.severity === 'error').map((p) => [p.code, p.at.row, p.at.column, p.args.value])).toEqual([
      ['month_invalid', 2, '月份', '13'],
      ['month_invalid', 3, '月份', '2.5'],
    ]);
  });

  it('refuses a 基本分 above the month’s full base (a month’s total with bonus typed) and a negative one, at its cell', async () => {
    const path = await writeWorkbook(join(tempDir(), '2026年度.xlsx'), {
      人员: roster.slice(0, 2),
      记录: [recordHeader],
      月度: [['工号', '月份', '基本分'], ['001', 1, 105], ['001', 2, 95], ['001', 3, -5], ['001', 4, 100]],
      评分: [['工号', '项目', '分数'], ['001', '2', 6], ['001', '4', 8], ['001', '5', 8]],
    });
    const error = (await runScore(path, { scheme: 'city-hall-annual', period: '2026' }).catch((e: unknown) => e)) as InputError;
    // Taken, 105 made the mean (105 + 95 + 100) / 3 = 100 → 60 of 60: the 5 bonus points counted as base.
    // The base is out of the 月度考核 item's scale, 100; 100 itself is a full month.
    expect(error.problems.filter((p) => p.severity === 'error').map((p) => [p.code, p.at.sheet, p.at.row, p.at.column, p.args])).toEqual([
      ['monthly_base_out_of_range', '月度', 2, '基本分', { value: 105, max: 100 }],
      ['number_negative', '月度', 4, '基本分', { value: '-5' }],
    ]);
  });

  it('refuses a 月度 row for a month the person was not in post (before 到岗日期, after 离岗日期), as a month workbook does', async () => {
    const dated = [
      ['工号', '姓名', '窗口', '类别', '到岗日期', '离岗日期'],
      ['001', '张三', '审批科', '公务员', '2026-06-15', null],
      ['002', '李四', '审批科', '事业', null, '2026-04-15'],
    ];
    const marks = [['工号', '项目', '分数'], ['001', '2', 5.5], ['001', '4', 8], ['001', '5', 8], ['002', '2', 6], ['002', '4', 8], ['002', '5', 8]];
    const inPost = [['001', 6, 93], ...Array.from({ length: 6 }, (_, i) => ['001', 7 + i, 95]), ['002', 4, 95]];
    const wrong = await writeWorkbook(join(tempDir(), '2026年度.xlsx'), {
      人员: dated,
      记录: [recordHeader],
      月度: [['工号', '月份', '基本分'], ['001', 3, 90], ...inPost, ['002', 5, 95]],
      评分: marks,
    });
    const error = (await runScore(wrong, { scheme: 'city-hall-annual', period: '2026' }).catch((e: unknown) => e)) as InputError;
    expect(error.problems.filter((p) => p.severity === 'error').map((p) => [p.code, p.at.row, p.at.column, p.args.month])).toEqual([
      ['monthly_outside_person_dates', 2, '月份', '2026-03'],
      ['monthly_outside_person_dates', 11, '月份', '2026-05'],
    ]);

    // June counts: 张三 came on the 15th, in post that month, as the June workbook would score him.
    const right = await writeWorkbook(join(tempDir(), '2026年度.xlsx'), { 人员: dated, 记录: [recordHeader], 月度: [['工号', '月份', '基本分'], ...inPost], 评分: marks });
    const run = await runScore(right, { scheme: 'city-hall-annual', period: '2026' });
    // 张三: (93 + 6 × 95) / 7 = 663 / 7 = 94.714… × 60/100 = 56.828… → 56.83; 100 − (60 − 56.83) − (6 − 5.5) = 96.33
    expect(total(run, '001')).toBe(96.33);
    // 李四: April alone, 95 × 60/100 = 57; 100 − 3 = 97
    expect(total(run, '002')).toBe(97);
  });

  it('refuses a mark above the item points', async () => {
    const path = await writeWorkbook(join(tempDir(), '2026年度.xlsx'), {
      人员: roster.slice(0, 2),
      记录: [recordHeader],
      月度: [['工号', '月份', '基本分'], ['001', '2026-01', 95]],
      评分: [
        ['工号', '项目', '分数'],
        ['001', '2', 7],
        ['001', '4', 8],
        ['001', '5', 8],
      ],
    });
    const error = (await runScore(path, { scheme: 'city-hall-annual', period: '2026' }).catch((e: unknown) => e)) as InputError;
    const errors = error.problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => [p.code, p.at.sheet, p.at.row, p.at.column])).toEqual([['mark_out_of_range', '评分', 2, '分数']]);
  });
});

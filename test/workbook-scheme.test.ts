import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runScore } from '../src/commands/score.js';
import { runYear } from '../src/commands/year.js';
import type { InputError, Problem } from '../src/core/problems.js';
import { templateSchemeOf, templateText } from '../src/messages/template.js';
import { kaohe } from './kaohe.js';
import { recordHeader, tempDir, writeWorkbook } from './workbook.js';

/** The problems a run stopped on (none when it went through). */
async function problemsOf(run: Promise<unknown>): Promise<readonly Problem[]> {
  return run.then(
    () => [],
    (error: InputError) => error.problems,
  );
}

/**
 * A May workbook kept on bingcha-monthly's template (made by kaohe template): its 说明 names
 * bingcha-monthly; 乙 has 1.2 (与服务对象争吵 there, 早退 in bianmin-10pt), 丙 2.1 (可收件未收件
 * there, 旷工 in bianmin-10pt).
 */
async function bingchaMay(dir: string): Promise<string> {
  const template = join(tempDir(), 'tpl.xlsx');
  expect((await kaohe('template', '--scheme', 'bingcha-monthly', '-o', template)).code).toBe(0);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(template);
  const roster = book.getWorksheet('人员')!;
  [['001', '甲', '民政'], ['002', '乙', '民政'], ['003', '丙', '财政']].forEach((person, i) => (roster.getRow(i + 2).values = person));
  const records = book.getWorksheet('记录')!;
  records.getRow(2).values = ['2026-05-06', '002', null, null, '1.2', 1];
  records.getRow(3).values = ['2026-05-07', '003', null, null, '2.1', 1];
  const file = join(dir, '2026-05.xlsx');
  await book.xlsx.writeFile(file);
  return file;
}

describe('a workbook made from another scheme’s template', () => {
  const otherScheme = (file: string) => ({ code: 'workbook_other_scheme', severity: 'error', at: { file, sheet: '说明', row: 1, columnLetter: 'A' }, args: { made: 'bingcha-monthly', chosen: 'bianmin-10pt' } });

  it('is an error at 说明’s A1 naming both schemes, for score (else 1.2 与服务对象争吵 counts as 1.2 早退)', async () => {
    const file = await bingchaMay(tempDir());
    expect(await problemsOf(runScore(file, { scheme: 'bianmin-10pt' }))).toContainEqual(otherScheme(file));
    // under its own scheme nothing of the kind is said
    const own = await problemsOf(runScore(file, { scheme: 'bingcha-monthly', allowMissingPeer: true }));
    expect(own.filter((p) => p.code === 'workbook_other_scheme')).toEqual([]);
  });

  it('stops year (the month read among the others), check and explain alike', async () => {
    const dir = tempDir();
    const file = await bingchaMay(dir);
    await writeWorkbook(join(dir, '2026-04.xlsx'), { 人员: [['工号', '姓名', '窗口'], ['001', '甲', '民政']], 记录: [recordHeader] });
    expect(await problemsOf(runYear([dir], { scheme: 'bianmin-10pt', partial: true }))).toContainEqual(otherScheme(file));
    for (const args of [['check', file], ['explain', file, '乙']]) {
      const run = await kaohe(...args, '--scheme', 'bianmin-10pt');
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('bingcha-monthly');
    }
  });

  it('a 说明 A1 that names no built-in scheme is not looked into', async () => {
    const file = join(tempDir(), '2026-05.xlsx');
    await writeWorkbook(file, { 人员: [['工号', '姓名', '窗口'], ['001', '甲', '民政']], 记录: [recordHeader], 说明: [['本中心自制表格（第二版）考核工作簿填写说明']] });
    expect((await problemsOf(runScore(file, { scheme: 'bianmin-10pt' }))).filter((p) => p.code === 'workbook_other_scheme')).toEqual([]);
  });

  it('the title is read back as the template writes it, brackets in the scheme’s title and all', () => {
    const title = templateText.helpTitle({ title: '栟茶镇便民服务中心月度考核办法(试行)（修订）', id: 'bingcha-monthly' });
    expect(templateSchemeOf(title)).toBe('bingcha-monthly');
    expect(templateSchemeOf(`  ${title} `)).toBe('bingcha-monthly');
    expect(templateSchemeOf('考核工作簿填写说明')).toBeNull();
  });
});

describe('a 记录 项目 that gives a code with another item’s name', () => {
  it('is an error at the cell naming the code, the name given and the scheme’s, with no nearest item offered; the scheme’s own name passes', async () => {
    const file = join(tempDir(), '2026-05.xlsx');
    // bianmin-10pt: 1.2 is 早退 and 2.1 旷工; bingcha-monthly’s 1.2 与服务对象争吵 and 2.1 可收件未收件 are other items.
    const records = [recordHeader, ['2026-05-06', '002', null, null, '1.2 与服务对象争吵', 1], ['2026-05-07', '001', null, null, '1.2 早退', 1], ['2026-05-08', '001', null, null, '2.1 可收件未收件', 1]];
    await writeWorkbook(file, { 人员: [['工号', '姓名', '窗口'], ['001', '甲', '民政'], ['002', '乙', '民政']], 记录: records });
    const found = (await problemsOf(runScore(file, { scheme: 'bianmin-10pt' }))).filter((p) => p.code.startsWith('item_'));
    expect(found.map((p) => [p.code, p.at.row, p.at.columnLetter, p.args.code, p.args.name, p.args.schemeName, p.args.suggestion])).toEqual([
      ['item_code_name_differs', 2, 'E', '1.2', '与服务对象争吵', '早退', undefined],
      ['item_code_name_differs', 4, 'E', '2.1', '可收件未收件', '旷工', undefined],
    ]);
  });

  // 1.10 was read as 1.1 named "0" and said "本方案的 1.1 是“迟到”，不是“”": it is a code of its own.
  it('takes 1.10 and 1.1.1 as codes the scheme does not have, not as 1.1 with another name', async () => {
    const file = join(tempDir(), '2026-05.xlsx');
    const records = [recordHeader, ['2026-05-06', '001', null, null, '1.10', 1], ['2026-05-07', '001', null, null, '1.1.1', 1], ['2026-05-08', '001', null, null, '1.1.', 1]];
    await writeWorkbook(file, { 人员: [['工号', '姓名', '窗口'], ['001', '甲', '民政']], 记录: records });
    const found = (await problemsOf(runScore(file, { scheme: 'bianmin-10pt' }))).filter((p) => p.code.startsWith('item_'));
    // bianmin-10pt has no 1.10 nor 1.1.1; the nearest code to each is 1.1 迟到
    expect(found.map((p) => [p.code, p.at.row, p.args.suggestion])).toEqual([
      ['item_unknown', 2, '1.1 迟到'],
      ['item_unknown', 3, '1.1 迟到'],
      ['item_unknown', 4, '1.1 迟到'],
    ]);
  });
});

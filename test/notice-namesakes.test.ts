import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { lookAlikeOnNotice, noticeNames } from '../src/write/public.js';
import { kaohe } from './kaohe.js';
import { recordHeader, tempDir, writeWorkbook } from './workbook.js';

/**
 * A notice lists name, unit and score, never the 工号 (private): two people of one name in one
 * unit print lines nobody reading the board can tell apart, so writing the notice warns, naming
 * their 工号 for the clerk. Same name in another unit, or names told apart by a note, say nothing.
 */

describe('lookAlikeOnNotice', () => {
  it('groups subjects by the name and unit the notice prints, keeping only groups of two or more', () => {
    const subjects = [
      { key: '0001', name: '张伟', unit: '民政' },
      { key: '0002', name: '王海燕', unit: '民政' },
      { key: '0003', name: '张伟', unit: '社保' }, // another unit: its line reads 张伟 社保
      { key: '0004', name: '张伟', unit: '民政' },
      { key: '0005', name: '张伟(小)', unit: '民政' }, // told apart by its note
    ];
    expect(lookAlikeOnNotice(subjects)).toEqual([{ name: '张伟', unit: '民政', keys: ['0001', '0004'] }]);
  });

  it('takes names and units written with a space or a full-width letter as alike (shown as written, not folded)', () => {
    const subjects = [
      { key: '0001', name: '张伟', unit: '民政 一窗' },
      { key: '0002', name: '张 伟', unit: '民政一窗' },
      { key: '0003', name: 'Ａnn', unit: '社保' },
      { key: '0004', name: 'Ann', unit: '社保' },
    ];
    // Named as the first of each writes it.
    expect(lookAlikeOnNotice(subjects)).toEqual([
      { name: '张伟', unit: '民政 一窗', keys: ['0001', '0002'] },
      { name: 'Ａnn', unit: '社保', keys: ['0003', '0004'] },
    ]);
  });
});

describe('score -o with namesakes in one unit', () => {
  const month = (names: readonly string[]) =>
    writeWorkbook(join(tempDir(), '2026-11.xlsx'), {
      人员: [['工号', '姓名', '窗口'], ['0001', names[0]!, '民政'], ['0002', names[1]!, '民政'], ['0003', '张伟', '社保']],
      记录: [recordHeader],
    });

  it('warns once, naming the unit, the name and both 工号; the workbook is written', async () => {
    const input = await month(['张伟', '张伟']);
    const out = join(tempDir(), 'out.xlsx');
    const run = await kaohe('score', input, '--scheme', 'bianmin-10pt', '-o', out);
    expect(run.code).toBe(0);
    const warnings = run.stderr.split('\n').filter((line) => line.includes('公示不列工号'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('公示上“民政”有 2 位“张伟”（工号 0001、0002）');
  });

  it('says nothing when the roster tells them apart', async () => {
    const input = await month(['张伟(大)', '张伟(小)']);
    const run = await kaohe('score', input, '--scheme', 'bianmin-10pt', '-o', join(tempDir(), 'out.xlsx'));
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain('公示不列工号');
  });
});

describe('noticeNames: a 姓名’s bracketed remark stays off the 公示 (probe15a br)', () => {
  it('prints the name without it, unless two people of one unit would then print alike', () => {
    const subjects = [
      { name: '李四(病休)', unit: '民政' }, // → 李四
      { name: '张伟（孕期）', unit: '民政' }, // full-width brackets too → 张伟
      { name: '付婷(大)', unit: '社保' }, // 付婷(大) and 付婷(小) of one unit: kept, as the namesake advice has them written
      { name: '付婷(小)', unit: '社保' },
      { name: '王五', unit: '社保' }, // no remark: as written
      { name: '赵六【借调】', unit: '国土' }, // → 赵六
      { name: '赵六', unit: '社保' }, // another unit: no clash with the above
    ];
    expect(noticeNames(subjects, true)).toEqual({
      names: ['李四', '张伟', '付婷(大)', '付婷(小)', '王五', '赵六', '赵六'],
      remarks: ['李四(病休)', '张伟（孕期）', '赵六【借调】'],
    });
  });

  it('leaves off only remarks at the end: brackets inside a name are part of it (falsealarm15)', () => {
    const subjects = [
      { name: '王(大)明', unit: '民政' }, // inside: kept
      { name: 'Mary(玛丽) Lee', unit: '民政' }, // inside: kept
      { name: '张三【借调】(试用)', unit: '社保' }, // two at the end → 张三
    ];
    expect(noticeNames(subjects, true)).toEqual({ names: ['王(大)明', 'Mary(玛丽) Lee', '张三'], remarks: ['张三【借调】(试用)'] });
  });

  it('keeps the remark where the bare name would read like another’s as lookAlikeOnNotice folds them (a space, a full-width letter, the unit too)', () => {
    const subjects = [
      { name: '李四(病休)', unit: '民政' }, // bare 李四 reads as 李 四 of the same unit: kept
      { name: '李 四', unit: '民政' },
      { name: 'Ａnn(借调)', unit: '社保 一窗' }, // bare Ａnn reads as Ann, 社保 一窗 as 社保一窗: kept
      { name: 'Ann', unit: '社保一窗' },
    ];
    expect(noticeNames(subjects, true)).toEqual({ names: ['李四(病休)', '李 四', 'Ａnn(借调)', 'Ann'], remarks: [] });
  });

  it('keeps a window’s or department’s name as it is', () => {
    expect(noticeNames([{ name: '民政(二)', unit: '民政(二)' }], false)).toEqual({ names: ['民政(二)'], remarks: [] });
  });

  it('score -o: the 公示 prints 李四 and 张伟, the 得分表 the names as written, and one warning lists the remarks left off', async () => {
    const input = await writeWorkbook(join(tempDir(), '2026-11.xlsx'), {
      人员: [['工号', '姓名', '窗口'], ['0001', '李四(病休)', '民政'], ['0002', '张伟（孕期）', '民政']],
      记录: [recordHeader],
    });
    const out = join(tempDir(), 'out.xlsx');
    const run = await kaohe('score', input, '--scheme', 'bianmin-10pt', '-o', out);
    expect(run.code).toBe(0);
    const book = await new ExcelJS.Workbook().xlsx.readFile(out);
    const cells = (sheet: string) => {
      const all: string[] = [];
      book.getWorksheet(sheet)!.eachRow((row) => row.eachCell((c) => all.push(c.text)));
      return all;
    };
    expect(cells('公示').filter((c) => c.startsWith('李四') || c.startsWith('张伟')).sort()).toEqual(['张伟', '李四']);
    // the roster's names as written (full-width brackets kept)
    expect(cells('得分表').filter((c) => c.startsWith('李四') || c.startsWith('张伟')).sort()).toEqual(['张伟（孕期）', '李四(病休)']);
    const said = run.stderr.split('\n').filter((line) => line.includes('括号中的注记'));
    expect(said).toHaveLength(1);
    expect(said[0]).toContain('李四(病休)、张伟（孕期）');
  });
});

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lookAlikeOnNotice } from '../src/write/public.js';
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

import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './workbook.js';

/**
 * Problems in one row are listed column by column in the sheet's order (Z, AA, AB), whatever the
 * locale: Danish collation sorts AA (read as Å) after AB, and the order of messages must not
 * depend on the machine's language. Run as a process, since the locale is set at start-up.
 */
describe('the order of problems in a row', () => {
  it('is the columns’ order under a Danish locale too', () => {
    const dir = join(tempDir(), '2026-11');
    mkdirSync(dir);
    const filler = Array.from({ length: 26 }, (_, i) => `X${i + 1}`);
    const blank = filler.map(() => '');
    // 日期 lands in column AA and 次数 in AB; row 2 is good, row 3 has both wrong.
    const records = [[...filler, '日期', '次数', '工号', '项目'], [...blank, '2026-11-02', '1', '0001', '1.3'], [...blank, '2026-13-45', 'abc', '0001', '1.3']];
    writeFileSync(join(dir, '人员.csv'), '工号,姓名,窗口\n0001,陈建国,民政\n');
    writeFileSync(join(dir, '记录.csv'), records.map((r) => r.join(',')).join('\n') + '\n');
    for (const locale of ['C.UTF-8', 'da_DK.UTF-8']) {
      const run = spawnSync(process.execPath, ['bin/kaohe.js', 'check', dir, '--scheme', 'bianmin-10pt'], { env: { ...process.env, LANG: locale, LC_ALL: locale, NO_COLOR: '1' }, encoding: 'utf8' });
      const columns = [...run.stderr.matchAll(/第3行 › [^(]+\((A[AB])列\)/g)].map((m) => m[1]);
      expect(columns, locale).toEqual(['AA', 'AB']);
    }
  });
});

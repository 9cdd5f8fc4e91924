import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kaohe } from './kaohe.js';
import { tempDir } from './workbook.js';

interface Case {
  file: string;
  args: string[];
  /** 0: an input that looks wrong but is read right; then `where` is in what it prints. */
  exit: 0 | 1 | 2;
  where: string | string[];
}

const dir = 'fixtures/bad';
const cases = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as Case[];


describe('the bad-input corpus', () => {
  it('holds at least 25 distinct cases', () => {
    expect(new Set(cases.map((c) => c.file)).size).toBeGreaterThanOrEqual(25);
  });

  describe.concurrent.each(cases)('$file', (c) => {
    it(`exits ${c.exit} naming the place, without a stack trace${c.exit === 0 ? '' : ', writing nothing'}`, async () => {
      const out = join(tempDir(), 'out.xlsx');
      const args = c.args.map((a) => a.replace('{file}', join(dir, c.file)).replace('{dir}', dir));
      const writes = args[0] === 'score';
      const { code, stderr, stdout } = await kaohe(...(writes ? [...args, '-o', out] : args));
      for (const where of [c.where].flat()) expect(c.exit === 0 ? stdout : stderr).toContain(where);
      expect(code).toBe(c.exit);
      expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
      // nothing from a cell reaches the terminal as an escape sequence
      expect(stderr + stdout).not.toContain('\x1b');
      expect(existsSync(out)).toBe(writes && c.exit === 0);
    });
  });
});

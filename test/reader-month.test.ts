import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kaohe, type KaoheRun } from './kaohe.js';
import { writeMonthTwin } from './month-twins.js';
import { cell, row, writeRawXlsx, type RawSheet } from './raw-xlsx.js';
import { tempDir } from './workbook.js';

/** The local hour of 2026-01-01 00:00 UTC in each zone tried. */
const newYearHour = { UTC: 0, 'Asia/Shanghai': 8, 'America/New_York': 19 };

/**
 * Runs the command line in-process under a time zone: Node applies a change of process.env.TZ
 * at once, and the zone is put back after the run. (The *.tz.test.ts files run whole workers in
 * each zone, for anything fixed at start-up.)
 */
async function kaoheIn(tz: keyof typeof newYearHour, args: string[]): Promise<KaoheRun> {
  const before = process.env.TZ;
  process.env.TZ = tz;
  try {
    expect(new Date(Date.UTC(2026, 0, 1)).getHours(), `the run is in ${tz}`).toBe(newYearHour[tz]);
    return await kaohe(...args);
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
}

const totals = (json: string) => Object.fromEntries((JSON.parse(json) as { subjects: { id: string; total: number }[] }).subjects.map((s) => [s.id, s.total]));

describe('a month whose dates are t="d" cells, serials, or 1904 serials', () => {
  it('scores the same in every time zone, byte for byte, and the same as its twins', async () => {
    const dir = tempDir();
    const twins = { iso: await writeMonthTwin(join(dir, 'iso', '2026-11.xlsx'), 'iso'), serial: await writeMonthTwin(join(dir, 'serial', '2026-11.xlsx'), 'serial'), '1904': await writeMonthTwin(join(dir, '1904', '2026-11.xlsx'), '1904') };
    const score = (tz: keyof typeof newYearHour, file: string, out?: string) => kaoheIn(tz, ['score', file, '--scheme', 'bianmin-10pt', '--notice-date', '2026-12-01', '--json', ...(out ? ['-o', out] : [])]);

    const [utc, shanghai] = [join(dir, 'utc.xlsx'), join(dir, 'shanghai.xlsx')];
    const json = await score('Asia/Shanghai', twins.iso, shanghai);
    // No hint about the dates: with -o, stderr says only what was written and the 设置 the notice lacks (probe16d 2).
    expect(json.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('已写出：') && !l.includes('公示上缺少'))).toEqual([]);
    // 0001: 10 − 1 (1.3 玩游戏 on 11-18) = 9; 0002: 10 − 1 (08:12 on 11-09, late) = 9;
    // 0003: 10 − 2 (no punch on 11-16: 旷工) = 8; 0004: 10 − 1 (17:10 on 11-20, early) = 9
    expect(totals(json.stdout)).toEqual({ '0001': 9, '0002': 9, '0003': 8, '0004': 9 });
    expect((await score('UTC', twins.iso, utc)).stdout).toBe(json.stdout);
    expect(readFileSync(shanghai).equals(readFileSync(utc))).toBe(true);
    for (const twin of [twins.serial, twins['1904']]) expect((await score('America/New_York', twin)).stdout).toBe(json.stdout);
  }, 60_000);
});

describe('the same workbook below and above 256 KB', () => {
  /**
   * Merged 日期 cells, a formula cached as 2 in 次数, a formula without a result in an unused
   * column, a hidden stale 记录 beside a visible records sheet; padded above 256 KB with an
   * unrelated sheet of numbers.
   */
  async function month(path: string, pad: boolean, uncachedCount = false): Promise<string> {
    const head = row(1, ['日期', '工号', '项目', '次数', '核对'].map((h, i) => cell.text(`${'ABCDE'[i]}1`, h)));
    const records =
      head +
      row(2, [cell.text('A2', '2026-10-05'), cell.text('B2', '001'), cell.text('C2', '9.1'), uncachedCount ? cell.formula('D2', '1+1') : cell.formula('D2', '1+1', '2'), cell.formula('E2', 'D2*2')]) +
      row(3, [cell.text('B3', '002'), cell.text('C3', '9.1')]);
    const text = (rows: string[][]) => rows.map((r, i) => row(i + 1, r.map((v, c) => cell.text(`${'ABC'[c]}${i + 1}`, v)))).join('');
    const windows = ['民政窗口', '社保窗口', '国土窗口'];
    const sheets: RawSheet[] = [
      { name: '人员', rows: text([['工号', '姓名', '窗口'], ['001', '张三', '民政窗口'], ['002', '李四', '社保窗口'], ['003', '王五', '国土窗口']]) },
      { name: '记录', state: 'hidden', rows: head + row(2, [cell.text('A2', '2026-10-05'), cell.text('B2', '003'), cell.text('C2', '7.2')]) },
      { name: 'records', rows: records, merges: ['A2:A3'] },
      { name: '互评', rows: text([['评分人', '被评对象', '分数'], ...windows.flatMap((a) => windows.filter((b) => b !== a).map((b) => [a, b, '90']))]) },
    ];
    // numbers that do not compress well, so the file passes 256 KB
    let seed = 7;
    const noise = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    if (pad) sheets.push({ name: '备查', rows: Array.from({ length: 12000 }, (_, i) => row(i + 1, [cell.number(`A${i + 1}`, noise()), cell.number(`B${i + 1}`, noise())])).join('') });
    return writeRawXlsx(path, { sheets });
  }

  it('gives identical --json, right values, and the same problems', async () => {
    const dir = tempDir();
    const small = await month(join(dir, 'small', '2026-10.xlsx'), false);
    const big = await month(join(dir, 'big', '2026-10.xlsx'), true);
    expect(statSync(small).size).toBeLessThan(256_000);
    expect(statSync(big).size).toBeGreaterThan(256_000);
    const [a, b] = [await kaohe('score', small, '--scheme', 'bingcha-monthly', '--json'), await kaohe('score', big, '--scheme', 'bingcha-monthly', '--json')];
    expect(b.stdout.replaceAll(big, small)).toBe(a.stdout);
    // 001: 9.1 twice (次数 = cached 2) → item 9 = 5 − 2; 002: 9.1 once on the merged date → 5 − 1;
    // peer 90 → 9 of 10. 民政 100 − 2 − 1 = 97, 社保 100 − 1 − 1 = 98, 国土 99 (the hidden 7.2 is not read)
    expect(totals(a.stdout)).toEqual({ 民政窗口: 97, 社保窗口: 98, 国土窗口: 99 });

    const smallBad = await month(join(dir, 'small-bad', '2026-10.xlsx'), false, true);
    const bigBad = await month(join(dir, 'big-bad', '2026-10.xlsx'), true, true);
    const [c, d] = [await kaohe('score', smallBad, '--scheme', 'bingcha-monthly'), await kaohe('score', bigBad, '--scheme', 'bingcha-monthly')];
    expect([c.code, d.code]).toEqual([1, 1]);
    expect(c.stderr).toContain('records › 第2行 › 次数(D列): 公式 =1+1 没有计算结果');
    expect(d.stderr.replaceAll(bigBad, smallBad)).toBe(c.stderr);
  });
});

describe('only the sheets a scheme uses are read', () => {
  it('a #N/A in 互评 fails a scheme with a peer item and not one without', async () => {
    const text = (name: string, rows: string[][]): RawSheet => ({ name, rows: rows.map((r, i) => row(i + 1, r.map((v, c) => cell.text(`${'ABC'[c]}${i + 1}`, v)))).join('') });
    const path = await writeRawXlsx(join(tempDir(), '2026-10.xlsx'), {
      sheets: [
        text('人员', [['工号', '姓名', '窗口'], ['001', '张三', '民政窗口'], ['002', '李四', '社保窗口']]),
        text('记录', [['日期', '工号', '项目'], ['2026-10-05', '001', '1.3']]),
        { name: '互评', rows: row(1, [cell.text('A1', '评分人'), cell.text('B1', '被评对象'), cell.text('C1', '分数')]) + row(2, [cell.text('A2', '民政窗口'), cell.text('B2', '社保窗口'), cell.error('C2', '#N/A')]) },
      ],
    });
    const peerless = await kaohe('score', path, '--scheme', 'bianmin-10pt', '--json');
    // bianmin-10pt scores persons without peer review: 001 has 1.3 (1 point): 10 − 1 = 9; 002 keeps 10
    expect(totals(peerless.stdout)).toEqual({ '001': 9, '002': 10 });
    const withPeer = await kaohe('score', path, '--scheme', 'bingcha-monthly');
    expect(withPeer.code).toBe(1);
    expect(withPeer.stderr).toContain('互评 › 第2行 › 分数(C列): 单元格显示错误值 #N/A');
  });
});


import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { kaohe } from './kaohe.js';
import { tempDir } from './workbook.js';

const demo = 'fixtures/demo/2026-10.xlsx';

async function noticeTexts(path: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const texts: string[] = [];
  for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((cell) => texts.push(cell.text)));
  return texts;
}

describe('the notice date when none is given', () => {
  afterEach(() => vi.useRealTimers());

  it('is today in China (UTC+8), whatever the machine’s time zone', async () => {
    // 2026-11-01 16:30 UTC is 2026-11-02 00:30 in China: Monday the 2nd, not Sunday the 1st.
    // Five working days from Monday 2 November end on Friday 6 November.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-01T16:30:00Z') });
    const out = join(tempDir(), '公示.xlsx');
    const run = await kaohe('notice', demo, '--scheme', 'bingcha-monthly', '-o', out);
    expect(run.code).toBe(0);
    const texts = await noticeTexts(out);
    expect(texts).toContain('2026年11月2日');
    expect(texts.some((text) => text.includes('2026年11月2日至2026年11月6日'))).toBe(true);
  });

  it('is still the day before in China at 15:59 UTC', async () => {
    // 2026-11-03 15:59 UTC is 23:59 on the 3rd in China: the notice is dated Tuesday the 3rd.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-03T15:59:00Z') });
    const out = join(tempDir(), '公示.xlsx');
    expect((await kaohe('notice', demo, '--scheme', 'bingcha-monthly', '-o', out)).code).toBe(0);
    expect(await noticeTexts(out)).toContain('2026年11月3日');
  });
});

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runYear } from '../src/commands/year.js';
import { moneyByHandText } from '../src/messages/outputs.js';
import { toScoreJson } from '../src/write/json.js';
import { moneyUnder } from '../src/write/money.js';
import { scoreTable } from '../src/write/sheets/score.js';
import { yearJson } from '../src/write/year.js';
import { person, pts, record, run } from './builders.js';
import { recordHeader, tempDir, writeWorkbook, type SheetRows } from './workbook.js';

/**
 * What a flag does to the 考核奖 (得分 × 每分分值), as the scheme says in data: cancel pays nothing,
 * withhold leaves the amount blank for the clerk, with a note naming the person and the flag.
 * Invented people: 甲 (001), 乙 (002), 丙 (003).
 */
describe('考核奖 under a flag that cancels or withholds it', () => {
  it('pays nothing to a bingcha-halfyear 不合格 (不享受考核奖), and points × 每分分值 to the others', () => {
    const jia = person('001', '甲', '民政');
    const yi = { personId: '002', unit: '民政' };
    // 乙: 1.2 争吵 3 × 5 = 15 (item 1 used up); 2.3 协调不力 7 × 2 + 2.1 解答 1 = 15 (item 2 used up);
    // 3.7 离岗 2 × 2 = 4; 3.4 旷工半天 8 × 1 = 8; and, as 甲, the 5 of 创新 (earned by 4.5 only) not earned:
    // 甲 100 − 5 = 95; 乙 100 − 15 − 15 − 4 − 8 − 5 = 53, below 60 → the last grade
    const records = [record('1.2', yi, { count: 3 }), record('2.3', yi, { count: 7 }), record('2.1', yi), record('3.7', yi, { count: 2 }), record('3.4', yi, { count: 8 })];
    const result = run('bingcha-halfyear', { roster: [jia, person('002', '乙', '民政')], records });
    const json = toScoreJson(result, [], pts(20));
    // 甲 95 × 20 = 1900; 乙 53 × 20 = 1060 before, now 0
    expect(json.subjects.map((s) => [s.id, s.total, s.grade, s.flags, s.money])).toEqual([
      ['001', 95, '优秀', [], 1900],
      ['002', 53, '不合格', ['不享受考核奖'], 0],
    ]);
    // Nothing is left for the clerk to work out: no note.
    expect(json.warnings).toEqual([]);
    const { header, rows } = scoreTable(result, pts(20));
    const money = header.indexOf('考核奖(元)');
    expect(rows.map((r) => r[money])).toEqual([1900, 0]);
  });

  it('leaves the money blank under a flag that withholds an amount the rules set, cancel winning over withhold', () => {
    const withhold = { flag: '扣发一个月考核奖', effect: 'withhold' as const };
    const cancel = { flag: '取消全年考核奖', effect: 'cancel' as const };
    // 84 × 50 = 4200 with no flag
    expect(moneyUnder(pts(84), pts(50), [])).toBe(4200);
    expect(moneyUnder(pts(84), pts(50), [withhold])).toBeNull();
    expect(moneyUnder(pts(84), pts(50), [withhold, cancel])).toBe(0);
  });

  it('on a bianmin-10pt year list: 取消全年考核奖 pays 0, 扣发一个月考核奖 is left blank with a note, the others are paid', async () => {
    const dir = tempDir();
    const roster: SheetRows = [['工号', '姓名', '窗口'], ['001', '甲', '民政'], ['002', '乙', '民政'], ['003', '丙', '民政']];
    for (let m = 1; m <= 12; m++) {
      const sheets: Record<string, SheetRows> = { 人员: roster, 记录: [recordHeader] };
      // 甲: 事假 1 Jul – 13 Aug, in July's 请假 and August's: 23 working days in July and 9 in August, 32 > 30 → 扣发一个月考核奖
      if (m === 7) sheets.请假 = [['工号', '类型', '开始日期', '结束日期'], ['001', '事假', '2026-07-01', '2026-08-13']];
      if (m === 8) sheets.请假 = [['工号', '类型', '开始日期', '结束日期'], ['001', '事假', '2026-08-01', '2026-08-13']];
      // 乙: 旷工 8 days typed on 2.1 in March, 8 > 7 → 取消全年考核奖
      if (m === 3) sheets.记录 = [recordHeader, ['2026-03-16', '002', null, null, '2.1', 8]];
      await writeWorkbook(join(dir, `2026-${String(m).padStart(2, '0')}.xlsx`), sheets);
    }
    const result = (await runYear([dir], { scheme: 'bianmin-10pt' })).result;
    const json = yearJson(result, pts(50));
    const byId = new Map(json.subjects.map((s) => [s.id, s]));
    // 丙: 10 a month × 12 = 120, × 50 = 6000
    expect(byId.get('003')).toMatchObject({ total: 120, money: 6000 });
    expect(byId.get('002')).toMatchObject({ money: 0 });
    expect(byId.get('001')).toMatchObject({ money: null });
    expect(json.warnings.filter((w) => w.includes('001'))).toEqual([moneyByHandText({ id: '001', name: '甲', flags: ['扣发一个月考核奖'] })]);
    // Without a 每分分值 there is no money and nothing to say of it.
    expect(yearJson(result, null).warnings.filter((w) => w.includes('001'))).toEqual([]);
  }, 30_000);
});

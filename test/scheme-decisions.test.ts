import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runScore } from '../src/commands/score.js';
import { runYear } from '../src/commands/year.js';
import type { IsoDate } from '../src/core/dates.js';
import { toNumber } from '../src/core/decimal.js';
import { parsePeriod, type Period } from '../src/core/period.js';
import { formatWarning } from '../src/messages.js';
import type { MonthlyBase } from '../src/core/input.js';
import { flagKeys, person, pts, record, run, traceOf } from './builders.js';
import { kaohe } from './kaohe.js';
import { recordHeader, tempDir, writeWorkbook, type SheetRows } from './workbook.js';

/** What the built-in schemes decide where their texts leave room (issue 15), worked by hand. */

const h1 = parsePeriod('2026-H1') as Period;
const h2 = parsePeriod('2026-H2') as Period;

describe('bingcha-halfyear 4.4: 视情扣1-2分 without 每次 is once a half year', () => {
  it('keeps only the heaviest of three 4.4 records: 报送 5 − 2 = 3, not 5 − 5', () => {
    const who = { personId: '001', unit: '民政' };
    const records = [1, 2, 2].map((p, i) => record('4.4', who, { date: `2026-0${i + 3}-02` as IsoDate, points: pts(p) }));
    const result = run('bingcha-halfyear', { roster: [person('001', '张三', '民政')], records }, false, h1);
    const s = result.subjects[0]!;
    const part = s.items.find((it) => it.code === '4')!.parts.find((p) => p.name === '报送')!;
    expect(toNumber(part.score)).toBe(3);
    // the first 2 counts (the first of equals), the 1 and the second 2 are noted
    expect(traceOf(result, '001').map((l) => [toNumber(l.counted), l.notes.map((n) => n.code)])).toEqual([
      [0, ['once_per_period']],
      [2, []],
      [0, ['once_per_period']],
    ]);
  });
});

describe('bingcha-halfyear 3.1: 病事假全年累计超过20天 counts the year, not the half', () => {
  const roster: SheetRows = [['工号', '姓名', '窗口'], ['001', '张三', '民政']];
  const metrics: SheetRows = [['工号', '指标', '数值'], ['001', '办结率', 100]];
  async function halves(dir: string): Promise<void> {
    // 15 days in the first half, 8 in the second: 23 > 20 only counting both
    await writeWorkbook(join(dir, '2026-H1.xlsx'), { 人员: roster, 记录: [recordHeader, ['2026-03-02', '001', null, null, '3.1', 15]], 指标: metrics });
    await writeWorkbook(join(dir, '2026-H2.xlsx'), { 人员: roster, 记录: [recordHeader, ['2026-09-01', '001', null, null, '3.1', 8]], 指标: metrics });
  }

  it('deducts once, in the second half, when the year run carries the first half\'s 15 days', async () => {
    const dir = tempDir();
    await halves(dir);
    const row = (await runYear([dir], { scheme: 'bingcha-halfyear' })).result.rows[0]!;
    // no innovation: 95; H2 loses 1 (15 + 8 = 23 > 20)
    expect(row.periods.map((p) => toNumber(p!.total))).toEqual([95, 94]);
  });

  it('adds half days: 20 in the first half and 0.5 in the second are over 20', async () => {
    const dir = tempDir();
    await writeWorkbook(join(dir, '2026-H1.xlsx'), { 人员: roster, 记录: [recordHeader, ['2026-03-02', '001', null, null, '3.1', 20]], 指标: metrics });
    await writeWorkbook(join(dir, '2026-H2.xlsx'), { 人员: roster, 记录: [recordHeader, ['2026-09-01', '001', null, null, '3.1', 0.5]], 指标: metrics });
    const row = (await runYear([dir], { scheme: 'bingcha-halfyear' })).result.rows[0]!;
    // H1: 20 is not 超过20天 → 95; H2: 20 + 0.5 = 20.5 > 20 → 95 − 1 = 94
    expect(row.periods.map((p) => toNumber(p!.total))).toEqual([95, 94]);
  });

  it('warns when the second half is scored alone, without the first half\'s days', async () => {
    const dir = tempDir();
    await halves(dir);
    const alone = await runScore(join(dir, '2026-H2.xlsx'), { scheme: 'bingcha-halfyear' });
    expect(toNumber(alone.result.subjects[0]!.total)).toBe(95);
    expect(alone.result.warnings).toEqual([{ code: 'year_span_unknown', rule: '3.1 病事假累计超过20天', period: '2026-H2' }]);
    expect(formatWarning(alone.result.warnings[0]!)).toContain('请用 kaohe year 连同此前各期一起计算');
  });

  it('counts from the earlier periods given to the engine', () => {
    const records = [record('3.1', { personId: '001', unit: '民政' }, { date: '2026-09-01' as IsoDate, count: 8 })];
    const earlier = new Map([['001', new Map([['3.1', 15]])]]);
    const result = run('bingcha-halfyear', { roster: [person('001', '张三', '民政')], records, earlierCounts: earlier }, false, h2);
    expect(toNumber(result.subjects[0]!.total)).toBe(94);
    expect(traceOf(result, '001')[0]!.notes).toEqual([
      { code: 'year_span', earlier: 15 },
      { code: 'over', threshold: 20, total: 23, unit: '天' },
    ]);
    expect(result.yearCounts.get('001')?.get('3.1')).toBe(23);
    expect(result.warnings).toEqual([]);
  });
});

describe('city-hall 临时替岗 (第六条): the covering person takes part in the monthly assessment', () => {
  const roster: SheetRows = [['工号', '姓名', '窗口'], ['001', '张三', '审批科'], ['002', '李四', '社保窗口'], ['003', '王五', '住建局']];
  const covers: SheetRows = [['替岗人工号', '被替岗人工号', '开始日期', '结束日期'], ['003', '002', '2026-11-10', '2026-11-12']];

  it('counts points earned while covering for the one who covered, marks them, and questions a record on the one covered', async () => {
    const path = await writeWorkbook(join(tempDir(), '2026-11.xlsx'), {
      人员: roster,
      记录: [recordHeader, ['2026-11-11', '003', null, null, '5.3', null, 5], ['2026-11-11', '002', null, null, '1.1', null, 2]],
      替岗: covers,
    });
    const { result } = await runScore(path, { scheme: 'city-hall-monthly' });
    const of = (key: string) => result.subjects.find((s) => s.key === key)!;
    // 王五: 100 + 5 (锦旗 while at 李四's window); 李四: 100 − 2
    expect([toNumber(of('003').total), toNumber(of('002').total)]).toEqual([105, 98]);
    expect(of('003').flags).toEqual([
      { code: 'scheme', name: '临时替岗', public: '临时替岗', because: { covered: [{ holder: '李四', first: '2026-11-10', last: '2026-11-12', at: { file: path, sheet: '替岗', row: 2 } }] } },
    ]);
    expect(result.warnings).toEqual([{ code: 'record_during_cover', holder: '李四', substitute: '王五', rule: '1.1', at: expect.objectContaining({ sheet: '记录', row: 3 }) as unknown }]);
  });

  it('refuses a cover row naming someone not in the roster, or a person covering themselves', async () => {
    const path = await writeWorkbook(join(tempDir(), '2026-11.xlsx'), {
      人员: roster,
      记录: [recordHeader],
      替岗: [covers[0]!, ['009', '002', '2026-11-10', null], ['002', '002', '2026-11-10', null]],
    });
    const { code, stderr } = await kaohe('score', path, '--scheme', 'city-hall-monthly');
    expect(code).toBe(1);
    expect(stderr).toContain('替岗 › 第2行 › 替岗人工号(A列): 人员“009”不在人员表中');
    expect(stderr).toContain('替岗 › 第3行 › 被替岗人工号(B列): 替岗人与被替岗人是同一人（002）');
  });

  it('marks the covering person at year end: 临时替岗：出具工作鉴定', () => {
    const months = (key: string): MonthlyBase[] => Array.from({ length: 12 }, (_, i) => ({ subjectKey: key, month: `2026-${String(i + 1).padStart(2, '0')}`, base: pts(100), at: { file: 'm.xlsx' } }));
    const marks = (id: string) => ['2', '4', '5'].map((itemCode) => ({ personId: id, unit: 'x', itemCode, value: pts(itemCode === '2' ? 6 : 8), at: { file: 'a.xlsx' } }));
    const cover = { substituteId: '003', holderId: '002', first: '2026-03-02' as IsoDate, last: '2026-03-06' as IsoDate, at: { file: '2026-03.xlsx', sheet: '替岗', row: 2 } };
    const result = run(
      'city-hall-annual',
      { roster: [person('002', '李四', '社保窗口'), person('003', '王五', '住建局')], records: [], monthly: [...months('002'), ...months('003')], marks: [...marks('002'), ...marks('003')], covers: [cover] },
      false,
      parsePeriod('2026') as Period,
    );
    expect(flagKeys(result.subjects.find((s) => s.key === '003')!.flags)).toEqual(['临时替岗：出具工作鉴定']);
    expect(result.subjects.find((s) => s.key === '002')!.flags).toEqual([]);
  });
});

describe('city-hall year run with a 临时替岗 in March', () => {
  it('carries the month\'s cover to the annual result: 3月临时替岗 and 临时替岗：出具工作鉴定', async () => {
    const dir = tempDir();
    const roster: SheetRows = [['工号', '姓名', '窗口'], ['001', '张三', '审批科'], ['003', '王五', '住建局']];
    for (let m = 1; m <= 12; m++) {
      const label = `2026-${String(m).padStart(2, '0')}`;
      await writeWorkbook(join(dir, `${label}.xlsx`), {
        人员: roster,
        记录: [recordHeader],
        ...(m === 3 ? { 替岗: [['替岗人', '被替岗人', '开始日期', '结束日期'], ['王五', '张三', '2026-03-02', '2026-03-06']] } : {}),
      });
    }
    const annual = await writeWorkbook(join(tempDir(), '2026年度.xlsx'), {
      人员: roster,
      记录: [recordHeader],
      评分: [['工号', '项目', '分数'], ...['001', '003'].flatMap((id) => [[id, '2', 6], [id, '4', 8], [id, '5', 8]])],
    });
    const rows = (await runYear([dir], { scheme: 'city-hall-annual', annual })).result.rows;
    const wang = rows.find((r) => r.key === '003')!;
    expect(wang.flags.map((f) => (f.code === 'annual' || f.code === 'period') && f.flag.code === 'scheme' && [f.code, f.flag.name])).toEqual([
      ['annual', '临时替岗：出具工作鉴定'],
      ['period', '临时替岗'],
    ]);
    expect(rows.find((r) => r.key === '001')!.flags).toEqual([]);
  });
});

describe('the score workbook\'s 说明 sheet', () => {
  it('lists every assumption the run relied on: structural ones always, a rule\'s when a record used it', async () => {
    const dir = tempDir();
    const path = await writeWorkbook(join(dir, '2026-H1.xlsx'), {
      人员: [['工号', '姓名', '窗口'], ['001', '张三', '民政']],
      记录: [recordHeader, ['2026-03-02', '001', null, null, '3.2', 5], ['2026-03-03', '001', null, null, '4.1', null, 2]],
      指标: [['工号', '指标', '数值'], ['001', '办结率', 100]],
    });
    const out = join(dir, 'out.xlsx');
    expect((await kaohe('score', path, '--scheme', 'bingcha-halfyear', '-o', out, '--notice-date', '2026-07-06')).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const rows: string[] = [];
    wb.getWorksheet('说明')!.eachRow((row) => String(row.getCell(1).text).startsWith('所依据的假定') && rows.push(String(row.getCell(2).text)));
    expect(rows).toContain('3.2 迟到早退：【假定】原文"每5次扣分"缺数字，取每5次扣1分');
    expect(rows).toContain('4.1 办事结果差错：【原文残缺，复原】原文"扣12分"在10分小项中不合理，是"扣1-2分"脱落了连字符（同办法一、二项的写法）');
    expect(rows.some((r) => r.startsWith('3. 出勤值勤 › 小项 会议：【假定】'))).toBe(true);
    expect(rows.some((r) => r.startsWith('等次分数线与名额：【假定】'))).toBe(true);
    // 3.3 空岗 is an assumption too, but nothing in this run used it
    expect(rows.some((r) => r.startsWith('3.3 '))).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../src/core/dates.js';
import { parsePeriod, type Period } from '../src/core/period.js';
import { explainSubject } from '../src/write/explain.js';
import { readFileSync } from 'node:fs';
import { parseSchemeText } from '../src/scheme/parse.js';
import { scorePeriod, subjectTrace } from '../src/score/engine.js';
import { formatTraceNote } from '../src/messages.js';
import { flagKeys, person, record, run } from './builders.js';

/** `kaohe explain` is what a centre shows a person who disputes a score: each line must say the rule as the scheme has it. */
const h1 = parsePeriod('2026-H1') as Period;
const on = (date: string) => ({ date: date as IsoDate });
const jia = { personId: '001', unit: '民政' };
const roster = [person('001', '甲', '民政')];
const halfYear = (records: ReturnType<typeof record>[]) => explainSubject(run('bingcha-halfyear', { roster, records }, false, h1), '001');

describe('kaohe explain: how a count gives its points', () => {
  it('says a 每5次 rule scores each 5th occurrence, not the count × the points', () => {
    // bingcha-halfyear 3.2 迟到早退每5次扣1分: 7 times → the 5th is passed once → 1 × 1 = −1;
    // 4 more (11 in all) → the 10th is passed once → −1; 3 more (14) → no new 5th → 0.
    const text = halfYear([
      record('3.2', jia, { ...on('2026-03-02'), count: 7 }),
      record('3.2', jia, { ...on('2026-03-04'), count: 4 }),
      record('3.2', jia, { ...on('2026-03-06'), count: 3 }),
    ]).join('\n');
    expect(text).toContain('3.2 迟到早退：7次，每满5次扣1分 → 计1回 × 1分 = -1');
    expect(text).toContain('3.2 迟到早退：4次（累计11次），每满5次扣1分 → 计1回 × 1分 = -1');
    expect(text).toContain('3.2 迟到早退：3次（累计14次），每满5次扣1分 → 未再满5次，计0分');
    expect(text).not.toContain('7次 × 1分');
  });

  it('says a first 每5次 record below five scores nothing yet', () => {
    // 3 late arrivals in the half year: 3 < 5 → 0.
    expect(halfYear([record('3.2', jia, { ...on('2026-03-02'), count: 3 })]).join('\n')).toContain('3.2 迟到早退：3次，每满5次扣1分 → 累计未满5次，计0分');
  });
});

describe('kaohe explain: a 累计超过 rule scores once, on the record that crosses (probe16d 1)', () => {
  // bingcha-halfyear 3.1 病事假全年累计超过20天扣1分: one deduction, on the record whose days take the running total past 20.
  it('says the running total and the one deduction, not the count × the points', () => {
    // 15 days → 15 ≤ 20 → 0; 6 more → 21 > 20 → −1 (once, not 6 × 1).
    const text = halfYear([
      record('3.1', jia, { ...on('2026-03-02'), count: 15 }),
      record('3.1', jia, { ...on('2026-04-02'), count: 6 }),
    ]).join('\n');
    expect(text).toContain('3.1 病事假累计超过20天：15天，累计未超过20天，计0分');
    expect(text).toContain('3.1 病事假累计超过20天：6天（累计21天），累计超过20天扣1分 → -1');
    expect(text).not.toMatch(/\d+天 × 1分/);
  });

  it('says a record after the crossing is already counted, never that 26 days are not over 20', () => {
    // 21 days → 21 > 20 → −1; 5 more → 26: deducted already on the first row → 0.
    const text = halfYear([
      record('3.1', jia, { ...on('2026-03-02'), count: 21 }),
      record('3.1', jia, { ...on('2026-04-02'), count: 5 }),
    ]).join('\n');
    expect(text).toContain('3.1 病事假累计超过20天：21天，累计超过20天扣1分 → -1');
    expect(text).toContain('3.1 病事假累计超过20天：5天（累计26天），已在累计超过20天时扣过，计0分');
    expect(text).not.toContain('未超过20天');
  });

  it('the audit says the same of a record after the crossing', () => {
    // As above: the 扣分明细 reads formatTraceNote: 21 → over 20; 26 → already deducted.
    const result = run('bingcha-halfyear', {
      roster,
      records: [record('3.1', jia, { ...on('2026-03-02'), count: 21 }), record('3.1', jia, { ...on('2026-04-02'), count: 5 })],
    }, false, h1);
    const notes = subjectTrace(result.scheme, result.subjects[0]!).map((l) => l.notes.map(formatTraceNote));
    expect(notes).toEqual([['累计21天，超过20天'], ['累计26天，已在累计超过20天时扣过，本行不再扣']]);
  });
});

describe('kaohe explain: what a cap caps', () => {
  it('names the sub-item and its points for a sub-item cap, and says 加分至多 for an earned sub-item', () => {
    // 考勤 8: 3.4 旷工半天 × 8 = −8 uses it up, so 3.3 空岗 × 2 = −2 counts 0 (2 not counted).
    // 会议 2: 3.5 会议迟到 × 3 × 0.5 = −1.5, then 3.6 缺席 −1 counts −0.5 (0.5 not counted).
    // 创新 5 (earned): 4.5 × 2 × 5 = +10 counts +5 (5 not counted).
    const text = halfYear([
      record('3.4', jia, { ...on('2026-03-02'), count: 8 }),
      record('3.3', jia, { ...on('2026-03-03'), count: 2 }),
      record('3.5', jia, { ...on('2026-03-04'), count: 3 }),
      record('3.6', jia, { ...on('2026-03-05') }),
      record('4.5', jia, { ...on('2026-03-06'), count: 2 }),
    ]).join('\n');
    expect(text).toContain('· 小项 考勤 8分扣完为止，2分不计');
    expect(text).toContain('· 小项 会议 2分扣完为止，0.5分不计');
    expect(text).toContain('· 小项 创新 加分至多5分，5分不计');
    expect(text).not.toMatch(/第\d项扣完为止/);
  });

  it('the audit words a sub-item cap as explain does, not as its whole item’s (probe15a r1)', () => {
    // As above: 考勤 8 and 会议 2 used up, 创新 (earned, 5) past its 5; the 扣分明细 reads formatTraceNote.
    const result = run('bingcha-halfyear', {
      roster,
      records: [
        record('3.4', jia, { ...on('2026-03-02'), count: 8 }),
        record('3.3', jia, { ...on('2026-03-03'), count: 2 }),
        record('3.5', jia, { ...on('2026-03-04'), count: 3 }),
        record('3.6', jia, { ...on('2026-03-05') }),
        record('4.5', jia, { ...on('2026-03-06'), count: 2 }),
      ],
    }, false, h1);
    const notes = subjectTrace(result.scheme, result.subjects[0]!).flatMap((l) => l.notes.map(formatTraceNote));
    expect(notes).toEqual(['小项 考勤 8分扣完为止，2分不计', '小项 会议 2分扣完为止，0.5分不计', '小项 创新 加分至多5分，5分不计']);
  });

  it('the audit keeps 第N项 for an item without sub-items', () => {
    // bingcha-monthly 9 卫生保洁 5分: the 6th −1 finds it used up (1 not counted).
    const records = Array.from({ length: 6 }, (_, i) => record('9.1', { unit: '民政窗口' }, on(`2026-10-0${i + 1}`)));
    const result = run('bingcha-monthly', { roster: [person('001', '甲', '民政窗口')], records }, true);
    expect(subjectTrace(result.scheme, result.subjects[0]!).flatMap((l) => l.notes.map(formatTraceNote))).toEqual(['第9项扣完为止，1分不计']);
  });

  it('names a bonus item and its cap', () => {
    // 6 受奖附加 at most 10: 6.5 国家级新闻媒体表扬 +10, then 6.1 书面表扬 +2 counts 0 (2 not counted).
    const text = halfYear([record('6.5', jia, on('2026-03-02')), record('6.1', jia, on('2026-03-03'))]).join('\n');
    expect(text).toContain('· 6 受奖附加 加分至多10分，2分不计');
  });

  it('says the scheme’s bonus total where that cap cuts', () => {
    // bingcha-monthly without item 11’s own cap: only the total 加分最多10分 holds.
    // 11.3 赠送锦旗 × 6 × 2 = +12 counts +10 (2 not counted).
    const text = readFileSync('templates/schemes/bingcha-monthly.yaml', 'utf8').replace('    type: bonus\n    cap: 10\n', '    type: bonus\n');
    const scheme = parseSchemeText(text, 'own.yaml');
    const records = [record('11.3', { unit: '民政窗口' }, { ...on('2026-10-05'), count: 6 })];
    const result = scorePeriod(scheme, { period: parsePeriod('2026-10') as Period, roster: [person('001', '甲', '民政窗口')], records, peer: [], metrics: [], marks: [], monthly: [], unitTotals: new Map() }, { allowMissingPeer: true });
    expect(explainSubject(result, '民政窗口').join('\n')).toContain('· 加分总额至多10分，2分不计');
  });

  it('names an item without sub-items by its code, name and points', () => {
    // bingcha-monthly 9 卫生保洁 5分, 9.1 −1 each: the 6th record finds the 5 points used up (1 not counted).
    const records = Array.from({ length: 6 }, (_, i) => record('9.1', { unit: '民政窗口' }, on(`2026-10-0${i + 1}`)));
    const text = explainSubject(run('bingcha-monthly', { roster: [person('001', '甲', '民政窗口')], records }, true), '民政窗口').join('\n');
    expect(text).toContain('· 9 卫生保洁 5分扣完为止，1分不计');
  });
});

describe('kaohe explain: what a record says', () => {
  it('prints no empty 记录 line for a person’s record without 说明, and the 说明 without repeating the person', () => {
    const lines = halfYear([record('3.3', jia, on('2026-03-02')), record('3.3', jia, { ...on('2026-03-03'), note: '上午空岗' })]);
    expect(lines.filter((l) => l.trimStart().startsWith('记录'))).toEqual(['      记录：上午空岗']);
  });

  it('names whose record it is in a window’s explanation, with or without 说明', () => {
    const roster2 = [person('001', '甲', '民政窗口')];
    const records = [record('1.1', { personId: '001', unit: '民政窗口' }, on('2026-10-05')), record('1.1', { personId: '001', unit: '民政窗口' }, { ...on('2026-10-06'), note: '未挂牌' })];
    const lines = explainSubject(run('bingcha-monthly', { roster: roster2, records }, true), '民政窗口', roster2);
    expect(lines.filter((l) => l.trimStart().startsWith('记录'))).toEqual(['      记录人员：甲', '      记录：甲：未挂牌']);
  });
});

describe('kaohe explain: a window without peer ratings (probe16d 6)', () => {
  it('says it has none and the item is 0, with no blank ratings line, and the engine adds no second warning', () => {
    // --allow-missing-peer: 10 窗口互评 counts 0 of 10; validation has warned, naming the 互评 sheet.
    const roster2 = [person('001', '甲', '民政窗口')];
    const result = run('bingcha-monthly', { roster: roster2, records: [] }, true);
    const lines = explainSubject(result, '民政窗口', roster2);
    expect(lines).toContain('   没有互评分数，按0分计');
    expect(lines.filter((l) => l !== '' && l.trim() === '')).toEqual([]);
    expect(result.warnings).toEqual([]);
  });
});

describe('kaohe explain: why a total or a unit is flagged (probe16d 7)', () => {
  // bianmin-10pt: 钱乙 2.1 旷工 × 5 → 2 + 2 + 2 + 2 + 4 = 12 → 10 − 12 = −2 < 0 → 通报批评;
  // 民政 = 赵甲 10 + 钱乙 −2 = 8 ≥ 0 unflagged; 社保 = 孙丙 2.1 × 6 → 16 → −6 < 0 → 部门通报批评.
  const roster3 = [person('001', '赵甲', '民政'), person('002', '钱乙', '民政'), person('003', '孙丙', '社保')];
  const result = run('bianmin-10pt', {
    roster: roster3,
    records: [record('2.1', { personId: '002', unit: '民政' }, { ...on('2026-10-12'), count: 5 }), record('2.1', { personId: '003', unit: '社保' }, { ...on('2026-10-12'), count: 6 })],
  });

  it('says the total a 总分低于 flag was raised on', () => {
    expect(explainSubject(result, '002', roster3)).toContain('   通报批评：总分 -2 低于 0');
  });

  it('says the unit flag of the person’s unit with the unit’s total, and none for an unflagged unit', () => {
    expect(explainSubject(result, '003', roster3)).toContain('部门标注：部门通报批评（部门合计 -6）');
    expect(explainSubject(result, '002', roster3).join('\n')).not.toContain('部门标注');
  });

  it('says the unit flag to every person of the unit, however the roster spaces the unit’s name', () => {
    // 社保 and 社 保 are one unit (units group by unitKey): 钱乙 −2 + 孙丙 −6 = −8 < 0 → 部门通报批评.
    const spaced = [person('002', '钱乙', '社保'), person('003', '孙丙', '社 保')];
    const both = run('bianmin-10pt', {
      roster: spaced,
      records: [record('2.1', { personId: '002', unit: '社保' }, { ...on('2026-10-12'), count: 5 }), record('2.1', { personId: '003', unit: '社 保' }, { ...on('2026-10-12'), count: 6 })],
    });
    for (const id of ['002', '003']) expect(explainSubject(both, id, spaced)).toContain('部门标注：部门通报批评（部门合计 -8）');
  });

  it('answers a unit’s name in a person scheme with its people, not 没有', () => {
    expect(() => explainSubject(result, '社保', roster3)).toThrow(expect.objectContaining({ code: 'explain_unit_of_persons', args: { who: '社保', unitLabel: '窗口', people: '孙丙 003' } }));
  });
});

describe('kaohe explain: a name two people share (probe16d 8)', () => {
  it('in a window scheme, explains their window when both are in it; asks for the 工号 when they are in two', () => {
    const same = [person('001', '甲', '民政窗口'), person('002', '甲', '民政窗口'), person('003', '乙', '社保窗口')];
    const result = run('bingcha-monthly', { roster: same, records: [] }, true);
    expect(explainSubject(result, '甲', same)[0]).toMatch(/· 民政窗口$/);
    const apart = [person('001', '甲', '民政窗口'), person('002', '甲', '社保窗口')];
    expect(() => explainSubject(run('bingcha-monthly', { roster: apart, records: [] }, true), '甲', apart)).toThrow(expect.objectContaining({ code: 'explain_roster_ambiguous' }));
  });
});

describe('kaohe explain: a flag counted in days', () => {
  it('city-hall-monthly 6.2 无故缺席 adds half days to its 3 days and says them in days', () => {
    const records = [record('6.2', jia, { ...on('2026-11-10'), count: 2.5 }), record('6.2', jia, { ...on('2026-11-12'), count: 0.5 })];
    const result = run('city-hall-monthly', { roster, records }, false, parsePeriod('2026-11') as Period);
    // 2.5 + 0.5 = 3 days: 无故缺席三天以上(含三天) → 退回所在部门
    expect(flagKeys(result.subjects[0]!.flags)).toEqual(['退回所在部门，并通报有关部门处理']);
    const text = explainSubject(result, '001').join('\n');
    expect(text).toContain('6.2 无故缺席：2.5天');
    expect(text).toContain('6.2 无故缺席：0.5天');
  });

  it('2.5 days alone are not 3', () => {
    // 2.5 < 3: no flag
    const result = run('city-hall-monthly', { roster, records: [record('6.2', jia, { ...on('2026-11-10'), count: 2.5 })] }, false, parsePeriod('2026-11') as Period);
    expect(result.subjects[0]!.flags).toEqual([]);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SchemeError } from '../src/core/problems.js';
import { builtinSchemeDir, builtinSchemeIds, loadScheme, parseSchemeText } from '../src/scheme/load.js';

const bingcha = readFileSync(join(builtinSchemeDir, 'bingcha-monthly.yaml'), 'utf8');

function issuesOf(text: string): string[] {
  try {
    parseSchemeText(text, 'my-centre.yaml');
  } catch (error) {
    if (error instanceof SchemeError) return [...error.issues];
    throw error;
  }
  throw new Error('expected the scheme to be refused');
}

describe('scheme files', () => {
  it('loads both built-ins with the item codes of item-codes.md', () => {
    expect(builtinSchemeIds()).toEqual(expect.arrayContaining(['bianmin-10pt', 'bingcha-monthly']));
    const monthly = loadScheme('bingcha-monthly');
    expect(monthly.items.map((it) => it.code)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11']);
    expect([...monthly.rulesByCode.keys()]).toEqual([
      '1.1', '1.2', '1.3', '2.1', '2.2', '2.3', '2.4', '2.5', '3.1', '4.1', '4.2', '5.1', '5.2', '5.3',
      '6.1', '7.1', '7.2', '8.1', '8.2', '9.1', '11.1', '11.2', '11.3',
    ]);
    // 10×9 items of 10 + 8 at 15 + 9 at 5 … = 100; max 110
    expect(monthly.base).toBe(10000);
    expect(monthly.maximum).toBe(11000);
    const tenPoint = loadScheme('bianmin-10pt');
    expect([...tenPoint.rulesByCode.keys()]).toEqual(['1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '2.1', '2.2', '3.1']);
  });

  it('refuses an unknown key with its path and line', () => {
    const text = bingcha.replace('allow_negative: false', 'allow_negative: false\nbonus_limit: 10');
    const [issue] = issuesOf(text);
    expect(issue).toMatch(/^第\d+行 .*bonus_limit/);
  });

  it('refuses items that do not add up to the base, naming the path', () => {
    // 卫生保洁 5 → 6 makes the items sum to 101
    const text = bingcha.replace(/name: 卫生保洁\n    type: deduction\n    points: 5/, 'name: 卫生保洁\n    type: deduction\n    points: 6');
    expect(issuesOf(text)).toEqual([expect.stringMatching(/items: 各扣分大项分值合计 101，与基本分 base 100 不符/)]);
  });

  it('lists every problem at once: a ranged rule with min > max and a flag on an unknown rule', () => {
    const text = bingcha
      .replace('kind: ranged, min: 2, max: 5, source: { file: 003_45a152b946857baa.txt, article: 月度考核办法 三(七)', 'kind: ranged, min: 6, max: 5, source: { file: 003_45a152b946857baa.txt, article: 月度考核办法 三(七)')
      .replace('when: { rule: "6.1" }', 'when: { rule: "6.9" }');
    const issues = issuesOf(text);
    expect(issues).toHaveLength(2);
    expect(issues[0]).toMatch(/items\.6\.rules\.0\.min: 视情分值下限 6 大于上限 5/);
    expect(issues[1]).toMatch(/flags\.0\.when\.rule: "6\.9" 不是本方案的细则代码/);
  });

  it('refuses duplicate keys (a YAML error with its line)', () => {
    const text = bingcha.replace('base: 100', 'base: 100\nbase: 90');
    expect(issuesOf(text)[0]).toMatch(/^第\d+行: YAML 格式错误/);
  });

  it('requires a reason for every assumption', () => {
    const text = bingcha.replace(/    reason: 原文标题为15分.*\n/, '');
    expect(issuesOf(text)).toEqual([expect.stringMatching(/items\.7\.reason: /)]);
  });
});

describe('dropdown lists for templates', () => {
  it('offers recordable rules, mark items and metrics', async () => {
    const { dropdownLists } = await import('../src/scheme/lists.js');
    const monthly = dropdownLists(loadScheme('bingcha-monthly'));
    expect(monthly.records[0]).toBe('1.1 违反行为规范');
    expect(monthly.records).toHaveLength(23);
    expect(monthly.marks).toEqual([]);
    const half = dropdownLists(loadScheme('bingcha-halfyear'));
    // 4.2 办结率 is typed in 指标, not 记录
    expect(half.records).not.toContain('4.2 办结率未达100%');
    expect(half.metrics).toEqual(['办结率']);
    expect(dropdownLists(loadScheme('city-hall-annual')).marks).toEqual(['2 个人总结情况', '4 首席代表及分管领导评价情况', '5 绩效评价情况']);
  });
});

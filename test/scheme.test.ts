import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SchemeError, type SchemeIssue } from '../src/core/problems.js';
import { formatSchemeIssue } from '../src/messages.js';
import { builtinSchemeDir, builtinSchemeIds } from '../src/scheme/load.js';
import { parseSchemeText, readSchemeText } from '../src/scheme/parse.js';
import { builtinScheme } from './builtin-scheme.js';

const bingcha = readFileSync(join(builtinSchemeDir, 'bingcha-monthly.yaml'), 'utf8');

function issuesOf(text: string): SchemeIssue[] {
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
    const monthly = builtinScheme('bingcha-monthly');
    expect(monthly.items.map((it) => it.code)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11']);
    expect([...monthly.rulesByCode.keys()]).toEqual([
      '1.1', '1.2', '1.3', '2.1', '2.2', '2.3', '2.4', '2.5', '3.1', '4.1', '4.2', '5.1', '5.2', '5.3',
      '6.1', '7.1', '7.2', '8.1', '8.2', '9.1', '11.1', '11.2', '11.3',
    ]);
    // 10×9 items of 10 + 8 at 15 + 9 at 5 … = 100; max 110
    expect(monthly.base).toBe(10000);
    expect(monthly.maximum).toBe(11000);
    const tenPoint = builtinScheme('bianmin-10pt');
    expect([...tenPoint.rulesByCode.keys()]).toEqual(['1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '2.1', '2.2', '3.1']);
  });

  it('reads what a flag does to the 考核奖 from the scheme, and refuses a word it does not know', () => {
    const halfyear = readFileSync(join(builtinSchemeDir, 'bingcha-halfyear.yaml'), 'utf8');
    const scheme = parseSchemeText(halfyear, 'my-centre.yaml');
    expect(scheme.grades?.consequences.map((c) => [c.flag, c.bonus])).toEqual([['不享受考核奖', 'cancel']]);
    // 取消全年考核奖 pays nothing; 扣发一个月考核奖 and 取消半年考核奖 take off an amount set by the rules
    expect(scheme.year?.leave.filter((l) => l.bonus !== null).map((l) => [l.name, l.bonus])).toEqual([
      ['取消全年考核奖', 'cancel'],
      ['扣发一个月考核奖', 'withhold'],
      ['取消半年考核奖', 'withhold'],
    ]);
    const issues = issuesOf(halfyear.replace('      bonus: cancel\n', '      bonus: halve\n'));
    expect(issues.map((i) => [i.code, i.where.path])).toEqual([['scheme_value_option', ['grades', 'consequences', 0, 'bonus']]]);
  });

  it('reads what the document calls a unit and who settles ties, zod-checked; a file without them says 窗口 and 考核组织', () => {
    const street = builtinScheme('street-1000');
    expect([street.unitLabel, street.decidedBy]).toEqual(['科室', '考核小组']);
    expect([builtinScheme('bingcha-monthly').unitLabel, builtinScheme('bingcha-monthly').decidedBy]).toEqual(['窗口', '中心主任办公会']);
    const plain = parseSchemeText(bingcha.replace(/^unit_label: .*\n^decided_by: .*\n/m, ''), 'my-centre.yaml');
    expect([plain.unitLabel, plain.decidedBy]).toEqual(['窗口', '考核组织']);
    expect(issuesOf(bingcha.replace(/^unit_label: .*$/m, 'unit_label: ""')).map((i) => i.where.path)).toEqual([['unit_label']]);
    expect(issuesOf(bingcha.replace(/^decided_by: .*$/m, 'decided_by: 3')).map((i) => i.where.path)).toEqual([['decided_by']]);
  });

  it('refuses an unknown key with its path and line', () => {
    const text = bingcha.replace('allow_negative: false', 'allow_negative: false\n备注: 10');
    // the new key sits on line 14, right after allow_negative (line 13); no key is near enough to guess
    expect(issuesOf(text)).toEqual([{ code: 'scheme_key_unknown', args: { key: '备注' }, where: { file: 'my-centre.yaml', line: 14, path: ['备注'] } }]);
  });

  it('suggests the key of that level nearest a misspelt one, as the 设置 sheet does', () => {
    // bonus_cep: one letter from bonus_cap (top level); mni in a ranged rule: two from min, a key of rules only.
    const text = bingcha.replace('bonus_cap: 10', 'bonus_cep: 10').replace('kind: ranged, min: 2, max: 5, source: { file: 栟茶镇便民服务中心月度考核办法(试行), article: 三(七)', 'kind: ranged, mni: 2, max: 5, source: { file: 栟茶镇便民服务中心月度考核办法(试行), article: 三(七)');
    const unknown = issuesOf(text).filter((i) => i.code === 'scheme_key_unknown');
    expect(unknown.map((i) => [i.where.path.join('.'), i.args])).toEqual([
      ['items.6.rules.0.mni', { key: 'mni', nearest: 'min' }],
      ['bonus_cep', { key: 'bonus_cep', nearest: 'bonus_cap' }],
    ]);
    expect(formatSchemeIssue(unknown[1]!)).toContain('未知的键 "bonus_cep"：是否为 "bonus_cap"？');
    // Nothing near: no guess.
    expect(issuesOf(bingcha.replace('base: 100', 'base: 100\n评分细则: 1')).find((i) => i.code === 'scheme_key_unknown')?.args).toEqual({ key: '评分细则' });
  });

  it('names the key written where a required one is missing, when it is near (typ for type)', () => {
    // 基础工作's `type: deduction` written `typ: deduction`: the item's kind is unknown, so only the missing type is said.
    const text = bingcha.replace(/^( {4})type: deduction$/m, '$1typ: deduction');
    const missing = issuesOf(text).find((i) => i.code === 'scheme_value_required');
    expect(missing?.args).toMatchObject({ misspelt: 'typ', key: 'type' });
    expect(formatSchemeIssue(missing!)).toContain('写的 "typ" 是否应为 "type"？');
  });

  it('says a misspelt required key once, as unknown at its line, not also as missing (bse for base)', () => {
    const issues = issuesOf(bingcha.replace(/^base: 100$/m, 'bse: 100'));
    expect(issues.map((i) => [i.code, i.where.path.join('.'), i.args])).toEqual([['scheme_key_unknown', 'bse', { key: 'bse', nearest: 'base' }]]);
  });

  it('keeps a missing key said when the key written instead is only one that contains it (provided_by holds id)', () => {
    const issues = issuesOf(bingcha.replace(/^id: .*$/m, 'provided_by: 党政办'));
    expect(issues.map((i) => [i.code, i.where.path.join('.')]).sort()).toEqual([
      ['scheme_key_unknown', 'provided_by'],
      ['scheme_value_required', 'id'],
    ]);
    // 'id' is too short a part of 'provided_by' to be its typo: the nearest is decided_by, one of a like length
    expect(issues.find((i) => i.code === 'scheme_key_unknown')?.args).toEqual({ key: 'provided_by', nearest: 'decided_by' });
  });

  it('says a Tab as a Tab, not as the key over two lines the parser also reads there', () => {
    // A Tab before a key of an item: the parser also reads the line as a key over two lines.
    const issues = issuesOf('id: x\nitems:\n  - code: "1"\n    type: deduction\n\tpoints: 10\n    name: y\n');
    const fifth = issues.filter((i) => i.where.line === 5);
    expect(fifth).toHaveLength(1);
    expect(formatSchemeIssue(fifth[0]!)).toContain('不能用 Tab 缩进');
  });

  it('says a line indented wrongly once, not once for each way the YAML parser reads it', () => {
    // line 3 indented under title: the parser reads "y subject" as a key running over two lines, and says line 2 twice.
    const issues = issuesOf('id: x\ntitle: y\n  subject: person\nperiod: month\n');
    expect(issues.map((i) => [i.code, i.where.line])).toEqual([['scheme_yaml', 2]]);
    expect(formatSchemeIssue(issues[0]!)).toContain('缩进');
  });

  it('refuses items that do not add up to the base, naming the path', () => {
    // 卫生保洁 5 → 6 makes the items sum to 101
    const text = bingcha.replace(/name: 卫生保洁\n {4}type: deduction\n {4}points: 5/, 'name: 卫生保洁\n    type: deduction\n    points: 6');
    expect(issuesOf(text)).toEqual([{ code: 'scheme_items_sum', args: { sum: 101, base: 100 }, where: { file: 'my-centre.yaml', line: 16, path: ['items'] } }]);
  });

  it('lists every problem at once: a ranged rule with min > max and a flag on an unknown rule', () => {
    const text = bingcha.replace('kind: ranged, min: 2, max: 5, source: { file: 栟茶镇便民服务中心月度考核办法(试行), article: 三(七)', 'kind: ranged, min: 6, max: 5, source: { file: 栟茶镇便民服务中心月度考核办法(试行), article: 三(七)').replace('when: { rule: "6.1" }', 'when: { rule: "6.9" }');
    expect(issuesOf(text).map((i) => [i.code, i.args, i.where.path.join('.')])).toEqual([
      ['scheme_range_reversed', { min: 6, max: 5 }, 'items.6.rules.0.min'],
      ['scheme_flag_rule_unknown', { code: '6.9' }, 'flags.0.when.rule'],
    ]);
  });

  it('refuses duplicate keys (a YAML error with its line)', () => {
    const text = bingcha.replace('base: 100', 'base: 100\nbase: 90');
    // base is on line 10; the second one on line 11
    expect(issuesOf(text)).toMatchObject([{ code: 'scheme_yaml', args: { yamlCode: 'DUPLICATE_KEY' }, where: { line: 11 } }]);
  });

  it('requires a reason for every assumption', () => {
    const text = bingcha.replace(/ {4}reason: 原文标题为15分.*\n/, '');
    expect(issuesOf(text)).toMatchObject([{ code: 'scheme_reason_missing', where: { path: ['items', 7, 'reason'] } }]);
  });
});

describe('scheme file limits (issue 12)', () => {
  it('refuses a file over 256 KB before parsing it', () => {
    const text = bingcha + `# ${'填'.repeat(100_000)}\n`;
    expect(issuesOf(text)).toEqual([{ code: 'scheme_too_large', args: { bytes: Buffer.byteLength(text), limit: 262144 }, where: { file: 'my-centre.yaml', path: [] } }]);
  });

  it('refuses nesting deeper than 24 levels, in brackets or indentation', () => {
    expect(issuesOf(`id: x\nitems: ${'['.repeat(5000)}${']'.repeat(5000)}\n`).map((i) => i.code)).toEqual(['scheme_too_deep']);
    const indented = Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n');
    expect(issuesOf(indented).map((i) => i.code)).toEqual(['scheme_too_deep']);
  });

  it('refuses a YAML alias bomb with a coded issue, quickly and without a stack trace', () => {
    // nine levels of nine aliases each would expand to 9^9 strings
    const names = 'abcdefghi'.split('');
    const bomb = names.map((n, i) => (i === 0 ? `${n}: &${n} [x, x, x, x, x, x, x, x, x]` : `${n}: &${n} [${Array.from({ length: 9 }, () => `*${names[i - 1]}`).join(', ')}]`)).join('\n');
    expect(issuesOf(bomb)).toEqual([{ code: 'scheme_too_many_aliases', args: { limit: 100 }, where: { file: 'my-centre.yaml', path: [] } }]);
  });
});

describe('scheme texts a workbook cannot hold', () => {
  it('refuses a control character, a noncharacter or half a surrogate pair in any text or key, each at its line, with the other problems', () => {
    const text = bingcha
      // line 24 (25 once the key below is added): U+FFFE would make xl/sharedStrings.xml unreadable to Excel
      .replace('        name: 违反行为规范\n', '        name: "违反\\uFFFE行为规范"\n')
      // line 6: half a surrogate pair would be written as U+FFFD
      .replace('title: 栟茶镇便民服务中心月度考核办法(试行)', 'title: "栟茶镇\\uD800月度考核"')
      // line 29 (30 with the key): exceljs would drop the bell without a word
      .replace('        name: 与服务对象争吵\n', '        name: "与服务对象\\a争吵"\n')
      // line 14: a key of its own, unknown and with an escape character
      .replace('allow_negative: false', 'allow_negative: false\n"bonus\\e": 1');
    expect(issuesOf(text)).toEqual([
      { code: 'scheme_text_character', args: { character: 'U+D800' }, where: { file: 'my-centre.yaml', line: 6, path: ['title'] } },
      { code: 'scheme_text_character', args: { character: 'U+001B' }, where: { file: 'my-centre.yaml', line: 14, path: ['bonus\x1b'] } },
      { code: 'scheme_text_character', args: { character: 'U+FFFE' }, where: { file: 'my-centre.yaml', line: 25, path: ['items', 0, 'rules', 0, 'name'] } },
      { code: 'scheme_text_character', args: { character: 'U+0007' }, where: { file: 'my-centre.yaml', line: 30, path: ['items', 0, 'rules', 1, 'name'] } },
      { code: 'scheme_key_unknown', args: { key: 'bonus\x1b' }, where: { file: 'my-centre.yaml', line: 14, path: ['bonus\x1b'] } },
    ]);
  });

  it('refuses such a text in a scheme that is otherwise right', () => {
    expect(issuesOf(bingcha.replace('        name: 违反行为规范\n', '        name: "违反行为规范\\x85"\n'))).toEqual([
      { code: 'scheme_text_character', args: { character: 'U+0085' }, where: { file: 'my-centre.yaml', line: 24, path: ['items', 0, 'rules', 0, 'name'] } },
    ]);
  });

  it('keeps tabs, line breaks and a whole surrogate pair', () => {
    const text = bingcha.replace('        name: 违反行为规范\n', '        name: "违反\\t行为\\n规范𠀀"\n');
    expect(parseSchemeText(text, 'my-centre.yaml').rulesByCode.get('1.1')?.name).toBe('违反\t行为\n规范𠀀');
  });
});

describe('scheme check warnings (issue 15)', () => {
  const warningsOf = (text: string) => readSchemeText(text, 'my-centre.yaml').warnings;

  it('has none for a built-in scheme: every value sourced, every number quoted or marked', () => {
    expect(warningsOf(bingcha)).toEqual([]);
  });

  it('warns on an item without source and on a number its quote does not state', () => {
    const text = bingcha
      .replace('    source: { file: 栟茶镇便民服务中心月度考核办法(试行), article: 三(九), quote: (九)卫生保洁(5分) }\n', '')
      // 违反行为规范 1 → 2: the quote says 每次扣1分
      .replace('name: 违反行为规范\n        kind: fixed\n        points: 1', 'name: 违反行为规范\n        kind: fixed\n        points: 2')
      // and 9.1's 1 → 3 compensates the sum; it is its quote that says 发现一次扣1分
      .replace('name: 窗口卫生、资料摆放不达标, kind: fixed, points: 1,', 'name: 窗口卫生、资料摆放不达标, kind: fixed, points: 3,');
    expect(warningsOf(text).map((w) => [w.code, w.args.field ?? '', w.args.value ?? '', w.where.path.join('.')])).toEqual([
      ['scheme_number_not_in_quote', 'points', 2, 'items.0.rules.0.points'],
      ['scheme_source_missing', '', '', 'items.8'],
      ['scheme_number_not_in_quote', 'points', 3, 'items.8.rules.0.points'],
    ]);
  });

  it('takes a marked number as the file says, and 0 (为负分) as stated', () => {
    const text = bingcha.replace('name: 违反行为规范\n        kind: fixed\n        points: 1', 'name: 违反行为规范\n        kind: fixed\n        points: 2\n        assumption: true\n        reason: 本中心从严');
    expect(warningsOf(text)).toEqual([]);
  });
});

describe('dropdown lists for templates', () => {
  it('offers recordable rules, mark items and metrics', async () => {
    const { dropdownLists } = await import('../src/scheme/lists.js');
    const monthly = dropdownLists(builtinScheme('bingcha-monthly'));
    expect(monthly.records[0]).toBe('1.1 违反行为规范');
    expect(monthly.records).toHaveLength(23);
    expect(monthly.marks).toEqual([]);
    const half = dropdownLists(builtinScheme('bingcha-halfyear'));
    // 4.2 办结率 is typed in 指标, not 记录
    expect(half.records).not.toContain('4.2 办结率未达100%');
    expect(half.metrics).toEqual(['办结率']);
    expect(dropdownLists(builtinScheme('city-hall-annual')).marks).toEqual(['2 个人总结情况', '4 首席代表及分管领导评价情况', '5 绩效评价情况']);
  });
});

import { add, toHundredths, type Hundredths } from '../core/decimal.js';
import { foldKey } from '../core/text.js';
import type { Item, Rule, Scheme, FlagCondition } from './model.js';
import type { RuleFile, SchemeFile } from './schema.js';

/** A cross-field problem: the path inside the scheme file and what is wrong, in Chinese. */
export interface SchemeIssue {
  path: (string | number)[];
  message: string;
}

function compileRule(rule: RuleFile, itemCode: string, sign: 1 | -1): Rule {
  const common = {
    code: rule.code,
    name: rule.name,
    source: rule.source,
    itemCode,
    sign,
    assumption: rule.assumption ?? false,
    ...(rule.reason === undefined ? {} : { reason: rule.reason }),
  };
  switch (rule.kind) {
    case 'fixed':
      return { ...common, kind: 'fixed', points: toHundredths(rule.points) };
    case 'ranged':
      return { ...common, kind: 'ranged', min: toHundredths(rule.min), max: toHundredths(rule.max) };
    case 'per_unit':
      return { ...common, kind: 'per_unit', points: toHundredths(rule.points), unit: rule.unit };
    case 'explicit':
      return { ...common, kind: 'explicit' };
  }
}

function assumptionOf(x: { assumption?: boolean | undefined; reason?: string | undefined }) {
  return { assumption: x.assumption ?? false, ...(x.reason === undefined ? {} : { reason: x.reason }) };
}

/**
 * Checks what a schema alone cannot (codes unique and nested, points adding up to the base,
 * references that exist) and builds the exact-decimal model. Returns every issue found.
 */
export function compileScheme(file: SchemeFile, origin: string): { scheme?: Scheme; issues: SchemeIssue[] } {
  const issues: SchemeIssue[] = [];
  const seenCodes = new Map<string, (string | number)[]>();
  const claim = (c: string, path: (string | number)[]) => {
    const earlier = seenCodes.get(c);
    if (earlier) issues.push({ path, message: `代码 "${c}" 重复（已用于 ${earlier.join('.')}）` });
    else seenCodes.set(c, path);
  };
  const checkAssumption = (x: { assumption?: boolean | undefined; reason?: string | undefined }, path: (string | number)[]) => {
    if (x.assumption && !x.reason) issues.push({ path: [...path, 'reason'], message: '标为 assumption 的数值须用 reason 写明一句理由' });
  };

  const items: Item[] = [];
  const rulesByCode = new Map<string, Rule>();
  const rulesByName = new Map<string, Rule>();
  let peerItems = 0;

  file.items.forEach((item, i) => {
    const path = ['items', i];
    claim(item.code, [...path, 'code']);
    checkAssumption(item, path);
    if (item.code.includes('.')) issues.push({ path: [...path, 'code'], message: `大项代码应为一个数字，例如 "3"，不是 "${item.code}"` });
    const rules: Rule[] = [];
    if (item.type !== 'peer') {
      const sign = item.type === 'bonus' ? 1 : -1;
      item.rules.forEach((rule, r) => {
        const rulePath = [...path, 'rules', r];
        claim(rule.code, [...rulePath, 'code']);
        checkAssumption(rule, rulePath);
        if (!rule.code.startsWith(item.code + '.')) {
          issues.push({ path: [...rulePath, 'code'], message: `细则代码应以所属大项代码 "${item.code}." 开头` });
        }
        if (rule.kind === 'ranged' && rule.min > rule.max) {
          issues.push({ path: [...rulePath, 'min'], message: `视情分值下限 ${rule.min} 大于上限 ${rule.max}` });
        }
        const compiled = compileRule(rule, item.code, sign);
        rules.push(compiled);
        rulesByCode.set(compiled.code, compiled);
        const nameKey = foldKey(compiled.name);
        if (rulesByName.has(nameKey)) issues.push({ path: [...rulePath, 'name'], message: `细则名称 "${rule.name}" 重复，记录中按名称填写时无法区分` });
        else rulesByName.set(nameKey, compiled);
      });
    }
    const common = { code: item.code, name: item.name, source: item.source, ...assumptionOf(item) };
    if (item.type === 'deduction') {
      items.push({ ...common, type: 'deduction', points: item.points === undefined ? null : toHundredths(item.points), rules });
    } else if (item.type === 'peer') {
      peerItems += 1;
      items.push({ ...common, type: 'peer', points: toHundredths(item.points), scale: toHundredths(item.scale) });
    } else {
      items.push({ ...common, type: 'bonus', cap: item.cap === undefined ? null : toHundredths(item.cap), rules });
    }
  });

  if (peerItems > 1) issues.push({ path: ['items'], message: '只能有一个互评（peer）大项' });

  // The allocated items must add up to the base (a typo in one number shows here).
  const base = toHundredths(file.base);
  const scored = items.filter((it) => it.type !== 'bonus');
  const allocated = scored.map((it) => it.points).filter((p): p is Hundredths => p !== null);
  const allocatedSum = add(...allocated);
  if (allocated.length === scored.length && allocatedSum !== base) {
    issues.push({ path: ['items'], message: `各扣分大项分值合计 ${allocatedSum / 100}，与基本分 base ${file.base} 不符` });
  } else if (allocatedSum > base) {
    issues.push({ path: ['items'], message: `各大项分值合计 ${allocatedSum / 100}，超过基本分 base ${file.base}` });
  }

  const bonusCap = toHundredths(file.bonus_cap);
  const maximum = file.maximum === undefined ? add(base, bonusCap) : toHundredths(file.maximum);
  if (maximum < base) issues.push({ path: ['maximum'], message: `最高分 ${file.maximum} 低于基本分 ${file.base}` });
  const hasBonusItem = items.some((it) => it.type === 'bonus');
  if (hasBonusItem && bonusCap === 0) issues.push({ path: ['bonus_cap'], message: '有加分大项时须写明加分上限 bonus_cap' });
  items.forEach((it, i) => {
    if (it.type === 'bonus' && it.cap !== null && it.cap > bonusCap) {
      issues.push({ path: ['items', i, 'cap'], message: `大项加分上限 ${it.cap / 100} 超过方案加分上限 bonus_cap ${file.bonus_cap}` });
    }
  });

  const itemByCode = new Map(items.map((it) => [it.code, it]));
  const escalation = file.escalation.map((group, g) => {
    checkAssumption(group, ['escalation', g]);
    const ruleCodes = new Set<string>();
    group.rules.forEach((c, r) => {
      const item = itemByCode.get(c);
      const rule = rulesByCode.get(c);
      if (item && item.type === 'deduction') item.rules.forEach((x) => ruleCodes.add(x.code));
      else if (rule && rule.sign === -1) ruleCodes.add(rule.code);
      else issues.push({ path: ['escalation', g, 'rules', r], message: `"${c}" 不是本方案的扣分大项或细则代码` });
    });
    return { name: group.name, ruleCodes, from: group.from, factor: group.factor, source: group.source, ...assumptionOf(group) };
  });
  // An occurrence may escalate in one group only; two groups would double-count it.
  const grouped = new Map<string, string>();
  escalation.forEach((group, g) => {
    for (const c of group.ruleCodes) {
      const other = grouped.get(c);
      if (other) issues.push({ path: ['escalation', g, 'rules'], message: `细则 "${c}" 已属于累计组 "${other}"` });
      else grouped.set(c, group.name);
    }
  });

  const flags = file.flags.map((flag, f) => {
    checkAssumption(flag, ['flags', f]);
    let when: FlagCondition;
    if ('rule' in flag.when) {
      if (!rulesByCode.has(flag.when.rule)) issues.push({ path: ['flags', f, 'when', 'rule'], message: `"${flag.when.rule}" 不是本方案的细则代码` });
      when = { rule: flag.when.rule };
    } else if ('total_below' in flag.when) {
      when = { totalBelow: toHundredths(flag.when.total_below) };
    } else {
      if (file.subject === 'unit') issues.push({ path: ['flags', f, 'when'], message: 'unit_total_below 只用于以个人为考核对象的方案' });
      when = { unitTotalBelow: toHundredths(flag.when.unit_total_below) };
    }
    return { name: flag.name, when, source: flag.source, ...assumptionOf(flag) };
  });
  file.awards.forEach((award, a) => checkAssumption(award, ['awards', a]));

  if (issues.length > 0) return { issues };
  return {
    issues,
    scheme: {
      id: file.id,
      title: file.title,
      source: file.source,
      subject: file.subject,
      period: file.period,
      base,
      bonusCap,
      maximum,
      allowNegative: file.allow_negative,
      ranking: file.ranking,
      items,
      escalation,
      flags,
      awards: file.awards.map((a) => ({ name: a.name, top: a.top, source: a.source, ...assumptionOf(a) })),
      rulesByCode,
      rulesByName,
      origin,
    },
  };
}

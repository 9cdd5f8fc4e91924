import { add, toHundredths, type Hundredths } from '../core/decimal.js';
import { foldKey } from '../core/text.js';
import { basePointsOf, rulesOf, type AttendanceKind, type FlagCondition, type Grades, type Item, type Part, type Rule, type Scheme } from './model.js';
import type { RuleFile, SchemeFile } from './schema.js';

/** A cross-field problem: the path inside the scheme file and what is wrong, in Chinese. */
export interface SchemeIssue {
  path: (string | number)[];
  message: string;
}

type Path = (string | number)[];

function assumptionOf(x: { assumption?: boolean | undefined; reason?: string | undefined }) {
  return { assumption: x.assumption ?? false, ...(x.reason === undefined ? {} : { reason: x.reason }) };
}

function compileRule(rule: RuleFile, itemCode: string, partIndex: number, sign: 1 | -1): Rule {
  const common = { code: rule.code, name: rule.name, source: rule.source, itemCode, partIndex, sign, ...assumptionOf(rule) };
  switch (rule.kind) {
    case 'fixed':
      return { ...common, kind: 'fixed', points: toHundredths(rule.points) };
    case 'ranged':
      return { ...common, kind: 'ranged', min: toHundredths(rule.min), max: toHundredths(rule.max) };
    case 'per_unit':
      return { ...common, kind: 'per_unit', points: toHundredths(rule.points), unit: rule.unit };
    case 'explicit':
      return { ...common, kind: 'explicit' };
    case 'per_n':
      return { ...common, kind: 'per_n', every: rule.every, points: toHundredths(rule.points) };
    case 'over':
      return { ...common, kind: 'over', threshold: rule.threshold, points: toHundredths(rule.points), unit: rule.unit };
    case 'rate':
      return { ...common, kind: 'rate', metric: rule.metric, target: toHundredths(rule.target), per: toHundredths(rule.per), points: toHundredths(rule.points) };
    case 'flag':
      return { ...common, kind: 'flag' };
  }
}

/**
 * Checks what a schema alone cannot (codes unique and nested, points adding up to the base,
 * references that exist) and builds the exact-decimal model. Returns every issue found.
 */
export function compileScheme(file: SchemeFile, origin: string, sha256 = ''): { scheme?: Scheme; issues: SchemeIssue[] } {
  const issues: SchemeIssue[] = [];
  const report = (path: Path, message: string) => issues.push({ path, message });
  const seenCodes = new Map<string, Path>();
  const claim = (c: string, path: Path) => {
    const earlier = seenCodes.get(c);
    if (earlier) report(path, `代码 "${c}" 重复（已用于 ${earlier.join('.')}）`);
    else seenCodes.set(c, path);
  };
  const checkAssumption = (x: { assumption?: boolean | undefined; reason?: string | undefined }, path: Path) => {
    if (x.assumption && !x.reason) report([...path, 'reason'], '标为 assumption 的数值须用 reason 写明一句理由');
  };

  const rulesByCode = new Map<string, Rule>();
  const rulesByName = new Map<string, Rule>();
  const compileRules = (rules: RuleFile[], itemCode: string, partIndex: number, sign: 1 | -1, path: Path): Rule[] =>
    rules.map((rule, r) => {
      const rulePath = [...path, r];
      claim(rule.code, [...rulePath, 'code']);
      checkAssumption(rule, rulePath);
      if (!rule.code.startsWith(itemCode + '.')) report([...rulePath, 'code'], `细则代码应以所属大项代码 "${itemCode}." 开头`);
      if (rule.kind === 'ranged' && rule.min > rule.max) report([...rulePath, 'min'], `视情分值下限 ${rule.min} 大于上限 ${rule.max}`);
      const compiled = compileRule(rule, itemCode, partIndex, sign);
      rulesByCode.set(compiled.code, compiled);
      const nameKey = foldKey(compiled.name);
      if (rulesByName.has(nameKey)) report([...rulePath, 'name'], `细则名称 "${rule.name}" 重复，记录中按名称填写时无法区分`);
      else rulesByName.set(nameKey, compiled);
      return compiled;
    });

  const items: Item[] = file.items.map((item, i): Item => {
    const path: Path = ['items', i];
    claim(item.code, [...path, 'code']);
    checkAssumption(item, path);
    if (item.code.includes('.')) report([...path, 'code'], `大项代码应为一个数字，例如 "3"，不是 "${item.code}"`);
    const common = { code: item.code, name: item.name, source: item.source, ...assumptionOf(item) };
    switch (item.type) {
      case 'deduction': {
        const itemPoints = item.points === undefined ? null : toHundredths(item.points);
        let parts: Part[];
        if ((item.rules === undefined) === (item.parts === undefined)) {
          report(path, '扣分大项须写 rules（细则）或 parts（小项）二者之一');
          parts = [];
        } else if (item.rules) {
          parts = [{ name: item.name, points: itemPoints, earned: false, rules: compileRules(item.rules, item.code, 0, -1, [...path, 'rules']), source: null, assumption: false }];
        } else {
          parts = (item.parts ?? []).map((part, p) => {
            checkAssumption(part, [...path, 'parts', p]);
            return {
              name: part.name,
              points: toHundredths(part.points),
              earned: part.earned,
              rules: compileRules(part.rules, item.code, p, part.earned ? 1 : -1, [...path, 'parts', p, 'rules']),
              source: part.source ?? null,
              ...assumptionOf(part),
            };
          });
          const partSum = add(...parts.map((p) => p.points ?? (0 as Hundredths)));
          if (itemPoints === null) report([...path, 'points'], '有小项（parts）的大项须写明分值 points');
          else if (partSum !== itemPoints) report([...path, 'parts'], `各小项分值合计 ${partSum / 100}，与大项分值 ${itemPoints / 100} 不符`);
        }
        return { ...common, type: 'deduction', points: itemPoints, parts };
      }
      case 'peer':
        return { ...common, type: 'peer', points: toHundredths(item.points), scale: toHundredths(item.scale) };
      case 'bonus':
        return { ...common, type: 'bonus', cap: item.cap === undefined ? null : toHundredths(item.cap), rules: compileRules(item.rules, item.code, 0, 1, [...path, 'rules']) };
      case 'mark':
        return { ...common, type: 'mark', points: toHundredths(item.points) };
      case 'monthly':
        return { ...common, type: 'monthly', points: toHundredths(item.points), scale: toHundredths(item.scale), scheme: item.scheme };
      case 'unit_share':
        return { ...common, type: 'unit_share', points: toHundredths(item.points), scale: toHundredths(item.scale), scheme: item.scheme };
      case 'veto': {
        const rules = compileRules(item.rules, item.code, 0, -1, [...path, 'rules']);
        rules.forEach((r, n) => r.kind !== 'flag' && report([...path, 'rules', n, 'kind'], '否决项（veto）的细则只能是 kind: flag'));
        return { ...common, type: 'veto', rules };
      }
    }
  });

  if (items.filter((it) => it.type === 'peer').length > 1) report(['items'], '只能有一个互评（peer）大项');

  // The allocated items must add up to the base (a typo in one number shows here).
  const base = toHundredths(file.base);
  const scored = items.filter((it) => it.type !== 'bonus' && it.type !== 'veto');
  const allocated = scored.map(basePointsOf).filter((p): p is Hundredths => p !== null);
  const allocatedSum = add(...allocated);
  if (allocated.length === scored.length && allocatedSum !== base) {
    report(['items'], `各扣分大项分值合计 ${allocatedSum / 100}，与基本分 base ${file.base} 不符`);
  } else if (allocatedSum > base) {
    report(['items'], `各大项分值合计 ${allocatedSum / 100}，超过基本分 base ${file.base}`);
  }

  const bonusCap = toHundredths(file.bonus_cap);
  const maximum = file.maximum === undefined ? add(base, bonusCap) : toHundredths(file.maximum);
  if (maximum < base) report(['maximum'], `最高分 ${file.maximum} 低于基本分 ${file.base}`);
  if (items.some((it) => it.type === 'bonus') && bonusCap === 0) report(['bonus_cap'], '有加分大项时须写明加分上限 bonus_cap');
  items.forEach((it, i) => {
    if (it.type === 'bonus' && it.cap !== null && it.cap > bonusCap) {
      report(['items', i, 'cap'], `大项加分上限 ${it.cap / 100} 超过方案加分上限 bonus_cap ${file.bonus_cap}`);
    }
  });

  const itemByCode = new Map(items.map((it) => [it.code, it]));
  const escalation = file.escalation.map((group, g) => {
    checkAssumption(group, ['escalation', g]);
    const ruleCodes = new Set<string>();
    group.rules.forEach((c, r) => {
      const item = itemByCode.get(c);
      const rule = rulesByCode.get(c);
      const countable = (x: Rule) => x.sign === -1 && (x.kind === 'fixed' || x.kind === 'ranged' || x.kind === 'explicit');
      if (item && item.type === 'deduction') rulesOf(item).filter(countable).forEach((x) => ruleCodes.add(x.code));
      else if (rule && countable(rule)) ruleCodes.add(rule.code);
      else report(['escalation', g, 'rules', r], `"${c}" 不是本方案按次扣分的大项或细则代码`);
    });
    return { name: group.name, ruleCodes, from: group.from, factor: group.factor, source: group.source, ...assumptionOf(group) };
  });
  // An occurrence may escalate in one group only; two groups would double-count it.
  const grouped = new Map<string, string>();
  escalation.forEach((group, g) => {
    for (const c of group.ruleCodes) {
      const other = grouped.get(c);
      if (other) report(['escalation', g, 'rules'], `细则 "${c}" 已属于累计组 "${other}"`);
      else grouped.set(c, group.name);
    }
  });

  const flags = file.flags.map((flag, f) => {
    checkAssumption(flag, ['flags', f]);
    const w = flag.when;
    let when: FlagCondition;
    if ('rule' in w) {
      if (!rulesByCode.has(w.rule)) report(['flags', f, 'when', 'rule'], `"${w.rule}" 不是本方案的细则代码`);
      when = { rule: w.rule, atLeast: w.at_least ?? 1 };
    } else if ('total_below' in w) {
      when = { totalBelow: toHundredths(w.total_below) };
    } else if ('unit_total_below' in w) {
      if (file.subject === 'unit') report(['flags', f, 'when'], 'unit_total_below 只用于以个人为考核对象的方案');
      when = { unitTotalBelow: toHundredths(w.unit_total_below) };
    } else {
      if (!items.some((it) => it.type === 'monthly')) report(['flags', f, 'when'], 'months_below 只用于含月度考核（monthly）大项的方案');
      when = { monthsBelow: w.months_below };
    }
    return { name: flag.name, when, source: flag.source, ...assumptionOf(flag) };
  });
  file.awards.forEach((award, a) => checkAssumption(award, ['awards', a]));

  let grades: Grades | null = null;
  if (file.grades) {
    const g = file.grades;
    checkAssumption(g, ['grades']);
    const levels = g.thresholds.length + 1;
    const thresholds = g.thresholds.map(toHundredths);
    if (thresholds.some((t, i) => i > 0 && t >= (thresholds[i - 1] as Hundredths))) report(['grades', 'thresholds'], '等次分数线须从高到低排列');
    if (!('default' in g.labels)) report(['grades', 'labels'], '须有 default 一组等次名称（用于未单列的人员类别）');
    for (const [category, labels] of Object.entries(g.labels)) {
      if (labels.length !== levels) report(['grades', 'labels', category], `有 ${g.thresholds.length} 条分数线，应有 ${levels} 个等次名称，写了 ${labels.length} 个`);
    }
    if (g.quota && g.quota.level >= levels) report(['grades', 'quota', 'level'], `名额限制的等次 ${g.quota.level} 须高于最末等次 ${levels}`);
    g.consequences.forEach((c, n) => c.level > levels && report(['grades', 'consequences', n, 'level'], `只有 ${levels} 个等次`));
    grades = {
      thresholds,
      labels: new Map(Object.entries(g.labels)),
      quota: g.quota ? { level: g.quota.level, share: g.quota.share, minimum: g.quota.minimum } : null,
      consequences: g.consequences,
      source: g.source,
      ...assumptionOf(g),
    };
  }

  let attendance: Scheme['attendance'] = null;
  if (file.attendance) {
    const a = file.attendance;
    checkAssumption(a, ['attendance']);
    const rules: Partial<Record<AttendanceKind, string>> = {};
    for (const kind of ['late', 'early', 'absent_day', 'absent_half_day', 'missing_punch'] as const) {
      const c = a[kind];
      if (c === undefined) continue;
      const rule = rulesByCode.get(c);
      if (!rule || rule.sign !== -1 || rule.kind === 'rate' || rule.kind === 'ranged' || rule.kind === 'explicit') {
        report(['attendance', kind], `"${c}" 须为本方案按次扣分或标注的细则代码（不能是视情、按记录分值或比率细则）`);
      } else rules[kind] = c;
    }
    let fullAttendance: { rule: string; points: Hundredths | null } | null = null;
    if (a.full_attendance) {
      const rule = rulesByCode.get(a.full_attendance.rule);
      const points = a.full_attendance.points === undefined ? null : toHundredths(a.full_attendance.points);
      if (!rule || rule.sign !== 1) report(['attendance', 'full_attendance', 'rule'], `"${a.full_attendance.rule}" 须为本方案的加分细则代码`);
      else if ((rule.kind === 'explicit' || rule.kind === 'ranged') && points === null) report(['attendance', 'full_attendance', 'points'], '该细则按记录分值计分，须写明全勤加分 points');
      fullAttendance = { rule: a.full_attendance.rule, points };
    }
    attendance = { rules, fullAttendance, source: a.source, ...assumptionOf(a) };
  }

  let year: Scheme['year'] = null;
  if (file.year) {
    const y = file.year;
    checkAssumption(y, ['year']);
    if (file.period === 'year' && y.total !== 'none') report(['year', 'total'], '年度方案本身按年计分，year 段的 total 须为 none');
    y.leave.forEach((l, i) => {
      checkAssumption(l, ['year', 'leave', i]);
      if (l.measure === 'leave_days' && !l.type) report(['year', 'leave', i, 'type'], 'leave_days 须写明请假类型 type，如 事假');
    });
    year = {
      total: y.total,
      prorate: y.prorate,
      flags: y.flags.map((f) => ({ name: f.name, totalBelow: toHundredths(f.when.total_below), lowest: f.when.lowest, notes: new Map(Object.entries(f.notes)), source: f.source })),
      awards: y.awards.map((a) => ({ name: a.name, top: a.top, source: a.source })),
      leave: y.leave.map((l) => ({ name: l.name, measure: l.measure, type: l.type ?? null, over: l.over, source: l.source })),
      source: y.source,
      ...assumptionOf(y),
    };
  }

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
      grades,
      attendance,
      year,
      rulesByCode,
      rulesByName,
      origin,
      sha256,
    },
  };
}

import { add, toHundredths, type Hundredths } from '../core/decimal.js';
import type { SchemeIssueCode } from '../core/problems.js';
import { foldKey } from '../core/text.js';
import { compileAttendanceRules, defaultAttendanceRules, leaveDayTypes } from './attendance.js';
import { basePointsOf, rulesOf, type Assumption, type AttendanceKind, type FlagCondition, type Grades, type Item, type Part, type Rule, type Scheme, type Source } from './model.js';
import type { RuleFile, SchemeFile } from './schema.js';

/** A problem at a path inside the scheme file; the loader adds the file and line. */
export interface PathIssue {
  code: SchemeIssueCode;
  args: Record<string, string | number>;
  path: (string | number)[];
}

type Path = (string | number)[];
type Marked = { assumption?: boolean | undefined; reconstructed?: boolean | undefined; borrowed?: boolean | undefined; reason?: string | undefined };

function marksOf(x: Marked): Assumption {
  return {
    assumption: x.assumption ?? false,
    reconstructed: x.reconstructed ?? false,
    borrowed: x.borrowed ?? false,
    ...(x.reason === undefined ? {} : { reason: x.reason }),
  };
}

function sourceOf(x: { source?: { file: string; article: string; quote?: string | undefined } | undefined }): Source | null {
  return x.source ? { file: x.source.file, article: x.source.article, quote: x.source.quote ?? null } : null;
}

/** Source and marks of a sourced element, as the model keeps them. */
function provenance(x: Marked & Parameters<typeof sourceOf>[0]) {
  return { source: sourceOf(x), ...marksOf(x) };
}

const show = (h: Hundredths) => h / 100;

function compileRule(rule: RuleFile, itemCode: string, partIndex: number, sign: 1 | -1): Rule {
  const common = { code: rule.code, name: rule.name, ...provenance(rule), once: rule.once ?? false, itemCode, partIndex, sign };
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
      return { ...common, kind: 'over', threshold: rule.threshold, points: toHundredths(rule.points), unit: rule.unit, span: rule.span };
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
export function compileScheme(file: SchemeFile, origin: string, sha256 = ''): { scheme?: Scheme; issues: PathIssue[] } {
  const issues: PathIssue[] = [];
  const report = (path: Path, code: SchemeIssueCode, args: PathIssue['args'] = {}) => issues.push({ code, args, path });
  const seenCodes = new Map<string, Path>();
  const claim = (c: string, path: Path) => {
    const earlier = seenCodes.get(c);
    if (earlier) report(path, 'scheme_code_duplicate', { code: c, earlier: earlier.join('.') });
    else seenCodes.set(c, path);
  };
  const checkMarks = (x: Marked, path: Path) => {
    if ((x.assumption || x.reconstructed || x.borrowed) && !x.reason) report([...path, 'reason'], 'scheme_reason_missing');
  };
  checkMarks(file, []);

  const rulesByCode = new Map<string, Rule>();
  const rulesByName = new Map<string, Rule>();
  const compileRules = (rules: RuleFile[], itemCode: string, partIndex: number, sign: 1 | -1, path: Path): Rule[] =>
    rules.map((rule, r) => {
      const rulePath = [...path, r];
      claim(rule.code, [...rulePath, 'code']);
      checkMarks(rule, rulePath);
      if (!rule.code.startsWith(itemCode + '.')) report([...rulePath, 'code'], 'scheme_rule_code_prefix', { itemCode });
      if (rule.kind === 'ranged' && rule.min > rule.max) report([...rulePath, 'min'], 'scheme_range_reversed', { min: rule.min, max: rule.max });
      if (rule.once && (sign === 1 || !['fixed', 'ranged', 'explicit'].includes(rule.kind))) report([...rulePath, 'once'], 'scheme_once_kind');
      const compiled = compileRule(rule, itemCode, partIndex, sign);
      rulesByCode.set(compiled.code, compiled);
      const nameKey = foldKey(compiled.name);
      if (rulesByName.has(nameKey)) report([...rulePath, 'name'], 'scheme_rule_name_duplicate', { name: rule.name });
      else rulesByName.set(nameKey, compiled);
      return compiled;
    });

  const items: Item[] = file.items.map((item, i): Item => {
    const path: Path = ['items', i];
    claim(item.code, [...path, 'code']);
    checkMarks(item, path);
    if (item.code.includes('.')) report([...path, 'code'], 'scheme_item_code_nested', { code: item.code });
    const common = { code: item.code, name: item.name, ...provenance(item) };
    switch (item.type) {
      case 'deduction': {
        const itemPoints = item.points === undefined ? null : toHundredths(item.points);
        let parts: Part[];
        if ((item.rules === undefined) === (item.parts === undefined)) {
          report(path, 'scheme_rules_or_parts');
          parts = [];
        } else if (item.rules) {
          const rules = compileRules(item.rules, item.code, 0, -1, [...path, 'rules']);
          parts = [{ name: item.name, points: itemPoints, earned: false, rules, source: null, ...marksOf({}) }];
        } else {
          parts = (item.parts ?? []).map((part, p) => {
            checkMarks(part, [...path, 'parts', p]);
            return {
              name: part.name,
              points: toHundredths(part.points),
              earned: part.earned,
              rules: compileRules(part.rules, item.code, p, part.earned ? 1 : -1, [...path, 'parts', p, 'rules']),
              ...provenance(part),
            };
          });
          const partSum = add(...parts.map((p) => p.points ?? (0 as Hundredths)));
          if (itemPoints === null) report([...path, 'points'], 'scheme_parts_need_points');
          else if (partSum !== itemPoints) report([...path, 'parts'], 'scheme_parts_sum', { sum: show(partSum), points: show(itemPoints) });
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
        rules.forEach((r, n) => r.kind !== 'flag' && report([...path, 'rules', n, 'kind'], 'scheme_veto_rule_kind'));
        return { ...common, type: 'veto', rules };
      }
    }
  });

  if (items.filter((it) => it.type === 'peer').length > 1) report(['items'], 'scheme_peer_twice');
  for (const rule of rulesByCode.values()) {
    if (rule.kind === 'over' && rule.span === 'year' && file.period === 'year') report(['items'], 'scheme_span_kind', { rule: rule.code });
  }

  // The allocated items must add up to the base (a typo in one number shows here).
  const base = toHundredths(file.base);
  const scored = items.filter((it) => it.type !== 'bonus' && it.type !== 'veto');
  const allocated = scored.map(basePointsOf).filter((p): p is Hundredths => p !== null);
  const allocatedSum = add(...allocated);
  if (allocated.length === scored.length && allocatedSum !== base) {
    report(['items'], 'scheme_items_sum', { sum: show(allocatedSum), base: file.base });
  } else if (allocatedSum > base) {
    report(['items'], 'scheme_items_exceed', { sum: show(allocatedSum), base: file.base });
  }

  const bonusCap = toHundredths(file.bonus_cap);
  const maximum = file.maximum === undefined ? add(base, bonusCap) : toHundredths(file.maximum);
  if (maximum < base) report(['maximum'], 'scheme_maximum_below_base', { maximum: file.maximum ?? '', base: file.base });
  if (items.some((it) => it.type === 'bonus') && bonusCap === 0) report(['bonus_cap'], 'scheme_bonus_cap_missing');
  items.forEach((it, i) => {
    if (it.type === 'bonus' && it.cap !== null && it.cap > bonusCap) report(['items', i, 'cap'], 'scheme_item_cap_exceeds', { cap: show(it.cap), bonusCap: file.bonus_cap });
  });

  const itemByCode = new Map(items.map((it) => [it.code, it]));
  const escalation = file.escalation.map((group, g) => {
    checkMarks(group, ['escalation', g]);
    const ruleCodes = new Set<string>();
    group.rules.forEach((c, r) => {
      const item = itemByCode.get(c);
      const rule = rulesByCode.get(c);
      const countable = (x: Rule) => x.sign === -1 && (x.kind === 'fixed' || x.kind === 'ranged' || x.kind === 'explicit');
      if (item && item.type === 'deduction') rulesOf(item).filter(countable).forEach((x) => ruleCodes.add(x.code));
      else if (rule && countable(rule)) ruleCodes.add(rule.code);
      else report(['escalation', g, 'rules', r], 'scheme_escalation_rule', { code: c });
    });
    return { name: group.name, ruleCodes, from: group.from, factor: group.factor, ...provenance(group) };
  });
  // An occurrence may escalate in one group only; two groups would double-count it.
  const grouped = new Map<string, string>();
  escalation.forEach((group, g) => {
    for (const c of group.ruleCodes) {
      const other = grouped.get(c);
      if (other) report(['escalation', g, 'rules'], 'scheme_escalation_twice', { code: c, group: other });
      else grouped.set(c, group.name);
    }
  });

  const flags = file.flags.map((flag, f) => {
    checkMarks(flag, ['flags', f]);
    const w = flag.when;
    let when: FlagCondition;
    if ('rule' in w) {
      const rule = rulesByCode.get(w.rule);
      if (!rule) report(['flags', f, 'when', 'rule'], 'scheme_flag_rule_unknown', { code: w.rule });
      if ('days_at_least' in w) {
        when = { rule: w.rule, daysAtLeast: toHundredths(w.days_at_least) };
      } else when = { rule: w.rule, atLeast: w.at_least ?? 1 };
    } else if ('total_below' in w) {
      when = { totalBelow: toHundredths(w.total_below) };
    } else if ('unit_total_below' in w) {
      if (file.subject === 'unit') report(['flags', f, 'when'], 'scheme_unit_flag_in_unit_scheme');
      when = { unitTotalBelow: toHundredths(w.unit_total_below) };
    } else {
      if (!items.some((it) => it.type === 'monthly')) report(['flags', f, 'when'], 'scheme_months_flag_without_monthly');
      when = { monthsBelow: w.months_below };
    }
    return { name: flag.name, public: flag.public ?? null, when, ...provenance(flag) };
  });
  file.awards.forEach((award, a) => checkMarks(award, ['awards', a]));

  let grades: Grades | null = null;
  if (file.grades) {
    const g = file.grades;
    checkMarks(g, ['grades']);
    const levels = g.thresholds.length + 1;
    const thresholds = g.thresholds.map(toHundredths);
    if (thresholds.some((t, i) => i > 0 && t >= (thresholds[i - 1] as Hundredths))) report(['grades', 'thresholds'], 'scheme_thresholds_order');
    if (!('default' in g.labels)) report(['grades', 'labels'], 'scheme_labels_default');
    for (const [category, labels] of Object.entries(g.labels)) {
      if (labels.length !== levels) report(['grades', 'labels', category], 'scheme_labels_count', { thresholds: g.thresholds.length, levels, given: labels.length });
    }
    if (g.quota && g.quota.level >= levels) report(['grades', 'quota', 'level'], 'scheme_quota_level', { level: g.quota.level, levels });
    g.consequences.forEach((c, n) => {
      checkMarks(c, ['grades', 'consequences', n]);
      if (c.level > levels) report(['grades', 'consequences', n, 'level'], 'scheme_consequence_level', { levels });
    });
    grades = {
      thresholds,
      labels: new Map(Object.entries(g.labels)),
      quota: g.quota ? { level: g.quota.level, share: toHundredths(g.quota.share), minimum: g.quota.minimum } : null,
      consequences: g.consequences.map((c) => ({ level: c.level, flag: c.flag, public: c.public ?? null, ...provenance(c) })),
      ...provenance(g),
    };
  }

  let attendance: Scheme['attendance'] = null;
  if (file.attendance) {
    const a = file.attendance;
    checkMarks(a, ['attendance']);
    const rules: Partial<Record<AttendanceKind, string>> = {};
    for (const kind of ['late', 'early', 'absent_day', 'absent_half_day', 'missing_punch'] as const) {
      const c = a[kind];
      if (c === undefined) continue;
      const rule = rulesByCode.get(c);
      if (!rule || rule.sign !== -1 || rule.kind === 'rate' || rule.kind === 'ranged' || rule.kind === 'explicit') {
        report(['attendance', kind], 'scheme_attendance_rule', { code: c });
      } else rules[kind] = c;
    }
    let fullAttendance: { rule: string; points: Hundredths | null } | null = null;
    if (a.full_attendance) {
      const rule = rulesByCode.get(a.full_attendance.rule);
      const points = a.full_attendance.points === undefined ? null : toHundredths(a.full_attendance.points);
      if (!rule || rule.sign !== 1) report(['attendance', 'full_attendance', 'rule'], 'scheme_full_attendance_rule', { code: a.full_attendance.rule });
      else if ((rule.kind === 'explicit' || rule.kind === 'ranged') && points === null) report(['attendance', 'full_attendance', 'points'], 'scheme_full_attendance_points');
      fullAttendance = { rule: a.full_attendance.rule, points };
    }
    attendance = {
      rules,
      fullAttendance,
      ...provenance(a),
      ...compileAttendanceRules(a, report, checkMarks),
      provenance: {
        hours: a.hours ? provenance(a.hours) : null,
        seasons: new Map((a.hours?.seasons ?? []).map((s) => [s.name, provenance(s)])),
        words: a.leave_words ? provenance(a.leave_words) : null,
      },
    };
  }

  let cover: Scheme['cover'] = null;
  if (file.cover) {
    checkMarks(file.cover, ['cover']);
    cover = { flag: file.cover.flag, public: file.cover.public ?? null, ...provenance(file.cover) };
  }

  let year: Scheme['year'] = null;
  if (file.year) {
    const y = file.year;
    checkMarks(y, ['year']);
    if (file.period === 'year' && y.total !== 'none') report(['year', 'total'], 'scheme_year_total_none');
    if (y.halves && file.period !== 'month') report(['year', 'halves'], 'scheme_halves_month_only');
    y.flags.forEach((f, i) => checkMarks(f, ['year', 'flags', i]));
    y.awards.forEach((a, i) => checkMarks(a, ['year', 'awards', i]));
    y.leave.forEach((l, i) => {
      checkMarks(l, ['year', 'leave', i]);
      if (l.measure === 'leave_days' && !l.type) report(['year', 'leave', i, 'type'], 'scheme_leave_type_missing');
      const types = leaveDayTypes((attendance ?? defaultAttendanceRules).words);
      if (l.type && !types.has(l.type)) report(['year', 'leave', i, 'type'], 'scheme_leave_type_unknown', { type: l.type, expected: [...types].join('、') });
    });
    year = {
      total: y.total,
      prorate: y.prorate,
      halves: y.halves,
      flags: y.flags.map((f) => ({ name: f.name, public: f.public ?? null, totalBelow: toHundredths(f.when.total_below), lowest: f.when.lowest, notes: new Map(Object.entries(f.notes)), ...provenance(f) })),
      awards: y.awards.map((a) => ({ name: a.name, top: a.top, ...provenance(a) })),
      leave: y.leave.map((l) => ({ name: l.name, public: l.public ?? null, measure: l.measure, type: l.type ?? null, over: l.over, ...provenance(l) })),
      ...provenance(y),
    };
  }

  if (issues.length > 0) return { issues };
  return {
    issues,
    scheme: {
      id: file.id,
      title: file.title,
      ...provenance(file),
      subject: file.subject,
      period: file.period,
      base,
      bonusCap,
      maximum,
      allowNegative: file.allow_negative,
      ranking: file.ranking,
      countLimit: file.count_limit,
      items,
      escalation,
      flags,
      awards: file.awards.map((a) => ({ name: a.name, top: a.top, ...provenance(a) })),
      grades,
      attendance,
      cover,
      year,
      rulesByCode,
      rulesByName,
      origin,
      sha256,
    },
  };
}

import { add, toHundredths, type Hundredths } from '../core/decimal.js';
import type { SchemeIssueCode } from '../core/problems.js';
import { foldKey } from '../core/text.js';
import { compileAttendanceRules, defaultAttendanceRules, leaveDayTypes } from './attendance.js';
import { staffCategory } from './lists.js';
import { basePointsOf, rulesOf, type Assumption, type AttendanceKind, type Flag, type FlagCondition, type Grades, type Item, type Part, type Rule, type Scheme, type Source } from './model.js';
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
  const common = { code: rule.code, name: rule.name, ...provenance(rule), once: rule.once ?? false, daysPerCount: rule.days_per_count ?? 1, itemCode, partIndex, sign };
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
      return { ...common, kind: 'over', threshold: rule.threshold, points: toHundredths(rule.points), unit: rule.unit, span: rule.span, leaveTypes: rule.leave_types ?? [] };
    case 'rate':
      return { ...common, kind: 'rate', metric: rule.metric, target: toHundredths(rule.target), per: toHundredths(rule.per), points: toHundredths(rule.points) };
    case 'flag':
      return { ...common, kind: 'flag' };
  }
}

/**
 * What the checks of one scheme file share: the issues found so far, the codes claimed, and the
 * rules compiled by code and by name (flags, escalation and attendance refer to them).
 */
interface Checks {
  issues: PathIssue[];
  report: (path: Path, code: SchemeIssueCode, args?: PathIssue['args']) => void;
  /** Each item and rule code may be used once. */
  claim: (code: string, path: Path) => void;
  /** A value marked assumption, reconstructed or borrowed says why. */
  checkMarks: (x: Marked, path: Path) => void;
  rulesByCode: Map<string, Rule>;
  rulesByName: Map<string, Rule>;
  /** Each over rule's leave_types as the rules are compiled, checked once the 请假 words are (checkRuleLeaveTypes). */
  leaveTypesNamed: [Path, readonly string[]][];
}

function newChecks(): Checks {
  const issues: PathIssue[] = [];
  const report: Checks['report'] = (path, code, args = {}) => issues.push({ code, args, path });
  const seenCodes = new Map<string, Path>();
  return {
    issues,
    report,
    claim: (code, path) => {
      const earlier = seenCodes.get(code);
      if (earlier) report(path, 'scheme_code_duplicate', { code, earlier: earlier.join('.') });
      else seenCodes.set(code, path);
    },
    checkMarks: (x, path) => {
      if ((x.assumption || x.reconstructed || x.borrowed) && !x.reason) report([...path, 'reason'], 'scheme_reason_missing');
    },
    rulesByCode: new Map(),
    rulesByName: new Map(),
    leaveTypesNamed: [],
  };
}

/**
 * Checks what a schema alone cannot (codes unique and nested, points adding up to the base,
 * references that exist) and builds the exact-decimal model. Returns every issue found.
 */
export function compileScheme(file: SchemeFile, origin: string, sha256 = ''): { scheme?: Scheme; issues: PathIssue[] } {
  const checks = newChecks();
  checks.checkMarks(file, []);
  const items = file.items.map((item, i) => compileItem(item, ['items', i], checks));
  checkItems(file, items, checks);
  const { base, bonusCap, maximum } = checkTotals(file, items, checks);
  const escalation = compileEscalation(file, items, checks);
  const flags = compileFlags(file, items, checks);
  file.awards.forEach((award, a) => checks.checkMarks(award, ['awards', a]));
  const grades = file.grades ? compileGrades(file.grades, checks) : null;
  const attendance = file.attendance ? compileAttendance(file.attendance, checks) : null;
  const cover = file.cover ? compileCover(file.cover, checks) : null;
  const year = file.year ? compileYear(file, file.year, attendance, checks) : null;
  checkRuleLeaveTypes(attendance, checks);
  const { issues, rulesByCode, rulesByName } = checks;
  if (issues.length > 0) return { issues };
  return {
    issues,
    scheme: {
      id: file.id,
      title: file.title,
      ...provenance(file),
      subject: file.subject,
      unitLabel: file.unit_label,
      decidedBy: file.decided_by,
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
      toldInDays: rulesToldInDays(flags, rulesByCode),
      origin,
      sha256,
    },
  };
}

type ItemFile = SchemeFile['items'][number];

function compileRules(rules: RuleFile[], itemCode: string, partIndex: number, sign: 1 | -1, path: Path, checks: Checks): Rule[] {
  const { report } = checks;
  return rules.map((rule, r) => {
    const rulePath = [...path, r];
    checks.claim(rule.code, [...rulePath, 'code']);
    checks.checkMarks(rule, rulePath);
    if (!rule.code.startsWith(itemCode + '.')) report([...rulePath, 'code'], 'scheme_rule_code_prefix', { itemCode });
    if (rule.kind === 'ranged' && rule.min > rule.max) report([...rulePath, 'min'], 'scheme_range_reversed', { min: rule.min, max: rule.max });
    if (rule.once && (sign === 1 || !['fixed', 'ranged', 'explicit'].includes(rule.kind))) report([...rulePath, 'once'], 'scheme_once_kind');
    if (rule.kind === 'over' && rule.leave_types) checks.leaveTypesNamed.push([[...rulePath, 'leave_types'], rule.leave_types]);
    const compiled = compileRule(rule, itemCode, partIndex, sign);
    checks.rulesByCode.set(compiled.code, compiled);
    const nameKey = foldKey(compiled.name);
    if (checks.rulesByName.has(nameKey)) report([...rulePath, 'name'], 'scheme_rule_name_duplicate', { name: rule.name });
    else checks.rulesByName.set(nameKey, compiled);
    return compiled;
  });
}

function compileItem(item: ItemFile, path: Path, checks: Checks): Item {
  checks.claim(item.code, [...path, 'code']);
  checks.checkMarks(item, path);
  if (item.code.includes('.')) checks.report([...path, 'code'], 'scheme_item_code_nested', { code: item.code });
  const common = { code: item.code, name: item.name, ...provenance(item) };
  switch (item.type) {
    case 'deduction': {
      const points = item.points === undefined ? null : toHundredths(item.points);
      return { ...common, type: 'deduction', points, parts: deductionParts(item, points, path, checks) };
    }
    case 'peer':
      return { ...common, type: 'peer', points: toHundredths(item.points), scale: toHundredths(item.scale) };
    case 'bonus':
      return { ...common, type: 'bonus', cap: item.cap === undefined ? null : toHundredths(item.cap), rules: compileRules(item.rules, item.code, 0, 1, [...path, 'rules'], checks) };
    case 'mark':
      return { ...common, type: 'mark', points: toHundredths(item.points) };
    case 'monthly':
      return { ...common, type: 'monthly', points: toHundredths(item.points), scale: toHundredths(item.scale), scheme: item.scheme };
    case 'unit_share':
      return { ...common, type: 'unit_share', points: toHundredths(item.points), scale: toHundredths(item.scale), scheme: item.scheme };
    case 'veto': {
      const rules = compileRules(item.rules, item.code, 0, -1, [...path, 'rules'], checks);
      rules.forEach((r, n) => r.kind !== 'flag' && checks.report([...path, 'rules', n, 'kind'], 'scheme_veto_rule_kind'));
      return { ...common, type: 'veto', rules };
    }
  }
}

/** A deduction item's rules as one part, or its parts, whose points add up to the item's. */
function deductionParts(item: Extract<ItemFile, { type: 'deduction' }>, itemPoints: Hundredths | null, path: Path, checks: Checks): Part[] {
  if ((item.rules === undefined) === (item.parts === undefined)) {
    checks.report(path, 'scheme_rules_or_parts');
    return [];
  }
  if (item.rules) {
    const rules = compileRules(item.rules, item.code, 0, -1, [...path, 'rules'], checks);
    return [{ name: item.name, points: itemPoints, earned: false, rules, source: null, ...marksOf({}) }];
  }
  const parts = (item.parts ?? []).map((part, p): Part => {
    checks.checkMarks(part, [...path, 'parts', p]);
    return {
      name: part.name,
      points: toHundredths(part.points),
      earned: part.earned,
      rules: compileRules(part.rules, item.code, p, part.earned ? 1 : -1, [...path, 'parts', p, 'rules'], checks),
      ...provenance(part),
    };
  });
  const partSum = add(...parts.map((p) => p.points ?? (0 as Hundredths)));
  if (itemPoints === null) checks.report([...path, 'points'], 'scheme_parts_need_points');
  else if (partSum !== itemPoints) checks.report([...path, 'parts'], 'scheme_parts_sum', { sum: show(partSum), points: show(itemPoints) });
  return parts;
}

/** One peer item at most; year-span rules only where there is a year to span. */
function checkItems(file: SchemeFile, items: readonly Item[], checks: Checks): void {
  if (items.filter((it) => it.type === 'peer').length > 1) checks.report(['items'], 'scheme_peer_twice');
  for (const rule of checks.rulesByCode.values()) {
    if (rule.kind === 'over' && rule.span === 'year' && file.period === 'year') checks.report(['items'], 'scheme_span_kind', { rule: rule.code });
  }
}

/** The allocated items add up to the base (a typo in one number shows here); caps fit the maximum. */
function checkTotals(file: SchemeFile, items: readonly Item[], checks: Checks): { base: Hundredths; bonusCap: Hundredths; maximum: Hundredths } {
  const { report } = checks;
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
  return { base, bonusCap, maximum };
}

/** Escalation groups by the countable rules they name; an occurrence escalates in one group only (two would double-count it). */
function compileEscalation(file: SchemeFile, items: readonly Item[], checks: Checks): Scheme['escalation'] {
  const itemByCode = new Map(items.map((it) => [it.code, it]));
  const countable = (x: Rule) => x.sign === -1 && (x.kind === 'fixed' || x.kind === 'ranged' || x.kind === 'explicit');
  const escalation = file.escalation.map((group, g) => {
    checks.checkMarks(group, ['escalation', g]);
    const ruleCodes = new Set<string>();
    group.rules.forEach((c, r) => {
      const item = itemByCode.get(c);
      const rule = checks.rulesByCode.get(c);
      if (item && item.type === 'deduction') rulesOf(item).filter(countable).forEach((x) => ruleCodes.add(x.code));
      else if (rule && countable(rule)) ruleCodes.add(rule.code);
      else checks.report(['escalation', g, 'rules', r], 'scheme_escalation_rule', { code: c });
    });
    return { name: group.name, ruleCodes, from: group.from, factor: group.factor, ...provenance(group) };
  });
  const grouped = new Map<string, string>();
  escalation.forEach((group, g) => {
    for (const c of group.ruleCodes) {
      const other = grouped.get(c);
      if (other) checks.report(['escalation', g, 'rules'], 'scheme_escalation_twice', { code: c, group: other });
      else grouped.set(c, group.name);
    }
  });
  return escalation;
}

function compileFlags(file: SchemeFile, items: readonly Item[], checks: Checks): Scheme['flags'] {
  return file.flags.map((flag, f) => {
    checks.checkMarks(flag, ['flags', f]);
    return { name: flag.name, public: flag.public ?? null, when: flagCondition(file, flag.when, items, ['flags', f, 'when'], checks), ...provenance(flag) };
  });
}

/** Scheme['toldInDays']: the flag-only rules a flag counts by days. */
function rulesToldInDays(flags: readonly Flag[], rulesByCode: ReadonlyMap<string, Rule>): Set<string> {
  return new Set(flags.flatMap(({ when }) => ('daysAtLeast' in when && rulesByCode.get(when.rule)?.kind === 'flag' ? [when.rule] : [])));
}

function flagCondition(file: SchemeFile, w: SchemeFile['flags'][number]['when'], items: readonly Item[], path: Path, checks: Checks): FlagCondition {
  if ('rule' in w) {
    if (!checks.rulesByCode.has(w.rule)) checks.report([...path, 'rule'], 'scheme_flag_rule_unknown', { code: w.rule });
    return 'days_at_least' in w ? { rule: w.rule, daysAtLeast: toHundredths(w.days_at_least) } : { rule: w.rule, atLeast: w.at_least ?? 1 };
  }
  if ('total_below' in w) return { totalBelow: toHundredths(w.total_below) };
  if ('unit_total_below' in w) {
    if (file.subject === 'unit') checks.report(path, 'scheme_unit_flag_in_unit_scheme');
    return { unitTotalBelow: toHundredths(w.unit_total_below) };
  }
  if (!items.some((it) => it.type === 'monthly')) checks.report(path, 'scheme_months_flag_without_monthly');
  return { monthsBelow: w.months_below };
}

/** Words keyed by staff category, keyed as the roster's categories are (其它 is 其他). */
function byCategory<T>(byWord: Record<string, T>): Map<string, T> {
  return new Map(Object.entries(byWord).map(([word, value]) => [staffCategory(word), value]));
}

function compileGrades(g: NonNullable<SchemeFile['grades']>, checks: Checks): Grades {
  const { report } = checks;
  checks.checkMarks(g, ['grades']);
  const levels = g.thresholds.length + 1;
  const thresholds = g.thresholds.map(toHundredths);
  if (thresholds.some((t, i) => i > 0 && t >= (thresholds[i - 1] as Hundredths))) report(['grades', 'thresholds'], 'scheme_thresholds_order');
  if (!('default' in g.labels)) report(['grades', 'labels'], 'scheme_labels_default');
  for (const [category, labels] of Object.entries(g.labels)) {
    if (labels.length !== levels) report(['grades', 'labels', category], 'scheme_labels_count', { thresholds: g.thresholds.length, levels, given: labels.length });
  }
  if (g.quota && g.quota.level >= levels) report(['grades', 'quota', 'level'], 'scheme_quota_level', { level: g.quota.level, levels });
  g.consequences.forEach((c, n) => {
    checks.checkMarks(c, ['grades', 'consequences', n]);
    if (c.level > levels) report(['grades', 'consequences', n, 'level'], 'scheme_consequence_level', { levels });
  });
  return {
    thresholds,
    labels: byCategory(g.labels),
    quota: g.quota ? { level: g.quota.level, share: toHundredths(g.quota.share), minimum: g.quota.minimum } : null,
    consequences: g.consequences.map((c) => ({ level: c.level, flag: c.flag, public: c.public ?? null, bonus: c.bonus ?? null, ...provenance(c) })),
    ...provenance(g),
  };
}

type AttendanceFile = NonNullable<SchemeFile['attendance']>;

function compileAttendance(a: AttendanceFile, checks: Checks): NonNullable<Scheme['attendance']> {
  checks.checkMarks(a, ['attendance']);
  return {
    rules: attendanceRules(a, checks),
    fullAttendance: a.full_attendance ? fullAttendance(a.full_attendance, checks) : null,
    ...provenance(a),
    ...compileAttendanceRules(a, checks.report, checks.checkMarks),
    provenance: {
      hours: a.hours ? provenance(a.hours) : null,
      seasons: new Map((a.hours?.seasons ?? []).map((s) => [s.name, provenance(s)])),
      words: a.leave_words ? provenance(a.leave_words) : null,
    },
  };
}

/** The deduction rule each derived kind (late, early, absence, 缺卡) counts under: a per-occurrence or flag rule. */
function attendanceRules(a: AttendanceFile, checks: Checks): Partial<Record<AttendanceKind, string>> {
  const kinds = (['late', 'early', 'absent_day', 'absent_half_day', 'missing_punch'] as const).filter((kind) => a[kind] !== undefined);
  const usable = kinds.filter((kind) => {
    const rule = checks.rulesByCode.get(a[kind]!);
    const fits = rule !== undefined && rule.sign === -1 && rule.kind !== 'rate' && rule.kind !== 'ranged' && rule.kind !== 'explicit';
    if (!fits) checks.report(['attendance', kind], 'scheme_attendance_rule', { code: a[kind]! });
    return fits;
  });
  return Object.fromEntries(usable.map((kind) => [kind, a[kind]!]));
}

function fullAttendance(full: NonNullable<AttendanceFile['full_attendance']>, checks: Checks): { rule: string; points: Hundredths | null } {
  const rule = checks.rulesByCode.get(full.rule);
  const points = full.points === undefined ? null : toHundredths(full.points);
  if (!rule || rule.sign !== 1) checks.report(['attendance', 'full_attendance', 'rule'], 'scheme_full_attendance_rule', { code: full.rule });
  else if ((rule.kind === 'explicit' || rule.kind === 'ranged') && points === null) checks.report(['attendance', 'full_attendance', 'points'], 'scheme_full_attendance_points');
  return { rule: full.rule, points };
}

function compileCover(cover: NonNullable<SchemeFile['cover']>, checks: Checks): NonNullable<Scheme['cover']> {
  checks.checkMarks(cover, ['cover']);
  return { flag: cover.flag, public: cover.public ?? null, ...provenance(cover) };
}

/** An over rule's leave_types are types the 请假 words count (a typo would match no 请假 row, and hint nothing). */
function checkRuleLeaveTypes(attendance: Scheme['attendance'], checks: Checks): void {
  const types = leaveDayTypes((attendance ?? defaultAttendanceRules).words);
  for (const [path, named] of checks.leaveTypesNamed) {
    named.forEach((type, t) => {
      if (!types.has(type)) checks.report([...path, t], 'scheme_leave_type_unknown', { type, expected: [...types].join('、') });
    });
  }
}

function compileYear(file: SchemeFile, y: NonNullable<SchemeFile['year']>, attendance: Scheme['attendance'], checks: Checks): NonNullable<Scheme['year']> {
  const { report } = checks;
  checks.checkMarks(y, ['year']);
  if (file.period === 'year' && y.total !== 'none') report(['year', 'total'], 'scheme_year_total_none');
  if (y.halves && file.period !== 'month') report(['year', 'halves'], 'scheme_halves_month_only');
  y.flags.forEach((f, i) => checks.checkMarks(f, ['year', 'flags', i]));
  y.awards.forEach((a, i) => checks.checkMarks(a, ['year', 'awards', i]));
  const types = leaveDayTypes((attendance ?? defaultAttendanceRules).words);
  y.leave.forEach((l, i) => {
    checks.checkMarks(l, ['year', 'leave', i]);
    if (l.measure === 'leave_days' && !l.type) report(['year', 'leave', i, 'type'], 'scheme_leave_type_missing');
    if (l.type && !types.has(l.type)) report(['year', 'leave', i, 'type'], 'scheme_leave_type_unknown', { type: l.type, expected: [...types].join('、') });
  });
  return {
    total: y.total,
    prorate: y.prorate,
    halves: y.halves,
    flags: y.flags.map((f) => ({ name: f.name, public: f.public ?? null, totalBelow: toHundredths(f.when.total_below), lowest: f.when.lowest, notes: byCategory(f.notes), ...provenance(f) })),
    awards: y.awards.map((a) => ({ name: a.name, top: a.top, ...provenance(a) })),
    leave: y.leave.map((l) => ({ name: l.name, public: l.public ?? null, measure: l.measure, type: l.type ?? null, over: l.over, bonus: l.bonus ?? null, ...provenance(l) })),
    ...provenance(y),
  };
}

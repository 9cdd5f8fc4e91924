import { compareDates } from '../core/dates.js';
import { matterKey } from '../core/text.js';
import { add, divideRoundHalfUp, max, min, sub, times, ZERO, type Hundredths } from '../core/decimal.js';
import { derivedDaysByOccasion, occasionAmount, recordDays, ruleLabel, subjectKeyOf, type Item, type Rule, type Scheme } from '../scheme/model.js';
import { startsYear } from '../core/period.js';
import { grade } from './grades.js';
import { isActiveIn, occasionOf, unitKey, type Cover, type EntryRecord, type MetricValue, type PeriodInput, type ScoreOptions } from '../core/input.js';
import { rankDescending, topAwards } from './rank.js';
import type {
  ComponentTrace,
  EngineWarning,
  FlagResult,
  GradeResult,
  ItemResult,
  PeerTrace,
  ScoreResult,
  SubjectResult,
  TraceLine,
  TraceNote,
  TraceSources,
  UnitResult,
} from './result.js';

/**
 * Scores one period: records + roster + scheme → results and the trace of every point.
 * Pure: no I/O, no clock, no randomness. Inputs are assumed validated (src/validate).
 */
export function scorePeriod(scheme: Scheme, input: PeriodInput, options: ScoreOptions): ScoreResult {
  const warnings: EngineWarning[] = [];
  const subjects = subjectsOf(scheme, input);
  // Each subject's entries in input order; a subject without any has no list (most have no 指标, 评分 or 月度 rows).
  const subjectKeys = new Set(subjects.map((s) => s.key));
  const bySubject = <T>(list: readonly T[], keyOf: (x: T) => string) => {
    const map = new Map<string, T[]>();
    for (const x of list) {
      const key = keyOf(x);
      if (!subjectKeys.has(key)) continue;
      const own = map.get(key);
      if (own) own.push(x);
      else map.set(key, [x]);
    }
    return map;
  };
  const records = bySubject(input.records, (r) => subjectKeyOf(scheme, r));
  const metrics = bySubject(input.metrics, (m) => subjectKeyOf(scheme, m));
  const marks = bySubject(input.marks, (m) => subjectKeyOf(scheme, m));
  const monthly = bySubject(input.monthly, (m) => m.subjectKey);

  const earlier = input.earlierCounts ?? null;
  const yearCounts = new Map<string, ReadonlyMap<string, number>>();
  const covers = input.covers ?? [];
  const personNames = new Map(input.roster.map((p) => [p.id, p.name]));
  // A rating's unit is keyed by its name as matched, shown as the roster writes it.
  const unitNames = scheme.subject === 'unit' ? new Map(subjects.map((s) => [s.key, s.name])) : null;
  const scored = subjects.map((subject) => {
    // Put in order subject by subject: a subject's records sorted alone are in the order a sort of all would give them.
    const sources = { records: chronological(records.get(subject.key)), metrics: exactly(metrics.get(subject.key)), earlier: earlier?.get(subject.key) ?? NO_COUNTS };
    // The lines are needed here for the items and flags, then let go: the result keeps what makes them.
    const { lines: listedTrace, yearCounts: ownYearCounts, sameAsDerived } = traceRecords(scheme, sources);
    const listedSources: TraceSources = { ...sources, sameAsDerived };
    if (ownYearCounts.size > 0) yearCounts.set(subject.key, ownYearCounts);
    const peer = peerTrace(scheme, subject.key, input, options, unitNames);
    const listedContext: ItemContext = {
      trace: listedTrace,
      peer,
      marks: marks.get(subject.key) ?? [],
      months: monthly.get(subject.key) ?? [],
      unit: subject.unit,
      unitTotals: input.unitTotals,
    };
    const { context, traceSources, items, deductions, bonus, total } = withinMaximum(scheme, listedSources, listedContext);
    const trace = context.trace;
    const months = context.months.map((m) => m.month);
    const flags: FlagResult[] = [
      ...subjectFlags(scheme, trace, total, months.length),
      ...(peer?.missing ? [{ code: 'peer_missing' as const, because: { peerMissing: true as const } }] : []),
      ...coverFlags(scheme, subject.key, covers, personNames),
    ];
    // Written out, not spread: see resultOf.
    return { key: subject.key, name: subject.name, unit: subject.unit, category: subject.category, items, deductions, bonus, total, traceSources, peer, flags, months };
  });
  // Someone absent this period keeps the year's counts for the periods after it.
  for (const [key, counts] of earlier ?? []) if (!yearCounts.has(key)) yearCounts.set(key, counts);
  if (scheme.subject === 'person') warnings.push(...coverWarnings(input.records, covers, personNames));
  if (earlier === null) {
    // 全年累计 in a later period scored alone: the earlier periods' occurrences are not known.
    const spanRules = [...scheme.rulesByCode.values()].filter((r) => r.kind === 'over' && r.span === 'year');
    const firstOfYear = startsYear(input.period);
    for (const rule of spanRules) {
      if (!firstOfYear && input.records.some((r) => r.ruleCode === rule.code)) warnings.push({ code: 'year_span_unknown', rule: ruleLabel(rule), period: input.period.label });
    }
  }

  const { order, ranks } = rankDescending(
    scored.map((s) => s.total),
    scheme.ranking,
  );
  const awards = scored.map(() => [] as SubjectResult['awards']);
  for (const award of scheme.awards) {
    const { winners, tied, tie } = topAwards(ranks, award.top);
    for (const i of winners) awards[i]?.push({ name: award.name, tied: tied(i) });
    if (tie) warnings.push({ code: 'award_tie', award: award.name, top: award.top, ...tie, winners: winners.length, decidedBy: scheme.decidedBy });
  }
  const grades = scheme.grades
    ? grade(
        scheme.grades,
        scored.map((s) => ({ key: s.key, total: s.total, category: s.category })),
        ranks,
        warnings,
        scheme.decidedBy,
        input.quotaRulings ?? [],
      )
    : scored.map(() => null);

  const results: SubjectResult[] = order.map((i) => {
    const s = scored[i] as (typeof scored)[number];
    const g = grades[i] ?? null;
    return {
      key: s.key,
      name: s.name,
      unit: s.unit,
      items: s.items,
      deductions: s.deductions,
      bonus: s.bonus,
      total: s.total,
      rank: ranks[i] as number,
      awards: awards[i] as SubjectResult['awards'],
      flags: [...s.flags, ...(g && scheme.grades ? gradeFlags(scheme.grades, g, s.category) : [])],
      grade: g,
      months: s.months,
      traceSources: s.traceSources,
      peer: s.peer,
    };
  });
  return { scheme, period: input.period, subjects: results, units: unitResults(scheme, results), personNames, yearCounts, covers, warnings };
}

const NO_COUNTS: ReadonlyMap<string, number> = new Map();

/** A subject's items and figures from its trace: total = base − deductions + bonus, at most the scheme's maximum. */
function figuresOf(scheme: Scheme, context: ItemContext) {
  const items = scheme.items.map((item) => itemResult(item, context));
  const deductions = add(...items.filter((it) => it.type !== 'bonus').map((it) => it.deducted));
  const bonus = add(...items.filter((it) => it.type === 'bonus').map((it) => it.added));
  const raw = add(sub(scheme.base, deductions), bonus);
  return { items, deductions, bonus, raw, total: min(scheme.allowNegative ? raw : max(raw, ZERO), scheme.maximum) };
}

/**
 * 满分 (street-1000: −10 and +30 over a base of 1000): a total past the scheme's maximum is cut
 * on the bonus lines, in the order the bonus caps count them, so the bonus that counts is 10 and
 * the trace, items and figures add up to the maximum (1000 − 10 + 10) and say so. The room left
 * for bonus goes into the trace sources, from which the trace is made again when asked.
 */
function withinMaximum(scheme: Scheme, sources: TraceSources, context: ItemContext) {
  const listed = figuresOf(scheme, context);
  const cut = sub(listed.raw, scheme.maximum);
  if (cut <= 0 || listed.bonus <= 0) return { ...listed, context, traceSources: sources };
  const traceSources: TraceSources = { ...sources, bonusRoom: max(sub(listed.bonus, cut), ZERO) };
  // The items are figured on the lines the trace gives, made again with the room (rare: only a total past the maximum).
  const capped: ItemContext = { ...context, trace: subjectTrace(scheme, { traceSources }) };
  return { ...figuresOf(scheme, capped), context: capped, traceSources };
}

/** The bonus lines counted, item by item and in date order, until `room` is used: the rest is past the maximum. */
function capToMaximum(scheme: Scheme, trace: TraceLine[], room: Hundredths): TraceLine[] {
  const bonusItems = new Set(scheme.items.filter((it) => it.type === 'bonus').map((it) => it.code));
  return capInOrder(trace, (l) => bonusItems.has(l.itemCode), room, (cut) => ({ code: 'maximum_cut', maximum: scheme.maximum, cut })).lines;
}

/** A subject's entries (its 指标 values) in a list of just their length (one grown by push keeps room to grow); none in a shared empty one. */
function exactly<T>(list: readonly T[] | undefined): readonly T[] {
  return list === undefined || list.length === 0 ? NONE : list.slice();
}
const NONE: readonly never[] = [];

/**
 * A subject's trace: every record it was scored on with its points at every step, in the order
 * it was scored. Made when asked, from the records and rules the result keeps (the engine is
 * pure, so the same records give the same lines): the audit, the notice, the score sheet and
 * `kaohe explain` read these lines, and a city month's 100,000 of them are never held at once.
 */
export function subjectTrace(scheme: Scheme, subject: Pick<SubjectResult, 'traceSources'>): TraceLine[] {
  return traceRecords(scheme, subject.traceSources).lines;
}

/**
 * Scoring records in all the subjects' traces, without making them: one per record and one per
 * 指标 value; a record of no occurrence (全勤 not given, its line saying why) is none. Of them,
 * `sameAsDerived` typed rows write down an absence the punches give too (absorbedByDerived; the
 * subjects keep how many from scoring), counted once: said beside the count, so the clerk does not
 * read the absence as counted twice.
 */
export function scoringRecordCount(result: Pick<ScoreResult, 'subjects'>): { records: number; sameAsDerived: number } {
  let records = 0;
  let sameAsDerived = 0;
  for (const s of result.subjects) {
    records += s.traceSources.metrics.length;
    for (const r of s.traceSources.records) if (r.count > 0) records += 1;
    sameAsDerived += s.traceSources.sameAsDerived;
  }
  return { records, sameAsDerived };
}

/** The rules a subject's trace lines are of, without making them. */
export function tracedRules(subject: Pick<SubjectResult, 'traceSources'>): string[] {
  return [...subject.traceSources.records.map((r) => r.ruleCode), ...subject.traceSources.metrics.map((m) => m.ruleCode)];
}

/** The flags a grade brings: over the quota, pending or chosen at its boundary, and its consequences. */
function gradeFlags(grades: NonNullable<Scheme['grades']>, g: GradeResult, category: string): FlagResult[] {
  const because = { grade: g.label };
  const limited = grades.quota ? ((grades.labels.get(category) ?? grades.labels.get('default') ?? [])[grades.quota.level - 1] ?? '') : '';
  const flags: FlagResult[] = [];
  if (g.quota === 'over') flags.push({ code: 'quota_over', grade: limited, label: g.label, because });
  if (g.quota === 'ruled') flags.push({ code: 'quota_ruled', grade: limited, because });
  if (g.quota === 'pending') {
    flags.push({ code: 'quota_pending', grade: limited, label: g.label, places: g.places ?? 0, because });
  }
  for (const c of grades.consequences) if (c.level === g.level) flags.push({ code: 'scheme', name: c.flag, public: c.public, because, ...(c.bonus ? { bonus: c.bonus } : {}) });
  return flags;
}

/** 临时替岗: a substitute who covered someone's window is flagged with whose, and when. */
function coverFlags(scheme: Scheme, subjectKey: string, covers: readonly Cover[], names: ReadonlyMap<string, string>): FlagResult[] {
  const covered = scheme.subject === 'person' ? covers.filter((c) => c.substituteId === subjectKey) : [];
  if (!scheme.cover || covered.length === 0) return [];
  return [{ code: 'scheme', name: scheme.cover.flag, public: scheme.cover.public, because: { covered: covered.map((c) => ({ holder: names.get(c.holderId) ?? c.holderId, first: c.first, last: c.last, at: c.at })) } }];
}

/** Records naming a person on a day another covered their window: likely meant for the substitute. */
function coverWarnings(records: readonly EntryRecord[], covers: readonly Cover[], names: ReadonlyMap<string, string>): EngineWarning[] {
  if (covers.length === 0) return [];
  return records.flatMap((r) => {
    const cover = covers.find((c) => c.holderId === r.personId && c.first <= r.date && r.date <= c.last);
    // Records derived from punches (with their evidence) are the holder's own attendance.
    if (!cover || r.evidence !== undefined) return [];
    return [{ code: 'record_during_cover' as const, holder: names.get(cover.holderId) ?? cover.holderId, substitute: names.get(cover.substituteId) ?? cover.substituteId, rule: r.ruleCode, at: r.at }];
  });
}

interface Subject {
  key: string;
  name: string;
  unit: string;
  category: string;
}

/** Persons active in the period, or the units they belong to, in roster order. */
function subjectsOf(scheme: Scheme, input: PeriodInput): Subject[] {
  const active = input.roster.filter((p) => isActiveIn(p, input.period));
  if (scheme.subject === 'person') return active.map((p) => ({ key: p.id, name: p.name, unit: p.unit, category: p.category }));
  const units = new Map(active.map((p) => [unitKey(p.unit), p.unit]));
  return [...units].map(([key, unit]) => ({ key, name: unit, unit, category: '' }));
}

/**
 * A subject's records in the order they happened, as occurrences are counted: by date, same-day
 * records in sheet order (the sort is stable). Sorted in a copy of just their length, as exactly()
 * keeps lists; no records give the shared empty list.
 */
function chronological(records: readonly EntryRecord[] | undefined): readonly EntryRecord[] {
  return records === undefined || records.length === 0 ? NONE : [...records].sort((a, b) => compareDates(a.date, b.date));
}

function ruleOf(scheme: Scheme, code: string): Rule {
  const rule = scheme.rulesByCode.get(code);
  if (!rule) throw new Error(`record with unknown rule ${code} reached the engine`);
  return rule;
}

function unitPointsOf(rule: Rule, record: EntryRecord): Hundredths {
  switch (rule.kind) {
    case 'fixed':
    case 'per_unit':
    case 'per_n':
    case 'over':
      return rule.points;
    case 'flag':
      return ZERO;
    case 'ranged':
    case 'explicit':
      if (record.points === null) throw new Error(`record for ${rule.code} without points reached the engine`);
      return record.points;
    case 'rate':
      throw new Error(`rate rule ${rule.code} cannot come from a record`);
  }
}

function newLine(rule: Rule, record: Pick<EntryRecord, 'date' | 'personId' | 'count' | 'matter' | 'note' | 'at' | 'evidence' | 'days'>, unitPoints: Hundredths, listed: Hundredths, notes: TraceNote[] = [], escalated = listed): TraceLine {
  return {
    itemCode: rule.itemCode,
    partIndex: rule.partIndex,
    ruleCode: rule.code,
    ruleName: rule.name,
    sign: rule.sign,
    date: record.date,
    personId: record.personId,
    count: record.count,
    days: recordDays(rule, record),
    countUnit: rule.kind === 'per_unit' || rule.kind === 'over' ? rule.unit : '次',
    unitPoints,
    listed,
    escalated,
    counted: escalated,
    notes: rule.kind === 'flag' ? withNote([{ code: 'flag_only' }], ...notes) : notes,
    matter: record.matter,
    note: record.note,
    at: record.at,
    evidence: record.evidence ?? null,
  };
}

/**
 * A line's notes with more after them, in a list of just their length: a list made by spreading
 * (`[...notes, note]`) or filtering keeps room to grow, which at 8,000 staff weighed more than
 * the notes themselves (~130 bytes each of 41,000 lines).
 */
function withNote(notes: readonly TraceNote[], ...more: TraceNote[]): TraceNote[] {
  return notes.concat(more);
}

/**
 * A record's occurrences of an escalation group that are `from` or later: the group had counted
 * `before` occurrences, and the record's `count` more count up one by one from there.
 */
function occurrencesFrom(from: number, before: number, count: number): number[] {
  const occurrences: number[] = [];
  for (let n = Math.max(from, before + 1); n <= before + count; n++) occurrences.push(n);
  return occurrences;
}

/**
 * Lists every record of one subject with its points (escalation, every-N and over-threshold
 * counting in date order; year-span thresholds continue from the year's earlier periods), keeps
 * the heaviest record of a once-a-period rule, adds the rate lines from 指标, then applies caps in
 * date order, the scheme's overall bonus cap last.
 */
function traceRecords(scheme: Scheme, { records, metrics, earlier, bonusRoom }: Omit<TraceSources, 'sameAsDerived'>): { lines: TraceLine[]; yearCounts: Map<string, number>; sameAsDerived: number } {
  const groupCounts = new Map<string, number>();
  const ruleCounts = new Map<string, number>();
  const yearCounts = new Map<string, number>();
  const recordLine = (rule: Rule, record: EntryRecord): TraceLine => {
    const unitPoints = unitPointsOf(rule, record);
    const spansYear = rule.kind === 'over' && rule.span === 'year';
    const before = ruleCounts.get(rule.code) ?? (spansYear ? (earlier.get(rule.code) ?? 0) : 0);
    const after = before + record.count;
    ruleCounts.set(rule.code, after);
    if (spansYear) yearCounts.set(rule.code, after);

    if (rule.kind === 'per_n') {
      // 每5次扣1分: the record that completes each 5th occurrence carries the points.
      const timesNow = Math.floor(after / rule.every) - Math.floor(before / rule.every);
      return newLine(rule, record, unitPoints, times(unitPoints, timesNow), [{ code: 'per_n', every: rule.every, total: after, times: timesNow }]);
    }
    if (rule.kind === 'over') {
      // 累计超过20天: once, on the record that takes the total past the threshold.
      const crosses = before <= rule.threshold && after > rule.threshold;
      const earlierCount = earlier.get(rule.code) ?? 0;
      const code = crosses ? 'over' : before > rule.threshold ? 'over_before' : 'below_threshold';
      const total: TraceNote = { code, threshold: rule.threshold, total: after, unit: rule.unit };
      return newLine(rule, record, unitPoints, crosses ? unitPoints : ZERO, spansYear && earlierCount > 0 ? [{ code: 'year_span', earlier: earlierCount }, total] : [total]);
    }

    // A flag scores nothing, whatever its 次数 (a day count may be a half: 无故缺席 2.5 天).
    const listed = rule.kind === 'flag' ? ZERO : times(unitPoints, record.count);
    // Per-unit rules (days over a limit) are one case each, not occurrences to escalate.
    const group = scheme.escalation.find((g) => g.ruleCodes.has(rule.code));
    if (!group) return newLine(rule, record, unitPoints, listed);
    const countedBefore = groupCounts.get(group.name) ?? 0;
    groupCounts.set(group.name, countedBefore + record.count);
    const doubled = occurrencesFrom(group.from, countedBefore, record.count);
    if (doubled.length === 0) return newLine(rule, record, unitPoints, listed);
    // Each doubled occurrence counts `factor` times instead of once.
    const escalated = add(listed, times(unitPoints, doubled.length * (group.factor - 1)));
    return newLine(rule, record, unitPoints, listed, [{ code: 'escalated', group: group.name, from: group.from, factor: group.factor, occurrences: doubled }], escalated);
  };
  const absorbed = absorbedByDerived(scheme, records);
  let sameAsDerived = 0;
  for (const days of absorbed.values()) if (days > 0) sameAsDerived += 1;
  const lines: TraceLine[] = records.map((typed) => {
    const rule = ruleOf(scheme, typed.ruleCode);
    const sameAs = absorbed.get(typed);
    if (sameAs === undefined) return recordLine(rule, typed);
    // The row counts only what the derived records of its date do not: at most the larger of the two, never their sum.
    const line = recordLine(rule, { ...typed, count: typed.count - sameAs / rule.daysPerCount });
    const { amount: typedAmount, unit } = occasionAmount(scheme, rule, recordDays(rule, typed));
    return { ...line, notes: withNote(line.notes, { code: 'same_as_derived', typed: typedAmount, absorbed: occasionAmount(scheme, rule, sameAs).amount, unit }) };
  });
  for (const [code, count] of earlier) if (!yearCounts.has(code)) yearCounts.set(code, count);
  const bonusCapped = capBonus(scheme, capped(scheme, [...keepHeaviestOnce(scheme, lines), ...rateLines(scheme, metrics)]));
  return { lines: bonusRoom === undefined ? bonusCapped : capToMaximum(scheme, bonusCapped, bonusRoom), yearCounts, sameAsDerived };
}

/**
 * One absence counted once: a 记录 row typed for the same person, rule and date as records derived
 * from punches (a rule the scheme maps from attendance) writes down the same fact, so the date
 * counts the larger of the two, not their sum. The typed rows give way, in sheet order: each
 * gives up the days the derived records of its date still cover. Returns those days by row
 * (none for most subjects: no such row).
 */
function absorbedByDerived(scheme: Scheme, records: readonly EntryRecord[]): Map<EntryRecord, number> {
  const absorbed = new Map<EntryRecord, number>();
  const mapped = new Set(Object.values(scheme.attendance?.rules ?? {}));
  // Most subjects have no typed row of such a rule: then nothing is looked up.
  if (mapped.size === 0 || !records.some((r) => r.evidence === undefined && mapped.has(r.ruleCode))) return absorbed;
  const derivedDays = derivedDaysByOccasion(scheme, records);
  if (derivedDays.size === 0) return absorbed;
  for (const r of records) {
    const left = r.evidence === undefined ? derivedDays.get(occasionOf(r)) : undefined;
    if (left === undefined || left <= 0) continue;
    const taken = Math.min(left, recordDays(ruleOf(scheme, r.ruleCode), r));
    derivedDays.set(occasionOf(r), left - taken);
    absorbed.set(r, taken);
  }
  return absorbed;
}

/** Lines from 指标 for the rate rules: (target − value) / per × points, never below 0. */
function rateLines(scheme: Scheme, metrics: readonly MetricValue[]): TraceLine[] {
  return metrics.map((metric) => {
    const rule = ruleOf(scheme, metric.ruleCode);
    if (rule.kind !== 'rate') throw new Error(`metric for non-rate rule ${rule.code} reached the engine`);
    // e.g. (100 − 96) / 1 × 0.5 = 2
    const shortfall = max(sub(rule.target, metric.value), ZERO);
    const points = divideRoundHalfUp(BigInt(shortfall) * BigInt(rule.points), BigInt(rule.per));
    const at = { date: '' as EntryRecord['date'], personId: metric.personId, count: 1, matter: null, note: '', at: metric.at };
    return newLine(rule, at, points, points, [{ code: 'rate', metric: rule.metric, value: metric.value, target: rule.target, per: rule.per, points: rule.points }]);
  });
}

/** Each part's 扣完为止 and each bonus item's 就高不重复 and cap, item by item. */
function capped(scheme: Scheme, lines: TraceLine[]): TraceLine[] {
  return scheme.items.reduce((current, item) => {
    if (item.type === 'deduction') {
      return item.parts.reduce((after, part, p) => {
        if (part.points === null) return after;
        const capNote = { code: 'item_cap' as const, item: item.code, points: part.points, earned: part.earned, ...(part.name === item.name ? {} : { part: part.name }) };
        return capInOrder(after, (l) => l.itemCode === item.code && l.partIndex === p, part.points, (cut) => ({ ...capNote, cut })).lines;
      }, current);
    }
    if (item.type !== 'bonus') return current;
    const once = dropDuplicateMatters(current, item.code);
    return item.cap === null ? once : capInOrder(once, (l) => l.itemCode === item.code, item.cap, (cut) => ({ code: 'bonus_item_cap', item: item.code, cut })).lines;
  }, lines);
}

/** 视情扣1-2分 without 每次 (once: true): of a period's records, only the heaviest (first of equals) counts. */
function keepHeaviestOnce(scheme: Scheme, lines: readonly TraceLine[]): TraceLine[] {
  const byRule = new Map<string, TraceLine[]>();
  for (const line of lines) {
    if (scheme.rulesByCode.get(line.ruleCode)?.once) byRule.set(line.ruleCode, [...(byRule.get(line.ruleCode) ?? []), line]);
  }
  const kept = new Map([...byRule].map(([code, group]) => [code, group.reduce((best, line) => (line.counted > best.counted ? line : best))]));
  return lines.map((line) => {
    const heaviest = kept.get(line.ruleCode);
    return heaviest === undefined || heaviest === line ? line : { ...line, counted: ZERO, notes: withNote(line.notes, { code: 'once_per_period', kept: heaviest.at }) };
  });
}

/**
 * 扣完为止 / 加分不超过: the lines `applies` picks count in date order until `limit` is used up;
 * a line cut short says by how much. Returns the lines, copied only when one is cut (most
 * subjects stay under every cap), and what was used.
 */
function capInOrder(lines: TraceLine[], applies: (line: TraceLine) => boolean, limit: Hundredths, note: (cut: Hundredths) => TraceNote): { lines: TraceLine[]; used: Hundredths } {
  let remaining = limit;
  let cutLines: TraceLine[] | null = null;
  lines.forEach((line, i) => {
    if (!applies(line)) return;
    const counted = min(line.counted, remaining);
    remaining = sub(remaining, counted);
    if (counted < line.counted) (cutLines ??= lines.slice())[i] = { ...line, counted, notes: withNote(line.notes, note(sub(line.counted, counted))) };
  });
  return { lines: cutLines ?? lines, used: sub(limit, remaining) };
}

/** 同一件事就高不就低、不重复奖励: of an item's records sharing a 事项编号, only the highest counts. */
function dropDuplicateMatters(lines: TraceLine[], itemCode: string): TraceLine[] {
  const byMatter = new Map<string, TraceLine[]>();
  for (const line of lines) {
    if (line.itemCode !== itemCode || line.matter === null) continue;
    const key = matterKey(line.matter);
    const group = byMatter.get(key);
    if (group) group.push(line);
    else byMatter.set(key, [line]);
  }
  // Each line of a shared matter, to the one of its matter that counts.
  const highestOf = new Map<TraceLine, TraceLine>();
  for (const group of byMatter.values()) {
    if (group.length < 2) continue;
    const highest = group.reduce((best, line) => (line.counted > best.counted ? line : best));
    for (const line of group) highestOf.set(line, highest);
  }
  if (highestOf.size === 0) return lines;
  return lines.map((line) => {
    const highest = highestOf.get(line);
    return highest === undefined || highest === line ? line : { ...line, counted: ZERO, notes: withNote(line.notes, { code: 'matter_duplicate', matter: line.matter!, kept: highest.at }) };
  });
}

function peerTrace(scheme: Scheme, subjectKey: string, input: PeriodInput, options: ScoreOptions, unitNames: ReadonlyMap<string, string> | null): PeerTrace | null {
  const item = scheme.items.find((it) => it.type === 'peer');
  if (!item || item.type !== 'peer') return null;
  // Self-ratings are ignored (validation warns about them).
  const ratings = input.peer
    .filter((r) => r.ratee === subjectKey && r.rater !== subjectKey)
    .map((r) => ({ rater: unitNames?.get(r.rater) ?? r.rater, score: r.score, at: r.at }));
  const sum = add(...ratings.map((r) => r.score));
  if (ratings.length === 0) {
    // Validation has warned, naming the 互评 sheet (peer_missing, allowed): the subject's flag says the rest.
    if (!options.allowMissingPeer) throw new Error(`subject ${subjectKey} without peer ratings reached the engine`);
    return { itemCode: item.code, ratings, sum, itemPoints: item.points, scale: item.scale, points: ZERO, missing: true };
  }
  // mean × points / scale = sum × points / (n × scale), rounded half up to hundredths.
  const points = divideRoundHalfUp(BigInt(sum) * BigInt(item.points), BigInt(ratings.length) * BigInt(item.scale));
  return { itemCode: item.code, ratings, sum, itemPoints: item.points, scale: item.scale, points: min(points, item.points), missing: false };
}

interface ItemContext {
  trace: readonly TraceLine[];
  peer: PeerTrace | null;
  marks: readonly PeriodInput['marks'][number][];
  months: readonly PeriodInput['monthly'][number][];
  unit: string;
  unitTotals: PeriodInput['unitTotals'];
}

function itemResult(item: Item, context: ItemContext): ItemResult {
  const counted = (partIndex?: number) => {
    let sum = ZERO;
    for (const l of context.trace) if (l.itemCode === item.code && (partIndex === undefined || l.partIndex === partIndex)) sum = add(sum, l.counted);
    return sum;
  };
  /** A component item (mark, monthly, share): earns `score` of its points. */
  const component = (points: Hundredths, score: Hundredths, trace: ComponentTrace): ItemResult => resultOf(item, { points, component: trace, deducted: sub(points, score), score });
  switch (item.type) {
    case 'deduction': {
      const parts = item.parts.map((part, p) => {
        const used = counted(p);
        const score = part.earned ? used : sub(part.points ?? ZERO, used);
        return { name: part.name, points: part.points, earned: part.earned, score };
      });
      const score = add(...parts.map((p) => p.score));
      return resultOf(item, { points: item.points, parts: item.parts.length > 1 ? parts : [], deducted: sub(item.points ?? ZERO, score), score });
    }
    case 'peer': {
      const earned = context.peer?.points ?? ZERO;
      return resultOf(item, { points: item.points, deducted: sub(item.points, earned), score: earned });
    }
    case 'bonus': {
      const added = counted();
      return resultOf(item, { points: item.cap, deducted: ZERO, added, score: added });
    }
    case 'veto':
      return resultOf(item, { points: null, deducted: ZERO, score: ZERO });
    case 'mark': {
      const mark = context.marks.find((m) => m.itemCode === item.code);
      if (!mark) throw new Error(`subject without a mark for ${item.code} reached the engine`);
      return component(item.points, mark.value, { code: 'mark', value: mark.value, at: mark.at });
    }
    case 'monthly': {
      // points × mean / scale = points × sum / (n × scale), e.g. 60 × 95 / 100 = 57.
      const sum = add(...context.months.map((m) => m.base));
      const n = context.months.length;
      const score = n === 0 ? ZERO : divideRoundHalfUp(BigInt(sum) * BigInt(item.points), BigInt(n) * BigInt(item.scale));
      return component(item.points, min(score, item.points), {
        code: 'monthly',
        months: context.months.map((m) => ({ month: m.month, base: m.base, at: m.at })),
        sum,
        scale: item.scale,
      });
    }
    case 'unit_share': {
      const unitTotal = context.unitTotals.get(unitKey(context.unit)) ?? ZERO;
      const score = divideRoundHalfUp(BigInt(unitTotal) * BigInt(item.points), BigInt(item.scale));
      return component(item.points, min(max(score, ZERO), item.points), { code: 'unit_share', unit: context.unit, unitTotal, scale: item.scale, scheme: item.scheme });
    }
  }
}

/**
 * An item's result, built whole in one field order. A spread that adds fields (`{ ...common,
 * score }`) gives each object a hidden class of its own in V8: 8,000 staff × their items of
 * them, each weighing more than the result it describes, and every read of them megamorphic.
 */
function resultOf(item: Item, fields: Pick<ItemResult, 'points' | 'deducted' | 'score'> & Partial<Pick<ItemResult, 'parts' | 'component' | 'added'>>): ItemResult {
  return {
    code: item.code,
    name: item.name,
    type: item.type,
    parts: fields.parts ?? [],
    component: fields.component ?? null,
    added: fields.added ?? ZERO,
    points: fields.points,
    deducted: fields.deducted,
    score: fields.score,
  };
}

/** The scheme's overall bonus cap, applied after each bonus item's own cap, in item then date order. */
function capBonus(scheme: Scheme, trace: TraceLine[]): TraceLine[] {
  let remaining = scheme.bonusCap;
  let lines = trace;
  for (const item of scheme.items) {
    if (item.type !== 'bonus') continue;
    const capped = capInOrder(lines, (l) => l.itemCode === item.code, remaining, (cut) => ({ code: 'bonus_cap', cut }));
    lines = capped.lines;
    remaining = sub(remaining, capped.used);
  }
  return lines;
}

function subjectFlags(scheme: Scheme, trace: readonly TraceLine[], total: Hundredths, months: number): FlagResult[] {
  const flags: FlagResult[] = [];
  const raise = (flag: Scheme['flags'][number], because: FlagResult['because']) => flags.push({ code: 'scheme', name: flag.name, public: flag.public, because });
  for (const flag of scheme.flags) {
    const when = flag.when;
    if ('rule' in when) {
      // A typed row counted in the derived one of its date (count 0) raises nothing of its own.
      const hits = trace.filter((l) => l.ruleCode === when.rule && l.count > 0);
      const count = hits.reduce((n, l) => n + l.count, 0);
      // Days add up in halves (convention 10): two half days and two whole days are 3 days.
      const days = hits.reduce((n, l) => n + l.days, 0);
      const reached = 'atLeast' in when ? count >= when.atLeast : days * 100 >= when.daysAtLeast;
      if (hits.length > 0 && reached) raise(flag, { rule: when.rule, count, days, at: hits.map((l) => l.at) });
    } else if ('totalBelow' in when) {
      if (total < when.totalBelow) raise(flag, { totalBelow: when.totalBelow });
    } else if ('monthsBelow' in when) {
      if (months < when.monthsBelow) raise(flag, { monthsBelow: when.monthsBelow, months });
    }
  }
  return flags;
}

function unitResults(scheme: Scheme, subjects: readonly SubjectResult[]): UnitResult[] {
  const unitFlags = scheme.flags.filter((f) => 'unitTotalBelow' in f.when);
  if (scheme.subject === 'unit' || unitFlags.length === 0) return [];
  const units = new Map<string, SubjectResult[]>();
  for (const s of subjects) units.set(unitKey(s.unit), [...(units.get(unitKey(s.unit)) ?? []), s]);
  return [...units.values()].map((members) => {
    const unit = members[0]!.unit;
    const total = add(...members.map((m) => m.total));
    const flags: FlagResult[] = [];
    for (const flag of unitFlags) {
      if ('unitTotalBelow' in flag.when && total < flag.when.unitTotalBelow) {
        flags.push({ code: 'scheme', name: flag.name, public: flag.public, because: { unitTotalBelow: flag.when.unitTotalBelow } });
      }
    }
    return { unit, members: members.map((m) => m.key), total, flags };
  });
}

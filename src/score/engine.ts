import { add, divideRoundHalfUp, max, min, sub, times, ZERO, type Hundredths } from '../core/decimal.js';
import type { Item, Rule, Scheme } from '../scheme/model.js';
import { isActiveIn, type EntryRecord, type PeriodInput, type ScoreOptions } from './input.js';
import { rankDescending, topAwards } from './rank.js';
import type {
  EngineWarning,
  FlagResult,
  ItemResult,
  PeerTrace,
  ScoreResult,
  SubjectResult,
  TraceLine,
  UnitResult,
} from './result.js';

/**
 * Scores one period: records + roster + scheme → results and the trace of every point.
 * Pure: no I/O, no clock, no randomness. Inputs are assumed validated (src/validate).
 */
export function scorePeriod(scheme: Scheme, input: PeriodInput, options: ScoreOptions): ScoreResult {
  const warnings: EngineWarning[] = [];
  const subjects = subjectsOf(scheme, input);
  const recordsBySubject = new Map<string, EntryRecord[]>(subjects.map((s) => [s.key, []]));
  for (const record of chronological(input.records)) {
    recordsBySubject.get(subjectKeyOf(scheme, record))?.push(record);
  }

  const scored = subjects.map((subject) => {
    const trace = traceRecords(scheme, recordsBySubject.get(subject.key) ?? []);
    const peer = peerTrace(scheme, subject.key, input, options, warnings);
    const items = scheme.items.map((item) => itemResult(item, trace, peer));
    const deductions = add(...items.map((it) => it.deducted));
    const bonus = capBonus(scheme, trace, items);
    let total = add(sub(scheme.base, deductions), bonus);
    if (!scheme.allowNegative) total = max(total, ZERO);
    total = min(total, scheme.maximum);
    const flags = subjectFlags(scheme, trace, total);
    if (peer?.missing) flags.push({ name: '缺互评', because: { rule: peer.itemCode, at: [] } });
    return { ...subject, items, deductions, bonus, total, trace, peer, flags };
  });

  const { order, ranks } = rankDescending(
    scored.map((s) => s.total),
    scheme.ranking,
  );
  const awards = scored.map(() => [] as SubjectResult['awards']);
  for (const award of scheme.awards) {
    const { winners, tiedAt } = topAwards(ranks, award.top);
    for (const i of winners) awards[i]?.push({ name: award.name, tied: ranks[i] === tiedAt });
    if (tiedAt !== null) warnings.push({ code: 'award_tie', award: award.name, top: award.top, rank: tiedAt, winners: winners.length });
  }

  const results: SubjectResult[] = order.map((i) => ({
    ...(scored[i] as (typeof scored)[number]),
    rank: ranks[i] as number,
    awards: awards[i] as SubjectResult['awards'],
  }));
  return { scheme, period: input.period, subjects: results, units: unitResults(scheme, results), warnings };
}

interface Subject {
  key: string;
  name: string;
  unit: string;
}

/** Persons active in the period, or the units they belong to, in roster order. */
function subjectsOf(scheme: Scheme, input: PeriodInput): Subject[] {
  const active = input.roster.filter((p) => isActiveIn(p, input.period));
  if (scheme.subject === 'person') return active.map((p) => ({ key: p.id, name: p.name, unit: p.unit }));
  const units = [...new Set(active.map((p) => p.unit))];
  return units.map((u) => ({ key: u, name: u, unit: u }));
}

function subjectKeyOf(scheme: Scheme, record: EntryRecord): string {
  // A unit scheme rolls a person's record up to their unit.
  return scheme.subject === 'unit' ? record.unit : (record.personId ?? '');
}

/** Occurrences count in the order they happened; same-day records in sheet order. */
function chronological(records: readonly EntryRecord[]): EntryRecord[] {
  return records
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (a.r.date < b.r.date ? -1 : a.r.date > b.r.date ? 1 : a.i - b.i))
    .map(({ r }) => r);
}

function ruleOf(scheme: Scheme, code: string): Rule {
  const rule = scheme.rulesByCode.get(code);
  if (!rule) throw new Error(`record with unknown rule ${code} reached the engine`);
  return rule;
}

function unitPointsOf(rule: Rule, record: EntryRecord): Hundredths {
  if (rule.kind === 'fixed' || rule.kind === 'per_unit') return rule.points;
  if (record.points === null) throw new Error(`record for ${rule.code} without points reached the engine`);
  return record.points;
}

/** Lists every record of one subject with escalation applied, then caps each item in date order. */
function traceRecords(scheme: Scheme, records: readonly EntryRecord[]): TraceLine[] {
  const occurrencesSoFar = new Map<string, number>();
  const lines: TraceLine[] = records.map((record) => {
    const rule = ruleOf(scheme, record.ruleCode);
    const unitPoints = unitPointsOf(rule, record);
    const listed = times(unitPoints, record.count);
    const line: TraceLine = {
      itemCode: rule.itemCode,
      ruleCode: rule.code,
      ruleName: rule.name,
      sign: rule.sign,
      date: record.date,
      personId: record.personId,
      count: record.count,
      countUnit: rule.kind === 'per_unit' ? rule.unit : '次',
      unitPoints,
      listed,
      escalated: listed,
      counted: listed,
      notes: [],
      matter: record.matter,
      note: record.note,
      at: record.at,
    };
    // Per-unit rules (days over a limit) are one case each, not occurrences to escalate.
    const group = rule.kind === 'per_unit' ? undefined : scheme.escalation.find((g) => g.ruleCodes.has(rule.code));
    if (group) {
      const before = occurrencesSoFar.get(group.name) ?? 0;
      const doubled: number[] = [];
      let escalated = ZERO;
      for (let n = before + 1; n <= before + record.count; n++) {
        const heavier = n >= group.from;
        if (heavier) doubled.push(n);
        escalated = add(escalated, times(unitPoints, heavier ? group.factor : 1));
      }
      occurrencesSoFar.set(group.name, before + record.count);
      line.escalated = escalated;
      line.counted = escalated;
      if (doubled.length > 0) {
        line.notes.push({ code: 'escalated', group: group.name, from: group.from, factor: group.factor, occurrences: doubled });
      }
    }
    return line;
  });

  for (const item of scheme.items) {
    if (item.type === 'deduction' && item.points !== null) capInOrder(lines, item.code, item.points, 'item_cap');
    if (item.type === 'bonus') {
      dropDuplicateMatters(lines.filter((l) => l.itemCode === item.code));
      if (item.cap !== null) capInOrder(lines, item.code, item.cap, 'bonus_item_cap');
    }
  }
  return lines;
}

/** 扣完为止 / 加分不超过: lines count in date order until the item's limit is used up. */
function capInOrder(lines: TraceLine[], itemCode: string, limit: Hundredths, code: 'item_cap' | 'bonus_item_cap'): void {
  let remaining = limit;
  for (const line of lines) {
    if (line.itemCode !== itemCode) continue;
    const counted = min(line.counted, remaining);
    if (counted < line.counted) line.notes.push({ code, item: itemCode, cut: sub(line.counted, counted) });
    line.counted = counted;
    remaining = sub(remaining, counted);
  }
}

/** 同一件事就高不就低、不重复奖励: of the records sharing a 事项编号, only the highest counts. */
function dropDuplicateMatters(bonusLines: TraceLine[]): void {
  const byMatter = new Map<string, TraceLine[]>();
  for (const line of bonusLines) {
    if (line.matter === null) continue;
    byMatter.set(line.matter, [...(byMatter.get(line.matter) ?? []), line]);
  }
  for (const [matter, group] of byMatter) {
    if (group.length < 2) continue;
    const kept = group.reduce((best, line) => (line.counted > best.counted ? line : best));
    for (const line of group) {
      if (line === kept) continue;
      line.notes.push({ code: 'matter_duplicate', matter, kept: kept.at });
      line.counted = ZERO;
    }
  }
}

function peerTrace(
  scheme: Scheme,
  subjectKey: string,
  input: PeriodInput,
  options: ScoreOptions,
  warnings: EngineWarning[],
): PeerTrace | null {
  const item = scheme.items.find((it) => it.type === 'peer');
  if (!item || item.type !== 'peer') return null;
  // Self-ratings are ignored (validation warns about them).
  const ratings = input.peer
    .filter((r) => r.ratee === subjectKey && r.rater !== subjectKey)
    .map((r) => ({ rater: r.rater, score: r.score, at: r.at }));
  const sum = add(...ratings.map((r) => r.score));
  if (ratings.length === 0) {
    if (!options.allowMissingPeer) throw new Error(`subject ${subjectKey} without peer ratings reached the engine`);
    warnings.push({ code: 'peer_missing_allowed', subject: subjectKey });
    return { itemCode: item.code, ratings, sum, points: ZERO, missing: true };
  }
  // mean × points / scale = sum × points / (n × scale), rounded half up to hundredths.
  const points = divideRoundHalfUp(BigInt(sum) * BigInt(item.points), BigInt(ratings.length) * BigInt(item.scale));
  return { itemCode: item.code, ratings, sum, points: min(points, item.points), missing: false };
}

function itemResult(item: Item, trace: readonly TraceLine[], peer: PeerTrace | null): ItemResult {
  const counted = add(...trace.filter((l) => l.itemCode === item.code).map((l) => l.counted));
  const common = { code: item.code, name: item.name, type: item.type };
  switch (item.type) {
    case 'deduction':
      return { ...common, points: item.points, deducted: counted, added: ZERO, score: sub(item.points ?? ZERO, counted) };
    case 'peer': {
      const earned = peer?.points ?? ZERO;
      return { ...common, points: item.points, deducted: sub(item.points, earned), added: ZERO, score: earned };
    }
    case 'bonus':
      return { ...common, points: item.cap, deducted: ZERO, added: counted, score: counted };
  }
}

/** The scheme's overall bonus cap, applied after each bonus item's own cap, in item then date order. */
function capBonus(scheme: Scheme, trace: TraceLine[], items: ItemResult[]): Hundredths {
  let remaining = scheme.bonusCap;
  for (const item of items) {
    if (item.type !== 'bonus') continue;
    let added = ZERO;
    for (const line of trace) {
      if (line.itemCode !== item.code) continue;
      const counted = min(line.counted, remaining);
      if (counted < line.counted) line.notes.push({ code: 'bonus_cap', cut: sub(line.counted, counted) });
      line.counted = counted;
      remaining = sub(remaining, counted);
      added = add(added, counted);
    }
    item.added = added;
    item.score = added;
  }
  return add(...items.filter((it) => it.type === 'bonus').map((it) => it.added));
}

function subjectFlags(scheme: Scheme, trace: readonly TraceLine[], total: Hundredths): FlagResult[] {
  const flags: FlagResult[] = [];
  for (const flag of scheme.flags) {
    const when = flag.when;
    if ('rule' in when) {
      const hits = trace.filter((l) => l.ruleCode === when.rule);
      if (hits.length > 0) flags.push({ name: flag.name, because: { rule: when.rule, at: hits.map((l) => l.at) } });
    } else if ('totalBelow' in when) {
      if (total < when.totalBelow) flags.push({ name: flag.name, because: { totalBelow: when.totalBelow } });
    }
  }
  return flags;
}

function unitResults(scheme: Scheme, subjects: readonly SubjectResult[]): UnitResult[] {
  const unitFlags = scheme.flags.filter((f) => 'unitTotalBelow' in f.when);
  if (scheme.subject === 'unit' || unitFlags.length === 0) return [];
  const units = new Map<string, SubjectResult[]>();
  for (const s of subjects) units.set(s.unit, [...(units.get(s.unit) ?? []), s]);
  return [...units].map(([unit, members]) => {
    const total = add(...members.map((m) => m.total));
    const flags: FlagResult[] = [];
    for (const flag of unitFlags) {
      if ('unitTotalBelow' in flag.when && total < flag.when.unitTotalBelow) {
        flags.push({ name: flag.name, because: { unitTotalBelow: flag.when.unitTotalBelow } });
      }
    }
    return { unit, members: members.map((m) => m.key), total, flags };
  });
}

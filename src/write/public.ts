import { cleanName } from '../core/text.js';
import { defaultLeaveWords } from '../scheme/lists.js';
import type { Rule, Scheme } from '../scheme/model.js';
import type { AwardResult, FlagResult, GradeResult, ScoreResult, SubjectResult, TraceLine } from '../score/result.js';
import { shortLabel } from '../messages.js';
import { noticeText } from '../messages/outputs.js';
import { isProrated, type YearFlag, type YearResult } from '../score/year.js';
import { awardLabel } from './json.js';
import { summarizeTrace, unitFlagLines, type SummaryEntry, type UnitFlag } from './summary.js';
import { NAME_NOTE } from '../import/identity.js';

/**
 * What a notice board may show, and nothing else: notices are built from these rows only, so a
 * private fact cannot reach them by accident. Private are the reasons behind flags (the rule
 * that raised 通报批评, a leave type behind 取消评先评优资格), leave, health, discipline and legal
 * matters, staff ids and the clerks' notes. A flag shows only by its scheme's `public` wording.
 */
export interface PublicRow {
  rank: number | null;
  name: string;
  unit: string;
  total: number | null;
  /** The year's prorated total (折合全年) where the run prorates anyone; absent otherwise. */
  prorated?: number | null;
  /** Deductions and bonuses by public rule or item name: "超过承诺时限3天 -3". */
  summary: string;
  /** Grade, period grades and awards: "优秀", "红旗窗口（并列）". */
  standing: string;
  /** Flags by their public wording only. */
  flags: string;
}

/** Words of leave, health, discipline cases, law and dismissal: never on a notice, not even as an item's name. */
const PRIVATE_WORDS = [...defaultLeaveWords.keys(), '请假', '病事假', '休假', '病', '违法', '违纪', '党纪', '政纪', '被查处', '处分', '犯罪', '刑事', '拘留', '辞退', '旷职'];
/** A rule named with these (不廉洁行为, 违反工作纪律, 考核中徇私舞弊) is shown by its item, whose heading is the published 考核办法's. */
const CONDUCT_WORDS = ['纪律', '廉洁', '廉政', '吃拿卡要', '受贿', '索贿', '行贿', '徇私', '舞弊', '贪污', '挪用'];

function soundsPrivate(text: string): boolean {
  return PRIVATE_WORDS.some((w) => text.includes(w));
}

function ruleSoundsPrivate(name: string): boolean {
  return soundsPrivate(name) || CONDUCT_WORDS.some((w) => name.includes(w));
}

/** The rules whose names are private: veto-only rules, rules behind a flag, and rules named with a private word. */
function privateRules(scheme: Scheme): Set<string> {
  const behindFlags = scheme.flags.flatMap((f) => ('rule' in f.when ? [f.when.rule] : []));
  const codes = new Set(behindFlags);
  for (const rule of scheme.rulesByCode.values()) if (rule.kind === 'flag' || ruleSoundsPrivate(rule.name)) codes.add(rule.code);
  return codes;
}

/** A private rule's points show under its part's or item's name, or as 其他 when that is private too. */
function publicLabel(scheme: Scheme, rule: Rule): string {
  const item = scheme.items.find((it) => it.code === rule.itemCode);
  const part = item?.type === 'deduction' ? item.parts[rule.partIndex] : undefined;
  for (const name of [part?.name, item?.name]) if (name && !soundsPrivate(name)) return name;
  return rule.sign === 1 ? '其他加分' : '其他扣分';
}

/**
 * A summary made for the notice board by publicSummarizer. Only this type reaches a 公示's rows,
 * so the 得分表's summary (rule names that may be private) cannot be handed to them by mistake.
 */
export type PublicSummary = string & { readonly madeBy: 'publicSummarizer' };

/**
 * Where a subject's points went, by public name: "迟到2次 -2; 廉洁从政 -2; 个人总结情况 -0.5". A
 * private rule is shown by its item without a count, an item's shortfall named privately as
 * 其他扣分; veto-only rules (which score nothing) and entries of 0 points (迟到早退4次 under 每5次)
 * are left out: the audit lists them.
 */
function publicSummary(subject: SubjectResult, trace: readonly TraceLine[], entryOf: (line: TraceLine) => SummaryEntry | null): PublicSummary {
  const summary = summarizeTrace(subject, trace, entryOf, (name) => (soundsPrivate(name) ? '其他扣分' : name), true);
  return summary as PublicSummary;
}

/** The summary entry a line adds to: its rule by public name (a private rule by its part's or item's), none for a flag. */
function publicEntry(scheme: Scheme, hidden: ReadonlySet<string>, line: TraceLine): SummaryEntry | null {
  const rule = scheme.rulesByCode.get(line.ruleCode);
  if (rule?.kind === 'flag') return null;
  const secret = !rule || hidden.has(line.ruleCode);
  const label = secret && rule ? publicLabel(scheme, rule) : secret ? '其他' : line.ruleName;
  return { key: `${secret ? 'item' : 'rule'}:${label}:${line.sign}`, label, showsCount: !secret };
}

/** A flag's public wording: only a scheme's flag may have one (kaohe's own quota and rating flags are internal). */
export function publicWording(flag: FlagResult): string | null {
  return flag.code === 'scheme' ? flag.public : null;
}

/** A year-list flag's public wording: a period's flag as "10月通报批评", a year rule's or leave rule's own. */
export function publicYearWording(flag: YearFlag): string | null {
  switch (flag.code) {
    case 'annual':
      return publicWording(flag.flag);
    case 'period': {
      const wording = publicWording(flag.flag);
      return wording && `${shortLabel(flag.period)}${wording}`;
    }
    case 'partial_year':
      return null;
    case 'year_total':
    case 'leave':
      return flag.public;
  }
}

/** Words each once, in order; flags without public wording are internal and left out. */
function listed(wordings: readonly (string | null)[]): string[] {
  return [...new Set(wordings.filter((w): w is string => w !== null))];
}

function publicFlags(flags: readonly FlagResult[]): string[] {
  return listed(flags.map(publicWording));
}

/** A grade tied at its quota shows as 优秀并列待定 until the committee rules, not as the next grade it holds for now. */
function gradeWording(grade: GradeResult | null, flags: readonly FlagResult[]): string {
  const pending = flags.find((f) => f.code === 'quota_pending');
  return pending ? noticeText.quotaPending(pending.grade) : (grade?.label ?? '');
}

function standingOf(grade: GradeResult | null, flags: readonly FlagResult[], awards: readonly AwardResult[]): string {
  return [gradeWording(grade, flags), ...awards.map(awardLabel)].filter(Boolean).join('、');
}

/** A subject's public summary from its trace, by a scheme whose private rules are found once (a city month has thousands of subjects). */
export function publicSummarizer(scheme: Scheme): (subject: SubjectResult, trace: readonly TraceLine[]) => PublicSummary {
  const hidden = privateRules(scheme);
  // A line's entry is its rule's (the engine gives a line its rule's name and sign): found once
  // per rule, not per line of every subject.
  const entries = new Map<string, SummaryEntry | null>();
  const entryOf = (line: TraceLine) => {
    let entry = entries.get(line.ruleCode);
    if (entry === undefined) entries.set(line.ruleCode, (entry = publicEntry(scheme, hidden, line)));
    return entry;
  };
  return (subject, trace) => publicSummary(subject, trace, entryOf);
}

/** Bracketed remarks at the end of a name (李四(病休), 张三【借调】(试用)); one inside it (王(大)明, Mary(玛丽) Lee) is part of it. */
const TRAILING_NOTES = new RegExp(`(?:\\s*(?:${NAME_NOTE.source}))+\\s*$`);

/** What a notice's line reads as, by name and unit, alike as matching folds them: 张 三 and 张三 read the same on the board. */
const printedAs = (name: string, unit: string) => JSON.stringify([cleanName(name), cleanName(unit)]);

/**
 * The names a notice prints, in subject order, and the remarks it leaves off. A person's name
 * without its bracketed remark (李四(病休) → 李四: health, leave and the like are nobody else's
 * business), except where that would print two people of one unit alike — 付婷(大) and 付婷(小),
 * as kaohe's namesake advice has the clerk write them, or 付婷 and 付婷(借调): those keep theirs.
 * A window or department (`personal` false) is printed as it is named.
 */
export function noticeNames(subjects: readonly { name: string; unit: string }[], personal: boolean): { names: string[]; remarks: string[] } {
  if (!personal) return { names: subjects.map((s) => s.name), remarks: [] };
  const bare = subjects.map((s) => {
    const folded = s.name.normalize('NFKC');
    const name = folded.replace(TRAILING_NOTES, '').trim();
    return name === folded || name === '' ? s.name : name;
  });
  const shown = subjects.map((s, i) => printedAs(bare[i]!, s.unit));
  const people = new Map<string, number>();
  for (const key of shown) people.set(key, (people.get(key) ?? 0) + 1);
  const names = subjects.map((s, i) => (people.get(shown[i]!)! > 1 ? s.name : bare[i]!));
  return { names, remarks: subjects.flatMap((s, i) => (names[i] === s.name ? [] : [s.name])) };
}

/** The rows of a period's 公示, in rank order; `summaries` are the subjects' public summaries (publicSummarizer), in subject order. */
export function publicRows(result: ScoreResult, summaries: readonly PublicSummary[]): PublicRow[] {
  const { names } = noticeNames(result.subjects, result.scheme.subject === 'person');
  return result.subjects.map((s, i) => ({
    rank: s.rank,
    name: names[i]!,
    unit: s.unit,
    total: s.total / 100,
    summary: summaries[i]!,
    standing: standingOf(s.grade, s.flags, s.awards),
    flags: publicFlags(s.flags).join('、'),
  }));
}

/** The rows of a year's 等次公示, in rank order: totals, period grades, awards and public flags. */
export function publicYearRows(result: YearResult): PublicRow[] {
  const prorating = isProrated(result);
  const { names } = noticeNames(result.rows, result.scheme.subject === 'person');
  return result.rows.map((r, i) => ({
    rank: r.rank,
    name: names[i]!,
    unit: r.unit,
    total: r.total === null ? null : r.total / 100,
    ...(prorating ? { prorated: r.comparable === null ? null : r.comparable / 100 } : {}),
    summary: '',
    standing: [...r.periods.flatMap((p) => (p?.grade ? [`${shortLabel(p.label)}${gradeWording(p.grade, p.flags)}`] : [])), ...r.awards.map(awardLabel)].join('、'),
    flags: listed(r.flags.map(publicYearWording)).join('、'),
  }));
}

/**
 * Subjects a notice prints alike: the same name in the same unit (two 张伟 of one window), whose
 * lines nobody reading the board can tell apart — staff ids are private, so the notice cannot
 * show them. Each group in first-seen order, with the subjects' keys.
 */
export function lookAlikeOnNotice(subjects: readonly { key: string; name: string; unit: string }[]): { name: string; unit: string; keys: string[] }[] {
  const groups = new Map<string, { name: string; unit: string; keys: string[] }>();
  for (const s of subjects) {
    const shown = printedAs(s.name, s.unit);
    const group = groups.get(shown);
    if (group) group.keys.push(s.key);
    else groups.set(shown, { name: s.name, unit: s.unit, keys: [s.key] });
  }
  return [...groups.values()].filter((g) => g.keys.length > 1);
}

/** The units' flags for a notice, by their public wording only: "部门通报批评：民政（部门合计 -2）"; a flag without one stays off. */
export function publicUnitLines(flags: readonly UnitFlag[]): string[] {
  return unitFlagLines(flags, publicWording);
}

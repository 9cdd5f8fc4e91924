import type { PathIssue } from './compile.js';
import type { RuleFile, SchemeFile } from './schema.js';

/**
 * Every number a scheme uses should stand in the words it quotes, or be marked (assumption,
 * reconstructed, borrowed) with a reason. These are the warnings of `kaohe scheme check`, and
 * the built-in schemes' test holds them to it.
 */

/** Text as compared for quotes: full-width → half-width (NFKC), one kind of quote mark, no spaces. */
export function normaliseQuoteText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[“”「」『』"]/g, '"')
    .replace(/[‘’']/g, "'")
    .replace(/\s+/g, '');
}

const chineseDigits: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const chineseUnits: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 10000 };

/** 十二 → 12, 二十 → 20, 三 → 3, 一千 → 1000. */
function chineseNumber(text: string): number {
  let total = 0;
  let digit = 0;
  for (const ch of text) {
    if (ch in chineseDigits) digit = chineseDigits[ch] as number;
    else {
      const unit = chineseUnits[ch] as number;
      total += (digit === 0 ? 1 : digit) * unit;
      digit = 0;
    }
  }
  return total + digit;
}

/** The numbers a quote states, in hundredths: Arabic (12, 0.5, 100%), Chinese (三, 十二), 双倍 as 2. */
export function numbersIn(quote: string): Set<number> {
  const text = normaliseQuoteText(quote);
  const found = new Set<number>();
  for (const m of text.matchAll(/\d+(?:\.\d+)?/g)) found.add(Math.round(Number(m[0]) * 100));
  // A numeral starts with a digit or 十 (十二, 三天); a lone 百/千 is a word (百分点, 千分制).
  for (const m of text.matchAll(/[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千万]*/g)) found.add(chineseNumber(m[0]) * 100);
  if (text.includes('双倍')) found.add(200);
  return found;
}

type Sourced = {
  source?: { file: string; article: string; quote?: string | undefined } | undefined;
  assumption?: boolean | undefined;
  reconstructed?: boolean | undefined;
  borrowed?: boolean | undefined;
};

/** One element that should carry a source, with the numbers it uses ([field, value]). */
interface Element {
  path: (string | number)[];
  value: Sourced;
  numbers: [string, number | undefined][];
}

function ruleNumbers(rule: RuleFile): [string, number | undefined][] {
  switch (rule.kind) {
    case 'fixed':
    case 'per_unit':
      return [['points', rule.points]];
    case 'ranged':
      return [['min', rule.min], ['max', rule.max]];
    case 'per_n':
      return [['every', rule.every], ['points', rule.points]];
    case 'over':
      return [['threshold', rule.threshold], ['points', rule.points]];
    case 'rate':
      return [['target', rule.target], ['per', rule.per], ['points', rule.points]];
    case 'explicit':
    case 'flag':
      return [];
  }
}

function elementsOf(file: SchemeFile): Element[] {
  const elements: Element[] = [{ path: [], value: file, numbers: [['base', file.base], ['bonus_cap', file.bonus_cap], ['maximum', file.maximum]] }];
  file.items.forEach((item, i) => {
    const path = ['items', i];
    const numbers: Element['numbers'] = item.type === 'bonus' ? [['cap', item.cap]] : item.type === 'veto' ? [] : [['points', item.points]];
    elements.push({ path, value: item, numbers });
    if (item.type === 'deduction' || item.type === 'bonus' || item.type === 'veto') {
      (item.rules ?? []).forEach((rule, r) => elements.push({ path: [...path, 'rules', r], value: rule, numbers: ruleNumbers(rule) }));
    }
    if (item.type === 'deduction') {
      (item.parts ?? []).forEach((part, p) => {
        elements.push({ path: [...path, 'parts', p], value: part, numbers: [['points', part.points]] });
        part.rules.forEach((rule, r) => elements.push({ path: [...path, 'parts', p, 'rules', r], value: rule, numbers: ruleNumbers(rule) }));
      });
    }
  });
  file.escalation.forEach((g, n) => elements.push({ path: ['escalation', n], value: g, numbers: [['from', g.from], ['factor', g.factor]] }));
  file.flags.forEach((f, n) => elements.push({ path: ['flags', n], value: f, numbers: Object.entries(f.when).filter(([k]) => k !== 'rule') as [string, number][] }));
  file.awards.forEach((a, n) => elements.push({ path: ['awards', n], value: a, numbers: [['top', a.top]] }));
  if (file.grades) {
    elements.push({ path: ['grades'], value: file.grades, numbers: file.grades.thresholds.map((t, n) => [`thresholds.${n}`, t]) });
    file.grades.consequences.forEach((c, n) => elements.push({ path: ['grades', 'consequences', n], value: c, numbers: [] }));
  }
  if (file.attendance) {
    const a = file.attendance;
    elements.push({ path: ['attendance'], value: a, numbers: [['full_attendance.points', a.full_attendance?.points]] });
    if (a.hours) {
      elements.push({ path: ['attendance', 'hours'], value: a.hours, numbers: [['grace_minutes', a.hours.grace_minutes], ['absent_from_minutes', a.hours.absent_from_minutes]] });
      a.hours.seasons.forEach((season, n) => elements.push({ path: ['attendance', 'hours', 'seasons', n], value: season, numbers: [] }));
    }
    if (a.leave_words) elements.push({ path: ['attendance', 'leave_words'], value: a.leave_words, numbers: [] });
  }
  if (file.cover) elements.push({ path: ['cover'], value: file.cover, numbers: [] });
  if (file.year) {
    const y = file.year;
    elements.push({ path: ['year'], value: y, numbers: [] });
    y.flags.forEach((f, n) => elements.push({ path: ['year', 'flags', n], value: f, numbers: [['total_below', f.when.total_below]] }));
    y.awards.forEach((a, n) => elements.push({ path: ['year', 'awards', n], value: a, numbers: [['top', a.top]] }));
    y.leave.forEach((l, n) => elements.push({ path: ['year', 'leave', n], value: l, numbers: [['over', l.over]] }));
  }
  return elements;
}

/**
 * Warnings: an element without `source` or without `quote`, and a number (other than 0, the
 * neutral value: "为负分" is below 0) that its quote does not state and that is not marked.
 */
export function sourceWarnings(file: SchemeFile): PathIssue[] {
  const warnings: PathIssue[] = [];
  for (const { path, value, numbers } of elementsOf(file)) {
    if (!value.source) {
      warnings.push({ code: 'scheme_source_missing', args: {}, path });
      continue;
    }
    if (!value.source.quote) {
      warnings.push({ code: 'scheme_quote_missing', args: {}, path: [...path, 'source'] });
      continue;
    }
    if (value.assumption || value.reconstructed || value.borrowed) continue;
    const stated = numbersIn(value.source.quote);
    for (const [field, n] of numbers) {
      if (n === undefined || n === 0 || stated.has(Math.round(n * 100))) continue;
      warnings.push({ code: 'scheme_number_not_in_quote', args: { field, value: n, quote: value.source.quote }, path: [...path, ...field.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k))] });
    }
  }
  return warnings;
}

import type { DateTimeShows } from '../core/dates.js';

/**
 * What one section of a date or time format shows:
 * - a date, a time of day, both, or elapsed time ([h]:mm), and whether it shows seconds: Excel
 *   rounds the serial to the second, then shows only the fields the format has, so 08:30:40 in
 *   h:mm shows 8:30 (the seconds dropped, not rounded into the minute);
 * - `clock_part`: a part of a time that is no time of day, as mm:ss (the minutes and seconds
 *   past the hour: 08:31 shows 31:00), mmss.0, [mm]:ss and [ss] (elapsed minutes or seconds:
 *   511:00, 30660) or h alone (the hour: 8). `section` is the section's code, to render it;
 * - `no_day`: a date without its day of the month (yyyy"年"m"月", mmm-yy, yyyy, m"月", or a
 *   weekday with a time, ddd h:mm): Excel shows 2026年10月 for any day of October, so which day
 *   the cell means cannot be told from what it shows. A weekday alone (ddd, dddd) is no date
 *   section: weekdayFormat reads it, as aaaa.
 */
export type TimeSection = { readonly shows: DateTimeShows; readonly seconds: boolean } | { readonly shows: 'clock_part'; readonly section: string } | { readonly shows: 'no_day' };

/** A section's condition ([<1], [>=0.5]): the section shows the numbers that meet it. */
interface Condition {
  readonly op: '<' | '<=' | '>' | '>=' | '=' | '<>';
  readonly value: number;
}

/**
 * A section of a conditional format that shows a number, not a date or time ([>=46000]yyyy-mm-dd;0:
 * the 0), as a number format of that one section (its code the whole format's, to quote), or null
 * for General, which shows the number itself.
 */
export interface NumberSection {
  readonly shows: 'number';
  readonly format: NumberFormat | null;
}

/**
 * A date or time format: its sections, each with the condition that picks it or null. A format
 * without conditions has one, its first section (the one for numbers ≥ 0; Excel shows a negative
 * serial as ####). With conditions ([<1]h:mm;[h]:mm, [>=46000]yyyy-mm-dd;0) a number takes the
 * first section whose condition it meets, or else the first one with no condition after them, as
 * Excel does, and shows as that section shows it: a date, a time or a number.
 */
export interface DateTimeFormat {
  readonly code: string;
  readonly sections: readonly { readonly condition: Condition | null; readonly shows: TimeSection | NumberSection }[];
}

/**
 * Built-in date and time formats have no code in the file, only an id; the codes are Excel's
 * Chinese (zh-CN) locale's (yyyy"年"m"月", 上午/下午h"时"mm"分" …), read as a custom code is.
 */
const BUILTIN_DATE_TIME_CODES: ReadonlyMap<number, string> = new Map([
  [14, 'yyyy/m/d'],
  [15, 'd-mmm-yy'],
  [16, 'd-mmm'],
  [17, 'mmm-yy'],
  [18, 'h:mm AM/PM'],
  [19, 'h:mm:ss AM/PM'],
  [20, 'h:mm'],
  [21, 'h:mm:ss'],
  [22, 'yyyy/m/d h:mm'],
  ...[27, 36, 50, 52, 57].map((id) => [id, 'yyyy"年"m"月"'] as const),
  ...[28, 29, 51, 53, 54, 58].map((id) => [id, 'm"月"d"日"'] as const),
  [30, 'm-d-yy'],
  [31, 'yyyy"年"m"月"d"日"'],
  [32, 'h"时"mm"分"'],
  [33, 'h"时"mm"分"ss"秒"'],
  ...[34, 55].map((id) => [id, '上午/下午h"时"mm"分"'] as const),
  ...[35, 56].map((id) => [id, '上午/下午h"时"mm"分"ss"秒"'] as const),
  [45, 'mm:ss'],
  [46, '[h]:mm:ss'],
  [47, 'mmss.0'],
]);

const CONDITION = /\[(<=|>=|<>|<|>|=)\s*(-?\d+(?:\.\d+)?)\]/;

/**
 * A format code read as a date or time format, or null when it shows no date or time: without
 * conditions, where its first section shows none; with conditions, where no section does (a
 * number format, which kaohe does not render with conditions). A conditional format whose first
 * section has no condition is a number format kaohe does not render.
 */
function dateTimeFormat(code: string): DateTimeFormat | NumberFormat | null {
  const sections = splitSections(code);
  if (!sections.some(hasCondition)) {
    const first = timeSection(sections[0] ?? '');
    return first && { code, sections: [{ condition: null, shows: first }] };
  }
  // The fourth section, or one with @, is for text.
  const shown = sections.slice(0, 3).filter((s) => !stripLiterals(s).includes('@'));
  const times = shown.map(timeSection);
  if (times.every((t) => t === null)) return null;
  if (conditionOf(shown[0]!) === null) return { code, positive: null, negative: null, zero: null };
  return { code, sections: shown.map((s, i) => ({ condition: conditionOf(s), shows: times[i] ?? numberSection(code, s) })) };
}

/**
 * A conditional section that shows a number, read as a format of that section alone for numbers
 * ≥ 0, or General. Below zero it is refused: whether Excel adds a minus sign to a section a condition picks is
 * not something kaohe can tell from the code.
 */
function numberSection(code: string, section: string): NumberSection {
  const unconditional = section.replace(CONDITION, '');
  if (isGeneral(unconditional)) return { shows: 'number', format: null };
  const positive = digitPattern(unconditional, 'positive');
  return { shows: 'number', format: { code, positive, negative: null, zero: positive } };
}

/** Whether a section has a condition ([<1], [>=0.5]): one test for the date and time reading and the number reading. */
function hasCondition(section: string): boolean {
  return CONDITION.test(section);
}

function conditionOf(section: string): Condition | null {
  const m = CONDITION.exec(section);
  return m ? { op: m[1] as Condition['op'], value: Number(m[2]) } : null;
}

function meets(n: number, { op, value }: Condition): boolean {
  return op === '<' ? n < value : op === '<=' ? n <= value : op === '>' ? n > value : op === '>=' ? n >= value : op === '=' ? n === value : n !== value;
}

/** The section a number shows in, or null when none takes it (conditions all unmet, no section for the rest). */
export function sectionFor(n: number, format: DateTimeFormat): TimeSection | NumberSection | null {
  return format.sections.find((s) => s.condition === null || meets(n, s.condition))?.shows ?? null;
}

/**
 * Quoted text ("年"), backslash escapes, padding (_x) and fill (*x) characters: no format letters.
 * Each is left as a space, which keeps the codes on either side apart: d"日"dddd is the day, then
 * the weekday, not one run ddddd.
 */
function stripLiterals(section: string): string {
  return section.replace(/"[^"]*"|\\.|_.|\*./g, ' ');
}

/** The date and time codes of a section in order: y, m, d, h, s runs; ① ② ③ for [h] [m] [s]; ④ for 上午/下午 or AM/PM. */
function timeCodes(section: string): string[] {
  const letters = stripLiterals(section)
    .replace(/\[(h+|m+|s+)\]/gi, (_, unit: string) => '①②③'['hms'.indexOf(unit[0]!.toLowerCase())]!)
    .replace(/\[[^\]]*\]/g, '')
    .replace(/上午\/下午|AM\/PM|A\/P/gi, '④');
  if (/^\s*general\s*$/i.test(letters) || letters.includes('@')) return [];
  return letters.toLowerCase().match(/y+|m+|d+|h+|s+|[①②③④]/g) ?? [];
}

/**
 * What a section shows (see TimeSection), or null for no date or time. [DBNum1], [$-804], [Red]
 * and [>100] brackets are no codes. m is minutes right after an hour or right before seconds
 * (h:mm, mm:ss), otherwise the month, as Excel reads it. Scientific notation (0.00E+00) shows no date.
 */
function timeSection(section: string): TimeSection | null {
  const codes = timeCodes(section);
  const kinds = codes.map((code, i) => {
    // d and dd are the day of the month; ddd and dddd the weekday (四, 星期四), no day.
    if (code[0] === 'd') return code.length <= 2 ? 'd' : 'weekday';
    if (code[0] !== 'm') return code[0]!;
    const [before, after] = [codes[i - 1]?.[0], codes[i + 1]?.[0]];
    return before === 'h' || before === '①' || after === 's' || after === '③' ? 'minute' : 'month';
  });
  const dateKinds = ['y', 'd', 'month', 'weekday'];
  const day = kinds.some((k) => dateKinds.includes(k));
  const clock = kinds.filter((k) => !dateKinds.includes(k));
  if (clock.length === 0 && kinds.every((k) => k === 'weekday')) return null;
  if (day && !kinds.includes('d')) return { shows: 'no_day' };
  if (clock.length === 0) return day ? { shows: 'date', seconds: true } : null;
  const seconds = clock.includes('s');
  if (!day && clock.includes('①') && clock.includes('minute') && !clock.includes('②') && !clock.includes('③')) return { shows: 'duration', seconds };
  if (clock.includes('h') && clock.includes('minute') && !clock.some((k) => '①②③'.includes(k))) return { shows: day ? 'datetime' : 'time', seconds };
  return { shows: 'clock_part', section };
}

/**
 * The text a clock-part section shows (31:00 for 08:31 in mm:ss; 8 in h), or null where it holds
 * other codes (a day, 上午/下午). Excel rounds to the decimals of the seconds shown (mmss.0: tenths);
 * h, m and s show the hours of the day and the minutes and seconds past the hour or minute,
 * [h], [m] and [s] the whole time elapsed in that unit.
 */
export function clockPartText(serial: number, section: string): string | null {
  const decimals = /s\]?\.(0+)/i.exec(stripLiterals(section))?.[1]?.length ?? 0;
  const units = Math.round(serial * 86_400 * 10 ** decimals);
  const total = Math.floor(units / 10 ** decimals);
  const elapsed = { h: Math.floor(total / 3600), m: Math.floor(total / 60), s: total };
  const ofClock = { h: elapsed.h % 24, m: elapsed.m % 60, s: total % 60 };
  let text = '';
  let afterSeconds = false;
  for (let i = 0; i < section.length; i++) {
    const ch = section[i]!;
    const run = /^(h+|m+|s+)/i.exec(section.slice(i))?.[1];
    const bracket = ch === '[' ? section.slice(i, section.indexOf(']', i) + 1) : '';
    if (ch === '"') {
      const close = section.indexOf('"', i + 1);
      if (close < 0) return null;
      text += section.slice(i + 1, close);
      i = close;
    } else if (ch === '\\') text += section[++i] ?? '';
    else if (ch === '_') text += section[++i] === undefined ? '' : ' ';
    else if (ch === '*') i += 1;
    else if (bracket) {
      const unit = /^\[(h+|m+|s+)\]$/i.exec(bracket)?.[1];
      if (unit) text += String(elapsed[unit[0]!.toLowerCase() as 'h' | 'm' | 's']).padStart(unit.length, '0');
      i += bracket.length - 1;
      afterSeconds = unit?.[0]?.toLowerCase() === 's';
      continue;
    } else if (run) {
      text += String(ofClock[run[0]!.toLowerCase() as 'h' | 'm' | 's']).padStart(run.length, '0');
      i += run.length - 1;
      afterSeconds = run[0]!.toLowerCase() === 's';
      continue;
    } else if (ch === '.' && afterSeconds && decimals > 0) {
      text += `.${String(units % 10 ** decimals).padStart(decimals, '0')}`;
      i += decimals;
    } else if (/[a-z上下午]/i.test(ch)) return null;
    else text += ch;
    afterSeconds = false;
  }
  return text;
}

/**
 * How a number format shows a number that it does not show as a date or a time: one digit
 * pattern for numbers above zero, one below and one for zero (Excel's first three sections; a
 * format with one section shows a negative number with a minus sign), each null where kaohe
 * cannot render what Excel shows (text with digits or a plus sign, scientific notation,
 * fractions, thousands scaling, Chinese numerals, a condition such as [>100]).
 */
export interface NumberFormat {
  /** The format code, as the clerk sees it in 设置单元格格式 › 自定义. */
  readonly code: string;
  readonly positive: DigitPattern | null;
  readonly negative: DigitPattern | null;
  /** 'dash' where zero shows as a dash (会计专用: -), which is the number 0. */
  readonly zero: DigitPattern | 'dash' | null;
}

/** A section such as 0000, #,##0.00, 0.0% or (#,##0): digits, separators and where the sign goes. */
export interface DigitPattern {
  /** Digits shown before the point at least (0000: 4; #,##0: 1; #.##: 0). */
  readonly integerDigits: number;
  readonly grouping: boolean;
  readonly point: boolean;
  /** Decimals shown at least (the 0s after the point) and at most (the 0s and #s). */
  readonly minDecimals: number;
  readonly maxDecimals: number;
  readonly percent: boolean;
  /** A % in the text (0.0"%", 0.0\\%): shown after the number, which it does not scale (0.5 shows 0.5%). */
  readonly percentText: boolean;
  /** How the section shows a number below zero: -4, (4); '' in a section for zero or above. */
  readonly sign: '' | '-' | '()';
  /**
   * The text Excel shows before and after the digits, sign included (ZW and nothing in "ZW"0000,
   * - and % in -0%), without blank space at the ends; null where it is not known exactly: a fill
   * inside the text (as wide as the column leaves) or an unquoted letter (E, y, G … are codes).
   */
  readonly around: { readonly before: string; readonly after: string } | null;
}

/**
 * A format that shows only the weekday ([$-804]aaaa shows 星期四, aaa 四): a date shown so names
 * no day, for the same weekday comes every week; ddd and dddd alone likewise.
 */
export interface WeekdayFormat {
  readonly code: string;
  readonly shows: 'weekday';
}

/**
 * What a cell style shows a number as: null for General (and text, @, which shows a number as
 * General does), a date or time, the weekday alone, or a number format. Kept per style in an
 * array, so the reader looks a cell's up by its style number.
 */
export type NumberShows = DateTimeFormat | WeekdayFormat | NumberFormat | null;

/**
 * Built-in number formats that are not dates or times, as Excel's Chinese locale writes them (the
 * file holds only the id). Ids 5–8 and 41–44 are the currency and accounting formats.
 */
const BUILTIN_NUMBER_CODES: ReadonlyMap<number, string> = new Map([
  [1, '0'],
  [2, '0.00'],
  [3, '#,##0'],
  [4, '#,##0.00'],
  [5, '"¥"#,##0;"¥"\\-#,##0'],
  [6, '"¥"#,##0;[Red]"¥"\\-#,##0'],
  [7, '"¥"#,##0.00;"¥"\\-#,##0.00'],
  [8, '"¥"#,##0.00;[Red]"¥"\\-#,##0.00'],
  [9, '0%'],
  [10, '0.00%'],
  [11, '0.00E+00'],
  [12, '# ?/?'],
  [13, '# ??/??'],
  [37, '#,##0 ;(#,##0)'],
  [38, '#,##0 ;[Red](#,##0)'],
  [39, '#,##0.00;(#,##0.00)'],
  [40, '#,##0.00;[Red](#,##0.00)'],
  [41, '_ * #,##0_ ;_ * \\-#,##0_ ;_ * "-"_ ;_ @_ '],
  [42, '_ "¥"* #,##0_ ;_ "¥"* \\-#,##0_ ;_ "¥"* "-"_ ;_ @_ '],
  [43, '_ * #,##0.00_ ;_ * \\-#,##0.00_ ;_ * "-"??_ ;_ @_ '],
  [44, '_ "¥"* #,##0.00_ ;_ "¥"* \\-#,##0.00_ ;_ "¥"* "-"??_ ;_ @_ '],
  [48, '##0.0E+0'],
]);

/**
 * What a built-in format id shows. An id Excel does not define (23–26, or one no <numFmt>
 * declares) shows a number as General, as Excel shows it.
 */
export function builtinNumberShows(id: number): NumberShows {
  const code = BUILTIN_FORMAT_CODES.get(id);
  return code === undefined ? null : customNumberShows(code);
}

/** Excel's built-in format ids with their codes in its Chinese locale (General, @ and the above): a reader told only the id (.xls) looks it up here. */
export const BUILTIN_FORMAT_CODES: ReadonlyMap<number, string> = new Map([[0, 'General'], ...BUILTIN_DATE_TIME_CODES, ...BUILTIN_NUMBER_CODES, [49, '@']]);

/** What a format code shows: a date or time, the weekday alone, General, or a number format. */
export function customNumberShows(code: string): NumberShows {
  return dateTimeFormat(code) ?? weekdayFormat(code) ?? (isGeneral(code) ? null : numberFormat(code));
}

/**
 * A format whose only codes are weekday ones (aaaa, aaa; ddd and dddd where no date code took
 * them), around them locale and colour brackets, quoted literals and escaped characters.
 */
function weekdayFormat(code: string): WeekdayFormat | null {
  const parts = code.replace(/\[[^\]]*\]|"[^"]*"|\\./g, '');
  return /^[^a-z0-9]*(?:(?:a{3,4}|d{3,4})[^a-z0-9]*)+$/i.test(parts) ? { code, shows: 'weekday' } : null;
}

/**
 * General (also by its Chinese name G/通用格式, which WPS and some libraries write into the file,
 * and with a colour or locale bracket), or a text format (@) alone: a number in it shows as
 * General does.
 */
function isGeneral(code: string): boolean {
  const bare = code.replace(/\[[^\]]*\]/g, (bracket) => (HARMLESS_BRACKET.test(bracket) ? '' : bracket)).trim();
  return /^(general|g\/通用格式)$/i.test(bare) || bare === '@';
}

function numberFormat(code: string): NumberFormat {
  const sections = splitSections(code);
  // A condition ([>100], [<=0]) chooses sections by value, not by sign.
  if (sections.some(hasCondition)) return { code, positive: null, negative: null, zero: null };
  const positive = digitPattern(sections[0] ?? '', 'positive');
  // One section: Excel shows a number below zero with a minus before all of it (-ZW0001).
  const negative = sections.length > 1 ? digitPattern(sections[1] ?? '', 'negative') : digitPattern(sections[0] ?? '', 'minus added');
  const zero = sections.length <= 2 ? positive : showsZeroAsDash(sections[2] ?? '') ? 'dash' : digitPattern(sections[2] ?? '', 'positive');
  return { code, positive, negative, zero };
}

/** The sections between ; outside quotes and brackets. */
function splitSections(code: string): string[] {
  const sections: string[] = [];
  let quoted = false;
  let bracket = false;
  let start = 0;
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    if (ch === '\\' && !quoted) i += 1;
    else if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '[') bracket = true;
    else if (!quoted && ch === ']') bracket = false;
    else if (!quoted && !bracket && ch === ';') {
      sections.push(code.slice(start, i));
      start = i + 1;
    }
  }
  sections.push(code.slice(start));
  return sections;
}

/** Colour brackets ([Red], [Color10]) and a locale with no currency sign ([$-804]) change no digit. */
const HARMLESS_BRACKET = /^\[(black|blue|cyan|green|magenta|red|white|yellow|color\s*\d+|\$-[0-9a-f]+)\]$/i;
/** A currency sign with its locale ([$¥-804], [$$-409]): shown before the digits, no part of the number. */
const CURRENCY_BRACKET = /^\[\$[^\]-]+(-[0-9a-f]+)?\]$/i;
const DIGITS = /^([#0,]*)(\.([0#]*))?(%?)$/;

/** A section taken apart: its digit placeholders and the text shown before and after them. */
interface SectionParts {
  /** # 0 , . %, and the ? and / of a fraction. */
  readonly digits: string;
  /** Quoted, escaped and bare characters and a currency sign; a space for each _x padding, a FILL for a `* ` fill. */
  readonly before: string;
  readonly after: string;
  /** False where the text holds a fill of another character or an unquoted letter, which kaohe does not render. */
  readonly exact: boolean;
}

/** Stands for a `* ` fill, blank space as wide as the column leaves: a tab, which is blank and no format's text. */
const FILL = '\t';

/** A section's parts, or null where digits are split by text (0"-"00) or a bracket is unknown. */
function sectionParts(section: string): SectionParts | null {
  let before = '';
  let digits = '';
  let after = '';
  let exact = true;
  for (let i = 0; i < section.length; i++) {
    const ch = section[i]!;
    let literal: string;
    if (ch === '"') {
      const close = section.indexOf('"', i + 1);
      if (close < 0) return null;
      literal = section.slice(i + 1, close);
      i = close;
    } else if (ch === '\\') literal = section[++i] ?? '';
    else if (ch === '_') {
      i += 1;
      literal = ' ';
    } else if (ch === '*') {
      literal = section[++i] === ' ' ? FILL : '*';
      exact &&= literal === FILL;
    } else if (ch === '[') {
      const close = section.indexOf(']', i);
      const bracket = section.slice(i, close + 1);
      if (close < 0 || !(HARMLESS_BRACKET.test(bracket) || CURRENCY_BRACKET.test(bracket))) return null;
      i = close;
      if (!CURRENCY_BRACKET.test(bracket)) continue;
      literal = bracket.slice(2, -1).replace(/-[0-9a-f]+$/i, '');
    } else if ('#0,.%?/'.includes(ch)) {
      // Digits split by text (0"-"00) show the number in pieces; an unquoted ? or / is a fraction's.
      if (after !== '') return null;
      digits += ch;
      continue;
    } else {
      literal = ch;
      exact &&= !/[a-z]/i.test(ch);
    }
    if (digits === '') before += literal;
    else after += literal;
  }
  return { digits, before, after, exact };
}

/**
 * A section read as a digit pattern, or null when it shows anything else: a sign other than a
 * minus or brackets around a negative number, scientific notation, fractions, scaling by
 * a thousand (a comma after the last digit), an unknown bracket. Spaces from _x padding and
 * `* ` fill do not change the number and are passed over. `shows`: numbers above zero (or
 * zero), below zero with their sign in the section, or below zero in a format's only section.
 */
function digitPattern(section: string, shows: 'positive' | 'negative' | 'minus added'): DigitPattern | null {
  const parts = sectionParts(section);
  const match = parts && DIGITS.exec(parts.digits);
  if (!parts || !match || !/[#0]/.test(parts.digits) || match[1]!.endsWith(',')) return null;
  const signShown = signOf(parts.before.trim(), parts.after.trim());
  if (signShown === null || (signShown === '') === (shows === 'negative')) return null;
  const before = shows === 'minus added' ? `-${parts.before}` : parts.before;
  const integer = match[1]!;
  const fraction = match[3] ?? '';
  return {
    integerDigits: [...integer].filter((c) => c === '0').length,
    grouping: integer.includes(','),
    point: match[2] !== undefined,
    minDecimals: [...fraction].filter((c) => c === '0').length,
    maxDecimals: fraction.length,
    percent: match[4] === '%',
    percentText: /[%％]/.test(parts.before + parts.after),
    sign: shows === 'minus added' ? '-' : signShown,
    around: parts.exact ? textAround(before, parts.after) : null,
  };
}

/** The text before and after the digits without blank space at the ends, or null where a fill is left inside it. */
function textAround(before: string, after: string): DigitPattern['around'] {
  const [shownBefore, shownAfter] = [before.trimStart(), after.trimEnd()];
  return (shownBefore + shownAfter).includes(FILL) ? null : { before: shownBefore, after: shownAfter };
}

/**
 * Whether a section for zero shows it as a dash, as 会计专用 does (_ * "-"_ , _(* "-"??_),
 * #,##0;-#,##0;"-"): no digit but the ? that pads a zero with a space, and no text but one dash
 * (- or —), padding, fill and a currency sign. Zero is then what it shows.
 */
function showsZeroAsDash(section: string): boolean {
  const parts = sectionParts(section);
  return parts !== null && /^\?*$/.test(parts.digits) && /^[-—]$/.test(`${parts.before}${parts.after}`.replace(/[\s¥￥$€£]/g, ''));
}

/**
 * The sign a section shows around its digits. Other text there is a currency or a unit the cell
 * shows with the number (¥60.00, 2次, 60元/分), no part of it; text with digits or a plus sign
 * shows something else.
 */
function signOf(before: string, after: string): DigitPattern['sign'] | null {
  if (/[\d+]/.test(before + after)) return null;
  const [b, a] = [before, after].map((text) => text.replace(/[^-()]/g, ''));
  if (b === '' && a === '') return '';
  if (b === '-' && a === '') return '-';
  if (b === '(' && a === ')') return '()';
  return null;
}

/**
 * How a number reads in a number format. Excel shows it from its 15 significant digits,
 * rounding half away from zero:
 * - `value`: the format shows the number itself (4 in 0, 4.5 in 0.00, 1234 in #,##0);
 * - `text`: what Excel shows, where that is the value a clerk typed: zero-padded whole numbers
 *   (1 in 0000 is 0001, an id; 1 in "ZW"0000 is ZW0001) and percentages (0.95 in 0% is 95%;
 *   0.5 in 0.0"%" is 0.5%), the text around the digits with them;
 * - `rounded`: Excel shows fewer decimals than the number has (4.4 in 0 shows 4);
 * - `unknown`: kaohe cannot render what Excel shows.
 */
type ShownNumber = { readonly value: number } | { readonly text: string } | { readonly rounded: string } | { readonly unknown: string };

export function showNumber(n: number, format: NumberFormat): ShownNumber {
  const pattern = n > 0 ? format.positive : n < 0 ? format.negative : format.zero;
  if (pattern === 'dash') return { value: 0 };
  if (!pattern || !Number.isFinite(n)) return { unknown: format.code };
  const { text, exact } = render(Math.abs(n), pattern);
  if (!/\d/.test(text)) return { unknown: format.code };
  const shown = n < 0 ? (pattern.sign === '()' ? `(${text})` : `-${text}`) : text;
  if (!exact) return { rounded: shown };
  const padded = pattern.integerDigits > 1 && !pattern.point && !pattern.grouping;
  if (!pattern.percent && !pattern.percentText && !padded) return { value: excelValue(n) };
  // Read as text, it is the whole text Excel shows (ZW0001), or nothing kaohe can render.
  return pattern.around ? { text: `${pattern.around.before}${text}${pattern.around.after}` } : { unknown: format.code };
}

/** A number ≥ 0 as the pattern shows it (sign apart), and whether that shows it exactly. */
function render(n: number, pattern: DigitPattern): { text: string; exact: boolean } {
  // n = mantissa digits × 10^exponent, on the 15 significant digits Excel shows.
  const [mantissa, power] = excelValue(n).toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const scale = Number(power) - (digits.length - 1) + (pattern.percent ? 2 : 0) + pattern.maxDecimals;
  let units = BigInt(digits);
  let exact = true;
  if (scale >= 0) units *= 10n ** BigInt(scale);
  else {
    const divisor = 10n ** BigInt(-scale);
    const rest = units % divisor;
    units /= divisor;
    exact = rest === 0n;
    if (2n * rest >= divisor) units += 1n;
  }
  const all = units.toString().padStart(pattern.maxDecimals + 1, '0');
  const integerPart = all.slice(0, all.length - pattern.maxDecimals).replace(/^0+/, '').padStart(pattern.integerDigits, '0');
  let fraction = all.slice(all.length - pattern.maxDecimals);
  while (fraction.length > pattern.minDecimals && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
  const grouped = pattern.grouping ? integerPart.replace(/\B(?=(\d{3})+$)/g, ',') : integerPart;
  return { text: `${grouped}${pattern.point ? '.' : ''}${fraction}${pattern.percent ? '%' : ''}`, exact };
}

/**
 * A stored number as Excel shows it, and so as kaohe reads it: on its 15 significant digits. A
 * script's 2.0000000000000004 (openpyxl, pandas) shows, and counts, as 2; 0.1 + 0.2 as 0.3.
 */
export function excelValue(n: number): number {
  // A whole number below 10^15 has at most 15 digits: as it is, without a string made for every id and count.
  return Number.isInteger(n) && Math.abs(n) < 1e15 ? n : Number(n.toPrecision(15));
}

/**
 * A number as Excel's General shows it in a column of the default width: at most 11 characters,
 * as many significant digits as fit (0.7222222222222222 → 0.722222222, 46328.72 as written).
 */
export function generalText(n: number): string {
  const whole = String(n);
  if (whole.length <= 11 || Math.abs(n) >= 1e11) return whole;
  for (let digits = 10; digits > 0; digits--) {
    const shown = String(Number(n.toPrecision(digits)));
    if (shown.length <= 11) return shown;
  }
  return whole;
}

/**
 * A punch cell Excel shows as a plain number (General or a number format: 0.722222222, 7.55,
 * 46328.72), not as a time: no documented export stores punches so (Excel times carry a time
 * format), and a clerk's 7.55 means 07:55, so none is read as a time. Epoch milliseconds (13
 * digits, DingTalk's API exports) are a stated instant, not such a number.
 */
export function isPlainNumberTime(value: unknown): value is number {
  return typeof value === 'number' && !isEpochMillis(value);
}

/** Epoch milliseconds from 2001 on are 13-digit numbers; Excel serials stay below 3 million. */
export function isEpochMillis(n: number): boolean {
  return n >= 1e12 && n < 1e13 && Number.isInteger(n);
}

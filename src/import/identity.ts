import type { CellValue } from '../read/table.js';
import { blankSet, isBlankValue } from './values.js';

/**
 * How exports write who a row is about (attendance-exports.md, "Who"): ids as numbers, as text
 * with leading zeros, or padded with trailing spaces; names with notes ([离职], （已离职）, a
 * nickname in brackets, an English name after a space); departments as paths or on two lines.
 */

/** An id as written, trimmed: numbers without a decimal part, text as is (leading zeros kept). */
export function idText(value: CellValue | undefined): string {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return '';
  return value.normalize('NFKC').trim();
}

const EMPTY_WORDS = blankSet();

/**
 * An id as written (idText), or '' for a blank cell or a word written for nothing: `blanks`, an
 * export's words, by default every export's (无, /, -, --, (-), 未打卡; attendance-exports.md "Empty values").
 */
export function writtenId(value: CellValue | undefined, blanks: ReadonlySet<string> = EMPTY_WORDS): string {
  return isBlankValue(value, blanks) ? '' : idText(value);
}

/** A number of only zeros (0, 0000): what a clerk writes for someone without a clock. */
export const onlyZeros = (number: string): boolean => /^0+$/.test(number);

/**
 * A 考勤号码 beside a name or 工号, an export's: blank, a word written for someone without a clock
 * (writtenId), or a number of only zeros is no number. A roster's zeros are kept (a device's user
 * 0 matches them) but make no roster "with clock numbers" (matchRoster).
 */
export function clockNumber(value: CellValue | undefined, blanks: ReadonlySet<string> = EMPTY_WORDS): string {
  const number = writtenId(value, blanks);
  return onlyZeros(number) ? '' : number;
}

/** The form ids are compared in: "0012", "12" and "12 " are one id. */
export function idKey(id: string): string {
  return /^\d+$/.test(id) ? id.replace(/^0+(?=\d)/, '') : id.toLowerCase();
}

/** A name's notes in brackets, as NFKC leaves them (（已离职） is (已离职) then): [离职], (小张), 【借调】, <临时>. */
export const NAME_NOTE = /\[[^\]]*\]|\([^)]*\)|【[^】]*】|<[^>]*>/g;

/** A name without its notes: 张三[离职], 张三（已离职）, 张三(小张), 张三 Tom → 张三. */
export function personName(value: CellValue | undefined): string {
  if (typeof value !== 'string' && typeof value !== 'number') return '';
  const text = String(value).normalize('NFKC').trim();
  const withoutNotes = text.replace(NAME_NOTE, ' ').trim();
  // An English name after a Chinese one: 张三 Tom, 张三 Tom Zhang
  const chinese = /^([\u3400-\u9fff·•]+)\s+[A-Za-z][A-Za-z .'-]*$/.exec(withoutNotes);
  return (chinese ? chinese[1]! : withoutNotes).replace(/\s+/g, '');
}

/** A department: the first of two lines, the last part of a "/" path (the unit itself). */
export function unitName(value: CellValue | undefined): string {
  if (typeof value !== 'string' && typeof value !== 'number') return '';
  const firstLine = String(value).normalize('NFKC').split(/\r?\n/)[0] ?? '';
  const parts = firstLine.split('/').map((p) => p.trim()).filter((p) => p !== '');
  return parts[parts.length - 1] ?? '';
}

import type { DateTimeShows } from '../core/dates.js';

/**
 * Which number formats make Excel show a number as a date or a time, and which part it shows.
 * Built-in formats have no code in the file, only an id; ids 27–36 and 50–58 are the ones
 * Excel's Chinese (zh-CN) locale defines (yyyy"年"m"月", 上午/下午h"时"mm"分" …).
 */
const BUILTIN: ReadonlyMap<number, DateTimeShows> = new Map([
  ...[14, 15, 16, 17, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58].map((id) => [id, 'date'] as const),
  ...[18, 19, 20, 21, 32, 33, 34, 35, 45, 47, 55, 56].map((id) => [id, 'time'] as const),
  [22, 'datetime'],
  [46, 'duration'],
]);

export function builtinFormatShows(id: number): DateTimeShows | null {
  return BUILTIN.get(id) ?? null;
}

/**
 * What a custom format code shows. Only the first section counts (the one for positive numbers).
 * Quoted text ("年"), backslash escapes, padding (_x) and fill (*x) characters are not format
 * letters, and [$-804], [DBNum1], [Red] and [>100] brackets are not either; [h], [mm] and [ss]
 * are elapsed time. Then y and d show a day; h, s, 上午/下午 and AM/PM a time; m is minutes
 * in a format that shows a time, otherwise the month. Scientific notation (0.00E+00) shows no date.
 */
export function customFormatShows(code: string): DateTimeShows | null {
  const section = firstSection(code);
  if (/\[(h+|m+|s+)\]/i.test(section)) return 'duration';
  const letters = section
    .replace(/"[^"]*"|\\.|_.|\*./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/上午\/下午|AM\/PM|A\/P/gi, 'h');
  if (/^\s*general\s*$/i.test(letters) || letters.includes('@')) return null;
  const day = /[yd]/i.test(letters);
  const time = /[hs]/i.test(letters);
  if (day || (/m/i.test(letters) && !time)) return time ? 'datetime' : 'date';
  return time ? 'time' : null;
}

/** The text up to the first ; outside quotes and brackets. */
function firstSection(code: string): string {
  let quoted = false;
  let bracket = false;
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    if (ch === '\\' && !quoted) i += 1;
    else if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '[') bracket = true;
    else if (!quoted && ch === ']') bracket = false;
    else if (!quoted && !bracket && ch === ';') return code.slice(0, i);
  }
  return code;
}

/**
 * CSV output for Excel (README: 得分表另存为 CSV，Excel 可直接打开; --json is for programs): UTF-8
 * with a BOM (so Chinese shows right); text that Excel would turn into a number, date, time,
 * percentage or TRUE/FALSE when it opens the file (工号 0001 → 1, a name 1e3 → 1000) written as
 * ="0001", which Excel shows as the text written and kaohe reads back as that text; other text
 * that starts with = + - @ (or a tab or carriage return) prefixed with ' so it is never run as a
 * formula.
 */
function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = LOOKS_LIKE_A_VALUE.test(value) ? `="${value}"` : /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * Text Excel may read as a value rather than text: digits with the marks numbers, dates and
 * times are written with (0001, 1e3, -5, 1,000, 2026-10-05, 10/5, 8:30, 50%, ¥60, 10月5日), or
 * TRUE/FALSE. Broad on purpose: a text kept as ="…" still shows exactly as written. No quote
 * can be in such a text, so ="…" needs no escaping inside.
 */
const LOOKS_LIKE_A_VALUE = /^[\s\d.,:/+\-eE%$¥()年月日时分秒]*\d[\s\d.,:/+\-eE%$¥()年月日时分秒]*$|^\s*(?:true|false)\s*$/i;

export function toCsv(rows: readonly (readonly (string | number | null)[])[]): Buffer {
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n', 'utf8')]);
}

import type { IsoDate } from '../core/dates.js';
import type { RawRow } from '../read/table.js';
import { cellText } from './header.js';
import { fold, parseExportDate } from './values.js';

/**
 * The days an export speaks for, from its title block: 统计日期：<from> 至 <to>, 考勤日期 : <from>
 * ~ <to>, 统计时间:MM-DD ～ MM-DD  制表时间:…, 考勤时间 <from> ~ <to>. A title naming a month
 * ("2026年11月考勤表") is not a range: hand-kept sheets keep stale titles.
 */
const RANGE_LABELS = ['统计日期', '考勤日期', '统计时间', '考勤时间', '统计区间', '统计周期', '日期范围', '考勤期间', '查询日期', '起止日期', '时间范围'];

const DATE = '(\\d{4}\\s*[-/.年]\\s*\\d{1,2}\\s*[-/.月]\\s*\\d{1,2}\\s*日?|\\d{1,2}\\s*[-/.月]\\s*\\d{1,2}\\s*日?)';
const UNTIL = '\\s*(?:至|到|~|～|—|–|-{1,2})\\s*';

export function parseRange(title: readonly RawRow[], labels: readonly string[], year: number | undefined): { first: IsoDate; last: IsoDate; row: number } | null {
  const pattern = new RegExp(`(?:${[...labels, ...RANGE_LABELS].join('|')})\\s*[:：]?\\s*${DATE}${UNTIL}${DATE}`);
  for (const row of title) {
    const text = fold(row.cells.map(cellText).filter((t) => t !== '').join(' '));
    const m = pattern.exec(text);
    if (!m) continue;
    const madeYear = /(?:制表|打印|导出|生成)(?:时间|日期)\s*[:：]?\s*(\d{4})/.exec(text)?.[1];
    const fallbackYear = madeYear ? Number(madeYear) : year;
    const first = parseExportDate(m[1]!.replace(/\s+/g, ''), fallbackYear)?.date;
    let last = parseExportDate(m[2]!.replace(/\s+/g, ''), first ? Number(first.slice(0, 4)) : fallbackYear)?.date;
    if (!first || !last) continue;
    // 12-26 ～ 01-25 without years crosses the new year
    if (last < first && !/\d{4}/.test(m[2]!)) last = parseExportDate(m[2]!.replace(/\s+/g, ''), Number(first.slice(0, 4)) + 1)?.date;
    if (!last || last < first) continue;
    return { first, last, row: row.row };
  }
  return null;
}

/** A month named in a title (2026年10月考勤表, 10月份考勤), not a date's (10月5日) nor a made-on line's. */
const TITLE_MONTH = /(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月(?!\s*\d)/;
const MADE_ON = /制表|打印|导出|生成/;

/**
 * The month a hand-kept sheet's title names, with the cell: the first title cell naming one.
 * Often stale (the clerk copies last month's sheet): it is checked against the days, never used
 * for them.
 */
export function titleMonth(title: readonly RawRow[]): { year: number | null; month: number; text: string; row: number; index: number } | null {
  for (const row of title) {
    for (const [index, cell] of row.cells.entries()) {
      const text = fold(cellText(cell));
      const m = MADE_ON.test(text) ? null : TITLE_MONTH.exec(text);
      const month = Number(m?.[2]);
      if (m && month >= 1 && month <= 12) return { year: m[1] === undefined ? null : Number(m[1]), month, text: m[0].replace(/\s+/g, ''), row: row.row, index };
    }
  }
  return null;
}

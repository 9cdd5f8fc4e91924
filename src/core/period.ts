import { isoDate, type IsoDate } from './dates.js';

/**
 * The assessment period: a month (2026-10), a half year (2026-H1) or a year (2026); for
 * attendance also any span of days (--from/--to, or the days an export covers).
 */
export interface Period {
  kind: 'month' | 'half' | 'year' | 'range';
  /** Canonical label, also used in JSON: "2026-10", "2026-H1", "2026". */
  label: string;
  year: number;
  first: IsoDate;
  last: IsoDate;
}

/** Whether a period begins its year (a month of January, a first half, a year): a year-span count starts afresh there. */
export function startsYear(period: Pick<Period, 'first'>): boolean {
  return period.first.endsWith('-01-01');
}

/**
 * The calendar years a period lies in, whole (2026-10 → 2026-01-01 to 2026-12-31): the days a
 * 请假 row of the period is counted over for the year's checks, and the calendar must know.
 */
export function periodYears(period: Pick<Period, 'first' | 'last'>): { first: IsoDate; last: IsoDate } {
  return { first: `${period.first.slice(0, 4)}-01-01` as IsoDate, last: `${period.last.slice(0, 4)}-12-31` as IsoDate };
}

function lastDayOfMonth(year: number, month: number): IsoDate {
  return isoDate(year, month, new Date(Date.UTC(year, month, 0)).getUTCDate()) as IsoDate;
}

export function monthPeriod(year: number, month: number): Period {
  return {
    kind: 'month',
    label: `${year}-${String(month).padStart(2, '0')}`,
    year,
    first: isoDate(year, month, 1) as IsoDate,
    last: lastDayOfMonth(year, month),
  };
}

/**
 * Parses the --period flag: 2026-10, 2026-H1 / 2026-H2, 2026, and as a clerk writes them (file
 * names in these forms are read too): 2026年10月, 2026/10, 2026.10, 2026年上半年, 2026年, 2026年度.
 */
export function parsePeriod(text: string): Period | null {
  const t = text
    .normalize('NFKC')
    .trim()
    .toUpperCase()
    .replace(/^(\d{4})\s*(?:年\s*(\d{1,2})\s*月|[./](\d{1,2}))$/, (_, year: string, month1?: string, month2?: string) => `${year}-${month1 ?? month2}`)
    .replace(/^(\d{4})\s*年?\s*([上下])半年$/, (_, year: string, half: string) => `${year}-H${half === '上' ? 1 : 2}`)
    .replace(/^(\d{4})\s*年度?$/, '$1');
  let m = /^(\d{4})-(\d{1,2})$/.exec(t);
  if (m) {
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? monthPeriod(Number(m[1]), month) : null;
  }
  m = /^(\d{4})-H([12])$/.exec(t);
  if (m) {
    const year = Number(m[1]);
    const firstHalf = m[2] === '1';
    return {
      kind: 'half',
      label: `${year}-H${m[2]}`,
      year,
      first: isoDate(year, firstHalf ? 1 : 7, 1) as IsoDate,
      last: lastDayOfMonth(year, firstHalf ? 6 : 12),
    };
  }
  m = /^(\d{4})$/.exec(t);
  if (m) {
    const year = Number(m[1]);
    return { kind: 'year', label: String(year), year, first: isoDate(year, 1, 1) as IsoDate, last: isoDate(year, 12, 31) as IsoDate };
  }
  return null;
}

/**
 * Finds the period in a file name: a month (2026-10.xlsx, 2026_10, 202610, 2026年10月), a half
 * year (2026-H2, 2026年下半年) or a year (2026年度, 2026.xlsx).
 */
export function periodFromFileName(fileName: string): Period | null {
  const name = fileName.normalize('NFKC');
  const half = /(20\d{2})\s*[-_ ]?\s*H([12])(?![0-9])/i.exec(name) ?? /(20\d{2})\s*年?\s*([上下])半年/.exec(name);
  if (half) return parsePeriod(`${half[1]}-H${half[2] === '上' || half[2] === '1' ? 1 : 2}`);
  const m = /(20\d{2})\s*(?:[-_.]|年)\s*(\d{1,2})(?:月|(?!\d))/.exec(name) ?? /(20\d{2})(0[1-9]|1[0-2])(?!\d)/.exec(name);
  if (m) {
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? monthPeriod(Number(m[1]), month) : null;
  }
  const year = /(20\d{2})\s*年度/.exec(name) ?? /(?:^|[^\d])(20\d{2})(?:\.[a-z]+)?$/i.exec(name);
  return year ? parsePeriod(year[1] as string) : null;
}

/** A span of days; a whole calendar month is the month itself. */
export function rangePeriod(first: IsoDate, last: IsoDate): Period {
  const year = Number(first.slice(0, 4));
  const month = Number(first.slice(5, 7));
  const whole = monthPeriod(year, month);
  if (whole.first === first && whole.last === last) return whole;
  return { kind: 'range', label: `${first}~${last}`, year, first, last };
}

export function periodContains(period: Period, date: IsoDate): boolean {
  return date >= period.first && date <= period.last;
}

/** "2026年10月" / "2026年上半年" / "2026年度" for notices and messages. */
export function periodChinese(period: Period): string {
  if (period.kind === 'month') return `${period.year}年${Number(period.label.slice(5))}月`;
  if (period.kind === 'half') return `${period.year}年${period.label.endsWith('H1') ? '上' : '下'}半年`;
  if (period.kind === 'range') {
    const [, m1, d1] = period.first.split('-').map(Number);
    const [y2, m2, d2] = period.last.split('-').map(Number);
    const first = `${period.year}年${m1}月${d1}日`;
    return period.first === period.last ? first : `${first}至${y2 === period.year ? '' : `${y2}年`}${m2}月${d2}日`;
  }
  return `${period.year}年度`;
}

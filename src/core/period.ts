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
 * How a period is written, as --period gives it whole ('flag') or a file name holds it among other
 * words ('name'), or both: a month (2026-10, 2026年10月, 2026/10, 2026.3, 2026_3, 202610), a half
 * year (2026-H1, 2026年上半年) or a year (2026年度; 2026, 2026年 as the flag; a name's last number,
 * 年度考核-2026.xlsx). Y is the year: any four digits in the flag, one of this century in a name;
 * after it, the month or the half (1, 2, 上, 下), not followed by another digit. The first form
 * that matches is taken.
 */
const PERIOD_FORMS: readonly { kind: Period['kind']; form: string; where: 'flag' | 'name' | 'both' }[] = [
  { kind: 'half', form: String.raw`Y\s*[-_ ]?\s*H([12])(?!\d)`, where: 'both' },
  { kind: 'half', form: String.raw`Y\s*年?\s*([上下])半年`, where: 'both' },
  { kind: 'month', form: String.raw`Y\s*年\s*(\d{1,2})\s*月`, where: 'flag' },
  { kind: 'month', form: String.raw`Y\s*[-_./]\s*(\d{1,2})(?!\d)`, where: 'flag' },
  // In a name, one form, so a name of two months is read by its first (2026-09与2026年10月 is
  // 2026-09); 2026年10考核.xlsx names its month, where --period 2026年10 is refused as a slip.
  { kind: 'month', form: String.raw`Y\s*(?:[-_./]|年)\s*(\d{1,2})(?:\s*月|(?!\d))`, where: 'name' },
  { kind: 'month', form: String.raw`Y(0[1-9]|1[0-2])(?!\d)`, where: 'both' },
  { kind: 'year', form: String.raw`Y\s*年度`, where: 'both' },
  { kind: 'year', form: String.raw`Y\s*年?`, where: 'flag' },
  { kind: 'year', form: String.raw`(?<!\d)Y(?:\.[a-z]+)?$`, where: 'name' },
];

/** The forms of the flag or of a name as patterns (case aside: 2026-h1): the flag's whole text, or found anywhere in a name. */
const formsOf = (where: 'flag' | 'name', year: string) =>
  PERIOD_FORMS.filter((f) => f.where === where || f.where === 'both').map((f) => {
    const source = f.form.replace('Y', year);
    return { kind: f.kind, pattern: new RegExp(where === 'flag' ? `^(?:${source})$` : source, 'i') };
  });
const FLAG_FORMS = formsOf('flag', String.raw`(\d{4})`);
const NAME_FORMS = formsOf('name', String.raw`(20\d{2})`);

/** The period of the first form that matches `text`; null when none does, or its month is none (2026-13). */
function periodIn(text: string, forms: typeof FLAG_FORMS): Period | null {
  for (const { kind, pattern } of forms) {
    const m = pattern.exec(text);
    if (!m) continue;
    const year = Number(m[1]);
    if (kind === 'year') return { kind, label: String(year), year, first: isoDate(year, 1, 1) as IsoDate, last: isoDate(year, 12, 31) as IsoDate };
    if (kind === 'half') {
      const half = m[2] === '1' || m[2] === '上' ? 1 : 2;
      return { kind, label: `${year}-H${half}`, year, first: isoDate(year, half === 1 ? 1 : 7, 1) as IsoDate, last: lastDayOfMonth(year, half === 1 ? 6 : 12) };
    }
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? monthPeriod(year, month) : null;
  }
  return null;
}

/** Parses the --period flag (PERIOD_FORMS): 2026-10, 2026-H1 / 2026-H2, 2026, and as a clerk writes them: 2026年10月, 2026/10, 2026年上半年, 2026年度. */
export function parsePeriod(text: string): Period | null {
  return periodIn(text.normalize('NFKC').trim(), FLAG_FORMS);
}

/** Finds the period in a file name (PERIOD_FORMS): 2026-10.xlsx, 202610, 2026年10月考核, 2026-H2, 2026年下半年, 2026年度, 2026.xlsx. */
export function periodFromFileName(fileName: string): Period | null {
  return periodIn(fileName.normalize('NFKC'), NAME_FORMS);
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

/** Months as yyyy-mm ("2026-09", "2026-10") said in Chinese: 2026年9月、2026年10月. */
export function monthsChinese(months: readonly string[]): string {
  return months.map((m) => periodChinese(monthPeriod(Number(m.slice(0, 4)), Number(m.slice(5, 7))))).join('、');
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

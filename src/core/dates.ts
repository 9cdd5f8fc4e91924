/**
 * Calendar dates as ISO strings (YYYY-MM-DD). Workbook dates are calendar dates in China time;
 * exceljs hands them over as UTC midnight, so only UTC getters are used here.
 */
export type IsoDate = string & { readonly __isoDate: unique symbol };

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

export function isoDate(year: number, month: number, day: number): IsoDate | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  if (year < 1900 || year > 2999) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` as IsoDate;
}

export function fromJsDate(d: Date): IsoDate | null {
  if (Number.isNaN(d.getTime())) return null;
  // A date-time cell (e.g. 2026-10-05 08:03) still names one calendar day.
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function fromExcelSerial(serial: number): IsoDate | null {
  if (!Number.isFinite(serial) || serial < 1) return null;
  return fromJsDate(new Date(EXCEL_EPOCH_MS + Math.floor(serial) * DAY_MS));
}

/**
 * Reads the ways clerks type a date: 2026-10-05, 2026/10/5, 2026.10.5, 2026年10月5日, 20261005,
 * and 10月5日 or 10-5 (year taken from the period).
 */
export function parseDateText(text: string, defaultYear?: number): IsoDate | null {
  const t = text.normalize('NFKC').replace(/\s+/g, '');
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[-/.月](\d{1,2})日?$/.exec(t);
  if (m && defaultYear !== undefined) return isoDate(defaultYear, Number(m[1]), Number(m[2]));
  return null;
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** "2026-11-23" → "2026年11月23日" for notices. */
export function formatChineseDate(date: string): string {
  const [year, month, day] = date.split('-');
  return `${year}年${Number(month)}月${Number(day)}日`;
}

/** "2026-10-05" → "10月5日" for Chinese summaries. */
export function shortChineseDate(date: IsoDate): string {
  const [, month, day] = date.split('-');
  return `${Number(month)}月${Number(day)}日`;
}

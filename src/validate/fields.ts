import * as z from 'zod';
import { format, parsePoints, roundPoints, type Hundredths } from '../core/decimal.js';
import { parseDateText, type IsoDate } from '../core/dates.js';
import { problem, type Problem, type ProblemCode } from '../core/problems.js';
import { cleanName, cleanText, shownName } from '../core/text.js';
import { isBlank } from '../read/header.js';
import { dateFromCell, locate, shownValue, type CellValue, type Table } from '../read/table.js';

/**
 * Zod schemas for single cells. A failing cell adds an issue whose params carry the problem
 * code and its arguments; parseRows turns those into located Problems. One row's failures are
 * all collected, and every row is parsed, so a sheet reports all its problems at once.
 */
export const cell = {
  /**
   * A cell's schema: the function reads the cell as Excel shows it, or adds the problem. A plain
   * transform, not a check piped into one: zod's pipe tripled the time of validating a city
   * month's records (every cell of every row passes through it). The function is kept beside
   * the schema for rowParser, which calls it directly.
   */
  transform: <O>(read: CellReader<O>): CellSchema<O> => Object.assign(z.transform<CellValue, O>(read), { readCell: read }),
};

/** What reading a cell may do besides giving its value: add the problem it found; and the workbook's date system (RawTable's date1904). */
export type CellContext = Pick<z.RefinementCtx, 'addIssue'> & { date1904?: true };
type CellReader<O> = (value: CellValue, ctx: CellContext) => O;
/** A cell's zod schema with its reading function at hand. */
type CellSchema<O> = z.ZodTransform<Awaited<O>, CellValue> & { readonly readCell: CellReader<O> };

function fail(ctx: CellContext, code: ProblemCode, args: Record<string, string | number> = {}): typeof z.NEVER {
  ctx.addIssue({ code: 'custom', message: code, params: { problem: code, args } });
  return z.NEVER;
}

function shown(value: CellValue): string {
  return shownValue(value);
}

export const optionalText = cell.transform((v) => (isBlank(v) ? '' : cleanText(shown(v))));

/** Ids and names: spaces removed, full-width folded; ids stay text so leading zeros survive. */
export const optionalName = cell.transform((v) => (isBlank(v) ? '' : cleanName(shown(v))));

export const requiredName = cell.transform((v, ctx) => (isBlank(v) ? fail(ctx, 'value_required') : cleanName(shown(v))));

/** The roster's 姓名 and 窗口: kept as written for showing (shownName); other sheets' names are matched to them by cleanName. */
export const requiredShownName = cell.transform((v, ctx) => (isBlank(v) ? fail(ctx, 'value_required') : shownName(shown(v))));

/**
 * Dates any input may hold: a year outside is a slip (5 typed into a date cell is serial 5,
 * 1900-01-05; 2062 for 2026).
 */
const PLAUSIBLE_DATES = { first: '1950-01-01' as IsoDate, last: '2099-12-31' as IsoDate };

function plausibleDate(v: CellValue, defaultYear: number | undefined, ctx: CellContext): IsoDate {
  const day = dateFromCell(v, defaultYear, ctx.date1904 === true);
  if (day === null) return fail(ctx, 'date_invalid', { value: shown(v) });
  if (day < PLAUSIBLE_DATES.first || day > PLAUSIBLE_DATES.last) return fail(ctx, 'date_implausible', { value: day, cell: shown(v), ...PLAUSIBLE_DATES });
  return day;
}

/**
 * plausibleDate, each text read once per column schema: a month's 20,000 rows of 记录 hold some
 * thirty date texts. Only days are kept; a text that fails is read again to say its problem.
 */
function textDates(defaultYear: number | undefined): (v: CellValue, ctx: CellContext) => IsoDate {
  const known = new Map<string, IsoDate>();
  return (v, ctx) => {
    const seen = typeof v === 'string' ? known.get(v) : undefined;
    if (seen !== undefined) return seen;
    const day = plausibleDate(v, defaultYear, ctx);
    if (typeof v === 'string' && typeof day === 'string') known.set(v, day);
    return day;
  };
}

/** Excel dates, serials, and dates typed as text (2026-10-05, 2026/10/5, 2026年10月5日, 20261005, 10月5日). */
export function date(defaultYear: number | undefined) {
  const read = textDates(defaultYear);
  return cell.transform((v, ctx): IsoDate => (isBlank(v) ? fail(ctx, 'value_required') : read(v, ctx)));
}

export function optionalDate(defaultYear: number | undefined) {
  const read = textDates(defaultYear);
  return cell.transform((v, ctx): IsoDate | null => (isBlank(v) ? null : read(v, ctx)));
}

/**
 * A month as "2026-03": from 2026-03, 2026年3月, 3月 or a number 1–12 (year of the period), or
 * any date in it. A number reaches here only from a cell whose format shows a number (the reader
 * makes a date-formatted one a date): Excel shows 3, the month, not serial 3 (1900-01-03). Any
 * other number is a serial, as in a date column, if it is a plausible date: 13 is no month.
 */
export function monthOf(defaultYear: number) {
  return cell.transform((v, ctx): string => {
    if (isBlank(v)) return fail(ctx, 'value_required');
    if (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 12) return `${defaultYear}-${String(v).padStart(2, '0')}`;
    if (typeof v === 'string') {
      const t = v.normalize('NFKC').replace(/\s+/g, '');
      const m = /^(?:(\d{4})[-/.年])?(\d{1,2})月?$/.exec(t);
      if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return `${m[1] ?? defaultYear}-${m[2]!.padStart(2, '0')}`;
    }
    const day = dateFromCell(v, defaultYear, ctx.date1904 === true) ?? (typeof v === 'string' ? parseDateText(`${v}-01`, defaultYear) : null);
    const plausible = day !== null && (typeof v !== 'number' || (day >= PLAUSIBLE_DATES.first && day <= PLAUSIBLE_DATES.last));
    return plausible ? day.slice(0, 7) : fail(ctx, 'month_invalid', { value: shown(v) });
  });
}

/**
 * 次数: a number ≥ 0.5 in half steps, default 1; whole unless the rule counts days (countsHalfDays,
 * checked once the rule is known), and its upper limit depends on the rule (limits.ts). Text
 * must be plain decimal digits, a half written .5 (full-width folded, spaces around trimmed):
 * 0x2, 1e1, +2 and 2.0 are refused rather than guessed at.
 */
export const count = cell.transform((v, ctx): number => {
  if (isBlank(v)) return 1;
  const text = typeof v === 'string' ? v.normalize('NFKC').trim() : null;
  const n = typeof v === 'number' ? v : text !== null && /^\d+(?:\.5)?$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(n * 2) || n < 0.5) return fail(ctx, 'count_invalid', { value: shown(v) });
  return n;
});

/** A points text as parsed: full-width folded, 分 and spaces dropped, a typographic minus made '-'. */
function pointsText(v: string): string {
  return v.normalize('NFKC').replace(/[分\s]/g, '').replace(/^[−–]/, '-');
}

/**
 * A number of points with at most two decimals, without its sign: clerks write a deduction −3 or
 * 3 alike. writtenSign tells whether a sign was written, to check it against the item's.
 */
export const optionalPoints = cell.transform((v, ctx): Hundredths | null => {
  if (isBlank(v)) return null;
  const { text, parsed } = pointsCell(v, pointsText);
  if (parsed === null) return refusePoints(v, text, ctx);
  return Math.abs(parsed) as Hundredths;
});

/** A points cell as parsePoints reads it: its text as `clean` makes it (full-width digits folded, trimmed) and the points, or null. */
function pointsCell(v: CellValue, clean: (text: string) => string = (text) => text.normalize('NFKC').trim()): { text: CellValue; parsed: Hundredths | null } {
  const text = typeof v === 'string' ? clean(v) : v;
  return { text, parsed: typeof text === 'number' || typeof text === 'string' ? parsePoints(text) : null };
}

/**
 * Why a points cell is refused (`text` as parsePoints was given it): a number is said to be one,
 * below 0 where that is refused, or with a third decimal (=1/3 shows 0.333333333333333), to be
 * written rounded as offered; anything else is no number.
 */
function refusePoints(v: CellValue, text: CellValue, ctx: CellContext, negativeRefused = false): typeof z.NEVER {
  const number = typeof text === 'number' || typeof text === 'string' ? roundPoints(text) : null;
  if (number === null) return fail(ctx, 'number_invalid', { value: shown(v) });
  if (negativeRefused && number < 0) return fail(ctx, 'number_negative', { value: shown(v) });
  return fail(ctx, 'number_decimals', { value: shown(v), rounded: format(number) });
}

/** The sign written in a points cell: −1 for a negative number or a text led by a minus, +1 for a text led by '+', 0 for none. */
export function writtenSign(v: CellValue): -1 | 0 | 1 {
  if (typeof v === 'number') return v < 0 ? -1 : 0;
  if (typeof v !== 'string') return 0;
  const text = pointsText(v);
  return text.startsWith('-') ? -1 : text.startsWith('+') ? 1 : 0;
}

/** A committee mark or a month's base: a number ≥ 0 with at most two decimals. */
export const requiredPoints = cell.transform((v, ctx): Hundredths => {
  if (isBlank(v)) return fail(ctx, 'value_required');
  const { text, parsed } = pointsCell(v);
  return parsed !== null && parsed >= 0 ? parsed : refusePoints(v, text, ctx, true);
});

/**
 * A percentage: "96", "96%", "96.5%" → 96 / 96.5. A cell in a percent format arrives as the text
 * it shows (96%), so a number here is one shown as itself: from 0 to 1 it is a rate written as a
 * fraction (0.96 typed, or =办结数/受理数 in General or 0.00), so 0.96 → 96; above 1, the percentage.
 * Text without a % sign is read as the number it shows, by the same rule: a CSV's cells are all
 * text, and "0.96" there is the 0.96 a workbook's number cell holds, not 0.96%.
 */
export const percent = cell.transform((v, ctx): Hundredths => {
  if (isBlank(v)) return fail(ctx, 'value_required');
  const written = percentWritten(v);
  const parsed = written === null ? null : written.fraction ? parsePoints(asPercent(written.value)) : parsePoints(written.value);
  if (parsed !== null && parsed >= 0 && parsed <= 10000) return parsed;
  const finer = percentFinerThanHundredths(written);
  return finer ? fail(ctx, 'percent_decimals', { value: shown(v), ...finer }) : fail(ctx, 'percent_invalid', { value: shown(v) });
});

/** A number from 0 to 1 written plainly (0.96, .5, 1, 1.00): a rate as a fraction. */
const FRACTION_TEXT = /^(?:0*(?:\.\d+)?|0*1(?:\.0*)?)$/;

/** A percent cell's number (the % sign taken off), and whether it is a fraction of 1 (0.96) rather than a percentage (96, 96%). */
function percentWritten(v: CellValue): { value: number | string; fraction: boolean } | null {
  if (typeof v === 'number') return { value: v, fraction: v >= 0 && v <= 1 };
  if (typeof v !== 'string') return null;
  const text = v.normalize('NFKC').trim();
  if (text.endsWith('%')) return { value: text.slice(0, -1), fraction: false };
  return { value: text, fraction: text !== '' && FRACTION_TEXT.test(text) };
}

/** A fraction of 1 as a percentage, to 12 significant digits (0.1 × 100 is 10.000000000000002). */
function asPercent(fraction: number | string): number {
  return Number((Number(fraction) * 100).toPrecision(12));
}

/**
 * A percentage between 0 and 100 that is refused only for its third (or later) decimal: 99.999,
 * or 0.99999 as a fraction. Its percent as plain text and how many decimals it has, else null.
 */
function percentFinerThanHundredths(written: { value: number | string; fraction: boolean } | null): { percent: string; decimals: number } | null {
  if (written === null) return null;
  const { value, fraction } = written;
  const text = fraction ? String(asPercent(value)) : typeof value === 'number' ? String(Number(value.toPrecision(12))) : value;
  const match = /^\d*\.(\d*[1-9])0*$/.exec(text);
  if (!match || Number(text) > 100) return null;
  const decimals = (match[1] ?? '').length;
  return decimals > 2 ? { percent: text.replace(/0+$/, ''), decimals } : null;
}

/** A rating on a 0–100 scale. */
export const peerScore = cell.transform((v, ctx): Hundredths => {
  if (isBlank(v)) return fail(ctx, 'value_required');
  const { text, parsed } = pointsCell(v);
  if (parsed === null) return refusePoints(v, text, ctx);
  if (parsed < 0 || parsed > 10000) return fail(ctx, 'peer_score_out_of_range', { value: shown(v) });
  return parsed;
});

interface ParsedRow<T> {
  row: number;
  value: T;
}

/** A row's schema: a zod object of cell schemas. */
type RowSchema<K extends string> = z.ZodObject<Record<K, CellSchema<unknown>>>;

/**
 * Parses every row of a table with a zod object schema of cell schemas. Rows with problems are
 * left out of the result; their problems (each with file, sheet, row and column) are returned.
 */
export function parseRows<K extends string, S extends RowSchema<K>>(table: Table<K>, schema: S): { rows: ParsedRow<z.output<S>>[]; problems: Problem[] } {
  const rows: ParsedRow<z.output<S>>[] = [];
  const problems: Problem[] = [];
  const parse = rowParser(table, schema, problems);
  for (const { row, values } of table.rows) {
    const value = parse(row, values);
    if (value !== null) rows.push({ row, value });
  }
  return { rows, problems };
}

/**
 * The rows of one table parsed one after another, as parseRows parses each: its value, or null
 * with its problems added to `problems`. Each cell is read by its schema's own function, in the
 * object's key order, as the object's safeParse would read it: the same values and problems in
 * the same order, without zod's per-cell bookkeeping, which was more than half of validating a
 * city month's 记录. The keys, cell readers and reading context are set up once per table.
 */
export function rowParser<K extends string, S extends RowSchema<K>>(
  table: Pick<Table<K>, 'file' | 'sheet' | 'columns' | 'date1904'>,
  schema: S,
  problems: Problem[],
): (row: number, values: Table<K>['rows'][number]['values']) => z.output<S> | null {
  const keys = Object.keys(schema.shape) as K[];
  const readers = keys.map((k) => schema.shape[k].readCell);
  // The row and cell being read, for a problem to be said at.
  let row = 0;
  let key: K;
  let failed = false;
  const ctx: CellContext = {
    addIssue: (issue) => {
      failed = true;
      const params = typeof issue === 'string' ? undefined : (issue.params as { problem?: ProblemCode; args?: Record<string, string | number> } | undefined);
      problems.push(problem(params?.problem ?? 'value_required', locate(table, row, table.columns.find((c) => c.key === key)), params?.args ?? {}));
    },
    ...(table.date1904 ? { date1904: true } : {}),
  };
  return (at, values) => {
    row = at;
    failed = false;
    const value: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      key = keys[i]!;
      value[key] = readers[i]!(values[key], ctx);
    }
    return failed ? null : (value as z.output<S>);
  };
}

import { parseShiftText, withGrace, type Hours, type Season, type WorkShift } from '../calendar/hours.js';
import { isoDate, LocalDateTime, parseDateText, type DateRange, type IsoDate } from '../core/dates.js';
import type { Period } from '../core/period.js';
import { settingsSheet, type SettingKey } from '../core/input-sheets.js';
import { problem, type Problem } from '../core/problems.js';
import type { CellValue } from '../read/table.js';
import type { SettingsRead } from './workbook.js';

/** Working-hours flags; they override the 设置 sheet, which overrides the scheme's hours. */
export interface HoursFlags {
  hours?: string;
  summerHours?: string;
  winterHours?: string;
  summerStart?: string;
  winterStart?: string;
  grace?: string;
}

/** The 设置 key each hours flag stands for (the flag wins over the sheet). */
export const HOURS_SETTINGS = {
  hours: '作息时间',
  summerHours: '夏季作息时间',
  winterHours: '冬季作息时间',
  summerStart: '夏季开始',
  winterStart: '冬季开始',
  grace: '迟到宽限分钟',
} as const satisfies Record<keyof HoursFlags, SettingKey>;

/** What a 设置 value should have been: worded in src/messages.ts (setting_invalid). */
type SettingExpected = 'minutes' | 'hours' | 'month_day' | 'other_month_day' | 'date' | 'date_from';
type Invalid = (key: SettingKey, value: string, expected: SettingExpected, args?: Record<string, string>) => void;
/** 考勤起始日期 after the period, or 考勤截止日期 before it: said at that setting's cell. */
type Outside = (args: { key: SettingKey; value: IsoDate; side: 'before' | 'after' }) => void;
/** A season's hours in 设置 that are not its 作息时间 (all year). */
type Differs = (key: typeof HOURS_SETTINGS.summerHours | typeof HOURS_SETTINGS.winterHours) => void;

/** 夏季开始 and 冬季开始: a day of every year, written month-day. */
const MONTH_DAY_KEYS: ReadonlySet<SettingKey> = new Set([HOURS_SETTINGS.summerStart, HOURS_SETTINGS.winterStart]);

/**
 * A 夏季开始 or 冬季开始 date cell as its month-day (5月1日 → 05-01); null for any other cell.
 * Typing 05-01 in Excel makes a date of the current year shown as 5月1日: what the clerk typed
 * and sees is a month and a day, and a season starts on that day every year, so the year Excel
 * stored with it is no part of the setting.
 */
export function monthDayCellText(key: SettingKey, value: CellValue | undefined): string | null {
  if (!MONTH_DAY_KEYS.has(key) || !(value instanceof LocalDateTime) || value.shows !== 'date') return null;
  return `${String(value.month).padStart(2, '0')}-${String(value.day).padStart(2, '0')}`;
}

/** A time cell as Excel's h:mm shows it (0:05, the format typing 0:05 gives); any other date-time cell as read. */
function shownTime(value: LocalDateTime): string {
  if (value.shows !== 'time' && value.shows !== 'duration') return String(value);
  const minutes = Math.floor(value.seconds / 60) % 60;
  const seconds = value.seconds % 60;
  return `${Math.floor(value.seconds / 3600)}:${String(minutes).padStart(2, '0')}${seconds ? `:${String(seconds).padStart(2, '0')}` : ''}`;
}

/**
 * The hours a run applies and the days its punches cover. From the command line, else the 设置
 * sheet, else the scheme: 作息时间 (all year), or 夏季/冬季作息时间 with 夏季开始/冬季开始 (the
 * scheme's 夏季/冬季 seasons otherwise), 迟到宽限分钟 for every session, and 考勤起始日期 /
 * 考勤截止日期 (an export's 统计日期) for the covered range.
 */
export function attendanceHours(
  scheme: Hours,
  { settings, settingCells }: SettingsRead,
  flags: HoursFlags,
  file: string,
  period: Period,
): { hours: Hours; covered: DateRange | null; problems: Problem[] } {
  const problems: Problem[] = [];
  // A setting's cell, or the sheet where the value came from elsewhere.
  const cellAt = (key: SettingKey) => settingCells.get(key)?.at ?? { file, sheet: settingsSheet.names[0] };
  const flagged = new Set<SettingKey>(Object.entries(HOURS_SETTINGS).filter(([flag]) => flags[flag as keyof HoursFlags] !== undefined).map(([, key]) => key));
  const invalid: Invalid = (key, value, expected, args = {}) => {
    // A value from the command line has no cell: it is said at the sheet, as before.
    const cell = flagged.has(key) ? undefined : settingCells.get(key);
    const at = cell?.at ?? { file, sheet: settingsSheet.names[0] };
    // 0:05 typed for 5 minutes is a time cell: said as Excel shows it, with the way to write minutes.
    if (expected === 'minutes' && cell?.value instanceof LocalDateTime) problems.push(problem('setting_minutes_time', at, { key, value: shownTime(cell.value) }));
    else problems.push(problem('setting_invalid', at, { key, value, expected, ...args }));
  };
  // Said at the season's cell, naming 作息时间's row: the clerk keeps one of the two.
  const differs: Differs = (key) => {
    const other = HOURS_SETTINGS.hours;
    problems.push(problem('setting_hours_differ', cellAt(key), { key, value: settings.get(key) ?? '', other, otherValue: settings.get(other) ?? '', otherRow: settingCells.get(other)?.at.row ?? 0 }));
  };
  const hours = workingHours(scheme, settings, flags, invalid, differs);
  const outside: Outside = (args) => problems.push(problem('setting_covered_outside_period', cellAt(args.key), { ...args, first: period.first, last: period.last }));
  return { hours, covered: coveredRange(settings, period, invalid, outside), problems };
}

/** The hours a run applied, for the 说明 sheet: its values were checked (and reported) when it read them. */
export function hoursApplied(scheme: Hours, settings: ReadonlyMap<string, string>, flags: HoursFlags): Hours {
  return workingHours(scheme, settings, flags, () => undefined, () => undefined);
}

/**
 * A season's flag gives that season, whatever 设置 says; --hours (else 作息时间) the seasons no
 * flag gives, else 设置's 夏季/冬季作息时间, else the scheme's. 作息时间 beside a season's own
 * hours that differ is a problem for a season no flag gives: which the clerk meant is not guessed.
 */
function workingHours(scheme: Hours, settings: ReadonlyMap<string, string>, flags: HoursFlags, invalid: Invalid, differs: Differs): Hours {
  const value = (key: SettingKey, flag: string | undefined) => flag ?? (settings.get(key) || undefined);
  const graceText = value(HOURS_SETTINGS.grace, flags.grace);
  let grace = scheme.grace;
  if (graceText !== undefined) {
    const minutes = Number(graceText.normalize('NFKC').replace(/分钟?$/, ''));
    if (!Number.isInteger(minutes) || minutes < 0 || minutes > 120) invalid(HOURS_SETTINGS.grace, graceText, 'minutes');
    else grace = minutes * 60;
  }
  const shift = (key: SettingKey, flag: string | undefined): WorkShift | undefined => {
    const text = value(key, flag);
    if (text === undefined) return undefined;
    const parsed = parseShiftText(text, scheme.shifts, grace);
    if (!parsed || parsed.kind !== 'work') invalid(key, text, 'hours');
    return parsed?.kind === 'work' ? parsed : undefined;
  };
  const monthDay = (key: SettingKey, flag: string | undefined) => {
    const text = value(key, flag);
    if (text === undefined) return undefined;
    const m = /^(\d{1,2})[-/.月](\d{1,2})日?$/.exec(text.normalize('NFKC').trim());
    // A day of every year: 02-29 is one (a leap year's), 02-31 and 04-31 are none.
    if (!m || isoDate(2000, Number(m[1]), Number(m[2])) === null) {
      invalid(key, text, 'month_day');
      return undefined;
    }
    return `${m[1]!.padStart(2, '0')}-${m[2]!.padStart(2, '0')}`;
  };

  const allYear = shift(HOURS_SETTINGS.hours, flags.hours);
  const seasonal = {
    summer: shift(HOURS_SETTINGS.summerHours, flags.summerHours),
    winter: shift(HOURS_SETTINGS.winterHours, flags.winterHours),
    summerStart: monthDay(HOURS_SETTINGS.summerStart, flags.summerStart),
    winterStart: monthDay(HOURS_SETTINGS.winterStart, flags.winterStart),
  };
  const regraced = (s: WorkShift) => (graceText === undefined ? s : withGrace(s, grace));
  const flagged = { summer: flags.summerHours === undefined ? undefined : seasonal.summer, winter: flags.winterHours === undefined ? undefined : seasonal.winter };
  if (allYear && flags.hours === undefined) {
    if (!flagged.summer && seasonal.summer && !sameHours(seasonal.summer, allYear)) differs(HOURS_SETTINGS.summerHours);
    if (!flagged.winter && seasonal.winter && !sameHours(seasonal.winter, allYear)) differs(HOURS_SETTINGS.winterHours);
  }
  // The hours each season is given: all year's, but for a season a flag gives.
  const given = allYear ? { ...seasonal, summer: flagged.summer ?? allYear, winter: flagged.winter ?? allYear } : seasonal;
  let seasons: readonly Season[];
  if (allYear && !flagged.summer && !flagged.winter) seasons = [{ name: '全年', from: '01-01', shift: { ...allYear, label: '全年' } }];
  else if (Object.values(given).some((v) => v !== undefined)) {
    const named = (name: string) => scheme.seasons.find((s) => s.name === name) ?? (scheme.seasons.length === 1 ? scheme.seasons[0] : undefined);
    const summer = named('夏季');
    const winter = named('冬季');
    seasons = [
      { name: '夏季', from: given.summerStart ?? summer?.from ?? '05-01', shift: { ...(given.summer ?? regraced(summer?.shift ?? scheme.seasons[0]!.shift)), label: '夏季' } },
      { name: '冬季', from: given.winterStart ?? winter?.from ?? '10-01', shift: { ...(given.winter ?? regraced(winter?.shift ?? scheme.seasons[0]!.shift)), label: '冬季' } },
    ].sort((a, b) => (a.from < b.from ? -1 : 1));
    // Said at the start that was given (冬季开始 when both were), naming the other.
    const [start, other] = seasonal.winterStart !== undefined ? [HOURS_SETTINGS.winterStart, HOURS_SETTINGS.summerStart] : [HOURS_SETTINGS.summerStart, HOURS_SETTINGS.winterStart];
    if (seasons[0]!.from === seasons[1]!.from) invalid(start, seasons[1]!.from, 'other_month_day', { other });
  } else seasons = scheme.seasons.map((s) => ({ ...s, shift: regraced(s.shift) }));
  const shifts = graceText === undefined ? scheme.shifts : new Map([...scheme.shifts].map(([name, s]) => [name, withGrace(s, grace)]));
  return { ...scheme, seasons, shifts, grace };
}

/** Two shifts alike but for their labels (08:30-12:00 and 8:30-12:00). */
function sameHours(a: WorkShift, b: WorkShift): boolean {
  return JSON.stringify({ ...a, label: '' }) === JSON.stringify({ ...b, label: '' });
}

/** 考勤起始日期 / 考勤截止日期; either alone runs to the period's edge. */
function coveredRange(settings: ReadonlyMap<string, string>, period: Period, invalid: Invalid, outside: Outside): DateRange | null {
  const outsidePeriod = (key: SettingKey, value: IsoDate, side: 'before' | 'after') => {
    outside({ key, value, side });
    return null;
  };
  const day = (key: SettingKey): IsoDate | null | undefined => {
    const text = settings.get(key);
    if (!text) return undefined;
    const parsed = parseDateText(text, period.year);
    if (!parsed) invalid(key, text, 'date');
    return parsed;
  };
  const first = day('考勤起始日期');
  const last = day('考勤截止日期');
  if (first === undefined && last === undefined) return null;
  if (first === null || last === null) return null;
  // A range that misses the period (设置 copied from last month's workbook) leaves no day to judge:
  // every punch of the period would go unused and every late and absence with it.
  if (last && last < period.first) return outsidePeriod('考勤截止日期', last, 'before');
  if (first && first > period.last) return outsidePeriod('考勤起始日期', first, 'after');
  const range = { first: first ?? period.first, last: last ?? period.last };
  if (range.last < range.first) {
    invalid('考勤截止日期', range.last, 'date_from', { other: '考勤起始日期', first: range.first });
    return null;
  }
  return range;
}

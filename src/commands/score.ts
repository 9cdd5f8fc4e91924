import { basename } from 'node:path';
import type { Hundredths } from '../core/decimal.js';
import { parsePeriod, periodFromFileName, periodYears, type Period } from '../core/period.js';
import type { CalendarSource } from '../calendar/calendar.js';
import { dayRunsText } from '../messages/attendance.js';
import { runContext, type RunContext } from './context.js';
import { notAFileProblem } from '../core/files.js';
import { hasErrors, InputError, problem, UsageError, type Problem } from '../core/problems.js';
import { deriveAttendance, leaveHalfDays, type AttendanceEvent, type LeaveHalfDay, type PersonAttendance } from '../derive/attendance.js';
import { leaveClashes, leaveLengthsDiffering, untypedLeaveDays } from '../derive/leaves.js';
import { leaveRuleHints, type EarlierLeave } from '../derive/leave-rules.js';
import { daysNobodyPunched, twoPunchHint } from '../derive/punch-hints.js';
import { Schedule } from '../calendar/schedule.js';
import { defaultAttendanceRules, type AttendanceRules } from '../scheme/attendance.js';
import type { DateRange, IsoDate } from '../core/dates.js';
import { absencesOnRestDays, attendanceNotGiven, attendanceRecords, followedUp, fullAttendanceTypedUnpunched, typedAlsoDerived } from '../derive/records.js';
import { isActiveIn, type Cover, type EntryRecord, type MonthlyBase, type Person } from '../core/input.js';
import { quotaRulingKey } from '../score/grades.js';
import { readLeaves, readShifts, resolvePunches } from '../validate/attendance.js';
import { attendanceHours, type HoursFlags } from '../validate/hours.js';
import { csvFlagsOf, csvKeys, readInput, type CsvFlags, type InputSheets, type ReadOptions } from '../read/input.js';
import type { CoveredRange } from '../import/model.js';
import type { ImportNote } from '../import/notes.js';
import { readRunInput, type ExportFlags, type RunInput } from './exports.js';
import { builtinSchemeIds, referencedScheme } from '../scheme/load.js';
import { templateSchemeOf } from '../messages/template.js';
import { rulesOf, type Scheme } from '../scheme/model.js';
import { scorePeriod } from '../score/engine.js';
import type { ScoreResult } from '../score/result.js';
import { guideSheetName, inputSheets, workbookSheets, type SheetRole } from '../core/input-sheets.js';
import { flaggedSettings, periodFromRecords, validateWorkbook, type MonthValidation, type SettingsRead, type ValidateOptions } from '../validate/workbook.js';

export interface ScoreRunOptions extends HoursFlags, CsvFlags, ExportFlags {
  scheme: string;
  /** Workbook bytes read so far and in all, for a progress bar. */
  readonly onProgress?: (done: number, total: number) => void;
  period?: string;
  allowMissingPeer?: boolean;
  calendar?: string;
  /** --notice-days and --point-value: the 设置 values they stand for are not used (flaggedSettings). */
  noticeDays?: string;
  pointValue?: string;
}

export interface ScoreRun {
  scheme: Scheme;
  /** The run's calendar, for what is written after scoring (the notice period). */
  calendar: CalendarSource;
  result: ScoreResult;
  /** The attendance facts the audit lists for follow-up (followUpsOf), when the scheme maps 考勤. */
  followUps: AttendanceEvent[];
  settings: Map<string, string>;
  /** Input warnings (self-ratings, unknown columns…): shown, not fatal. */
  warnings: Problem[];
  /** Every file read, for the 说明 sheet. */
  files: string[];
  /** What the import of exports said (识别为…, the covered range), when an input slot took an export. */
  notes: ImportNote[];
}

/**
 * read → validate → score for one period's workbook. Throws InputError with every problem found:
 * those of reading every file and sheet together with those of validating what could be read.
 */
export async function runScore(inputPath: string | undefined, options: ScoreRunOptions): Promise<ScoreRun & { roster: Person[] }> {
  const context = await runContext(options);
  const { checked, relocate, notes } = await readAndCheck(context, inputPath, options);
  const scored = scoreChecked(context, checked, options);
  if (!scored.run) throw new InputError(relocate(scored.problems));
  const { attendance, ...run } = scored.run;
  // The days without data are said by the derivation (with their working days), not twice.
  return { ...run, followUps: followUpsOf(context.scheme, attendance), warnings: relocate(run.warnings), notes: notes.filter((n) => n.code !== 'no_data_days') };
}

/**
 * The attendance facts the audit lists for follow-up (followedUp: 缺卡, days without data): all a
 * period's outputs read of attendance. At 8,000 staff everyone's attendance is ~9 MB, let go
 * before the outputs are written.
 * @public also used by test/bench/phases.mjs, which imports it from dist/ where knip does not look.
 */
export function followUpsOf(scheme: Scheme, people: readonly PersonAttendance[]): AttendanceEvent[] {
  const follow = followedUp(scheme);
  return people.flatMap((person) => person.events.filter(follow));
}

/**
 * read → validate → derive. The sheets and punches read are let go when this returns, before
 * the result is built (runScore): only what validation and derivation made of them is kept.
 */
async function readAndCheck(context: RunContext, inputPath: string | undefined, options: ScoreRunOptions): Promise<{ checked: CheckedSheets; relocate: RunInput['relocate']; notes: ImportNote[] }> {
  const workbook = await readRunInput(inputPath, csvFlagsOf(options), readOptions(inputPath, options, context.calendar), options, (input, csv, read) => readPeriodInput(input, csv, read, sheetsRead(context.scheme)), ({ covered, file, workbook: read }) =>
    periodOrReadProblems(read, () => choosePeriod(file, options.period, read.sheets, covered)),
  );
  // An export that cannot be read or matched stops here: without its people there is nothing to validate.
  if (workbook.importFailed) throw new InputError(workbook.relocate(workbook.problems));
  return { checked: checkSheets(context, workbook, workbook.period, options), relocate: workbook.relocate, notes: workbook.notes };
}

/**
 * Reads a period's workbook, folder or CSV files. A named pipe, device or the like given as
 * the workbook is refused before any reader opens it (opening a pipe waits forever); each CSV
 * is checked the same way as it is read.
 */
export async function readPeriodInput(input: string | undefined, csv: CsvFlags, read: ReadOptions, wanted: ReadonlyMap<string, readonly string[]> = workbookSheets): Promise<InputSheets> {
  const notAFile = input === undefined ? null : notAFileProblem(input, { folderAllowed: true });
  if (notAFile) return { file: notAFile.at.file, files: [], sheets: new Map(), punches: null, problems: [notAFile] };
  return readInput(input, wanted, csv, read);
}

/**
 * The period, unless it cannot be told and reading failed: then the reading problems are the
 * answer (the period may be in the sheet that could not be read), not a usage error.
 */
export function periodOrReadProblems(workbook: InputSheets, choose: () => Period): Period {
  try {
    return choose();
  } catch (error) {
    if (error instanceof UsageError && hasErrors(workbook.problems)) throw new InputError(workbook.problems);
    if (error instanceof InputError) throw new InputError([...workbook.problems, ...error.problems]);
    throw error;
  }
}

/**
 * The sheets a run reads: all but those no rule of the scheme (nor of the schemes its unit-share
 * items score) uses, so a sheet the scheme ignores is not read and its cells cannot fail the run.
 * Roles are left out only when known unused: a sheet declared later is read until a rule says so.
 */
export function sheetsRead(scheme: Scheme): Map<SheetRole, readonly string[]> {
  const schemes = [scheme, ...scheme.items.flatMap((it) => (it.type === 'unit_share' ? [referencedScheme(it.scheme, scheme.origin)] : []))];
  const uses = (test: (s: Scheme) => boolean) => schemes.some(test);
  const unused = new Set<SheetRole>([
    ...(uses((s) => s.attendance !== null || (s.year?.leave.length ?? 0) > 0) ? [] : (['punches', 'leave', 'shifts'] as const)),
    ...(uses((s) => s.items.some((it) => it.type === 'peer')) ? [] : (['peer'] as const)),
    ...(uses((s) => s.items.some((it) => it.type === 'mark')) ? [] : (['marks'] as const)),
    ...(uses((s) => s.items.flatMap(rulesOf).some((r) => r.kind === 'rate')) ? [] : (['metrics'] as const)),
    ...(uses((s) => s.items.some((it) => it.type === 'monthly')) ? [] : (['monthly'] as const)),
  ]);
  return new Map([...workbookSheets].filter(([role]) => !unused.has(role)));
}

/** The calendar (with --calendar years) and the year dates without one belong to. */
export function readOptions(input: string | undefined, options: { period?: string; onProgress?: ReadOptions['onProgress'] }, calendar: CalendarSource): ReadOptions {
  const period = options.period !== undefined ? parsePeriod(options.period) : input ? periodFromFileName(basename(input)) : null;
  // The official holiday data is loaded when a 考勤 sheet is read.
  return {
    calendar,
    year: period?.year,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  };
}

type ScoreSheetsOptions = Omit<ScoreRunOptions, 'scheme'> & { monthlyBases?: MonthlyBase[]; earlier?: EarlierLeave; covers?: Cover[] };

/**
 * validate → derive → score for one period's sheets, which it takes over (their 记录 rows are let
 * go once validated). Returns every problem found instead of throwing, so a year run can collect
 * the problems of all its months.
 */
export function scoreSheets(context: RunContext, workbook: InputSheets, period: Period, options: ScoreSheetsOptions): ScoredSheets {
  return scoreChecked(context, checkSheets(context, workbook, period, options), options);
}

/**
 * A workbook made from another built-in scheme's template (its 说明 says "…（bingcha-monthly）考核
 * 工作簿填写说明") scored under this one: the two schemes' codes mean different items (1.2 与服务对象
 * 争吵 there is 1.2 早退 here), so every record would count as something else. An error at 说明's A1.
 */
function otherSchemesWorkbook(workbook: InputSheets, scheme: Scheme): Problem[] {
  const made = workbook.guideTitle === undefined ? null : templateSchemeOf(workbook.guideTitle);
  if (made === null || made === scheme.id || !builtinSchemeIds().includes(made)) return [];
  return [problem('workbook_other_scheme', { file: workbook.file, sheet: guideSheetName, row: 1, columnLetter: 'A' }, { made, chosen: scheme.id })];
}

/** What scoring needs of a period's sheets once validated and derived: none of the raw cells or punches. */
interface CheckedSheets {
  validation: MonthValidation;
  /** Typed records and those derived from punches. */
  records: EntryRecord[];
  attendance: PersonAttendance[];
  leaves: LeaveHalfDay[];
  unitTotals: Map<string, Hundredths>;
  problems: Problem[];
  files: string[];
}

/** A period scored, with everyone's attendance (a year's month needs its absences); runScore keeps only the follow-ups. */
type ScoredSheets = { run: (Omit<ScoreRun, 'followUps'> & { attendance: PersonAttendance[]; roster: Person[]; leaves: LeaveHalfDay[] }) | null; problems: Problem[] };

/**
 * validate → derive for one period's sheets, taken over: the 记录 rows are let go once validated.
 * Apart from scoring (scoreChecked) so that a caller can let the raw sheets and punches go before
 * the result is built: at 8,000 staff they are a third of what a run holds at once.
 */
function checkSheets({ scheme, calendar }: RunContext, workbook: InputSheets, period: Period, options: ScoreSheetsOptions): CheckedSheets {
  if (period.kind !== scheme.period) {
    throw new UsageError('period_kind_mismatch', { scheme: scheme.id, schemeKind: scheme.period, period: period.label, periodKind: period.kind });
  }
  const validateOptions = validateOptionsOf(options);
  const validation = validateWorkbook(workbook.file, workbook.sheets, scheme, period, validateOptions);
  const problems = [...otherSchemesWorkbook(workbook, scheme), ...workbook.problems, ...missingAsFlags(withoutEchoes(validation.problems, workbook.problems), workbook)];

  // A unit-share item (个人 300 分随科室) needs the units' totals under the scheme it names,
  // scored from the same workbook.
  const unitTotals = new Map<string, Hundredths>();
  for (const item of scheme.items) {
    if (item.type !== 'unit_share') continue;
    const unitScheme = referencedScheme(item.scheme, scheme.origin);
    const unitValidation = validateWorkbook(workbook.file, workbook.sheets, unitScheme, period, validateOptions);
    problems.push(...missingAsFlags(withoutEchoes(unitValidation.problems, workbook.problems), workbook).filter((p) => !problems.some((q) => sameProblem(p, q))));
    if (!unitValidation.input) continue;
    for (const s of scorePeriod(unitScheme, unitValidation.input, validateOptions).subjects) unitTotals.set(s.key, s.total);
  }
  // The sheets are handed over: the 记录 rows, validated into records, are let go before attendance
  // is derived (at 8,000 staff the raw rows are 19 MB, a fifth of what a run holds then).
  workbook.sheets.delete('records');
  let records = validation.input?.records ?? [];
  let attendance: PersonAttendance[] = [];
  let leaves: LeaveHalfDay[] = [];
  let schedule: Schedule | null = null;
  // Punches and leave are read only for a scheme that scores attendance or has year-end leave
  // consequences: a scheme that never reads them must not fail on them.
  const usesAttendance = scheme.attendance !== null || (scheme.year?.leave.length ?? 0) > 0;
  // They are checked whenever the 人员 sheet is, so their problems come with those of 记录.
  if (usesAttendance && !validation.roster) problems.push(...(workbook.punches?.problems ?? []));
  // A 班次 sheet alone is read too: it says which days a typed 旷工 falls on a working day.
  if (usesAttendance && validation.roster && (workbook.punches || workbook.sheets.has('leave') || workbook.sheets.has('shifts'))) {
    const derived = attendanceOf(workbook, validation.roster, period, validation, options, calendar, scheme.attendance ?? defaultAttendanceRules);
    problems.push(...derived.problems);
    attendance = derived.people;
    leaves = derived.leaves;
    schedule = derived.schedule;
    if (scheme.attendance && workbook.punches) {
      const derivedRecords = attendanceRecords(scheme, scheme.attendance, derived.people, records, period.last);
      problems.push(...typedAlsoDerived(scheme, records, derivedRecords));
      records = [...records, ...derivedRecords];
    }
  }
  if (validation.input) problems.push(...absencesOnRestDays(scheme, validation.input.records, calendar, schedule));
  // Only of a 记录 read without errors: with one, its rows were not all taken, and a typed 迟到 may be among them.
  if (scheme.attendance && !workbook.punches && validation.input) problems.push(...attendanceNotGiven(scheme.attendance, records, workbook.file), ...fullAttendanceTypedUnpunched(scheme, scheme.attendance, records));
  // The leave days read, beside the rules typed by hand that count them (3.1 病事假累计超过20天).
  if (usesAttendance && validation.roster && workbook.sheets.has('leave')) {
    problems.push(...leaveRuleHints(scheme, records, leaves, period, options.earlier ?? null, validation.roster));
  }
  return { validation, records, attendance, leaves, unitTotals, problems, files: workbook.files };
}

/** Scores what checkSheets made of a period's sheets; nothing when a problem stops the run. */
function scoreChecked({ scheme, calendar }: RunContext, checked: CheckedSheets, options: ScoreSheetsOptions): ScoredSheets {
  const { validation, records, attendance, leaves, unitTotals, problems } = checked;
  if (!validation.input || hasErrors(problems)) return { run: null, problems };
  const quotaRulings = scheme.grades && quotaRulingKey(scheme.grades) ? splitIds(validation.settings.get(quotaRulingKey(scheme.grades) ?? '') ?? '') : [];
  const covers = [...(validation.input.covers ?? []), ...(options.covers ?? [])];
  const result = scorePeriod(scheme, { ...validation.input, records, unitTotals, quotaRulings, covers, earlierCounts: options.earlier?.counts ?? null }, validateOptionsOf(options));
  return {
    run: { scheme, calendar, result, attendance, settings: validation.settings, warnings: problems, files: checked.files, roster: validation.input.roster, leaves, notes: [] },
    problems,
  };
}

function validateOptionsOf(options: ScoreSheetsOptions): ValidateOptions {
  return { allowMissingPeer: options.allowMissingPeer ?? false, ...(options.monthlyBases ? { monthly: options.monthlyBases } : {}), flagged: flaggedSettings(options) };
}

/** What attendanceOf returns: each person's attendance, the leave as half days for the year, the days without data. */
interface AttendanceOutcome {
  people: PersonAttendance[];
  leaves: LeaveHalfDay[];
  noData: IsoDate[];
  /** Who works when: 班次 rows, then the calendar. */
  schedule: Schedule;
  problems: Problem[];
}

/**
 * Reads 班次, 考勤 and 请假 and derives each person's attendance by the scheme's hours (as 设置 and
 * the command line override them), the official calendar and the covered range (设置
 * 考勤起始日期/考勤截止日期, or `covered` from an export's 统计日期).
 */
export function attendanceOf(
  workbook: InputSheets,
  roster: readonly Person[],
  period: Period,
  settings: SettingsRead,
  options: HoursFlags & { covered?: DateRange },
  calendarSource: CalendarSource,
  rules: AttendanceRules = defaultAttendanceRules,
): AttendanceOutcome {
  const { hours, covered, problems } = attendanceHours(rules.hours, settings, options, workbook.file, period);
  const calendar = calendarSource();
  const shiftRaw = workbook.sheets.get('shifts');
  const shifts = shiftRaw ? readShifts(shiftRaw, roster, period, hours) : { rows: [], problems: [] };
  problems.push(...shifts.problems);
  const schedule = new Schedule(hours, calendar, shifts.rows);
  const leaveRaw = workbook.sheets.get('leave');
  const leaves = leaveRaw ? readLeaves(leaveRaw, roster, period, rules.words, calendar) : { leaves: [], problems: [] };
  problems.push(...leaves.problems);
  // Punches are read even when 班次 or 请假 has a problem, so every problem is reported at once.
  const reading = workbook.punches ? resolvePunches(workbook.punches, roster, period, schedule) : null;
  problems.push(...(reading?.problems ?? []));
  const years = periodYears(period);
  const halves = leaveHalfDays(leaves.leaves, roster, schedule, years);
  problems.push(...leaveClashes(leaves.leaves, roster, schedule, reading?.punches ?? null, years), ...untypedLeaveDays(halves, roster), ...leaveLengthsDiffering(leaves.leaves, roster, schedule));
  // Without punches there is nothing to derive; the leave rows still count at year end.
  if (!reading || hasErrors(problems)) return { people: [], leaves: halves, noData: [], schedule, problems };
  const active = roster.filter((p) => isActiveIn(p, period));
  const derived = deriveAttendance({
    period,
    roster: active,
    schedule,
    punches: reading.punches,
    leaves: leaves.leaves,
    covered: options.covered ?? covered,
    punchSheet: { file: workbook.punches?.file ?? workbook.file, sheet: workbook.punches?.sheet ?? '考勤' },
    locate: (p) => workbook.punches!.locate({ ...p, session: null }),
  });
  // (a calendar year unknown is reported by the derivation: no day is looked at then)
  const hint = workbook.twoPunchesADay && !hasErrors(derived.problems) ? twoPunchHint(schedule, active, period, workbook.twoPunchesADay) : [];
  const silent = workbook.punches?.fromExport || hasErrors(derived.problems) ? [] : daysNobodyPunched(derived.people, reading.punches);
  // Said once, with the ways to narrow it.
  const silentWarning = silent.length === 0 ? [] : [problem('punches_days_nobody_punched', { file: workbook.punches!.file, sheet: workbook.punches!.sheet }, { count: silent.length, days: dayRunsText(silent) }, 'warning')];
  return { people: derived.people, leaves: halves, noData: derived.noData, schedule, problems: [...problems, ...derived.problems, ...hint, ...silentWarning] };
}

/**
 * What could not be read is not reported again by validation: no "缺少工作表" where the file
 * itself could not be read or reading that sheet (its CSV file) failed, and nothing more on a
 * cell whose reading failed (a formula without a result is not also a missing 分值).
 */
export function withoutEchoes(found: readonly Problem[], reading: readonly Problem[]): Problem[] {
  const failed = reading.filter((p) => p.severity === 'error');
  // A file refused stops its reading there (the sheets after were not read); a sheet failed under an alias of the role (a chart sheet named Records) is the role's sheet that failed.
  const unreadSheet = (p: Problem) => failed.some((f) => (f.at.sheet === undefined || f.code === 'file_unreadable' ? f.at.file === p.at.file : f.at.sheet === p.args.sheet || f.args.role === p.args.sheet));
  const unreadCell = (p: Problem) => p.at.columnLetter !== undefined && failed.some((f) => f.at.columnLetter === p.at.columnLetter && f.at.row === p.at.row && f.at.sheet === p.at.sheet && f.at.file === p.at.file);
  return found.filter((p) => !(p.code === 'sheet_missing' && unreadSheet(p)) && !unreadCell(p));
}

/**
 * A sheet missing where the sheets were given one by one by flag (--roster 人员.csv …): said as
 * the flag that gives it (缺少工作表“记录” named no flag, and no workbook was given to lack it).
 */
export function missingAsFlags(found: readonly Problem[], workbook: InputSheets): Problem[] {
  if (!workbook.byFlags) return [...found];
  return found.map((p) => {
    const role = p.code === 'sheet_missing' ? inputSheets.find((s) => s.names[0] === p.args.sheet)?.role : undefined;
    const flag = csvKeys.find((key) => key === role);
    return flag ? problem('sheet_not_given', p.at, { sheet: String(p.args.sheet), flag }) : p;
  });
}

/** 工号 listed in a setting: "001,003", "001，003" or "001、003". */
function splitIds(text: string): string[] {
  return text
    .normalize('NFKC')
    .split(/[,，、;；\s]+/)
    .map((id) => id.trim())
    .filter(Boolean);
}

function sameProblem(a: Problem, b: Problem): boolean {
  return a.code === b.code && a.at.sheet === b.at.sheet && a.at.row === b.at.row && a.at.column === b.at.column;
}


/**
 * --period, else the file name (2026-10.xlsx, 2026年10月.xlsx), else the month an export's
 * covered range falls in, else the month all records fall in (input-format.md's order). An export
 * with not a day of the file name's period (March's punches beside 2026-04.xlsx) stops the run,
 * naming both: scored either way, one of them would be another month's.
 */
function choosePeriod(inputPath: string, flag: string | undefined, sheets: Parameters<typeof periodFromRecords>[0], covered: CoveredRange | null): Period {
  if (flag !== undefined) {
    const period = parsePeriod(flag);
    if (!period) throw new UsageError('period_invalid', { value: flag });
    return period;
  }
  const named = periodFromFileName(basename(inputPath));
  if (named && covered && (covered.last < named.first || covered.first > named.last)) {
    throw new InputError([problem('export_period_not_named', covered.where, { first: covered.first, last: covered.last, file: basename(inputPath), period: named.label })]);
  }
  const coveredMonth = covered && covered.first.slice(0, 7) === covered.last.slice(0, 7) ? parsePeriod(covered.first.slice(0, 7)) : null;
  const period = named ?? coveredMonth ?? periodFromRecords(sheets);
  if (!period) throw new UsageError('period_unknown', { file: basename(inputPath) });
  return period;
}

import { calendarOf } from './context.js';
import { basename } from 'node:path';
import { hasErrors, InputError, problem, UsageError } from '../core/problems.js';
import { parsePeriod, periodFromFileName, rangePeriod, type Period } from '../core/period.js';
import type { PersonAttendance } from '../derive/attendance.js';
import { compareVerdicts, type Agreement } from '../derive/compare.js';
import { csvFlagsOf, type CsvFlags } from '../read/input.js';
import type { ImportNote } from '../import/notes.js';
import { validateRosterOnly } from '../validate/workbook.js';
import type { HoursFlags } from '../validate/hours.js';
import type { Problem } from '../core/problems.js';
import type { IsoDate } from '../core/dates.js';
import { defaultAttendanceRules } from '../scheme/attendance.js';
import { loadScheme } from '../scheme/load.js';
import { attendanceOf, missingAsFlags, periodOrReadProblems, readOptions, readPeriodInput, withoutEchoes } from './score.js';
import { fromTo, readRunInput, type ExportFlags } from './exports.js';

export interface AttendanceRun {
  people: PersonAttendance[];
  period: Period;
  settings: Map<string, string>;
  warnings: Problem[];
  noData: IsoDate[];
  files: string[];
  /** What the import of an export said (识别为…, the covered range). */
  notes: ImportNote[];
  /** Agreement with the platform's own verdicts, when the export carries them. */
  agreement: Agreement[];
}

/**
 * `kaohe attendance`: attendance per person from 考勤, 请假 and 班次, without scoring, by the
 * hours and leave words of `scheme` when given (else 003's hours and the exports' words). The
 * period is --from/--to, else --period, else the days an export covers, else the month in the
 * file name.
 */
export async function runAttendance(input: string | undefined, options: HoursFlags & CsvFlags & ExportFlags & { period?: string; calendar?: string; scheme?: string }): Promise<AttendanceRun> {
  const calendar = calendarOf(options.calendar);
  const scheme = options.scheme === undefined ? null : await loadScheme(options.scheme);
  const rules = scheme?.attendance ?? defaultAttendanceRules;
  const workbook = await readRunInput(input, csvFlagsOf(options), readOptions(input, options, calendar), options, readPeriodInput, ({ covered, file, workbook: read }) =>
    periodOrReadProblems(read, () => attendancePeriod(options, covered, file)),
  );
  if (workbook.importFailed) throw new InputError(workbook.relocate(workbook.problems));
  const period = workbook.period;
  // Every problem at once: reading, 人员, 考勤 and 请假 together.
  const missing = workbook.punches ? [] : [problem('sheet_missing', { file: workbook.file }, { sheet: '考勤', aliases: '打卡' })];
  const { roster, problems, ...settingsRead } = validateRosterOnly(workbook.file, workbook.sheets, period, scheme);
  const derived = roster ? attendanceOf(workbook, roster, period, settingsRead, options, calendar, rules) : { people: [], noData: [], problems: workbook.punches?.problems ?? [] };
  const all = workbook.relocate([...workbook.problems, ...missingAsFlags(withoutEchoes([...missing, ...problems], workbook.problems), workbook), ...derived.problems]);
  if (!roster || hasErrors(all)) throw new InputError(all);
  const agreement = workbook.verdicts.length > 0 ? compareVerdicts(derived.people, workbook.verdicts, workbook.spoken, workbook.dayPunches) : [];
  // The days without data are said by the derivation (with their working days), not twice.
  const notes = workbook.notes.filter((n) => n.code !== 'no_data_days');
  return { people: derived.people, period, settings: settingsRead.settings, warnings: all, noData: derived.noData, files: workbook.files, notes, agreement };
}

function attendancePeriod(options: ExportFlags & { period?: string }, covered: { first: string; last: string } | null, file: string): Period {
  const range = fromTo(options);
  if (range) return rangePeriod(range.first, range.last);
  if (options.period !== undefined) {
    const period = parsePeriod(options.period);
    if (!period || period.kind !== 'month') throw new UsageError('attendance_period_not_month', { value: options.period });
    return period;
  }
  if (covered) return rangePeriod(covered.first as Period['first'], covered.last as Period['last']);
  const period = periodFromFileName(basename(file));
  if (!period || period.kind !== 'month') throw new UsageError('attendance_period_missing');
  return period;
}

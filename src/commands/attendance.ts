import { basename } from 'node:path';
import { hasErrors, InputError, problem, UsageError } from '../core/problems.js';
import { parsePeriod, periodFromFileName } from '../core/period.js';
import type { PersonAttendance } from '../derive/attendance.js';
import { csvFlagsOf, type CsvFlags } from '../read/input.js';

import { attendanceOf, periodOrReadProblems, readOptions, readPeriodInput, withoutEchoes } from './score.js';
import { validateRosterOnly } from '../validate/workbook.js';
import type { HoursFlags } from '../validate/hours.js';
import type { Period } from '../core/period.js';
import type { Problem } from '../core/problems.js';
import type { IsoDate } from '../core/dates.js';
import { defaultAttendanceRules } from '../scheme/attendance.js';
import { loadScheme } from '../scheme/load.js';

/**
 * `kaohe attendance`: the month's attendance per person from 考勤, 请假 and 班次, without scoring,
 * by the hours and leave words of `scheme` when given (else 003's hours and the exports' words).
 */
export async function runAttendance(
  input: string | undefined,
  options: HoursFlags & CsvFlags & { period?: string; calendar?: string; scheme?: string },
): Promise<{ people: PersonAttendance[]; period: Period; settings: Map<string, string>; warnings: Problem[]; noData: IsoDate[]; files: string[] }> {
  const rules = options.scheme === undefined ? defaultAttendanceRules : (loadScheme(options.scheme).attendance ?? defaultAttendanceRules);
  const workbook = await readPeriodInput(input, csvFlagsOf(options), readOptions(input, options));
  const period = periodOrReadProblems(workbook, () => {
    const found = options.period !== undefined ? parsePeriod(options.period) : periodFromFileName(basename(workbook.file));
    if (!found || found.kind !== 'month') throw new UsageError(`请用 --period 指定考勤月份，例如 --period 2026-10`);
    return found;
  });
  // Every problem at once: reading, 人员, 考勤 and 请假 together.
  const missing = workbook.punches ? [] : [problem('sheet_missing', { file: workbook.file }, { sheet: '考勤', aliases: '打卡' })];
  const { roster, settings, problems } = validateRosterOnly(workbook.file, workbook.sheets, period);
  const derived = roster ? attendanceOf(workbook, roster, period, settings, options, rules) : { people: [], noData: [], problems: workbook.punches?.problems ?? [] };
  const all = [...workbook.problems, ...withoutEchoes([...missing, ...problems], workbook.problems), ...derived.problems];
  if (!roster || hasErrors(all)) throw new InputError(all);
  return { people: derived.people, period, settings, warnings: all, noData: derived.noData, files: workbook.files };
}

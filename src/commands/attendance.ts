import { workbookSheets } from '../core/input-sheets.js';
import { basename } from 'node:path';
import { hasErrors, InputError, UsageError } from '../core/problems.js';
import { parsePeriod, periodFromFileName } from '../core/period.js';
import type { PersonAttendance } from '../derive/attendance.js';
import { csvFlagsOf, readInput, type CsvFlags } from '../read/input.js';

import { attendanceOf, readOptions } from './score.js';
import { validateRosterOnly } from '../validate/workbook.js';
import type { HoursFlags } from '../validate/hours.js';
import type { Period } from '../core/period.js';
import type { Problem } from '../core/problems.js';

/** `kaohe attendance`: the month's attendance per person from 考勤 and 请假, without scoring. */
export async function runAttendance(
  input: string | undefined,
  options: HoursFlags & CsvFlags & { period?: string; calendar?: string },
): Promise<{ people: PersonAttendance[]; period: Period; settings: Map<string, string>; warnings: Problem[] }> {
  const workbook = await readInput(input, workbookSheets, csvFlagsOf(options), readOptions(input, options));
  if (hasErrors(workbook.problems)) throw new InputError(workbook.problems);
  const period = options.period !== undefined ? parsePeriod(options.period) : periodFromFileName(basename(workbook.file));
  if (!period || period.kind !== 'month') throw new UsageError(`请用 --period 指定考勤月份，例如 --period 2026-10`);
  if (!workbook.punches) throw new InputError([{ code: 'sheet_missing', severity: 'error', at: { file: workbook.file }, args: { sheet: '考勤', aliases: '打卡' } }]);
  const { roster, settings, problems } = validateRosterOnly(workbook.file, workbook.sheets, period);
  const derived = roster ? attendanceOf(workbook, roster, period, settings, options) : { people: [], problems: [] };
  const all = [...workbook.problems, ...problems, ...derived.problems];
  if (!roster || hasErrors(all)) throw new InputError(all);
  return { people: derived.people, period, settings, warnings: all };
}
